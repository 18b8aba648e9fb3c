/*
 * Compact VTIMEZONEs. libical's built-in zones carry a TZID prefixed
 * "/freeassociation.sourceforge.net/" and their whole history since the
 * 1840s, which several clients mis-read. We find the zone's transitions
 * in one year, by asking libical for the offset hour by hour, and write
 * each as a yearly rule from 1970 (e.g. the last Sunday of March).
 */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "tz.h"

struct transition {
	date_t date;	   /* local date, in the offset before */
	int minutes;	   /* local time of day, in the offset before */
	int from, to;	   /* UTC offsets, seconds */
	int is_daylight;   /* after the transition */
	int week_of_month; /* 1..4 from the start, -1 for the last */
};

static int
offset_at(icaltimezone *zone, long long utc, int *is_daylight)
{
	struct icaltimetype t = icaltime_from_timet_with_zone(
	    (time_t)utc, 0, icaltimezone_get_utc_timezone());

	return icaltimezone_get_utc_offset_of_utc_time(zone, &t, is_daylight);
}

static int
days_in_month(int y, int m)
{
	return date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) -
	       date_from_ymd(y, m, 1);
}

/* Up to two transitions in year; -1 when there are more. */
static int
find_transitions(icaltimezone *zone, int year, struct transition *tr)
{
	long long t = (long long)date_from_ymd(year, 1, 1) * 86400;
	long long end = (long long)date_from_ymd(year + 1, 1, 1) * 86400;
	int prev, cur, dst, n = 0, y, m, d;

	prev = offset_at(zone, t, &dst);
	for (t += 3600; t < end; t += 3600) {
		if ((cur = offset_at(zone, t, &dst)) == prev)
			continue;
		if (n == 2)
			return -1;
		/* Offsets change on the hour in every zone we plan for. */
		tr[n].from = prev;
		tr[n].to = cur;
		tr[n].is_daylight = dst;
		tr[n].date = (date_t)((t + prev) / 86400);
		tr[n].minutes = (int)((t + prev) % 86400 / 60);
		date_to_ymd(tr[n].date, &y, &m, &d);
		tr[n].week_of_month =
		    d + 7 > days_in_month(y, m) ? -1 : (d - 1) / 7 + 1;
		n++;
		prev = cur;
	}
	return n;
}

static void
format_offset(int seconds, char *buf, size_t len)
{
	int s = seconds < 0 ? -seconds : seconds;

	snprintf(buf, len, "%c%02d%02d", seconds < 0 ? '-' : '+',
		 s / 3600 % 100, s / 60 % 60);
}

/* The first date in 1970 that the rule of tr names. */
static date_t
first_in_1970(const struct transition *tr)
{
	int y, m, d, wd = date_weekday(tr->date);
	date_t first, last;

	date_to_ymd(tr->date, &y, &m, &d);
	first = date_from_ymd(1970, m, 1);
	last = first + days_in_month(1970, m) - 1;
	if (tr->week_of_month < 0)
		return last - ((date_weekday(last) - wd + 7) % 7);
	return first + ((wd - date_weekday(first) + 7) % 7) +
	       7 * (tr->week_of_month - 1);
}

static icalcomponent *
observance(const struct transition *tr, int with_rule)
{
	static const char *days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
	icalcomponent *c;
	char text[256], from[16], to[16];
	int y, m, d;
	date_t start;

	format_offset(tr->from, from, sizeof from);
	format_offset(tr->to, to, sizeof to);
	start = with_rule ? first_in_1970(tr) : date_from_ymd(1970, 1, 1);
	date_to_ymd(start, &y, &m, &d);
	snprintf(text, sizeof text,
		 "BEGIN:%s\r\nTZOFFSETFROM:%s\r\nTZOFFSETTO:%s\r\n"
		 "DTSTART:%04d%02d%02dT%02d%02d00\r\n",
		 tr->is_daylight ? "DAYLIGHT" : "STANDARD", from, to, y % 10000,
		 m % 100, d % 100, with_rule ? tr->minutes / 60 % 100 : 0,
		 with_rule ? tr->minutes % 60 : 0);
	if (with_rule) {
		date_to_ymd(tr->date, &y, &m, &d);
		snprintf(text + strlen(text), sizeof text - strlen(text),
			 "RRULE:FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s\r\n", m % 100,
			 tr->week_of_month, days[date_weekday(tr->date)]);
	}
	snprintf(text + strlen(text), sizeof text - strlen(text), "END:%s\r\n",
		 tr->is_daylight ? "DAYLIGHT" : "STANDARD");
	c = icalparser_parse_string(text);
	return c;
}

icalcomponent *
tz_vtimezone(const char *name, int year)
{
	icaltimezone *zone = icaltimezone_get_builtin_timezone(name);
	struct transition tr[2], fixed;
	icalcomponent *vtz, *sub;
	int n, i, dst;

	if (zone == NULL || (n = find_transitions(zone, year, tr)) < 0 ||
	    n == 1)
		return NULL;
	vtz = icalcomponent_new_vtimezone();
	icalcomponent_add_property(vtz, icalproperty_new_tzid(name));
	if (n == 0) {
		memset(&fixed, 0, sizeof fixed);
		fixed.from = fixed.to = offset_at(
		    zone, (long long)date_from_ymd(year, 1, 1) * 86400, &dst);
		fixed.is_daylight = 0;
		icalcomponent_add_component(vtz, observance(&fixed, 0));
		return vtz;
	}
	for (i = 0; i < n; i++) {
		if ((sub = observance(&tr[i], 1)) == NULL) {
			icalcomponent_free(vtz);
			return NULL;
		}
		icalcomponent_add_component(vtz, sub);
	}
	return vtz;
}

int
tz_local_to_unix(const char *name, int year, int month, int day, int minutes,
		 long long *out)
{
	icaltimezone *zone = icaltimezone_get_builtin_timezone(name);
	struct icaltimetype t = icaltime_null_time();

	if (zone == NULL)
		return -1;
	t.year = year;
	t.month = month;
	t.day = day;
	t.hour = minutes / 60;
	t.minute = minutes % 60;
	*out = (long long)icaltime_as_timet_with_zone(t, zone);
	return 0;
}

int
tz_unix_to_local(const char *name, long long t, date_t *date, int *minutes)
{
	icaltimezone *zone = icaltimezone_get_builtin_timezone(name);
	struct icaltimetype local;

	if (zone == NULL)
		return -1;
	local = icaltime_from_timet_with_zone((time_t)t, 0, zone);
	*date = date_from_ymd(local.year, local.month, local.day);
	*minutes = local.hour * 60 + local.minute;
	return 0;
}

int
tz_changes(const char *name, int first, int last, struct tz_change *out,
	   int max)
{
	icaltimezone *zone = icaltimezone_get_builtin_timezone(name);
	long long t = (long long)date_from_ymd(first, 1, 1) * 86400, lo, hi,
		  mid, end = (long long)date_from_ymd(last + 1, 1, 1) * 86400;
	int prev, cur, dst, n = 0;

	if (zone == NULL)
		return -1;
	prev = offset_at(zone, t, &dst);
	/* Day by day, then to the minute: offsets change at most daily. */
	for (; t < end && n < max; t += 86400) {
		if ((cur = offset_at(zone, t + 86400, &dst)) == prev)
			continue;
		lo = t;
		hi = t + 86400;
		while (hi - lo > 60) {
			mid = lo + (hi - lo) / 120 * 60;
			if (offset_at(zone, mid, &dst) == prev)
				lo = mid;
			else
				hi = mid;
		}
		/* At UTC hi the offset goes from prev to cur. */
		out[n].gap = cur > prev;
		out[n].from = (hi + (cur > prev ? prev : cur)) / 60;
		out[n].to = (hi + (cur > prev ? cur : prev)) / 60;
		n++;
		prev = cur;
	}
	return n;
}
