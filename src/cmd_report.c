/* pcnrota report: the reports of a published plan, without solving. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "net.h"
#include "plan.h"
#include "pubplan.h"
#include "report.h"
#include "report_html.h"
#include "claims.h"
#include "recharge.h"
#include "report_money.h"
#include "store.h"
#include "xmalloc.h"

static int cmd_report_exec(int, char **);

const struct cmd_entry cmd_report_entry = {
    "report",
    "report NETWORK.ini (--out DIR | --state FILE) [--week YYYY-Www] "
    "[--weeks N] [--format text|csv|fairness-csv|uncovered-csv|html] | "
    "--month YYYY-MM [--format claims|delivered|recharges|html]",
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

/* A month's money: the claim, the recharges, or both as a page. */
static const struct {
	const char *name;
	int (*write)(FILE *, const struct net *, const struct claims_month *,
		     const struct recharge *);
} money_formats[] = {
    {"claims", money_claims},
    {"delivered", money_delivered},
    {"recharges", money_recharges},
    {"html", report_money_html},
};

static int
usage(void)
{
	fprintf(stderr, "usage: pcnrota %s\n", cmd_report_entry.usage);
	return PCN_EXIT_USAGE;
}

/* --month YYYY-MM; -1 with the problem printed. */
static int
parse_month(const char *v, int *year, int *month)
{
	int len = 0;

	if (sscanf(v, "%4d-%2d%n", year, month, &len) != 2 ||
	    (size_t)len != strlen(v) || len != 7 || *year < 1970 ||
	    *year > 2100 || *month < 1 || *month > 12) {
		fprintf(stderr, "pcnrota: bad month \"%s\": use YYYY-MM\n", v);
		return -1;
	}
	return 0;
}

/* Says cause (if any), frees what a report held; returns rc. */
static int
report_end(int rc, char *cause, struct store *store, char *path, struct net *n)
{
	if (cause != NULL) {
		fprintf(stderr, "pcnrota: %s\n", cause);
		free(cause);
	}
	store_close(store);
	free(path);
	net_free(n);
	return rc;
}

static int
report_month(int argc, char **argv, const char *outdir, const char *state,
	     int year, int month, const char *format)
{
	struct claims_month cm;
	struct recharge rc;
	struct store *store;
	struct net n;
	char *path, *cause = NULL;
	size_t f;
	int code;

	for (f = 0; f < sizeof money_formats / sizeof *money_formats; f++)
		if (strcmp(money_formats[f].name, format) == 0)
			break;
	if (argc - optind != 1 || (outdir == NULL) == (state == NULL) ||
	    f == sizeof money_formats / sizeof *money_formats)
		return usage();
	if ((code = cmd_load_network(argv[optind], &n, outdir)) != PCN_EXIT_OK)
		return code;
	path = cmd_state_path(state, outdir);
	if ((store = cmd_open_published(path, &code, &cause)) != NULL) {
		if (claims_load(&n, store, year, month, &cm, &cause) != 0)
			code = PCN_EXIT_CONFIG;
		else {
			recharge_compute(&n, &cm, &rc);
			code =
			    money_formats[f].write(stdout, &n, &cm, &rc) == 0 &&
				    fflush(stdout) == 0
				? PCN_EXIT_OK
				: PCN_EXIT_OUTPUT;
			recharge_free(&rc);
			claims_free(&cm);
		}
	}
	return report_end(code, cause, store, path, &n);
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
	    {"month", required_argument, NULL, 'm'},
	    {NULL, 0, NULL, 0}};
	const char *outdir = NULL, *state = NULL, *format = NULL;
	int year = 0, month = 0;
	char *path = NULL, *cause = NULL, *end;
	struct store *store;
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
		case 'm':
			if (parse_month(optarg, &year, &month) != 0)
				return PCN_EXIT_USAGE;
			break;
		default:
			return usage();
		}
	}
	if (month != 0)
		return report_month(argc, argv, outdir, state, year, month,
				    format != NULL ? format : "claims");
	if (format == NULL)
		format = "text";
	for (f = 0; f < sizeof formats / sizeof *formats; f++)
		if (strcmp(formats[f].name, format) == 0)
			break;
	if (argc - optind != 1 || (outdir == NULL) == (state == NULL) ||
	    f == sizeof formats / sizeof *formats)
		return usage();
	if ((rc = cmd_load_network(argv[optind], &n, outdir)) != PCN_EXIT_OK)
		return rc;
	path = cmd_state_path(state, outdir);
	if ((store = cmd_open_published(path, &rc, &cause)) != NULL) {
		if ((ch = pubplan_load(&n, store, monday, (int)weeks, false, &p,
				       &cause)) != 0)
			rc = ch == -2 ? PCN_EXIT_UNPUBLISHED : PCN_EXIT_OUTPUT;
		else {
			rc = formats[f].write(stdout, &n, &p) == 0 &&
				     fflush(stdout) == 0
				 ? PCN_EXIT_OK
				 : PCN_EXIT_OUTPUT;
			plan_free(&p);
		}
	}
	return report_end(rc, cause, store, path, &n);
}
