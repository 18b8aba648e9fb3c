/* pcnrota plan: plan one or more weeks and print or publish the rota. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../solver/solve.h"
#include "cmd.h"
#include "feed.h"
#include "net.h"
#include "plan.h"
#include "publish.h"
#include "report.h"
#include "report_html.h"
#include "store.h"
#include "tz.h"
#include "xmalloc.h"

static int cmd_plan_exec(int, char **);

const struct cmd_entry cmd_plan_entry = {
    "plan",
    "plan NETWORK.ini [--week YYYY-Www] [--weeks N] [--out DIR] "
    "[--state FILE] [--now YYYY-MM-DDTHH:MM] [--time-limit SECONDS] "
    "[--gap FRACTION] [--write-model FILE] [--verbose]",
    cmd_plan_exec};

struct plan_output {
	const struct net *net;
	const struct plan *plan;
};

static int
write_text(FILE *f, const void *arg)
{
	const struct plan_output *o = arg;

	return report_text(f, o->net, o->plan);
}

static int
write_html(FILE *f, const void *arg)
{
	const struct plan_output *o = arg;

	return report_html(f, o->net, o->plan);
}

static int
write_assignments(FILE *f, const void *arg)
{
	const struct plan_output *o = arg;

	return report_csv_assignments(f, o->net, o->plan);
}

static int
write_fairness(FILE *f, const void *arg)
{
	const struct plan_output *o = arg;

	return report_csv_fairness(f, o->net, o->plan);
}

static int
write_uncovered(FILE *f, const void *arg)
{
	const struct plan_output *o = arg;

	return report_csv_uncovered(f, o->net, o->plan);
}

static const struct {
	const char *name;
	publish_writer writer;
} outputs[] = {
    {"rota.txt", write_text},
    {"rota.html", write_html},
    {"assignments.csv", write_assignments},
    {"fairness.csv", write_fairness},
    {"uncovered.csv", write_uncovered},
};

/* The plan's placements, by identifier, for the state. */
static void
plan_assignments(const struct net *n, const struct plan *p,
		 struct store_assign **assigns)
{
	char date[16];
	int j;

	*assigns =
	    xreallocarray(NULL, (size_t)p->nassigns + 1, sizeof **assigns);
	for (j = 0; j < p->nassigns; j++) {
		const struct plan_assign *a = &p->assigns[j];

		date_format(p->slots[a->slot].date, date);
		(*assigns)[j].date = xstrdup(date);
		(*assigns)[j].session =
		    xstrdup(n->sessions[p->slots[a->slot].session].id);
		(*assigns)[j].staff = xstrdup(n->staff[a->staff].id);
		(*assigns)[j].practice = xstrdup(n->practices[a->practice].id);
	}
}

/* Records the plan in the state, then writes the feeds from the state. */
static int
record_and_feed(const struct net *n, const struct plan *p, struct store *store,
		const char *dir, const struct feed_opts *fo, char **cause)
{
	struct store_assign *assigns;
	struct store_event *events;
	char from[16], to[16];
	int nevents, changed, rc;

	plan_assignments(n, p, &assigns);
	feed_events(n, p, &events, &nevents);
	date_format(p->monday, from);
	date_format(p->monday + 7 * p->weeks - 1, to);
	rc = store_publish(store, from, to, assigns, p->nassigns, events,
			   nevents, fo->now, fo->keep_cancelled, &changed,
			   cause);
	store_assigns_free(assigns, p->nassigns);
	store_events_free(events, nevents);
	if (rc != 0)
		return -1;
	return feed_write(n, store, dir, fo, cause);
}

/*
 * Reports and feeds into dir. The reports are written first but put in
 * place last, so a failure in the feeds leaves the old reports too.
 */
static int
publish_plan(const char *dir, const char *state, const struct plan_output *o,
	     const struct feed_opts *fo)
{
	struct publish *pub;
	struct store *store = NULL;
	char *cause = NULL, *path = NULL;
	size_t i;

	if ((pub = publish_open(dir, &cause)) == NULL)
		goto fail;
	for (i = 0; i < sizeof outputs / sizeof *outputs; i++)
		if (publish_add(pub, outputs[i].name, 0644, outputs[i].writer,
				o, &cause) != 0)
			goto abort;
	path = cmd_state_path(state, dir);
	if ((store = store_open(path, &cause)) == NULL ||
	    record_and_feed(o->net, o->plan, store, dir, fo, &cause) != 0)
		goto abort;
	store_close(store);
	free(path);
	if (publish_commit(pub, &cause) != 0)
		goto fail;
	return 0;
abort:
	store_close(store);
	free(path);
	publish_abort(pub);
fail:
	fprintf(stderr, "pcnrota: %s\n", cause);
	free(cause);
	return -1;
}

/* --now: a local time in the network's zone, as Unix time. */
static int
parse_now(const char *v, const char *zone, long long *out)
{
	char date[11];
	date_t d;
	int minutes, y, m, dd;

	if (strlen(v) != 16 || v[10] != 'T')
		return -1;
	memcpy(date, v, 10);
	date[10] = '\0';
	if (date_parse(date, &d) != 0 || date_parse_hhmm(v + 11, &minutes) != 0)
		return -1;
	date_to_ymd(d, &y, &m, &dd);
	return tz_local_to_unix(zone, y, m, dd, minutes, out);
}

static int
parse_number(const char *opt, const char *v, double min, double max,
	     double *out)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(v, &end);
	if (*v == '\0' || *end != '\0' || errno != 0 || !isfinite(d) ||
	    d < min || d > max) {
		fprintf(stderr,
			"pcnrota: %s must be a number from %g to %g, "
			"not \"%s\"\n",
			opt, min, max, v);
		return -1;
	}
	*out = d;
	return 0;
}

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
	    {NULL, 0, NULL, 0}};
	struct solve_opts opts = {20, 1e-4, 5000, false};
	struct plan_output out;
	struct plan plan;
	struct net n;
	const char *outdir = NULL, *model_file = NULL, *state = NULL;
	const char *now = NULL;
	struct feed_opts fo;
	date_t monday = 0;
	double num;
	char *cause = NULL;
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
			if (parse_number("--weeks", optarg, 1, NET_MAX_WEEKS,
					 &num) != 0 ||
			    num != floor(num))
				return usage();
			weeks = (int)num;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 't':
			if (parse_number("--time-limit", optarg, 0.1, 86400,
					 &opts.time_limit) != 0)
				return PCN_EXIT_USAGE;
			break;
		case 'g':
			if (parse_number("--gap", optarg, 0, 1, &opts.gap) != 0)
				return PCN_EXIT_USAGE;
			break;
		case 'v':
			opts.verbose = true;
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
	if ((rc = cmd_load_network(argv[optind], &n)) != PCN_EXIT_OK)
		return rc;
	fo.now = (long long)time(NULL);
	fo.keep_cancelled = n.keep_cancelled_days;
	fo.refresh = n.feed_refresh;
	if (now != NULL && parse_now(now, n.timezone, &fo.now) != 0) {
		fprintf(stderr,
			"pcnrota: bad time \"%s\": use YYYY-MM-DDTHH:MM such "
			"as 2026-12-02T02:00\n",
			now);
		net_free(&n);
		return PCN_EXIT_USAGE;
	}
	if (model_file != NULL &&
	    solve_write_model(&n, monday, weeks, model_file, &cause) != 0) {
		fprintf(stderr, "pcnrota: %s\n", cause);
		free(cause);
		net_free(&n);
		return PCN_EXIT_OUTPUT;
	}
	if (solve_plan(&n, monday, weeks, &opts, &plan, &cause) != 0) {
		fprintf(stderr, "pcnrota: %s: %s\n", argv[optind], cause);
		free(cause);
		net_free(&n);
		return PCN_EXIT_NOPLAN;
	}
	out.net = &n;
	out.plan = &plan;
	rc = PCN_EXIT_OK;
	if (outdir != NULL && publish_plan(outdir, state, &out, &fo) != 0)
		rc = PCN_EXIT_OUTPUT;
	else if (report_text(stdout, &n, &plan) != 0 || fflush(stdout) != 0)
		rc = PCN_EXIT_OUTPUT;
	plan_free(&plan);
	net_free(&n);
	return rc;
}
