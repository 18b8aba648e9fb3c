/*
 * Greedy day-by-day placement. Each day, first everyone who can meet an
 * open request goes where they meet the most; then each person left takes,
 * for the whole day, the practice's site where they can do the most good:
 * sessions they can work there, then the role's fair-share deficit, then
 * their preferred and base practices. A pinned day is placed first, at
 * the pin's practice; max_per_day and the rest rule are kept. Care-home
 * rounds and second sites in a day are left to the solver.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../src/xmalloc.h"
#include "greedy.h"

struct greedy {
	const struct model *m;
	int *rooms_left; /* [slot * nsites + site] */
	int *cap_left;	 /* [week * nstaff + staff] */
	int *wanted;	 /* open requests [(slot * nroles + role) * np + p] */
	int *deficit;	 /* target - placed [(week * nroles + role) * np + p] */
	int *ea_left;	 /* Enhanced Access minutes under the ceiling [week] */
};

static void
greedy_init(struct greedy *g, const struct model *m)
{
	const struct net *n = m->net;
	int t, k, q, np = n->npractices, ns = n->nsites;

	g->m = m;
	g->rooms_left = xcalloc((size_t)(m->nslots * ns) + 1, sizeof(int));
	for (t = 0; t < m->nslots; t++)
		for (k = 0; k < ns; k++)
			g->rooms_left[t * ns + k] =
			    net_rooms(n, k, &m->slots[t]);
	g->cap_left = xcalloc((size_t)(m->weeks * n->nstaff) + 1, sizeof(int));
	memcpy(g->cap_left, m->remaining,
	       (size_t)(m->weeks * n->nstaff) * sizeof(int));
	g->wanted =
	    xcalloc((size_t)(m->nslots * n->nroles * np) + 1, sizeof(int));
	for (t = 0; t < m->nslots; t++)
		for (q = 0; q < n->nrequests; q++) {
			const struct net_request *r = &n->requests[q];

			if (net_request_in_slot(r, &m->slots[t]))
				g->wanted[(t * n->nroles + r->role) * np +
					  r->practice]++;
		}
	g->deficit =
	    xcalloc((size_t)(m->weeks * n->nroles * np) + 1, sizeof(int));
	memcpy(g->deficit, m->targets,
	       (size_t)(m->weeks * n->nroles * np) * sizeof(int));
	g->ea_left = xcalloc((size_t)m->weeks + 1, sizeof(int));
	for (t = 0; t < m->weeks; t++)
		g->ea_left[t] =
		    n->ea_max_minutes > 0 ? n->ea_max_minutes : INT_MAX;
	for (t = 0; t < m->frozen && n->ea_max_minutes > 0; t++)
		for (k = 0; k < n->nstaff; k++)
			if (n->sessions[m->slots[t].session].enhanced_access &&
			    m->published[t * n->nstaff + k] >= 0)
				g->ea_left[m->slots[t].week] -=
				    net_session_minutes(n, m->slots[t].session);
}

static void
greedy_free(struct greedy *g)
{
	free(g->rooms_left);
	free(g->cap_left);
	free(g->wanted);
	free(g->deficit);
	free(g->ea_left);
}

/*
 * What placing staff i at a practice's site for day [t0, t1) is worth;
 * with for_requests, only requests met count, and -1 when none are.
 */
static long
score(const struct greedy *g, int i, int site, int t0, int t1,
      bool for_requests)
{
	const struct model *m = g->m;
	const struct net *n = m->net;
	int t, j, k, np = n->npractices, role = n->staff[i].role;
	int ns = n->nsites, p = n->sites[site].practice;
	int w = m->slots[t0].week, cap = g->cap_left[w * n->nstaff + i];
	long requests = 0, sessions = 0;

	if (p < 0)
		return -1; /* care homes: the solver's */
	for (t = t0; t < t1 && sessions < cap; t++) {
		k = t * n->nstaff + i;
		for (j = 0; j < m->count[k]; j++)
			if (m->xs[m->first[k] + j].site == site &&
			    g->rooms_left[t * ns + site] > 0) {
				sessions++;
				if (g->wanted[(t * n->nroles + role) * np + p] >
				    0)
					requests++;
			}
	}
	if (sessions == 0 || (for_requests && requests == 0))
		return -1;
	return (for_requests ? requests * 100000000L : 0) +
	       sessions * 1000000L +
	       (g->deficit[(w * n->nroles + role) * np + p] + 1000) * 10L +
	       (n->staff[i].base == p) +
	       2 * (n->staff[i].has_prefer_practices &&
		    n->staff[i].prefer_practice[p]);
}

/* Placed in a late session the day before slot t (the rest rule). */
static bool
late_before(const struct model *m, const char *xval, int i, int t)
{
	const struct net *n = m->net;
	int u, j, k;

	if (!n->no_evening_then_morning || !net_morning(n, m->slots[t].session))
		return false;
	for (u = t - 1; u >= 0 && m->slots[u].date >= m->slots[t].date - 1;
	     u--) {
		if (m->slots[u].date == m->slots[t].date ||
		    !net_late(n, m->slots[u].session))
			continue;
		k = u * n->nstaff + i;
		for (j = 0; j < m->count[k]; j++)
			if (xval[m->first[k] + j])
				return true;
	}
	return false;
}

static void place_at(struct greedy *, int, int, int, int, char *);

/* Places staff i for day [t0, t1) at the best site (of pinned, if >= 0). */
static void
place_day(struct greedy *g, int i, int t0, int t1, bool for_requests,
	  int pinned, char *xval)
{
	const struct model *m = g->m;
	const struct net *n = m->net;
	int k, best = -1;
	long s, best_score = -1;

	for (k = 0; k < n->nsites; k++)
		if ((pinned < 0 || n->sites[k].practice == pinned) &&
		    (s = score(g, i, k, t0, t1, for_requests)) > best_score) {
			best_score = s;
			best = k;
		}
	if (best < 0)
		return;
	place_at(g, i, t0, t1, best, xval);
}

/* Places staff i at site best for what it can of day [t0, t1). */
static void
place_at(struct greedy *g, int i, int t0, int t1, int best, char *xval)
{
	const struct model *m = g->m;
	const struct net *n = m->net;
	int t, j, k, np = n->npractices, ns = n->nsites, day = 0;
	int role = n->staff[i].role, w = m->slots[t0].week, minutes;
	int p = n->sites[best].practice;

	for (t = t0; t < t1; t++) {
		if (g->cap_left[w * n->nstaff + i] == 0)
			break;
		if (n->staff[i].max_per_day > 0 &&
		    day >= n->staff[i].max_per_day)
			break;
		if (late_before(m, xval, i, t))
			continue;
		minutes = n->sessions[m->slots[t].session].enhanced_access
			      ? net_session_minutes(n, m->slots[t].session)
			      : 0;
		if (minutes > g->ea_left[w])
			continue;
		k = t * n->nstaff + i;
		for (j = 0; j < m->count[k]; j++) {
			if (m->xs[m->first[k] + j].site != best ||
			    g->rooms_left[t * ns + best] == 0)
				continue;
			xval[m->first[k] + j] = 1;
			g->ea_left[w] -= minutes;
			day++;
			g->rooms_left[t * ns + best]--;
			g->cap_left[w * n->nstaff + i]--;
			g->deficit[(w * n->nroles + role) * np + p]--;
			if (g->wanted[(t * n->nroles + role) * np + p] > 0)
				g->wanted[(t * n->nroles + role) * np + p]--;
		}
	}
}

void
greedy_plan(const struct model *m, char *xval)
{
	struct greedy g;
	bool *placed = xcalloc((size_t)m->net->nstaff + 1, sizeof(bool));
	int t0, t1, i, j, k, p, pass, site;

	memset(xval, 0, (size_t)m->nxs);
	greedy_init(&g, m);
	for (t0 = 0; t0 < m->nslots; t0 = t1) {
		for (t1 = t0;
		     t1 < m->nslots && m->slots[t1].date == m->slots[t0].date;
		     t1++)
			;
		for (i = 0; i < m->net->nstaff; i++) {
			placed[i] = false;
			/* A pinned day goes where the pin says, first. */
			for (k = t0; k < t1; k++)
				if ((p = net_pinned(m->net, i, &m->slots[k])) >=
				    0) {
					site = net_pinned_site(m->net, i,
							       &m->slots[k]);
					if (site >= 0)
						place_at(&g, i, t0, t1, site,
							 xval);
					else
						place_day(&g, i, t0, t1, false,
							  p, xval);
					placed[i] = true;
					break;
				}
		}
		for (pass = 0; pass < 2; pass++)
			for (i = 0; i < m->net->nstaff; i++) {
				if (placed[i])
					continue;
				place_day(&g, i, t0, t1, pass == 0, -1, xval);
				/* Placed if any session of the day was. */
				for (k = t0; k < t1 && !placed[i]; k++)
					for (j = 0;
					     j <
					     m->count[k * m->net->nstaff + i];
					     j++)
						if (xval[m->first
							     [k * m->net
								      ->nstaff +
							      i] +
							 j])
							placed[i] = true;
			}
	}
	free(placed);
	greedy_free(&g);
}
