/*
 * pcnrota replan: the nightly run. Keeps the network's weeks_ahead weeks
 * published: plans again the published sessions not yet started after
 * leave, sickness and new requests, changing as little as it can, and
 * plans each week that enters the horizon. A night with no new input
 * changes nothing. Made for cron: silent unless something changed.
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
#include "xmalloc.h"

static int cmd_replan_exec(int, char **);

const struct cmd_entry cmd_replan_entry = {
    "replan",
    "replan NETWORK.ini --out DIR [--state FILE] [--now YYYY-MM-DDTHH:MM] "
    "[--time-limit SECONDS] [--effort UNITS] [--gap FRACTION] "
    "[--wait SECONDS] [--verbose]",
    cmd_replan_exec};

static int
usage(void)
{
	fprintf(stderr, "usage: pcnrota %s\n", cmd_replan_entry.usage);
	return PCN_EXIT_USAGE;
}

/*
 * The weeks to plan from monday: the horizon, and any later week already
 * published (a longer plan published by hand), up to NET_MAX_WEEKS.
 */
static int
horizon_weeks(struct release *rel, date_t monday, char **cause)
{
	char last[11];
	date_t end = monday + 7 * rel->net->weeks_ahead - 1, published;

	if (store_last_published(rel->store, last, cause) != 0)
		return -1;
	if (last[0] != '\0' && date_parse(last, &published) == 0 &&
	    published > end)
		end = published;
	if (end > monday + 7 * NET_MAX_WEEKS - 1)
		end = monday + 7 * NET_MAX_WEEKS - 1;
	return (date_week_monday(end) - monday) / 7 + 1;
}

/* Whether every day from today to the horizon's end is published. */
static int
horizon_full(struct release *rel, date_t monday, bool *full, char **cause)
{
	char date[16], until[11];
	date_t last;

	date_format(rel->today, date);
	if (store_published_until(rel->store, date, until, cause) != 0)
		return -1;
	*full = until[0] != '\0' && date_parse(until, &last) == 0 &&
		last >= monday + 7 * rel->net->weeks_ahead - 1;
	return 0;
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
	    {"effort", required_argument, NULL, 'e'},
	    {NULL, 0, NULL, 0}};
	struct solve_opts opts = {20,	1e-4, 5000,	     false,
				  NULL, NULL, solve_clock(), 0};
	struct progress progress;
	const struct model_baseline *base;
	const char *outdir = NULL, *state = NULL, *now = NULL;
	char *path = NULL, *cause = NULL, summary[300];
	char label[48], first[16], end[16];
	struct release_plan out;
	struct release rel;
	struct feed_opts fo;
	struct plan plan;
	struct net n;
	date_t monday;
	double wait_s = 60, lock_wait;
	bool same, full, in_place;
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
		case 'e':
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
	if ((rc = cmd_load_network_at(argv[optind], &n, outdir, now, true)) !=
	    PCN_EXIT_OK)
		return rc;
	if (cmd_feed_opts(&n, now, &fo) != 0) {
		net_free(&n);
		return PCN_EXIT_USAGE;
	}
	path = cmd_state_path(state, outdir);
	/* Waiting for the lock is not the search's time. */
	lock_wait = solve_clock();
	if ((rc = release_open(&rel, &n, outdir, path, fo.now, wait_s,
			       &cause)) != 0) {
		rc = rc == -2 ? PCN_EXIT_BUSY : PCN_EXIT_OUTPUT;
		goto done;
	}
	opts.started += solve_clock() - lock_wait;
	monday = date_week_monday(rel.today);
	rc = PCN_EXIT_OUTPUT;
	if ((weeks = horizon_weeks(&rel, monday, &cause)) < 0 ||
	    release_inputs(&rel, &same, &in_place, &cause) != 0 ||
	    horizon_full(&rel, monday, &full, &cause) != 0)
		goto done;
	if (same && full && in_place) {
		/* Nothing new, nothing to add: nothing changes. */
		if (release_quiet(&rel, &cause) == 0)
			rc = PCN_EXIT_OK;
		if (rc == PCN_EXIT_OK && opts.verbose)
			fprintf(stderr, "pcnrota: no new input; the published "
					"plan stands\n");
		goto done;
	}
	/* With nothing new, only new days (or lost files) are made. */
	rel.keep_published = same;
	base = release_baseline(&rel, monday, weeks, &rc, &cause);
	if (rc != 0) {
		rc = PCN_EXIT_OUTPUT;
		goto done;
	}
	cmd_holidays_warning(&n, monday, monday + 7 * weeks - 1);
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
	if (rc == 0 && plan.clocked)
		fprintf(stderr, "pcnrota: the time limit stopped the search "
				"before its effort was spent: another run may "
				"give another plan\n");
	if (rc != 0) {
		rc = rc == -2 ? PCN_EXIT_INTERNAL : PCN_EXIT_NOPLAN;
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
		/* Quiet unless a feed changed: cron mails what is printed. */
		if (rel.changed > 0 || rel.touched > 0) {
			release_summary(&rel, &plan, summary, sizeof summary);
			printf("%s\n", summary);
		}
		if (fflush(stdout) != 0)
			rc = PCN_EXIT_OUTPUT;
	}
	/* Published all the same: the plan is valid, only not repeatable. */
	if (rc == PCN_EXIT_OK && plan.clocked)
		rc = PCN_EXIT_STOPPED;
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
