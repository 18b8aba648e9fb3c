/* Unit tests: why a session was not delivered, and the money keys. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/cfg.h"
#include "../src/delivered.h"
#include "../src/diag.h"
#include "unit.h"

static const char *network = "[network]\n"
			     "name = Test PCN\n"
			     "bank_holidays = none\n"
			     "arrs_area = inner-london\n"
			     "wte_hours = 36\n"
			     "[session am]\n"
			     "start = 08:30\n"
			     "end = 12:30\n"
			     "[session pm]\n"
			     "start = 13:30\n"
			     "end = 18:00\n"
			     "[practice a]\n"
			     "name = Alpha\n"
			     "list_size = 10000\n"
			     "closed = 2026-12-10.pm 2026-12-11\n"
			     "[role pharm]\n"
			     "arrs_max = 65838\n"
			     "arrs_max_inner_london = 76313.50\n"
			     "[staff ann]\n"
			     "name = Ann\n"
			     "role = pharm\n"
			     "sessions = 4\n"
			     "start_date = 2026-12-02\n"
			     "end_date = 2026-12-30\n"
			     "salary = 30000\n"
			     "on_costs = 12.5%\n"
			     "leave = 2026-12-07..2026-12-08\n"
			     "sickness = 2026-12-09.am\n"
			     "training = 2026-12-10\n";

static int
load(struct net *n)
{
	struct diag d;
	const char *path = unit_write_temp(network);
	int rc;

	diag_init(&d);
	rc = cfg_load(path, n, &d);
	if (rc != 0)
		diag_print(&d, stderr);
	diag_free(&d);
	unlink(path);
	return rc;
}

static date_t
day(const char *text)
{
	date_t d = 0;

	date_parse(text, &d);
	return d;
}

static void
test_reasons(void)
{
	struct net n;

	CU_ASSERT_EQUAL_FATAL(load(&n), 0);
	CU_ASSERT_STRING_EQUAL(delivered_reason(&n, 0, day("2026-12-01"), 0, 0),
			       "left");
	CU_ASSERT_STRING_EQUAL(delivered_reason(&n, 0, day("2026-12-02"), 0, 0),
			       "");
	CU_ASSERT_STRING_EQUAL(delivered_reason(&n, 0, day("2026-12-08"), 1, 0),
			       "leave");
	CU_ASSERT_STRING_EQUAL(delivered_reason(&n, 0, day("2026-12-09"), 0, 0),
			       "sickness");
	CU_ASSERT_STRING_EQUAL(delivered_reason(&n, 0, day("2026-12-09"), 1, 0),
			       "");
	/* An absence comes before a closure the same day. */
	CU_ASSERT_STRING_EQUAL(delivered_reason(&n, 0, day("2026-12-10"), 1, 0),
			       "training");
	CU_ASSERT_STRING_EQUAL(delivered_reason(&n, 0, day("2026-12-11"), 0, 0),
			       "closed");
	/* Without a site, only the person's reasons count. */
	CU_ASSERT_STRING_EQUAL(
	    delivered_reason(&n, 0, day("2026-12-11"), 0, -1), "");
	CU_ASSERT_STRING_EQUAL(delivered_reason(&n, 0, day("2026-12-31"), 0, 0),
			       "left");
	net_free(&n);
}

static void
test_money_keys(void)
{
	struct net n;

	CU_ASSERT_EQUAL_FATAL(load(&n), 0);
	CU_ASSERT_EQUAL(n.wte_minutes, 36 * 60);
	CU_ASSERT_EQUAL(n.arrs_area, NET_AREA_INNER_LONDON);
	CU_ASSERT_EQUAL(n.roles[0].arrs_max[NET_AREA_NATIONAL], 6583800);
	CU_ASSERT_EQUAL(n.roles[0].arrs_max[NET_AREA_INNER_LONDON], 7631350);
	CU_ASSERT_EQUAL(n.roles[0].arrs_max[NET_AREA_OUTER_LONDON], -1);
	CU_ASSERT_EQUAL(n.staff[0].salary, 3000000);
	CU_ASSERT_EQUAL(n.staff[0].on_costs, 375000);
	/* 4 sessions of a mean 4:15: 17 hours. */
	CU_ASSERT_EQUAL(net_contract_minutes(&n, 0), 17 * 60);
	CU_ASSERT(!net_employed(&n, 0, day("2026-12-01")));
	CU_ASSERT(net_employed(&n, 0, day("2026-12-30")));
	net_free(&n);
}

const struct unit_test unit_delivered_tests[] = {
    {"reasons", test_reasons},
    {"money keys", test_money_keys},
    {NULL, NULL},
};
