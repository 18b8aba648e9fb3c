/* Plan storage and the wording of reasons. */
#include <math.h>
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
	free(p->not_needed);
	free(p->fair);
	free(p->shorts);
	free(p->rounds);
	free(p->pins);
	memset(p, 0, sizeof *p);
}

static int
assign_cmp(const void *a, const void *b)
{
	const struct plan_assign *x = a, *y = b;

	if (x->slot != y->slot)
		return x->slot < y->slot ? -1 : 1;
	if (x->site != y->site)
		return x->site < y->site ? -1 : 1;
	return (x->staff > y->staff) - (x->staff < y->staff);
}

void
plan_sort(struct plan *p)
{
	if (p->nassigns > 1) /* qsort wants an array, even of none */
		qsort(p->assigns, (size_t)p->nassigns, sizeof *p->assigns,
		      assign_cmp);
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

		if (a->practice < 0)
			continue; /* care homes are not shared */
		w = p->slots[a->slot].week;
		role = n->staff[a->staff].role;
		p->fair[(w * n->nroles + role) * n->npractices + a->practice]
		    .delivered++;
	}
}

void
plan_carry(struct plan *p, const struct net *n, const int *shares,
	   const int *carry)
{
	int k;

	(void)n;
	for (k = 0; k < p->nfair; k++) {
		p->fair[k].share = shares[k];
		p->fair[k].carried =
		    p->fair[k].week == 0 && carry != NULL ? carry[k] : 0;
	}
}

int
plan_ea_minutes(const struct plan *p, const struct net *n, int week, int slot)
{
	int j, minutes = 0;

	for (j = 0; j < p->nassigns; j++) {
		const struct net_slot *s = &p->slots[p->assigns[j].slot];

		if (s->week == week &&
		    n->sessions[s->session].enhanced_access &&
		    (slot < 0 || p->assigns[j].slot == slot))
			minutes += net_session_minutes(n, s->session);
	}
	return minutes;
}

int
plan_rounds_held(const struct plan *p, int week, int site)
{
	int j, held = 0;

	for (j = 0; j < p->nassigns; j++)
		held += p->assigns[j].site == site &&
			p->slots[p->assigns[j].slot].week == week;
	return held;
}

const char *
plan_round_text(enum plan_reason r)
{
	switch (r) {
	case PLAN_NO_ROLE:
		return "nobody in the network has one of the home's roles";
	case PLAN_BANK_HOLIDAY:
		return "bank holidays close the round's sessions";
	case PLAN_CLOSURE:
		return "closures close the round's sessions";
	case PLAN_CLOSED:
		return "no round session this week";
	case PLAN_NOT_WORKING:
		return "nobody of the home's roles works the round's sessions";
	case PLAN_ON_LEAVE:
		return "everyone of the home's roles who works then is on "
		       "leave";
	case PLAN_NO_SUPERVISOR:
		return "those free need a supervisor and the home has none";
	case PLAN_CONTRACTS_USED:
		return "those free have used their contracted sessions this "
		       "week";
	default:
		break;
	}
	return "those free are placed elsewhere that day (one place a day, "
	       "or no time to travel)";
}

const char *
plan_pin_text(enum plan_reason r)
{
	switch (r) {
	case PLAN_NOT_WORKING:
		return "does not work this session";
	case PLAN_ON_LEAVE:
		return "on leave";
	case PLAN_CLOSED:
		return "the practice has no room for network staff then";
	case PLAN_BANK_HOLIDAY:
		return "a bank holiday: the practice is closed";
	case PLAN_CLOSURE:
		return "the practice is closed then (closed)";
	case PLAN_NO_SUPERVISOR:
		return "needs a supervisor and the practice has none then";
	case PLAN_ROOMS_FULL:
		return "every room is taken by other network staff";
	case PLAN_CONTRACTS_USED:
		return "has used the week's contracted sessions";
	default:
		break;
	}
	return "pinned elsewhere: the pin conflicts with another pin, the "
	       "sessions a day or the rest rule";
}

const char *
plan_term_name(enum plan_term t)
{
	switch (t) {
	case PLAN_T_REQUESTS:
		return "requests not covered";
	case PLAN_T_IDLE:
		return "contracted sessions idle";
	case PLAN_T_FAIRNESS:
		return "fair shares missed";
	case PLAN_T_MINIMUMS:
		return "minimums short";
	case PLAN_T_PINS:
		return "pins broken";
	case PLAN_T_PREFERENCES:
		return "preferences missed";
	case PLAN_T_EA:
		return "Enhanced Access short";
	case PLAN_T_CONTINUITY:
		return "continuity missed";
	case PLAN_T_ROUNDS:
		return "care-home rounds missed";
	case PLAN_T_CHANGES:
		return "changes to the published plan";
	case PLAN_NTERMS:
		break;
	}
	return "other goals";
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
	case PLAN_NO_SUPERVISOR:
		return "no supervisor: everyone of this role who could work "
		       "then needs one, and the practice has none then";
	case PLAN_FORBIDDEN:
		return "everyone of this role who could work then is "
		       "forbidden there then";
	case PLAN_PINNED:
		return "everyone of this role free then is pinned elsewhere";
	case PLAN_DAY_LIMIT:
		return "everyone of this role free then has reached their "
		       "sessions a day, or would work a morning after a late "
		       "session";
	case PLAN_TOO_FEW:
		return "fewer sessions of this role could be worked there "
		       "this week than the minimum";
	case PLAN_PIN_CONFLICT:
		return "pinned elsewhere: the pin conflicts with another pin, "
		       "the sessions a day or the rest rule";
	case PLAN_BANK_HOLIDAY:
		return "a bank holiday: the practice is closed";
	case PLAN_CLOSURE:
		return "the practice is closed that day (closed)";
	}
	return "unknown";
}

double
plan_gap(double cost, double bound)
{
	if (cost <= 1e-6)
		return 0; /* no plan costs less than nothing */
	if (bound <= 1e-6)
		return -1;
	if (cost <= bound + 1e-6)
		return 0;
	return ceil(1000 * (cost - bound) / cost - 1e-9) / 1000;
}

bool
plan_wants_time(const struct plan *p)
{
	double gap = plan_gap(p->objective, p->bound);

	return p->status != PLAN_OPTIMAL && (gap < 0 || gap > 0.01);
}
