/*
 * Absence calendars. libical parses the file and expands recurrences
 * (icalcomponent_foreach_recurrence applies EXDATE and RDATE); line
 * numbers, which libical does not keep, come from a scan of the text for
 * BEGIN:VEVENT. Every occurrence is cut into local days of the network's
 * zone within the caller's window, so an unbounded RRULE ends there.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "leavecal.h"
#include "utf8.h"
#include "xmalloc.h"

#define DAY_SECONDS 86400LL
#define LEAVECAL_MAX_DEPTH 16
#define LEAVECAL_MAX_NAME 64

/* The state of one parse. */
struct lc {
	struct leavecal *cal;
	icaltimezone *zone; /* the network's */
	date_t from, to;
	int *vevent_lines; /* of each BEGIN:VEVENT, in order */
	int nvevent_lines;
	int line;    /* of the event being read */
	char *cause; /* the first error */
	/* The event being expanded. */
	bool is_date, floating;
	long long duration; /* seconds, or days for an all-day event */
	double steps;	    /* the expansion's work so far, as estimated */
};

static int lc_error(struct lc *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static int
lc_error(struct lc *lc, const char *fmt, ...)
{
	va_list ap;

	if (lc->cause != NULL)
		return -1;
	va_start(ap, fmt);
	xvasprintf(&lc->cause, fmt, ap);
	va_end(ap);
	return -1;
}

static long long
floor_div(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Whether a line (without its end) is exactly word, in any case. */
static bool
line_is(const char *p, size_t n, const char *word)
{
	while (n > 0 &&
	       (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return n == strlen(word) && strncasecmp(p, word, n) == 0;
}

/*
 * A line "BEGIN:NAME" or "END:NAME" (word is "BEGIN" or "END"; libical
 * takes "END;X=Y:NAME" too), setting NAME and its length.
 */
static bool
line_name(const char *p, size_t n, const char *word, const char **name,
	  size_t *k)
{
	size_t w = strlen(word);
	const char *colon;

	while (n > 0 &&
	       (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n <= w || strncasecmp(p, word, w) != 0 ||
	    (p[w] != ':' && p[w] != ';'))
		return false;
	if ((colon = memchr(p + w, ':', n - w)) == NULL)
		return false;
	*name = colon + 1;
	*k = n - (size_t)(*name - p);
	return true;
}

/*
 * Checks the text before libical sees it: its components nest (libical
 * prints to stderr, and guesses, when they do not), and records where
 * each VEVENT begins.
 */
static int
scan_text(struct lc *lc, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl, *name;
	char stack[LEAVECAL_MAX_DEPTH][LEAVECAL_MAX_NAME + 1];
	bool first = true;
	int line = 0, depth = 0;
	size_t n, k;

	if (memchr(text, '\0', len) != NULL)
		return lc_error(lc, "not a text file (contains NUL bytes)");
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; p < end; p = nl + 1) {
		line++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (first && !line_is(p, n, "")) {
			if (!line_is(p, n, "BEGIN:VCALENDAR")) {
				lc->line = line;
				return lc_error(lc, "not an iCalendar file (it "
						    "does not begin with "
						    "BEGIN:VCALENDAR)");
			}
			first = false;
		}
		if (line_name(p, n, "BEGIN", &name, &k)) {
			lc->line = line;
			if (k == 0 || k > LEAVECAL_MAX_NAME)
				return lc_error(lc, "bad component name");
			if (depth == LEAVECAL_MAX_DEPTH)
				return lc_error(lc,
						"components nested more "
						"than %d deep",
						LEAVECAL_MAX_DEPTH);
			memcpy(stack[depth], name, k);
			stack[depth++][k] = '\0';
			if (k == 6 && strncasecmp(name, "VEVENT", 6) == 0) {
				lc->vevent_lines = xappend(
				    lc->vevent_lines, (size_t)lc->nvevent_lines,
				    sizeof *lc->vevent_lines);
				lc->vevent_lines[lc->nvevent_lines++] = line;
			}
		} else if (line_name(p, n, "END", &name, &k)) {
			lc->line = line;
			if (depth == 0)
				return lc_error(lc, "END:%.*s without BEGIN",
						(int)(k > LEAVECAL_MAX_NAME
							  ? LEAVECAL_MAX_NAME
							  : k),
						name);
			if (strlen(stack[depth - 1]) != k ||
			    strncasecmp(stack[depth - 1], name, k) != 0)
				return lc_error(lc,
						"END:%.*s where END:%s was "
						"expected",
						(int)(k > LEAVECAL_MAX_NAME
							  ? LEAVECAL_MAX_NAME
							  : k),
						name, stack[depth - 1]);
			depth--;
		}
		if (nl == NULL)
			break;
	}
	lc->line = 0;
	if (first)
		return lc_error(lc, "empty file");
	if (depth > 0)
		return lc_error(lc, "no END:%s (is the file cut short?)",
				stack[depth - 1]);
	return 0;
}

/* Well-formed UTF-8; the control characters of a text file allowed. */
static bool
valid_utf8(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s, *end = u + len;
	size_t n;
	int drop;

	while (u < end) {
		if (*u < 0x80) {
			u++;
			continue;
		}
		if ((n = utf8_len(u, end, &drop)) == 0 || drop)
			return false;
		u += n;
	}
	return true;
}

static const char *
event_name(icalcomponent *ev)
{
	const char *uid = icalcomponent_get_uid(ev);

	return uid != NULL ? uid : "(no UID)";
}

/* A TZID that names no zone leaves the time floating: refuse it. */
static int
check_tzid(struct lc *lc, icalcomponent *ev, icalproperty_kind kind,
	   struct icaltimetype t)
{
	icalproperty *p = icalcomponent_get_first_property(ev, kind);
	icalparameter *tzid;

	if (p == NULL ||
	    (tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER)) ==
		NULL ||
	    icaltime_is_date(t) || t.zone != NULL)
		return 0;
	return lc_error(lc, "event \"%s\": unknown time zone \"%s\"",
			event_name(ev), icalparameter_get_tzid(tzid));
}

static enum net_absence
event_kind(icalcomponent *ev)
{
	icalproperty *p;
	const char *v;
	char *copy, *item, *save;
	enum net_absence kind = NET_LEAVE;
	bool training = false, sickness = false;

	for (p = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY);
	     p != NULL; p = icalcomponent_get_next_property(
			    ev, ICAL_CATEGORIES_PROPERTY)) {
		if ((v = icalproperty_get_categories(p)) == NULL)
			continue;
		copy = xstrdup(v);
		for (item = strtok_r(copy, ",", &save); item != NULL;
		     item = strtok_r(NULL, ",", &save)) {
			while (isspace((unsigned char)*item))
				item++;
			if (strncasecmp(item, "sick", 4) == 0)
				sickness = true;
			else if (strncasecmp(item, "training", 8) == 0)
				training = true;
		}
		free(copy);
	}
	if (sickness)
		kind = NET_SICKNESS;
	else if (training)
		kind = NET_TRAINING;
	return kind;
}

static void
event_who(icalcomponent *ev, struct leavecal_event *e)
{
	icalproperty *p;
	icalparameter *cn;
	const char *v;

	for (p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	     p != NULL;
	     p = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY)) {
		struct leavecal_who *w;

		e->who = xappend(e->who, (size_t)e->nwho, sizeof *e->who);
		w = &e->who[e->nwho++];
		memset(w, 0, sizeof *w);
		if ((cn = icalproperty_get_first_parameter(
			 p, ICAL_CN_PARAMETER)) != NULL &&
		    (v = icalparameter_get_cn(cn)) != NULL && *v != '\0')
			w->cn = xstrdup(v);
		if ((v = icalproperty_get_attendee(p)) != NULL) {
			if (strncasecmp(v, "mailto:", 7) == 0)
				v += 7;
			if (*v != '\0')
				w->email = xstrdup(v);
		}
	}
}

/* Unix time of a time, floating ones read in the network's zone. */
static long long
to_unix(struct lc *lc, struct icaltimetype t)
{
	icaltimezone *z = (icaltimezone *)t.zone;

	if (z == NULL)
		z = icaltime_is_utc(t) ? icaltimezone_get_utc_timezone()
				       : lc->zone;
	return (long long)icaltime_as_timet_with_zone(t, z);
}

/* Local wall-clock seconds since 1970 in the network's zone. */
static long long
to_wall(struct lc *lc, long long t)
{
	struct icaltimetype w =
	    icaltime_from_timet_with_zone((time_t)t, 0, lc->zone);

	return date_from_ymd(w.year, w.month, w.day) * DAY_SECONDS +
	       w.hour * 3600LL + w.minute * 60LL + w.second;
}

static int
add_absence(struct lc *lc, date_t date, int start, int end, bool whole_day)
{
	struct leavecal *cal = lc->cal;
	struct leavecal_absence *a;

	if (date < lc->from || date > lc->to || end <= start)
		return 0;
	if (cal->nabsences == LEAVECAL_MAX_ABSENCES)
		return lc_error(lc, "more than %d absences in the window",
				LEAVECAL_MAX_ABSENCES);
	/* Doubling, so a file near the bound costs no quadratic copying: the
	 * array is full when the count is 0 or a power of two from 64. */
	if (cal->nabsences == 0 ||
	    (cal->nabsences >= 64 &&
	     (cal->nabsences & (cal->nabsences - 1)) == 0))
		cal->absences = xreallocarray(
		    cal->absences,
		    cal->nabsences == 0 ? 64 : 2 * (size_t)cal->nabsences,
		    sizeof *cal->absences);
	a = &cal->absences[cal->nabsences++];
	a->date = date;
	a->start = start;
	a->end = end;
	a->whole_day = whole_day;
	a->event = cal->nevents - 1;
	return 0;
}

/* One occurrence: span->start is its start (floating ones as UTC). */
static void
occurrence(icalcomponent *ev, struct icaltime_span *span, void *data)
{
	struct lc *lc = data;
	long long ustart, wstart, wend, day, last, s, e;
	date_t d;

	(void)ev;
	if (lc->cause != NULL)
		return;
	if (lc->is_date) {
		d = (date_t)floor_div((long long)span->start, DAY_SECONDS);
		/* Days before the window are skipped, not counted through. */
		day = d < lc->from ? lc->from - d : 0;
		for (; day < lc->duration && lc->cause == NULL; day++) {
			if (d + day > lc->to)
				break;
			add_absence(lc, (date_t)(d + day), 0, 1440, true);
		}
		return;
	}
	ustart = (long long)span->start;
	if (lc->floating)
		ustart = to_unix(
		    lc, icaltime_from_timet_with_zone(span->start, 0, NULL));
	wstart = to_wall(lc, ustart);
	wend = to_wall(lc, ustart + lc->duration);
	day = floor_div(wstart, DAY_SECONDS);
	last = floor_div(wend - 1, DAY_SECONDS);
	if (day < lc->from)
		day = lc->from;
	if (last > lc->to)
		last = lc->to;
	for (; day <= last && lc->cause == NULL; day++) {
		s = wstart - day * DAY_SECONDS;
		e = wend - day * DAY_SECONDS;
		if (s < 0)
			s = 0;
		if (e > DAY_SECONDS)
			e = DAY_SECONDS;
		add_absence(lc, (date_t)day, (int)(s / 60),
			    (int)((e + 59) / 60), false);
	}
}

/*
 * RFC 5545: days and weeks of a DURATION are nominal (the same clock time
 * on a later day), hours, minutes and seconds exact; libical takes them
 * all as nominal, a day that the clocks change an hour out.
 */
static long long
exact_duration(struct lc *lc, icalcomponent *ev, struct icaltimetype start)
{
	struct icaldurationtype dur = icalcomponent_get_duration(ev), days;
	struct icaltimetype end;
	long long exact;

	exact = dur.hours * 3600LL + dur.minutes * 60LL + dur.seconds;
	days = icaldurationtype_null_duration();
	days.days = dur.days;
	days.weeks = dur.weeks;
	end = icaltime_add(start, days);
	return (to_unix(lc, end) - to_unix(lc, start) + exact) *
	       (dur.is_neg ? -1 : 1);
}

static double
by_count(const short *list, int size)
{
	int n = 0;

	while (n < size && list[n] != ICAL_RECURRENCE_ARRAY_MAX)
		n++;
	return n > 0 ? n : 1;
}

/*
 * The candidates libical steps through to expand r from start to the end
 * of the window (or UNTIL): what a rule costs, not what it yields. A rule
 * with a BY list that picks days is walked day by day from DTSTART; one
 * without, period by period; each step then tries every combination of
 * BYHOUR, BYMINUTE and BYSECOND (a daily rule with all three steps
 * through every second).
 */
static double
rule_steps(struct lc *lc, const struct icalrecurrencetype *r,
	   struct icaltimetype start)
{
	double period, span, in_day;
	long long from = to_unix(lc, start), to = (lc->to + 2) * DAY_SECONDS;
	bool by_days = r->by_day[0] != ICAL_RECURRENCE_ARRAY_MAX ||
		       r->by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX ||
		       r->by_year_day[0] != ICAL_RECURRENCE_ARRAY_MAX ||
		       r->by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX ||
		       r->by_month[0] != ICAL_RECURRENCE_ARRAY_MAX ||
		       r->by_set_pos[0] != ICAL_RECURRENCE_ARRAY_MAX;

	if (!icaltime_is_null_time(r->until) && to_unix(lc, r->until) < to)
		to = to_unix(lc, r->until);
	span = to > from ? (double)(to - from) : 0;
	/* A weekly rule steps through the days BYDAY names, week by week. */
	if (r->freq == ICAL_WEEKLY_RECURRENCE &&
	    r->by_month_day[0] == ICAL_RECURRENCE_ARRAY_MAX &&
	    r->by_year_day[0] == ICAL_RECURRENCE_ARRAY_MAX &&
	    r->by_week_no[0] == ICAL_RECURRENCE_ARRAY_MAX &&
	    r->by_month[0] == ICAL_RECURRENCE_ARRAY_MAX &&
	    r->by_set_pos[0] == ICAL_RECURRENCE_ARRAY_MAX)
		period = 7 * DAY_SECONDS * (r->interval > 0 ? r->interval : 1) /
			 by_count(r->by_day, ICAL_BY_DAY_SIZE);
	else if (by_days || r->freq == ICAL_DAILY_RECURRENCE)
		period = DAY_SECONDS;
	else if (r->freq == ICAL_WEEKLY_RECURRENCE)
		period = 7 * DAY_SECONDS * (r->interval > 0 ? r->interval : 1);
	else if (r->freq == ICAL_MONTHLY_RECURRENCE)
		period = 28 * DAY_SECONDS * (r->interval > 0 ? r->interval : 1);
	else
		period =
		    365 * DAY_SECONDS * (r->interval > 0 ? r->interval : 1);
	in_day = by_count(r->by_second, ICAL_BY_SECOND_SIZE) *
		 by_count(r->by_minute, ICAL_BY_MINUTE_SIZE) *
		 by_count(r->by_hour, ICAL_BY_HOUR_SIZE);
	return (span / period + 1) * in_day;
}

static int
check_rrules(struct lc *lc, icalcomponent *ev, struct icaltimetype start)
{
	icalproperty *p;
	struct icalrecurrencetype r;
	char *text;
	int rc;

	for (p = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
	     p != NULL;
	     p = icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY)) {
		r = icalproperty_get_rrule(p);
		if (r.freq == ICAL_NO_RECURRENCE)
			return lc_error(lc, "event \"%s\": bad RRULE",
					event_name(ev));
		/* Absences do not recur by the hour; nor may a file make
		   the expansion take hours. */
		if (r.freq == ICAL_SECONDLY_RECURRENCE ||
		    r.freq == ICAL_MINUTELY_RECURRENCE ||
		    r.freq == ICAL_HOURLY_RECURRENCE)
			return lc_error(
			    lc,
			    "event \"%s\": RRULE repeats more often "
			    "than daily (FREQ=%s)",
			    event_name(ev), icalrecur_freq_to_string(r.freq));
		lc->steps += rule_steps(lc, &r, start);
		if (lc->steps <= LEAVECAL_MAX_STEPS)
			continue;
		text = icalrecurrencetype_as_string_r(&r);
		rc = lc_error(lc,
			      "event \"%s\": RRULE:%.60s%s takes more than %d "
			      "steps to expand (the limit for a calendar)",
			      event_name(ev), text != NULL ? text : "",
			      text != NULL && strlen(text) > 60 ? "..." : "",
			      LEAVECAL_MAX_STEPS);
		free(text);
		return rc;
	}
	return 0;
}

/* The local date of a time, floating ones in the network's zone. */
static date_t
local_date(struct lc *lc, struct icaltimetype t)
{
	if (icaltime_is_date(t))
		return date_from_ymd(t.year, t.month, t.day);
	return (date_t)floor_div(to_wall(lc, to_unix(lc, t)), DAY_SECONDS);
}

static bool
by_set(const short *list)
{
	return list[0] != ICAL_RECURRENCE_ARRAY_MAX;
}

/*
 * The last local date an occurrence of r may start on, from its UNTIL or
 * COUNT, without expanding it: a bound, exact enough to say which plans
 * reach past the window. LEAVECAL_ENDLESS when nothing bounds it cheaply.
 */
static date_t
rule_last(struct lc *lc, const struct icalrecurrencetype *r,
	  struct icaltimetype start)
{
	long long periods, gap, interval = r->interval > 0 ? r->interval : 1;
	date_t first = local_date(lc, start);
	long long last;

	if (!icaltime_is_null_time(r->until))
		return local_date(lc, r->until);
	if (r->count <= 0)
		return LEAVECAL_ENDLESS;
	/* A BY part may leave periods empty: then no bound but the end. */
	if (by_set(r->by_month_day) || by_set(r->by_year_day) ||
	    by_set(r->by_week_no) || by_set(r->by_month) ||
	    by_set(r->by_set_pos) ||
	    (by_set(r->by_day) && r->freq != ICAL_WEEKLY_RECURRENCE))
		return LEAVECAL_ENDLESS;
	periods = r->count;
	/* A week holds every day BYDAY names, but the first may not. */
	if (by_set(r->by_day))
		periods = r->count /
			      (long long)by_count(r->by_day, ICAL_BY_DAY_SIZE) +
			  2;
	switch (r->freq) {
	case ICAL_DAILY_RECURRENCE:
		gap = 1;
		break;
	case ICAL_WEEKLY_RECURRENCE:
		gap = 7;
		break;
	case ICAL_MONTHLY_RECURRENCE:
		gap = 62; /* the 31st skips the months without one */
		break;
	default:
		gap = 366 * 8; /* 29 February, with 2100 not a leap year */
		break;
	}
	last = first + periods * gap * interval;
	return last >= LEAVECAL_ENDLESS ? LEAVECAL_ENDLESS : (date_t)last;
}

/*
 * The dates an event's occurrences may touch, first to last: from
 * DTSTART, RDATE and each RRULE's end, plus its length.
 */
static void
event_extent(struct lc *lc, icalcomponent *ev, struct icaltimetype start,
	     struct leavecal_event *e)
{
	struct icaldatetimeperiodtype rd;
	struct icaltimetype t;
	icalproperty *p;
	date_t d, begins = local_date(lc, start), ends = begins, rule;
	long long length;

	for (p = icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY);
	     p != NULL;
	     p = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY)) {
		rd = icalproperty_get_rdate(p);
		t = icaltime_is_null_time(rd.time) ? rd.period.start : rd.time;
		if (icaltime_is_null_time(t) || !icaltime_is_valid_time(t))
			continue;
		d = local_date(lc, t);
		if (d < begins)
			begins = d;
		if (d > ends)
			ends = d;
	}
	for (p = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
	     p != NULL;
	     p = icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY)) {
		struct icalrecurrencetype r = icalproperty_get_rrule(p);

		if ((rule = rule_last(lc, &r, start)) > ends)
			ends = rule;
	}
	/* The days the last occurrence lasts into (a timed one a day more,
	 * for the clock changes). */
	length = lc->is_date
		     ? lc->duration - 1
		     : (lc->duration + DAY_SECONDS - 1) / DAY_SECONDS + 1;
	e->first = begins;
	e->last = ends >= LEAVECAL_ENDLESS - length ? LEAVECAL_ENDLESS
						    : ends + (date_t)length;
}

static int
read_event(struct lc *lc, icalcomponent *ev)
{
	struct leavecal *cal = lc->cal;
	struct leavecal_event *e;
	struct icaltimetype start, end, limit_start, limit_end;
	icalproperty *p;
	bool has_end, has_duration;
	const char *v;

	for (p = icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY);
	     p != NULL;
	     p = icalcomponent_get_next_property(ev, ICAL_XLICERROR_PROPERTY))
		return lc_error(lc, "event \"%s\": %s", event_name(ev),
				icalproperty_get_xlicerror(p));
	p = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY);
	if (p != NULL && icalproperty_get_status(p) == ICAL_STATUS_CANCELLED)
		return 0;
	if (icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY) == NULL)
		return lc_error(lc, "event \"%s\" has no DTSTART",
				event_name(ev));
	start = icalcomponent_get_dtstart(ev);
	if (icaltime_is_null_time(start) || !icaltime_is_valid_time(start))
		return lc_error(lc, "event \"%s\": bad DTSTART",
				event_name(ev));
	if (start.year < 1900 || start.year > 2999)
		return lc_error(lc,
				"event \"%s\": DTSTART year %d is out of "
				"range (1900-2999)",
				event_name(ev), start.year);
	if (check_tzid(lc, ev, ICAL_DTSTART_PROPERTY, start) != 0)
		return -1;
	has_end =
	    icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY) != NULL;
	has_duration = icalcomponent_get_first_property(
			   ev, ICAL_DURATION_PROPERTY) != NULL;
	if (has_end && has_duration)
		return lc_error(lc, "event \"%s\" has both DTEND and DURATION",
				event_name(ev));
	if (check_rrules(lc, ev, start) != 0)
		return -1;
	lc->is_date = icaltime_is_date(start);
	lc->floating = start.zone == NULL && !icaltime_is_utc(start);
	if (has_end || has_duration) {
		end = icalcomponent_get_dtend(ev);
		if (icaltime_is_null_time(end) || !icaltime_is_valid_time(end))
			return lc_error(lc, "event \"%s\": bad %s",
					event_name(ev),
					has_end ? "DTEND" : "DURATION");
		if (has_end &&
		    check_tzid(lc, ev, ICAL_DTEND_PROPERTY, end) != 0)
			return -1;
		if (has_end && icaltime_is_date(end) != lc->is_date)
			return lc_error(lc,
					"event \"%s\": DTSTART and DTEND mix "
					"a date and a date-time",
					event_name(ev));
	} else
		end = start;
	if (lc->is_date) {
		lc->duration =
		    date_from_ymd(end.year, end.month, end.day) -
		    date_from_ymd(start.year, start.month, start.day);
		if (lc->duration < 0)
			return lc_error(lc,
					"event \"%s\" ends before it starts",
					event_name(ev));
		/* DTEND is exclusive; none (or DTEND = DTSTART) is one day. */
		if (lc->duration == 0)
			lc->duration = 1;
	} else {
		lc->duration = to_unix(lc, end) - to_unix(lc, start);
		if (has_duration)
			lc->duration = exact_duration(lc, ev, start);
		if (lc->duration < 0)
			return lc_error(lc,
					"event \"%s\" ends before it starts",
					event_name(ev));
		if (lc->duration == 0)
			return 0; /* takes no time, so no session */
	}
	cal->events =
	    xappend(cal->events, (size_t)cal->nevents, sizeof *cal->events);
	e = &cal->events[cal->nevents++];
	memset(e, 0, sizeof *e);
	e->line = lc->line;
	if ((v = icalcomponent_get_uid(ev)) != NULL)
		e->uid = xstrdup(v);
	if ((v = icalcomponent_get_summary(ev)) != NULL)
		e->summary = xstrdup(v);
	e->kind = event_kind(ev);
	event_who(ev, e);
	event_extent(lc, ev, start, e);
	/*
	 * Occurrences are looked for from two days before the window (an
	 * all-day date is taken as UTC midnight) to two days after; those
	 * that start earlier but last into it are found too.
	 */
	limit_start = icaltime_from_timet_with_zone(
	    (time_t)((lc->from - 2) * DAY_SECONDS), 0, NULL);
	limit_end = icaltime_from_timet_with_zone(
	    (time_t)((lc->to + 2) * DAY_SECONDS), 0, NULL);
	icalcomponent_foreach_recurrence(ev, limit_start, limit_end, occurrence,
					 lc);
	return lc->cause != NULL ? -1 : 0;
}

/* X-PCNROTA-COMPLETE-UNTIL:YYYYMMDD, the last date a calendar is whole. */
static int
complete_until(struct lc *lc, icalcomponent *vcal)
{
	icalproperty *p;
	const char *v;
	char iso[16];
	date_t date;

	for (p = icalcomponent_get_first_property(vcal, ICAL_X_PROPERTY);
	     p != NULL;
	     p = icalcomponent_get_next_property(vcal, ICAL_X_PROPERTY)) {
		if (strcasecmp(icalproperty_get_x_name(p),
			       "X-PCNROTA-COMPLETE-UNTIL") != 0)
			continue;
		if ((v = icalproperty_get_x(p)) == NULL)
			v = "";
		snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", v,
			 strlen(v) > 4 ? v + 4 : "",
			 strlen(v) > 6 ? v + 6 : "");
		if (strlen(v) != 8 || date_parse(iso, &date) != 0)
			return lc_error(
			    lc,
			    "X-PCNROTA-COMPLETE-UNTIL \"%s\" is not "
			    "a date (YYYYMMDD)",
			    v);
		lc->cal->complete_until = date;
	}
	return 0;
}

static int
read_calendar(struct lc *lc, icalcomponent *vcal, int *index)
{
	icalcomponent *ev;

	lc->line = 0;
	if (complete_until(lc, vcal) != 0)
		return -1;
	for (ev =
		 icalcomponent_get_first_component(vcal, ICAL_VEVENT_COMPONENT);
	     ev != NULL; ev = icalcomponent_get_next_component(
			     vcal, ICAL_VEVENT_COMPONENT)) {
		lc->line =
		    *index < lc->nvevent_lines ? lc->vevent_lines[*index] : 0;
		(*index)++;
		if (read_event(lc, ev) != 0)
			return -1;
	}
	return 0;
}

int
leavecal_parse(const char *text, size_t len, const char *zone, date_t from,
	       date_t to, struct leavecal *cal, int *line, char **cause)
{
	struct lc lc;
	icalcomponent *root = NULL, *c;
	char *copy = NULL;
	int index = 0, ncal = 0, rc = -1;

	memset(cal, 0, sizeof *cal);
	memset(&lc, 0, sizeof lc);
	lc.cal = cal;
	lc.from = from;
	lc.to = to;
	if ((lc.zone = icaltimezone_get_builtin_timezone(zone)) == NULL) {
		lc_error(&lc, "unknown time zone \"%s\"", zone);
		goto out;
	}
	if (scan_text(&lc, text, len) != 0)
		goto out;
	copy = xstrndup(text, len);
	if (!valid_utf8(copy, len)) {
		lc_error(&lc, "not UTF-8 text: save the file as UTF-8");
		goto out;
	}
	/* The count of VEVENTs must match the scan for lines to be right. */
	root = icalparser_parse_string(copy);
	if (root == NULL) {
		lc_error(&lc, "cannot be read as iCalendar");
		goto out;
	}
	if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
		ncal = 1;
		rc = read_calendar(&lc, root, &index);
	} else if (icalcomponent_isa(root) == ICAL_XROOT_COMPONENT) {
		rc = 0;
		for (c = icalcomponent_get_first_component(
			 root, ICAL_VCALENDAR_COMPONENT);
		     c != NULL && rc == 0;
		     c = icalcomponent_get_next_component(
			 root, ICAL_VCALENDAR_COMPONENT)) {
			ncal++;
			rc = read_calendar(&lc, c, &index);
		}
	}
	if (ncal == 0) {
		lc.line = 0;
		lc_error(&lc, "no VCALENDAR in the file");
		rc = -1;
	}
out:
	if (root != NULL)
		icalcomponent_free(root);
	free(copy);
	free(lc.vevent_lines);
	if (lc.cause != NULL) {
		leavecal_free(cal);
		*line = lc.line;
		*cause = lc.cause;
		return -1;
	}
	*line = 0;
	*cause = NULL;
	return rc;
}

int
leavecal_read(const char *path, const char *zone, date_t from, date_t to,
	      struct leavecal *cal, int *line, char **cause)
{
	struct stat sb;
	FILE *f;
	char *buf;
	size_t n;
	int rc;

	memset(cal, 0, sizeof *cal);
	*line = 0;
	if ((f = fopen(path, "rb")) == NULL) {
		xasprintf(cause, "cannot read: %s", strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		xasprintf(cause, "not a regular file");
		fclose(f);
		return -1;
	}
	if (sb.st_size > LEAVECAL_MAX_FILE) {
		xasprintf(cause, "file too large (over %d bytes)",
			  LEAVECAL_MAX_FILE);
		fclose(f);
		return -1;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	n = fread(buf, 1, (size_t)sb.st_size, f);
	if (ferror(f)) {
		xasprintf(cause, "cannot read: %s", strerror(errno));
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	rc = leavecal_parse(buf, n, zone, from, to, cal, line, cause);
	digest_init(&cal->content);
	digest_bytes(&cal->content, buf, n);
	free(buf);
	return rc;
}

void
leavecal_free(struct leavecal *cal)
{
	int i, j;

	for (i = 0; i < cal->nevents; i++) {
		free(cal->events[i].uid);
		free(cal->events[i].summary);
		for (j = 0; j < cal->events[i].nwho; j++) {
			free(cal->events[i].who[j].cn);
			free(cal->events[i].who[j].email);
		}
		free(cal->events[i].who);
	}
	free(cal->events);
	free(cal->absences);
	memset(cal, 0, sizeof *cal);
}
