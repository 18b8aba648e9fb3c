/*
 * pcnrota replan: plan again the rest of the published horizon after
 * leave, sickness and new requests, keeping what has started and
 * changing as little as it can. Made for cron: one line on stdout.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../solver/solve.h"
#include "cmd.h"
#include "fault.h"
#include "progress.h"
#include "release.h"
#include "report.h"
#include "tz.h"
#include "xmalloc.h"

static int cmd_replan_exec(int, char **);

const struct cmd_entry cmd_replan_entry = {
    "replan",
    "replan NETWORK.ini --out DIR [--state FILE] [--now YYYY-MM-DDTHH:MM] "
    "[--time-limit SECONDS] [--gap FRACTION] [--wait SECONDS] [--verbose]",
    cmd_replan_exec};

static int
usage(void)
{
	fprintf(stderr, "usage: pcnrota %s\n", cmd_replan_entry.usage);
	return PCN_EXIT_USAGE;
}

/* The local date at Unix time now in zone. */
static date_t
local_date(const char *zone, long long now)
{
	date_t d = (date_t)(now / 86400) - 1;
	long long midnight;
	int y, m, dd, i;

	/* Zones are less than a day from UTC: one of three dates. */
	for (i = 0; i < 3; i++, d++) {
		date_to_ymd(d + 1, &y, &m, &dd);
		if (tz_local_to_unix(zone, y, m, dd, 0, &midnight) == 0 &&
		    now < midnight)
			return d;
	}
	return d;
}

static int
cmd_replan_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"out", required_argument, NULL, 'o'},
	    {"state", required_argument, NULL, 's'},
	    {"now", required_argument, NULL, 'N'},
	    {"time-limit", required_argument, NULL, 't'},
	    {"gap", required_argument, NULL, 'g'},
	    {"wait", required_argument, NULL, 'W'},
	    {"verbose", no_argument, NULL, 'v'},
	    {NULL, 0, NULL, 0}};
	struct solve_opts opts = {20, 1e-4, 5000, false, NULL, NULL};
	struct progress progress;
	const struct model_baseline *base;
	const char *outdir = NULL, *state = NULL, *now = NULL;
	char *path = NULL, *cause = NULL, date[16], until[11], summary[200];
	char label[48], first[16], end[16];
	struct release_plan out;
	struct release rel;
	struct feed_opts fo;
	struct plan plan;
	struct net n;
	date_t today, monday, last;
	double wait_s = 60;
	int ch, rc, weeks;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			outdir = optarg;
			break;
		case 's':
			state = optarg;
			break;
		case 'N':
			now = optarg;
			break;
		case 't':
		case 'g':
		case 'v':
		case 'W':
			if (cmd_solve_option(ch, optarg, &opts, &wait_s) != 0)
				return PCN_EXIT_USAGE;
			break;
		default:
			return usage();
		}
	}
	if (argc - optind != 1 || outdir == NULL)
		return usage();
	if ((rc = cmd_load_network(argv[optind], &n)) != PCN_EXIT_OK)
		return rc;
	if (cmd_feed_opts(&n, now, &fo) != 0) {
		net_free(&n);
		return PCN_EXIT_USAGE;
	}
	path = cmd_state_path(state, outdir);
	if ((rc = release_open(&rel, &n, outdir, path, wait_s, &cause)) != 0) {
		rc = rc == -2 ? PCN_EXIT_BUSY : PCN_EXIT_OUTPUT;
		goto done;
	}
	/* The horizon: from this week to the end of what was published. */
	today = local_date(n.timezone, fo.now);
	date_format(today, date);
	if (store_published_until(rel.store, date, until, &cause) != 0) {
		rc = PCN_EXIT_OUTPUT;
		goto done;
	}
	if (until[0] == '\0' || date_parse(until, &last) != 0) {
		xasprintf(&cause,
			  "%s: nothing was published for %s: publish a plan "
			  "with pcnrota plan --out first",
			  path, date);
		rc = PCN_EXIT_UNPUBLISHED;
		goto done;
	}
	monday = date_week_monday(today);
	weeks = (date_week_monday(last) - monday) / 7 + 1;
	if (weeks > NET_MAX_WEEKS)
		weeks = NET_MAX_WEEKS;
	base = release_baseline(&rel, monday, weeks, fo.now, &rc, &cause);
	if (rc != 0) {
		rc = PCN_EXIT_OUTPUT;
		goto done;
	}
	cmd_holidays_warning(&n, monday + 7 * weeks - 1);
	fault_point("solve");
	date_format_isoweek(monday, first);
	date_format_isoweek(monday + 7 * (weeks - 1), end);
	if (weeks == 1)
		snprintf(label, sizeof label, "re-planning %s", first);
	else
		snprintf(label, sizeof label, "re-planning %s to %s", first,
			 end);
	progress_start(&progress, &opts, opts.verbose, label);
	rc = solve_replan(&n, monday, weeks, base, &opts, &plan, &cause);
	progress_end(&progress);
	if (rc != 0) {
		rc = PCN_EXIT_NOPLAN;
		goto done;
	}
	out.net = &n;
	out.plan = &plan;
	rc = PCN_EXIT_OK;
	if (release_commit(&rel, &plan, &fo, &out, &cause) != 0)
		rc = PCN_EXIT_OUTPUT;
	else {
		if (opts.verbose)
			report_text(stderr, &n, &plan);
		release_summary(&rel, &plan, summary, sizeof summary);
		printf("%s\n", summary);
		if (fflush(stdout) != 0)
			rc = PCN_EXIT_OUTPUT;
	}
	plan_free(&plan);
done:
	if (cause != NULL) {
		fprintf(stderr, "pcnrota: %s\n", cause);
		free(cause);
	}
	release_close(&rel);
	free(path);
	net_free(&n);
	return rc;
}
