/*
 * The mixed-integer model. Only placements that can happen get a variable
 * (staff available, practice permitted and open); every soft goal is a
 * slack with a weight, so the model is always feasible and the objective
 * has no constant term (other solvers then read the same objective).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/fair.h"
#include "../src/xmalloc.h"
#include "model.h"
#include "solve.h"

struct row {
	int *ind;
	double *val;
	int n, cap;
};

static void
row_add(struct row *r, int col, double v)
{
	if (r->n + 2 > r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->ind = xreallocarray(r->ind, (size_t)r->cap, sizeof *r->ind);
		r->val = xreallocarray(r->val, (size_t)r->cap, sizeof *r->val);
	}
	r->n++;
	r->ind[r->n] = col; /* GLPK counts from 1 */
	r->val[r->n] = v;
}

static void
row_emit(glp_prob *lp, struct row *r, int type, double lb, double ub,
	 const char *name)
{
	int i = glp_add_rows(lp, 1);

	glp_set_row_name(lp, i, name);
	glp_set_row_bnds(lp, i, type, lb, ub);
	glp_set_mat_row(lp, i, r->n, r->ind, r->val);
	r->n = 0;
}

/* Column and row names are valid in CPLEX LP: '-' becomes '.'. */
static void
name_fix(char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '-')
			*s = '.';
}

static int
add_col(glp_prob *lp, const char *name, int kind, double lb, double ub,
	double cost)
{
	int j = glp_add_cols(lp, 1);
	char buf[256];

	snprintf(buf, sizeof buf, "%s", name);
	name_fix(buf);
	glp_set_col_name(lp, j, buf);
	/* GLP_BV sets its own bounds; ub < 0 means no upper bound. */
	glp_set_col_kind(lp, j, kind);
	if (kind != GLP_BV && ub < 0)
		glp_set_col_bnds(lp, j, GLP_LO, lb, 0);
	else if (kind != GLP_BV && lb == ub)
		glp_set_col_bnds(lp, j, GLP_FX, lb, ub);
	else if (kind != GLP_BV)
		glp_set_col_bnds(lp, j, GLP_DB, lb, ub);
	glp_set_obj_coef(lp, j, cost);
	return j;
}

static void
slot_tag(const struct model *m, int t, char *buf, size_t len)
{
	const struct net_slot *s = &m->slots[t];
	int y, mo, d;

	date_to_ymd(s->date, &y, &mo, &d);
	snprintf(buf, len, "%04d%02d%02d_%s", y, mo, d,
		 m->net->sessions[s->session].id);
}

static void
build_x(struct model *m)
{
	const struct net *n = m->net;
	char tag[64], name[256];
	int t, i, p, cap = 0;

	m->first = xcalloc((size_t)m->nslots * (size_t)n->nstaff, sizeof(int));
	m->count = xcalloc((size_t)m->nslots * (size_t)n->nstaff, sizeof(int));
	for (t = 0; t < m->nslots; t++) {
		slot_tag(m, t, tag, sizeof tag);
		for (i = 0; i < n->nstaff; i++) {
			const struct net_staff *st = &n->staff[i];

			m->first[t * n->nstaff + i] = m->nxs;
			if (!net_available(n, i, &m->slots[t]))
				continue;
			for (p = 0; p < n->npractices; p++) {
				struct model_x *x;

				if (!st->may_work_at[p] ||
				    net_rooms(n, p, &m->slots[t]) <= 0)
					continue;
				if (m->nxs == cap) {
					cap = cap ? cap * 2 : 1024;
					m->xs = xreallocarray(
					    m->xs, (size_t)cap, sizeof *m->xs);
				}
				x = &m->xs[m->nxs++];
				x->slot = t;
				x->staff = i;
				x->practice = p;
				snprintf(name, sizeof name, "x_%s_%s_%s",
					 st->id, n->practices[p].id, tag);
				x->col = add_col(m->lp, name, GLP_BV, 0, 1, 0);
				m->count[t * n->nstaff + i]++;
			}
		}
	}
}

/* Contracted sessions per week; what is not used is idle, at a cost. */
static void
build_contracts(struct model *m, struct row *r)
{
	const struct net *n = m->net;
	char name[256];
	int w, i, t, j, k, col;

	m->capacity =
	    xcalloc((size_t)m->weeks * (size_t)n->nstaff, sizeof(int));
	fair_capacity(n, m->slots, m->nslots, m->monday, m->weeks, m->capacity);
	for (w = 0; w < m->weeks; w++)
		for (i = 0; i < n->nstaff; i++) {
			for (t = 0; t < m->nslots; t++) {
				if (m->slots[t].week != w)
					continue;
				k = t * n->nstaff + i;
				for (j = 0; j < m->count[k]; j++)
					row_add(r, m->xs[m->first[k] + j].col,
						1);
			}
			k = m->capacity[w * n->nstaff + i];
			if (r->n == 0)
				continue;
			if (k > 0) {
				snprintf(name, sizeof name, "idle_%s_w%d",
					 n->staff[i].id, w + 1);
				col = add_col(m->lp, name, GLP_CV, 0, k,
					      SOLVE_W_IDLE);
				row_add(r, col, 1);
			}
			snprintf(name, sizeof name, "contract_%s_w%d",
				 n->staff[i].id, w + 1);
			row_emit(m->lp, r, GLP_FX, k, k, name);
		}
}

/*
 * One practice per day: with two or more sessions in the day a
 * continuous day variable y per practice bounds each x (x <= y, sum y <=
 * 1), which is tighter than summing sessions; x stays integral.
 */
static void
build_one_site(struct model *m, struct row *r)
{
	const struct net *n = m->net;
	int t0, t1, t, i, p, j, k, sessions, practices;
	int ycol[NET_MAX_PRACTICES];
	bool seen[NET_MAX_PRACTICES];
	char tag[64], name[256];

	for (t0 = 0; t0 < m->nslots; t0 = t1) {
		for (t1 = t0;
		     t1 < m->nslots && m->slots[t1].date == m->slots[t0].date;
		     t1++)
			;
		slot_tag(m, t0, tag, sizeof tag);
		tag[8] = '\0';
		for (i = 0; i < n->nstaff; i++) {
			memset(seen, 0, sizeof seen);
			sessions = practices = 0;
			for (t = t0; t < t1; t++) {
				k = t * n->nstaff + i;
				if (m->count[k] > 0)
					sessions++;
				for (j = 0; j < m->count[k]; j++) {
					p = m->xs[m->first[k] + j].practice;
					if (!seen[p])
						practices++;
					seen[p] = true;
				}
			}
			if (practices < 2)
				continue;
			if (sessions < 2) {
				for (t = t0; t < t1; t++) {
					k = t * n->nstaff + i;
					for (j = 0; j < m->count[k]; j++)
						row_add(
						    r,
						    m->xs[m->first[k] + j].col,
						    1);
				}
				snprintf(name, sizeof name, "one_%s_%s",
					 n->staff[i].id, tag);
				row_emit(m->lp, r, GLP_UP, 0, 1, name);
				continue;
			}
			for (p = 0; p < n->npractices; p++) {
				if (!seen[p])
					continue;
				snprintf(name, sizeof name, "y_%s_%s_%s",
					 n->staff[i].id, n->practices[p].id,
					 tag);
				ycol[p] = add_col(m->lp, name, GLP_CV, 0, 1, 0);
				row_add(r, ycol[p], 1);
			}
			snprintf(name, sizeof name, "day_%s_%s", n->staff[i].id,
				 tag);
			row_emit(m->lp, r, GLP_UP, 0, 1, name);
			for (t = t0; t < t1; t++) {
				k = t * n->nstaff + i;
				for (j = 0; j < m->count[k]; j++) {
					const struct model_x *x =
					    &m->xs[m->first[k] + j];

					row_add(r, x->col, 1);
					row_add(r, ycol[x->practice], -1);
					snprintf(name, sizeof name, "link_%d",
						 x->col);
					row_emit(m->lp, r, GLP_UP, 0, 0, name);
				}
			}
		}
	}
}

/* Adds to r every x of slot t at practice p, of role (any when -1). */
static void
slot_practice_cols(const struct model *m, struct row *r, int t, int p, int role)
{
	const struct net *n = m->net;
	int i, j, k;

	for (i = 0; i < n->nstaff; i++) {
		if (role >= 0 && n->staff[i].role != role)
			continue;
		k = t * n->nstaff + i;
		for (j = 0; j < m->count[k]; j++)
			if (m->xs[m->first[k] + j].practice == p)
				row_add(r, m->xs[m->first[k] + j].col, 1);
	}
}

static void
build_rooms(struct model *m, struct row *r)
{
	const struct net *n = m->net;
	char tag[64], name[256];
	int t, p, rooms;

	for (t = 0; t < m->nslots; t++) {
		slot_tag(m, t, tag, sizeof tag);
		for (p = 0; p < n->npractices; p++) {
			rooms = net_rooms(n, p, &m->slots[t]);
			slot_practice_cols(m, r, t, p, -1);
			if (r->n <= rooms) {
				r->n = 0;
				continue;
			}
			snprintf(name, sizeof name, "rooms_%s_%s",
				 n->practices[p].id, tag);
			row_emit(m->lp, r, GLP_UP, 0, rooms, name);
		}
	}
}

/*
 * Each role's usable sessions in a week are shared between practices by
 * weight, as whole-session targets that add up; missing a target by one
 * session costs less than each session after that, so misses spread.
 */
static void
build_fairness(struct model *m, struct row *r)
{
	const struct net *n = m->net;
	char name[256], base[200];
	int w, role, p, t, target;

	m->targets = xcalloc((size_t)(m->weeks * n->nroles * n->npractices) + 1,
			     sizeof(int));
	fair_targets(n, m->capacity, m->weeks, m->targets);
	for (w = 0; w < m->weeks; w++)
		for (role = 0; role < n->nroles; role++)
			for (p = 0; p < n->npractices; p++) {
				target = m->targets[(w * n->nroles + role) *
							n->npractices +
						    p];
				for (t = 0; t < m->nslots; t++)
					if (m->slots[t].week == w)
						slot_practice_cols(m, r, t, p,
								   role);
				if (r->n == 0)
					continue; /* nobody can go there */
				snprintf(base, sizeof base, "%s_%s_w%d",
					 n->roles[role].id, n->practices[p].id,
					 w + 1);
				snprintf(name, sizeof name, "under1_%s", base);
				row_add(r,
					add_col(m->lp, name, GLP_CV, 0, 1,
						SOLVE_W_FAIR1),
					1);
				snprintf(name, sizeof name, "under2_%s", base);
				row_add(r,
					add_col(m->lp, name, GLP_CV, 0, -1,
						SOLVE_W_FAIR2),
					1);
				snprintf(name, sizeof name, "over1_%s", base);
				row_add(r,
					add_col(m->lp, name, GLP_CV, 0, 1,
						SOLVE_W_FAIR1),
					-1);
				snprintf(name, sizeof name, "over2_%s", base);
				row_add(r,
					add_col(m->lp, name, GLP_CV, 0, -1,
						SOLVE_W_FAIR2),
					-1);
				snprintf(name, sizeof name, "fair_%s", base);
				row_emit(m->lp, r, GLP_FX, target, target,
					 name);
			}
}

/* Requested sessions: cover each, or pay for the slack. */
static void
build_requests(struct model *m, struct row *r)
{
	const struct net *n = m->net;
	char tag[64], name[256];
	int t, q, q2, wanted, col;
	bool *done = xcalloc((size_t)n->nrequests + 1, sizeof(bool));

	for (t = 0; t < m->nslots; t++) {
		slot_tag(m, t, tag, sizeof tag);
		memset(done, 0, (size_t)n->nrequests * sizeof(bool));
		for (q = 0; q < n->nrequests; q++) {
			const struct net_request *rq = &n->requests[q];

			if (done[q] || !net_request_in_slot(rq, &m->slots[t]))
				continue;
			wanted = 0;
			for (q2 = q; q2 < n->nrequests; q2++) {
				const struct net_request *o = &n->requests[q2];

				if (o->practice == rq->practice &&
				    o->role == rq->role &&
				    net_request_in_slot(o, &m->slots[t])) {
					done[q2] = true;
					wanted++;
				}
			}
			slot_practice_cols(m, r, t, rq->practice, rq->role);
			snprintf(name, sizeof name, "uncovered_%s_%s_%s",
				 n->practices[rq->practice].id,
				 n->roles[rq->role].id, tag);
			col = add_col(m->lp, name, GLP_CV, 0, wanted,
				      SOLVE_W_REQUEST);
			row_add(r, col, 1);
			snprintf(name, sizeof name, "request_%s_%s_%s",
				 n->practices[rq->practice].id,
				 n->roles[rq->role].id, tag);
			row_emit(m->lp, r, GLP_LO, wanted, 0, name);
		}
	}
	free(done);
}

void
model_build(struct model *m, const struct net *n, date_t monday, int weeks)
{
	struct row r = {NULL, NULL, 0, 0};

	memset(m, 0, sizeof *m);
	m->net = n;
	m->monday = monday;
	m->weeks = weeks;
	m->nslots = net_slots(n, monday, weeks, &m->slots);
	m->lp = glp_create_prob();
	glp_set_prob_name(m->lp, "pcnrota");
	glp_set_obj_name(m->lp, "cost");
	glp_set_obj_dir(m->lp, GLP_MIN);
	build_x(m);
	build_contracts(m, &r);
	build_one_site(m, &r);
	build_rooms(m, &r);
	build_fairness(m, &r);
	build_requests(m, &r);
	free(r.ind);
	free(r.val);
}

void
model_free(struct model *m)
{
	if (m->lp != NULL)
		glp_delete_prob(m->lp);
	free(m->slots);
	free(m->xs);
	free(m->first);
	free(m->count);
	free(m->capacity);
	free(m->targets);
	memset(m, 0, sizeof *m);
}

void
model_extract(const struct model *m, const double *val, struct plan *plan)
{
	const struct net *n = m->net;
	int j;

	plan->monday = m->monday;
	plan->weeks = m->weeks;
	plan->nslots = m->nslots;
	plan->slots =
	    xreallocarray(NULL, (size_t)m->nslots + 1, sizeof *plan->slots);
	memcpy(plan->slots, m->slots, (size_t)m->nslots * sizeof *m->slots);
	plan->assigns =
	    xreallocarray(NULL, (size_t)m->nxs + 1, sizeof *plan->assigns);
	plan->nassigns = 0;
	for (j = 0; j < m->nxs; j++) {
		if (val[m->xs[j].col] < 0.5)
			continue;
		plan->assigns[plan->nassigns].slot = m->xs[j].slot;
		plan->assigns[plan->nassigns].staff = m->xs[j].staff;
		plan->assigns[plan->nassigns].practice = m->xs[j].practice;
		plan->nassigns++;
	}
	plan_sort(plan);

	plan_tally(plan, n, m->targets);
	plan->solved = true;
	plan->objective = 0;
	for (j = 1; j <= glp_get_num_cols(m->lp); j++)
		plan->objective += glp_get_obj_coef(m->lp, j) * val[j];
	plan->rows = glp_get_num_rows(m->lp);
	plan->cols = glp_get_num_cols(m->lp);
	plan->integers = glp_get_num_int(m->lp);
}
