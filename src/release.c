/* Releasing a plan: baseline, state, audit log, feeds, reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "delivered.h"
#include "digest.h"
#include "fault.h"
#include "lock.h"
#include "pubplan.h"
#include "report.h"
#include "report_html.h"
#include "release.h"
#include "status.h"
#include "tz.h"
#include "xmalloc.h"

/* How the feeds are named: every feed by a secret token. */
#define RELEASE_NAMES "secret"

static int identify(struct release *, char **);

int
release_open(struct release *r, const struct net *n, const char *dir,
	     const char *state, long long now, double wait_s, char **cause)
{
	int minutes;

	memset(r, 0, sizeof *r);
	r->net = n;
	r->lock = -1;
	r->now = now;
	if (tz_unix_to_local(n->timezone, now, &r->today, &minutes) != 0)
		r->today = (date_t)(now / 86400), minutes = 0;
	date_format_stamp(r->today, minutes, r->started);
	r->dir = xstrdup(dir);
	r->state = xstrdup(state);
	/*
	 * The folder first: the lock and the state live in it. Nothing in
	 * it is touched before the lock is held: the temporary files there
	 * may be another run's.
	 */
	if (publish_make_folder(dir, cause) != 0)
		return -1;
	if ((r->lock = lock_take(state, wait_s, cause)) < 0)
		return r->lock;
	if ((r->reports = publish_open(dir, cause)) == NULL ||
	    (r->store = store_open(state, cause)) == NULL)
		return -1;
	return identify(r, cause);
}

/*
 * The network's key, and a state of another network refused: one none
 * of whose practices is in the network file.
 */
static int
identify(struct release *r, char **cause)
{
	const struct net *n = r->net;
	char **ids;
	int nids, i, known = 0;

	if (store_network_key(r->store, n->name, &r->key, cause) != 0 ||
	    store_practices(r->store, &ids, &nids, cause) != 0)
		return -1;
	for (i = 0; i < nids; i++)
		known += net_find_practice(n, ids[i]) >= 0;
	if (nids > 0 && known == 0)
		xasprintf(cause,
			  "%s: the state of another network (practices %s%s): "
			  "give each network its own output folder or --state",
			  r->state, ids[0], nids > 1 ? ", ..." : "");
	store_strings_free(ids, nids);
	return nids > 0 && known == 0 ? -1 : 0;
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
	free(r->key);
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

int
release_inputs(struct release *r, bool *same, bool *in_place, char **cause)
{
	char hex[DIGEST_HEX_LEN + 1], *last;

	*same = *in_place = false;
	if (store_get(r->store, "input", &last, cause) != 0)
		return -1;
	digest_hex(&r->net->input, hex);
	*same = last != NULL && strcmp(last, hex) == 0;
	free(last);
	/* A run killed before its files were in place left them behind. */
	if (store_get(r->store, "files", &last, cause) != 0)
		return -1;
	*in_place = last == NULL || strcmp(last, "in place") == 0;
	free(last);
	/*
	 * Feeds published before every feed had a secret name: published
	 * again, under those names, which removes the guessable files.
	 */
	if (store_get(r->store, "names", &last, cause) != 0)
		return -1;
	if (last == NULL || strcmp(last, RELEASE_NAMES) != 0)
		*in_place = false;
	free(last);
	return 0;
}

const struct model_baseline *
release_baseline(struct release *r, date_t monday, int weeks, int *failed,
		 char **cause)
{
	const struct net *n = r->net;
	struct plan *p = &r->published;
	long long now = r->now;
	char date[16];
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
		if (store_is_published(r->store, date, &r->published_day[d],
				       cause) != 0) {
			*failed = -1;
			return NULL;
		}
		any |= r->published_day[d];
	}
	if (!any && r->fill_started)
		return &r->base; /* balances only */
	/*
	 * Started sessions are kept as published (none, if never published);
	 * with no new input, so is every published session.
	 */
	r->change_cost = xcalloc((size_t)p->nslots + 1, sizeof(int));
	r->base.frozen = 0;
	for (t = 0; t < p->nslots; t++) {
		long long start = slot_start(n, &p->slots[t]);
		bool published = r->published_day[p->slots[t].date - monday];

		if (start <= now ||
		    (r->keep_published && published && r->base.frozen == t))
			r->base.frozen = t + 1;
		if (published)
			r->change_cost[t] = change_price(start - now);
	}
	r->base.assigns = p->assigns;
	r->base.nassigns = p->nassigns;
	r->base.change_cost = r->change_cost;
	/* A nightly run reports changes, even on days new to it. */
	r->use_baseline = any || !r->fill_started;
	return &r->base;
}

/* The plan's placements, by identifier, for the state. */
static void
plan_assignments(const struct net *n, const struct plan *p,
		 struct store_assign **assigns)
{
	char date[16], start[DATE_STAMP_LEN];
	int j;

	*assigns =
	    xreallocarray(NULL, (size_t)p->nassigns + 1, sizeof **assigns);
	for (j = 0; j < p->nassigns; j++) {
		const struct plan_assign *a = &p->assigns[j];
		const struct net_slot *s = &p->slots[a->slot];

		date_format(s->date, date);
		date_format_stamp(s->date, n->sessions[s->session].start,
				  start);
		(*assigns)[j].date = xstrdup(date);
		(*assigns)[j].session = xstrdup(n->sessions[s->session].id);
		(*assigns)[j].staff = xstrdup(n->staff[a->staff].id);
		(*assigns)[j].practice = xstrdup(
		    a->practice >= 0 ? n->practices[a->practice].id : "");
		(*assigns)[j].site = xstrdup(n->sites[a->site].id);
		(*assigns)[j].dtstart = xstrdup(start);
	}
}

static const char *const reason_names[RELEASE_NREASONS] = {
    "leave", "sickness", "training", "availability", "practice",
    "left",  "closed",	 "request",  "cover"};

static enum release_reason
absence_reason(const struct net *n, int staff, const struct net_slot *s)
{
	const struct net_leave *l = net_leave_at(n, staff, s->date, s->session);

	if (l != NULL)
		switch (l->kind) {
		case NET_SICKNESS:
			return RELEASE_SICKNESS;
		case NET_TRAINING:
			return RELEASE_TRAINING;
		default:
			return RELEASE_LEAVE;
		}
	return RELEASE_NREASONS;
}

/*
 * Why a person's published session changed, as far as the network file
 * tells: old and new are the placements before and after (either NULL).
 */
static enum release_reason
change_reason(const struct net *n, const struct store_assign *old,
	      const struct store_assign *new)
{
	const struct store_assign *a = old != NULL ? old : new;
	int staff = net_find_staff(n, a->staff);
	int from = old != NULL ? net_find_site(n, old->site) : -1;
	int to = new != NULL ? net_find_site(n, new->site) : -1;
	enum release_reason away;
	struct net_slot s;
	int q;

	if (staff < 0)
		return RELEASE_LEFT;
	if (old != NULL && from < 0)
		return RELEASE_CLOSED;
	memset(&s, 0, sizeof s);
	if (date_parse(a->date, &s.date) != 0 ||
	    (s.session = net_find_session(n, a->session)) < 0)
		return RELEASE_AVAILABILITY;
	s.day = s.date - date_week_monday(s.date);
	s.parity = net_week_parity(n, s.date);
	away = absence_reason(n, staff, &s);
	if (from >= 0 && away != RELEASE_NREASONS)
		return away;
	if (from >= 0 && !net_works(n, staff, &s))
		return RELEASE_AVAILABILITY;
	if (from >= 0 && (!net_may_work_at_site(n, staff, from) ||
			  net_rooms(n, from, &s) <= 0))
		return RELEASE_PRACTICE;
	for (q = 0; to >= 0 && q < n->nrequests; q++)
		if (n->requests[q].practice == n->sites[to].practice &&
		    n->requests[q].role == n->staff[staff].role &&
		    net_request_in_slot(&n->requests[q], &s))
			return RELEASE_REQUEST;
	return RELEASE_COVER;
}

static int
assign_cmp(const void *va, const void *vb)
{
	const struct store_assign *a = va, *b = vb;
	int c;

	if ((c = strcmp(a->date, b->date)) != 0 ||
	    (c = strcmp(a->session, b->session)) != 0)
		return c;
	return strcmp(a->staff, b->staff);
}

static int
string_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The published placements (old, of the plan's dates) that the new ones
 * change, by identifier: a person or place gone from the network counts
 * too. Both are the state's, before and after publishing (so what the
 * state kept as started is no change), sorted by date, session, staff.
 */
static void
diff_placements(struct release *r, const struct plan *p,
		const struct store_assign *old, int nold,
		const struct store_assign *new, int nnew, long long now,
		struct store_change **out, int *nout)
{
	const char **who;
	int i = 0, j = 0, k, c, days = 7 * p->weeks;
	date_t d;

	*out = xreallocarray(NULL, (size_t)(nold + nnew) + 1, sizeof **out);
	who = xreallocarray(NULL, (size_t)(nold + nnew) + 1, sizeof *who);
	*nout = 0;
	memset(r->reasons, 0, sizeof r->reasons);
	while (i < nold || j < nnew) {
		const struct store_assign *a = i < nold ? &old[i] : NULL;
		const struct store_assign *b = j < nnew ? &new[j] : NULL;
		struct store_change *ch;
		enum release_reason why;

		c = a == NULL ? 1 : b == NULL ? -1 : assign_cmp(a, b);
		if (c < 0)
			b = NULL, i++;
		else if (c > 0)
			a = NULL, j++;
		else
			i++, j++;
		if (a != NULL && b != NULL && strcmp(a->site, b->site) == 0)
			continue;
		/* A new placement on a day never published is no change. */
		if (a == NULL &&
		    (date_parse(b->date, &d) != 0 || d < p->monday ||
		     d >= p->monday + days || !r->published_day[d - p->monday]))
			continue;
		why = change_reason(r->net, a, b);
		r->reasons[why]++;
		ch = &(*out)[*nout];
		who[(*nout)++] = (a != NULL ? a : b)->staff;
		ch->at = now;
		ch->date = xstrdup((a != NULL ? a : b)->date);
		ch->session = xstrdup((a != NULL ? a : b)->session);
		ch->staff = xstrdup((a != NULL ? a : b)->staff);
		ch->from = xstrdup(a != NULL ? a->site : "");
		ch->to = xstrdup(b != NULL ? b->site : "");
		ch->reason = xstrdup(reason_names[why]);
	}
	/* People, not rows: one person's changes count once. */
	qsort(who, (size_t)*nout, sizeof *who, string_cmp);
	r->changed = *nout;
	r->staff_changed = 0;
	for (k = 0; k < *nout; k++)
		if (k == 0 || strcmp(who[k], who[k - 1]) != 0)
			r->staff_changed++;
	free(who);
}

/* The days of the plan published for the first time, as a range. */
static void
new_days(struct release *r, const struct plan *p)
{
	int d;

	r->new_days = 0;
	for (d = 0; d < 7 * p->weeks; d++) {
		if ((r->published_day != NULL && r->published_day[d]) ||
		    (!r->fill_started && p->monday + d < r->today))
			continue;
		if (r->new_days++ == 0)
			date_format(p->monday + d, r->new_from);
		date_format(p->monday + d, r->new_to);
	}
}

/* The practices of the network, for the state to know it by. */
static char *
practice_list(const struct net *n)
{
	char *list = xstrdup(""), *next;
	int i;

	for (i = 0; i < n->npractices; i++) {
		xasprintf(&next, "%s%s%s", list, i ? " " : "",
			  n->practices[i].id);
		free(list);
		list = next;
	}
	return list;
}

/* What the status file reports of the plan, kept for quiet nights. */
static int
record_figures(struct release *r, const struct plan *p, char **cause)
{
	char buf[64];
	double gap = -1;

	if (p->solved && p->objective > 0)
		gap = (p->objective - p->bound) / p->objective;
	else if (p->solved)
		gap = 0;
	/* Rounded: the same plan found twice reads the same. */
	snprintf(buf, sizeof buf, "%d %.0f %.4f", p->nuncovered,
		 p->solved ? p->objective : 0, gap);
	return store_set(r->store, "figures", buf, cause);
}

/* Started sessions become deliveries, corrected by later absences. */
static int
record_delivered(struct release *r, char **cause)
{
	if (r->started[0] == '\0')
		return 0;
	return delivered_record(r->net, r->store, r->started, r->today, r->now,
				cause);
}

/* Old sessions leave the feeds and the state; never the plan's own. */
static int
prune(struct release *r, const struct plan *p, char **cause)
{
	char before[16], balances_before[16];
	date_t cut, balances_cut;

	cut = date_week_monday(r->today) - 7 * r->net->history_weeks;
	if (cut > p->monday)
		cut = p->monday;
	/* Balances carry into later weeks: they are kept as long as that. */
	balances_cut = p->monday - 7 * (PUBPLAN_CARRY_WEEKS + 1);
	if (balances_cut > cut)
		balances_cut = cut;
	date_format(cut, before);
	date_format(balances_cut, balances_before);
	return store_prune(r->store, before, balances_before, cause);
}

/* The plan, its changes and its horizon, in one transaction. */
static int
record(struct release *r, const struct plan *p, const struct feed_opts *fo,
       struct feed_set **feeds, char **cause)
{
	const struct net *n = r->net;
	struct store_assign *assigns, *old = NULL, *new = NULL;
	struct store_event *events;
	struct store_change *changes = NULL;
	struct store_balance *balances;
	struct store_publication pub;
	char from[16], to[16], last_monday[16], hex[DIGEST_HEX_LEN + 1];
	char *practices = practice_list(n);
	int nevents, nchanges = 0, nbalances, nold = 0, nnew = 0, rc = -1;

	r->changed = r->staff_changed = r->touched = 0;
	plan_assignments(n, p, &assigns);
	feed_events(n, p, r->key, &events, &nevents);
	pubplan_balances(n, p, &balances, &nbalances);
	date_format(p->monday, from);
	date_format(p->monday + 7 * p->weeks - 1, to);
	date_format(p->monday + 7 * (p->weeks - 1), last_monday);
	digest_hex(&n->input, hex);
	new_days(r, p);
	memset(&pub, 0, sizeof pub);
	pub.from = from;
	pub.to = to;
	pub.started = r->started[0] != '\0' ? r->started : NULL;
	pub.assigns = assigns;
	pub.nassigns = p->nassigns;
	pub.events = events;
	pub.nevents = nevents;
	pub.now = fo->now;
	pub.keep_days = fo->keep_cancelled;
	if (store_begin(r->store, cause) == 0 &&
	    store_assignments(r->store, from, to, &old, &nold, cause) == 0 &&
	    store_publish(r->store, &pub, &r->touched, cause) == 0 &&
	    store_assignments(r->store, from, to, &new, &nnew, cause) == 0) {
		diff_placements(r, p, old, nold, new, nnew, fo->now, &changes,
				&nchanges);
		if (store_add_changes(r->store, changes, nchanges, cause) ==
			0 &&
		    store_put_balances(r->store, from, last_monday, balances,
				       nbalances, cause) == 0 &&
		    store_add_horizon(r->store, from, to, fo->now, cause) ==
			0 &&
		    record_delivered(r, cause) == 0 &&
		    prune(r, p, cause) == 0 &&
		    store_set(r->store, "input", hex, cause) == 0 &&
		    store_set(r->store, "practices", practices, cause) == 0 &&
		    store_set(r->store, "files", "pending", cause) == 0 &&
		    store_set(r->store, "names", RELEASE_NAMES, cause) == 0 &&
		    record_figures(r, p, cause) == 0 &&
		    /* The feeds are written before the state commits (as the
		     * transaction sees it): a full disk stops both. */
		    (*feeds = feed_prepare(n, r->store, r->dir, fo, cause)) !=
			NULL) {
			fault_point("commit");
			rc = store_commit(r->store, cause);
		}
	}
	if (rc != 0) {
		store_rollback(r->store);
		feed_abort(*feeds);
		*feeds = NULL;
	}
	free(practices);
	store_assigns_free(old, nold);
	store_assigns_free(new, nnew);
	store_assigns_free(assigns, p->nassigns);
	store_events_free(events, nevents);
	store_changes_free(changes, nchanges);
	store_balances_free(balances, nbalances);
	return rc;
}

/* The status of the publication in the state, as the status file says. */
static int
fill_status(struct release *r, struct status *s, char **cause)
{
	const struct net *n = r->net;
	const char *base = strrchr(r->dir, '/');
	char date[16], until[11], *figures;
	date_t last;
	long long midnight = 0;
	int y, m, d;

	memset(s, 0, sizeof *s);
	snprintf(s->network, sizeof s->network, "%s",
		 base != NULL && base[1] != '\0' ? base + 1 : r->dir);
	s->last_success = r->now;
	s->sessions_changed = r->changed;
	s->staff_changed = r->staff_changed;
	s->calendar_failures = n->calendar_failures;
	s->calendar_oldest_age = n->calendar_oldest_age;
	s->gap = -1;
	date_format(r->today, date);
	if (store_published_until(r->store, date, until, cause) != 0 ||
	    store_get(r->store, "figures", &figures, cause) != 0)
		return -1;
	if (until[0] != '\0' && date_parse(until, &last) == 0) {
		date_to_ymd(last + 1, &y, &m, &d);
		tz_local_to_unix(n->timezone, y, m, d, 0, &midnight);
		s->published_until = midnight;
		s->weeks_ahead = (last - r->today + 1) / 7.0;
	}
	if (figures != NULL)
		sscanf(figures, "%d %lf %lf", &s->uncovered, &s->cost, &s->gap);
	free(figures);
	return 0;
}

static int
write_status(FILE *f, const void *arg)
{
	return status_write(f, arg);
}

int
release_commit(struct release *r, const struct plan *p,
	       const struct feed_opts *fo, const struct release_plan *arg,
	       char **cause)
{
	struct feed_set *feeds = NULL;
	struct status st;
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
	/* The state is committed: the status says so, with the reports. */
	if (fill_status(r, &st, cause) != 0 ||
	    publish_add(r->reports, STATUS_FILE, 0644, write_status, &st,
			cause) != 0)
		return -1;
	i = (size_t)publish_commit(r->reports, cause);
	r->reports = NULL;
	if (i != 0)
		return -1;
	return store_set(r->store, "files", "in place", cause);
}

int
release_quiet(struct release *r, char **cause)
{
	struct status st;
	int rc;

	r->changed = r->staff_changed = r->touched = r->new_days = 0;
	/* Sessions started since the last run are delivered all the same. */
	if (store_begin(r->store, cause) != 0)
		return -1;
	if (record_delivered(r, cause) != 0 ||
	    store_commit(r->store, cause) != 0) {
		store_rollback(r->store);
		return -1;
	}
	if (fill_status(r, &st, cause) != 0 ||
	    publish_add(r->reports, STATUS_FILE, 0644, write_status, &st,
			cause) != 0)
		return -1;
	rc = publish_commit(r->reports, cause);
	r->reports = NULL;
	return rc;
}

void
release_summary(const struct release *r, const struct plan *p, char *buf,
		size_t len)
{
	size_t used = 0;
	int k, first = 1;

#define PUT(...)                                                               \
	do {                                                                   \
		if (used < len)                                                \
			used += (size_t)snprintf(buf + used, len - used,       \
						 __VA_ARGS__);                 \
	} while (0)

	if (len > 0)
		buf[0] = '\0';
	if (!r->use_baseline) {
		PUT("%d session%s planned; %d request%s uncovered", p->nassigns,
		    p->nassigns == 1 ? "" : "s", p->nuncovered,
		    p->nuncovered == 1 ? "" : "s");
		return;
	}
	PUT("%d session%s changed for %d staff", r->changed,
	    r->changed == 1 ? "" : "s", r->staff_changed);
	for (k = 0; k < RELEASE_NREASONS; k++) {
		if (r->reasons[k] == 0)
			continue;
		PUT("%s%s %d", first ? " (" : ", ", reason_names[k],
		    r->reasons[k]);
		first = 0;
	}
	if (!first)
		PUT(")");
	if (r->new_days > 0)
		PUT("; %s to %s published", r->new_from, r->new_to);
	PUT("; %d request%s uncovered", p->nuncovered,
	    p->nuncovered == 1 ? "" : "s");
#undef PUT
}
