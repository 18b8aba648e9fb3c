/* pcnrota: plans a Primary Care Network's shared staff, session by session. */
#include <stdio.h>
#include <string.h>

#include "autoconf.h"
#include "cmd.h"

static const struct cmd_entry *commands[] = {
    &cmd_check_entry,  &cmd_plan_entry,	 &cmd_replan_entry, &cmd_changes_entry,
    &cmd_report_entry, &cmd_token_entry, &cmd_status_entry, &cmd_absence_entry};

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage:\n");
	for (i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "  pcnrota %s\n", commands[i]->usage);
	fprintf(f, "  pcnrota --version\n"
		   "See pcnrota(1) and pcnrota.ini(5).\n");
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return PCN_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return PCN_EXIT_OK;
	}
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return PCN_EXIT_OK;
	}
	for (i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(argv[1], commands[i]->name) == 0)
			return commands[i]->exec(argc - 1, argv + 1);
	fprintf(stderr, "pcnrota: unknown command \"%s\"\n", argv[1]);
	usage(stderr);
	return PCN_EXIT_USAGE;
}
