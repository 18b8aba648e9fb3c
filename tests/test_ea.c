/* Unit tests: supervision and Enhanced Access, from file to plan. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../solver/model.h"
#include "../solver/solve.h"
#include "../src/cfg.h"
#include "unit.h"

/*
 * 15,000 patients owe 900 minutes of Enhanced Access a week. Only Ann
 * opted in to all of it (she is on leave on the Saturday); Dan opted in
 * to Friday evening but needs a supervisor, and the hub has one only in
 * the mornings; Cat is a physician associate, a supervised role.
 */
static const char *network =
    "[session am]\nstart = 08:30\nend = 12:30\n"
    "[session pm]\nstart = 13:30\nend = 17:30\n"
    "[session evening]\nstart = 18:30\nend = 20:00\nenhanced_access = yes\n"
    "[session sat]\nstart = 09:00\nend = 13:00\ndays = sat\n"
    "enhanced_access = yes\n"
    "[practice hub]\nname = Hub\nlist_size = 10000\nrooms = 2\n"
    "ea_hub = yes\nsupervision = mon-fri.am\n"
    "[practice other]\nname = Other\nlist_size = 5000\nrooms = 2\n"
    "requests = pa@wed.am\n"
    "[role pharm]\n[role pa]\nsupervised = yes\n"
    "[staff ann]\nname = Ann\nrole = pharm\nsessions = 10\n"
    "enhanced_access = yes\nleave = 2026-12-05\n"
    "[staff bob]\nname = Bob\nrole = pharm\nsessions = 6\nworks = mon-wed\n"
    "[staff cat]\nname = Cat\nrole = pa\nsessions = 4\nworks = mon-fri.am\n"
    "[staff dan]\nname = Dan\nrole = pharm\nsessions = 4\n"
    "needs_supervision = yes\nenhanced_access = fri.evening\n";

enum { HUB, OTHER };
enum { ANN, BOB, CAT, DAN };

static void
load(struct net *n, const char *extra)
{
	struct diag d;
	char text[4096];
	const char *path;

	snprintf(text, sizeof text, "[network]\nname = EA test\n%s\n%s", extra,
		 network);
	path = unit_write_temp(text);
	diag_init(&d);
	CU_ASSERT_EQUAL_FATAL(cfg_load(path, n, &d), 0);
	diag_free(&d);
	unlink(path);
}

static void
test_ea_config(void)
{
	struct net n;
	int am, pm, ev, sat;

	load(&n, "");
	am = net_find_session(&n, "am");
	pm = net_find_session(&n, "pm");
	ev = net_find_session(&n, "evening");
	sat = net_find_session(&n, "sat");
	CU_ASSERT(!n.sessions[am].enhanced_access);
	CU_ASSERT(n.sessions[ev].enhanced_access);
	CU_ASSERT(n.sessions[sat].enhanced_access);
	/* 60 minutes per 1,000 of 15,000 patients. */
	CU_ASSERT_EQUAL(n.ea_minutes, 900);
	/* EA sessions are held at the hub only. */
	CU_ASSERT_EQUAL(n.sites[HUB].rooms[DATE_MON][ev], 2);
	CU_ASSERT_EQUAL(n.sites[OTHER].rooms[DATE_MON][ev], 0);
	CU_ASSERT_EQUAL(n.sites[OTHER].rooms[DATE_SAT][sat], 0);
	CU_ASSERT_EQUAL(n.sites[OTHER].rooms[DATE_MON][am], 2);
	/* Staff work EA sessions only when they opted in to them. */
	CU_ASSERT(n.staff[ANN].works[DATE_TUE][ev]);
	CU_ASSERT(n.staff[ANN].works[DATE_SAT][sat]);
	CU_ASSERT(n.staff[ANN].enhanced_access);
	CU_ASSERT(!n.staff[BOB].works[DATE_MON][ev]);
	CU_ASSERT(!n.staff[BOB].enhanced_access);
	CU_ASSERT(n.staff[BOB].works[DATE_MON][pm]);
	CU_ASSERT(n.staff[DAN].works[DATE_FRI][ev]);
	CU_ASSERT(!n.staff[DAN].works[DATE_THU][ev]);
	CU_ASSERT(!n.staff[DAN].works[DATE_SAT][sat]);
	/* Supervision: by role or by person. */
	CU_ASSERT(n.roles[1].supervised);
	CU_ASSERT(n.staff[CAT].needs_supervision);
	CU_ASSERT(n.staff[DAN].needs_supervision);
	CU_ASSERT(!n.staff[ANN].needs_supervision);
	CU_ASSERT(n.sites[HUB].supervisor[DATE_TUE][am]);
	CU_ASSERT(!n.sites[HUB].supervisor[DATE_TUE][pm]);
	/* Leave on an EA session (Saturday) costs no contracted session. */
	CU_ASSERT_EQUAL(net_capacity(&n, ANN, date_from_ymd(2026, 11, 30)), 10);
	net_free(&n);

	load(&n, "ea_hours_per_week = 12.5");
	CU_ASSERT_EQUAL(n.ea_minutes, 750);
	net_free(&n);
	load(&n, "ea_minutes_per_1000 = 30");
	CU_ASSERT_EQUAL(n.ea_minutes, 450);
	net_free(&n);
}

static void
test_ea_model(void)
{
	struct model m;
	struct net n;
	int j, ea_cols = 0, ea_rows = 0, gaps = 0;

	load(&n, "");
	model_build(&m, &n, date_from_ymd(2026, 11, 30), 1);
	for (j = 0; j < m.nxs; j++) {
		const struct model_x *x = &m.xs[j];
		const struct net_slot *s = &m.slots[x->slot];
		bool ea = n.sessions[s->session].enhanced_access;

		/* EA: only at the hub, only Ann (Dan has no supervisor). */
		if (ea)
			CU_ASSERT(x->practice == HUB && x->staff == ANN);
		/* Supervised: at the hub, in a morning. */
		if (x->staff == CAT || x->staff == DAN)
			CU_ASSERT(x->practice == HUB &&
				  n.sites[HUB].supervisor[s->day][s->session]);
		CU_ASSERT(!(x->staff == ANN && s->day == DATE_SAT));
	}
	for (j = 1; j <= glp_get_num_cols(m.lp); j++)
		if (strcmp(glp_get_col_name(m.lp, j), "ea_short_w1") == 0) {
			ea_cols++;
			CU_ASSERT_EQUAL(glp_get_obj_coef(m.lp, j),
					n.weights.enhanced_access);
		}
	/* A gap for each EA session someone could staff: Ann's evenings. */
	for (j = 1; j <= glp_get_num_cols(m.lp); j++)
		if (strncmp(glp_get_col_name(m.lp, j), "ea_gap_", 7) == 0) {
			gaps++;
			CU_ASSERT_EQUAL(glp_get_obj_coef(m.lp, j),
					n.weights.ea_unstaffed);
		}
	CU_ASSERT_EQUAL(gaps, 5);
	for (j = 1; j <= glp_get_num_rows(m.lp); j++)
		if (strcmp(glp_get_row_name(m.lp, j), "ea_w1") == 0) {
			ea_rows++;
			CU_ASSERT_EQUAL(glp_get_row_lb(m.lp, j), 900);
		}
	CU_ASSERT_EQUAL(ea_cols, 1);
	CU_ASSERT_EQUAL(ea_rows, 1);
	model_free(&m);
	net_free(&n);
}

static void
test_ea_plan(void)
{
	struct solve_opts opts;
	struct plan p;
	struct net n;
	char *cause = NULL;
	int j, done = 0, reasons = 0;

	memset(&opts, 0, sizeof opts);
	opts.time_limit = 10;
	opts.node_limit = 5000;
	load(&n, "");
	CU_ASSERT_EQUAL_FATAL(
	    solve_plan(&n, date_from_ymd(2026, 11, 30), 1, &opts, &p, &cause),
	    0);
	CU_ASSERT_EQUAL(p.status, PLAN_OPTIMAL);
	for (j = 0; j < p.nassigns; j++) {
		const struct net_slot *s = &p.slots[p.assigns[j].slot];

		if (n.sessions[s->session].enhanced_access)
			done += net_session_minutes(&n, s->session);
	}
	/* Ann's five evenings are worth more than five day sessions. */
	CU_ASSERT_EQUAL(done, 5 * 90);
	CU_ASSERT_EQUAL(plan_ea_minutes(&p, &n, 0, -1), done);
	CU_ASSERT_EQUAL(p.terms[PLAN_T_EA], 900 - done);
	/* The physician associate request at Other: no supervisor there. */
	for (j = 0; j < p.nuncovered; j++)
		if (n.requests[p.uncovered[j].request].practice == OTHER) {
			CU_ASSERT_EQUAL(p.uncovered[j].reason,
					PLAN_NO_SUPERVISOR);
			reasons++;
		}
	CU_ASSERT_EQUAL(reasons, 1);
	plan_free(&p);
	net_free(&n);
}

const struct unit_test unit_ea_tests[] = {
    {"supervision and EA keys", test_ea_config},
    {"EA and supervision in the model", test_ea_model},
    {"EA delivered and no supervisor", test_ea_plan},
    {NULL, NULL},
};
