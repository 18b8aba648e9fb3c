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

/*
 * Sessions a and b of one day, with minutes of travel between: the later
 * starts no sooner than the earlier ends plus the travel.
 */
static bool
travel_fits(const struct net *n, int a, int b, int minutes)
{
	const struct net_session *first = &n->sessions[a],
				 *second = &n->sessions[b];

	if (first->start > second->start) {
		first = &n->sessions[b];
		second = &n->sessions[a];
	}
	return first->end + minutes <= second->start;
}

/*
 * Whether the rest of a started day may be at site: the site started at,
 * or one site the network pairs with it, with time to travel between.
 */
static int
travel_minutes(const struct model *m, int a, int b)
{
	return m->travel[a * m->net->nsites + b];
}

static short *
travel_table(const struct net *n)
{
	short *t = xcalloc((size_t)(n->nsites * n->nsites) + 1, sizeof *t);
	int a, b, j;

	for (a = 0; a < n->nsites; a++)
		for (b = 0; b < n->nsites; b++)
			t[a * n->nsites + b] = -1;
	for (j = 0; j < n->ntravel; j++) {
		a = n->travel[j].a;
		b = n->travel[j].b;
		/* The first of a pair given twice, as net_travel_minutes. */
		if (t[a * n->nsites + b] < 0)
			t[a * n->nsites + b] = t[b * n->nsites + a] =
			    (short)n->travel[j].minutes;
	}
	return t;
}

static bool
fits_started_day(const struct model *m, int t, int staff, int site)
{
	const struct net *n = m->net;
	int u, k, minutes, other = -1;

	if (m->published == NULL)
		return true;
	for (u = t - 1; u >= 0 && m->slots[u].date == m->slots[t].date; u--) {
		if (u >= m->frozen)
			continue;
		k = m->published[u * n->nstaff + staff];
		if (k < 0 || k == site)
			continue;
		minutes = travel_minutes(m, k, site);
		if (minutes < 0 ||
		    !travel_fits(n, m->slots[u].session, m->slots[t].session,
				 minutes) ||
		    (other >= 0 && other != k))
			return false;
		other = k;
	}
	return true;
}

/* Started sessions of the week the person was published to work. */
static int
frozen_worked(const struct model *m, int week, int staff)
{
	int t, worked = 0;

	for (t = 0; m->published != NULL && t < m->frozen; t++)
		if (m->slots[t].week == week &&
		    m->published[t * m->net->nstaff + staff] >= 0)
			worked++;
	return worked;
}

/* Started sessions at a site in a week. */
static int
frozen_at_site(const struct model *m, int week, int site)
{
	int t, i, count = 0;

	for (t = 0; m->published != NULL && t < m->frozen; t++)
		for (i = 0; m->slots[t].week == week && i < m->net->nstaff; i++)
			count += m->published[t * m->net->nstaff + i] == site;
	return count;
}

/* Started sessions of a role at a practice in a week, or in one slot. */
static int
frozen_at(const struct model *m, int week, int slot, int practice, int role)
{
	const struct net *n = m->net;
	int t, i, count = 0;

	for (t = 0; m->published != NULL && t < m->frozen; t++) {
		if (slot >= 0 ? t != slot : m->slots[t].week != week)
			continue;
		for (i = 0; i < n->nstaff; i++) {
			int k = m->published[t * n->nstaff + i];

			if (k >= 0 && n->sites[k].practice == practice &&
			    (role < 0 || n->staff[i].role == role))
				count++;
		}
	}
	return count;
}

/*
 * A session at another practice than the person had on that weekday and
 * session in the last week published, in a day not published yet.
 */
static int
continuity_cost(const struct model *m, const struct model_x *x)
{
	const struct net_slot *s = &m->slots[x->slot];
	int was;

	if (m->base == NULL || m->base->previous == NULL ||
	    (m->base->change_cost != NULL && m->base->change_cost[x->slot] > 0))
		return 0;
	was = m->base->previous[(s->day * NET_MAX_SESSIONS + s->session) *
				    m->net->nstaff +
				x->staff];
	return was >= 0 && was != x->site ? m->net->weights.continuity : 0;
}

/* A session off the person's preferred practices or days. */
static int
preference_cost(const struct model *m, const struct model_x *x)
{
	const struct net *n = m->net;

	return n->weights.preference *
	       ((x->practice >= 0 && !net_prefers_site(n, x->staff, x->site)) +
		!net_prefers_day(n, x->staff, m->slots[x->slot].day));
}

static void
build_x(struct model *m)
{
	const struct net *n = m->net;
	char tag[64], name[256];
	int t, i, k, p, cap = 0;

	m->first = xcalloc((size_t)m->nslots * (size_t)n->nstaff, sizeof(int));
	m->count = xcalloc((size_t)m->nslots * (size_t)n->nstaff, sizeof(int));
	for (t = 0; t < m->nslots; t++) {
		slot_tag(m, t, tag, sizeof tag);
		for (i = 0; i < n->nstaff; i++) {
			const struct net_staff *st = &n->staff[i];

			m->first[t * n->nstaff + i] = m->nxs;
			if (t < m->frozen || !net_available(n, i, &m->slots[t]))
				continue;
			for (k = 0; k < n->nsites; k++) {
				struct model_x *x;

				p = n->sites[k].practice;
				if ((p < 0 && n->sites[k].rounds == 0) ||
				    !net_may_work_at_site(n, i, k) ||
				    net_rooms(n, k, &m->slots[t]) <= 0 ||
				    !net_supervised(n, i, k, &m->slots[t]) ||
				    net_forbidden_at(n, i, k, &m->slots[t]) ||
				    !fits_started_day(m, t, i, k))
					continue;
				if (m->nxs == cap) {
					cap = cap ? cap * 2 : 1024;
					m->xs = xreallocarray(
					    m->xs, (size_t)cap, sizeof *m->xs);
				}
				x = &m->xs[m->nxs++];
				x->slot = t;
				x->staff = i;
				x->site = k;
				x->practice = p;
				snprintf(name, sizeof name, "x_%s_%s_%s",
					 st->id, n->sites[k].id, tag);
				x->col = add_col(m->lp, name, GLP_BV, 0, 1,
						 preference_cost(m, x) +
						     continuity_cost(m, x));
				m->count[t * n->nstaff + i]++;
			}
		}
	}
}

/*
 * In a week with absence the contract shrinks by the sessions the absence
 * takes (net_capacity), but never below the published sessions the
 * absence leaves standing (up to the contract): an absence on Thursday
 * cancels Thursday, not Wednesday.
 */
static void
keep_published_sessions(struct model *m)
{
	const struct net *n = m->net;
	int t, i, k, *kept;

	if (m->published == NULL)
		return;
	kept = xcalloc((size_t)m->weeks * (size_t)n->nstaff + 1, sizeof(int));
	for (t = 0; t < m->nslots; t++)
		for (i = 0; i < n->nstaff; i++)
			if (m->published[t * n->nstaff + i] >= 0 &&
			    (t < m->frozen ||
			     net_available(n, i, &m->slots[t])))
				kept[m->slots[t].week * n->nstaff + i]++;
	for (k = 0; k < m->weeks * n->nstaff; k++) {
		i = k % n->nstaff;
		if (kept[k] > n->staff[i].sessions)
			kept[k] = n->staff[i].sessions;
		if (m->capacity[k] < kept[k])
			m->capacity[k] = kept[k];
	}
	free(kept);
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
	m->remaining =
	    xcalloc((size_t)m->weeks * (size_t)n->nstaff, sizeof(int));
	fair_capacity(n, m->slots, m->nslots, m->monday, m->weeks, m->capacity);
	keep_published_sessions(m);
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
			k = m->capacity[w * n->nstaff + i] -
			    frozen_worked(m, w, i);
			k = k > 0 ? k : 0;
			m->remaining[w * n->nstaff + i] = k;
			if (r->n == 0)
				continue;
			if (k > 0) {
				snprintf(name, sizeof name, "idle_%s_w%d",
					 n->staff[i].id, w + 1);
				col = add_col(m->lp, name, GLP_CV, 0, k,
					      n->weights.idle);
				row_add(r, col, 1);
			}
			snprintf(name, sizeof name, "contract_%s_w%d",
				 n->staff[i].id, w + 1);
			row_emit(m->lp, r, GLP_FX, k, k, name);
		}
}

/* Adds to r every x of staff i in slot t; returns how many. */
static int
staff_slot_cols(const struct model *m, struct row *r, int t, int i)
{
	int j, k = t * m->net->nstaff + i;

	for (j = 0; j < m->count[k]; j++)
		row_add(r, m->xs[m->first[k] + j].col, 1);
	return m->count[k];
}

/* A person's day: the slots [t0, t1), and the sites they could work at. */
struct day {
	int t0, t1, staff;
	int sessions;		   /* slots with some x */
	int nsites;		   /* sites with some x */
	bool seen[NET_MAX_SITES];  /* some x at the site */
	bool began[NET_MAX_SITES]; /* worked there in a started slot */
	int began_count;
	char tag[16];
};

static void
day_scan(const struct model *m, struct day *d)
{
	const struct net *n = m->net;
	int t, j, k, site;

	memset(d->seen, 0, sizeof d->seen);
	memset(d->began, 0, sizeof d->began);
	d->sessions = d->nsites = d->began_count = 0;
	for (t = d->t0; t < d->t1; t++) {
		k = t * n->nstaff + d->staff;
		if (m->published != NULL && t < m->frozen &&
		    (site = m->published[k]) >= 0 && !d->began[site]) {
			d->began[site] = true;
			d->began_count++;
		}
		if (m->count[k] > 0)
			d->sessions++;
		for (j = 0; j < m->count[k]; j++) {
			site = m->xs[m->first[k] + j].site;
			if (!d->seen[site])
				d->nsites++;
			d->seen[site] = true;
		}
	}
}

/* Whether site a has a partner among the day's sites, or those begun. */
static bool
day_travels(const struct model *m, const struct day *d, int a)
{
	int b;

	for (b = 0; b < m->net->nsites; b++)
		if (b != a && (d->seen[b] || d->began[b]) &&
		    travel_minutes(m, a, b) >= 0)
			return true;
	return false;
}

/* x <= y for every x of the day, with y a continuous site-day variable. */
static void
day_links(struct model *m, struct row *r, const struct day *d, const int *ycol)
{
	const struct net *n = m->net;
	char name[256];
	int t, j, k;

	for (t = d->t0; t < d->t1; t++) {
		k = t * n->nstaff + d->staff;
		for (j = 0; j < m->count[k]; j++) {
			const struct model_x *x = &m->xs[m->first[k] + j];

			row_add(r, x->col, 1);
			row_add(r, ycol[x->site], -1);
			snprintf(name, sizeof name, "link_%d", x->col);
			row_emit(m->lp, r, GLP_UP, 0, 0, name);
		}
	}
}

/* Whether sites a and b may not both be worked on day d. */
static bool
excluded(const struct model *m, const bool *travels, int a, int b)
{
	return !travels[a] || !travels[b] || travel_minutes(m, a, b) < 0;
}

/*
 * The day's sites that exclude each other (all pairs but those allowed
 * to travel), as rows over cliques: sets of sites no two of which may
 * be worked the same day. Each grows from a pair not yet in a row, by the
 * site that brings most such pairs (the first of equals), to as many
 * sites as it can take. Sites without a partner exclude every site and
 * are in every row. A clique's row is tighter in the LP than its pairs',
 * and there are far fewer: on a 26-practice network with branches and
 * care homes, 2,000 in a week instead of 110,000.
 */
static void
day_apart_rows(struct model *m, struct row *r, const struct day *d,
	       const int *ycol, const bool *travels)
{
	const struct net *n = m->net;
	bool in_row[NET_MAX_SITES][NET_MAX_SITES], placed[NET_MAX_SITES];
	bool member[NET_MAX_SITES], fits[NET_MAX_SITES];
	int gain[NET_MAX_SITES], a, b, c, best, rows = 0;
	char name[256];

	memset(in_row, 0, sizeof in_row);
	memset(placed, 0, sizeof placed);
	for (a = 0; a < n->nsites; a++)
		for (b = a + 1; b < n->nsites; b++) {
			if (!d->seen[a] || !travels[a] || !d->seen[b] ||
			    !travels[b] || in_row[a][b] ||
			    !excluded(m, travels, a, b))
				continue;
			for (c = 0; c < n->nsites; c++) {
				member[c] = c == a || c == b;
				fits[c] = d->seen[c] && !member[c] &&
					  excluded(m, travels, c, a) &&
					  excluded(m, travels, c, b);
				gain[c] =
				    !in_row[c < a ? c : a][c < a ? a : c] +
				    !in_row[c < b ? c : b][c < b ? b : c];
			}
			for (;;) {
				for (best = -1, c = 0; c < n->nsites; c++)
					if (fits[c] &&
					    (best < 0 || gain[c] > gain[best]))
						best = c;
				if (best < 0)
					break;
				member[best] = true;
				fits[best] = false;
				for (c = 0; c < n->nsites; c++) {
					fits[c] = fits[c] &&
						  excluded(m, travels, c, best);
					gain[c] += !in_row[c < best ? c : best]
							  [c < best ? best : c];
				}
			}
			for (c = 0; c < n->nsites; c++) {
				if (!member[c])
					continue;
				row_add(r, ycol[c], 1);
				placed[c] = true;
				for (best = c + 1; best < n->nsites; best++)
					in_row[c][best] |= member[best];
			}
			snprintf(name, sizeof name, "apart_%s_%s_%d",
				 n->staff[d->staff].id, d->tag, ++rows);
			row_emit(m->lp, r, GLP_UP, 0, 1, name);
		}
	/* A site excluded by no other traveller is still by the lone ones. */
	for (a = 0; a < n->nsites; a++) {
		if (!d->seen[a] || !travels[a] || placed[a])
			continue;
		for (b = 0; b < n->nsites; b++)
			if (d->seen[b] && !travels[b])
				row_add(r, ycol[b], 1);
		if (r->n == 0)
			continue;
		row_add(r, ycol[a], 1);
		snprintf(name, sizeof name, "alone_%s_%s_%s",
			 n->staff[d->staff].id, n->sites[a].id, d->tag);
		row_emit(m->lp, r, GLP_UP, 0, 1, name);
	}
}

/*
 * Where the network allows a second site in a day: one place a session;
 * two sites at most, and only a pair allowed; and time to travel between
 * sessions at the two. A site with no partner that day excludes all.
 */
static void
day_travel_rows(struct model *m, struct row *r, const struct day *d,
		const int *ycol, const bool *travels)
{
	const struct net *n = m->net;
	const char *id = n->staff[d->staff].id;
	char name[256];
	int a, b, t, u, ja, jb, pairs = 0, minutes, nfree = 0;
	int free_y[NET_MAX_SITES]; /* y of travelling sites not begun */

	for (t = d->t0; t < d->t1; t++) {
		if (staff_slot_cols(m, r, t, d->staff) < 2) {
			r->n = 0;
			continue;
		}
		snprintf(name, sizeof name, "place_%s_%d", id, t);
		row_emit(m->lp, r, GLP_UP, 0, 1, name);
	}
	day_apart_rows(m, r, d, ycol, travels);
	for (a = 0; a < n->nsites; a++) {
		if (!d->seen[a] || !travels[a])
			continue;
		for (b = a + 1; b < n->nsites; b++)
			pairs += d->seen[b] && travels[b] &&
				 travel_minutes(m, a, b) >= 0;
		if (!d->began[a])
			free_y[nfree++] = ycol[a];
	}
	/* Two sites at most, counting those begun. */
	for (a = 0; a < nfree; a++)
		row_add(r, free_y[a], 1);
	if (r->n > 2 - d->began_count) {
		snprintf(name, sizeof name, "sites_%s_%s", id, d->tag);
		row_emit(m->lp, r, GLP_UP, 0, 2 - d->began_count, name);
	}
	r->n = 0;
	if (pairs == 0)
		return;
	/* Sessions too close together for the travel between their sites. */
	for (t = d->t0; t < d->t1; t++)
		for (u = t + 1; u < d->t1; u++) {
			int kt = t * n->nstaff + d->staff;
			int ku = u * n->nstaff + d->staff;

			for (ja = 0; ja < m->count[kt]; ja++)
				for (jb = 0; jb < m->count[ku]; jb++) {
					const struct model_x *xa =
					    &m->xs[m->first[kt] + ja];
					const struct model_x *xb =
					    &m->xs[m->first[ku] + jb];

					if (xa->site == xb->site)
						continue;
					minutes = travel_minutes(m, xa->site,
								 xb->site);
					if (minutes < 0 ||
					    travel_fits(n, m->slots[t].session,
							m->slots[u].session,
							minutes))
						continue;
					row_add(r, xa->col, 1);
					row_add(r, xb->col, 1);
					snprintf(name, sizeof name,
						 "travel_%d_%d", xa->col,
						 xb->col);
					row_emit(m->lp, r, GLP_UP, 0, 1, name);
				}
		}
}

/*
 * One site per day, unless the network allows a pair. With two or more
 * sessions in the day a continuous day variable y per site bounds each x
 * (x <= y, sum y <= 1), which is tighter than summing sessions; x stays
 * integral. Sites paired for travel get the rows of day_travel_rows.
 */
static void
build_one_site(struct model *m, struct row *r)
{
	const struct net *n = m->net;
	int t, a, ycol[NET_MAX_SITES];
	bool travels[NET_MAX_SITES], any_travel;
	struct day d;
	char name[256];

	for (d.t0 = 0; d.t0 < m->nslots; d.t0 = d.t1) {
		for (d.t1 = d.t0; d.t1 < m->nslots &&
				  m->slots[d.t1].date == m->slots[d.t0].date;
		     d.t1++)
			;
		slot_tag(m, d.t0, name, sizeof name);
		snprintf(d.tag, sizeof d.tag, "%.8s", name);
		for (d.staff = 0; d.staff < n->nstaff; d.staff++) {
			day_scan(m, &d);
			if (d.nsites < 2)
				continue;
			any_travel = false;
			for (a = 0; a < n->nsites; a++) {
				travels[a] = d.seen[a] && n->ntravel > 0 &&
					     day_travels(m, &d, a);
				any_travel |= travels[a];
			}
			if (d.sessions < 2) {
				for (t = d.t0; t < d.t1; t++)
					staff_slot_cols(m, r, t, d.staff);
				snprintf(name, sizeof name, "one_%s_%s",
					 n->staff[d.staff].id, d.tag);
				row_emit(m->lp, r, GLP_UP, 0, 1, name);
				continue;
			}
			for (a = 0; a < n->nsites; a++) {
				if (!d.seen[a])
					continue;
				snprintf(name, sizeof name, "y_%s_%s_%s",
					 n->staff[d.staff].id, n->sites[a].id,
					 d.tag);
				ycol[a] = add_col(m->lp, name, GLP_CV, 0, 1, 0);
				if (!any_travel)
					row_add(r, ycol[a], 1);
			}
			if (!any_travel) {
				snprintf(name, sizeof name, "day_%s_%s",
					 n->staff[d.staff].id, d.tag);
				row_emit(m->lp, r, GLP_UP, 0, 1, name);
			} else
				day_travel_rows(m, r, &d, ycol, travels);
			day_links(m, r, &d, ycol);
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

/* Adds to r every x of slot t at a site. */
static void
slot_site_cols(const struct model *m, struct row *r, int t, int site)
{
	const struct net *n = m->net;
	int i, j, k;

	for (i = 0; i < n->nstaff; i++) {
		k = t * n->nstaff + i;
		for (j = 0; j < m->count[k]; j++)
			if (m->xs[m->first[k] + j].site == site)
				row_add(r, m->xs[m->first[k] + j].col, 1);
	}
}

/* Rooms at each site; at a care home, the one round a session. */
static void
build_rooms(struct model *m, struct row *r)
{
	const struct net *n = m->net;
	char tag[64], name[256];
	int t, k, rooms;

	for (t = 0; t < m->nslots; t++) {
		slot_tag(m, t, tag, sizeof tag);
		for (k = 0; k < n->nsites; k++) {
			rooms = net_rooms(n, k, &m->slots[t]);
			slot_site_cols(m, r, t, k);
			if (r->n <= rooms) {
				r->n = 0;
				continue;
			}
			snprintf(name, sizeof name, "rooms_%s_%s",
				 n->sites[k].id, tag);
			row_emit(m->lp, r, GLP_UP, 0, rooms, name);
		}
	}
}

/*
 * Each care home's round: the sessions due each week are held, or each
 * missing one costs the care_home weight (even when nobody could hold
 * it, so the objective shows it); no more are held than due, so nobody
 * is sent there to fill a contract.
 */
static void
build_rounds(struct model *m, struct row *r)
{
	const struct net *n = m->net;
	char name[256];
	int w, k, t, need;

	for (k = n->npractices; k < n->nsites; k++) {
		if (!net_is_care_home(n, k))
			continue;
		for (w = 0; w < m->weeks; w++) {
			need = n->sites[k].rounds - frozen_at_site(m, w, k);
			need = need > 0 ? need : 0;
			for (t = m->frozen; t < m->nslots; t++)
				if (m->slots[t].week == w)
					slot_site_cols(m, r, t, k);
			/* A round nobody can hold still costs, as minimums do.
			 */
			if (r->n == 0 && need == 0)
				continue;
			if (need > 0) {
				snprintf(name, sizeof name,
					 "round_short_%s_w%d", n->sites[k].id,
					 w + 1);
				row_add(r,
					add_col(m->lp, name, GLP_CV, 0, need,
						n->weights.care_home),
					1);
			}
			snprintf(name, sizeof name, "round_%s_w%d",
				 n->sites[k].id, w + 1);
			row_emit(m->lp, r, GLP_FX, need, need, name);
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
	m->shares = xcalloc((size_t)(m->weeks * n->nroles * n->npractices) + 1,
			    sizeof(int));
	fair_shares(n, m->slots, m->nslots, m->weeks, m->capacity,
		    m->base != NULL ? m->base->carry : NULL, m->shares,
		    m->targets);
	for (w = 0; w < m->weeks; w++)
		for (role = 0; role < n->nroles; role++)
			for (p = 0; p < n->npractices; p++) {
				target = m->targets[(w * n->nroles + role) *
							n->npractices +
						    p];
				target -= frozen_at(m, w, -1, p, role);
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
						n->weights.fair1),
					1);
				snprintf(name, sizeof name, "under2_%s", base);
				row_add(r,
					add_col(m->lp, name, GLP_CV, 0, -1,
						n->weights.fair2),
					1);
				snprintf(name, sizeof name, "over1_%s", base);
				row_add(r,
					add_col(m->lp, name, GLP_CV, 0, 1,
						n->weights.fair1),
					-1);
				snprintf(name, sizeof name, "over2_%s", base);
				row_add(r,
					add_col(m->lp, name, GLP_CV, 0, -1,
						n->weights.fair2),
					-1);
				snprintf(name, sizeof name, "fair_%s", base);
				row_emit(m->lp, r, GLP_FX, target, target,
					 name);
			}
}

/*
 * Enhanced Access: the minutes of every placement in an EA session count
 * towards the week's minutes owed; the minutes short are a slack at a
 * whole cost a minute, so with placements whole the objective is too.
 */
static void
build_ea(struct model *m, struct row *r)
{
	const struct net *n = m->net;
	char name[256];
	int w, t, i, j, k, owed, minutes, col, done;

	if (n->ea_minutes <= 0 && n->ea_max_minutes <= 0)
		return;
	for (w = 0; w < m->weeks; w++) {
		owed = n->ea_minutes;
		done = 0;
		for (t = 0; t < m->nslots; t++) {
			if (m->slots[t].week != w ||
			    !n->sessions[m->slots[t].session].enhanced_access)
				continue;
			minutes = net_session_minutes(n, m->slots[t].session);
			for (i = 0; i < n->nstaff; i++) {
				k = t * n->nstaff + i;
				for (j = 0; j < m->count[k]; j++)
					row_add(r, m->xs[m->first[k] + j].col,
						minutes);
				/* Started sessions count as published. */
				if (m->published != NULL && t < m->frozen &&
				    m->published[k] >= 0)
					done += minutes;
			}
		}
		owed -= done;
		/* The ceiling is a rule: never more a week. */
		if (n->ea_max_minutes > 0 && r->n > 0) {
			struct row ceiling = *r;

			ceiling.ind = xcalloc((size_t)r->n + 1, sizeof(int));
			ceiling.val = xcalloc((size_t)r->n + 1, sizeof(double));
			memcpy(ceiling.ind, r->ind,
			       (size_t)(r->n + 1) * sizeof(int));
			memcpy(ceiling.val, r->val,
			       (size_t)(r->n + 1) * sizeof(double));
			snprintf(name, sizeof name, "ea_max_w%d", w + 1);
			row_emit(m->lp, &ceiling, GLP_UP, 0,
				 n->ea_max_minutes > done
				     ? n->ea_max_minutes - done
				     : 0,
				 name);
			free(ceiling.ind);
			free(ceiling.val);
		}
		if (owed <= 0) {
			r->n = 0;
			continue;
		}
		snprintf(name, sizeof name, "ea_short_w%d", w + 1);
		col = add_col(m->lp, name, GLP_CV, 0, owed,
			      n->weights.enhanced_access);
		row_add(r, col, 1);
		snprintf(name, sizeof name, "ea_w%d", w + 1);
		row_emit(m->lp, r, GLP_LO, owed, 0, name);
	}
}

/*
 * The whole Enhanced Access period is covered: each EA session that
 * someone could staff has someone, or its gap costs a whole weight.
 */
static void
build_ea_staffed(struct model *m, struct row *r)
{
	const struct net *n = m->net;
	char tag[64], name[256];
	int t, i, j, k, col;

	for (t = m->frozen; t < m->nslots; t++) {
		if (!n->sessions[m->slots[t].session].enhanced_access)
			continue;
		for (i = 0; i < n->nstaff; i++) {
			k = t * n->nstaff + i;
			for (j = 0; j < m->count[k]; j++)
				row_add(r, m->xs[m->first[k] + j].col, 1);
		}
		if (r->n == 0)
			continue;
		slot_tag(m, t, tag, sizeof tag);
		snprintf(name, sizeof name, "ea_gap_%s", tag);
		col =
		    add_col(m->lp, name, GLP_CV, 0, 1, n->weights.ea_unstaffed);
		row_add(r, col, 1);
		snprintf(name, sizeof name, "ea_staffed_%s", tag);
		row_emit(m->lp, r, GLP_LO, 1, 0, name);
	}
}

/* Adds to r every x of slot t at a site, of a role. */
static void
slot_site_role_cols(const struct model *m, struct row *r, int t, int site,
		    int role)
{
	const struct net *n = m->net;
	int i, j, k;

	for (i = 0; i < n->nstaff; i++) {
		if (n->staff[i].role != role)
			continue;
		k = t * n->nstaff + i;
		for (j = 0; j < m->count[k]; j++)
			if (m->xs[m->first[k] + j].site == site)
				row_add(r, m->xs[m->first[k] + j].col, 1);
	}
}

/*
 * Requested sessions: cover each, or pay for the slack. Requests of a
 * [site] are met at that site; the practice's own, and the total, at any
 * of its sites: a row a site asked at, each with its slack, and a row for
 * the whole practice that counts those slacks too.
 */
static void
build_requests(struct model *m, struct row *r)
{
	const struct net *n = m->net;
	char tag[64], name[256];
	int t, q, q2, k, any, all, col;
	int *wanted = xcalloc((size_t)n->nsites + 1, sizeof(int));
	int *slack = xcalloc((size_t)n->nsites + 1, sizeof(int));
	bool *done = xcalloc((size_t)n->nrequests + 1, sizeof(bool));

	/* Requests of started sessions were met or not: no rows. */
	for (t = m->frozen; t < m->nslots; t++) {
		slot_tag(m, t, tag, sizeof tag);
		memset(done, 0, (size_t)n->nrequests * sizeof(bool));
		for (q = 0; q < n->nrequests; q++) {
			const struct net_request *rq = &n->requests[q];

			if (done[q] || !net_request_in_slot(rq, &m->slots[t]))
				continue;
			memset(wanted, 0, (size_t)n->nsites * sizeof(int));
			any = 0;
			for (q2 = q; q2 < n->nrequests; q2++) {
				const struct net_request *o = &n->requests[q2];

				if (o->practice == rq->practice &&
				    o->role == rq->role &&
				    net_request_in_slot(o, &m->slots[t])) {
					done[q2] = true;
					if (net_request_not_needed(
						n, o, &m->slots[t]))
						continue;
					if (o->site >= 0)
						wanted[o->site]++;
					else
						any++;
				}
			}
			all = any;
			for (k = 0; k < n->nsites; k++) {
				slack[k] = 0;
				if (wanted[k] == 0)
					continue;
				all += wanted[k];
				slot_site_role_cols(m, r, t, k, rq->role);
				snprintf(name, sizeof name,
					 "uncovered_%s_%s_%s", n->sites[k].id,
					 n->roles[rq->role].id, tag);
				slack[k] =
				    add_col(m->lp, name, GLP_CV, 0, wanted[k],
					    n->weights.request);
				row_add(r, slack[k], 1);
				snprintf(name, sizeof name, "request_%s_%s_%s",
					 n->sites[k].id, n->roles[rq->role].id,
					 tag);
				row_emit(m->lp, r, GLP_LO, wanted[k], 0, name);
			}
			if (any == 0)
				continue;
			slot_practice_cols(m, r, t, rq->practice, rq->role);
			for (k = 0; k < n->nsites; k++)
				if (slack[k] > 0)
					row_add(r, slack[k], 1);
			snprintf(name, sizeof name, "uncovered_%s_%s_%s",
				 n->practices[rq->practice].id,
				 n->roles[rq->role].id, tag);
			col = add_col(m->lp, name, GLP_CV, 0, any,
				      n->weights.request);
			row_add(r, col, 1);
			snprintf(name, sizeof name, "request_%s_%s_%s",
				 n->practices[rq->practice].id,
				 n->roles[rq->role].id, tag);
			row_emit(m->lp, r, GLP_LO, all, 0, name);
		}
	}
	free(done);
	free(wanted);
	free(slack);
}

/*
 * Each change to the published plan in a slot not started costs the
 * slot's price: keeping a published placement is x + kept >= 1 with the
 * slack priced; a placement where none was published is priced on x.
 */
static void
build_changes(struct model *m, struct row *r)
{
	const struct net *n = m->net;
	char tag[64], name[256];
	int t, i, j, k, p0, cost;

	for (t = m->frozen; t < m->nslots; t++) {
		cost = m->base->change_cost[t];
		slot_tag(m, t, tag, sizeof tag);
		for (i = 0; i < n->nstaff; i++) {
			k = t * n->nstaff + i;
			p0 = m->published[k];
			for (j = 0; j < m->count[k]; j++) {
				const struct model_x *x =
				    &m->xs[m->first[k] + j];

				if (p0 < 0) {
					glp_set_obj_coef(
					    m->lp, x->col,
					    glp_get_obj_coef(m->lp, x->col) +
						cost);
					continue;
				}
				if (x->site != p0)
					continue;
				snprintf(name, sizeof name, "changed_%s_%s",
					 n->staff[i].id, tag);
				row_add(r, x->col, 1);
				row_add(
				    r, add_col(m->lp, name, GLP_CV, 0, 1, cost),
				    1);
				snprintf(name, sizeof name, "keep_%s_%s",
					 n->staff[i].id, tag);
				row_emit(m->lp, r, GLP_LO, 1, 0, name);
			}
		}
	}
}

/* Published to work a started slot (re-planning). */
static bool
frozen_works(const struct model *m, int t, int i)
{
	return m->published != NULL && t < m->frozen &&
	       m->published[t * m->net->nstaff + i] >= 0;
}

/*
 * Pins: x + unpinned >= 1 with the slack at the pin weight, so a pin that
 * cannot hold (leave, rooms, another pin) leaves the model feasible and
 * is reported. A pin with no x at all is explained, not modelled.
 */
static void
build_pins(struct model *m, struct row *r)
{
	const struct net *n = m->net;
	char tag[64], name[256];
	int t, i, j, k, p, site;

	for (t = m->frozen; t < m->nslots; t++) {
		slot_tag(m, t, tag, sizeof tag);
		for (i = 0; i < n->nstaff; i++) {
			if ((p = net_pinned(n, i, &m->slots[t])) < 0)
				continue;
			/* The site pinned, or any site of the practice. */
			site = net_pinned_site(n, i, &m->slots[t]);
			k = t * n->nstaff + i;
			for (j = 0; j < m->count[k]; j++)
				if (m->xs[m->first[k] + j].practice == p &&
				    (site < 0 ||
				     m->xs[m->first[k] + j].site == site))
					row_add(r, m->xs[m->first[k] + j].col,
						1);
			if (r->n == 0)
				continue;
			snprintf(name, sizeof name, "unpinned_%s_%s",
				 n->staff[i].id, tag);
			row_add(
			    r,
			    add_col(m->lp, name, GLP_CV, 0, 1, n->weights.pin),
			    1);
			snprintf(name, sizeof name, "pin_%s_%s", n->staff[i].id,
				 tag);
			row_emit(m->lp, r, GLP_LO, 1, 0, name);
		}
	}
}

/*
 * A practice's minimum sessions of a role in each week: met, or short at
 * the minimum weight. The row is there even when nobody can go, so the
 * shortfall is always in the objective.
 */
static void
build_minimums(struct model *m, struct row *r)
{
	const struct net *n = m->net;
	char base[200], name[256];
	int w, p, role, t, need;

	for (w = 0; w < m->weeks; w++)
		for (p = 0; p < n->npractices; p++)
			for (role = 0; role < n->nroles; role++) {
				need = n->practices[p].minimum[role] -
				       frozen_at(m, w, -1, p, role);
				if (n->practices[p].minimum[role] <= 0 ||
				    need <= 0)
					continue;
				for (t = m->frozen; t < m->nslots; t++)
					if (m->slots[t].week == w)
						slot_practice_cols(m, r, t, p,
								   role);
				snprintf(base, sizeof base, "%s_%s_w%d",
					 n->roles[role].id, n->practices[p].id,
					 w + 1);
				snprintf(name, sizeof name, "short_%s", base);
				row_add(r,
					add_col(m->lp, name, GLP_CV, 0, need,
						n->weights.minimum),
					1);
				snprintf(name, sizeof name, "minimum_%s", base);
				row_emit(m->lp, r, GLP_LO, need, 0, name);
			}
}

/*
 * Per person and day: at most max_per_day sessions; and, when the
 * network says so, no late session (ending after 18:00) followed by a
 * morning session (starting before noon) the next day.
 */
static void
build_day_limits(struct model *m, struct row *r)
{
	const struct net *n = m->net;
	char tag[64], name[256];
	int t0, t1, t2, t, u, i, a, b, sessions, done, limit;

	for (t0 = 0; t0 < m->nslots; t0 = t1) {
		for (t1 = t0;
		     t1 < m->nslots && m->slots[t1].date == m->slots[t0].date;
		     t1++)
			;
		for (t2 = t1;
		     t2 < m->nslots && m->slots[t2].date == m->slots[t1].date;
		     t2++)
			;
		if (t1 == m->nslots ||
		    m->slots[t1].date != m->slots[t0].date + 1)
			t2 = t1; /* no next day in the horizon */
		slot_tag(m, t0, tag, sizeof tag);
		tag[8] = '\0';
		for (i = 0; i < n->nstaff; i++) {
			limit = n->staff[i].max_per_day;
			for (t = t0, sessions = done = 0; limit > 0 && t < t1;
			     t++) {
				sessions += staff_slot_cols(m, r, t, i) > 0;
				done += frozen_works(m, t, i);
			}
			if (limit > 0 && sessions > limit - done) {
				snprintf(name, sizeof name, "perday_%s_%s",
					 n->staff[i].id, tag);
				row_emit(m->lp, r, GLP_UP, 0,
					 limit - done > 0 ? limit - done : 0,
					 name);
			}
			r->n = 0;
			if (!n->no_evening_then_morning)
				continue;
			for (t = t0; t < t1; t++) {
				if (!net_late(n, m->slots[t].session))
					continue;
				for (u = t1; u < t2; u++) {
					if (!net_morning(n,
							 m->slots[u].session))
						continue;
					done = frozen_works(m, t, i) +
					       frozen_works(m, u, i);
					a = staff_slot_cols(m, r, t, i);
					b = staff_slot_cols(m, r, u, i);
					if (a + done == 0 || b + done == 0 ||
					    a + b == 0) {
						r->n = 0;
						continue;
					}
					snprintf(name, sizeof name,
						 "rest_%s_%s_%d",
						 n->staff[i].id, tag, u - t1);
					row_emit(m->lp, r, GLP_UP, 0,
						 done < 1 ? 1 - done : 0, name);
				}
			}
		}
	}
}

static void
set_baseline(struct model *m, const struct model_baseline *base)
{
	int j, k;

	m->frozen = base->frozen;
	m->published = xreallocarray(
	    NULL, (size_t)m->nslots * (size_t)m->net->nstaff + 1, sizeof(int));
	for (k = 0; k < m->nslots * m->net->nstaff; k++)
		m->published[k] = -1;
	for (j = 0; j < base->nassigns; j++)
		m->published[base->assigns[j].slot * m->net->nstaff +
			     base->assigns[j].staff] = base->assigns[j].site;
}

void
model_build(struct model *m, const struct net *n, date_t monday, int weeks)
{
	model_build_from(m, n, monday, weeks, NULL);
}

void
model_build_from(struct model *m, const struct net *n, date_t monday, int weeks,
		 const struct model_baseline *base)
{
	struct row r = {NULL, NULL, 0, 0};

	memset(m, 0, sizeof *m);
	m->net = n;
	m->monday = monday;
	m->weeks = weeks;
	m->nslots = net_slots(n, monday, weeks, &m->slots);
	m->base = base;
	m->travel = travel_table(n);
	if (base != NULL && base->change_cost != NULL)
		set_baseline(m, base);
	m->lp = glp_create_prob();
	glp_set_prob_name(m->lp, "pcnrota");
	glp_set_obj_name(m->lp, "cost");
	glp_set_obj_dir(m->lp, GLP_MIN);
	build_x(m);
	build_contracts(m, &r);
	build_one_site(m, &r);
	build_rooms(m, &r);
	build_rounds(m, &r);
	build_fairness(m, &r);
	build_requests(m, &r);
	build_ea(m, &r);
	build_ea_staffed(m, &r);
	build_pins(m, &r);
	build_minimums(m, &r);
	build_day_limits(m, &r);
	if (m->published != NULL)
		build_changes(m, &r);
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
	free(m->remaining);
	free(m->published);
	free(m->targets);
	free(m->shares);
	free(m->travel);
	memset(m, 0, sizeof *m);
}

/*
 * The objective by goal. Slack columns are known by their name's prefix;
 * an x's cost is its preference cost, and any more (a change to the
 * published plan) is another goal's.
 */
void
model_terms(const struct model *m, const double *val, double terms[PLAN_NTERMS])
{
	static const struct {
		const char *prefix;
		enum plan_term term;
	} kinds[] = {
	    {"uncovered_", PLAN_T_REQUESTS}, {"idle_", PLAN_T_IDLE},
	    {"under", PLAN_T_FAIRNESS},	     {"over", PLAN_T_FAIRNESS},
	    {"short_", PLAN_T_MINIMUMS},     {"unpinned_", PLAN_T_PINS},
	    {"ea_short_", PLAN_T_EA},	     {"ea_gap_", PLAN_T_EA},
	    {"round_short_", PLAN_T_ROUNDS}, {"changed_", PLAN_T_CHANGES}};
	const char *name;
	double cost;
	size_t k;
	int j, ncols = glp_get_num_cols(m->lp);
	bool *is_x = xcalloc((size_t)ncols + 1, sizeof *is_x);

	for (k = 0; k < PLAN_NTERMS; k++)
		terms[k] = 0;
	for (j = 0; j < m->nxs; j++) {
		is_x[m->xs[j].col] = true;
		cost = preference_cost(m, &m->xs[j]);
		terms[PLAN_T_PREFERENCES] += cost * val[m->xs[j].col];
		terms[PLAN_T_CONTINUITY] +=
		    continuity_cost(m, &m->xs[j]) * val[m->xs[j].col];
		cost += continuity_cost(m, &m->xs[j]);
		terms[PLAN_T_CHANGES] +=
		    (glp_get_obj_coef(m->lp, m->xs[j].col) - cost) *
		    val[m->xs[j].col];
	}
	for (j = 1; j <= ncols; j++) {
		if (is_x[j])
			continue;
		cost = glp_get_obj_coef(m->lp, j) * val[j];
		name = glp_get_col_name(m->lp, j);
		for (k = 0; k < sizeof kinds / sizeof *kinds; k++)
			if (strncmp(name, kinds[k].prefix,
				    strlen(kinds[k].prefix)) == 0)
				break;
		terms[k < sizeof kinds / sizeof *kinds ? kinds[k].term
						       : PLAN_T_CHANGES] +=
		    cost;
	}
	free(is_x);
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
	for (j = 0; m->base != NULL && j < m->base->nassigns; j++) {
		if (m->base->assigns[j].slot >= m->frozen)
			continue;
		plan->assigns = xreallocarray(plan->assigns,
					      (size_t)plan->nassigns + 1 +
						  (size_t)m->nxs + 1,
					      sizeof *plan->assigns);
		plan->assigns[plan->nassigns++] = m->base->assigns[j];
	}
	for (j = 0; j < m->nxs; j++) {
		if (val[m->xs[j].col] < 0.5)
			continue;
		plan->assigns[plan->nassigns].slot = m->xs[j].slot;
		plan->assigns[plan->nassigns].staff = m->xs[j].staff;
		plan->assigns[plan->nassigns].site = m->xs[j].site;
		plan->assigns[plan->nassigns].practice = m->xs[j].practice;
		plan->nassigns++;
	}
	plan_sort(plan);

	plan_tally(plan, n, m->targets);
	plan_carry(plan, n, m->shares, m->base != NULL ? m->base->carry : NULL);
	plan->solved = true;
	plan->objective = 0;
	for (j = 1; j <= glp_get_num_cols(m->lp); j++)
		plan->objective += glp_get_obj_coef(m->lp, j) * val[j];
	plan->rows = glp_get_num_rows(m->lp);
	plan->cols = glp_get_num_cols(m->lp);
	plan->integers = glp_get_num_int(m->lp);
	model_terms(m, val, plan->terms);
}
