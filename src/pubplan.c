/* The published plan of some weeks, read back from the state. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../solver/explain.h"
#include "fair.h"
#include "pubplan.h"
#include "xmalloc.h"

static int
find_slot(const struct net *n, const struct plan *p, const char *date,
	  const char *session)
{
	char buf[16];
	int t;

	for (t = 0; t < p->nslots; t++) {
		date_format(p->slots[t].date, buf);
		if (strcmp(buf, date) == 0 &&
		    strcmp(n->sessions[p->slots[t].session].id, session) == 0)
			return t;
	}
	return -1;
}

int
pubplan_load(const struct net *n, struct store *store, date_t monday, int weeks,
	     bool may_be_empty, struct plan *p, char **cause)
{
	struct store_assign *a;
	char from[16], to[16];
	int na, j, t, staff, site, *capacity, *targets, *shares, *carry;

	memset(p, 0, sizeof *p);
	date_format(monday, from);
	date_format(monday + 7 * weeks - 1, to);
	if (store_assignments(store, from, to, &a, &na, cause) != 0)
		return -1;
	if (na == 0 && !may_be_empty) {
		xasprintf(cause, "%s: nothing was published for %s to %s",
			  store_path(store), from, to);
		store_assigns_free(a, na);
		return -2;
	}
	p->monday = monday;
	p->weeks = weeks;
	p->nslots = net_slots(n, monday, weeks, &p->slots);
	p->assigns = xreallocarray(NULL, (size_t)na + 1, sizeof *p->assigns);
	for (j = 0; j < na; j++) {
		t = find_slot(n, p, a[j].date, a[j].session);
		staff = net_find_staff(n, a[j].staff);
		site = net_find_site(n, a[j].site);
		/* Gone from the network: the audit log says so. */
		if (t < 0 || staff < 0 || site < 0)
			continue;
		p->assigns[p->nassigns].slot = t;
		p->assigns[p->nassigns].staff = staff;
		p->assigns[p->nassigns].site = site;
		p->assigns[p->nassigns].practice = n->sites[site].practice;
		p->nassigns++;
	}
	store_assigns_free(a, na);
	plan_sort(p);
	capacity = xcalloc((size_t)(weeks * n->nstaff) + 1, sizeof(int));
	targets = xcalloc((size_t)(weeks * n->nroles * n->npractices) + 1,
			  sizeof(int));
	fair_capacity(n, p->slots, p->nslots, monday, weeks, capacity);
	if (pubplan_carry(n, store, monday, &carry, cause) != 0) {
		free(capacity);
		free(targets);
		plan_free(p);
		return -1;
	}
	shares = xcalloc((size_t)(weeks * n->nroles * n->npractices) + 1,
			 sizeof(int));
	fair_shares(n, p->slots, p->nslots, weeks, capacity, carry, shares,
		    targets);
	plan_tally(p, n, targets);
	plan_carry(p, n, shares, carry);
	free(shares);
	free(carry);
	free(capacity);
	free(targets);
	explain_uncovered(n, p);
	return 0;
}

int
pubplan_carry(const struct net *n, struct store *store, date_t monday,
	      int **carry, char **cause)
{
	struct store_balance *b;
	char from[16], before[16];
	int nb, j, role, p;

	*carry = NULL;
	if (!n->carry_balances)
		return 0;
	date_format(monday - 7 * PUBPLAN_CARRY_WEEKS, from);
	date_format(monday, before);
	if (store_balances(store, from, before, &b, &nb, cause) != 0)
		return -1;
	*carry = xcalloc((size_t)(n->nroles * n->npractices) + 1, sizeof(int));
	for (j = 0; j < nb; j++) {
		/* Roles and practices gone from the network, and practices
		 * the role cannot reach, are owed nothing. */
		if ((role = net_find_role(n, b[j].role)) < 0 ||
		    (p = net_find_practice(n, b[j].practice)) < 0 ||
		    !net_role_reaches(n, role, p))
			continue;
		(*carry)[role * n->npractices + p] =
		    b[j].delivered - b[j].share;
	}
	store_balances_free(b, nb);
	return 0;
}

void
pubplan_balances(const struct net *n, const struct plan *p,
		 struct store_balance **out, int *nout)
{
	int k;

	*out = xreallocarray(NULL, (size_t)p->nfair + 1, sizeof **out);
	*nout = p->nfair;
	for (k = 0; k < p->nfair; k++) {
		const struct plan_fair *f = &p->fair[k];
		struct store_balance *b = &(*out)[k];

		date_format(p->monday + 7 * f->week, b->week);
		b->role = xstrdup(n->roles[f->role].id);
		b->practice = xstrdup(n->practices[f->practice].id);
		b->share = f->share;
		b->delivered = f->delivered;
	}
}
