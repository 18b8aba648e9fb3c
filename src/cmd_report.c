/* pcnrota report: the reports of a published plan, without solving. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../solver/explain.h"
#include "cmd.h"
#include "fair.h"
#include "net.h"
#include "plan.h"
#include "report.h"
#include "report_html.h"
#include "store.h"
#include "xmalloc.h"

static int cmd_report_exec(int, char **);

const struct cmd_entry cmd_report_entry = {
    "report",
    "report NETWORK.ini (--out DIR | --state FILE) [--week YYYY-Www] "
    "[--weeks N] [--format text|csv|fairness-csv|uncovered-csv|html]",
    cmd_report_exec};

static const struct {
	const char *name;
	int (*write)(FILE *, const struct net *, const struct plan *);
} formats[] = {
    {"text", report_text},
    {"csv", report_csv_assignments},
    {"fairness-csv", report_csv_fairness},
    {"uncovered-csv", report_csv_uncovered},
    {"html", report_html},
};

static int
usage(void)
{
	fprintf(stderr, "usage: pcnrota %s\n", cmd_report_entry.usage);
	return PCN_EXIT_USAGE;
}

static int
find_slot(const struct net *n, const struct plan *p, const char *date,
	  const char *session)
{
	char buf[16];
	int t;

	for (t = 0; t < p->nslots; t++) {
		date_format(p->slots[t].date, buf);
		if (strcmp(buf, date) == 0 &&
		    strcmp(n->sessions[p->slots[t].session].id, session) == 0)
			return t;
	}
	return -1;
}

/*
 * The published plan of the weeks, as the solver would have left it:
 * placements from the state, fair shares and uncovered requests worked
 * out again from the network. Placements the network no longer knows
 * (a person or practice removed since) are left out with a warning.
 * -1 when the state cannot be read, -2 when nothing was published.
 */
static int
load_plan(const struct net *n, struct store *store, date_t monday, int weeks,
	  struct plan *p, char **cause)
{
	struct store_assign *a;
	char from[16], to[16];
	int na, j, t, staff, practice, *capacity, *targets;

	memset(p, 0, sizeof *p);
	date_format(monday, from);
	date_format(monday + 7 * weeks - 1, to);
	if (store_assignments(store, from, to, &a, &na, cause) != 0)
		return -1;
	if (na == 0) {
		xasprintf(cause, "%s: nothing was published for %s to %s",
			  store_path(store), from, to);
		store_assigns_free(a, na);
		return -2;
	}
	p->monday = monday;
	p->weeks = weeks;
	p->nslots = net_slots(n, monday, weeks, &p->slots);
	p->assigns = xreallocarray(NULL, (size_t)na, sizeof *p->assigns);
	for (j = 0; j < na; j++) {
		t = find_slot(n, p, a[j].date, a[j].session);
		staff = net_find_staff(n, a[j].staff);
		practice = net_find_practice(n, a[j].practice);
		if (t < 0 || staff < 0 || practice < 0) {
			fprintf(stderr,
				"pcnrota: %s %s: %s at %s is no longer in the "
				"network; left out\n",
				a[j].date, a[j].session, a[j].staff,
				a[j].practice);
			continue;
		}
		p->assigns[p->nassigns].slot = t;
		p->assigns[p->nassigns].staff = staff;
		p->assigns[p->nassigns].practice = practice;
		p->nassigns++;
	}
	store_assigns_free(a, na);
	plan_sort(p);
	capacity = xcalloc((size_t)(weeks * n->nstaff) + 1, sizeof(int));
	targets = xcalloc((size_t)(weeks * n->nroles * n->npractices) + 1,
			  sizeof(int));
	fair_capacity(n, p->slots, p->nslots, monday, weeks, capacity);
	fair_targets(n, capacity, weeks, targets);
	plan_tally(p, n, targets);
	free(capacity);
	free(targets);
	explain_uncovered(n, p);
	return 0;
}

static int
cmd_report_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"out", required_argument, NULL, 'o'},
	    {"state", required_argument, NULL, 's'},
	    {"week", required_argument, NULL, 'w'},
	    {"weeks", required_argument, NULL, 'n'},
	    {"format", required_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0}};
	const char *outdir = NULL, *state = NULL, *format = "text";
	char *path = NULL, *cause = NULL, *end;
	struct store *store;
	struct stat sb;
	struct plan p;
	struct net n;
	date_t monday = cmd_default_monday();
	size_t f;
	long weeks = 1;
	int ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			outdir = optarg;
			break;
		case 's':
			state = optarg;
			break;
		case 'w':
			if (cmd_parse_week(optarg, &monday) != 0)
				return PCN_EXIT_USAGE;
			break;
		case 'n':
			errno = 0;
			weeks = strtol(optarg, &end, 10);
			if (*end != '\0' || errno != 0 || weeks < 1 ||
			    weeks > NET_MAX_WEEKS)
				return usage();
			break;
		case 'f':
			format = optarg;
			break;
		default:
			return usage();
		}
	}
	for (f = 0; f < sizeof formats / sizeof *formats; f++)
		if (strcmp(formats[f].name, format) == 0)
			break;
	if (argc - optind != 1 || (outdir == NULL) == (state == NULL) ||
	    f == sizeof formats / sizeof *formats)
		return usage();
	if ((rc = cmd_load_network(argv[optind], &n)) != PCN_EXIT_OK)
		return rc;
	state = path = cmd_state_path(state, outdir);
	/* Reading must not make an empty state where none was. */
	if (stat(state, &sb) != 0) {
		fprintf(stderr, "pcnrota: %s: no published plan: %s\n", state,
			strerror(errno));
		free(path);
		net_free(&n);
		return PCN_EXIT_UNPUBLISHED;
	}
	rc = PCN_EXIT_OK;
	if ((store = store_open(state, &cause)) == NULL)
		rc = PCN_EXIT_OUTPUT;
	else if ((ch = load_plan(&n, store, monday, (int)weeks, &p, &cause)) !=
		 0)
		rc = ch == -2 ? PCN_EXIT_UNPUBLISHED : PCN_EXIT_OUTPUT;
	else {
		if (formats[f].write(stdout, &n, &p) != 0 ||
		    fflush(stdout) != 0)
			rc = PCN_EXIT_OUTPUT;
		plan_free(&p);
	}
	if (cause != NULL) {
		fprintf(stderr, "pcnrota: %s\n", cause);
		free(cause);
	}
	store_close(store);
	free(path);
	net_free(&n);
	return rc;
}
