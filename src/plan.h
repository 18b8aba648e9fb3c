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
	PLAN_BUSY	     /* candidates placed elsewhere that session/day */
};

struct plan_assign {
	int slot, staff, practice;
};

struct plan_uncovered {
	int slot, request;
	enum plan_reason reason;
};

struct plan_fair {
	int week, role, practice;
	int target, delivered;
};

enum plan_status { PLAN_OPTIMAL, PLAN_FEASIBLE };

struct plan {
	date_t monday;
	int weeks;
	struct net_slot *slots;
	int nslots;
	struct plan_assign *assigns; /* by slot, then practice, then staff */
	int nassigns;
	struct plan_uncovered *uncovered;
	int nuncovered;
	struct plan_fair *fair; /* by week, role, practice */
	int nfair;
	bool solved; /* false for a plan read back from the state */
	enum plan_status status;
	double objective, bound;
	int rows, cols, integers; /* model size */
};

void plan_free(struct plan *);
/* Sorts the assignments by slot, practice, staff. */
void plan_sort(struct plan *);
/* Fills plan->fair: the targets given, the sessions delivered. */
void plan_tally(struct plan *, const struct net *, const int *targets);
const char *plan_reason_text(enum plan_reason);

#endif
