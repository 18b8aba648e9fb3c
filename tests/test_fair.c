/* Unit tests: largest remainder fair shares. */
#include <string.h>

#include "../src/fair.h"
#include "../src/net.h"
#include "unit.h"

static int
sum(const int *v, int n)
{
	int s = 0;

	while (n-- > 0)
		s += v[n];
	return s;
}

static void
test_proportional(void)
{
	double w[] = {10000, 5000, 5000};
	int s[3];

	fair_apportion(40, w, 3, s);
	CU_ASSERT(s[0] == 20 && s[1] == 10 && s[2] == 10);
}

static void
test_largest_remainder(void)
{
	/* Exact shares 4.2857, 2.8571, 2.8571: remainders .29 .86 .86. */
	double w[] = {3, 2, 2};
	int s[3];

	fair_apportion(10, w, 3, s);
	CU_ASSERT(s[0] == 4 && s[1] == 3 && s[2] == 3);
	CU_ASSERT_EQUAL(sum(s, 3), 10);
}

static void
test_ties_go_first(void)
{
	double w[] = {1, 1, 1};
	int s[3];

	fair_apportion(4, w, 3, s);
	CU_ASSERT(s[0] == 2 && s[1] == 1 && s[2] == 1);
}

static void
test_always_adds_up(void)
{
	double w[] = {3388, 5086, 7931, 11608, 15756, 89786, 1};
	int s[7], total;

	for (total = 0; total < 200; total++) {
		fair_apportion(total, w, 7, s);
		CU_ASSERT_EQUAL_FATAL(sum(s, 7), total);
	}
}

static void
test_zero_weights(void)
{
	double w[] = {0, 0};
	int s[2];

	fair_apportion(3, w, 2, s);
	CU_ASSERT(s[0] == 2 && s[1] == 1);
	w[1] = 7;
	fair_apportion(3, w, 2, s);
	CU_ASSERT(s[0] == 0 && s[1] == 3);
}

/*
 * A practice no staff member of the role may work at has no weight; when
 * the practices the role reaches have none at all, they share equally.
 */
static void
test_weights_where_the_role_goes(void)
{
	struct net_practice p[3];
	struct net_staff st[2];
	struct net_role role;
	struct net n;
	double w[3];

	memset(&n, 0, sizeof n);
	memset(p, 0, sizeof p);
	memset(st, 0, sizeof st);
	memset(&role, 0, sizeof role);
	p[0].list_size = 9000;
	p[1].list_size = 6000;
	p[2].list_size = 3000;
	n.practices = p;
	n.npractices = 3;
	n.roles = &role;
	n.nroles = 1;
	n.staff = st;
	n.nstaff = 2;
	st[0].may_work_at[0] = st[1].may_work_at[2] = true;
	fair_weights(&n, 0, w);
	CU_ASSERT(w[0] == 9000 && w[1] == 0 && w[2] == 3000);
	/* Agreed sessions only where the role cannot go: equal elsewhere. */
	role.share = NET_SHARE_FIXED;
	p[1].fixed_sessions[0] = 4;
	fair_weights(&n, 0, w);
	CU_ASSERT(w[0] == 1 && w[1] == 0 && w[2] == 1);
	/* Nobody of the role at all: no weight anywhere. */
	n.nstaff = 0;
	fair_weights(&n, 0, w);
	CU_ASSERT(w[0] == 0 && w[1] == 0 && w[2] == 0);
}

const struct unit_test unit_fair_tests[] = {
    {"weights only where the role may work", test_weights_where_the_role_goes},
    {"proportional", test_proportional},
    {"largest remainder", test_largest_remainder},
    {"ties go to the first", test_ties_go_first},
    {"shares add up", test_always_adds_up},
    {"zero weights", test_zero_weights},
    {NULL, NULL},
};
