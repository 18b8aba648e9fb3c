/* Unit tests: dates, ISO weeks and times of day. */
#include "../src/date.h"
#include "unit.h"

static void
test_iso_weeks(void)
{
	date_t monday;
	char buf[16];

	CU_ASSERT_EQUAL(date_parse_isoweek("2026-W49", &monday), 0);
	date_format(monday, buf);
	CU_ASSERT_STRING_EQUAL(buf, "2026-11-30");
	/* 2026 has 53 ISO weeks; its week 1 starts in 2025. */
	CU_ASSERT_EQUAL(date_parse_isoweek("2026-W01", &monday), 0);
	date_format(monday, buf);
	CU_ASSERT_STRING_EQUAL(buf, "2025-12-29");
	CU_ASSERT_EQUAL(date_parse_isoweek("2026-W53", &monday), 0);
	CU_ASSERT_EQUAL(date_parse_isoweek("2027-W53", &monday), -1);
	CU_ASSERT_EQUAL(date_parse_isoweek("2026-W00", &monday), -1);
	CU_ASSERT_EQUAL(date_parse_isoweek("2026W49", &monday), -1);
	date_format_isoweek(date_from_ymd(2027, 1, 1), buf);
	CU_ASSERT_STRING_EQUAL(buf, "2026-W53");
	date_format_isoweek(date_from_ymd(2026, 11, 30), buf);
	CU_ASSERT_STRING_EQUAL(buf, "2026-W49");
}

static void
test_dates(void)
{
	date_t d;
	int y, m, dd;

	CU_ASSERT_EQUAL(date_from_ymd(1970, 1, 1), 0);
	CU_ASSERT_EQUAL(date_weekday(date_from_ymd(2026, 11, 23)), DATE_MON);
	CU_ASSERT_EQUAL(date_weekday(date_from_ymd(2026, 12, 25)), DATE_FRI);
	CU_ASSERT_EQUAL(date_parse("2028-02-29", &d), 0);
	date_to_ymd(d, &y, &m, &dd);
	CU_ASSERT(y == 2028 && m == 2 && dd == 29);
	CU_ASSERT_EQUAL(date_parse("2026-02-29", &d), -1);
	CU_ASSERT_EQUAL(date_parse("2026-13-01", &d), -1);
	CU_ASSERT_EQUAL(date_parse("2026-1-01", &d), -1);
	CU_ASSERT_EQUAL(date_parse("2026-01-01x", &d), -1);
}

static void
test_times(void)
{
	int min;
	char buf[8];

	CU_ASSERT_EQUAL(date_parse_hhmm("08:30", &min), 0);
	CU_ASSERT_EQUAL(min, 510);
	date_format_hhmm(1110, buf);
	CU_ASSERT_STRING_EQUAL(buf, "18:30");
	CU_ASSERT_EQUAL(date_parse_hhmm("24:00", &min), -1);
	CU_ASSERT_EQUAL(date_parse_hhmm("8:30", &min), -1);
	CU_ASSERT_EQUAL(date_parse_hhmm("08:60", &min), -1);
	CU_ASSERT_EQUAL(date_parse_hhmm("08.30", &min), -1);
}

const struct unit_test unit_date_tests[] = {
    {"ISO weeks", test_iso_weeks},
    {"civil dates", test_dates},
    {"times of day", test_times},
    {NULL, NULL},
};
