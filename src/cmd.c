/* Helpers the commands share: loading the network, the default week. */
#include <sys/stat.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../solver/solve.h"
#include "cfg.h"
#include "cmd.h"
#include "diag.h"
#include "feed.h"
#include "net.h"
#include "store.h"
#include "suggest.h"
#include "tz.h"
#include "xmalloc.h"

static int load_network(const char *, struct net *, const char *, const char *,
			bool, bool);

int
cmd_load_network(const char *path, struct net *n, const char *outdir)
{
	/* A command that only reads writes nothing, the cache included: a
	 * copy made by another user (root, say) would stop the nightly run
	 * reading it, and this run holds no lock. */
	return load_network(path, n, outdir, NULL, false, true);
}

int
cmd_load_network_at(const char *path, struct net *n, const char *outdir,
		    const char *now, bool unattended)
{
	return load_network(path, n, outdir, now, unattended, false);
}

static int
load_network(const char *path, struct net *n, const char *outdir,
	     const char *now, bool unattended, bool read_only)
{
	struct cfg_opts opts;
	char day[11];
	struct diag d, warnings, notices;
	char *cache = NULL;
	int rc = PCN_EXIT_OK;

	diag_init(&d);
	diag_init(&warnings);
	diag_init(&notices);
	memset(&opts, 0, sizeof opts);
	if (outdir != NULL)
		xasprintf(&cache, "%s/%s", outdir, CMD_CALENDARS);
	opts.cache = cache;
	opts.read_only = read_only;
	opts.warnings = &warnings;
	opts.notices = unattended ? NULL : &notices;
	/* Its date only: the time and zone are checked once the zone is known.
	 */
	if (now != NULL && strlen(now) >= 10) {
		memcpy(day, now, 10);
		day[10] = '\0';
		if (date_parse(day, &opts.today) != 0)
			opts.today = 0;
	}
	if (cfg_load_opts(path, n, &d, &opts) != 0) {
		diag_print(&d, stderr);
		rc = PCN_EXIT_CONFIG;
	}
	/* A kept copy used, or an old one: the run goes on, and says so. */
	diag_print(&warnings, stderr);
	diag_print(&notices, stderr);
	diag_free(&warnings);
	diag_free(&notices);
	diag_free(&d);
	free(cache);
	return rc;
}

/* Events outside the calendars' window told one by one, to this many. */
#define CMD_MAX_UNREAD 10

void
cmd_holidays_warning(const struct net *n, date_t first, date_t last)
{
	struct diag d;
	char *text;
	int count;

	if ((text = net_holidays_warning(n, last)) != NULL) {
		fprintf(stderr, "pcnrota: warning: %s\n", text);
		free(text);
	}
	diag_init(&d);
	count = net_unread_warnings(n, first, last, &d);
	if (d.n > CMD_MAX_UNREAD) {
		while (d.n > CMD_MAX_UNREAD)
			free(d.msgs[--d.n].text);
		diag_add(&d, "pcnrota", 0,
			 "warning: and %d more calendar events outside the "
			 "dates calendars are read for",
			 count - CMD_MAX_UNREAD);
	}
	diag_print(&d, stderr);
	diag_free(&d);
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

int
cmd_parse_week(const char *arg, date_t *monday)
{
	date_t day;

	if (date_parse_isoweek(arg, monday) == 0)
		return 0;
	/* A date means the week it falls in. */
	if (date_parse(arg, &day) == 0) {
		*monday = date_week_monday(day);
		return 0;
	}
	fprintf(stderr,
		"pcnrota: bad week \"%s\": use YYYY-Www such as "
		"2026-W49, or a date in the week such as 2026-12-02\n",
		arg);
	return -1;
}

const char *
cmd_staff_hint(const struct net *n, const char *who, char *buf, size_t len)
{
	struct suggest s;
	int i;

	suggest_init(&s, who);
	for (i = 0; i < n->nstaff; i++)
		suggest_try(&s, n->staff[i].id, n->staff[i].name);
	if (suggest_best(&s) == NULL)
		return "";
	snprintf(buf, len, ": did you mean \"%s\"?", suggest_best(&s));
	return buf;
}

char *
cmd_state_path(const char *state, const char *outdir)
{
	char *path;

	if (state != NULL)
		return xstrdup(state);
	xasprintf(&path, "%s/state.db", outdir);
	return path;
}

struct store *
cmd_open_published(const char *path, int *rc, char **cause)
{
	struct stat sb;

	if (stat(path, &sb) != 0) {
		xasprintf(cause, "%s: no published plan: %s", path,
			  strerror(errno));
		*rc = PCN_EXIT_UNPUBLISHED;
		return NULL;
	}
	*rc = PCN_EXIT_OUTPUT;
	return store_open_read(path, cause);
}

int
cmd_parse_now(const char *v, const char *zone, long long *out)
{
	char date[11];
	date_t d;
	int minutes, y, m, dd;

	if (strlen(v) == 16 && v[10] == 'T') {
		memcpy(date, v, 10);
		date[10] = '\0';
		if (date_parse(date, &d) == 0 &&
		    date_parse_hhmm(v + 11, &minutes) == 0) {
			date_to_ymd(d, &y, &m, &dd);
			/* Feeds and the state write four-digit years. */
			if (y < 2000 || y > 2099) {
				fprintf(stderr,
					"pcnrota: bad time \"%s\": --now must "
					"be in the years 2000 to 2099\n",
					v);
				return -1;
			}
			if (tz_local_to_unix(zone, y, m, dd, minutes, out) == 0)
				return 0;
		}
	}
	fprintf(stderr,
		"pcnrota: bad time \"%s\": use YYYY-MM-DDTHH:MM such as "
		"2026-12-02T02:00\n",
		v);
	return -1;
}

int
cmd_feed_opts(const struct net *n, const char *now, struct feed_opts *fo)
{
	fo->now = (long long)time(NULL);
	fo->keep_cancelled = n->keep_cancelled_days;
	fo->refresh = n->feed_refresh;
	return now != NULL ? cmd_parse_now(now, n->timezone, &fo->now) : 0;
}

int
cmd_solve_option(int ch, const char *arg, struct solve_opts *opts,
		 double *wait_s)
{
	switch (ch) {
	case 't':
		return cmd_parse_number("--time-limit", arg, 0.1, 86400,
					&opts->time_limit);
	case 'g':
		return cmd_parse_number("--gap", arg, 0, 1, &opts->gap);
	case 'e':
		if (cmd_parse_number("--effort", arg, 1, SOLVE_EFFORT_MAX,
				     &opts->effort) != 0)
			return -1;
		opts->effort = floor(opts->effort);
		return 0;
	case 'W':
		return cmd_parse_number("--wait", arg, 0, 86400, wait_s);
	default:
		opts->verbose = true;
		return 0;
	}
}

int
cmd_parse_number(const char *opt, const char *v, double min, double max,
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
