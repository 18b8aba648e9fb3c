/*
 * A plan: who is where in each session of the horizon, the fair shares,
 * and the requests left uncovered with the reason. The solver fills it;
 * the reports only read it. plan_free releases everything.
 */
#ifndef PLAN_H
#define PLAN_H

#include <stdbool.h>

#include "net.h"

enum plan_reason {
	PLAN_NO_ROLE,	     /* nobody of the role in the network */
	PLAN_NOT_PERMITTED,  /* nobody of the role may work at the practice */
	PLAN_NOT_WORKING,    /* nobody of the role works that session */
	PLAN_ON_LEAVE,	     /* everyone who would work it is on leave */
	PLAN_CLOSED,	     /* the practice has no room in that session */
	PLAN_ROOMS_FULL,     /* rooms taken by other network staff */
	PLAN_CONTRACTS_USED, /* candidates have used their week's sessions */
	PLAN_BUSY,	     /* candidates placed elsewhere that session/day */
	PLAN_NO_SUPERVISOR,  /* candidates need a supervisor; none there */
	PLAN_FORBIDDEN,	     /* every candidate is forbidden there then */
	PLAN_PINNED,	     /* candidates are pinned elsewhere */
	PLAN_DAY_LIMIT,	     /* candidates at max_per_day or the rest rule */
	PLAN_TOO_FEW,	     /* fewer sessions possible than the minimum */
	PLAN_PIN_CONFLICT,   /* a pin the plan could not keep with others */
	PLAN_BANK_HOLIDAY,   /* a bank holiday closes the session */
	PLAN_CLOSURE	     /* closed on the date (closed, not weekly) */
};

/* The objective's terms, each a cost in the plan's total. */
enum plan_term {
	PLAN_T_REQUESTS,
	PLAN_T_IDLE,
	PLAN_T_FAIRNESS,
	PLAN_T_MINIMUMS,
	PLAN_T_PINS,
	PLAN_T_PREFERENCES,
	PLAN_T_EA,	   /* Enhanced Access minutes short */
	PLAN_T_CONTINUITY, /* sessions unlike the previous week's */
	PLAN_T_ROUNDS,	   /* care-home round sessions not held */
	PLAN_T_CHANGES,	   /* changes to the published plan */
	PLAN_NTERMS
};

/* A practice short of its minimum sessions of a role in a week. */
struct plan_short {
	int week, practice, role;
	int minimum, delivered;
	enum plan_reason reason;
};

/* A care home's round sessions held short of those due in a week. */
struct plan_round {
	int week, site;
	int due, held;
	enum plan_reason reason;
};

/* A pinned session not placed as pinned. */
struct plan_pin {
	int slot, staff, practice;
	enum plan_reason reason;
};

/* practice is the site's: -1 at a care home. */
struct plan_assign {
	int slot, staff, site, practice;
};

struct plan_uncovered {
	int slot, request;
	enum plan_reason reason;
};

struct plan_fair {
	int week, role, practice;
	int target, delivered;
	int share;   /* the agreement's share, before balances carried */
	int carried; /* ahead (+) or owed (-) coming into the plan's first week
		      */
};

enum plan_status { PLAN_OPTIMAL, PLAN_FEASIBLE };

struct plan {
	date_t monday;
	int weeks;
	struct net_slot *slots;
	int nslots;
	struct plan_assign *assigns; /* by slot, then site, then staff */
	int nassigns;
	struct plan_uncovered *uncovered;
	int nuncovered;
	/* Requests on a bank holiday or closure: not needed, not uncovered. */
	struct plan_uncovered *not_needed;
	int nnot_needed;
	struct plan_fair *fair; /* by week, role, practice */
	int nfair;
	bool solved; /* false for a plan read back from the state */
	enum plan_status status;
	bool clocked; /* the time limit, not the effort, ended the search */
	double objective, bound;
	int rows, cols, integers;  /* model size */
	double terms[PLAN_NTERMS]; /* set when solved */
	struct plan_short *shorts;
	int nshorts;
	struct plan_pin *pins; /* broken pins */
	int npins;
	struct plan_round *rounds; /* rounds short */
	int nrounds;
};

void plan_free(struct plan *);
/* Sorts the assignments by slot, practice, staff. */
void plan_sort(struct plan *);
/* Fills plan->fair: the targets given, the sessions delivered. */
void plan_tally(struct plan *, const struct net *, const int *targets);
/*
 * Sets each week's agreed share and, for the first week, the balance
 * carried in ([role * npractices + practice], NULL for none). Later weeks
 * of the same plan are shared on their own; what every week leaves is
 * carried into the next plan through the state.
 */
void plan_carry(struct plan *, const struct net *, const int *shares,
		const int *carry);
/*
 * How far a plan costing cost may be from the best possible, given a
 * proved lower bound: a fraction rounded up to a thousandth (0.023 is
 * "at most 2.3%"), or -1 when the bound says nothing (none, or 0 under
 * a plan that costs more). A plan that costs nothing is the best: 0.
 */
double plan_gap(double cost, double bound);

/*
 * Whether more time would likely give a better plan: the search was
 * stopped, not proven, and its plan may be more than 1% from the best.
 */
bool plan_wants_time(const struct plan *);

const char *plan_reason_text(enum plan_reason);
const char *plan_term_name(enum plan_term);
/* Why a care home's round fell short. */
const char *plan_round_text(enum plan_reason);
/* Why a pin was not kept, of the person pinned. */
const char *plan_pin_text(enum plan_reason);
/* Sessions held at a site (a care home's round) in week. */
int plan_rounds_held(const struct plan *, int week, int site);
/* Enhanced Access minutes delivered in week, or in slot when slot >= 0. */
int plan_ea_minutes(const struct plan *, const struct net *, int week,
		    int slot);

#endif
