/*
 * The search on one model, in phases that each stop as soon as a plan
 * meets the bound:
 *  1. a greedy plan (and the published one when re-planning), completed
 *     by an LP with its placements fixed: a plan from the first moment;
 *  2. the root LP, whose cost is the first bound: the interior-point
 *     method, then the dual simplex for a basis unless it would take too
 *     long (the largest networks: a bound, but no basis for 3, 4 and 6;
 *     there the interior point runs beside phase 5, in a process of its
 *     own, on the machine's other processor);
 *  3. two plans from the root LP: RENS (its whole placements fixed) and
 *     a dive on the days it splits between places;
 *  4. a proximity search from the best plan so far (ours: GLPK's is
 *     bounded only by the clock);
 *  5. fix and optimise, part by part: a role, two practices, a day, each
 *     searched for a cheaper plan with the rest of the plan kept;
 *  6. GLPK's branch and bound from the best plan so far (given through
 *     the callback: its MIP presolver would renumber the columns, so the
 *     root LP is solved first), with cuts.
 * Every phase is given a share of the effort left, counted in units of
 * work that do not depend on the machine or its load, so the same model
 * gets the same plan anywhere. The wall clock is only a safety cap: when
 * it strikes, effort->clocked says so.
 */
#include <float.h>
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../src/xmalloc.h"
#include "greedy.h"
#include "search.h"
#include "fence.h"
#include "watch.h"

/*
 * The unit of effort, about a millisecond of one processor of the 2-core
 * machine of DESIGN.md's benchmarks, alone (fitted on each call's
 * processor time on the median, large, stress and largest networks'
 * weeks; within a factor of two or so):
 *  - a simplex iteration costs one unit per SEARCH_LP_SIZE of its
 *    problem's size (nonzeros, rows and columns);
 *  - in branch and bound, one per SEARCH_TREE_SIZE, or SEARCH_CUTS_SIZE
 *    with cuts (generating them is the work), and a node
 *    SEARCH_NODE_UNITS and SEARCH_NODE_ITERS iterations more (presolving
 *    it, heuristics, bookkeeping);
 *  - a sub-problem fixed and presolved one unit per SEARCH_SUB_SIZE of
 *    the model's size, times (size / SEARCH_SUB_KNEE)^SEARCH_SUB_POWER
 *    above that knee (GLPK's presolver goes through the whole model,
 *    and more than in proportion: 5 ms on a stress week of size 95,000,
 *    120 to 155 ms on a 26-practice week of 371,000), one per
 *    SEARCH_FIXED_SIZE when every placement is fixed (the presolver then
 *    does all the work);
 *  - the interior-point method SEARCH_IPT_SCALE x size^SEARCH_IPT_POWER
 *    (its Cholesky factor grows faster than the model).
 * All are counted, never timed.
 */
#define SEARCH_LP_SIZE 80000.0
#define SEARCH_TREE_SIZE 110000.0
#define SEARCH_CUTS_SIZE 20000.0
#define SEARCH_NODE_UNITS 0.2
#define SEARCH_NODE_ITERS 5
#define SEARCH_SUB_SIZE 17000.0
#define SEARCH_SUB_KNEE 95000.0
#define SEARCH_SUB_POWER 1.3
#define SEARCH_FIXED_SIZE 1500.0
#define SEARCH_IPT_SCALE 1.37e-4
#define SEARCH_IPT_POWER 1.4

/* One branch-and-bound run, as its callback sees it. */
struct bnb {
	const double *start; /* column values, from 1; NULL when none */
	bool given;
	double bound;	/* best proved; -DBL_MAX before the first */
	double step;	/* every plan's cost is a multiple of it */
	int node_limit; /* stop after this many nodes */
	double until;	/* effort at which to stop */
	struct search_effort *effort;
	glp_prob *lp;	/* the problem the tree solves: effort counted */
	int it_seen;	/* its iterations counted */
	int it_start;	/* the given problem's count when the run began */
	int nodes_seen; /* the tree's nodes counted */
	double it_cost; /* effort of one of its iterations */
	double it_size; /* SEARCH_TREE_SIZE or SEARCH_CUTS_SIZE */
	bool first;	/* stop at the first plan found */
	bool proven;	/* the bound, rounded up, meets the incumbent */
	bool settled;	/* proven, or no plan at all: nothing left to find */
	struct watch *watch; /* told of plans (NULL: nobody) */
	const char *stage;
	bool whole; /* nothing is fixed: the tree's bound is the model's */
};

/*
 * GLPK's message level for a call: with --verbose only the calls on the
 * whole model are shown (shown), the many small ones would bury them;
 * when watched, every call's lines tick the progress.
 */
static int
msg_level(const struct search_limits *lim, bool shown)
{
	if (lim->verbose)
		return shown ? GLP_MSG_ON : GLP_MSG_OFF;
	return lim->watch != NULL ? GLP_MSG_ON : GLP_MSG_OFF;
}

/* How often GLPK's simplex and tree report, in ms (they tick). */
#define SEARCH_OUT_FRQ 250

static double
size_of(glp_prob *lp)
{
	return (double)glp_get_num_nz(lp) + glp_get_num_rows(lp) +
	       glp_get_num_cols(lp);
}

/*
 * The size of what is left of lp once its fixed columns are taken out
 * (what GLPK's presolver leaves, near enough): the free integer columns
 * (a continuous one is set by them once the rest is fixed), their
 * nonzeros and the rows they are in.
 */
static double
free_size(glp_prob *lp)
{
	int i, j, k, len, rows = 0, n = glp_get_num_cols(lp);
	int *ind = xcalloc((size_t)glp_get_num_rows(lp) + 1, sizeof(int));
	bool *seen = xcalloc((size_t)glp_get_num_rows(lp) + 1, sizeof *seen);
	double size = 0;

	for (j = 1; j <= n; j++) {
		if (glp_get_col_type(lp, j) == GLP_FX ||
		    glp_get_col_kind(lp, j) == GLP_CV)
			continue;
		len = glp_get_mat_col(lp, j, ind, NULL);
		size += 1 + len;
		for (k = 1; k <= len; k++) {
			i = ind[k];
			rows += !seen[i];
			seen[i] = true;
		}
	}
	free(ind);
	free(seen);
	return size + rows;
}

/* The effort of one simplex iteration on lp. */
static double
iter_cost(glp_prob *lp)
{
	return size_of(lp) / SEARCH_LP_SIZE;
}

/* The effort of building and presolving a sub-problem of lp. */
static double
sub_cost(glp_prob *lp)
{
	double size = size_of(lp);

	return size / SEARCH_SUB_SIZE *
	       (size > SEARCH_SUB_KNEE
		    ? pow(size / SEARCH_SUB_KNEE, SEARCH_SUB_POWER)
		    : 1);
}

/* The effort of the interior-point method on lp. */
static double
ipt_cost(glp_prob *lp)
{
	return SEARCH_IPT_SCALE * pow(size_of(lp), SEARCH_IPT_POWER);
}

/* Milliseconds to the deadline, for GLPK's tm_lim (at least 1). */
static int
ms_left(const struct search_limits *lim)
{
	double left = lim->effort->deadline - glp_time();

	return left < 1 ? 1 : left >= INT_MAX ? INT_MAX : (int)ceil(left);
}

/* Whether the deadline has come; if so, it is noted. */
static bool
clock_out(struct search_effort *e)
{
	if (glp_time() < e->deadline)
		return false;
	e->clocked = true;
	return true;
}

bool
search_over(const struct search_limits *lim)
{
	return clock_out(lim->effort) || lim->effort->spent >= lim->until;
}

double
search_share(const struct search_limits *lim, double fraction)
{
	double left = lim->until - lim->effort->spent;

	return lim->effort->spent + (left > 0 ? left * fraction : 0);
}

/*
 * glp_simplex on lp with smcp, at most until the effort until (its
 * iterations counted) or the deadline.
 */
static int
simplex(glp_prob *lp, glp_smcp *smcp, double until,
	const struct search_limits *lim)
{
	double cost = iter_cost(lp), its = (until - lim->effort->spent) / cost;
	int before = glp_get_it_cnt(lp), rc;

	smcp->it_lim = its < 1 ? 1 : its >= INT_MAX ? INT_MAX : (int)its;
	smcp->tm_lim = ms_left(lim);
	rc = glp_simplex(lp, smcp);
	lim->effort->spent += (glp_get_it_cnt(lp) - before) * cost;
	if (rc == GLP_ETMLIM)
		lim->effort->clocked = true;
	return rc;
}

/*
 * Every weight is whole and every column takes a whole value in a best
 * completion (the slacks are set by whole rows), so every plan costs a
 * multiple of the weights' greatest common divisor.
 */
static double
cost_step(glp_prob *lp)
{
	long g = 0, c, a, t;
	int j;

	for (j = 1; j <= glp_get_num_cols(lp); j++) {
		c = lround(fabs(glp_get_obj_coef(lp, j)));
		for (a = g; c != 0; a = c, c = t)
			t = a % c;
		g = a;
	}
	return g > 0 ? (double)g : 1;
}

/* A plan costing cost is optimal if no multiple of step lies between. */
static bool
meets(double bound, double step, double cost)
{
	return step * ceil(bound / step - 1e-6) >= cost - 1e-6;
}

/* Within the relative gap of the bound, as GLPK measures it. */
static bool
good_enough(double bound, double step, double cost, double gap)
{
	return meets(bound, step, cost) ||
	       cost - bound <= gap * (fabs(cost) + DBL_EPSILON);
}

/*
 * Counts the tree's work since the last call: its simplex iterations (on
 * a presolved copy, a problem of its own) and its nodes.
 */
static void
count_tree(struct bnb *b, glp_tree *tree)
{
	glp_prob *lp = glp_ios_get_prob(tree);
	int it, total;

	if (lp != b->lp) {
		/* GLPK starts a presolved copy's count at the problem's. */
		b->lp = lp;
		b->it_seen = b->it_start;
		b->it_cost = size_of(lp) / b->it_size;
	}
	it = glp_get_it_cnt(lp);
	glp_ios_tree_size(tree, NULL, NULL, &total);
	b->effort->spent +=
	    (it - b->it_seen) * b->it_cost +
	    (total > b->nodes_seen ? total - b->nodes_seen : 0) *
		(SEARCH_NODE_UNITS + b->it_cost * SEARCH_NODE_ITERS);
	b->it_seen = it;
	if (total > b->nodes_seen)
		b->nodes_seen = total;
}

/*
 * A run on lp from start (NULL: none), telling lim's watch of its plans
 * at stage, and of its bound when whole (nothing in lp is fixed).
 */
static void
bnb_init(struct bnb *b, glp_prob *lp, const double *start, int node_limit,
	 double until, const struct search_limits *lim, const char *stage,
	 bool whole)
{
	memset(b, 0, sizeof *b);
	b->start = start;
	b->bound = -DBL_MAX;
	b->node_limit = node_limit;
	b->until = until;
	b->effort = lim->effort;
	b->lp = lp;
	b->it_seen = b->it_start = glp_get_it_cnt(lp);
	b->it_size = SEARCH_TREE_SIZE;
	b->it_cost = size_of(lp) / b->it_size;
	b->step = cost_step(lp);
	b->watch = lim->watch;
	b->stage = stage;
	b->whole = whole;
}

static void
on_event(glp_tree *tree, void *info)
{
	struct bnb *b = info;
	glp_prob *lp;
	int node, total;

	if (glp_ios_reason(tree) == GLP_IHEUR && b->start != NULL &&
	    !b->given) {
		b->given = true;
		glp_ios_heur_sol(tree, b->start);
	}
	count_tree(b, tree);
	if (clock_out(b->effort) || b->effort->spent >= b->until) {
		glp_ios_terminate(tree);
		return;
	}
	/* A node not yet solved has bound -DBL_MAX: keep the best proved. */
	if ((node = glp_ios_best_node(tree)) != 0 &&
	    glp_ios_node_bound(tree, node) > b->bound)
		b->bound = glp_ios_node_bound(tree, node);
	lp = glp_ios_get_prob(tree);
	watch_tell(b->watch, b->stage, false,
		   glp_mip_status(lp) == GLP_FEAS ? glp_mip_obj_val(lp) : -1,
		   b->whole && b->bound > 0 ? b->bound : -1);
	if (b->first && glp_ios_reason(tree) == GLP_IBINGO) {
		glp_ios_terminate(tree);
		return;
	}
	if (glp_ios_reason(tree) != GLP_ISELECT)
		return;
	/* A plan within one step of the bound is optimal. */
	if (node != 0 && glp_mip_status(lp) == GLP_FEAS &&
	    meets(b->bound, b->step, glp_mip_obj_val(lp))) {
		b->proven = true;
		glp_ios_terminate(tree);
		return;
	}
	glp_ios_tree_size(tree, NULL, NULL, &total);
	if (total > b->node_limit)
		glp_ios_terminate(tree);
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

/*
 * Branch and bound on lp with the callback state b; the best plan found,
 * or NULL. Stopping at the relative gap counts as proven.
 */
static double *
branch_and_bound(glp_prob *lp, glp_iocp *iocp, struct bnb *b)
{
	int rc, status;

	iocp->cb_func = on_event;
	iocp->cb_info = b;
	rc = glp_intopt(lp, iocp);
	/* What the tree did after its last call, when it is lp itself. */
	if (b->lp == lp)
		b->effort->spent +=
		    (glp_get_it_cnt(lp) - b->it_seen) * b->it_cost;
	if (rc == GLP_ETMLIM)
		b->effort->clocked = true;
	status = glp_mip_status(lp);
	/* The presolver or the root's LP finds no plan: GLP_ENOPFS. */
	b->settled = rc == GLP_ENOPFS || (rc == 0 && status == GLP_NOFEAS);
	if (rc != 0 && rc != GLP_ETMLIM && rc != GLP_ESTOP && rc != GLP_EMIPGAP)
		return NULL;
	if (status != GLP_OPT && status != GLP_FEAS)
		return NULL;
	if (rc == 0 && status == GLP_OPT && b->bound < glp_mip_obj_val(lp))
		b->bound = glp_mip_obj_val(lp); /* the tree is empty */
	if ((rc == 0 && status == GLP_OPT) || rc == GLP_EMIPGAP)
		b->proven = true;
	b->settled = b->proven;
	return mip_values(lp);
}

/*
 * A MIP left small by fixing: GLPK's presolver first (no start can be
 * given then), at most nodes nodes, until the effort until; with first,
 * only until a plan is found. Its best plan, or NULL; *settled (when not
 * NULL) is set when its search ended, not stopped.
 */
static double *
small_mip(glp_prob *lp, int nodes, double until,
	  const struct search_limits *lim, const char *stage, bool first,
	  bool *settled)
{
	struct bnb b;
	glp_iocp iocp;
	double *val;

	/* Fixing and presolving: in proportion to the model. */
	lim->effort->spent += sub_cost(lp);
	bnb_init(&b, lp, NULL, nodes, until, lim, stage, false);
	/*
	 * The presolved problem's iterations, when the tree never calls
	 * back with it (no plan left under the cut-off, or none at all),
	 * show on lp: counted at the size the presolver left, not lp's.
	 */
	b.it_cost = free_size(lp) / b.it_size;
	b.first = first;
	glp_init_iocp(&iocp);
	iocp.presolve = GLP_ON;
	iocp.msg_lev = msg_level(lim, false);
	iocp.out_frq = SEARCH_OUT_FRQ;
	iocp.tm_lim = ms_left(lim);
	iocp.mip_gap = 1e-4;
	val = branch_and_bound(lp, &iocp, &b);
	if (settled != NULL)
		*settled = b.settled;
	return val;
}

double
search_cost(glp_prob *lp, const double *val)
{
	double cost = 0;
	int j;

	for (j = 1; j <= glp_get_num_cols(lp); j++)
		cost += glp_get_obj_coef(lp, j) * val[j];
	return cost;
}

/*
 * A plan's placements as a full, feasible column vector: every slack and
 * day variable set by an LP, the plan told to lim's watch as stage's.
 * Frees xval; NULL if the LP fails. With the placements fixed the
 * presolver leaves little, so the LP has no limit: a plan is always
 * returned. Its effort is counted all the same. Before the root LP
 * (in_place) m->lp itself is used, its bounds and basis put back after:
 * a copy of the largest models takes longer than the LP.
 */
static double *
complete_start(const struct model *m, char *xval,
	       const struct search_limits *lim, const char *stage,
	       bool in_place)
{
	glp_prob *lp = in_place ? m->lp : glp_create_prob();
	glp_smcp smcp;
	double *val = NULL;
	int j, n, rc, col, *type = NULL;
	double *lb = NULL, *ub = NULL;

	if (in_place) {
		type = xcalloc((size_t)m->nxs + 1, sizeof *type);
		lb = xcalloc((size_t)m->nxs + 1, sizeof *lb);
		ub = xcalloc((size_t)m->nxs + 1, sizeof *ub);
		for (j = 0; j < m->nxs; j++) {
			col = m->xs[j].col;
			type[j] = glp_get_col_type(lp, col);
			lb[j] = glp_get_col_lb(lp, col);
			ub[j] = glp_get_col_ub(lp, col);
		}
	} else
		glp_copy_prob(lp, m->lp, GLP_OFF);
	for (j = 0; j < m->nxs; j++)
		glp_set_col_bnds(lp, m->xs[j].col, GLP_FX, xval[j], xval[j]);
	glp_init_smcp(&smcp);
	smcp.msg_lev = msg_level(lim, false);
	smcp.out_frq = SEARCH_OUT_FRQ;
	smcp.presolve = GLP_ON;
	lim->effort->spent += size_of(lp) / SEARCH_FIXED_SIZE;
	j = glp_get_it_cnt(lp);
	rc = glp_simplex(lp, &smcp);
	lim->effort->spent += (glp_get_it_cnt(lp) - j) * iter_cost(lp);
	if (rc == 0 && glp_get_status(lp) == GLP_OPT) {
		n = glp_get_num_cols(lp);
		val = xcalloc((size_t)n + 1, sizeof *val);
		for (j = 1; j <= n; j++)
			val[j] = glp_get_col_prim(lp, j);
		for (j = 0; j < m->nxs; j++)
			val[m->xs[j].col] = xval[j];
		watch_tell(lim->watch, stage, true, search_cost(m->lp, val),
			   -1);
	}
	if (in_place) {
		for (j = 0; j < m->nxs; j++)
			glp_set_col_bnds(lp, m->xs[j].col, type[j], lb[j],
					 ub[j]);
		glp_std_basis(lp); /* as built: every row basic */
		free(type);
		free(lb);
		free(ub);
	} else
		glp_delete_prob(lp);
	free(xval);
	return val;
}

static double *
greedy_start(const struct model *m, const struct search_limits *lim)
{
	char *xval = xmalloc((size_t)m->nxs + 1);

	greedy_plan(m, xval);
	return complete_start(m, xval, lim, "greedy start", true);
}

/*
 * The published plan, as far as it still holds: placements that can no
 * longer be made are dropped, and so are those past a contract that
 * shrank or a site's rooms, latest first. Weeks never published (new to
 * the horizon) are the greedy plan's: weeks share no row (decompose.h),
 * and where they do the LP that completes the start refuses it.
 */
static double *
baseline_start(const struct model *m, const struct search_limits *lim)
{
	const struct net *n = m->net;
	char *xval = xcalloc((size_t)m->nxs + 1, 1);
	char *fresh = xmalloc((size_t)m->nxs + 1);
	bool *kept = xcalloc((size_t)m->weeks + 1, sizeof *kept);
	int *used = xcalloc((size_t)(m->weeks * n->nstaff) + 1, sizeof(int));
	int *taken = xcalloc((size_t)(m->nslots * n->nsites) + 1, sizeof(int));
	const struct model_x *x;
	int j, k, t;

	for (t = 0; t < m->nslots; t++)
		if (t < m->frozen || (m->base->change_cost != NULL &&
				      m->base->change_cost[t] > 0))
			kept[m->slots[t].week] = true;
	greedy_plan(m, fresh);
	for (j = 0; j < m->nxs; j++) {
		x = &m->xs[j];
		if (!kept[m->slots[x->slot].week]) {
			xval[j] = fresh[j];
			continue;
		}
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
	free(fresh);
	free(kept);
	free(used);
	free(taken);
	return complete_start(m, xval, lim, "start from the published plan",
			      true);
}

/* The cheaper of two starts; the other is freed. */
static double *
cheaper(glp_prob *lp, double *a, double *b)
{
	if (a == NULL)
		return b;
	if (b != NULL && search_cost(lp, b) < search_cost(lp, a)) {
		free(a);
		return b;
	}
	free(b);
	return a;
}

/* How strongly lp's solution places staff i at each site on [t0, t1). */
static double
leaning(const struct model *m, glp_prob *lp, int i, int t0, int t1,
	double *weight)
{
	const struct model_x *x;
	double sum = 0;
	int t, j, k;

	memset(weight, 0, NET_MAX_SITES * sizeof *weight);
	for (t = t0; t < t1; t++) {
		k = t * m->net->nstaff + i;
		for (j = 0; j < m->count[k]; j++) {
			x = &m->xs[m->first[k] + j];
			weight[x->site] += glp_get_col_prim(lp, x->col);
			sum += glp_get_col_prim(lp, x->col);
		}
	}
	return sum;
}

/*
 * Fixes to 0 the placements of staff i on [t0, t1) but at site p;
 * appends the columns fixed to undo, returns how many there are now.
 */
static int
keep_one(const struct model *m, glp_prob *lp, int i, int t0, int t1, int p,
	 int *undo, int nundo)
{
	const struct model_x *x;
	int t, j, k;

	for (t = t0; t < t1; t++) {
		k = t * m->net->nstaff + i;
		for (j = 0; j < m->count[k]; j++) {
			x = &m->xs[m->first[k] + j];
			if (x->site == p ||
			    glp_get_col_type(lp, x->col) == GLP_FX)
				continue;
			glp_set_col_bnds(lp, x->col, GLP_FX, 0, 0);
			undo[nundo++] = x->col;
		}
	}
	return nundo;
}

/* A person's day that the LP splits between sites. */
struct split_day {
	int staff, t0, t1, best;
	double sure; /* share of the day's weight at best */
};

static int
by_sureness(const void *a, const void *b)
{
	const struct split_day *x = a, *y = b;

	if (x->sure != y->sure)
		return x->sure > y->sure ? -1 : 1;
	return x->t0 != y->t0 ? x->t0 - y->t0 : x->staff - y->staff;
}

/* The days lp's solution splits between sites; how many. */
static int
split_days(const struct model *m, glp_prob *lp, struct split_day *out)
{
	double weight[NET_MAX_SITES], sum;
	int t0, t1, i, p, best, parts, n = 0;

	for (t0 = 0; t0 < m->nslots; t0 = t1) {
		for (t1 = t0;
		     t1 < m->nslots && m->slots[t1].date == m->slots[t0].date;
		     t1++)
			;
		for (i = 0; i < m->net->nstaff; i++) {
			sum = leaning(m, lp, i, t0, t1, weight);
			for (best = 0, parts = 0, p = 0; p < m->net->nsites;
			     p++) {
				parts += weight[p] > 1e-6;
				if (weight[p] > weight[best] + 1e-9)
					best = p;
			}
			if (parts < 2)
				continue;
			out[n].staff = i;
			out[n].t0 = t0;
			out[n].t1 = t1;
			out[n].best = best;
			out[n++].sure = weight[best] / sum;
		}
	}
	return n;
}

/* Solves lp from its basis; false if not to optimality by until. */
static bool
resolve(glp_prob *lp, double until, const struct search_limits *lim)
{
	struct search_limits sub = *lim;
	glp_smcp smcp;

	sub.until = until;
	glp_init_smcp(&smcp);
	smcp.msg_lev = msg_level(lim, false);
	smcp.out_frq = SEARCH_OUT_FRQ;
	smcp.meth = GLP_DUALP;
	return !search_over(&sub) && simplex(lp, &smcp, until, lim) == 0 &&
	       glp_get_status(lp) == GLP_OPT;
}

/*
 * Sends days the LP splits, the surest first, to the site it leans
 * to most, in batches, re-solving the LP after each. A batch that raises
 * the LP's cost is undone and tried at half the size; the dive ends when
 * no day is split or a single day raises the cost. False if out of
 * effort (or time).
 */
static bool
dive(const struct model *m, glp_prob *lp, double until,
     const struct search_limits *lim)
{
	struct split_day *days =
	    xcalloc((size_t)(m->nslots * m->net->nstaff) + 1, sizeof *days);
	int *undo = xcalloc((size_t)m->nxs + 1, sizeof(int));
	int n, k, nundo, batch = 0;
	double cost = glp_get_obj_val(lp);
	bool ok = true;

	while ((n = split_days(m, lp, days)) > 0) {
		qsort(days, (size_t)n, sizeof *days, by_sureness);
		batch = batch > 0 && batch < (n + 3) / 4 ? batch : (n + 3) / 4;
		for (k = nundo = 0; k < batch; k++)
			nundo = keep_one(m, lp, days[k].staff, days[k].t0,
					 days[k].t1, days[k].best, undo, nundo);
		if (!(ok = resolve(lp, until, lim)))
			break;
		if (glp_get_obj_val(lp) <= cost + 1e-6)
			continue;
		for (k = 0; k < nundo; k++)
			glp_set_col_bnds(lp, undo[k], GLP_DB, 0, 1);
		if (batch == 1 || !(ok = resolve(lp, until, lim)))
			break;
		batch /= 2;
	}
	free(days);
	free(undo);
	return ok;
}

/*
 * RENS: the placements whole in lp's solution are fixed there, and
 * branch and bound looks for the best plan over the fractional rest.
 */
static double *
rens(const struct model *m, glp_prob *lp, double until, int nodes,
     const struct search_limits *lim)
{
	glp_prob *sub = glp_create_prob();
	double v, *val;
	int j;

	glp_copy_prob(sub, lp, GLP_OFF);
	for (j = 0; j < m->nxs; j++) {
		v = glp_get_col_prim(lp, m->xs[j].col);
		if (v < 1e-6 || v > 1 - 1e-6)
			glp_set_col_bnds(sub, m->xs[j].col, GLP_FX, round(v),
					 round(v));
	}
	val = small_mip(sub, nodes, until, lim, "RENS from the root LP", false,
			NULL);
	glp_delete_prob(sub);
	return val;
}

/*
 * A start from the root LP: a dive fixes the days it is sure of without
 * raising the LP's cost, and branch and bound solves the small MIP left.
 * Fixing a placement to 0 keeps every row satisfiable (the hard rows only
 * bound placements from above), so the dive never dead-ends. Starts from
 * the root LP's basis in m->lp. NULL if no plan was found by until.
 */
static double *
lp_dive_start(const struct model *m, double until,
	      const struct search_limits *lim)
{
	glp_prob *lp = glp_create_prob();
	double *val = NULL;

	watch_tell(lim->watch, "dive from the root LP", false, -1, -1);
	glp_copy_prob(lp, m->lp, GLP_OFF);
	if (dive(m, lp, until, lim))
		val = small_mip(lp, 200, until, lim, "dive from the root LP",
				false, NULL);
	glp_delete_prob(lp);
	return val;
}

/*
 * A part of the plan searched again with the rest kept: one role's
 * placements (fair shares are per role), one day's (rooms are shared
 * between roles), or those at two practices (a session moved between
 * them, whoever gives up the room). A role or a day with more than
 * SEARCH_PART_PLACEMENTS placements is cut into parts of about that
 * many: a role into runs of days, a day into runs of places (main sites
 * first, then branch sites and care homes). Bigger, its search would end
 * no sooner than the effort a part is given.
 */
struct part {
	enum { PART_ROLE, PART_DAY, PART_PRACTICES } kind;
	int a, b;     /* the role; the date; the two practices */
	int from, to; /* a role's dates, a day's practices (and care homes) */
};

/*
 * A part is given at most the effort left over this many, and is too big
 * to try again when it was given this much and left open.
 */
#define SEARCH_PART_SHARE 16
#define SEARCH_PART_TOO_BIG 250
/*
 * Placements in a part at most, where it can be cut (measured: on a
 * 26-practice network a role of 1,800 placements was searched in 300 to
 * 1,400 units, one of 3,600 left open at 2,500).
 */
#define SEARCH_PART_PLACEMENTS 2000

static bool
in_part(const struct model *m, const struct model_x *x, const struct part *p)
{
	int date = m->slots[x->slot].date, site = x->site;

	switch (p->kind) {
	case PART_ROLE:
		return m->net->staff[x->staff].role == p->a &&
		       date >= p->from && date <= p->to;
	case PART_DAY:
		return date == p->a && site >= p->from && site <= p->to;
	default:
		return x->practice == p->a || x->practice == p->b;
	}
}

/*
 * Cuts the part whole, whose placements are counted by key (a date, or a
 * site) in count[0..nkeys), into runs of keys of at most
 * SEARCH_PART_PLACEMENTS (a key with more is a run of its own), appended
 * to parts at *k; a run without placements is not.
 */
static void
cut_part(struct part whole, const int *keys, const int *count, int nkeys,
	 struct part *parts, int *k)
{
	int i, in_run = 0;

	whole.from = keys[0];
	for (i = 0; i < nkeys; i++) {
		if (in_run > 0 && in_run + count[i] > SEARCH_PART_PLACEMENTS) {
			whole.to = keys[i - 1];
			parts[(*k)++] = whole;
			whole.from = keys[i];
			in_run = 0;
		}
		in_run += count[i];
	}
	whole.to = keys[nkeys - 1];
	if (in_run > 0) /* a part with nothing to move is not searched */
		parts[(*k)++] = whole;
}

/* The parts to search again, in order; how many. Caller frees *out. */
static int
list_parts(const struct model *m, struct part **out)
{
	const struct net *n = m->net;
	int np = n->npractices, ns = n->nsites, nd = 0, k = 0, r, a, b, j, d;
	int *dates = xcalloc((size_t)m->nslots + 1, sizeof(int));
	int *count = xcalloc((size_t)(m->nslots + ns) + 1, sizeof(int));
	int *sites = xcalloc((size_t)ns + 1, sizeof(int));
	/* At most a part per role and date, per practice pair, per site. */
	struct part *parts = xcalloc(
	    (size_t)(n->nroles * m->nslots + np * np + m->nslots * ns) + 1,
	    sizeof *parts);

	/* The days with placements (a week's model has only its own). */
	for (j = 0; j < m->nxs; j++)
		if (nd == 0 || m->slots[m->xs[j].slot].date != dates[nd - 1])
			dates[nd++] = m->slots[m->xs[j].slot].date;
	for (a = 0; a < ns; a++)
		sites[a] = a;
	for (r = 0; r < n->nroles && nd > 0; r++) {
		memset(count, 0, (size_t)nd * sizeof(int));
		for (j = 0, d = 0; j < m->nxs; j++) {
			while (dates[d] != m->slots[m->xs[j].slot].date)
				d++;
			count[d] += n->staff[m->xs[j].staff].role == r;
		}
		cut_part((struct part){PART_ROLE, r, 0, 0, 0}, dates, count, nd,
			 parts, &k);
	}
	for (a = 0; a < np; a++)
		for (b = a + 1; b < np; b++)
			parts[k++] = (struct part){PART_PRACTICES, a, b, 0, 0};
	for (d = 0; d < nd; d++) {
		memset(count, 0, (size_t)ns * sizeof(int));
		for (j = 0; j < m->nxs; j++)
			if (m->slots[m->xs[j].slot].date == dates[d])
				count[m->xs[j].site]++;
		cut_part((struct part){PART_DAY, dates[d], 0, 0, 0}, sites,
			 count, ns, parts, &k);
	}
	free(dates);
	free(count);
	free(sites);
	*out = parts;
	return k;
}

/*
 * Only plans costing at most cost: a row of the objective. GLPK's MIP
 * presolver, which cannot be given a start, then prunes by it, and any
 * plan found is a better one.
 */
static void
cut_off(glp_prob *lp, double cost)
{
	int n = glp_get_num_cols(lp), j, len = 0;
	int *ind = xcalloc((size_t)n + 1, sizeof(int));
	double *coef = xcalloc((size_t)n + 1, sizeof(double));
	int row = glp_add_rows(lp, 1);

	for (j = 1; j <= n; j++)
		if (glp_get_obj_coef(lp, j) != 0) {
			ind[++len] = j;
			coef[len] = glp_get_obj_coef(lp, j);
		}
	glp_set_mat_row(lp, row, len, ind, coef);
	glp_set_row_bnds(lp, row, GLP_UP, 0, cost + 1e-6);
	free(ind);
	free(coef);
}

/*
 * Fix and optimise one part: every placement outside it is fixed as in
 * val, and the small MIP left is solved by the effort until in at most
 * 500 nodes. work is a copy of the model whose last row is the objective
 * (cut_off): each part sets its bounds afresh, a copy of the largest
 * models costing more than many a part's search. A cheaper plan, or
 * NULL; *open is set when there is none but the search did not prove
 * that.
 */
static double *
improve_part(const struct model *m, glp_prob *work, const double *val,
	     const struct part *p, double until,
	     const struct search_limits *lim, bool *open)
{
	double *better, cost = search_cost(m->lp, val);
	bool settled;
	int j, col;

	for (j = 0; j < m->nxs; j++) {
		col = m->xs[j].col;
		if (in_part(m, &m->xs[j], p))
			glp_set_col_bnds(work, col,
					 glp_get_col_type(m->lp, col),
					 glp_get_col_lb(m->lp, col),
					 glp_get_col_ub(m->lp, col));
		else
			glp_set_col_bnds(work, col, GLP_FX, val[col], val[col]);
	}
	glp_set_row_bnds(work, glp_get_num_rows(work), GLP_UP, 0,
			 cost - cost_step(m->lp) + 1e-6);
	better = small_mip(work, 500, until, lim, "improving part by part",
			   false, &settled);
	*open = better == NULL && !settled;
	if (better != NULL && search_cost(m->lp, better) >= cost - 0.5) {
		free(better);
		better = NULL;
	}
	return better;
}

/*
 * Fix and optimise, part by part (list_parts), in passes until a pass
 * gains nothing, val meets the bound or the effort until is spent. Each
 * part's search is its own (a bound proved with one part free says
 * nothing of the next) and gets an equal share of the effort left, at
 * least a SEARCH_PART_SHARE'th. A part too big to search in its share is
 * not tried again: on the largest networks a day is, and the effort goes
 * to the rest. Returns the better vector (val or a new one).
 */
static double *
improve_by_parts(const struct model *m, double *val, double until, double bound,
		 const struct search_limits *lim)
{
	struct search_limits sub = *lim;
	struct part *parts;
	int nparts = list_parts(m, &parts), nbig = 0, k, since_gain;
	bool *too_big = xcalloc((size_t)nparts, sizeof *too_big), open;
	double *better, budget;
	glp_prob *work = glp_create_prob();

	glp_copy_prob(work, m->lp, GLP_OFF);
	cut_off(work, search_cost(m->lp, val));
	sub.until = until;
	/* Until a whole pass (every part since the last gain) gains nothing. */
	for (k = 0, since_gain = 0;
	     since_gain < nparts && !search_over(&sub) &&
	     !meets(bound, cost_step(m->lp), search_cost(m->lp, val));
	     k = (k + 1) % nparts, since_gain++) {
		if (too_big[k])
			continue;
		budget =
		    (until - lim->effort->spent) /
		    (nparts - nbig < SEARCH_PART_SHARE ? nparts - nbig
						       : SEARCH_PART_SHARE);
		better = improve_part(m, work, val, &parts[k],
				      lim->effort->spent + budget, lim, &open);
		if (open && budget >= SEARCH_PART_TOO_BIG) {
			too_big[k] = true;
			nbig++;
		}
		if (better != NULL) {
			free(val);
			val = better;
			since_gain = 0;
		}
	}
	glp_delete_prob(work);
	free(parts);
	free(too_big);
	watch_tell(lim->watch, "improved part by part", true,
		   search_cost(m->lp, val), -1);
	return val;
}

double *
search_start(const struct model *m, const struct search_limits *lim)
{
	double *start = greedy_start(m, lim);

	if (m->published != NULL)
		start = cheaper(m->lp, start, baseline_start(m, lim));
	return start;
}

/*
 * The interior-point method cannot be stopped. It is run when its effort
 * (ipt_cost) fits in what is left, and not begun when, at this many times
 * its effort in milliseconds (a slow or busy machine), it would run past
 * the deadline: the clock stops the search then, and says so. Begun, it
 * is killed at the limit (fence.h) if it overruns, and the plan is the
 * start: a margin of 1.5, not more, so that on a machine at its usual
 * speed the largest networks get their bound in the default time.
 */
#define SEARCH_IPT_SLOW 1.5
/*
 * GLPK's dual simplex takes at most about this many times the effort of
 * its interior-point method on the root LP (25 times on the large, stress
 * and largest networks of the benchmark, measured with glpsol; 10 times
 * on a week of fixtures/large.ini): it is not begun when that would not
 * fit in the effort left, and the search goes on without a basis.
 */
#define SEARCH_SIMPLEX_PER_IPT 30

/*
 * A lower bound on lp's optimum from the interior point's row duals,
 * whatever its status (it may stop short of its tolerance, for
 * numerical instability, a hair from the optimum): the Lagrangian dual,
 * duals of the wrong sign taken as 0. False when it gives none (a
 * column with a negative reduced cost and no upper bound, or 0).
 */
static bool
dual_bound(glp_prob *lp, double *bound)
{
	int i, j, k, len, m = glp_get_num_rows(lp), n = glp_get_num_cols(lp);
	int *ind = xcalloc((size_t)n + 1, sizeof(int));
	double *val = xcalloc((size_t)n + 1, sizeof(double));
	double *d = xcalloc((size_t)n + 1, sizeof(double)), y, sum = 0;
	bool ok = true;

	for (j = 1; j <= n; j++)
		d[j] = glp_get_obj_coef(lp, j);
	for (i = 1; i <= m; i++) {
		y = glp_ipt_row_dual(lp, i);
		switch (glp_get_row_type(lp, i)) {
		case GLP_FR:
			y = 0;
			break;
		case GLP_LO:
			y = y > 0 ? y : 0;
			sum += y * glp_get_row_lb(lp, i);
			break;
		case GLP_UP:
			y = y < 0 ? y : 0;
			sum += y * glp_get_row_ub(lp, i);
			break;
		default: /* GLP_DB, GLP_FX */
			sum += y * (y > 0 ? glp_get_row_lb(lp, i)
					  : glp_get_row_ub(lp, i));
		}
		len = glp_get_mat_row(lp, i, ind, val);
		for (k = 1; k <= len; k++)
			d[ind[k]] -= val[k] * y;
	}
	for (j = 1; j <= n && ok; j++) {
		int type = glp_get_col_type(lp, j);

		if (d[j] >= 0 &&
		    (type == GLP_LO || type == GLP_DB || type == GLP_FX))
			sum += d[j] * glp_get_col_lb(lp, j);
		else if (d[j] < 0 &&
			 (type == GLP_UP || type == GLP_DB || type == GLP_FX))
			sum += d[j] * glp_get_col_ub(lp, j);
		else
			ok = d[j] == 0;
	}
	free(ind);
	free(val);
	free(d);
	if (ok && sum > 0) /* no cost is negative: 0 is no news */
		*bound = sum - 1e-6 * (1 + fabs(sum));
	return ok && sum > 0;
}

/*
 * The root LP by the dual simplex (no cost is negative, so the first
 * basis is dual feasible), with up to three quarters of the effort left;
 * when sized, not begun if the model is too big for it to end in all of
 * it (from the model's size, never from a time taken). True with its
 * basis, and its exact bound in *bound.
 */
static bool
root_simplex(const struct model *m, const struct search_limits *lim,
	     double *bound, bool sized)
{
	glp_smcp smcp;

	if (search_over(lim) ||
	    (sized &&
	     lim->effort->spent + SEARCH_SIMPLEX_PER_IPT * ipt_cost(m->lp) >
		 lim->until))
		return false;
	glp_init_smcp(&smcp);
	smcp.msg_lev = msg_level(lim, true);
	smcp.out_frq = SEARCH_OUT_FRQ;
	smcp.meth = GLP_DUALP;
	if (simplex(m->lp, &smcp, search_share(lim, 0.75), lim) != 0 ||
	    glp_get_status(m->lp) != GLP_OPT)
		return false;
	*bound = glp_get_obj_val(m->lp);
	watch_tell(lim->watch, "root LP", true, -1, *bound);
	return true;
}

/*
 * The interior-point method on lp, GLPK's messages at msg_lev: a bound on
 * its optimum, its cost less its tolerance (or its duals' when it stops
 * short of it: dual_bound); 0 when none.
 */
static double
interior_bound(glp_prob *lp, int msg_lev)
{
	glp_iptcp iptcp;
	double bound = 0;

	glp_init_iptcp(&iptcp);
	iptcp.msg_lev = msg_lev;
	if (glp_interior(lp, &iptcp) == 0 && glp_ipt_status(lp) == GLP_OPT)
		bound = glp_ipt_obj_val(lp) -
			1e-6 * (1 + fabs(glp_ipt_obj_val(lp)));
	else if (!dual_bound(lp, &bound))
		bound = 0;
	return bound > 0 ? bound : 0;
}

/*
 * The interior-point method beside the search (fence.h); or, when no
 * process can be started, run here at once, its bound kept until
 * root_lp_end(), so that the search goes on exactly as it would have.
 */
struct root_beside {
	const struct model *m;
	int msg_lev;
	struct fence_beside process;
	bool here;    /* no process: bound is already known */
	double bound; /* when here */
	double begun; /* the effort when it began */
};

static double
interior_beside(void *arg)
{
	const struct root_beside *rb = arg;

	return interior_bound(rb->m->lp, rb->msg_lev);
}

/*
 * The root LP. The interior-point method first, for a bound. Then the
 * dual simplex (no cost is negative, so the first basis is dual
 * feasible) with up to three quarters of the effort left, unless the
 * model is too big for it to end in all of it: on the largest networks,
 * where the search goes on without a basis. There the interior point
 * runs beside the search, on another processor, while the parts are
 * improved (*pending is then set: root_lp_end() takes its bound).
 * Every decision is made from the model's size, never from a time taken.
 * Returns true with the simplex's basis (and its exact bound), false
 * without; sets *bound (0 when neither finished).
 */
static bool
root_lp(const struct model *m, const struct search_limits *lim, double *bound,
	struct root_beside *beside, bool *pending)
{
	struct search_effort *e = lim->effort;
	double ipt = ipt_cost(m->lp);

	*pending = false;
	if (search_over(lim) || e->spent + ipt > lim->until)
		return false;
	if (glp_time() + SEARCH_IPT_SLOW * ipt >= e->deadline) {
		e->clocked = true;
		return false;
	}
	watch_tell(lim->watch, "root LP", false, -1, -1);
	if (e->spent + (1 + SEARCH_SIMPLEX_PER_IPT) * ipt > lim->until) {
		*beside = (struct root_beside){
		    .m = m,
		    .msg_lev = lim->verbose ? GLP_MSG_ON : GLP_MSG_OFF,
		    .begun = e->spent,
		};
		beside->here = !fence_beside_start(&beside->process,
						   interior_beside, beside);
		if (beside->here)
			beside->bound =
			    interior_bound(m->lp, msg_level(lim, true));
		*pending = true;
		return false;
	}
	*bound = interior_bound(m->lp, msg_level(lim, true));
	e->spent += ipt;
	if (root_simplex(m, lim, bound, true))
		return true;
	watch_tell(lim->watch, "root LP by interior point", true, -1,
		   *bound > 0 ? *bound : -1);
	return false;
}

/*
 * The bound from the interior point beside the search, waited for until
 * the deadline. Its effort is counted as the search's had it waited for
 * the other processor: the effort when it began and its own, unless the
 * search has spent more since. (On one processor the two take turns: the
 * plan is the same, but the time limit may strike first.)
 */
static void
root_lp_end(const struct model *m, const struct search_limits *lim,
	    struct root_beside *beside, double *bound)
{
	struct search_effort *e = lim->effort;
	double got, done = beside->begun + ipt_cost(m->lp);

	if (beside->here)
		*bound = beside->bound;
	else
		switch (
		    fence_beside_wait(&beside->process, e->deadline, &got)) {
		case 0:
			*bound = got;
			break;
		case -2:
			e->clocked = true;
			break;
		default: /* a process that failed gives no bound */
			break;
		}
	if (e->spent < done)
		e->spent = done;
	watch_tell(lim->watch, "root LP by interior point", true, -1,
		   *bound > 0 ? *bound : -1);
}

/* Hands res the plan val, proven when good enough for the bound. */
static void
finish(const struct model *m, const struct search_limits *lim, double *val,
       struct search_result *res)
{
	double step = cost_step(m->lp), cost;

	res->val = val;
	if (val == NULL)
		return;
	cost = search_cost(m->lp, val);
	if (good_enough(res->bound, step, cost, lim->gap))
		res->proven = true;
	if (meets(res->bound, step, cost))
		res->bound = cost;
	watch_tell(lim->watch, NULL, false, cost, res->bound);
	if (lim->keep != NULL)
		lim->keep(res, lim->keep_arg);
}

/* Proximity search gives each of its MIPs at most this many nodes. */
#define SEARCH_PROXIMITY_NODES 2000

/*
 * Proximity search (Fischetti and Monaci), GLPK's without its clock: among
 * the plans a cost step cheaper than best, branch and bound looks for the
 * first that moves the fewest placements; completed by an LP, it is the
 * next best. Until no cheaper plan exists or is found by until. The better
 * plan (best or a new one).
 */
static double *
proximity(const struct model *m, double *best, double until,
	  const struct search_limits *lim)
{
	struct search_limits sub = *lim;
	double step = cost_step(m->lp), *val, *next;
	glp_prob *lp;
	char *xval;
	int j, col;

	sub.until = until;
	while (!search_over(&sub)) {
		lp = glp_create_prob();
		glp_copy_prob(lp, m->lp, GLP_OFF);
		cut_off(lp, search_cost(m->lp, best) - step);
		for (j = 1; j <= glp_get_num_cols(lp); j++)
			glp_set_obj_coef(lp, j, 0);
		for (j = 0; j < m->nxs; j++) {
			col = m->xs[j].col;
			glp_set_obj_coef(lp, col, best[col] > 0.5 ? -1 : 1);
		}
		val = small_mip(lp, SEARCH_PROXIMITY_NODES, until, lim,
				"proximity search", true, NULL);
		glp_delete_prob(lp);
		if (val == NULL)
			break;
		xval = xmalloc((size_t)m->nxs + 1);
		for (j = 0; j < m->nxs; j++)
			xval[j] = val[m->xs[j].col] > 0.5;
		free(val);
		next = complete_start(m, xval, lim, "proximity search", false);
		if (next == NULL ||
		    search_cost(m->lp, next) > search_cost(m->lp, best) - 0.5) {
			free(next);
			break;
		}
		free(best);
		best = next;
	}
	return best;
}

/*
 * Branch and bound from start, with cuts, to lim's effort. The better of
 * its plan and start; updates res's bound and proof.
 */
static double *
search_tree(const struct model *m, const struct search_limits *lim,
	    double *start, struct search_result *res)
{
	struct bnb b;
	glp_iocp iocp;
	double *val;

	bnb_init(&b, m->lp, start, lim->node_limit, lim->until, lim,
		 "branch and bound", true);
	b.it_size = SEARCH_CUTS_SIZE;
	b.it_cost = size_of(m->lp) / b.it_size;
	b.bound = res->bound;
	glp_init_iocp(&iocp);
	iocp.gmi_cuts = GLP_ON;
	iocp.mir_cuts = GLP_ON;
	iocp.cov_cuts = GLP_ON;
	iocp.clq_cuts = GLP_ON;
	iocp.fp_heur = GLP_ON;
	iocp.tm_lim = ms_left(lim);
	iocp.mip_gap = lim->gap;
	iocp.msg_lev = msg_level(lim, true);
	iocp.out_frq = SEARCH_OUT_FRQ;
	val = branch_and_bound(m->lp, &iocp, &b);
	res->bound = b.bound;
	res->proven = b.proven;
	if (val == NULL)
		return start; /* no better plan: the start stands */
	free(start);
	return val;
}

/*
 * A phase gets a fraction of the effort left (returned: the effort at
 * which it ends) and, for a machine too busy for the effort, at most
 * 1.5 times that fraction of the time left to the cap, so that the cap then
 * cuts each phase short in turn instead of the first one running into
 * it. phase_end() gives the cap back.
 */
static double
phase_begin(const struct search_limits *lim, double fraction, double *cap)
{
	double now = glp_time(), part = 1.5 * fraction < 1 ? 1.5 * fraction : 1;

	*cap = lim->effort->deadline;
	lim->effort->deadline = now + part * (*cap - now);
	return search_share(lim, fraction);
}

static void
phase_end(const struct search_limits *lim, double cap)
{
	lim->effort->deadline = cap;
}

void
search_model(const struct model *m, const struct search_limits *lim,
	     double *start, struct search_result *res)
{
	double until, cap;
	struct root_beside beside;
	bool basis, pending;

	memset(res, 0, sizeof *res);
	if (start == NULL)
		start = search_start(m, lim);
	basis = root_lp(m, lim, &res->bound, &beside, &pending);
	if (basis) {
		until = phase_begin(lim, 0.2, &cap);
		start = cheaper(m->lp, start, rens(m, m->lp, until, 100, lim));
		phase_end(lim, cap);
		until = phase_begin(lim, 0.25, &cap);
		start = cheaper(m->lp, start, lp_dive_start(m, until, lim));
		phase_end(lim, cap);
	}
	finish(m, lim, start, res);
	if (!pending && (res->proven || start == NULL || search_over(lim)))
		return;
	if (basis) {
		until = phase_begin(lim, 0.25, &cap);
		start = proximity(m, start, until, lim);
		phase_end(lim, cap);
		finish(m, lim, start, res);
		if (res->proven || search_over(lim))
			return;
	}
	/* Without a basis, all the effort left; else half. */
	until = phase_begin(lim, basis ? 0.5 : 1, &cap);
	if (start != NULL && !search_over(lim))
		start = improve_by_parts(m, start, until, res->bound, lim);
	phase_end(lim, cap);
	if (pending) {
		/* The parts' plan is kept first: the wait may be cut short. */
		finish(m, lim, start, res);
		root_lp_end(m, lim, &beside, &res->bound);
	}
	finish(m, lim, start, res);
	if (start == NULL)
		return;
	if (res->proven || search_over(lim))
		return;
	/*
	 * Parts that gain no more leave effort that nothing else would
	 * use: the simplex has it, however big the model.
	 */
	if (!basis) {
		if (!root_simplex(m, lim, &res->bound, false))
			return;
		finish(m, lim, start, res);
		if (res->proven || search_over(lim))
			return;
	}
	finish(m, lim, search_tree(m, lim, start, res), res);
}
