/* The GLPK model of a horizon: variables that can be 1, and the rows. */
#ifndef MODEL_H
#define MODEL_H

#include <glpk.h>

#include "../src/net.h"
#include "../src/plan.h"

/* x: staff works at practice in slot. */
struct model_x {
	int slot, staff, practice, col;
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
	int *capacity; /* usable sessions of staff in week: [w * nstaff + i] */
	int *targets;  /* fair share: [(w * nroles + r) * npractices + p] */
};

void model_build(struct model *, const struct net *, date_t monday, int weeks);
void model_free(struct model *);
/* Reads column values (from 1) into plan: assignments, fair shares. */
void model_extract(const struct model *, const double *val, struct plan *);

#endif
