/* pcnrota status: what the last successful run of a folder did. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cmd.h"
#include "status.h"
#include "xmalloc.h"

static int cmd_status_exec(int, char **);

const struct cmd_entry cmd_status_entry = {"status", "status DIR",
					   cmd_status_exec};

static void
utc(long long t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || gmtime_r(&tt, &tm) == NULL)
		snprintf(buf, len, "never");
	else
		strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
cmd_status_exec(int argc, char **argv)
{
	static const struct option longopts[] = {{NULL, 0, NULL, 0}};
	char *path, *cause = NULL, when[32], until[32];
	struct status s;
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		fprintf(stderr, "usage: pcnrota %s\n", cmd_status_entry.usage);
		return PCN_EXIT_USAGE;
	}
	if (argc - optind != 1) {
		fprintf(stderr, "usage: pcnrota %s\n", cmd_status_entry.usage);
		return PCN_EXIT_USAGE;
	}
	xasprintf(&path, "%s/%s", argv[optind], STATUS_FILE);
	if (status_read(path, &s, &cause) != 0) {
		fprintf(stderr,
			"pcnrota: %s (no run has succeeded in this folder)\n",
			cause);
		free(cause);
		free(path);
		return PCN_EXIT_OUTPUT;
	}
	free(path);
	utc(s.last_success, when, sizeof when);
	utc(s.published_until, until, sizeof until);
	printf("last success:       %s\n", when);
	printf("published until:    %s (%.1f weeks from that day)\n", until,
	       s.weeks_ahead);
	printf("uncovered requests: %d\n", s.uncovered);
	if (s.gap >= 0)
		printf("plan cost:          %.0f (at most %.1f%% from the best "
		       "possible)\n",
		       s.cost, 100 * s.gap);
	else
		printf("plan cost:          %.0f\n", s.cost);
	printf("last run changed:   %d session%s for %d staff\n",
	       s.sessions_changed, s.sessions_changed == 1 ? "" : "s",
	       s.staff_changed);
	return fflush(stdout) == 0 ? PCN_EXIT_OK : PCN_EXIT_OUTPUT;
}
