/* pcnrota report: the reports of a published plan, without solving. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "net.h"
#include "plan.h"
#include "pubplan.h"
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
	if ((rc = cmd_load_network(argv[optind], &n, outdir)) != PCN_EXIT_OK)
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
	if ((store = store_open_read(state, &cause)) == NULL)
		rc = PCN_EXIT_OUTPUT;
	else if ((ch = pubplan_load(&n, store, monday, (int)weeks, false, &p,
				    &cause)) != 0)
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
