/*
 * Reasons for uncovered requests. The first test that rules out every
 * candidate names the reason, from the most basic (nobody has the role)
 * to the plan's own choices (rooms, contracts, placed elsewhere).
 */
#include <stdlib.h>

#include "../src/xmalloc.h"
#include "explain.h"

struct where {
	const struct net *net;
	const struct plan *plan;
	int *at;      /* practice of staff in slot, or NOWHERE, CARE_HOME */
	int *site_at; /* the site of staff in slot, or NOWHERE */
	int *in_week; /* sessions placed per staff and week */
};

#define NOWHERE (-1)
#define CARE_HOME (-2)

/* Some site of the practice with room has a supervisor, if one is needed. */
static bool
practice_supervised(const struct net *n, int staff, int p,
		    const struct net_slot *s)
{
	int k;

	for (k = 0; k < n->nsites; k++)
		if (n->sites[k].practice == p && net_rooms(n, k, s) > 0 &&
		    net_supervised(n, staff, k, s))
			return true;
	return false;
}

static int
day_practice(const struct where *w, int staff, int slot)
{
	const struct plan *p = w->plan;
	int t, nstaff = w->net->nstaff;

	for (t = 0; t < p->nslots; t++)
		if (p->slots[t].date == p->slots[slot].date &&
		    w->at[t * nstaff + staff] != NOWHERE)
			return w->at[t * nstaff + staff];
	return NOWHERE;
}

/* Sessions of the day staff works in the plan. */
static int
day_sessions(const struct where *w, int staff, int slot)
{
	const struct plan *p = w->plan;
	int t, count = 0, nstaff = w->net->nstaff;

	for (t = 0; t < p->nslots; t++)
		if (p->slots[t].date == p->slots[slot].date &&
		    w->at[t * nstaff + staff] != NOWHERE)
			count++;
	return count;
}

/*
 * Working slot would break the person's sessions a day or the rest rule
 * (a late session, then a morning session the next day).
 */
static bool
day_limited(const struct where *w, int staff, int slot)
{
	const struct net *n = w->net;
	const struct plan *p = w->plan;
	const struct net_slot *s = &p->slots[slot];
	int t, max = n->staff[staff].max_per_day;

	if (max > 0 && day_sessions(w, staff, slot) >= max)
		return true;
	if (!n->no_evening_then_morning)
		return false;
	for (t = 0; t < p->nslots; t++) {
		if (w->at[t * n->nstaff + staff] == NOWHERE)
			continue;
		if (p->slots[t].date == s->date - 1 &&
		    net_late(n, p->slots[t].session) &&
		    net_morning(n, s->session))
			return true;
		if (p->slots[t].date == s->date + 1 &&
		    net_morning(n, p->slots[t].session) &&
		    net_late(n, s->session))
			return true;
	}
	return false;
}

/* Staff is pinned to another practice than practice that day. */
static bool
pinned_elsewhere(const struct where *w, int staff, int slot, int practice)
{
	const struct plan *p = w->plan;
	int t, at;

	for (t = 0; t < p->nslots; t++)
		if (p->slots[t].date == p->slots[slot].date &&
		    (at = net_pinned(w->net, staff, &p->slots[t])) >= 0 &&
		    at != practice)
			return true;
	return false;
}

static enum plan_reason
reason(const struct where *w, const struct net_request *rq, int t)
{
	const struct net *n = w->net;
	const struct net_slot *slot = &w->plan->slots[t];
	int i, role = 0, permitted = 0, working = 0, available = 0;
	int free_ = 0, used = 0, supervised = 0;
	int allowed = 0, limited = 0, busy = 0, pinned = 0;
	int in_room = 0, rooms = net_practice_rooms(n, rq->practice, slot);

	if (net_holiday_closed(n, slot->date, slot->session))
		return PLAN_BANK_HOLIDAY;
	for (i = 0; i < n->nstaff; i++)
		if (w->at[t * n->nstaff + i] == rq->practice)
			in_room++;
	for (i = 0; i < n->nstaff; i++) {
		const struct net_staff *st = &n->staff[i];
		int day_at;

		if (st->role != rq->role)
			continue;
		role++;
		if (!st->may_work_at[rq->practice])
			continue;
		permitted++;
		if (!net_works(n, i, slot))
			continue;
		working++;
		if (net_on_leave(n, i, slot->date, slot->session))
			continue;
		available++;
		if (!practice_supervised(n, i, rq->practice, slot))
			continue;
		supervised++;
		if (net_forbidden(n, i, rq->practice, slot))
			continue;
		allowed++;
		day_at = day_practice(w, i, t);
		if (w->at[t * n->nstaff + i] == NOWHERE &&
		    (day_at == NOWHERE || day_at == rq->practice)) {
			free_++;
			if (w->in_week[i * w->plan->weeks + slot->week] >=
			    net_capacity(n, i,
					 w->plan->monday + 7 * slot->week))
				used++;
			else if (day_limited(w, i, t))
				limited++;
		} else {
			busy++;
			pinned += pinned_elsewhere(w, i, t, rq->practice);
		}
	}
	if (role == 0)
		return PLAN_NO_ROLE;
	if (permitted == 0)
		return PLAN_NOT_PERMITTED;
	if (rooms == 0)
		return PLAN_CLOSED;
	if (working == 0)
		return PLAN_NOT_WORKING;
	if (available == 0)
		return PLAN_ON_LEAVE;
	if (supervised == 0)
		return PLAN_NO_SUPERVISOR;
	if (allowed == 0)
		return PLAN_FORBIDDEN;
	if (in_room >= rooms)
		return PLAN_ROOMS_FULL;
	if (free_ > 0 && used == free_)
		return PLAN_CONTRACTS_USED;
	if (limited > 0 && used + limited == free_)
		return PLAN_DAY_LIMIT;
	if (free_ == 0 && busy > 0 && pinned == busy)
		return PLAN_PINNED;
	return PLAN_BUSY;
}

/* Why a practice got fewer sessions of a role than its minimum. */
static enum plan_reason
short_reason(const struct where *w, int week, int practice, int role,
	     int minimum)
{
	const struct net *n = w->net;
	const struct plan *p = w->plan;
	int t, i, staff = 0, permitted = 0, possible = 0, full = 0, slots = 0;
	int candidates, used = 0;

	for (i = 0; i < n->nstaff; i++) {
		if (n->staff[i].role != role)
			continue;
		staff++;
		if (!n->staff[i].may_work_at[practice])
			continue;
		permitted++;
		if (w->in_week[i * p->weeks + week] >=
		    net_capacity(n, i, p->monday + 7 * week))
			used++;
	}
	if (staff == 0)
		return PLAN_NO_ROLE;
	if (permitted == 0)
		return PLAN_NOT_PERMITTED;
	for (t = 0; t < p->nslots; t++) {
		const struct net_slot *s = &p->slots[t];
		int rooms = net_practice_rooms(n, practice, s), in_room = 0;

		if (s->week != week || rooms <= 0)
			continue;
		for (i = candidates = 0; i < n->nstaff; i++) {
			if (w->at[t * n->nstaff + i] == practice)
				in_room++;
			if (n->staff[i].role == role &&
			    n->staff[i].may_work_at[practice] &&
			    net_available(n, i, s) &&
			    practice_supervised(n, i, practice, s) &&
			    !net_forbidden(n, i, practice, s))
				candidates++;
		}
		if (candidates == 0)
			continue;
		possible += candidates < rooms ? candidates : rooms;
		slots++;
		if (in_room >= rooms)
			full++;
	}
	if (possible < minimum)
		return PLAN_TOO_FEW;
	if (used == permitted)
		return PLAN_CONTRACTS_USED;
	if (full == slots)
		return PLAN_ROOMS_FULL;
	return PLAN_BUSY;
}

static void
explain_shorts(const struct where *w, struct plan *plan)
{
	const struct net *n = w->net;
	int week, p, role, j, delivered;

	free(plan->shorts);
	plan->shorts = NULL;
	plan->nshorts = 0;
	for (week = 0; week < plan->weeks; week++)
		for (p = 0; p < n->npractices; p++)
			for (role = 0; role < n->nroles; role++) {
				int minimum = n->practices[p].minimum[role];
				struct plan_short *s;

				if (minimum <= 0)
					continue;
				for (j = delivered = 0; j < plan->nassigns; j++)
					if (plan->assigns[j].practice == p &&
					    n->staff[plan->assigns[j].staff]
						    .role == role &&
					    plan->slots[plan->assigns[j].slot]
						    .week == week)
						delivered++;
				if (delivered >= minimum)
					continue;
				plan->shorts = xreallocarray(
				    plan->shorts, (size_t)plan->nshorts + 1,
				    sizeof *plan->shorts);
				s = &plan->shorts[plan->nshorts++];
				s->week = week;
				s->practice = p;
				s->role = role;
				s->minimum = minimum;
				s->delivered = delivered;
				s->reason =
				    short_reason(w, week, p, role, minimum);
			}
}

/* Why a pinned session is not placed as pinned. */
static enum plan_reason
pin_reason(const struct where *w, int t, int i, int practice)
{
	const struct net *n = w->net;
	const struct plan *p = w->plan;
	const struct net_slot *s = &p->slots[t];
	int j, in_room = 0;

	if (!net_works(n, i, s))
		return PLAN_NOT_WORKING;
	if (net_on_leave(n, i, s->date, s->session))
		return PLAN_ON_LEAVE;
	if (net_holiday_closed(n, s->date, s->session))
		return PLAN_BANK_HOLIDAY;
	if (net_practice_rooms(n, practice, s) <= 0)
		return PLAN_CLOSED;
	if (!practice_supervised(n, i, practice, s))
		return PLAN_NO_SUPERVISOR;
	for (j = 0; j < n->nstaff; j++)
		if (w->at[t * n->nstaff + j] == practice)
			in_room++;
	if (in_room >= net_practice_rooms(n, practice, s))
		return PLAN_ROOMS_FULL;
	if (w->in_week[i * p->weeks + s->week] >=
	    net_capacity(n, i, p->monday + 7 * s->week))
		return PLAN_CONTRACTS_USED;
	return PLAN_PIN_CONFLICT;
}

static void
explain_pins(const struct where *w, struct plan *plan)
{
	const struct net *n = w->net;
	int t, i, p, site;

	free(plan->pins);
	plan->pins = NULL;
	plan->npins = 0;
	for (t = 0; t < plan->nslots; t++)
		for (i = 0; i < n->nstaff; i++) {
			if ((p = net_pinned(n, i, &plan->slots[t])) < 0)
				continue;
			site = net_pinned_site(n, i, &plan->slots[t]);
			if (site < 0 ? w->at[t * n->nstaff + i] == p
				     : w->site_at[t * n->nstaff + i] == site)
				continue;
			plan->pins =
			    xreallocarray(plan->pins, (size_t)plan->npins + 1,
					  sizeof *plan->pins);
			plan->pins[plan->npins].slot = t;
			plan->pins[plan->npins].staff = i;
			plan->pins[plan->npins].practice = p;
			plan->pins[plan->npins].reason = pin_reason(w, t, i, p);
			plan->npins++;
		}
}

/*
 * Why a care home's round was not held in full: the first test that
 * rules out every candidate, as for requests.
 */
static enum plan_reason
round_reason(const struct where *w, int week, int site)
{
	const struct net *n = w->net;
	const struct plan *p = w->plan;
	int t, i, role = 0, slots = 0, working = 0, available = 0;
	int supervised = 0, used = 0, holidays = 0, closures = 0, cap;

	for (i = 0; i < n->nstaff; i++)
		role += n->sites[site].round_role[n->staff[i].role];
	for (t = 0; t < p->nslots; t++) {
		const struct net_slot *s = &p->slots[t];

		if (s->week != week)
			continue;
		if (net_rooms(n, site, s) <= 0) {
			if (n->sites[site].rooms[s->day][s->session] <= 0)
				continue;
			if (net_holiday_closed(n, s->date, s->session))
				holidays++;
			else
				closures++;
			continue;
		}
		slots++;
		for (i = 0; i < n->nstaff; i++) {
			if (!n->sites[site].round_role[n->staff[i].role] ||
			    !net_works(n, i, s))
				continue;
			working++;
			if (net_on_leave(n, i, s->date, s->session))
				continue;
			available++;
			if (!net_supervised(n, i, site, s))
				continue;
			supervised++;
			cap = net_capacity(n, i, p->monday + 7 * week);
			used += w->in_week[i * p->weeks + week] >= cap;
		}
	}
	if (role == 0)
		return PLAN_NO_ROLE;
	if (slots < n->sites[site].rounds && holidays > 0)
		return PLAN_BANK_HOLIDAY;
	if (slots < n->sites[site].rounds && closures > 0)
		return PLAN_CLOSURE;
	if (slots == 0)
		return PLAN_CLOSED;
	if (working == 0)
		return PLAN_NOT_WORKING;
	if (available == 0)
		return PLAN_ON_LEAVE;
	if (supervised == 0)
		return PLAN_NO_SUPERVISOR;
	if (used == supervised)
		return PLAN_CONTRACTS_USED;
	return PLAN_BUSY;
}

static void
explain_rounds(const struct where *w, struct plan *plan)
{
	const struct net *n = w->net;
	struct plan_round *r;
	int week, k, held;

	free(plan->rounds);
	plan->rounds = NULL;
	plan->nrounds = 0;
	for (week = 0; week < plan->weeks; week++)
		for (k = n->npractices; k < n->nsites; k++) {
			if (!net_is_care_home(n, k))
				continue;
			held = plan_rounds_held(plan, week, k);
			if (held >= n->sites[k].rounds)
				continue;
			plan->rounds = xreallocarray(plan->rounds,
						     (size_t)plan->nrounds + 1,
						     sizeof *plan->rounds);
			r = &plan->rounds[plan->nrounds++];
			r->week = week;
			r->site = k;
			r->due = n->sites[k].rounds;
			r->held = held;
			r->reason = round_reason(w, week, k);
		}
}

/*
 * How many of a group of requests (a practice and role, in slot t) the
 * plan meets: met[site] of those a [site] asked, met[nsites] of the
 * practice's own. Staff at a site asked meet its requests first; the
 * rest at the practice meet its own.
 */
static void
met_at(const struct where *w, const struct net_request *rq, int t, int *met)
{
	const struct net *n = w->net;
	const struct plan *p = w->plan;
	int q, k, i, spare = 0, site;
	int *asked = xcalloc((size_t)n->nsites + 1, sizeof(int));

	for (q = 0; q < n->nrequests; q++) {
		const struct net_request *o = &n->requests[q];

		if (o->practice == rq->practice && o->role == rq->role &&
		    o->site >= 0 && net_request_in_slot(o, &p->slots[t]))
			asked[o->site]++;
	}
	for (k = 0; k <= n->nsites; k++)
		met[k] = 0;
	for (i = 0; i < n->nstaff; i++) {
		site = w->site_at[t * n->nstaff + i];
		if (n->staff[i].role != rq->role ||
		    w->at[t * n->nstaff + i] != rq->practice)
			continue;
		if (met[site] < asked[site])
			met[site]++;
		else
			spare++;
	}
	met[n->nsites] = spare;
	free(asked);
}

/* A request on a bank holiday or closure: listed apart, not uncovered. */
static void
not_needed(const struct net *n, struct plan *plan, int t, int q)
{
	struct plan_uncovered *u;

	plan->not_needed =
	    xreallocarray(plan->not_needed, (size_t)plan->nnot_needed + 1,
			  sizeof *plan->not_needed);
	u = &plan->not_needed[plan->nnot_needed++];
	u->slot = t;
	u->request = q;
	u->reason =
	    net_holiday_closed(n, plan->slots[t].date, plan->slots[t].session)
		? PLAN_BANK_HOLIDAY
		: PLAN_CLOSURE;
}

void
explain_uncovered(const struct net *n, struct plan *plan)
{
	struct where w;
	int t, q, q2, j, cap = 0;
	int *met = xcalloc((size_t)n->nsites + 2, sizeof(int));
	bool *done;

	w.net = n;
	w.plan = plan;
	w.at = xmalloc(((size_t)plan->nslots * (size_t)n->nstaff + 1) *
		       sizeof(int));
	w.in_week =
	    xcalloc((size_t)n->nstaff * (size_t)plan->weeks + 1, sizeof(int));
	w.site_at = xmalloc(((size_t)plan->nslots * (size_t)n->nstaff + 1) *
			    sizeof(int));
	for (j = 0; j < plan->nslots * n->nstaff; j++)
		w.at[j] = w.site_at[j] = NOWHERE;
	for (j = 0; j < plan->nassigns; j++) {
		const struct plan_assign *a = &plan->assigns[j];

		w.at[a->slot * n->nstaff + a->staff] =
		    a->practice >= 0 ? a->practice : CARE_HOME;
		w.site_at[a->slot * n->nstaff + a->staff] = a->site;
		w.in_week[a->staff * plan->weeks + plan->slots[a->slot].week]++;
	}
	done = xcalloc((size_t)n->nrequests + 1, sizeof(bool));
	plan->nuncovered = 0;
	free(plan->not_needed);
	plan->not_needed = NULL;
	plan->nnot_needed = 0;
	for (t = 0; t < plan->nslots; t++) {
		for (q = 0; q < n->nrequests; q++)
			done[q] = false;
		for (q = 0; q < n->nrequests; q++) {
			const struct net_request *rq = &n->requests[q];

			if (done[q] ||
			    !net_request_in_slot(rq, &plan->slots[t]))
				continue;
			met_at(&w, rq, t, met);
			/* The first requests of a group count as met. */
			for (q2 = q; q2 < n->nrequests; q2++) {
				const struct net_request *o = &n->requests[q2];
				int *left =
				    &met[o->site >= 0 ? o->site : n->nsites];

				if (o->practice != rq->practice ||
				    o->role != rq->role ||
				    !net_request_in_slot(o, &plan->slots[t]))
					continue;
				done[q2] = true;
				if (net_request_not_needed(n, o,
							   &plan->slots[t])) {
					not_needed(n, plan, t, q2);
					continue;
				}
				if (*left > 0) {
					(*left)--;
					continue;
				}
				if (plan->nuncovered == cap) {
					cap = cap ? cap * 2 : 16;
					plan->uncovered = xreallocarray(
					    plan->uncovered, (size_t)cap,
					    sizeof *plan->uncovered);
				}
				plan->uncovered[plan->nuncovered].slot = t;
				plan->uncovered[plan->nuncovered].request = q2;
				plan->uncovered[plan->nuncovered].reason =
				    reason(&w, o, t);
				plan->nuncovered++;
			}
		}
	}
	free(met);
	free(done);
	explain_shorts(&w, plan);
	explain_pins(&w, plan);
	explain_rounds(&w, plan);
	free(w.at);
	free(w.site_at);
	free(w.in_week);
}
