/*
 * pcnrota changes: what re-planning changed, from the audit log, per
 * person and per practice, so a manager can tell the people concerned.
 */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "csv.h"
#include "net.h"
#include "store.h"
#include "tz.h"
#include "xmalloc.h"

static int cmd_changes_exec(int, char **);

const struct cmd_entry cmd_changes_entry = {
    "changes",
    "changes NETWORK.ini (--out DIR | --state FILE) "
    "[--since YYYY-MM-DDTHH:MM] [--format text|csv]",
    cmd_changes_exec};

static int
usage(void)
{
	fprintf(stderr, "usage: pcnrota %s\n", cmd_changes_entry.usage);
	return PCN_EXIT_USAGE;
}

/*
 * A place's name from the network (a site, a practice's main site, or a
 * care home), or the identifier when it has gone since.
 */
static const char *
place_name(const struct net *n, const char *id)
{
	int k;

	if (id[0] == '\0')
		return "(none)";
	k = net_find_site(n, id);
	return k >= 0 ? n->sites[k].name : id;
}

/* The row a place's changes are listed under: its practice, or itself
 * when a care home; -1 when it has gone from the network. */
static int
place_row(const struct net *n, const char *id)
{
	int k = net_find_site(n, id);

	return k < 0 ? -1 : net_site_row(n, k);
}

static const char *
staff_name(const struct net *n, const char *id)
{
	int i = net_find_staff(n, id);

	return i >= 0 ? n->staff[i].name : id;
}

static const char *
session_name(const struct net *n, const char *id)
{
	int k = net_find_session(n, id);

	return k >= 0 ? n->sessions[k].name : id;
}

static void
when(const struct net *n, const struct store_change *c, char *buf, size_t len)
{
	date_t d;

	if (date_parse(c->date, &d) == 0)
		snprintf(buf, len, "%s %s %s", date_day_title(date_weekday(d)),
			 c->date, session_name(n, c->session));
	else
		snprintf(buf, len, "%s %s", c->date, c->session);
}

/* By person, date and session; a session changed again comes after. */
static int
cmp_staff(const void *a, const void *b)
{
	const struct store_change *x = a, *y = b;
	int d = strcmp(x->staff, y->staff);

	if (d == 0)
		d = strcmp(x->date, y->date);
	if (d == 0)
		d = strcmp(x->session, y->session);
	if (d == 0)
		d = (x->at > y->at) - (x->at < y->at);
	return d;
}

/*
 * Counts the sessions (date, session, person) and the people changed, each
 * once however often it changed; c is sorted with cmp_staff.
 */
static void
count_changes(const struct store_change *c, int nc, int *sessions, int *staff)
{
	const struct store_change *prev;
	int i;

	*sessions = *staff = 0;
	for (i = 0; i < nc; i++) {
		prev = i > 0 ? &c[i - 1] : NULL;
		if (prev == NULL || strcmp(c[i].staff, prev->staff) != 0)
			(*staff)++;
		else if (strcmp(c[i].date, prev->date) == 0 &&
			 strcmp(c[i].session, prev->session) == 0)
			continue;
		(*sessions)++;
	}
}

static void
write_text(FILE *f, const struct net *n, struct store_change *c, int nc)
{
	char buf[200];
	int i, p, sessions, staff;
	const char *last = "";

	/* The log is in time order: a person's rows need not be adjacent. */
	if (nc > 0)
		qsort(c, (size_t)nc, sizeof *c, cmp_staff);
	count_changes(c, nc, &sessions, &staff);
	fprintf(f, "%d session%s changed for %d staff\n", sessions,
		sessions == 1 ? "" : "s", staff);
	if (nc == 0)
		return;
	fprintf(f, "\nBy person\n");
	for (i = 0; i < nc; i++) {
		if (strcmp(c[i].staff, last) != 0)
			fprintf(f, "  %s (%s)\n", staff_name(n, c[i].staff),
				c[i].staff);
		last = c[i].staff;
		when(n, &c[i], buf, sizeof buf);
		fprintf(f, "    %-32s %s -> %s (%s)\n", buf,
			place_name(n, c[i].from), place_name(n, c[i].to),
			c[i].reason);
	}
	/* Practices (any of their sites), then care homes. */
	fprintf(f, "\nBy practice%s\n",
		net_care_homes(n) > 0 ? " or care home" : "");
	for (p = 0; p < n->nsites; p++) {
		int shown = 0, to;

		if (!net_is_row(n, p))
			continue;
		for (i = 0; i < nc; i++) {
			to = place_row(n, c[i].to) == p;
			if (!to && place_row(n, c[i].from) != p)
				continue;
			if (!shown++)
				fprintf(f, "  %s\n", net_row_name(n, p));
			when(n, &c[i], buf, sizeof buf);
			fprintf(f, "    %-32s %s %s", buf,
				staff_name(n, c[i].staff),
				to ? "comes" : "no longer comes");
			if (to && strcmp(c[i].to, n->sites[p].id) != 0)
				fprintf(f, " to %s", place_name(n, c[i].to));
			fprintf(f, " (%s)\n", c[i].reason);
		}
	}
}

/* The time a change was made, local to the network, as ISO 8601. */
static void
local_time(const struct net *n, long long at, char *buf, size_t len)
{
	char day[11];
	date_t d;
	int minutes;

	if (tz_unix_to_local(n->timezone, at, &d, &minutes) != 0) {
		snprintf(buf, len, "%lld", at);
		return;
	}
	date_format(d, day);
	snprintf(buf, len, "%sT%02d:%02d:%02d", day, minutes / 60, minutes % 60,
		 (int)(((at % 60) + 60) % 60));
}

static void
write_csv(FILE *f, const struct net *n, const struct store_change *c, int nc)
{
	static const char *head[] = {
	    "changed_at", "date",	   "session",	"staff_id",
	    "staff_name", "from_practice", "from_name", "to_practice",
	    "to_name",	  "reason"};
	char at[40];
	int i;

	csv_head(f, head, sizeof head / sizeof *head);
	for (i = 0; i < nc; i++) {
		local_time(n, c[i].at, at, sizeof at);
		csv_field(f, at, 1);
		csv_field(f, c[i].date, 0);
		csv_field(f, c[i].session, 0);
		csv_field(f, c[i].staff, 0);
		csv_field(f, staff_name(n, c[i].staff), 0);
		csv_field(f, c[i].from, 0);
		csv_field(
		    f, c[i].from[0] != '\0' ? place_name(n, c[i].from) : "", 0);
		csv_field(f, c[i].to, 0);
		csv_field(f, c[i].to[0] != '\0' ? place_name(n, c[i].to) : "",
			  0);
		csv_field(f, c[i].reason, 0);
		csv_end(f);
	}
}

static int
cmd_changes_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"out", required_argument, NULL, 'o'},
	    {"state", required_argument, NULL, 's'},
	    {"since", required_argument, NULL, 'S'},
	    {"format", required_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0}};
	const char *outdir = NULL, *state = NULL, *since = NULL;
	const char *format = "text";
	char *path = NULL, *cause = NULL;
	struct store_change *c = NULL;
	struct store *store = NULL;
	struct net n;
	long long from = 0;
	int ch, rc, nc = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			outdir = optarg;
			break;
		case 's':
			state = optarg;
			break;
		case 'S':
			since = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		default:
			return usage();
		}
	}
	if (argc - optind != 1 || (outdir == NULL) == (state == NULL) ||
	    (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0))
		return usage();
	if ((rc = cmd_load_network(argv[optind], &n, outdir)) != PCN_EXIT_OK)
		return rc;
	if (since != NULL && cmd_parse_now(since, n.timezone, &from) != 0) {
		net_free(&n);
		return PCN_EXIT_USAGE;
	}
	path = cmd_state_path(state, outdir);
	if ((store = cmd_open_published(path, &rc, &cause)) != NULL) {
		if ((since == NULL &&
		     store_last_change(store, &from, &cause) != 0) ||
		    store_changes(store, from, &c, &nc, &cause) != 0)
			rc = PCN_EXIT_OUTPUT;
		else {
			if (strcmp(format, "csv") == 0)
				write_csv(stdout, &n, c, nc);
			else
				write_text(stdout, &n, c, nc);
			rc =
			    fflush(stdout) == 0 ? PCN_EXIT_OK : PCN_EXIT_OUTPUT;
		}
	}
	if (cause != NULL) {
		fprintf(stderr, "pcnrota: %s\n", cause);
		free(cause);
	}
	store_changes_free(c, nc);
	store_close(store);
	free(path);
	net_free(&n);
	return rc;
}
