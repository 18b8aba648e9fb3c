/* The search on one model: starts, improvement, then branch and bound. */
#ifndef SEARCH_H
#define SEARCH_H

#include <stdbool.h>

#include "model.h"

struct watch;
struct search_result;

/*
 * The work done by a whole search, counted in deterministic units (see
 * search.c: simplex iterations and branch-and-bound nodes weighted by the
 * size of the problem, and sub-problems built), and the wall clock, which
 * is only a safety cap.
 */
struct search_effort {
	double spent;	 /* units of work so far */
	double deadline; /* glp_time() (ms) at which to stop, whatever */
	bool clocked;	 /* the deadline struck: the plan may vary */
};

struct search_limits {
	double until;		      /* effort->spent at which to stop */
	struct search_effort *effort; /* shared by every part of a search */
	double gap;		      /* relative gap for a good enough plan */
	int node_limit;		      /* branch-and-bound nodes, per search */
	bool verbose;		      /* GLPK's log on stderr */
	struct watch *watch;	      /* NULL: nobody is told (watch.h) */
	/*
	 * Told of the best plan of the whole model after each phase
	 * (NULL: nobody): fence.h sends it on. A week's search
	 * (decompose.h) has none; the weeks tell theirs as a whole.
	 */
	void (*keep)(const struct search_result *, void *arg);
	void *keep_arg;
};

struct search_result {
	double *val;  /* column values from 1, NULL if none: caller frees */
	double bound; /* best proved lower bound; 0 when none */
	bool proven;  /* val is within the gap of the bound */
};

/*
 * Whether lim's work is done: its effort spent, or the deadline passed
 * (which sets effort->clocked).
 */
bool search_over(const struct search_limits *);

/* The effort at which a fraction of what lim has left is spent. */
double search_share(const struct search_limits *, double fraction);

/*
 * The quick plans of greedy.h (and the published plan, when re-planning),
 * the cheaper as column values from 1, or NULL: caller frees.
 */
double *search_start(const struct model *, const struct search_limits *);

/*
 * Searches the model m->lp from start (column values, taken and freed;
 * NULL: search_start's) until the gap, the node limit, lim's effort or
 * the deadline; fills *res.
 */
void search_model(const struct model *, const struct search_limits *,
		  double *start, struct search_result *res);

/* The objective of m->lp at column values val (from 1). */
double search_cost(glp_prob *lp, const double *val);

#endif
