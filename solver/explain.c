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
	int *at;      /* practice of staff in slot, -1 when not working */
	int *in_week; /* sessions placed per staff and week */
};

static int
day_practice(const struct where *w, int staff, int slot)
{
	const struct plan *p = w->plan;
	int t, nstaff = w->net->nstaff;

	for (t = 0; t < p->nslots; t++)
		if (p->slots[t].date == p->slots[slot].date &&
		    w->at[t * nstaff + staff] >= 0)
			return w->at[t * nstaff + staff];
	return -1;
}

static enum plan_reason
reason(const struct where *w, const struct net_request *rq, int t)
{
	const struct net *n = w->net;
	const struct net_slot *slot = &w->plan->slots[t];
	int i, role = 0, permitted = 0, working = 0, available = 0;
	int free_ = 0, used = 0;
	int in_room = 0, rooms = net_rooms(n, rq->practice, slot);

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
		if (!st->works[slot->day][slot->session])
			continue;
		working++;
		if (net_on_leave(n, i, slot->date, slot->session))
			continue;
		available++;
		day_at = day_practice(w, i, t);
		if (w->at[t * n->nstaff + i] < 0 &&
		    (day_at < 0 || day_at == rq->practice)) {
			free_++;
			if (w->in_week[i * w->plan->weeks + slot->week] >=
			    net_capacity(n, i,
					 w->plan->monday + 7 * slot->week))
				used++;
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
	if (in_room >= rooms)
		return PLAN_ROOMS_FULL;
	if (free_ > 0 && used == free_)
		return PLAN_CONTRACTS_USED;
	return PLAN_BUSY;
}

void
explain_uncovered(const struct net *n, struct plan *plan)
{
	struct where w;
	int t, q, q2, j, wanted, met, cap = 0;
	bool *done;

	w.net = n;
	w.plan = plan;
	w.at = xmalloc(((size_t)plan->nslots * (size_t)n->nstaff + 1) *
		       sizeof(int));
	w.in_week =
	    xcalloc((size_t)n->nstaff * (size_t)plan->weeks + 1, sizeof(int));
	for (j = 0; j < plan->nslots * n->nstaff; j++)
		w.at[j] = -1;
	for (j = 0; j < plan->nassigns; j++) {
		const struct plan_assign *a = &plan->assigns[j];

		w.at[a->slot * n->nstaff + a->staff] = a->practice;
		w.in_week[a->staff * plan->weeks + plan->slots[a->slot].week]++;
	}
	done = xcalloc((size_t)n->nrequests + 1, sizeof(bool));
	plan->nuncovered = 0;
	for (t = 0; t < plan->nslots; t++) {
		for (q = 0; q < n->nrequests; q++)
			done[q] = false;
		for (q = 0; q < n->nrequests; q++) {
			const struct net_request *rq = &n->requests[q];

			if (done[q] ||
			    !net_request_in_slot(rq, &plan->slots[t]))
				continue;
			met = 0;
			for (j = 0; j < n->nstaff; j++)
				if (w.at[t * n->nstaff + j] == rq->practice &&
				    n->staff[j].role == rq->role)
					met++;
			/* The first requests of a group count as met. */
			wanted = 0;
			for (q2 = q; q2 < n->nrequests; q2++) {
				const struct net_request *o = &n->requests[q2];

				if (o->practice != rq->practice ||
				    o->role != rq->role ||
				    !net_request_in_slot(o, &plan->slots[t]))
					continue;
				done[q2] = true;
				if (++wanted <= met)
					continue;
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
	free(done);
	free(w.at);
	free(w.in_week);
}
