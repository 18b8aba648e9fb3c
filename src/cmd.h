/* The command table and the exit codes every command returns. */
#ifndef CMD_H
#define CMD_H

/* Stable for cron and scripts; documented in pcnrota(1). */
enum pcn_exit {
	PCN_EXIT_OK = 0,
	PCN_EXIT_INTERNAL = 1,
	PCN_EXIT_USAGE = 2,
	PCN_EXIT_CONFIG = 3,
	PCN_EXIT_NOPLAN = 4,
	PCN_EXIT_OUTPUT = 5,
	PCN_EXIT_UNPUBLISHED = 6
};

struct cmd_entry {
	const char *name;
	const char *usage;
	int (*exec)(int argc, char **argv);
};

extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_plan_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_token_entry;

/* Loads and checks a network file, printing problems; exit code or 0. */
struct net;
int cmd_load_network(const char *path, struct net *);
/* The Monday of the ISO week after the current one, by the system clock. */
int cmd_default_monday(void);
/* --week YYYY-Www as its Monday; -1 with the problem printed. */
int cmd_parse_week(const char *, int *monday);
/* The state database: --state's file, or DIR/state.db. To free. */
char *cmd_state_path(const char *state, const char *outdir);

#endif
