/* Plan storage and the wording of reasons. */
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "xmalloc.h"

void
plan_free(struct plan *p)
{
	free(p->slots);
	free(p->assigns);
	free(p->uncovered);
	free(p->fair);
	memset(p, 0, sizeof *p);
}

static int
assign_cmp(const void *a, const void *b)
{
	const struct plan_assign *x = a, *y = b;

	if (x->slot != y->slot)
		return x->slot < y->slot ? -1 : 1;
	if (x->practice != y->practice)
		return x->practice < y->practice ? -1 : 1;
	return (x->staff > y->staff) - (x->staff < y->staff);
}

void
plan_sort(struct plan *p)
{
	qsort(p->assigns, (size_t)p->nassigns, sizeof *p->assigns, assign_cmp);
}

void
plan_tally(struct plan *p, const struct net *n, const int *targets)
{
	int w, role, pr, k, j;

	p->nfair = p->weeks * n->nroles * n->npractices;
	p->fair = xcalloc((size_t)p->nfair + 1, sizeof *p->fair);
	for (w = 0; w < p->weeks; w++)
		for (role = 0; role < n->nroles; role++)
			for (pr = 0; pr < n->npractices; pr++) {
				k = (w * n->nroles + role) * n->npractices + pr;
				p->fair[k].week = w;
				p->fair[k].role = role;
				p->fair[k].practice = pr;
				p->fair[k].target = targets[k];
			}
	for (j = 0; j < p->nassigns; j++) {
		const struct plan_assign *a = &p->assigns[j];

		w = p->slots[a->slot].week;
		role = n->staff[a->staff].role;
		p->fair[(w * n->nroles + role) * n->npractices + a->practice]
		    .delivered++;
	}
}

const char *
plan_reason_text(enum plan_reason r)
{
	switch (r) {
	case PLAN_NO_ROLE:
		return "nobody in the network has this role";
	case PLAN_NOT_PERMITTED:
		return "nobody of this role may work at this practice";
	case PLAN_NOT_WORKING:
		return "nobody of this role works this session";
	case PLAN_ON_LEAVE:
		return "everyone of this role who works this session is on "
		       "leave";
	case PLAN_CLOSED:
		return "the practice has no room for network staff in this "
		       "session";
	case PLAN_ROOMS_FULL:
		return "every room is taken by other network staff";
	case PLAN_CONTRACTS_USED:
		return "everyone of this role free then has used their "
		       "contracted sessions this week";
	case PLAN_BUSY:
		return "everyone of this role free then is placed elsewhere "
		       "(that session or that day)";
	}
	return "unknown";
}
