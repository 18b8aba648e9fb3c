/* The command table and the exit codes every command returns. */
#ifndef CMD_H
#define CMD_H

#include <stdbool.h>
#include <stddef.h>

/* Stable for cron and scripts; documented in pcnrota(1). */
enum pcn_exit {
	PCN_EXIT_OK = 0,
	PCN_EXIT_INTERNAL = 1,
	PCN_EXIT_USAGE = 2,
	PCN_EXIT_CONFIG = 3,
	PCN_EXIT_NOPLAN = 4,
	PCN_EXIT_OUTPUT = 5,
	PCN_EXIT_UNPUBLISHED = 6,
	PCN_EXIT_BUSY = 7,
	PCN_EXIT_STOPPED = 8 /* a plan, but the clock ended its search */
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
extern const struct cmd_entry cmd_replan_entry;
extern const struct cmd_entry cmd_changes_entry;
extern const struct cmd_entry cmd_status_entry;
extern const struct cmd_entry cmd_absence_entry;

/*
 * Loads and checks a network file, printing problems; exit code or 0:
 * for the commands that only read. Calendars by address fall back on their
 * last good copy in outdir/CMD_CALENDARS, which is never written here
 * (outdir NULL: none).
 */
#define CMD_CALENDARS "calendars"
struct net;
int cmd_load_network(const char *path, struct net *, const char *outdir);
/*
 * The same for plan and replan, which keep each calendar's last good copy,
 * with calendars read around now's date (NULL: the clock's);
 * unattended (the nightly replan) leaves out what is normal, such as
 * calendar events for nobody skipped, so a quiet night prints nothing.
 */
int cmd_load_network_at(const char *path, struct net *, const char *outdir,
			const char *now, bool unattended);
/* The Monday of the ISO week after the current one, by the system clock. */
int cmd_default_monday(void);
/*
 * Warns on stderr when the bank holidays are not known up to last, and of
 * each calendar event on days first..last outside the window calendars
 * are read in (none: nothing is said, so a quiet night stays quiet).
 */
void cmd_holidays_warning(const struct net *, int first, int last);
/* --week YYYY-Www, or a date in the week, as its Monday; -1 printed. */
int cmd_parse_week(const char *, int *monday);
/* ": did you mean "ann"?" for a staff ID not found, or "". */
const char *cmd_staff_hint(const struct net *, const char *who, char *buf,
			   size_t len);
/* The state database: --state's file, or DIR/state.db. To free. */
char *cmd_state_path(const char *state, const char *outdir);
/*
 * The state at path opened only to read it (report, changes): never made
 * where there was none. NULL with *cause set and *rc PCN_EXIT_UNPUBLISHED
 * when there is none, PCN_EXIT_OUTPUT when it cannot be read.
 */
struct store *cmd_open_published(const char *path, int *rc, char **cause);

/* --now YYYY-MM-DDTHH:MM, local time in zone, as Unix time; -1 printed. */
int cmd_parse_now(const char *, const char *zone, long long *out);
/* A publication's options: the network's, at now (NULL: the clock). */
struct feed_opts;
int cmd_feed_opts(const struct net *, const char *now, struct feed_opts *);
/*
 * The search options plan and replan share: --time-limit ('t'), --gap
 * ('g'), --effort ('e'), --wait ('W'), --verbose (any other ch); -1
 * printed when bad.
 */
struct solve_opts;
int cmd_solve_option(int ch, const char *arg, struct solve_opts *,
		     double *wait_s);
/* A number option from min to max; -1 with the problem printed. */
int cmd_parse_number(const char *opt, const char *v, double min, double max,
		     double *out);

#endif
