/* Unit tests: pence, pro rata and the largest remainder split. */
#include <string.h>

#include "../src/money.h"
#include "unit.h"

static money_t
sum(const money_t *v, int n)
{
	money_t s = 0;

	while (n-- > 0)
		s += v[n];
	return s;
}

static void
test_parse(void)
{
	money_t v = 0;

	CU_ASSERT(money_parse("65838", &v) == 0 && v == 6583800);
	CU_ASSERT(money_parse("65838.5", &v) == 0 && v == 6583850);
	CU_ASSERT(money_parse("0.07", &v) == 0 && v == 7);
	CU_ASSERT(money_parse("", &v) != 0);
	CU_ASSERT(money_parse("1.", &v) != 0);
	CU_ASSERT(money_parse("1.234", &v) != 0);
	CU_ASSERT(money_parse("-5", &v) != 0);
	CU_ASSERT(money_parse("65,838", &v) != 0);
	CU_ASSERT(money_parse("£5", &v) != 0);
	CU_ASSERT(money_parse("99999999999999", &v) != 0);
}

static void
test_format(void)
{
	char buf[32];

	CU_ASSERT_STRING_EQUAL(money_format(6583850, buf, sizeof buf),
			       "65838.50");
	CU_ASSERT_STRING_EQUAL(money_format(-5, buf, sizeof buf), "-0.05");
	CU_ASSERT_STRING_EQUAL(money_format(0, buf, sizeof buf), "0.00");
}

static void
test_ratio(void)
{
	/* 65838.00 a year, 0.8533 WTE (1920 of 2250 minutes), 1 month. */
	CU_ASSERT_EQUAL(money_ratio(6583800, 1920 * 31, 2250LL * 12 * 31),
			468181);
	/* Halves round away from zero. */
	CU_ASSERT_EQUAL(money_ratio(1, 1, 2), 1);
	CU_ASSERT_EQUAL(money_ratio(-1, 1, 2), -1);
	CU_ASSERT_EQUAL(money_ratio(10, 1, 3), 3);
}

static void
test_largest_remainder(void)
{
	/* 100p by 1:1:1: 33.33 each, the lowest index gets the penny. */
	long long w[] = {1, 1, 1};
	money_t p[3];

	money_apportion(100, w, 3, p);
	CU_ASSERT(p[0] == 34 && p[1] == 33 && p[2] == 33);
	/* 1000p by 3:2:2 = 428.57, 285.71, 285.71: .57 .71 .71. */
	w[0] = 3, w[1] = 2, w[2] = 2;
	money_apportion(1000, w, 3, p);
	CU_ASSERT(p[0] == 428 && p[1] == 286 && p[2] == 286);
}

static void
test_adds_up(void)
{
	/* Weighted lists with decimals, as recharge_weight scales them. */
	long long w[] = {133536000, 86020000, 89320000,
			 64272000,  58647000, 33174000};
	money_t p[6], total;
	int i;

	for (total = -2000; total < 200000; total += 997) {
		money_apportion(total, w, 6, p);
		CU_ASSERT_EQUAL(sum(p, 6), total);
		for (i = 0; i < 6; i++)
			CU_ASSERT(total >= 0 ? p[i] >= 0 : p[i] <= 0);
	}
	/* Large amounts do not overflow on the way. */
	money_apportion(MONEY_MAX, w, 6, p);
	CU_ASSERT_EQUAL(sum(p, 6), MONEY_MAX);
}

static void
test_zero_weights(void)
{
	long long w[] = {0, 0, 0};
	money_t p[3];

	money_apportion(5, w, 3, p);
	CU_ASSERT(p[0] == 2 && p[1] == 2 && p[2] == 1);
	/* A practice with no weight gets nothing, not a stray penny. */
	w[1] = 1, w[2] = 2;
	money_apportion(100, w, 3, p);
	CU_ASSERT(p[0] == 0 && p[1] == 33 && p[2] == 67);
}

const struct unit_test unit_money_tests[] = {
    {"parse", test_parse},
    {"format", test_format},
    {"pro rata", test_ratio},
    {"largest remainder", test_largest_remainder},
    {"parts add up", test_adds_up},
    {"zero weights", test_zero_weights},
    {NULL, NULL},
};
