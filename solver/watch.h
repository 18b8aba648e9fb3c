/* How the search goes, told to solve.h's progress callback. */
#ifndef WATCH_H
#define WATCH_H

#include <stdbool.h>

#include "solve.h"

/*
 * The best plan and bound told so far (-1: none). While one part of the
 * horizon (a week) is searched, the rest's best plan and bound are added
 * to the part's own.
 */
struct watch {
	void (*progress)(const struct solve_progress *, void *arg);
	void *arg;
	double started; /* glp_time() */
	double plan, bound;
	double plan_rest, bound_rest; /* the rest's; plan_rest -1: the rest
					 has no whole plan yet */
	char prefix[32];	      /* "week 2 of 4: " or "" */
	char stage[96];
};

/* A watch that tells opts->progress; started now. */
void watch_init(struct watch *, const struct solve_opts *);

/*
 * Tells the watch (NULL: nobody) of the stage reached (NULL: the same)
 * and of a plan's cost or a bound of what is searched (-1: none). news:
 * the stage ended; a better plan is news too.
 */
void watch_tell(struct watch *, const char *stage, bool news, double plan,
		double bound);

/*
 * From now on a part is searched: prefix names it, plan_rest (-1: none
 * yet) and bound_rest are the rest's. watch_whole() ends that.
 */
void watch_part(struct watch *, const char *prefix, double plan_rest,
		double bound_rest);
void watch_whole(struct watch *);

/*
 * Where GLPK's terminal output goes: stderr with verbose; else, with a
 * watch (not NULL), nowhere, but each line ticks the watch; else nowhere.
 */
void watch_glpk_output(bool verbose, struct watch *);

#endif
