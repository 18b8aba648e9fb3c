/*
 * Calendars: leave, shared team calendars, bank holidays and recorded
 * absences, by path or by address.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>

#include "data.h"
#include "fetch.h"
#include "leavecal.h"
#include "utf8.h"
#include "xmalloc.h"

#include "cfg_internal.h"

/*
 * Calendars: leave from iCalendar files, per person or shared, and bank
 * holidays. They are expanded over a window of two years either side of
 * today, wider than any plan's horizon; files are relative to the network
 * file's folder.
 */
#define CFG_CAL_DAYS 731
/* Bank holidays are few and published years ahead: read them further. */
#define CFG_HOLIDAY_DAYS 3653

char *
cfg_path(struct cfg *c, const char *v)
{
	const char *slash = strrchr(c->file, '/');
	char *path;

	if (v[0] == '/' || slash == NULL)
		return xstrdup(v);
	xasprintf(&path, "%.*s/%s", (int)(slash - c->file), c->file, v);
	return path;
}

/*
 * An address kept apart from the network file (key = @FILE): the first
 * line of FILE, which only its owner may read. NULL after an error that
 * names the file, never its content.
 */
static char *
cfg_secret(struct cfg *c, const char *v, int line)
{
	struct stat sb;
	char *path, *address = NULL, *first, buf[FETCH_MAX_ADDRESS + 2];
	FILE *f;

	path = cfg_path(c, v);
	if ((f = fopen(path, "r")) == NULL) {
		cfg_error(c, line, "%s: cannot read: %s", path,
			  strerror(errno));
		goto out;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		cfg_error(c, line, "%s: not a regular file", path);
		goto out;
	}
	if ((sb.st_mode & (S_IRGRP | S_IROTH)) != 0) {
		cfg_error(c, line,
			  "%s: others than its owner may read it: it holds a "
			  "secret address (chmod 600)",
			  path);
		goto out;
	}
	if (fgets(buf, sizeof buf, f) == NULL)
		buf[0] = '\0';
	first = utf8_trim(buf);
	if (!fetch_is_address(first) || strlen(first) > FETCH_MAX_ADDRESS ||
	    strpbrk(first, " \t\r\n") != NULL)
		cfg_error(c, line,
			  "%s: its first line is not an https:// or "
			  "webcal:// address",
			  path);
	else
		address = xstrdup(first);
	explicit_bzero(buf, sizeof buf);
out:
	if (f != NULL)
		fclose(f);
	free(path);
	return address;
}

/* What a fetched calendar is checked with: it must parse. */
struct cfg_fetch {
	struct cfg *c;
	date_t today;
	int ahead;
	struct leavecal *cal;
};

static int
cfg_fetch_check(const char *body, size_t len, void *arg, char **cause)
{
	struct cfg_fetch *cf = arg;
	char *why;
	int at;

	if (leavecal_parse(body, len, cf->c->net->timezone,
			   cf->today - CFG_CAL_DAYS, cf->today + cf->ahead,
			   cf->cal, &at, &why) == 0)
		return 0;
	if (at > 0) {
		xasprintf(cause, "line %d: %s", at, why);
		free(why);
	} else
		*cause = why;
	return -1;
}

/*
 * A calendar by address: fetched, or its last good copy with a warning;
 * with none, an error. The label (redacted) names it, or NULL.
 */
static char *
cfg_fetch(struct cfg *c, const char *address, int line, date_t today, int ahead,
	  struct leavecal *cal)
{
	struct cfg_fetch cf = {c, today, ahead, cal};
	struct fetch f;
	struct tm tm;
	time_t now = time(NULL), at;
	char *label, *cause, when[32];
	long long age;

	label = fetch_redact(address);
	if (fetch_get(address, c->opts->cache, !c->opts->read_only,
		      (long long)now, cfg_fetch_check, &cf, &f, &cause) != 0) {
		cfg_error(c, line, "%s: cannot fetch%s: %s", label,
			  c->opts->cache != NULL ? ", and no copy was kept"
						 : "",
			  cause);
		free(cause);
		free(label);
		return NULL;
	}
	digest_init(&cal->content);
	digest_bytes(&cal->content, f.body, f.len);
	at = (time_t)f.fetched_at;
	gmtime_r(&at, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%MZ", &tm);
	age = (long long)now - f.fetched_at;
	if (age < 0)
		age = 0;
	if (age > c->net->calendar_oldest_age)
		c->net->calendar_oldest_age = age;
	if (f.how == FETCH_KEPT) {
		c->net->calendar_failures++;
		if (c->opts->warnings != NULL)
			diag_add(c->opts->warnings, label, 0,
				 "cannot fetch (%s): using the copy fetched "
				 "%s",
				 f.error, when);
	}
	if (age > FETCH_STALE_DAYS * 86400LL && c->opts->warnings != NULL)
		diag_add(c->opts->warnings, label, 0,
			 "the copy in use is %lld days old (fetched %s; "
			 "warned after %d)",
			 age / 86400, when, FETCH_STALE_DAYS);
	fetch_free(&f);
	return label;
}

/* The run's date: --now's when given, so that tests stay true. */
static date_t
cfg_today(const struct cfg *c)
{
	time_t now = time(NULL);
	struct tm tm;

	if (c->opts->today != 0)
		return c->opts->today;
	gmtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/*
 * Reads a calendar named at line, up to ahead days from today; NULL after
 * an error naming the file.
 */
static char *
cfg_calendar(struct cfg *c, const char *v, int line, int ahead,
	     struct leavecal *cal)
{
	date_t today = cfg_today(c);
	char *path, *cause, *address;
	int at;

	memset(cal, 0, sizeof *cal);
	if (*v == '\0') {
		cfg_error(c, line, "empty calendar file name");
		return NULL;
	}
	if (ahead == CFG_CAL_DAYS) {
		/* Addresses are secret: a file is named, an address not. */
		if (c->net->leave_source == NULL)
			c->net->leave_source =
			    *v == '@' || fetch_is_address(v)
				? xstrdup("a calendar by address")
				: cfg_path(c, v);
		else
			c->net->leave_source_more = true;
		c->net->leave_from = today - CFG_CAL_DAYS;
		c->net->leave_until = today + ahead;
	}
	if (*v == '@' || fetch_is_address(v)) {
		if (c->opts->offline)
			return NULL;
		address = *v == '@' ? cfg_secret(c, v + 1, line) : xstrdup(v);
		if (address == NULL)
			return NULL;
		path = cfg_fetch(c, address, line, today, ahead, cal);
		explicit_bzero(address, strlen(address));
		free(address);
		if (path == NULL)
			return NULL;
		/* As for a file: a night with nothing new, the same bytes. */
		digest_string(&c->net->input, path);
		digest_bytes(&c->net->input, &cal->content,
			     sizeof cal->content);
		return path;
	}
	path = cfg_path(c, v);
	if (leavecal_read(path, c->net->timezone, today - CFG_CAL_DAYS,
			  today + ahead, cal, &at, &cause) == 0) {
		/* A night with nothing new is one with the same bytes. */
		digest_string(&c->net->input, path);
		digest_bytes(&c->net->input, &cal->content,
			     sizeof cal->content);
		return path;
	}
	/* A problem in the file is shown there; one with the file here. */
	if (at > 0) {
		diag_add(c->diag, path, at, "%s", cause);
		c->errors++;
	} else
		cfg_error(c, line, "%s: %s", path, cause);
	free(cause);
	free(path);
	return NULL;
}

/*
 * Keeps an event of a calendar read over the window that may fall outside
 * it, whose absence (staff) or which closure (site, -1 for every
 * practice's), so that a plan that reaches it is told.
 */
static void
keep_unread(struct cfg *c, const char *path, const struct leavecal_event *e,
	    int staff, int site)
{
	struct net *n = c->net;
	struct net_unread *u;

	if (e->first >= n->leave_from && e->last <= n->leave_until)
		return;
	n->unread = xappend(n->unread, (size_t)n->nunread, sizeof *n->unread);
	u = &n->unread[n->nunread++];
	u->file = xstrdup(path);
	u->line = e->line;
	u->uid = e->uid != NULL ? xstrdup(e->uid) : NULL;
	u->staff = staff;
	u->site = site;
	u->kind = e->kind;
	u->first = e->first;
	u->last = e->last;
}

static void
push_leave(struct net_staff *st, date_t date, int session,
	   enum net_absence kind)
{
	struct net_leave l;

	memset(&l, 0, sizeof l);
	l.from = l.to = date;
	l.session = session;
	l.kind = kind;
	net_add_leave(st, &l);
}

/* A timed absence takes only the sessions it overlaps. */
static void
absence_leave(const struct net *n, struct net_staff *st,
	      const struct leavecal *cal, const struct leavecal_absence *a)
{
	enum net_absence kind = cal->events[a->event].kind;
	int d = date_weekday(a->date), k;

	if (a->whole_day || (a->start <= 0 && a->end >= 1440)) {
		push_leave(st, a->date, -1, kind);
		return;
	}
	for (k = 0; k < n->nsessions; k++)
		if (n->sessions[k].days[d] && n->sessions[k].start >= 0 &&
		    a->start < n->sessions[k].end &&
		    n->sessions[k].start < a->end)
			push_leave(st, a->date, k, kind);
}

/* Staff names and IDs as utf8_fold gives them, for matching events. */
struct folded {
	char **name, **id;
	int n;
};

static void
fold_staff(const struct net *n, struct folded *f)
{
	int i;

	f->n = n->nstaff;
	f->name = xcalloc((size_t)n->nstaff + 1, sizeof *f->name);
	f->id = xcalloc((size_t)n->nstaff + 1, sizeof *f->id);
	for (i = 0; i < n->nstaff; i++) {
		f->name[i] = utf8_fold(n->staff[i].name);
		f->id[i] = utf8_fold(n->staff[i].id);
	}
}

static void
fold_free(struct folded *f)
{
	int i;

	for (i = 0; i < f->n; i++) {
		free(f->name[i]);
		free(f->id[i]);
	}
	free(f->name);
	free(f->id);
}

/* cn: the attendee's CN folded, or NULL. */
static bool
who_is(const struct leavecal_who *w, const char *cn, const struct folded *f,
       int i, const char *id)
{
	const char *at;

	if (cn != NULL &&
	    (strcmp(cn, f->name[i]) == 0 || strcmp(cn, f->id[i]) == 0))
		return true;
	if (w->email == NULL)
		return false;
	at = strchr(w->email, '@');
	return strcasecmp(w->email, id) == 0 ||
	       (at != NULL && (size_t)(at - w->email) == strlen(id) &&
		strncasecmp(w->email, id, strlen(id)) == 0);
}

/*
 * Whom an event in the shared calendar is for: its attendees that are
 * staff (CN is a name or ID, or the mailto address or its local part is an
 * ID); with none, the person whose name or ID begins the SUMMARY (the
 * longest such). Names match after Unicode case folding and NFKC. Sets
 * hit[] and returns how many; -1 when the SUMMARY fits two people equally.
 */
static int
event_staff(const struct net *n, const struct folded *f,
	    const struct leavecal_event *e, bool *hit)
{
	size_t best = 0, len;
	int i, j, count = 0;
	char *summary, *cn;

	memset(hit, 0, sizeof *hit * (size_t)n->nstaff);
	for (j = 0; j < e->nwho; j++) {
		cn = e->who[j].cn != NULL ? utf8_fold(e->who[j].cn) : NULL;
		for (i = 0; i < n->nstaff; i++)
			if (!hit[i] &&
			    who_is(&e->who[j], cn, f, i, n->staff[i].id)) {
				hit[i] = true;
				count++;
			}
		free(cn);
	}
	if (count > 0 || e->summary == NULL)
		return count;
	summary = utf8_fold(e->summary);
	for (i = 0; i < n->nstaff; i++) {
		len = utf8_begins_word(summary, f->name[i]);
		if (utf8_begins_word(summary, f->id[i]) > len)
			len = utf8_begins_word(summary, f->id[i]);
		if (len == 0 || len < best)
			continue;
		if (len > best) {
			memset(hit, 0, sizeof *hit * (size_t)n->nstaff);
			best = len;
			count = 0;
		}
		hit[i] = true;
		count++;
	}
	free(summary);
	return count > 1 ? -1 : count;
}

/*
 * Whether a shared calendar's events that name nobody in the network are
 * errors ([network] unmatched_events = error) or skipped, the default:
 * team calendars hold the leave of GPs and practice staff too.
 */
static bool
strangers_are_errors(struct cfg *c)
{
	const char *v;
	int i, line;

	for (i = 0; i < c->nsecs; i++)
		if (c->secs[i].type == SEC_NETWORK &&
		    (v = cfg_get(c, &c->secs[i], "unmatched_events", &line)) !=
			NULL) {
			if (strcmp(v, "error") == 0)
				return true;
			if (strcmp(v, "skip") != 0)
				cfg_error(c, line,
					  "unmatched_events must be skip or "
					  "error, not \"%s\"",
					  v);
		}
	return false;
}

static void
shared_calendar(struct cfg *c, const char *v, int line)
{
	struct net *n = c->net;
	struct leavecal cal;
	struct folded f;
	bool *hit, *used, strict;
	char *path;
	int e, i, j, count, skipped = 0;

	strict = c->unmatched_errors;
	if ((path = cfg_calendar(c, v, line, CFG_CAL_DAYS, &cal)) == NULL)
		return;
	fold_staff(n, &f);
	hit = xcalloc((size_t)n->nstaff + 1, sizeof *hit);
	used = xcalloc((size_t)cal.nevents + 1, sizeof *used);
	for (j = 0; j < cal.nabsences; j++)
		used[cal.absences[j].event] = true;
	for (e = 0; e < cal.nevents; e++) {
		const struct leavecal_event *ev = &cal.events[e];

		/* Events outside the window may name people long gone: those
		 * who are here are told of when a plan reaches them. */
		if (!used[e]) {
			if (ev->first >= n->leave_from &&
			    ev->last <= n->leave_until)
				continue;
			if (event_staff(n, &f, ev, hit) > 0)
				for (i = 0; i < n->nstaff; i++)
					if (hit[i])
						keep_unread(c, path, ev, i, -1);
			continue;
		}
		count = event_staff(n, &f, ev, hit);
		if (count == 0 && !strict) {
			skipped++;
			continue;
		}
		if (count <= 0) {
			diag_add(
			    c->diag, path, ev->line, "event \"%s\" (%s) %s",
			    ev->uid != NULL ? ev->uid : "no UID",
			    ev->summary != NULL ? ev->summary : "no SUMMARY",
			    count < 0 ? "names more than one person "
					"in the network"
				      : "names nobody in the network: "
					"no ATTENDEE or SUMMARY matches "
					"a name or ID");
			c->errors++;
			continue;
		}
		for (i = 0; i < n->nstaff; i++) {
			if (!hit[i])
				continue;
			keep_unread(c, path, ev, i, -1);
			for (j = 0; j < cal.nabsences; j++)
				if (cal.absences[j].event == e)
					absence_leave(n, &n->staff[i], &cal,
						      &cal.absences[j]);
		}
	}
	if (skipped > 0 && c->opts->notices != NULL)
		diag_add(c->opts->notices, path, 0,
			 "%d event%s name%s nobody in the network: skipped "
			 "(unmatched_events = error makes %s errors)",
			 skipped, skipped == 1 ? "" : "s",
			 skipped == 1 ? "s" : "", skipped == 1 ? "it" : "them");
	free(used);
	free(hit);
	fold_free(&f);
	free(path);
	leavecal_free(&cal);
}

static int
date_cmp(const void *a, const void *b)
{
	const date_t *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

/*
 * Every date a bank-holiday event touches closes the practices. The
 * calendar is known to its X-PCNROTA-COMPLETE-UNTIL, else to its last
 * holiday, and never past the window read. source names it (NULL: the
 * file).
 */
static void
bank_holidays(struct cfg *c, const char *v, int line, const char *source)
{
	struct net *n = c->net;
	struct leavecal cal;
	char *path;
	int i, k;

	if ((path = cfg_calendar(c, v, line, CFG_HOLIDAY_DAYS, &cal)) == NULL)
		return;
	n->holidays_source = xstrdup(source != NULL ? source : path);
	n->holidays =
	    xreallocarray(NULL, (size_t)cal.nabsences + 1, sizeof *n->holidays);
	for (i = 0; i < cal.nabsences; i++)
		n->holidays[i] = cal.absences[i].date;
	qsort(n->holidays, (size_t)cal.nabsences, sizeof *n->holidays,
	      date_cmp);
	for (i = k = 0; i < cal.nabsences; i++)
		if (k == 0 || n->holidays[k - 1] != n->holidays[i])
			n->holidays[k++] = n->holidays[i];
	n->nholidays = k;
	n->holidays_until = cal.complete_until;
	if (n->holidays_until == 0 && k > 0)
		n->holidays_until = n->holidays[k - 1];
	if (n->holidays_until > cfg_today(c) + CFG_HOLIDAY_DAYS)
		n->holidays_until = cfg_today(c) + CFG_HOLIDAY_DAYS;
	free(path);
	leavecal_free(&cal);
}

/* The regions whose bank holidays pcnrota ships, under its data folder. */
static const struct {
	const char *id, *name, *file;
} cfg_regions[] = {
    {"england-and-wales", "England and Wales",
     "bank-holidays/england-and-wales.ics"},
    {"scotland", "Scotland", "bank-holidays/scotland.ics"},
    {"northern-ireland", "Northern Ireland",
     "bank-holidays/northern-ireland.ics"},
};

/*
 * The network's own bank-holiday calendar, none, or else its region's
 * shipped one: practices are never open on a bank holiday by omission.
 */
static void
holiday_calendar(struct cfg *c, const struct cfg_section *s)
{
	const char *v, *region = cfg_regions[0].id;
	char *path, *cause;
	size_t i;
	int line = 0, at;

	if ((v = cfg_get(c, s, "region", &line)) != NULL)
		region = v;
	for (i = 0; i < sizeof cfg_regions / sizeof cfg_regions[0]; i++)
		if (strcasecmp(region, cfg_regions[i].id) == 0)
			break;
	if (i == sizeof cfg_regions / sizeof cfg_regions[0]) {
		cfg_error(c, line,
			  "unknown region \"%s\": england-and-wales, "
			  "scotland or northern-ireland",
			  region);
		return;
	}
	if ((v = cfg_get(c, s, "bank_holidays", &at)) != NULL) {
		if (strcasecmp(v, "none") != 0)
			bank_holidays(c, v, at, NULL);
		return;
	}
	if ((path = data_find(cfg_regions[i].file, &cause)) == NULL) {
		cfg_error(c, line,
			  "no bank holidays for %s: %s; or say bank_holidays "
			  "= none",
			  cfg_regions[i].name, cause);
		free(cause);
		return;
	}
	bank_holidays(c, path, line, cfg_regions[i].name);
	free(path);
}

static void
holiday_sessions(struct cfg *c, const char *v, int line)
{
	struct net *n = c->net;
	char *list, *cur, *item;
	int k;

	list = cur = xstrdup(v);
	while ((item = cfg_next_item(&cur)) != NULL) {
		cfg_lower(item);
		if ((k = net_find_session(n, item)) < 0)
			cfg_unknown(c, line, CFG_SESSION, item);
		else
			n->holiday_open[k] = true;
		free(item);
	}
	free(list);
}

/* The absences file pcnrota absence keeps: none yet is none recorded. */
static void
absences(struct cfg *c, const char *v, int line)
{
	struct stat sb;
	char *path;

	if (*v == '@' || fetch_is_address(v)) {
		cfg_error(c, line, "absences must name a file");
		return;
	}
	path = cfg_path(c, v);
	if (*v == '\0' || stat(path, &sb) == 0 || errno != ENOENT)
		shared_calendar(c, v, line);
	free(c->net->absences);
	c->net->absences = path;
}

/* Closes a site in the session of a date; -1 past the limit. */
static int
push_closure(struct net_site *site, date_t date, int session)
{
	struct net_closure *cl;

	if (site->nclosures == NET_MAX_CLOSURES)
		return -1;
	site->closures =
	    xreallocarray(site->closures, (size_t)site->nclosures + 1,
			  sizeof *site->closures);
	cl = &site->closures[site->nclosures++];
	memset(cl, 0, sizeof *cl);
	cl->day = date_weekday(date);
	cl->session = session;
	cl->one_off = true;
	cl->date = date;
	cl->weeks = NET_WEEKS_AB;
	return 0;
}

/*
 * A closures calendar: each event closes the sessions it overlaps (an
 * all-day event, the whole day) at the site, or at every practice's site
 * when site is -1. Recurring events, such as protected learning time on
 * the second Wednesday afternoon (RRULE:FREQ=MONTHLY;BYDAY=2WE), are
 * expanded as for leave.
 */
static void
closures_calendar(struct cfg *c, int site, const char *v, int line)
{
	struct net *n = c->net;
	struct leavecal cal;
	char *path;
	int j, k, s;
	bool full[NET_MAX_SITES] = {false};

	if ((path = cfg_calendar(c, v, line, CFG_CAL_DAYS, &cal)) == NULL)
		return;
	for (j = 0; j < cal.nevents; j++)
		keep_unread(c, path, &cal.events[j], -1, site);
	for (j = 0; j < cal.nabsences; j++) {
		const struct leavecal_absence *a = &cal.absences[j];
		int d = date_weekday(a->date);

		for (s = 0; s < n->nsessions; s++) {
			if (!n->sessions[s].days[d] ||
			    (!a->whole_day && (a->start >= n->sessions[s].end ||
					       n->sessions[s].start >= a->end)))
				continue;
			for (k = 0; k < n->nsites; k++)
				if ((site < 0 ? n->sites[k].practice >= 0
					      : k == site) &&
				    push_closure(&n->sites[k], a->date, s) !=
					0 &&
				    !full[k]) {
					cfg_error(c, line,
						  "%s: more than %d closed "
						  "sessions at %s",
						  path, NET_MAX_CLOSURES,
						  n->sites[k].id);
					full[k] = true;
				}
		}
	}
	free(path);
	leavecal_free(&cal);
}

void
cfg_load_calendars(struct cfg *c)
{
	struct net *n = c->net;
	struct leavecal cal;
	const char *v;
	char *path;
	int i, j, st, line;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];

		if (s->type == SEC_NETWORK) {
			c->unmatched_errors = strangers_are_errors(c);
			if ((v = cfg_get(c, s, "leave_calendar", &line)) !=
			    NULL)
				shared_calendar(c, v, line);
			holiday_calendar(c, s);
			if ((v = cfg_get(c, s, "absences", &line)) != NULL)
				absences(c, v, line);
			if ((v = cfg_get(c, s, "open_on_bank_holidays",
					 &line)) != NULL)
				holiday_sessions(c, v, line);
			if ((v = cfg_get(c, s, "closures", &line)) != NULL)
				closures_calendar(c, -1, v, line);
			continue;
		}
		if ((s->type == SEC_PRACTICE || s->type == SEC_SITE) &&
		    (v = cfg_get(c, s, "closures", &line)) != NULL &&
		    (st = net_find_site(n, s->id)) >= 0)
			closures_calendar(c, st, v, line);
		if (s->type != SEC_STAFF ||
		    (v = cfg_get(c, s, "leave_calendar", &line)) == NULL ||
		    (st = net_find_staff(n, s->id)) < 0)
			continue;
		if ((path = cfg_calendar(c, v, line, CFG_CAL_DAYS, &cal)) ==
		    NULL)
			continue;
		for (j = 0; j < cal.nevents; j++)
			keep_unread(c, path, &cal.events[j], st, -1);
		for (j = 0; j < cal.nabsences; j++)
			absence_leave(n, &n->staff[st], &cal, &cal.absences[j]);
		free(path);
		leavecal_free(&cal);
	}
}
