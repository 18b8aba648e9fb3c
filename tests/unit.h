/* CUnit suites, one per module; registered from one table in unit.c. */
#ifndef UNIT_H
#define UNIT_H

#include <CUnit/CUnit.h>

struct unit_test {
	const char *name;
	CU_TestFunc fn;
};

extern const struct unit_test unit_date_tests[];
extern const struct unit_test unit_fair_tests[];
extern const struct unit_test unit_cfg_tests[];
extern const struct unit_test unit_model_tests[];
extern const struct unit_test unit_feed_tests[];
extern const struct unit_test unit_leavecal_tests[];
extern const struct unit_test unit_ea_tests[];
extern const struct unit_test unit_fetch_tests[];
extern const struct unit_test unit_money_tests[];
extern const struct unit_test unit_delivered_tests[];

/* Path of a fixture under $top_srcdir (static buffer). */
const char *unit_fixture(const char *name);
/* Writes text to a temporary file and returns its path (static buffer). */
const char *unit_write_temp(const char *text);

#endif
