/* The GLPK model of a horizon: variables that can be 1, and the rows. */
#ifndef MODEL_H
#define MODEL_H

#include <glpk.h>

#include "../src/net.h"
#include "../src/plan.h"

/* x: staff works at a site in slot; practice is the site's (-1: care home). */
struct model_x {
	int slot, staff, site, practice, col;
};

struct model {
	const struct net *net;
	glp_prob *lp;
	struct net_slot *slots;
	int nslots, weeks;
	date_t monday;
	struct model_x *xs; /* by slot, staff, practice */
	int nxs;
	int *first; /* first x of (slot, staff): first[slot * nstaff + staff] */
	int *count;
	int *capacity;	/* usable sessions of staff in week: [w * nstaff + i] */
	int *remaining; /* of capacity, not used in started sessions */
	int *targets;	/* fair share: [(w * nroles + r) * npractices + p] */
	int *shares;	/* the same before balances carried in */
	const struct model_baseline *base; /* NULL for a fresh plan */
	int frozen;			   /* slots before it are kept */
	int *published; /* site or -1: [slot * nstaff + staff] */
	short *travel;	/* minutes from site a to b, -1: not allowed:
			   [a * nsites + b] (net.h's, looked up once) */
};

/*
 * Re-planning: the plan published for the horizon, slots numbered as
 * net_slots numbers them. Slots before frozen have started and are kept
 * as published; in a later slot, a person's placement that differs from
 * the published one (moved, added or dropped) costs change_cost[slot].
 */
struct model_baseline {
	const struct plan_assign *assigns;
	int nassigns;
	int frozen;
	const int *change_cost; /* NULL when nothing was published */
	/* Fair-share balances carried in: [role * npractices + p] or NULL. */
	const int *carry;
	/*
	 * Continuity: where each person was in the last week published before
	 * the horizon, [(day * NET_MAX_SESSIONS + session) * nstaff + staff],
	 * -1 for nowhere; NULL for none. Applies to days never published.
	 */
	const int *previous;
};

void model_build(struct model *, const struct net *, date_t monday, int weeks);
/* The same, staying close to a published plan when base is not NULL. */
void model_build_from(struct model *, const struct net *, date_t monday,
		      int weeks, const struct model_baseline *base);
void model_free(struct model *);
/* Reads column values (from 1) into plan: assignments, fair shares. */
void model_extract(const struct model *, const double *val, struct plan *);
/* The objective's value by goal (plan.h) at column values val. */
void model_terms(const struct model *, const double *val,
		 double terms[PLAN_NTERMS]);

#endif
