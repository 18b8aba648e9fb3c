/* Unit tests: absence calendars, and the network file keys that read them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../src/cfg.h"
#include "../src/leavecal.h"
#include "../src/xmalloc.h"
#include "unit.h"

#define HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
#define TAIL "END:VCALENDAR\r\n"

static date_t
d(const char *s)
{
	date_t v = 0;

	CU_ASSERT_EQUAL_FATAL(date_parse(s, &v), 0);
	return v;
}

static int
parse(const char *text, const char *from, const char *to, struct leavecal *cal)
{
	char *cause = NULL;
	int line, rc;

	rc = leavecal_parse(text, strlen(text), "Europe/London", d(from), d(to),
			    cal, &line, &cause);
	if (rc != 0)
		fprintf(stderr, "\n%d: %s\n", line, cause);
	free(cause);
	return rc;
}

/* "LINE: message" for a calendar that must be refused. */
static void
refused(const char *text, size_t len, const char *want)
{
	struct leavecal cal;
	char *cause = NULL, got[512];
	int line = -1;

	CU_ASSERT_EQUAL(leavecal_parse(text, len, "Europe/London",
				       d("2026-01-01"), d("2027-12-31"), &cal,
				       &line, &cause),
			-1);
	CU_ASSERT_EQUAL(cal.nevents, 0);
	CU_ASSERT_EQUAL(cal.nabsences, 0);
	snprintf(got, sizeof got, "%d: %s", line, cause ? cause : "(none)");
	if (strcmp(got, want) != 0)
		fprintf(stderr, "\ngot  %s\nwant %s\n", got, want);
	CU_ASSERT_STRING_EQUAL(got, want);
	free(cause);
}

/* How many absences are on date from start to end (minutes). */
static int
count(const struct leavecal *cal, const char *date, int start, int end)
{
	int i, n = 0;

	for (i = 0; i < cal->nabsences; i++)
		if (cal->absences[i].date == d(date) &&
		    cal->absences[i].start == start &&
		    cal->absences[i].end == end)
			n++;
	return n;
}

static void
test_recurring(void)
{
	struct leavecal cal;

	/* Tuesday afternoons, one cancelled by EXDATE, a Friday added. */
	CU_ASSERT_EQUAL_FATAL(
	    parse(HEAD "BEGIN:VEVENT\r\n"
		       "UID:t1\r\n"
		       "DTSTART;TZID=Europe/London:20261020T130000\r\n"
		       "DTEND;TZID=Europe/London:20261020T170000\r\n"
		       "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=5\r\n"
		       "EXDATE;TZID=Europe/London:20261103T130000\r\n"
		       "RDATE;TZID=Europe/London:20261106T090000\r\n"
		       "CATEGORIES:Training\r\n"
		       "SUMMARY:Course\r\n"
		       "END:VEVENT\r\n" TAIL,
		  "2026-10-01", "2026-12-31", &cal),
	    0);
	CU_ASSERT_EQUAL(cal.nevents, 1);
	CU_ASSERT_EQUAL(cal.events[0].kind, NET_TRAINING);
	CU_ASSERT_EQUAL(cal.events[0].line, 4);
	CU_ASSERT_STRING_EQUAL(cal.events[0].summary, "Course");
	CU_ASSERT_EQUAL(cal.nabsences, 5);
	CU_ASSERT_EQUAL(count(&cal, "2026-10-20", 780, 1020), 1);
	/* After the clocks go back (25 October) still 13:00 local. */
	CU_ASSERT_EQUAL(count(&cal, "2026-10-27", 780, 1020), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-11-03", 780, 1020), 0);
	CU_ASSERT_EQUAL(count(&cal, "2026-11-06", 540, 780), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-11-10", 780, 1020), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-11-17", 780, 1020), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-11-24", 780, 1020), 0);
	leavecal_free(&cal);
}

static void
test_unbounded(void)
{
	struct leavecal cal;

	/* Every day for ever from 1990: the window bounds it. */
	CU_ASSERT_EQUAL_FATAL(parse(HEAD "BEGIN:VEVENT\r\n"
					 "UID:u\r\n"
					 "DTSTART;VALUE=DATE:19900101\r\n"
					 "RRULE:FREQ=DAILY\r\n"
					 "EXDATE;VALUE=DATE:20261225\r\n"
					 "END:VEVENT\r\n" TAIL,
				    "2026-12-01", "2026-12-31", &cal),
			      0);
	CU_ASSERT_EQUAL(cal.nabsences, 30);
	CU_ASSERT_EQUAL(count(&cal, "2026-12-24", 0, 1440), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-12-25", 0, 1440), 0);
	CU_ASSERT_TRUE(cal.absences[0].whole_day);
	leavecal_free(&cal);
	/* A rule no date satisfies ends too. */
	CU_ASSERT_EQUAL_FATAL(
	    parse(HEAD "BEGIN:VEVENT\r\n"
		       "UID:never\r\n"
		       "DTSTART;VALUE=DATE:20240101\r\n"
		       "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\n"
		       "END:VEVENT\r\n" TAIL,
		  "2026-01-01", "2027-12-31", &cal),
	    0);
	CU_ASSERT_EQUAL(cal.nabsences, 0);
	leavecal_free(&cal);
}

static void
test_all_day(void)
{
	struct leavecal cal;

	/* DTEND is exclusive: Monday to Wednesday; no DTEND is one day. */
	CU_ASSERT_EQUAL_FATAL(
	    parse(HEAD "BEGIN:VEVENT\r\nUID:a\r\n"
		       "DTSTART;VALUE=DATE:20261130\r\n"
		       "DTEND;VALUE=DATE:20261203\r\n"
		       "CATEGORIES:HOLIDAY,Sickness\r\n"
		       "END:VEVENT\r\n"
		       "BEGIN:VEVENT\r\nUID:b\r\n"
		       "DTSTART;VALUE=DATE:20261207\r\n"
		       "END:VEVENT\r\n"
		       "BEGIN:VEVENT\r\nUID:c\r\nSTATUS:CANCELLED\r\n"
		       "DTSTART;VALUE=DATE:20261208\r\n"
		       "END:VEVENT\r\n"
		       /* A week's leave that starts before the window. */
		       "BEGIN:VEVENT\r\nUID:d\r\n"
		       "DTSTART;VALUE=DATE:20261123\r\n"
		       "DURATION:P7D\r\n"
		       "END:VEVENT\r\n" TAIL,
		  "2026-11-28", "2026-12-31", &cal),
	    0);
	CU_ASSERT_EQUAL(cal.nevents, 3);
	CU_ASSERT_EQUAL(cal.events[0].kind, NET_SICKNESS);
	CU_ASSERT_EQUAL(cal.events[1].kind, NET_LEAVE);
	CU_ASSERT_EQUAL(cal.nabsences, 3 + 1 + 2);
	CU_ASSERT_EQUAL(count(&cal, "2026-11-30", 0, 1440), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-12-02", 0, 1440), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-12-03", 0, 1440), 0);
	CU_ASSERT_EQUAL(count(&cal, "2026-12-07", 0, 1440), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-12-08", 0, 1440), 0);
	CU_ASSERT_EQUAL(count(&cal, "2026-11-28", 0, 1440), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-11-29", 0, 1440), 1);
	leavecal_free(&cal);
}

static void
test_timed(void)
{
	struct leavecal cal;

	CU_ASSERT_EQUAL_FATAL(
	    parse(HEAD
		  /* UTC in summer time: an hour later on the clock. */
		  "BEGIN:VEVENT\r\nUID:z\r\n"
		  "DTSTART:20260615T080000Z\r\nDURATION:PT2H30M\r\n"
		  "ATTENDEE;CN=Ann Smith:mailto:ann@example.org\r\n"
		  "ATTENDEE:mailto:bob@example.org\r\n"
		  "END:VEVENT\r\n"
		  /* Floating: the network's wall clock. */
		  "BEGIN:VEVENT\r\nUID:f\r\n"
		  "DTSTART:20260616T080000\r\nDTEND:20260616T093000\r\n"
		  "END:VEVENT\r\n"
		  /* Another zone, converted. */
		  "BEGIN:VEVENT\r\nUID:ny\r\n"
		  "DTSTART;TZID=America/New_York:20260617T090000\r\n"
		  "DTEND;TZID=America/New_York:20260617T100000\r\n"
		  "END:VEVENT\r\n"
		  /* Across midnight and two days: three local days. */
		  "BEGIN:VEVENT\r\nUID:m\r\n"
		  "DTSTART;TZID=Europe/London:20260618T220000\r\n"
		  "DTEND;TZID=Europe/London:20260620T020000\r\n"
		  "END:VEVENT\r\n"
		  /* No DTEND: takes no time, so no absence. */
		  "BEGIN:VEVENT\r\nUID:zero\r\n"
		  "DTSTART:20260622T080000Z\r\n"
		  "END:VEVENT\r\n" TAIL,
		  "2026-06-01", "2026-06-30", &cal),
	    0);
	CU_ASSERT_EQUAL(cal.nevents, 4);
	CU_ASSERT_EQUAL_FATAL(cal.events[0].nwho, 2);
	CU_ASSERT_STRING_EQUAL(cal.events[0].who[0].cn, "Ann Smith");
	CU_ASSERT_STRING_EQUAL(cal.events[0].who[0].email, "ann@example.org");
	CU_ASSERT_PTR_NULL(cal.events[0].who[1].cn);
	CU_ASSERT_STRING_EQUAL(cal.events[0].who[1].email, "bob@example.org");
	CU_ASSERT_EQUAL(count(&cal, "2026-06-15", 540, 690), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-06-16", 480, 570), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-06-17", 840, 900), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-06-18", 1320, 1440), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-06-19", 0, 1440), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-06-20", 0, 120), 1);
	CU_ASSERT_EQUAL(cal.nabsences, 6);
	CU_ASSERT_FALSE(cal.absences[0].whole_day);
	leavecal_free(&cal);
}

static void
test_own_zone(void)
{
	struct leavecal cal;

	/* Outlook names zones its own way and defines them in the file. */
	CU_ASSERT_EQUAL_FATAL(
	    parse(HEAD "BEGIN:VTIMEZONE\r\nTZID:GMT Standard Time\r\n"
		       "BEGIN:STANDARD\r\nDTSTART:16011028T020000\r\n"
		       "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
		       "TZOFFSETFROM:+0100\r\nTZOFFSETTO:-0000\r\n"
		       "END:STANDARD\r\n"
		       "BEGIN:DAYLIGHT\r\nDTSTART:16010325T010000\r\n"
		       "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
		       "TZOFFSETFROM:-0000\r\nTZOFFSETTO:+0100\r\n"
		       "END:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
		       "BEGIN:VEVENT\r\nUID:o\r\n"
		       "DTSTART;TZID=\"GMT Standard Time\":20260701T090000\r\n"
		       "DTEND;TZID=\"GMT Standard Time\":20260701T103000\r\n"
		       "END:VEVENT\r\n" TAIL,
		  "2026-06-01", "2026-07-31", &cal),
	    0);
	CU_ASSERT_EQUAL(cal.events[0].line, 19);
	CU_ASSERT_EQUAL(cal.nabsences, 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-07-01", 540, 630), 1);
	leavecal_free(&cal);
}

static void
test_dst_week(void)
{
	struct leavecal cal;

	/* 09:00Z daily over the change to GMT on Sunday 25 October 2026. */
	CU_ASSERT_EQUAL_FATAL(parse(HEAD "BEGIN:VEVENT\r\nUID:u\r\n"
					 "DTSTART:20261023T090000Z\r\n"
					 "DTEND:20261023T100000Z\r\n"
					 "RRULE:FREQ=DAILY;COUNT=4\r\n"
					 "END:VEVENT\r\n"
					 /* 23 hours on the clock, 24 real. */
					 "BEGIN:VEVENT\r\nUID:n\r\n"
					 "DTSTART;TZID=Europe/London:"
					 "20261024T120000\r\n"
					 "DURATION:PT24H\r\n"
					 "END:VEVENT\r\n" TAIL,
				    "2026-10-19", "2026-10-31", &cal),
			      0);
	CU_ASSERT_EQUAL(count(&cal, "2026-10-23", 600, 660), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-10-24", 600, 660), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-10-25", 540, 600), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-10-26", 540, 600), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-10-24", 720, 1440), 1);
	CU_ASSERT_EQUAL(count(&cal, "2026-10-25", 0, 660), 1);
	leavecal_free(&cal);
}

static void
test_errors(void)
{
	static const char binary[] = HEAD "X-A:\0\r\n" TAIL;

	refused("", 0, "0: empty file");
	refused("\r\n \r\n", 4, "0: empty file");
	refused(binary, sizeof binary - 1,
		"0: not a text file (contains NUL bytes)");
	refused("hello\n", 6,
		"1: not an iCalendar file (it does not begin with "
		"BEGIN:VCALENDAR)");
	refused(HEAD "BEGIN:VEVENT\r\n", strlen(HEAD) + 14,
		"0: no END:VEVENT (is the file cut short?)");
	refused(HEAD "END:VEVENT\r\n" TAIL, strlen(HEAD TAIL) + 12,
		"4: END:VEVENT where END:VCALENDAR was expected");
	refused(HEAD TAIL "END:VCALENDAR\r\n", strlen(HEAD TAIL) + 15,
		"5: END:VCALENDAR without BEGIN");
	refused(HEAD "BEGIN:VEVENT\r\nEND;X=1:VTODO\r\n" TAIL,
		strlen(HEAD TAIL) + 29,
		"5: END:VTODO where END:VEVENT was expected");
	refused(HEAD "BEGIN:\r\n" TAIL, strlen(HEAD TAIL) + 8,
		"4: bad component name");
	refused(HEAD "SUMMARY:\xff\r\n" TAIL, strlen(HEAD TAIL) + 11,
		"0: not UTF-8 text: save the file as UTF-8");
#define REFUSED(body, want)                                                    \
	refused(HEAD body TAIL, strlen(HEAD body TAIL), want)
	REFUSED("BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:a\r\nEND:VEVENT\r\n",
		"4: event \"x\" has no DTSTART");
	REFUSED("BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:y\r\n"
		"DTSTART;TZID=Europe/Narnia:20261020T090000\r\n"
		"DTEND;TZID=Europe/Narnia:20261020T100000\r\n"
		"END:VEVENT\r\n",
		"4: event \"x\" has no DTSTART");
	REFUSED("BEGIN:VEVENT\r\nUID:y\r\n"
		"DTSTART;TZID=Europe/Narnia:20261020T090000\r\n"
		"DTEND;TZID=Europe/Narnia:20261020T100000\r\n"
		"END:VEVENT\r\n",
		"4: event \"y\": unknown time zone \"Europe/Narnia\"");
	REFUSED("BEGIN:VEVENT\r\nUID:y\r\n"
		"DTSTART:20261020T090000\r\nDTEND:20261020T080000\r\n"
		"END:VEVENT\r\n",
		"4: event \"y\" ends before it starts");
	REFUSED("BEGIN:VEVENT\r\nUID:y\r\n"
		"DTSTART;VALUE=DATE:20261020\r\nDTEND;VALUE=DATE:20261019\r\n"
		"END:VEVENT\r\n",
		"4: event \"y\" ends before it starts");
	REFUSED("BEGIN:VEVENT\r\nUID:y\r\n"
		"DTSTART:20261020T090000\r\nDTEND:20261020T100000\r\n"
		"DURATION:PT1H\r\nEND:VEVENT\r\n",
		"4: event \"y\" has both DTEND and DURATION");
	REFUSED("BEGIN:VEVENT\r\nUID:y\r\n"
		"DTSTART;VALUE=DATE:20261020\r\nDTEND:20261020T100000\r\n"
		"END:VEVENT\r\n",
		"4: event \"y\": DTSTART and DTEND mix a date and a date-time");
	REFUSED("BEGIN:VEVENT\r\nUID:y\r\n"
		"DTSTART:20261020T090000\r\nDURATION:PT1H\r\n"
		"RRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\n",
		"4: event \"y\": RRULE repeats more often than daily "
		"(FREQ=MINUTELY)");
	REFUSED("BEGIN:VEVENT\r\nUID:y\r\n"
		"DTSTART:2026102OT090000\r\nEND:VEVENT\r\n",
		"4: event \"y\": Can't parse as DATE-TIME value in DTSTART "
		"property. Removing entire property: 2026102OT090000");
	REFUSED("BEGIN:VEVENT\r\n"
		"DTSTART;VALUE=DATE:08001020\r\nEND:VEVENT\r\n",
		"4: event \"(no UID)\": DTSTART year 800 is out of range "
		"(1900-2999)");
#undef REFUSED
}

/* Writes text to a new temporary file; the caller frees the path. */
static char *
temp(const char *text)
{
	return strdup(unit_write_temp(text));
}

/* The network file around a [network] and a [staff ann] part. */
#define NET_HEAD                                                               \
	"[network]\nname = Test PCN\n%s"                                       \
	"[session am]\nstart = 08:30\nend = 12:30\n"                           \
	"[session pm]\nstart = 13:30\nend = 17:30\n"                           \
	"[session eve]\nstart = 18:30\nend = 20:00\n"                          \
	"[practice a]\nname = A\nlist_size = 100\n"                            \
	"[role pharm]\n"                                                       \
	"[staff ann]\nname = Ann Smith\nrole = pharm\nsessions = 6\n%s"        \
	"[staff bob]\nname = Bob Jones\nrole = pharm\nsessions = 6\n"

/* Loads a network; returns the problems, the first in first. */
static int
load(const char *network, const char *staff, struct net *n, char *first,
     size_t len)
{
	char *text, *path;
	struct diag d;
	int count;

	xasprintf(&text, NET_HEAD, network, staff);
	path = temp(text);
	free(text);
	diag_init(&d);
	cfg_load(path, n, &d);
	count = (int)d.n;
	first[0] = '\0';
	if (d.n > 0)
		snprintf(first, len, "%s", d.msgs[0].text);
	diag_free(&d);
	unlink(path);
	free(path);
	return count;
}

static bool
off(const struct net *n, int s, const char *date, const char *session)
{
	return net_on_leave(n, s, d(date), net_find_session(n, session));
}

/* The kind of the person's first leave on a date; -1 for none. */
static int
kind(const struct net *n, int s, const char *date)
{
	int i;

	for (i = 0; i < n->staff[s].nleave; i++)
		if (n->staff[s].leave[i].from == d(date))
			return (int)n->staff[s].leave[i].kind;
	return -1;
}

static void
test_network_keys(void)
{
	char *mine, *shared, *holidays, *net, *staff, first[512];
	struct net n;
	struct net_slot slot;
	int k;

	mine = temp(HEAD "BEGIN:VEVENT\r\nUID:m\r\n"
			 "DTSTART;TZID=Europe/London:20261201T100000\r\n"
			 "DTEND;TZID=Europe/London:20261201T140000\r\n"
			 "CATEGORIES:SICKNESS\r\n"
			 "END:VEVENT\r\n" TAIL);
	shared = temp(HEAD "BEGIN:VEVENT\r\nUID:s1\r\n"
			   "DTSTART;VALUE=DATE:20261202\r\n"
			   "SUMMARY:bob - leave\r\n"
			   "END:VEVENT\r\n"
			   "BEGIN:VEVENT\r\nUID:s2\r\n"
			   "DTSTART:20261203T170000Z\r\n"
			   "DTEND:20261203T190000Z\r\n"
			   "ATTENDEE;CN=Ann Smith:mailto:x@example.org\r\n"
			   "CATEGORIES:Training\r\n"
			   "END:VEVENT\r\n" TAIL);
	holidays = temp(HEAD "BEGIN:VEVENT\r\nUID:h\r\n"
			     "DTSTART;VALUE=DATE:20261228\r\n"
			     "SUMMARY:Boxing Day (substitute day)\r\n"
			     "END:VEVENT\r\n" TAIL);
	xasprintf(&net,
		  "leave_calendar = %s\nbank_holidays = %s\n"
		  "open_on_bank_holidays = eve\n",
		  shared, holidays);
	xasprintf(&staff,
		  "leave_calendar = %s\nsickness = 2026-12-09\n"
		  "training = 2026-12-10.am\n",
		  mine);
	k = load(net, staff, &n, first, sizeof first);
	CU_ASSERT_EQUAL_FATAL(k, 0);
	if (k != 0)
		fprintf(stderr, "\n%s\n", first);
	/* Ann's timed sickness takes the morning and the afternoon only. */
	CU_ASSERT_TRUE(off(&n, 0, "2026-12-01", "am"));
	CU_ASSERT_TRUE(off(&n, 0, "2026-12-01", "pm"));
	CU_ASSERT_FALSE(off(&n, 0, "2026-12-01", "eve"));
	CU_ASSERT_EQUAL(kind(&n, 0, "2026-12-01"), NET_SICKNESS);
	/* Bob's whole day, by the SUMMARY. */
	CU_ASSERT_TRUE(off(&n, 1, "2026-12-02", "am"));
	CU_ASSERT_TRUE(off(&n, 1, "2026-12-02", "eve"));
	CU_ASSERT_FALSE(off(&n, 0, "2026-12-02", "am"));
	/* Ann's training 17:00-19:00 overlaps pm and eve, by ATTENDEE. */
	CU_ASSERT_FALSE(off(&n, 0, "2026-12-03", "am"));
	CU_ASSERT_TRUE(off(&n, 0, "2026-12-03", "pm"));
	CU_ASSERT_TRUE(off(&n, 0, "2026-12-03", "eve"));
	CU_ASSERT_EQUAL(kind(&n, 0, "2026-12-03"), NET_TRAINING);
	CU_ASSERT_EQUAL(kind(&n, 1, "2026-12-02"), NET_LEAVE);
	/* The sickness and training keys. */
	CU_ASSERT_EQUAL(kind(&n, 0, "2026-12-09"), NET_SICKNESS);
	CU_ASSERT_TRUE(off(&n, 0, "2026-12-09", "eve"));
	CU_ASSERT_EQUAL(kind(&n, 0, "2026-12-10"), NET_TRAINING);
	CU_ASSERT_TRUE(off(&n, 0, "2026-12-10", "am"));
	CU_ASSERT_FALSE(off(&n, 0, "2026-12-10", "pm"));
	CU_ASSERT_FALSE(off(&n, 1, "2026-12-03", "pm"));
	/* The bank holiday closes am and pm, not the evening. */
	CU_ASSERT_EQUAL(n.nholidays, 1);
	slot.date = d("2026-12-28");
	slot.day = DATE_MON;
	slot.week = 0;
	slot.session = net_find_session(&n, "am");
	CU_ASSERT_EQUAL(net_rooms(&n, 0, &slot), 0);
	slot.session = net_find_session(&n, "eve");
	CU_ASSERT_EQUAL(net_rooms(&n, 0, &slot), 1);
	slot.date = d("2026-12-21");
	slot.session = net_find_session(&n, "am");
	CU_ASSERT_EQUAL(net_rooms(&n, 0, &slot), 1);
	/* Works 15 sessions a week, contracted 6: less the two closed. */
	CU_ASSERT_EQUAL(net_capacity(&n, 1, d("2026-12-28")), 4);
	CU_ASSERT_EQUAL(net_capacity(&n, 1, d("2026-12-21")), 6);
	net_free(&n);
	free(net);
	free(staff);

	/*
	 * An event for nobody is skipped; with unmatched_events = error it
	 * is an error naming the calendar and line.
	 */
	unlink(shared);
	free(shared);
	shared = temp(HEAD "BEGIN:VEVENT\r\nUID:who\r\n"
			   "DTSTART;VALUE=DATE:20261202\r\n"
			   "SUMMARY:Practice meeting\r\n"
			   "END:VEVENT\r\n" TAIL);
	xasprintf(&net, "leave_calendar = %s\n", shared);
	CU_ASSERT_EQUAL(load(net, "", &n, first, sizeof first), 0);
	net_free(&n);
	free(net);
	xasprintf(&net, "leave_calendar = %s\nunmatched_events = error\n",
		  shared);
	CU_ASSERT_EQUAL(load(net, "", &n, first, sizeof first), 1);
	xasprintf(&staff,
		  "%s:4: event \"who\" (Practice meeting) names nobody in the "
		  "network: no ATTENDEE or SUMMARY matches a name or ID",
		  shared);
	CU_ASSERT_STRING_EQUAL(first, staff);
	free(net);
	free(staff);
	/* A missing file is an error at the key's line. */
	CU_ASSERT_EQUAL(load("bank_holidays = /nonexistent.ics\n", "", &n,
			     first, sizeof first),
			1);
	CU_ASSERT_PTR_NOT_NULL(strstr(first,
				      ":3: /nonexistent.ics: cannot "
				      "read: No such file or directory"));
	CU_ASSERT_EQUAL(load("open_on_bank_holidays = night\n", "", &n, first,
			     sizeof first),
			1);
	CU_ASSERT_PTR_NOT_NULL(strstr(first, ":3: unknown session \"night\""));
	CU_ASSERT_EQUAL(load("", "sickness = 2026-12-09..2026-12-08\n", &n,
			     first, sizeof first),
			1);
	CU_ASSERT_PTR_NOT_NULL(strstr(first, ":20: sickness ends (2026-12-08) "
					     "before it starts (2026-12-09)"));
	unlink(mine);
	unlink(shared);
	unlink(holidays);
	free(mine);
	free(shared);
	free(holidays);
}

/*
 * The dates an event may touch, found without expanding it: exact for a
 * single event and UNTIL, a bound that holds for COUNT, endless without.
 */
static void
test_extent(void)
{
	static const struct {
		const char *props, *first, *last;
	} cases[] = {
	    {"DTSTART;VALUE=DATE:20200106\r\nDTEND;VALUE=DATE:20200109\r\n",
	     "2020-01-06", "2020-01-08"},
	    {"DTSTART:20200106T230000Z\r\nDURATION:PT2H\r\n", "2020-01-06",
	     "2020-01-08"},
	    {"DTSTART;VALUE=DATE:20200106\r\nRRULE:FREQ=DAILY;UNTIL="
	     "20200110\r\n",
	     "2020-01-06", "2020-01-10"},
	    {"DTSTART;VALUE=DATE:20200106\r\nRRULE:FREQ=DAILY;COUNT=5\r\n",
	     "2020-01-06", "2020-01-10"},
	    {"DTSTART;VALUE=DATE:20200106\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,FR;"
	     "COUNT=4\r\n",
	     "2020-01-06", "2020-01-17"},
	    {"DTSTART;VALUE=DATE:20200106\r\nRRULE:FREQ=MONTHLY;BYDAY=2WE;"
	     "COUNT=2\r\n",
	     "2020-01-06", NULL},
	    {"DTSTART;VALUE=DATE:20200106\r\nRRULE:FREQ=WEEKLY\r\n",
	     "2020-01-06", NULL},
	    {"DTSTART;VALUE=DATE:20200106\r\nRDATE;VALUE=DATE:20191230,"
	     "20300101\r\n",
	     "2019-12-30", "2030-01-01"},
	};
	struct leavecal cal;
	char text[512];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(text, sizeof text,
			 HEAD "BEGIN:VEVENT\r\nUID:x\r\n%sEND:VEVENT\r\n" TAIL,
			 cases[i].props);
		CU_ASSERT_EQUAL_FATAL(
		    parse(text, "2026-01-01", "2026-12-31", &cal), 0);
		CU_ASSERT_EQUAL_FATAL(cal.nevents, 1);
		CU_ASSERT_EQUAL(cal.events[0].first, d(cases[i].first));
		if (cases[i].last == NULL)
			CU_ASSERT_EQUAL(cal.events[0].last, LEAVECAL_ENDLESS)
		else {
			/* A bound: at least the true last date. */
			CU_ASSERT(cal.events[0].last >= d(cases[i].last));
			CU_ASSERT(cal.events[0].last <= d(cases[i].last) + 21);
		}
		leavecal_free(&cal);
	}
}

const struct unit_test unit_leavecal_tests[] = {
    {"recurring with EXDATE and RDATE", test_recurring},
    {"unbounded rules end at the window", test_unbounded},
    {"all-day and multi-day", test_all_day},
    {"timed, UTC, floating, other zones", test_timed},
    {"a zone defined in the file", test_own_zone},
    {"the week the clocks change", test_dst_week},
    {"malformed calendars", test_errors},
    {"network file keys", test_network_keys},
    {"the dates an event may touch", test_extent},
    {NULL, NULL},
};
