/* Unit tests: the GLPK model and what the solver makes of it. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../solver/greedy.h"
#include "../solver/model.h"
#include "../solver/solve.h"
#include "../src/cfg.h"
#include "unit.h"

static const char *network =
    "[network]\nname = Model test\n"
    "[session am]\nstart = 08:30\nend = 12:30\n"
    "[session pm]\nstart = 13:30\nend = 17:30\n"
    "[practice a]\nname = A\nlist_size = 6000\nrooms = 1\n"
    "requests = pharm@mon.am physio@tue.am pharm@wed.pm para@thu.am "
    "pharm@fri.pm\n"
    "[practice b]\nname = B\nlist_size = 6000\nclosed = fri\n"
    "requests = pharm@fri.am\n"
    "[role pharm]\n[role physio]\n[role para]\n"
    "[staff ann]\nname = Ann\nrole = pharm\nsessions = 10\n"
    "leave = 2026-12-02\n"
    "[staff bob]\nname = Bob\nrole = pharm\nsessions = 4\nworks = mon tue\n"
    "[staff cat]\nname = Cat\nrole = physio\nsessions = 2\nworks = tue.pm\n"
    "practices = a\n";

static void
load_from(const char *text, struct net *n)
{
	struct diag d;
	const char *path = unit_write_temp(text);

	diag_init(&d);
	CU_ASSERT_EQUAL_FATAL(cfg_load(path, n, &d), 0);
	diag_free(&d);
	unlink(path);
}

static void
load(struct net *n)
{
	load_from(network, n);
}

static void
test_only_possible_placements(void)
{
	struct model m;
	struct net n;
	int j, ann = 0, on_leave = 0, at_closed = 0;

	load(&n);
	model_build(&m, &n, date_from_ymd(2026, 11, 30), 1);
	for (j = 0; j < m.nxs; j++) {
		const struct net_slot *s = &m.slots[m.xs[j].slot];

		if (m.xs[j].staff == 0)
			ann++;
		if (m.xs[j].staff == 0 && s->day == DATE_WED)
			on_leave++;
		if (m.xs[j].practice == 1 && s->day == DATE_FRI)
			at_closed++;
	}
	/* Ann: 8 sessions off leave; 2 practices, but B is closed Friday. */
	CU_ASSERT_EQUAL(ann, 8 * 2 - 2);
	CU_ASSERT_EQUAL(on_leave, 0);
	CU_ASSERT_EQUAL(at_closed, 0);
	/* Bob 4 sessions x 2 practices, Cat 1 x 1. */
	CU_ASSERT_EQUAL(m.nxs, 14 + 8 + 1);
	CU_ASSERT_EQUAL(glp_get_num_int(m.lp), m.nxs);
	/* Ann works 8 of 10 after 2 sessions of leave. */
	CU_ASSERT_EQUAL(m.capacity[0], 8);
	/* Cat's contract of 2 is capped by the one session she works. */
	CU_ASSERT_EQUAL(m.capacity[2], 1);
	model_free(&m);
	net_free(&n);
}

static enum plan_reason
reason_at(const struct net *n, const struct plan *p, int day, int session)
{
	int j;

	for (j = 0; j < p->nuncovered; j++)
		if (p->slots[p->uncovered[j].slot].day == day &&
		    p->slots[p->uncovered[j].slot].session == session)
			return p->uncovered[j].reason;
	(void)n;
	return (enum plan_reason) - 1;
}

static void
test_plan_and_reasons(void)
{
	struct solve_opts opts = {
	    .time_limit = 10, .gap = 0, .node_limit = 5000, .verbose = false};
	struct plan p;
	struct net n;
	char *cause = NULL;
	int j, per_slot[32][2] = {{0}}, bob = 0;

	load(&n);
	CU_ASSERT_EQUAL_FATAL(
	    solve_plan(&n, date_from_ymd(2026, 11, 30), 1, &opts, &p, &cause),
	    0);
	CU_ASSERT_EQUAL(p.status, PLAN_OPTIMAL);
	for (j = 0; j < p.nassigns; j++) {
		const struct plan_assign *a = &p.assigns[j];

		per_slot[a->slot][a->practice]++;
		CU_ASSERT_FALSE(a->staff == 0 &&
				p.slots[a->slot].day == DATE_WED);
		if (a->staff == 1)
			bob++;
	}
	for (j = 0; j < p.nslots; j++)
		CU_ASSERT(per_slot[j][0] <= 1 && per_slot[j][1] <= 1);
	CU_ASSERT_EQUAL(bob, 4);
	/* Uncovered: physio Tue am (Cat works pm), para (nobody), pharm Wed
	 * pm (Ann on leave, Bob does not work Wednesdays), pharm Fri am at B
	 * (closed). Mon am and Fri pm at A are covered. */
	CU_ASSERT_EQUAL(p.nuncovered, 4);
	CU_ASSERT_EQUAL(reason_at(&n, &p, DATE_TUE, 0), PLAN_NOT_WORKING);
	CU_ASSERT_EQUAL(reason_at(&n, &p, DATE_THU, 0), PLAN_NO_ROLE);
	CU_ASSERT_EQUAL(reason_at(&n, &p, DATE_WED, 1), PLAN_ON_LEAVE);
	CU_ASSERT_EQUAL(reason_at(&n, &p, DATE_FRI, 0), PLAN_CLOSED);
	plan_free(&p);
	net_free(&n);
}

static void
test_fair_targets_add_up(void)
{
	struct solve_opts opts = {
	    .time_limit = 10, .gap = 0, .node_limit = 5000, .verbose = false};
	struct plan p;
	struct net n;
	char *cause = NULL;
	int j, target = 0, delivered = 0;

	load(&n);
	CU_ASSERT_EQUAL_FATAL(
	    solve_plan(&n, date_from_ymd(2026, 11, 30), 1, &opts, &p, &cause),
	    0);
	for (j = 0; j < p.nfair; j++)
		if (p.fair[j].role == 0) {
			target += p.fair[j].target;
			delivered += p.fair[j].delivered;
			/* Equal lists: pharmacist sessions split evenly. */
			CU_ASSERT(p.fair[j].delivered - p.fair[j].target <= 1 &&
				  p.fair[j].target - p.fair[j].delivered <= 1);
		}
	CU_ASSERT_EQUAL(target, 8 + 4);
	/*
	 * A's one room on Tuesday afternoon goes to Cat or to a pharmacist:
	 * either way one contracted session is idle (cost 450), so both
	 * plans are optimal and the search may return either.
	 */
	CU_ASSERT(delivered == 12 || delivered == 11);
	CU_ASSERT_EQUAL(p.objective, 450);
	CU_ASSERT_EQUAL(p.status, PLAN_OPTIMAL);
	plan_free(&p);
	net_free(&n);
}

static void
test_greedy_keeps_hard_rules(void)
{
	struct model m;
	struct net n;
	char xval[256];
	int j, k, rooms[32][2] = {{0}}, day_at[3][7], used[3] = {0};

	load(&n);
	model_build(&m, &n, date_from_ymd(2026, 11, 30), 1);
	CU_ASSERT_FATAL(m.nxs < (int)sizeof xval);
	greedy_plan(&m, xval);
	memset(day_at, -1, sizeof day_at);
	for (j = 0; j < m.nxs; j++) {
		const struct model_x *x = &m.xs[j];
		int d = m.slots[x->slot].day;

		if (!xval[j])
			continue;
		rooms[x->slot][x->practice]++;
		used[x->staff]++;
		CU_ASSERT(day_at[x->staff][d] < 0 ||
			  day_at[x->staff][d] == x->practice);
		day_at[x->staff][d] = x->practice;
	}
	for (j = 0; j < m.nslots; j++)
		for (k = 0; k < 2; k++)
			CU_ASSERT(rooms[j][k] <= net_rooms(&n, k, &m.slots[j]));
	for (k = 0; k < 3; k++)
		CU_ASSERT(used[k] <= m.capacity[k]);
	/* 13 sessions are wanted, but Tuesday has 4 rooms for 5: at most 12
	 * fit, and the greedy plan should not waste more than one. */
	CU_ASSERT(used[0] + used[1] + used[2] >= 11);
	model_free(&m);
	net_free(&n);
}

static const char *rules_network =
    "[network]\nname = Rules test\nno_evening_then_morning = yes\n"
    "[objective]\npreference = 3\nminimum = 900\n"
    "[session am]\nstart = 08:30\nend = 12:30\n"
    "[session eve]\nstart = 18:30\nend = 20:00\n"
    "[practice a]\nname = A\nlist_size = 6000\nrooms = 2\n"
    "minimum = pharm:3\n"
    "[practice b]\nname = B\nlist_size = 6000\nrooms = 2\n"
    "requests = pharm@mon.am pharm@tue.am pharm@wed.am\n"
    "[role pharm]\n"
    "[staff ann]\nname = Ann\nrole = pharm\nsessions = 6\n"
    "pin = a@mon.eve b@2026-12-02\nforbid = b@tue\nmax_per_day = 1\n"
    "leave = 2026-12-02\n"
    "[staff bob]\nname = Bob\nrole = pharm\nsessions = 4\n"
    "works = mon-wed.am\nprefer_practices = b\nprefer_days = mon tue\n";

static void
load_rules(struct net *n)
{
	load_from(rules_network, n);
}

static int
rows_named(glp_prob *lp, const char *prefix)
{
	int i, count = 0;

	for (i = 1; i <= glp_get_num_rows(lp); i++)
		if (strncmp(glp_get_row_name(lp, i), prefix, strlen(prefix)) ==
		    0)
			count++;
	return count;
}

static void
test_rules_model(void)
{
	struct model m;
	struct net n;
	int j, forbidden = 0, cost_b = -1, cost_a = -1, cost_wed = -1;

	load_rules(&n);
	CU_ASSERT_EQUAL(n.weights.request, 100); /* defaults stand */
	CU_ASSERT_EQUAL(n.weights.pin, 10000);
	CU_ASSERT_EQUAL(n.weights.preference, 3);
	CU_ASSERT_EQUAL(n.weights.minimum, 900);
	CU_ASSERT_EQUAL(n.practices[0].minimum[0], 3);
	model_build(&m, &n, date_from_ymd(2026, 11, 30), 1);
	for (j = 0; j < m.nxs; j++) {
		const struct model_x *x = &m.xs[j];
		const struct net_slot *s = &m.slots[x->slot];
		double c = glp_get_obj_coef(m.lp, x->col);

		if (x->staff == 0 && x->practice == 1 && s->day == DATE_TUE)
			forbidden++;
		if (x->staff == 1 && s->day == DATE_MON)
			*(x->practice == 1 ? &cost_b : &cost_a) = (int)c;
		if (x->staff == 1 && s->day == DATE_WED && x->practice == 1)
			cost_wed = (int)c;
	}
	CU_ASSERT_EQUAL(forbidden, 0);
	/* Bob prefers b and Mondays: a costs one preference, a Wednesday
	 * at b one too. */
	CU_ASSERT_EQUAL(cost_b, 0);
	CU_ASSERT_EQUAL(cost_a, 3);
	CU_ASSERT_EQUAL(cost_wed, 3);
	/* Ann's Monday pin (her Wednesday one falls on leave: no x). */
	CU_ASSERT_EQUAL(rows_named(m.lp, "pin_"), 1);
	CU_ASSERT_EQUAL(rows_named(m.lp, "minimum_"), 1);
	/* Ann works am and eve on 5 days: 2 sessions, max 1 (not Wednesday,
	 * on leave); late then morning on Mon-Thu, not Tue-Wed (leave). */
	CU_ASSERT_EQUAL(rows_named(m.lp, "perday_"), 4);
	CU_ASSERT_EQUAL(rows_named(m.lp, "rest_"), 2);
	model_free(&m);
	net_free(&n);
}

static void
test_rules_plan(void)
{
	struct solve_opts opts = {
	    .time_limit = 10, .gap = 0, .node_limit = 5000, .verbose = false};
	struct plan p;
	struct net n;
	char *cause = NULL;
	double sum = 0;
	int j, k, pinned = 0, at_a = 0, per_day[7] = {0};

	load_rules(&n);
	CU_ASSERT_EQUAL_FATAL(
	    solve_plan(&n, date_from_ymd(2026, 11, 30), 1, &opts, &p, &cause),
	    0);
	CU_ASSERT_EQUAL(p.status, PLAN_OPTIMAL);
	for (j = 0; j < p.nassigns; j++) {
		const struct plan_assign *a = &p.assigns[j];
		const struct net_slot *s = &p.slots[a->slot];

		if (a->staff == 0) {
			per_day[s->day]++;
			CU_ASSERT_FALSE(a->practice == 1 && s->day == DATE_TUE);
			if (s->day == DATE_MON && s->session == 1 &&
			    a->practice == 0)
				pinned++;
		}
		if (a->practice == 0)
			at_a++;
	}
	CU_ASSERT_EQUAL(pinned, 1);
	for (k = 0; k < 7; k++)
		CU_ASSERT(per_day[k] <= 1);
	CU_ASSERT(at_a >= 3); /* the minimum */
	CU_ASSERT_EQUAL(p.nshorts, 0);
	/* The pin on leave is reported, once per session it names. */
	CU_ASSERT_EQUAL(p.npins, 2);
	for (j = 0; j < p.npins; j++)
		CU_ASSERT_EQUAL(p.pins[j].reason, PLAN_ON_LEAVE);
	for (k = 0; k < PLAN_NTERMS; k++)
		sum += p.terms[k];
	CU_ASSERT_DOUBLE_EQUAL(sum, p.objective, 1e-6);
	CU_ASSERT_DOUBLE_EQUAL(p.terms[PLAN_T_PINS], 0, 1e-6);
	plan_free(&p);
	net_free(&n);
}

/*
 * Eight practices, travel allowed between four pairs of them, two with
 * no partner at all: one person may work any two sessions of a day.
 */
static const char *travel_network =
    "[network]\nname = Travel test\n"
    "travel = p0:p1:10 p1:p2:10 p3:p4:10 p5:p0:10\n"
    "[session am]\nstart = 08:30\nend = 12:30\n"
    "[session pm]\nstart = 13:30\nend = 17:30\n"
    "[practice p0]\nname = P0\nlist_size = 1000\n"
    "[practice p1]\nname = P1\nlist_size = 1000\n"
    "[practice p2]\nname = P2\nlist_size = 1000\n"
    "[practice p3]\nname = P3\nlist_size = 1000\n"
    "[practice p4]\nname = P4\nlist_size = 1000\n"
    "[practice p5]\nname = P5\nlist_size = 1000\n"
    "[practice p6]\nname = P6\nlist_size = 1000\n"
    "[practice p7]\nname = P7\nlist_size = 1000\n"
    "[role pharm]\n"
    "[staff sam]\nname = Sam\nrole = pharm\nsessions = 10\n";

#define TRAVEL_SITES 8

static bool
may_travel(int a, int b)
{
	static const int pairs[][2] = {{0, 1}, {1, 2}, {3, 4}, {0, 5}};
	size_t k;

	for (k = 0; k < sizeof pairs / sizeof pairs[0]; k++)
		if ((pairs[k][0] == a && pairs[k][1] == b) ||
		    (pairs[k][0] == b && pairs[k][1] == a))
			return true;
	return false;
}

/*
 * Two sites exclude each other in a day exactly when no travel is
 * allowed between them: some row of at most one holds both day
 * variables. And the rows are cliques, fewer than the pairs they cover.
 */
static void
test_day_exclusions(void)
{
	struct model m;
	struct net n;
	char tag[5][16];
	bool together[5][TRAVEL_SITES][TRAVEL_SITES];
	int ycol_site[4096], ycol_day[4096], cols[64], i, k, a, b, len, day;
	int excluded = 0, rows = 0;

	memset(together, 0, sizeof together);
	memset(tag, 0, sizeof tag);
	load_from(travel_network, &n);
	model_build(&m, &n, date_from_ymd(2026, 11, 30), 1);
	CU_ASSERT_FATAL(glp_get_num_cols(m.lp) < 4096);
	for (k = 1; k <= glp_get_num_cols(m.lp); k++) {
		char t[16];

		ycol_site[k] = -1;
		if (sscanf(glp_get_col_name(m.lp, k), "y_sam_p%d_%15s", &a,
			   t) != 2)
			continue;
		for (day = 0;
		     day < 5 && tag[day][0] != '\0' && strcmp(tag[day], t) != 0;
		     day++)
			;
		CU_ASSERT_FATAL(day < 5);
		if (day < 5 && strcmp(tag[day], t) != 0)
			snprintf(tag[day], sizeof tag[day], "%s", t);
		ycol_site[k] = a;
		ycol_day[k] = day;
	}
	for (i = 1; i <= glp_get_num_rows(m.lp); i++) {
		if (glp_get_row_type(m.lp, i) != GLP_UP ||
		    glp_get_row_ub(m.lp, i) > 1 + 1e-9)
			continue;
		len = glp_get_mat_row(m.lp, i, cols, NULL);
		rows += strncmp(glp_get_row_name(m.lp, i), "apart_", 6) == 0 ||
			strncmp(glp_get_row_name(m.lp, i), "alone_", 6) == 0;
		for (a = 1; a <= len; a++)
			for (b = 1; b <= len; b++)
				if (ycol_site[cols[a]] >= 0 &&
				    ycol_site[cols[b]] >= 0)
					together[ycol_day[cols[a]]]
						[ycol_site[cols[a]]]
						[ycol_site[cols[b]]] = true;
	}
	for (day = 0; day < 5; day++)
		for (a = 0; a < TRAVEL_SITES; a++)
			for (b = a + 1; b < TRAVEL_SITES; b++) {
				CU_ASSERT_EQUAL(together[day][a][b],
						!may_travel(a, b));
				excluded += !may_travel(a, b);
			}
	/* 24 pairs a day: six cliques cover them (one per pair was 24). */
	CU_ASSERT(rows > 0);
	CU_ASSERT(rows <= 6 * 5);
	CU_ASSERT(rows < excluded / 3);
	model_free(&m);
	net_free(&n);
}

/* How far a plan may be from the best, as the progress line says it. */
static void
test_plan_gap(void)
{
	/* A plan of cost 0 is the best possible, bound or none (-1). */
	CU_ASSERT_EQUAL(plan_gap(0, -1), 0);
	CU_ASSERT_EQUAL(plan_gap(0, 0), 0);
	/* No bound, or 0 under a dearer plan, says nothing. */
	CU_ASSERT_EQUAL(plan_gap(130, -1), -1);
	CU_ASSERT_EQUAL(plan_gap(130, 0), -1);
	CU_ASSERT_EQUAL(plan_gap(130, 130), 0);
	CU_ASSERT_EQUAL(plan_gap(130, 140), 0);
	/* Rounded up to a thousandth: 10/130 is 7.69%, said as 7.7%. */
	CU_ASSERT_DOUBLE_EQUAL(plan_gap(130, 120), 0.077, 1e-12);
}

const struct unit_test unit_model_tests[] = {
    {"greedy plan keeps the hard rules", test_greedy_keeps_hard_rules},
    {"only possible placements", test_only_possible_placements},
    {"plan and reasons", test_plan_and_reasons},
    {"fair targets add up", test_fair_targets_add_up},
    {"rules in the model", test_rules_model},
    {"rules in the plan", test_rules_plan},
    {"a day's exclusions are cliques", test_day_exclusions},
    {"how far from the best", test_plan_gap},
    {NULL, NULL},
};
