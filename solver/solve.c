/*
 * Running GLPK. The root LP is solved first (GLPK's MIP presolver would
 * renumber the columns a start is given in). Two starts are made: a
 * greedy plan, completed by an LP with its placements fixed, and a plan
 * whose day choices follow the root LP. The better is handed to branch
 * and bound as its first incumbent, and stands as the plan if the search
 * finds none better before the time limit.
 */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/xmalloc.h"
#include "explain.h"
#include "greedy.h"
#include "model.h"
#include "solve.h"

/* The best plan and bound so far, told to opts->progress. */
struct watch {
	const struct solve_opts *opts;
	double started; /* glp_time() */
	double plan, bound;
	const char *stage;
};

struct search {
	const double *start; /* column values, from 1; NULL when none */
	bool given;
	double bound;
	int node_limit; /* stop after this many nodes: a deterministic limit */
	bool proven;	/* the bound, rounded up, meets the incumbent */
	struct watch *watch; /* NULL: nobody is told */
	const char *stage;
	bool main; /* the whole model: its bound is the plan's */
};

static int
quiet(void *info, const char *s)
{
	(void)info;
	(void)s;
	return 1; /* nonzero: GLPK prints nothing */
}

/* --verbose: GLPK's log goes to stderr, stdout is the command's. */
static int
to_stderr(void *info, const char *s)
{
	(void)info;
	fputs(s, stderr);
	return 1;
}

static void tell(struct watch *, const char *, bool, double, double);

/* Not shown, but each line of GLPK's log marks time for the progress. */
static int
tick(void *info, const char *s)
{
	(void)s;
	tell(info, NULL, false, -1, -1);
	return 1;
}

/*
 * Tells opts->progress of a plan of cost plan or a bound (each -1 for
 * none) found at stage; news when the stage ended or the plan is better.
 */
static void
tell(struct watch *w, const char *stage, bool news, double plan, double bound)
{
	struct solve_progress sp;

	if (w == NULL || w->opts->progress == NULL)
		return;
	if (plan >= 0 && (w->plan < 0 || plan < w->plan - 1e-6)) {
		w->plan = plan;
		news = true;
	}
	if (bound > w->bound)
		w->bound = bound;
	if (stage != NULL)
		w->stage = stage;
	sp.stage = w->stage;
	sp.news = news;
	sp.plan = w->plan;
	sp.bound = w->bound;
	sp.seconds = (glp_time() - w->started) / 1000;
	w->opts->progress(&sp, w->opts->progress_arg);
}

static void
on_event(glp_tree *tree, void *info)
{
	struct search *s = info;
	glp_prob *lp;
	int node, total, reason = glp_ios_reason(tree);

	if (s->watch != NULL &&
	    (reason == GLP_ISELECT || reason == GLP_IBINGO)) {
		lp = glp_ios_get_prob(tree);
		tell(s->watch, s->stage, false,
		     glp_mip_status(lp) == GLP_FEAS ? glp_mip_obj_val(lp) : -1,
		     s->main ? s->bound : -1);
	}
	if (glp_ios_reason(tree) == GLP_IHEUR && s->start != NULL &&
	    !s->given) {
		s->given = true;
		glp_ios_heur_sol(tree, s->start);
	}
	/* A node not yet solved has bound -DBL_MAX: keep the best proved. */
	if ((node = glp_ios_best_node(tree)) != 0 &&
	    glp_ios_node_bound(tree, node) > s->bound)
		s->bound = glp_ios_node_bound(tree, node);
	if (glp_ios_reason(tree) != GLP_ISELECT)
		return;
	/*
	 * Every cost is a whole number and every slack takes a whole value in
	 * a best completion, so a plan within one of the bound is optimal.
	 */
	lp = glp_ios_get_prob(tree);
	if (node != 0 && glp_mip_status(lp) == GLP_FEAS &&
	    ceil(s->bound - 1e-6) >= glp_mip_obj_val(lp) - 1e-6) {
		s->proven = true;
		glp_ios_terminate(tree);
		return;
	}
	glp_ios_tree_size(tree, NULL, NULL, &total);
	if (total > s->node_limit)
		glp_ios_terminate(tree);
}

static int
remaining_ms(double started, double limit_s)
{
	double left = limit_s * 1000 - (glp_time() - started);

	return left < 1 ? 1 : (int)left;
}

/*
 * The greedy plan as a full, feasible column vector: placements fixed,
 * every slack and day variable set by the LP. NULL if the LP fails.
 */
static double *
complete_start(const struct model *m, char *xval, int tm_lim)
{
	glp_prob *lp = glp_create_prob();
	glp_smcp smcp;
	double *val = NULL;
	int j, n;

	glp_copy_prob(lp, m->lp, GLP_OFF);
	for (j = 0; j < m->nxs; j++)
		glp_set_col_bnds(lp, m->xs[j].col, GLP_FX, xval[j], xval[j]);
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	smcp.presolve = GLP_ON;
	smcp.tm_lim = tm_lim;
	if (glp_simplex(lp, &smcp) == 0 && glp_get_status(lp) == GLP_OPT) {
		n = glp_get_num_cols(lp);
		val = xcalloc((size_t)n + 1, sizeof *val);
		for (j = 1; j <= n; j++)
			val[j] = glp_get_col_prim(lp, j);
		for (j = 0; j < m->nxs; j++)
			val[m->xs[j].col] = xval[j];
	}
	glp_delete_prob(lp);
	free(xval);
	return val;
}

static double *
greedy_start(const struct model *m, int tm_lim)
{
	char *xval = xmalloc((size_t)m->nxs + 1);

	greedy_plan(m, xval);
	return complete_start(m, xval, tm_lim);
}

/*
 * The published plan, as far as it still holds: placements that can no
 * longer be made are dropped, and so are those past a contract that
 * shrank or a practice's rooms, latest first.
 */
static double *
baseline_start(const struct model *m, int tm_lim)
{
	const struct net *n = m->net;
	char *xval = xcalloc((size_t)m->nxs + 1, 1);
	int *used = xcalloc((size_t)(m->weeks * n->nstaff) + 1, sizeof(int));
	int *taken = xcalloc((size_t)(m->nslots * n->nsites) + 1, sizeof(int));
	const struct model_x *x;
	int j, k;

	for (j = 0; j < m->nxs; j++) {
		x = &m->xs[j];
		if (m->published[x->slot * n->nstaff + x->staff] != x->site)
			continue;
		k = m->slots[x->slot].week * n->nstaff + x->staff;
		if (used[k] >= m->remaining[k] ||
		    taken[x->slot * n->nsites + x->site] >=
			net_rooms(n, x->site, &m->slots[x->slot]))
			continue;
		used[k]++;
		taken[x->slot * n->nsites + x->site]++;
		xval[j] = 1;
	}
	free(used);
	free(taken);
	return complete_start(m, xval, tm_lim);
}

static double
cost_of(glp_prob *lp, const double *val)
{
	double cost = 0;
	int j;

	for (j = 1; j <= glp_get_num_cols(lp); j++)
		cost += glp_get_obj_coef(lp, j) * val[j];
	return cost;
}

static double *mip_values(glp_prob *);

/*
 * Fix and solve: each person may work, each day, only at the two
 * sites the root LP leans to most; the MIP left is small and easy.
 * Needs the root LP solved in m->lp. NULL if no plan was found.
 */
static double *
lp_day_start(const struct model *m, int tm_lim, struct watch *watch)
{
	const struct net *n = m->net;
	glp_prob *lp = glp_create_prob();
	struct search search = {NULL, false, 0, 200, false, NULL, NULL, false};
	double weight[NET_MAX_SITES], *val = NULL;
	glp_iocp iocp;
	int t0, t1, t, i, j, k, p, best, second, rc;

	search.watch = watch;
	search.stage = "start from the root LP";
	glp_copy_prob(lp, m->lp, GLP_OFF);
	for (t0 = 0; t0 < m->nslots; t0 = t1) {
		for (t1 = t0;
		     t1 < m->nslots && m->slots[t1].date == m->slots[t0].date;
		     t1++)
			;
		for (i = 0; i < n->nstaff; i++) {
			memset(weight, 0, sizeof weight);
			for (t = t0; t < t1; t++) {
				k = t * n->nstaff + i;
				for (j = 0; j < m->count[k]; j++)
					weight[m->xs[m->first[k] + j].site] +=
					    glp_get_col_prim(
						m->lp,
						m->xs[m->first[k] + j].col);
			}
			for (best = 0, p = 1; p < n->nsites; p++)
				if (weight[p] > weight[best] + 1e-9)
					best = p;
			for (second = best == 0, p = 0; p < n->nsites; p++)
				if (p != best &&
				    weight[p] > weight[second] + 1e-9)
					second = p;
			for (t = t0; t < t1; t++) {
				k = t * n->nstaff + i;
				for (j = 0; j < m->count[k]; j++)
					if (m->xs[m->first[k] + j].site !=
						best &&
					    m->xs[m->first[k] + j].site !=
						second)
						glp_set_col_bnds(
						    lp,
						    m->xs[m->first[k] + j].col,
						    GLP_FX, 0, 0);
			}
		}
	}
	glp_init_iocp(&iocp);
	iocp.presolve = GLP_ON;
	iocp.msg_lev = GLP_MSG_OFF;
	iocp.tm_lim = tm_lim;
	iocp.mip_gap = 1e-4;
	iocp.fp_heur = GLP_ON;
	iocp.cb_func = on_event;
	iocp.cb_info = &search;
	rc = glp_intopt(lp, &iocp);
	if ((rc == 0 || rc == GLP_ETMLIM || rc == GLP_ESTOP) &&
	    (glp_mip_status(lp) == GLP_OPT || glp_mip_status(lp) == GLP_FEAS))
		val = mip_values(lp);
	glp_delete_prob(lp);
	if (val != NULL)
		tell(watch, search.stage, true, cost_of(m->lp, val), -1);
	return val;
}

/*
 * Fix and optimise, one role at a time: everyone else's placements are
 * fixed as in val, the role's are free, and the small MIP left is solved
 * from val. Fair shares are per role, so this repairs what the starts
 * leave uneven. Returns the better vector (val itself or a new one).
 */
static double *
improve_by_role(const struct model *m, double *val, double deadline,
		struct watch *watch)
{
	const struct net *n = m->net;
	struct search search = {NULL, false, 0, 500, false, NULL, NULL, false};
	glp_iocp iocp;
	glp_prob *lp;
	double *better;
	int role, j, rc;

	search.watch = watch;
	search.stage = "improving role by role";
	for (role = 0; role < n->nroles; role++) {
		if (glp_time() >= deadline)
			break;
		lp = glp_create_prob();
		glp_copy_prob(lp, m->lp, GLP_OFF);
		for (j = 0; j < m->nxs; j++)
			if (n->staff[m->xs[j].staff].role != role)
				glp_set_col_bnds(lp, m->xs[j].col, GLP_FX,
						 val[m->xs[j].col],
						 val[m->xs[j].col]);
		glp_init_iocp(&iocp);
		iocp.presolve = GLP_ON;
		iocp.msg_lev = GLP_MSG_OFF;
		iocp.tm_lim = (int)(deadline - glp_time()) > 1
				  ? (int)(deadline - glp_time())
				  : 1;
		iocp.mip_gap = 1e-4;
		iocp.cb_func = on_event;
		iocp.cb_info = &search;
		rc = glp_intopt(lp, &iocp);
		if ((rc == 0 || rc == GLP_ETMLIM || rc == GLP_ESTOP) &&
		    (glp_mip_status(lp) == GLP_OPT ||
		     glp_mip_status(lp) == GLP_FEAS) &&
		    glp_mip_obj_val(lp) < cost_of(m->lp, val) - 0.5) {
			better = mip_values(lp);
			free(val);
			val = better;
		}
		glp_delete_prob(lp);
	}
	tell(watch, "improved role by role", true, cost_of(m->lp, val), -1);
	return val;
}

static double *
mip_values(glp_prob *lp)
{
	int j, n = glp_get_num_cols(lp);
	double *val = xcalloc((size_t)n + 1, sizeof *val);

	for (j = 1; j <= n; j++)
		val[j] = glp_mip_col_val(lp, j);
	return val;
}

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

	glp_term_hook(quiet, NULL);
	model_build(&m, n, monday, weeks);
	rc = write_model(m.lp, path, cause);
	model_free(&m);
	glp_term_hook(NULL, NULL);
	return rc;
}

int
solve_plan(const struct net *n, date_t monday, int weeks,
	   const struct solve_opts *opts, struct plan *plan, char **cause)
{
	return solve_replan(n, monday, weeks, NULL, opts, plan, cause);
}

/* The cheaper of two starts; the other is freed. */
static double *
better_start(const struct model *m, double *a, double *b)
{
	if (a == NULL)
		return b;
	if (b != NULL && cost_of(m->lp, b) < cost_of(m->lp, a)) {
		free(a);
		return b;
	}
	free(b);
	return a;
}

int
solve_replan(const struct net *n, date_t monday, int weeks,
	     const struct model_baseline *base, const struct solve_opts *opts,
	     struct plan *plan, char **cause)
{
	struct search search = {NULL, false, 0, 0, false, NULL, NULL, false};
	struct model m;
	glp_smcp smcp;
	glp_iocp iocp;
	double started = glp_time(), *start, *val = NULL;
	struct watch watch = {opts, started, -1, -1, "greedy start"};
	int rc, status;

	memset(plan, 0, sizeof *plan);
	glp_term_hook(opts->verbose ? to_stderr : quiet, NULL);
	model_build_from(&m, n, monday, weeks, base);
	search.node_limit = opts->node_limit;
	start = greedy_start(&m, remaining_ms(started, opts->time_limit));
	if (start != NULL)
		tell(&watch, "greedy start", true, cost_of(m.lp, start), -1);
	if (m.published != NULL) {
		start = better_start(
		    &m, start,
		    baseline_start(&m,
				   remaining_ms(started, opts->time_limit)));
		if (start != NULL)
			tell(&watch, "start from the published plan", true,
			     cost_of(m.lp, start), -1);
	}

	glp_init_smcp(&smcp);
	smcp.msg_lev = opts->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	smcp.presolve = GLP_OFF;
	smcp.tm_lim = remaining_ms(started, opts->time_limit);
	if (!opts->verbose && opts->progress != NULL) {
		/* The root LP can take long: its log ticks, unseen. */
		glp_term_hook(tick, &watch);
		smcp.msg_lev = GLP_MSG_ON;
		smcp.out_frq = 250; /* ms */
		watch.stage = "root LP";
	}
	rc = glp_simplex(m.lp, &smcp);
	glp_term_hook(opts->verbose ? to_stderr : quiet, NULL);
	if (rc == 0 && glp_get_status(m.lp) == GLP_OPT) {
		/* The root LP is the first bound; costs are never negative. */
		search.bound = glp_get_obj_val(m.lp);
		tell(&watch, "root LP", true, -1, search.bound);
		double *rounded = lp_day_start(
		    &m, remaining_ms(started, opts->time_limit), &watch);

		if (rounded != NULL &&
		    (start == NULL ||
		     cost_of(m.lp, rounded) < cost_of(m.lp, start))) {
			free(start);
			start = rounded;
		} else
			free(rounded);
		/* Up to half the time left goes to improving the start. */
		if (start != NULL)
			start = improve_by_role(
			    &m, start,
			    glp_time() +
				remaining_ms(started, opts->time_limit) / 2.0,
			    &watch);
		search.start = start;
		search.watch = &watch;
		search.stage = "branch and bound";
		search.main = true;
		glp_init_iocp(&iocp);
		iocp.gmi_cuts = GLP_ON;
		iocp.mir_cuts = GLP_ON;
		iocp.cov_cuts = GLP_ON;
		iocp.clq_cuts = GLP_ON;
		iocp.fp_heur = GLP_ON;
		iocp.tm_lim = remaining_ms(started, opts->time_limit);
		iocp.mip_gap = opts->gap;
		iocp.msg_lev = opts->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
		iocp.cb_func = on_event;
		iocp.cb_info = &search;
		rc = glp_intopt(m.lp, &iocp);
		status = glp_mip_status(m.lp);
		if ((rc == 0 || rc == GLP_ETMLIM || rc == GLP_ESTOP) &&
		    (status == GLP_OPT || status == GLP_FEAS)) {
			val = mip_values(m.lp);
			plan->status =
			    (status == GLP_OPT && rc == 0) || search.proven
				? PLAN_OPTIMAL
				: PLAN_FEASIBLE;
		}
	}
	if (val == NULL && start != NULL) {
		/* No better plan in time: the greedy one stands. */
		val = start;
		start = NULL;
		plan->status = PLAN_FEASIBLE;
	}
	free(start);
	if (val == NULL) {
		xasprintf(cause,
			  "no plan found within %g seconds: raise "
			  "--time-limit",
			  opts->time_limit);
		model_free(&m);
		glp_term_hook(NULL, NULL);
		return -1;
	}
	model_extract(&m, val, plan);
	free(val);
	/* The search ended within the gap: the bound met the plan. */
	plan->bound =
	    plan->status == PLAN_OPTIMAL ? plan->objective : search.bound;
	tell(&watch,
	     plan->status == PLAN_OPTIMAL ? "search ended: optimal"
					  : "search ended: feasible",
	     true, plan->objective, plan->bound);
	model_free(&m);
	glp_term_hook(NULL, NULL);
	explain_uncovered(n, plan);
	return 0;
}
