/* pcnrota plan: plan one or more weeks and print or publish the rota. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../solver/solve.h"
#include "cmd.h"
#include "net.h"
#include "plan.h"
#include "progress.h"
#include "release.h"
#include "report.h"
#include "xmalloc.h"

static int cmd_plan_exec(int, char **);

const struct cmd_entry cmd_plan_entry = {
    "plan",
    "plan NETWORK.ini [--week YYYY-Www] [--weeks N] [--out DIR] "
    "[--state FILE] [--now YYYY-MM-DDTHH:MM] [--time-limit SECONDS] "
    "[--effort UNITS] [--gap FRACTION] [--write-model FILE] "
    "[--wait SECONDS] [--verbose]",
    cmd_plan_exec};

static int
usage(void)
{
	fprintf(stderr, "usage: pcnrota %s\n", cmd_plan_entry.usage);
	return PCN_EXIT_USAGE;
}

static int
cmd_plan_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"week", required_argument, NULL, 'w'},
	    {"weeks", required_argument, NULL, 'n'},
	    {"out", required_argument, NULL, 'o'},
	    {"time-limit", required_argument, NULL, 't'},
	    {"gap", required_argument, NULL, 'g'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"write-model", required_argument, NULL, 'm'},
	    {"state", required_argument, NULL, 's'},
	    {"now", required_argument, NULL, 'N'},
	    {"wait", required_argument, NULL, 'W'},
	    {"effort", required_argument, NULL, 'e'},
	    {NULL, 0, NULL, 0}};
	struct solve_opts opts = {20,	1e-4, 5000,	     false,
				  NULL, NULL, solve_clock(), 0};
	struct progress progress;
	struct release_plan out;
	struct release rel;
	const struct model_baseline *base = NULL;
	struct plan plan;
	struct net n;
	const char *outdir = NULL, *model_file = NULL, *state = NULL;
	const char *now = NULL;
	struct feed_opts fo;
	date_t monday = 0;
	double num;
	char *cause = NULL, *path = NULL, label[48], first[16], last[16];
	double wait_s = 60, lock_wait;
	int ch, weeks = 1, have_week = 0, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'w':
			if (cmd_parse_week(optarg, &monday) != 0)
				return PCN_EXIT_USAGE;
			have_week = 1;
			break;
		case 'n':
			if (cmd_parse_number("--weeks", optarg, 1,
					     NET_MAX_WEEKS, &num) != 0 ||
			    num != floor(num))
				return usage();
			weeks = (int)num;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 't':
		case 'g':
		case 'e':
		case 'v':
		case 'W':
			if (cmd_solve_option(ch, optarg, &opts, &wait_s) != 0)
				return PCN_EXIT_USAGE;
			break;
		case 'm':
			model_file = optarg;
			break;
		case 's':
			state = optarg;
			break;
		case 'N':
			now = optarg;
			break;
		default:
			return usage();
		}
	}
	if (argc - optind != 1)
		return usage();
	if (!have_week)
		monday = cmd_default_monday();
	if ((rc = cmd_load_network_at(argv[optind], &n, outdir, now, false)) !=
	    PCN_EXIT_OK)
		return rc;
	if (cmd_feed_opts(&n, now, &fo) != 0) {
		net_free(&n);
		return PCN_EXIT_USAGE;
	}
	cmd_holidays_warning(&n, monday, monday + 7 * weeks - 1);
	if (model_file != NULL &&
	    solve_write_model(&n, monday, weeks, model_file, &cause) != 0) {
		fprintf(stderr, "pcnrota: %s\n", cause);
		free(cause);
		net_free(&n);
		return PCN_EXIT_OUTPUT;
	}
	if (outdir != NULL) {
		state = path = cmd_state_path(state, outdir);
		/* Waiting for the lock is not the search's time. */
		lock_wait = solve_clock();
		if ((rc = release_open(&rel, &n, outdir, state, fo.now, wait_s,
				       &cause)) != 0) {
			rc = rc == -2 ? PCN_EXIT_BUSY : PCN_EXIT_OUTPUT;
			goto fail;
		}
		opts.started += solve_clock() - lock_wait;
		/* An explicit plan publishes what it plans, past or not. */
		rel.fill_started = true;
		base = release_baseline(&rel, monday, weeks, &rc, &cause);
		if (rc != 0) {
			rc = PCN_EXIT_OUTPUT;
			goto fail;
		}
	}
	date_format_isoweek(monday, first);
	date_format_isoweek(monday + 7 * (weeks - 1), last);
	if (weeks == 1)
		snprintf(label, sizeof label, "solving %s", first);
	else
		snprintf(label, sizeof label, "solving %s to %s", first, last);
	progress_start(&progress, &opts, opts.verbose, label);
	rc = solve_replan(&n, monday, weeks, base, &opts, &plan, &cause);
	progress_end(&progress);
	if (rc == 0 && plan.clocked)
		fprintf(stderr, "pcnrota: the time limit stopped the search "
				"before its effort was spent: another run may "
				"give another plan\n");
	if (rc != 0) {
		fprintf(stderr, "pcnrota: %s: %s\n", argv[optind], cause);
		free(cause);
		cause = NULL;
		rc = rc == -2 ? PCN_EXIT_INTERNAL : PCN_EXIT_NOPLAN;
		goto fail;
	}
	out.net = &n;
	out.plan = &plan;
	rc = PCN_EXIT_OK;
	if (outdir != NULL &&
	    release_commit(&rel, &plan, &fo, &out, &cause) != 0)
		rc = PCN_EXIT_OUTPUT;
	else if (report_text(stdout, &n, &plan) != 0 || fflush(stdout) != 0)
		rc = PCN_EXIT_OUTPUT;
	if (rc == PCN_EXIT_OK && outdir != NULL && rel.use_baseline) {
		char summary[200];

		release_summary(&rel, &plan, summary, sizeof summary);
		fprintf(stderr, "pcnrota: %s\n", summary);
	}
	if (rc == PCN_EXIT_OK && plan.clocked)
		rc = PCN_EXIT_STOPPED;
	plan_free(&plan);
fail:
	if (cause != NULL) {
		fprintf(stderr, "pcnrota: %s\n", cause);
		free(cause);
	}
	if (outdir != NULL)
		release_close(&rel);
	free(path);
	net_free(&n);
	return rc;
}
