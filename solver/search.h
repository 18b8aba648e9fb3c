/* The search on one model: starts, improvement, then branch and bound. */
#ifndef SEARCH_H
#define SEARCH_H

#include <stdbool.h>

#include "model.h"

struct watch;

struct search_limits {
	double deadline;     /* glp_time() (ms) at which to stop */
	double gap;	     /* relative gap at which a plan is good enough */
	int node_limit;	     /* branch-and-bound nodes at most, per search */
	bool verbose;	     /* GLPK's log on stderr */
	struct watch *watch; /* NULL: nobody is told (watch.h) */
};

struct search_result {
	double *val;  /* column values from 1, NULL if none: caller frees */
	double bound; /* best proved lower bound; 0 when none */
	bool proven;  /* val is within the gap of the bound */
};

/*
 * The quick plans of greedy.h (and the published plan, when re-planning),
 * the cheaper as column values from 1, or NULL: caller frees.
 */
double *search_start(const struct model *, const struct search_limits *);

/*
 * Searches the model m->lp from start (column values, taken and freed;
 * NULL: search_start's) until the gap, the node limit or the deadline;
 * fills *res.
 */
void search_model(const struct model *, const struct search_limits *,
		  double *start, struct search_result *res);

/* The objective of m->lp at column values val (from 1). */
double search_cost(glp_prob *lp, const double *val);

#endif
