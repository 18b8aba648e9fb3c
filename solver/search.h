/* The search on one model: starts, improvement, then branch and bound. */
#ifndef SEARCH_H
#define SEARCH_H

#include <stdbool.h>

#include "model.h"

struct search_limits {
	double deadline; /* glp_time() (ms) at which to stop */
	double gap;	 /* relative gap at which a plan is good enough */
	int node_limit;	 /* branch-and-bound nodes at most, per search */
	bool verbose;	 /* GLPK's log on stdout */
};

struct search_result {
	double *val;  /* column values from 1, NULL if none: caller frees */
	double bound; /* best proved lower bound; 0 when none */
	bool proven;  /* val is within the gap of the bound */
};

/*
 * Searches the model m->lp from the quick plans of greedy.h (and the
 * published plan, when re-planning) until the gap, the node limit or the
 * deadline; fills *res.
 */
void search_model(const struct model *, const struct search_limits *,
		  struct search_result *res);

/* The objective of m->lp at column values val (from 1). */
double search_cost(glp_prob *lp, const double *val);

#endif
