/* pcnrota: plans a Primary Care Network's shared staff, session by session. */
#include <stdbool.h>
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

/* "--help" or "-h" anywhere before "--": the command's usage, exit 0. */
static bool
asks_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

static int
command_help(const struct cmd_entry *cmd)
{
	printf("usage: pcnrota %s\nSee pcnrota(1).\n", cmd->usage);
	return PCN_EXIT_OK;
}

static const struct cmd_entry *
find_command(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(name, commands[i]->name) == 0)
			return commands[i];
	return NULL;
}

int
main(int argc, char **argv)
{
	const struct cmd_entry *cmd;

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
		if (argc > 2 && (cmd = find_command(argv[2])) != NULL)
			return command_help(cmd);
		usage(stdout);
		return PCN_EXIT_OK;
	}
	if ((cmd = find_command(argv[1])) != NULL)
		return asks_help(argc - 1, argv + 1)
			   ? command_help(cmd)
			   : cmd->exec(argc - 1, argv + 1);
	fprintf(stderr, "pcnrota: unknown command \"%s\"\n", argv[1]);
	usage(stderr);
	return PCN_EXIT_USAGE;
}
