/* The search on one model: starts, improvement, then branch and bound. */
#ifndef SEARCH_H
#define SEARCH_H

#include <stdbool.h>

#include "model.h"
#include "solve.h"

/*
 * Who is told how the search goes (solve.h's progress callback), and the
 * best plan and bound told so far (-1: none). When one week of a horizon
 * is searched, the other weeks' best plan and bound are added to its own.
 */
struct search_watch {
	void (*progress)(const struct solve_progress *, void *arg);
	void *arg;
	double started; /* glp_time() */
	double plan, bound;
	double plan_rest, bound_rest; /* the other weeks'; plan_rest -1:
					 not all have a plan */
	char prefix[32];	      /* "week 2 of 4: " or "" */
	char stage[96];
};

struct search_limits {
	double deadline; /* glp_time() (ms) at which to stop */
	double gap;	 /* relative gap at which a plan is good enough */
	int node_limit;	 /* branch-and-bound nodes at most, per search */
	bool verbose;	 /* GLPK's log on stderr */
	struct search_watch *watch; /* NULL: nobody is told */
};

struct search_result {
	double *val;  /* column values from 1, NULL if none: caller frees */
	double bound; /* best proved lower bound; 0 when none */
	bool proven;  /* val is within the gap of the bound */
};

/*
 * Sets where GLPK's terminal output goes for a search with lim: stderr
 * with --verbose; else, when someone watches, nowhere but each line marks
 * time for the progress; else nowhere. NULL lim: nowhere.
 */
void search_term(const struct search_limits *lim);

/* A watch that tells opts->progress; started now. */
void search_watch_init(struct search_watch *, const struct solve_opts *);

/*
 * Tells the watch (NULL: nobody) of the stage reached (NULL: the same)
 * and of a plan's cost or a bound of the model searched (-1: none).
 * news: the stage ended; a better plan is news too.
 */
void search_tell(struct search_watch *, const char *stage, bool news,
		 double plan, double bound);

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
