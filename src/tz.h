/* Time zones for feeds: a compact VTIMEZONE that calendar clients read. */
#ifndef TZ_H
#define TZ_H

#include <libical/ical.h>

#include "date.h"

/*
 * A VTIMEZONE for the IANA zone, with TZID exactly the zone's name and
 * one STANDARD and one DAYLIGHT observance from 1970 with yearly rules
 * (or one STANDARD for a zone without daylight saving), derived from the
 * zone's transitions in the given year. NULL when the zone is unknown or
 * its rules in that year cannot be written as yearly rules. The caller
 * frees it with icalcomponent_free.
 */
icalcomponent *tz_vtimezone(const char *zone, int year);

/* A local wall-clock time in the zone as Unix time; -1 if unknown. */
int tz_local_to_unix(const char *zone, int year, int month, int day,
		     int minutes, long long *out);

/* Unix time t as a local date and minutes after midnight; -1 if unknown. */
int tz_unix_to_local(const char *zone, long long t, date_t *date, int *minutes);

/*
 * The wall-clock times a clock change makes exist twice or never: local
 * minutes since 1970-01-01 00:00, from (inclusive) to (exclusive).
 */
struct tz_change {
	long long from, to;
	int gap; /* 1: skipped (clocks go forward); 0: repeated */
};

/*
 * The clock changes of the zone in the years first..last, in order, into
 * changes (at most max); their number, or -1 when the zone is unknown.
 */
int tz_changes(const char *zone, int first, int last, struct tz_change *,
	       int max);

#endif
