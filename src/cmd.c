/* Helpers the commands share: loading the network, the default week. */
#include <stdio.h>
#include <time.h>

#include "cfg.h"
#include "cmd.h"
#include "net.h"

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
