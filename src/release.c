/* Releasing a plan: baseline, state, audit log, feeds, reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fault.h"
#include "lock.h"
#include "pubplan.h"
#include "report.h"
#include "report_html.h"
#include "release.h"
#include "tz.h"
#include "xmalloc.h"

int
release_open(struct release *r, const struct net *n, const char *dir,
	     const char *state, double wait_s, char **cause)
{
	memset(r, 0, sizeof *r);
	r->net = n;
	r->lock = -1;
	r->dir = xstrdup(dir);
	r->state = xstrdup(state);
	/* The folder first: the lock and the state live in it. */
	if ((r->reports = publish_open(dir, cause)) == NULL)
		return -1;
	if ((r->lock = lock_take(state, wait_s, cause)) < 0)
		return r->lock;
	if ((r->store = store_open(state, cause)) == NULL)
		return -1;
	return 0;
}

void
release_close(struct release *r)
{
	if (r->reports != NULL)
		publish_abort(r->reports);
	store_close(r->store);
	lock_release(r->lock);
	if (r->has_baseline)
		plan_free(&r->published);
	free(r->published_day);
	free(r->change_cost);
	free(r->carry);
	free(r->previous);
	free(r->dir);
	free(r->state);
	memset(r, 0, sizeof *r);
	r->lock = -1;
}

static int
write_text(FILE *f, const void *arg)
{
	const struct release_plan *o = arg;

	return report_text(f, o->net, o->plan);
}

static int
write_html(FILE *f, const void *arg)
{
	const struct release_plan *o = arg;

	return report_html(f, o->net, o->plan);
}

static int
write_assignments(FILE *f, const void *arg)
{
	const struct release_plan *o = arg;

	return report_csv_assignments(f, o->net, o->plan);
}

static int
write_fairness(FILE *f, const void *arg)
{
	const struct release_plan *o = arg;

	return report_csv_fairness(f, o->net, o->plan);
}

static int
write_uncovered(FILE *f, const void *arg)
{
	const struct release_plan *o = arg;

	return report_csv_uncovered(f, o->net, o->plan);
}

static const struct {
	const char *name;
	publish_writer writer;
} outputs[] = {
    {"rota.txt", write_text},
    {"rota.html", write_html},
    {"assignments.csv", write_assignments},
    {"fairness.csv", write_fairness},
    {"uncovered.csv", write_uncovered},
};

/* When a slot starts, as Unix time. */
static long long
slot_start(const struct net *n, const struct net_slot *s)
{
	long long t = 0;
	int y, m, d;

	date_to_ymd(s->date, &y, &m, &d);
	tz_local_to_unix(n->timezone, y, m, d, n->sessions[s->session].start,
			 &t);
	return t;
}

/* Nearer changes cost more: people have made plans around them. */
static int
change_price(long long ahead)
{
	if (ahead < 48 * 3600)
		return SOLVE_W_CHANGE_SOON;
	if (ahead < 7 * 86400)
		return SOLVE_W_CHANGE_WEEK;
	return SOLVE_W_CHANGE_LATER;
}

/*
 * Where each person was, weekday by weekday, in the week before monday
 * when it was published: continuity for the days not published yet.
 */
static int
previous_week(struct release *r, date_t monday, char **cause)
{
	const struct net *n = r->net;
	struct plan prev;
	char date[16], until[11];
	int k, j, size = NET_DAYS * NET_MAX_SESSIONS * n->nstaff;

	date_format(monday - 7, date);
	if (store_published_until(r->store, date, until, cause) != 0)
		return -1;
	if (until[0] == '\0')
		return 0;
	if (pubplan_load(n, r->store, monday - 7, 1, true, &prev, cause) != 0)
		return -1;
	r->previous = xreallocarray(NULL, (size_t)size + 1, sizeof(int));
	for (k = 0; k < size; k++)
		r->previous[k] = -1;
	for (j = 0; j < prev.nassigns; j++) {
		const struct plan_assign *a = &prev.assigns[j];
		const struct net_slot *s = &prev.slots[a->slot];

		r->previous[(s->day * NET_MAX_SESSIONS + s->session) *
				n->nstaff +
			    a->staff] = a->site;
	}
	plan_free(&prev);
	r->base.previous = r->previous;
	return 0;
}

const struct model_baseline *
release_baseline(struct release *r, date_t monday, int weeks, long long now,
		 int *failed, char **cause)
{
	const struct net *n = r->net;
	struct plan *p = &r->published;
	char date[16], until[11];
	int t, d, any = 0;

	*failed = 0;
	if (pubplan_load(n, r->store, monday, weeks, true, p, cause) != 0 ||
	    pubplan_carry(n, r->store, monday, &r->carry, cause) != 0) {
		*failed = -1;
		return NULL;
	}
	r->base.carry = r->carry;
	if (previous_week(r, monday, cause) != 0) {
		*failed = -1;
		return NULL;
	}
	r->has_baseline = true;
	r->published_day = xcalloc((size_t)(7 * weeks) + 1, sizeof(bool));
	for (d = 0; d < 7 * weeks; d++) {
		date_format(monday + d, date);
		if (store_published_until(r->store, date, until, cause) != 0) {
			*failed = -1;
			return NULL;
		}
		r->published_day[d] = until[0] != '\0';
		any |= r->published_day[d];
	}
	if (!any)
		return &r->base; /* balances only */
	r->change_cost = xcalloc((size_t)p->nslots + 1, sizeof(int));
	r->base.frozen = 0;
	for (t = 0; t < p->nslots; t++) {
		long long start = slot_start(n, &p->slots[t]);

		if (start <= now)
			r->base.frozen = t + 1;
		if (r->published_day[p->slots[t].date - monday])
			r->change_cost[t] = change_price(start - now);
	}
	r->base.assigns = p->assigns;
	r->base.nassigns = p->nassigns;
	r->base.change_cost = r->change_cost;
	r->use_baseline = true;
	return &r->base;
}

/* The plan's placements, by identifier, for the state. */
static void
plan_assignments(const struct net *n, const struct plan *p,
		 struct store_assign **assigns)
{
	char date[16];
	int j;

	*assigns =
	    xreallocarray(NULL, (size_t)p->nassigns + 1, sizeof **assigns);
	for (j = 0; j < p->nassigns; j++) {
		const struct plan_assign *a = &p->assigns[j];

		date_format(p->slots[a->slot].date, date);
		(*assigns)[j].date = xstrdup(date);
		(*assigns)[j].session =
		    xstrdup(n->sessions[p->slots[a->slot].session].id);
		(*assigns)[j].staff = xstrdup(n->staff[a->staff].id);
		(*assigns)[j].practice = xstrdup(
		    a->practice >= 0 ? n->practices[a->practice].id : "");
		(*assigns)[j].site = xstrdup(n->sites[a->site].id);
	}
}

/* At which site each person is in each slot: [slot * nstaff + staff], -1
 * for nowhere. */
static int *
placement_map(const struct net *n, const struct plan *p)
{
	int *map = xreallocarray(
	    NULL, (size_t)p->nslots * (size_t)n->nstaff + 1, sizeof(int));
	int j;

	for (j = 0; j < p->nslots * n->nstaff; j++)
		map[j] = -1;
	for (j = 0; j < p->nassigns; j++)
		map[p->assigns[j].slot * n->nstaff + p->assigns[j].staff] =
		    p->assigns[j].site;
	return map;
}

static const char *
absence_name(const struct net *n, int staff, const struct net_slot *s)
{
	const struct net_staff *st = &n->staff[staff];
	int i;

	for (i = 0; i < st->nleave; i++) {
		const struct net_leave *l = &st->leave[i];

		if (s->date < l->from || s->date > l->to ||
		    (l->session >= 0 && l->session != s->session))
			continue;
		switch (l->kind) {
		case NET_SICKNESS:
			return "sickness";
		case NET_TRAINING:
			return "training";
		default:
			return "leave";
		}
	}
	return NULL;
}

/* Why a person's session changed, as far as the network file tells. */
static const char *
change_reason(const struct net *n, const struct net_slot *s, int staff,
	      int from, int to)
{
	const char *away = absence_name(n, staff, s);
	int q;

	if (from >= 0 && away != NULL)
		return away;
	if (from >= 0 && !n->staff[staff].works[s->day][s->session])
		return "availability";
	if (from >= 0 && (!net_may_work_at_site(n, staff, from) ||
			  net_rooms(n, from, s) <= 0))
		return "practice";
	for (q = 0; to >= 0 && q < n->nrequests; q++)
		if (n->requests[q].practice == n->sites[to].practice &&
		    n->requests[q].role == n->staff[staff].role &&
		    net_request_in_slot(&n->requests[q], s))
			return "request";
	return "cover";
}

/* The published placements that differ in the new plan. */
static void
plan_changes(const struct release *r, const struct plan *p, long long now,
	     struct store_change **out, int *nout, int *staff_changed)
{
	const struct net *n = r->net;
	int *before = placement_map(n, &r->published);
	int *after = placement_map(n, p);
	bool *staff = xcalloc((size_t)n->nstaff + 1, sizeof(bool));
	char date[16];
	int t, i, k;

	*out = xreallocarray(NULL, (size_t)p->nslots * (size_t)n->nstaff + 1,
			     sizeof **out);
	*nout = *staff_changed = 0;
	for (t = 0; t < p->nslots; t++) {
		if (!r->published_day[p->slots[t].date - p->monday])
			continue;
		date_format(p->slots[t].date, date);
		for (i = 0; i < n->nstaff; i++) {
			struct store_change *c;

			k = t * n->nstaff + i;
			if (before[k] == after[k])
				continue;
			c = &(*out)[(*nout)++];
			c->at = now;
			c->date = xstrdup(date);
			c->session =
			    xstrdup(n->sessions[p->slots[t].session].id);
			c->staff = xstrdup(n->staff[i].id);
			c->from = xstrdup(
			    before[k] >= 0 ? n->sites[before[k]].id : "");
			c->to =
			    xstrdup(after[k] >= 0 ? n->sites[after[k]].id : "");
			c->reason = xstrdup(change_reason(n, &p->slots[t], i,
							  before[k], after[k]));
			if (!staff[i])
				(*staff_changed)++;
			staff[i] = true;
		}
	}
	free(before);
	free(after);
	free(staff);
}

/* The plan, its changes and its horizon, in one transaction. */
static int
record(struct release *r, const struct plan *p, const struct feed_opts *fo,
       struct feed_set **feeds, char **cause)
{
	const struct net *n = r->net;
	struct store_assign *assigns;
	struct store_event *events;
	struct store_change *changes = NULL;
	struct store_balance *balances;
	char from[16], to[16], last_monday[16];
	int nevents, nchanges = 0, nbalances, touched, rc = -1;

	r->changed = r->staff_changed = 0;
	if (r->use_baseline) {
		plan_changes(r, p, fo->now, &changes, &nchanges,
			     &r->staff_changed);
		r->changed = nchanges;
	}
	plan_assignments(n, p, &assigns);
	feed_events(n, p, &events, &nevents);
	pubplan_balances(n, p, &balances, &nbalances);
	date_format(p->monday, from);
	date_format(p->monday + 7 * p->weeks - 1, to);
	date_format(p->monday + 7 * (p->weeks - 1), last_monday);
	if (store_begin(r->store, cause) == 0 &&
	    store_publish(r->store, from, to, assigns, p->nassigns, events,
			  nevents, fo->now, fo->keep_cancelled, &touched,
			  cause) == 0 &&
	    store_add_changes(r->store, changes, nchanges, cause) == 0 &&
	    store_put_balances(r->store, from, last_monday, balances, nbalances,
			       cause) == 0 &&
	    store_add_horizon(r->store, from, to, fo->now, cause) == 0 &&
	    /* The feeds are written before the state commits (as the
	     * transaction sees it): a full disk stops both. */
	    (*feeds = feed_prepare(n, r->store, r->dir, fo, cause)) != NULL) {
		fault_point("commit");
		rc = store_commit(r->store, cause);
	}
	if (rc != 0) {
		store_rollback(r->store);
		feed_abort(*feeds);
		*feeds = NULL;
	}
	store_assigns_free(assigns, p->nassigns);
	store_events_free(events, nevents);
	store_changes_free(changes, nchanges);
	store_balances_free(balances, nbalances);
	return rc;
}

int
release_commit(struct release *r, const struct plan *p,
	       const struct feed_opts *fo, const struct release_plan *arg,
	       char **cause)
{
	struct feed_set *feeds = NULL;
	size_t i;

	/* Reports are written first, put in place last. */
	for (i = 0; i < sizeof outputs / sizeof *outputs; i++)
		if (publish_add(r->reports, outputs[i].name, 0644,
				outputs[i].writer, arg, cause) != 0)
			return -1;
	fault_point("solved");
	if (record(r, p, fo, &feeds, cause) != 0)
		return -1;
	fault_point("feeds");
	if (feed_commit(feeds, cause) != 0)
		return -1;
	i = (size_t)publish_commit(r->reports, cause);
	r->reports = NULL;
	return i == 0 ? 0 : -1;
}

void
release_summary(const struct release *r, const struct plan *p, char *buf,
		size_t len)
{
	if (r->use_baseline)
		snprintf(buf, len,
			 "%d session%s changed for %d staff; %d request%s "
			 "uncovered",
			 r->changed, r->changed == 1 ? "" : "s",
			 r->staff_changed, p->nuncovered,
			 p->nuncovered == 1 ? "" : "s");
	else
		snprintf(buf, len,
			 "%d session%s planned; %d request%s uncovered",
			 p->nassigns, p->nassigns == 1 ? "" : "s",
			 p->nuncovered, p->nuncovered == 1 ? "" : "s");
}
