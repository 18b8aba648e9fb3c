/*
 * Week by week. Each column gets the week of the placements its rows
 * hold; the model falls apart when no row holds two weeks, and then its
 * optimum is the sum of the weeks' optima. Each week becomes a model of
 * its own: its rows and columns copied into a new problem, its
 * placements renumbered, the rest of struct model shared with the whole.
 */
#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/xmalloc.h"
#include "decompose.h"
#include "watch.h"

struct split {
	int *colweek; /* [column], from 1 */
	int *rowweek; /* [row], from 1; -1 for an empty row */
};

/* A week of one of the columns ind[1..len], or -1 if none has one. */
static int
known_week(const int *colweek, const int *ind, int len)
{
	int k;

	for (k = 1; k <= len; k++)
		if (colweek[ind[k]] >= 0)
			return colweek[ind[k]];
	return -1;
}

/*
 * Gives every row and column its week; false if some row holds columns
 * of two weeks. Rows with a placement first, then the others (slacks of
 * rows nobody can fill), which go with their columns or to week 0.
 */
static bool
split_weeks(const struct model *m, struct split *s)
{
	glp_prob *lp = m->lp;
	int nrows = glp_get_num_rows(lp), ncols = glp_get_num_cols(lp);
	int *ind = xcalloc((size_t)ncols + 1, sizeof(int));
	int i, j, k, len, w, pass;
	bool apart = true;

	s->colweek = xcalloc((size_t)ncols + 1, sizeof(int));
	s->rowweek = xcalloc((size_t)nrows + 1, sizeof(int));
	for (j = 1; j <= ncols; j++)
		s->colweek[j] = -1;
	for (j = 0; j < m->nxs; j++)
		s->colweek[m->xs[j].col] = m->slots[m->xs[j].slot].week;
	for (pass = 0; pass < 2; pass++)
		for (i = 1; i <= nrows; i++) {
			len = glp_get_mat_row(lp, i, ind, NULL);
			w = known_week(s->colweek, ind, len);
			if (w < 0 && pass == 0)
				continue;
			for (k = 1; k <= len; k++)
				if (s->colweek[ind[k]] < 0)
					s->colweek[ind[k]] = w < 0 ? 0 : w;
		}
	for (j = 1; j <= ncols; j++)
		if (s->colweek[j] < 0)
			s->colweek[j] = 0; /* in no row */
	for (i = 1; i <= nrows && apart; i++) {
		len = glp_get_mat_row(lp, i, ind, NULL);
		s->rowweek[i] = len > 0 ? s->colweek[ind[1]] : -1;
		for (k = 2; k <= len; k++)
			if (s->colweek[ind[k]] != s->rowweek[i])
				apart = false;
	}
	free(ind);
	return apart;
}

/* One week as a model of its own. */
struct block {
	struct model m; /* owns lp, xs, first, count; shares the rest */
	int *whole_col; /* [column of m.lp]: the column of the whole */
};

/* Copies week w's columns into sub; sub_of maps the whole's to them. */
static void
copy_columns(glp_prob *lp, glp_prob *sub, const struct split *s, int w,
	     int *sub_of, int *whole_col)
{
	int j, k, n = 0, ncols = glp_get_num_cols(lp);

	for (j = 1; j <= ncols; j++)
		n += s->colweek[j] == w;
	if (n > 0)
		glp_add_cols(sub, n);
	for (j = 1, k = 0; j <= ncols; j++) {
		if (s->colweek[j] != w)
			continue;
		sub_of[j] = ++k;
		whole_col[k] = j;
		glp_set_col_kind(sub, k, glp_get_col_kind(lp, j));
		glp_set_col_bnds(sub, k, glp_get_col_type(lp, j),
				 glp_get_col_lb(lp, j), glp_get_col_ub(lp, j));
		glp_set_obj_coef(sub, k, glp_get_obj_coef(lp, j));
	}
}

static void
copy_rows(glp_prob *lp, glp_prob *sub, const struct split *s, int w,
	  const int *sub_of)
{
	int i, k, r, len, n = 0, nrows = glp_get_num_rows(lp);
	int *ind = xcalloc((size_t)glp_get_num_cols(lp) + 1, sizeof(int));
	double *val = xcalloc((size_t)glp_get_num_cols(lp) + 1, sizeof(double));

	for (i = 1; i <= nrows; i++)
		n += s->rowweek[i] == w;
	if (n > 0)
		glp_add_rows(sub, n);
	for (i = 1, r = 0; i <= nrows; i++) {
		if (s->rowweek[i] != w)
			continue;
		len = glp_get_mat_row(lp, i, ind, val);
		for (k = 1; k <= len; k++)
			ind[k] = sub_of[ind[k]];
		r++;
		glp_set_row_bnds(sub, r, glp_get_row_type(lp, i),
				 glp_get_row_lb(lp, i), glp_get_row_ub(lp, i));
		glp_set_mat_row(sub, r, len, ind, val);
	}
	free(ind);
	free(val);
}

/* The whole's placements of week w, renumbered, in the whole's order. */
static void
copy_placements(struct model *b, const struct model *m, const int *sub_of,
		int w)
{
	int k, j, nk = m->nslots * m->net->nstaff;
	const struct model_x *x;

	b->xs = xcalloc((size_t)m->nxs + 1, sizeof *b->xs);
	b->first = xcalloc((size_t)nk + 1, sizeof(int));
	b->count = xcalloc((size_t)nk + 1, sizeof(int));
	b->nxs = 0;
	for (k = 0; k < nk; k++) {
		b->first[k] = b->nxs;
		for (j = 0; j < m->count[k]; j++) {
			x = &m->xs[m->first[k] + j];
			if (m->slots[x->slot].week != w)
				continue;
			b->xs[b->nxs] = *x;
			b->xs[b->nxs++].col = sub_of[x->col];
			b->count[k]++;
		}
	}
}

static void
block_build(struct block *b, const struct model *m, const struct split *s,
	    int w)
{
	int ncols = glp_get_num_cols(m->lp);
	int *sub_of = xcalloc((size_t)ncols + 1, sizeof(int));

	b->m = *m;
	b->m.lp = glp_create_prob();
	glp_set_obj_dir(b->m.lp, GLP_MIN);
	b->whole_col = xcalloc((size_t)ncols + 1, sizeof(int));
	copy_columns(m->lp, b->m.lp, s, w, sub_of, b->whole_col);
	copy_rows(m->lp, b->m.lp, s, w, sub_of);
	copy_placements(&b->m, m, sub_of, w);
	free(sub_of);
}

static void
block_free(struct block *b)
{
	glp_delete_prob(b->m.lp);
	free(b->m.xs);
	free(b->m.first);
	free(b->m.count);
	free(b->whole_col);
}

/* What is known of one week's part of the plan. */
struct week {
	double cost;  /* of its part of the best plan; -1 before there is one */
	double bound; /* proved; 0 before */
	bool proven;
};

/* The other weeks' costs and bounds, added to week w's when told. */
static void
watch_rest(struct watch *watch, const struct week *weeks, int nweeks, int w)
{
	double plan = 0, bound = 0;
	char prefix[32];
	int v;

	for (v = 0; v < nweeks; v++)
		if (v != w) {
			plan = weeks[v].cost < 0 || plan < 0
				   ? -1
				   : plan + weeks[v].cost;
			bound += weeks[v].bound;
		}
	snprintf(prefix, sizeof prefix, "week %d of %d: ", w + 1, nweeks);
	watch_part(watch, prefix, plan, bound);
}

/*
 * Searches week w within lim from its part of whole (the column
 * values of the whole model, from 1), and puts its plan there if cheaper.
 * Returns false if the week has no plan at all.
 */
static bool
search_week(const struct model *m, const struct split *s, int w,
	    const struct search_limits *lim, struct week *week, double *whole)
{
	struct search_result r;
	struct block b;
	double *start = NULL, cost;
	int k, n;

	block_build(&b, m, s, w);
	n = glp_get_num_cols(b.m.lp);
	if (week->cost >= 0) {
		start = xcalloc((size_t)n + 1, sizeof *start);
		for (k = 1; k <= n; k++)
			start[k] = whole[b.whole_col[k]];
	}
	search_model(&b.m, lim, start, &r);
	cost = r.val != NULL ? search_cost(b.m.lp, r.val) : -1;
	if (cost >= 0 && (week->cost < 0 || cost < week->cost)) {
		for (k = 1; k <= n; k++)
			whole[b.whole_col[k]] = r.val[k];
		week->cost = cost;
	}
	if (r.bound > week->bound)
		week->bound = r.bound;
	week->proven = week->proven || r.proven;
	free(r.val);
	block_free(&b);
	return week->cost >= 0;
}

/*
 * Equal parts of the effort left to the weeks still to search; and of the
 * time left to the cap, so that on a machine too busy for the effort the
 * cap stops each week in turn and no week is left with no search at all.
 */
static double
share(const struct search_limits *lim, int left, double cap)
{
	lim->effort->deadline = glp_time() + (cap - glp_time()) / left;
	return search_share(lim, 1.0 / left);
}

/* Week w's part of the cost of the whole plan val. */
static double
week_cost(glp_prob *lp, const struct split *s, int w, const double *val)
{
	double cost = 0;
	int j;

	for (j = 1; j <= glp_get_num_cols(lp); j++)
		if (s->colweek[j] == w)
			cost += glp_get_obj_coef(lp, j) * val[j];
	return cost;
}

/*
 * The whole plan val as a result: its bound the sum of the weeks', proven
 * when every week is. False (r untouched) while some week has no plan.
 */
static bool
whole_result(const struct week *weeks, int nweeks, double *val,
	     struct search_result *r)
{
	int w;

	for (w = 0; w < nweeks; w++)
		if (weeks[w].cost < 0)
			return false;
	r->val = val;
	r->bound = 0;
	r->proven = true;
	for (w = 0; w < nweeks; w++) {
		r->bound += weeks[w].bound;
		r->proven = r->proven && weeks[w].proven;
	}
	return true;
}

/* Tells lim's keep of the whole plan val, once every week has a part. */
static void
keep_whole(const struct search_limits *lim, const struct week *weeks,
	   int nweeks, double *val)
{
	struct search_result whole;

	if (lim->keep != NULL && whole_result(weeks, nweeks, val, &whole))
		lim->keep(&whole, lim->keep_arg);
}

bool
decompose_search(const struct model *m, const struct search_limits *lim,
		 double *start, struct search_result *res)
{
	struct search_limits wl = *lim;
	struct week *weeks;
	struct split s;
	double cap = lim->effort->deadline;
	int w, left;
	bool ok = true;

	if (m->weeks < 2)
		return false;
	if (!split_weeks(m, &s)) {
		free(s.colweek);
		free(s.rowweek);
		return false;
	}
	memset(res, 0, sizeof *res);
	weeks = xcalloc((size_t)m->weeks, sizeof *weeks);
	wl.keep = NULL;
	/* The weeks' searches start from start's parts. */
	res->val = start;
	for (w = 0; w < m->weeks; w++)
		weeks[w].cost =
		    res->val != NULL ? week_cost(m->lp, &s, w, res->val) : -1;
	if (res->val == NULL)
		res->val = xcalloc((size_t)glp_get_num_cols(m->lp) + 1,
				   sizeof(double));
	for (w = 0; w < m->weeks && ok; w++) {
		wl.until = share(lim, m->weeks - w, cap);
		watch_rest(lim->watch, weeks, m->weeks, w);
		ok = search_week(m, &s, w, &wl, &weeks[w], res->val);
		keep_whole(lim, weeks, m->weeks, res->val);
	}
	/* Effort the weeks left over goes to those not proven, again. */
	for (left = 0, w = 0; ok && w < m->weeks; w++)
		left += !weeks[w].proven;
	lim->effort->deadline = cap;
	for (w = 0; ok && w < m->weeks && !search_over(lim); w++) {
		if (weeks[w].proven)
			continue;
		wl.until = share(lim, left--, cap);
		watch_rest(lim->watch, weeks, m->weeks, w);
		search_week(m, &s, w, &wl, &weeks[w], res->val);
		keep_whole(lim, weeks, m->weeks, res->val);
	}
	lim->effort->deadline = cap;
	watch_whole(lim->watch);
	if (!ok || !whole_result(weeks, m->weeks, res->val, res)) {
		free(res->val);
		res->val = NULL;
	}
	free(weeks);
	free(s.colweek);
	free(s.rowweek);
	return true;
}
