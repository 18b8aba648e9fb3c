/* Largest remainder (Hamilton) apportionment. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "fair.h"
#include "net.h"
#include "xmalloc.h"

void
fair_apportion(int total, const double *weights, int n, int *shares)
{
	double sum = 0, *rem;
	int i, j, given = 0, best;

	if (n <= 0)
		return;
	for (i = 0; i < n; i++)
		sum += weights[i] > 0 ? weights[i] : 0;
	rem = xcalloc((size_t)n, sizeof *rem);
	for (i = 0; i < n; i++) {
		double w = sum > 0 ? (weights[i] > 0 ? weights[i] : 0) : 1;
		double exact = (double)total * w / (sum > 0 ? sum : n);

		shares[i] = (int)floor(exact);
		rem[i] = exact - shares[i];
		given += shares[i];
	}
	/* Hand out what is left, largest remainder first. */
	for (j = given; j < total; j++) {
		best = 0;
		for (i = 1; i < n; i++)
			if (rem[i] > rem[best] + 1e-9)
				best = i;
		shares[best]++;
		rem[best] = -1;
	}
	free(rem);
}

void
fair_capacity(const struct net *n, const struct net_slot *slots, int nslots,
	      int monday, int weeks, int *capacity)
{
	int w, i, t, usable, cap;

	for (w = 0; w < weeks; w++)
		for (i = 0; i < n->nstaff; i++) {
			usable = 0;
			for (t = 0; t < nslots; t++)
				if (slots[t].week == w &&
				    net_can_work(n, i, &slots[t]))
					usable++;
			cap = net_capacity(n, i, monday + 7 * w);
			capacity[w * n->nstaff + i] =
			    cap < usable ? cap : usable;
		}
}

/* Staff i could hold care home k's round in slot s. */
static bool
can_hold(const struct net *n, int i, int k, const struct net_slot *s)
{
	return n->sites[k].round_role[n->staff[i].role] &&
	       net_available(n, i, s) && net_supervised(n, i, k, s);
}

/*
 * Care home k's round in week w: the sessions that can be held (at most
 * one a session, only in open round slots someone could hold), from the
 * role among its roles with the most capacity among those who could.
 */
static void
home_rounds(const struct net *n, int k, int w, const struct net_slot *slots,
	    int nslots, const int *capacity, int *rounds)
{
	int t, i, r, best = -1, open = 0;
	int able[NET_MAX_ROLES] = {0};
	bool counted[NET_MAX_STAFF] = {false};

	for (t = 0; t < nslots; t++) {
		int any = 0;

		if (slots[t].week != w || net_rooms(n, k, &slots[t]) <= 0)
			continue;
		for (i = 0; i < n->nstaff; i++) {
			if (capacity[w * n->nstaff + i] <= 0 ||
			    !can_hold(n, i, k, &slots[t]))
				continue;
			any = 1;
			if (!counted[i])
				able[n->staff[i].role] +=
				    capacity[w * n->nstaff + i];
			counted[i] = true;
		}
		open += any;
	}
	for (r = 0; r < n->nroles; r++)
		if (able[r] > 0 && (best < 0 || able[r] > able[best]))
			best = r;
	if (best >= 0)
		rounds[w * n->nroles + best] +=
		    open < n->sites[k].rounds ? open : n->sites[k].rounds;
}

/*
 * The care-home round sessions each role is expected to hold in a week,
 * rounds[week * nroles + role], so no practice's share counts them: each
 * home's sessions due, at most the round slots someone could hold, from
 * the role among its roles whose staff who could hold it have the most
 * capacity (the lower role index on a tie).
 */
static void
fair_rounds(const struct net *n, const struct net_slot *slots, int nslots,
	    int weeks, const int *capacity, int *rounds)
{
	int w, k;

	for (w = 0; w < weeks * n->nroles; w++)
		rounds[w] = 0;
	for (w = 0; w < weeks; w++)
		for (k = n->npractices; k < n->nsites; k++)
			if (net_is_care_home(n, k) && n->sites[k].rounds > 0)
				home_rounds(n, k, w, slots, nslots, capacity,
					    rounds);
}

void
fair_weights(const struct net *n, int role, double *weights)
{
	double sum = 0;
	int p, reached = 0;

	for (p = 0; p < n->npractices; p++) {
		weights[p] = net_role_reaches(n, role, p)
				 ? net_share_weight(n, role, p)
				 : 0;
		sum += weights[p] > 0 ? weights[p] : 0;
		reached += net_role_reaches(n, role, p);
	}
	/* No weight where the role goes: equal shares there, none elsewhere. */
	if (sum <= 0 && reached > 0)
		for (p = 0; p < n->npractices; p++)
			weights[p] = net_role_reaches(n, role, p);
}

/* fair_shares()'s targets, given the rounds; carry as there. */
static void
fair_targets(const struct net *n, const int *capacity, const int *rounds,
	     int weeks, const int *carry, int *targets)
{
	double weights[NET_MAX_PRACTICES];
	int w, role, i, supply;

	for (w = 0; w < weeks; w++)
		for (role = 0; role < n->nroles; role++) {
			fair_weights(n, role, weights);
			supply = 0;
			for (i = 0; i < n->nstaff; i++)
				if (n->staff[i].role == role)
					supply += capacity[w * n->nstaff + i];
			if (rounds != NULL)
				supply -= rounds[w * n->nroles + role];
			supply = supply > 0 ? supply : 0;
			fair_apportion(
			    supply, weights, n->npractices,
			    &targets[(w * n->nroles + role) * n->npractices]);
			if (w == 0 && carry != NULL)
				fair_carry(supply, &carry[role * n->npractices],
					   n->npractices,
					   &targets[role * n->npractices]);
		}
}

void
fair_carry(int total, const int *carry, int n, int *shares)
{
	double quota[NET_MAX_PRACTICES];
	int p;

	/* Owed sessions raise a share, sessions ahead lower it. */
	for (p = 0; p < n; p++) {
		quota[p] = shares[p] - carry[p];
		if (quota[p] < 0)
			quota[p] = 0;
	}
	fair_apportion(total, quota, n, shares);
}

void
fair_shares(const struct net *n, const struct net_slot *slots, int nslots,
	    int weeks, const int *capacity, const int *carry, int *shares,
	    int *targets)
{
	int *rounds = xcalloc((size_t)(weeks * n->nroles) + 1, sizeof(int));

	fair_rounds(n, slots, nslots, weeks, capacity, rounds);
	fair_targets(n, capacity, rounds, weeks, NULL, shares);
	fair_targets(n, capacity, rounds, weeks, carry, targets);
	free(rounds);
}
