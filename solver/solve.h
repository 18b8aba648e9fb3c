/* Planning a horizon: build the GLPK model, solve it, explain the gaps. */
#ifndef SOLVE_H
#define SOLVE_H

#include <stdbool.h>

#include "../src/net.h"
#include "../src/plan.h"
#include "model.h"

/*
 * Where the search has got to, for a progress line or a log: what it is
 * doing, the cost of the best plan found and the best bound on the cost
 * (each -1 while there is none), and the seconds since it began. news is
 * set when a stage ends or a better plan is found, and on the last call.
 */
struct solve_progress {
	const char *stage;
	bool news;
	double plan, bound, seconds;
};

struct solve_opts {
	double time_limit; /* seconds: a safety cap (plan->clocked) */
	double gap;	   /* relative MIP gap at which to stop */
	int node_limit;	   /* branch-and-bound nodes at most */
	bool verbose;	   /* GLPK's log on stderr */
	/* Called as the search goes (often: throttle), or NULL. */
	void (*progress)(const struct solve_progress *, void *arg);
	void *progress_arg;
	double started; /* solve_clock() when the command began (its time
			   counts against time_limit); 0: when the solve does */
	double effort;	/* units of work (search.c); 0: SOLVE_EFFORT_PER_S
			   for each second of time_limit */
};

/*
 * The search's default effort, in units of work (search.c; about a
 * millisecond each on one processor of the 2-core machine of the
 * benchmarks): this many per second of --time-limit, so that a search
 * ends by its effort, the same plan on any machine, unless the machine
 * runs it at less than half that speed.
 */
#define SOLVE_EFFORT_PER_S 500.0
#define SOLVE_EFFORT_MAX 1e9

/*
 * Default objective weights, documented in pcnrota(1); the model reads
 * the network's (net.h struct net_weights, [objective] in the file).
 */
#define SOLVE_W_REQUEST NET_W_REQUEST /* per requested session not covered */
#define SOLVE_W_IDLE NET_W_IDLE	      /* per contracted session not used */
#define SOLVE_W_FAIR1 NET_W_FAIR1     /* first session off a fair share */
#define SOLVE_W_FAIR2 NET_W_FAIR2     /* each further session off it */

/* The clock time_limit is kept by, in milliseconds. */
double solve_clock(void);

/*
 * Writes the model of weeks weeks from monday as CPLEX LP (path ends .lp)
 * or free MPS (.mps), for other solvers; -1 with *cause.
 */
int solve_write_model(const struct net *, date_t monday, int weeks,
		      const char *path, char **cause);

/*
 * Plans weeks weeks from monday. Returns 0 with plan filled, or -1 with
 * *cause set (to free) when no plan could be found, -2 when the search
 * failed (its process died: see fence.h).
 */
int solve_plan(const struct net *, date_t monday, int weeks,
	       const struct solve_opts *, struct plan *, char **cause);

/*
 * Plans again, staying close to the published plan base (model.h): the
 * started sessions are kept, each change costs its slot's price.
 */
int solve_replan(const struct net *, date_t monday, int weeks,
		 const struct model_baseline *base, const struct solve_opts *,
		 struct plan *, char **cause);

/*
 * Prices of a change to the published plan, by how soon the session is.
 * Above what a move can gain for fairness (2 x FAIR2) or idle time, below
 * an uncovered request: re-planning covers requests, it does not reshuffle.
 */
#define SOLVE_W_CHANGE_SOON 95 /* starts within 48 hours */
#define SOLVE_W_CHANGE_WEEK 80 /* within 7 days */
#define SOLVE_W_CHANGE_LATER 65

#endif
