/*
 * Planning a horizon: the model is built, searched whole or week by week
 * (search.h, decompose.h), and its best plan read back and explained.
 */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/xmalloc.h"
#include "decompose.h"
#include "explain.h"
#include "fence.h"
#include "model.h"
#include "search.h"
#include "solve.h"
#include "watch.h"

static int
write_model(glp_prob *lp, const char *path, char **cause)
{
	size_t len = strlen(path);
	int rc;

	if (len > 4 && strcmp(path + len - 4, ".mps") == 0)
		rc = glp_write_mps(lp, GLP_MPS_FILE, NULL, path);
	else if (len > 3 && strcmp(path + len - 3, ".lp") == 0)
		rc = glp_write_lp(lp, NULL, path);
	else {
		xasprintf(cause, "%s: name the model file .lp or .mps", path);
		return -1;
	}
	if (rc != 0) {
		xasprintf(cause, "%s: cannot write the model", path);
		return -1;
	}
	return 0;
}

int
solve_write_model(const struct net *n, date_t monday, int weeks,
		  const char *path, char **cause)
{
	struct model m;
	int rc;

	watch_glpk_output(false, NULL);
	model_build(&m, n, monday, weeks);
	rc = write_model(m.lp, path, cause);
	model_free(&m);
	glp_term_hook(NULL, NULL);
	return rc;
}

double
solve_clock(void)
{
	return glp_time();
}

/*
 * When the search must end, in glp_time() ms, so that the run ends within
 * what it may overrun the time limit (5% of it or 1 s, the larger): less
 * a quarter of that, and less the time the run took to get here (reading,
 * building, the quick plan), which writing the rota, the feeds and the
 * state will take again on a machine as busy. Moves the search's own
 * deadline before it by that quarter, so that the search ends by itself
 * and the kill (fence.h) is only the backstop.
 */
static double
search_end(const struct solve_opts *opts, double begun,
	   struct search_effort *effort)
{
	double allowed = 0.05 * opts->time_limit, end;

	allowed = 1000 * (allowed > 1 ? allowed : 1);
	end = effort->deadline + 0.75 * allowed - (glp_time() - begun);
	if (effort->deadline > end - 0.25 * allowed)
		effort->deadline = end - 0.25 * allowed;
	return end;
}

int
solve_plan(const struct net *n, date_t monday, int weeks,
	   const struct solve_opts *opts, struct plan *plan, char **cause)
{
	return solve_replan(n, monday, weeks, NULL, opts, plan, cause);
}

int
solve_replan(const struct net *n, date_t monday, int weeks,
	     const struct model_baseline *base, const struct solve_opts *opts,
	     struct plan *plan, char **cause)
{
	struct watch watch;
	double begun = opts->started > 0 ? opts->started : glp_time();
	struct search_effort effort = {
	    .deadline = begun + opts->time_limit * 1000,
	};
	struct search_limits lim = {
	    .until = opts->effort > 0 ? opts->effort
				      : opts->time_limit * SOLVE_EFFORT_PER_S,
	    .effort = &effort,
	    .gap = opts->gap,
	    .node_limit = opts->node_limit,
	    .verbose = opts->verbose,
	    .watch = opts->progress != NULL ? &watch : NULL,
	};
	struct search_result res;
	struct model m;
	double *start;
	int rc = 0;

	memset(plan, 0, sizeof *plan);
	watch_init(&watch, opts);
	watch_glpk_output(opts->verbose, lim.watch);
	model_build_from(&m, n, monday, weeks, base);
	/* The quick plan is made here, so that there is always one. */
	start = search_start(&m, &lim);
	if (fence_search(&m, &lim, start, search_end(opts, begun, &effort),
			 &res, cause) != 0) {
		rc = -2;
		goto done;
	}
	if (res.val == NULL) {
		if (effort.clocked)
			xasprintf(cause,
				  "no plan found within %g seconds: raise "
				  "--time-limit",
				  opts->time_limit);
		else
			xasprintf(cause, "no plan found");
		rc = -1;
		goto done;
	}
	model_extract(&m, res.val, plan);
	free(res.val);
	plan->status = res.proven ? PLAN_OPTIMAL : PLAN_FEASIBLE;
	plan->bound = res.bound;
	plan->clocked = effort.clocked;
	watch_tell(lim.watch,
		   plan->clocked ? "search stopped by the time limit"
		   : res.proven	 ? "search ended: optimal"
				 : "search ended: feasible",
		   true, plan->objective, plan->bound);
	if (opts->verbose)
		fprintf(stderr, "pcnrota: search effort %.0f of %.0f units\n",
			effort.spent, lim.until);
	explain_uncovered(n, plan);
done:
	model_free(&m);
	glp_term_hook(NULL, NULL);
	return rc;
}
