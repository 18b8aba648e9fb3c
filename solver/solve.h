/* Planning a horizon: build the GLPK model, solve it, explain the gaps. */
#ifndef SOLVE_H
#define SOLVE_H

#include <stdbool.h>

#include "../src/net.h"
#include "../src/plan.h"

struct solve_opts {
	double time_limit; /* seconds */
	double gap;	   /* relative MIP gap at which to stop */
	int node_limit;	   /* branch-and-bound nodes at most */
	bool verbose;	   /* GLPK's log on stdout */
};

/* Objective weights; documented in pcnrota(1). */
#define SOLVE_W_REQUEST 100 /* per requested session not covered */
#define SOLVE_W_IDLE 50	    /* per contracted session not used */
#define SOLVE_W_FAIR1 0	    /* first session off a fair share: free */
#define SOLVE_W_FAIR2 30    /* each further session off it */

/*
 * Writes the model of weeks weeks from monday as CPLEX LP (path ends .lp)
 * or free MPS (.mps), for other solvers; -1 with *cause.
 */
int solve_write_model(const struct net *, date_t monday, int weeks,
		      const char *path, char **cause);

/*
 * Plans weeks weeks from monday. Returns 0 with plan filled, or -1 with
 * *cause set (to free) when no plan could be found.
 */
int solve_plan(const struct net *, date_t monday, int weeks,
	       const struct solve_opts *, struct plan *, char **cause);

#endif
