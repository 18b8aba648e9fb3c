/* Helpers the commands share: loading the network, the default week. */
#include <stdio.h>
#include <time.h>

#include "cfg.h"
#include "cmd.h"
#include "net.h"
#include "xmalloc.h"

int
cmd_load_network(const char *path, struct net *n)
{
	struct diag d;

	diag_init(&d);
	if (cfg_load(path, n, &d) != 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		return PCN_EXIT_CONFIG;
	}
	diag_free(&d);
	return PCN_EXIT_OK;
}

int
cmd_default_monday(void)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	return date_week_monday(date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
					      tm.tm_mday)) +
	       7;
}

int
cmd_parse_week(const char *arg, date_t *monday)
{
	if (date_parse_isoweek(arg, monday) == 0)
		return 0;
	fprintf(stderr,
		"pcnrota: bad week \"%s\": use YYYY-Www such as "
		"2026-W49\n",
		arg);
	return -1;
}

char *
cmd_state_path(const char *state, const char *outdir)
{
	char *path;

	if (state != NULL)
		return xstrdup(state);
	xasprintf(&path, "%s/state.db", outdir);
	return path;
}
