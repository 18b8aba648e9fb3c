/* The search run in a child process, so that the time limit is kept. */
#ifndef FENCE_H
#define FENCE_H

#include <sys/types.h>

#include "model.h"
#include "search.h"

/*
 * Searches m from start (taken) as search.h and decompose.h do, in a
 * child process that sends each better plan of the whole model (lim's
 * keep) to this one. GLPK's interior-point method, presolver and cut
 * generators cannot be stopped: at the wall-clock time hard (glp_time(),
 * ms) the child is killed and the last plan it sent (start, if none) is
 * the result, with lim->effort->clocked set. A search that ends by its
 * effort gives exactly the plan it would give in this process. Returns 0
 * with *res filled (res->val NULL if there is no plan), or -1 with *cause
 * (to free) when the child failed.
 */
int fence_search(const struct model *m, const struct search_limits *lim,
		 double *start, double hard, struct search_result *res,
		 char **cause);

/*
 * A computation beside the search: fn(arg) in a process of its own, so
 * that a machine's second processor works on it while this one goes on.
 * Its result, a number, comes back through a pipe.
 */
struct fence_beside {
	pid_t pid;
	int fd;
};

/*
 * Starts fn(arg) beside this process. False if it cannot (nothing then
 * runs: the caller does the work itself). The process dies with this
 * one.
 */
bool fence_beside_start(struct fence_beside *b, double (*fn)(void *),
			void *arg);

/*
 * Its result in *out, waited for until the wall-clock time hard
 * (glp_time(), ms): 0; -1 if the process failed; -2 when the time is up.
 * The process is gone after, killed if need be.
 */
int fence_beside_wait(struct fence_beside *b, double hard, double *out);

#endif
