/* Running GLPK on the model and turning its answer into a plan. */
#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/xmalloc.h"
#include "explain.h"
#include "model.h"
#include "solve.h"

static int
quiet(void *info, const char *s)
{
	(void)info;
	(void)s;
	return 1; /* nonzero: GLPK prints nothing */
}

/* Keeps the best bound GLPK has proved so far. */
static void
on_event(glp_tree *tree, void *info)
{
	double *bound = info;
	int node;

	if ((node = glp_ios_best_node(tree)) != 0)
		*bound = glp_ios_node_bound(tree, node);
}

int
solve_plan(const struct net *n, date_t monday, int weeks,
	   const struct solve_opts *opts, struct plan *plan, char **cause)
{
	struct model m;
	glp_iocp iocp;
	int rc, status;

	memset(plan, 0, sizeof *plan);
	if (!opts->verbose)
		glp_term_hook(quiet, NULL);
	model_build(&m, n, monday, weeks);

	glp_init_iocp(&iocp);
	iocp.presolve = GLP_ON;
	iocp.gmi_cuts = GLP_ON;
	iocp.mir_cuts = GLP_ON;
	iocp.cov_cuts = GLP_ON;
	iocp.clq_cuts = GLP_ON;
	iocp.fp_heur = GLP_ON;
	iocp.tm_lim = (int)(opts->time_limit * 1000);
	iocp.mip_gap = opts->gap;
	iocp.msg_lev = opts->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	iocp.cb_func = on_event;
	iocp.cb_info = &plan->bound;
	rc = glp_intopt(m.lp, &iocp);
	status = glp_mip_status(m.lp);
	if ((rc != 0 && rc != GLP_ETMLIM && rc != GLP_EMIPGAP) ||
	    (status != GLP_OPT && status != GLP_FEAS)) {
		xasprintf(
		    cause, "no plan found (GLPK returned %d, status %d)%s", rc,
		    status, rc == GLP_ETMLIM ? ": raise --time-limit" : "");
		model_free(&m);
		glp_term_hook(NULL, NULL);
		return -1;
	}
	model_extract(&m, plan);
	plan->status =
	    status == GLP_OPT && rc == 0 ? PLAN_OPTIMAL : PLAN_FEASIBLE;
	/* The search ended within the gap: the bound met the plan. */
	if (plan->status == PLAN_OPTIMAL)
		plan->bound = plan->objective;
	model_free(&m);
	glp_term_hook(NULL, NULL);
	explain_uncovered(n, plan);
	return 0;
}
