/* Runs every CUnit suite; exits non-zero when any test fails. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"

static const struct {
	const char *name;
	const struct unit_test *tests;
} suites[] = {
    {"date", unit_date_tests},	       {"fair", unit_fair_tests},
    {"cfg", unit_cfg_tests},	       {"model", unit_model_tests},
    {"feed", unit_feed_tests},	       {"ea", unit_ea_tests},
    {"leavecal", unit_leavecal_tests}, {"fetch", unit_fetch_tests},
    {"money", unit_money_tests},       {"delivered", unit_delivered_tests},
};

const char *
unit_fixture(const char *name)
{
	static char path[4096];
	const char *top = getenv("top_srcdir");

	snprintf(path, sizeof path, "%s/fixtures/%s", top ? top : ".", name);
	return path;
}

const char *
unit_write_temp(const char *text)
{
	static char path[64];
	FILE *f;
	int fd;

	snprintf(path, sizeof path, "/tmp/pcnrota-unit-XXXXXX");
	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL) {
		perror("mkstemp");
		exit(99);
	}
	fputs(text, f);
	fclose(f);
	return path;
}

int
main(void)
{
	const struct unit_test *t;
	unsigned failures;
	size_t i;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 99;
	for (i = 0; i < sizeof suites / sizeof *suites; i++) {
		CU_pSuite s = CU_add_suite(suites[i].name, NULL, NULL);

		if (s == NULL)
			return 99;
		for (t = suites[i].tests; t->name != NULL; t++)
			if (CU_add_test(s, t->name, t->fn) == NULL)
				return 99;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	/* CU_basic_run_tests() reports success even when tests fail. */
	failures = CU_get_number_of_failures();
	CU_cleanup_registry();
	return failures ? 1 : 0;
}
