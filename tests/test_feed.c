/* Unit tests: compact time zones, the state store, feed UIDs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/feed.h"
#include "../src/store.h"
#include "../src/tz.h"
#include "unit.h"

/* Every hour of two years, our VTIMEZONE and tzdata give one offset. */
static void
agrees_with_tzdata(const char *name)
{
	icaltimezone *builtin = icaltimezone_get_builtin_timezone(name);
	icaltimezone *ours = icaltimezone_new();
	icalcomponent *vtz = tz_vtimezone(name, 2026);
	long long t, start = 1767225600LL; /* 2026-01-01T00:00Z */
	int dst, bad = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(vtz);
	icaltimezone_set_component(ours, vtz);
	CU_ASSERT_STRING_EQUAL(icaltimezone_get_tzid(ours), name);
	for (t = start; t < start + 2 * 365 * 86400LL; t += 3600) {
		struct icaltimetype u = icaltime_from_timet_with_zone(
		    (time_t)t, 0, icaltimezone_get_utc_timezone());

		if (icaltimezone_get_utc_offset_of_utc_time(builtin, &u,
							    &dst) !=
		    icaltimezone_get_utc_offset_of_utc_time(ours, &u, &dst))
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	icaltimezone_free(ours, 1);
}

static void
test_vtimezone(void)
{
	icalcomponent *vtz = tz_vtimezone("Europe/London", 2026);
	char *text;

	CU_ASSERT_PTR_NOT_NULL_FATAL(vtz);
	text = icalcomponent_as_ical_string_r(vtz);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "TZID:Europe/London\r\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "DTSTART:19700329T010000\r\n"
					    "RRULE:FREQ=YEARLY;BYDAY=-1SU;"
					    "BYMONTH=3\r\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "DTSTART:19701025T020000\r\n"
					    "RRULE:FREQ=YEARLY;BYDAY=-1SU;"
					    "BYMONTH=10\r\n"));
	CU_ASSERT_PTR_NULL(strstr(text, "freeassociation"));
	free(text);
	icalcomponent_free(vtz);
	CU_ASSERT_PTR_NULL(tz_vtimezone("Mars/Olympus_Mons", 2026));
	agrees_with_tzdata("Europe/London");
	agrees_with_tzdata("America/New_York");
	agrees_with_tzdata("Australia/Sydney");
	agrees_with_tzdata("Asia/Tokyo");
}

static struct store_event
event(const char *uid, const char *date, const char *summary)
{
	struct store_event e;

	memset(&e, 0, sizeof e);
	e.uid = (char *)uid;
	e.feed = (char *)"network";
	e.date = (char *)date;
	e.session = (char *)"am";
	e.staff = (char *)"ann";
	e.dtstart = (char *)"20261130T083000";
	e.dtend = (char *)"20261130T123000";
	e.summary = (char *)summary;
	e.location = e.description = e.categories = (char *)"";
	return e;
}

/* The stored event with uid, or NULL; *all freed by the caller. */
static const struct store_event *
find(struct store *s, const char *uid, struct store_event **all, int *n)
{
	char *cause = NULL;
	int i;

	CU_ASSERT_EQUAL_FATAL(store_events(s, all, n, &cause), 0);
	for (i = 0; i < *n; i++)
		if (strcmp((*all)[i].uid, uid) == 0)
			return &(*all)[i];
	return NULL;
}

/* Publishes events of from..to, nothing started, cancellations kept 14 days. */
static int
publish(struct store *s, const char *from, const char *to,
	const struct store_event *ev, int n, long long now, int *changed,
	char **cause)
{
	struct store_publication p = {.from = from,
				      .to = to,
				      .events = ev,
				      .nevents = n,
				      .now = now,
				      .keep_days = 14};

	return store_publish(s, &p, changed, cause);
}

static void
test_store_publish(void)
{
	char path[] = "/tmp/pcnrota-store-XXXXXX", *cause = NULL;
	struct store_event ev[2], *all;
	const struct store_event *e;
	struct store *s;
	int fd, changed, n;

	fd = mkstemp(path);
	close(fd);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s = store_open(path, &cause));
	ev[0] = event("a", "2026-11-30", "Ann at Alpha");
	ev[1] = event("b", "2026-12-01", "Ann at Beta");
	CU_ASSERT_EQUAL(publish(s, "2026-11-30", "2026-12-06", ev, 2, 1000,
				&changed, &cause),
			0);
	CU_ASSERT_EQUAL(changed, 2);
	/* The same again: nothing changes, not even DTSTAMP. */
	CU_ASSERT_EQUAL(publish(s, "2026-11-30", "2026-12-06", ev, 2, 2000,
				&changed, &cause),
			0);
	CU_ASSERT_EQUAL(changed, 0);
	e = find(s, "a", &all, &n);
	CU_ASSERT(e != NULL && e->sequence == 0 && e->dtstamp == 1000);
	store_events_free(all, n);
	/* a moves; b is no longer planned. */
	ev[0].summary = (char *)"Ann at Gamma";
	CU_ASSERT_EQUAL(publish(s, "2026-11-30", "2026-12-06", ev, 1, 3000,
				&changed, &cause),
			0);
	CU_ASSERT_EQUAL(changed, 2);
	e = find(s, "a", &all, &n);
	CU_ASSERT(e != NULL && e->sequence == 1 && e->dtstamp == 3000 &&
		  e->cancelled == 0);
	store_events_free(all, n);
	e = find(s, "b", &all, &n);
	CU_ASSERT(e != NULL && e->sequence == 1 && e->cancelled == 3000);
	store_events_free(all, n);
	/* Publishing another week leaves this one alone... */
	CU_ASSERT_EQUAL(publish(s, "2026-12-07", "2026-12-13", NULL, 0, 4000,
				&changed, &cause),
			0);
	CU_ASSERT_EQUAL(changed, 0);
	/* ...and the cancelled event goes once it is old enough. */
	CU_ASSERT_EQUAL(publish(s, "2026-12-07", "2026-12-13", NULL, 0,
				3000 + 15 * 86400, &changed, &cause),
			0);
	CU_ASSERT_PTR_NULL(find(s, "b", &all, &n));
	CU_ASSERT_EQUAL(n, 1);
	store_events_free(all, n);
	store_close(s);
	unlink(path);
}

static void
test_store_tokens(void)
{
	char path[] = "/tmp/pcnrota-store-XXXXXX", *cause = NULL;
	char t1[STORE_TOKEN_LEN + 1], t2[STORE_TOKEN_LEN + 1];
	char t3[STORE_TOKEN_LEN + 1];
	struct store *s;
	int fd;

	fd = mkstemp(path);
	close(fd);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s = store_open(path, &cause));
	CU_ASSERT_EQUAL(store_token(s, "ann", t1, &cause), 0);
	CU_ASSERT_EQUAL(strlen(t1), 32);
	CU_ASSERT_EQUAL(strspn(t1, "0123456789abcdef"), 32);
	store_close(s);
	/* Kept across runs. */
	CU_ASSERT_PTR_NOT_NULL_FATAL(s = store_open(path, &cause));
	CU_ASSERT_EQUAL(store_token(s, "ann", t2, &cause), 0);
	CU_ASSERT_STRING_EQUAL(t1, t2);
	CU_ASSERT_EQUAL(store_token(s, "bob", t3, &cause), 0);
	CU_ASSERT_STRING_NOT_EQUAL(t1, t3);
	CU_ASSERT_EQUAL(store_rotate_token(s, "ann", t2, &cause), 0);
	CU_ASSERT_STRING_NOT_EQUAL(t1, t2);
	store_close(s);
	unlink(path);
}

static void
test_uids(void)
{
	char a[64], b[64], c[64];

	feed_uid("PCN", "network", "ann", "2026-11-30", "am", a, sizeof a);
	feed_uid("PCN", "network", "ann", "2026-11-30", "am", b, sizeof b);
	CU_ASSERT_STRING_EQUAL(a, b);
	feed_uid("PCN", "staff:ann", "ann", "2026-11-30", "am", c, sizeof c);
	CU_ASSERT_STRING_NOT_EQUAL(a, c);
	feed_uid("PCN", "network", "ann", "2026-11-30", "pm", c, sizeof c);
	CU_ASSERT_STRING_NOT_EQUAL(a, c);
	CU_ASSERT_PTR_NOT_NULL(strstr(a, "@pcnrota"));
	/* The same digest as every earlier version: calendars keep events. */
	CU_ASSERT_STRING_EQUAL(a, "99cd25239e6687ce61f3fc5214d4f963@pcnrota");
}

/*
 * Sessions that have started on a published date are kept as they were,
 * whatever the new plan says; those of a date never published are not.
 */
static void
test_store_started(void)
{
	char path[] = "/tmp/pcnrota-store-XXXXXX", *cause = NULL;
	struct store_event ev[3], *all;
	struct store_assign as[2], *got;
	struct store_publication p;
	const struct store_event *e;
	struct store *s;
	int fd, changed, n;

	fd = mkstemp(path);
	close(fd);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s = store_open(path, &cause));
	ev[0] = event("a", "2026-11-30", "Ann at Alpha");
	ev[1] = event("b", "2026-12-01", "Ann at Beta");
	ev[1].dtstart = (char *)"20261201T083000";
	memset(as, 0, sizeof as);
	as[0].date = (char *)"2026-11-30";
	as[1].date = (char *)"2026-12-01";
	as[0].session = as[1].session = (char *)"am";
	as[0].staff = as[1].staff = (char *)"ann";
	as[0].practice = as[0].site = (char *)"alpha";
	as[1].practice = as[1].site = (char *)"beta";
	as[0].dtstart = ev[0].dtstart;
	as[1].dtstart = ev[1].dtstart;
	memset(&p, 0, sizeof p);
	p.from = "2026-11-30";
	p.to = "2026-12-06";
	p.assigns = as;
	p.nassigns = 2;
	p.events = ev;
	p.nevents = 2;
	p.now = 1000;
	p.keep_days = 14;
	CU_ASSERT_EQUAL(store_publish(s, &p, &changed, &cause), 0);
	CU_ASSERT_EQUAL(store_add_horizon(s, p.from, p.to, 1000, &cause), 0);
	/* Monday 30th has started: dropping and moving it changes nothing,
	 * nor does adding a started session; Tuesday is cancelled. */
	ev[2] = event("c", "2026-11-30", "Ann at Gamma");
	ev[2].staff = (char *)"bob";
	p.started = "20261130T090000";
	p.events = &ev[2];
	p.nevents = 1;
	p.nassigns = 0;
	p.now = 2000;
	CU_ASSERT_EQUAL(store_publish(s, &p, &changed, &cause), 0);
	CU_ASSERT_EQUAL(changed, 1);
	e = find(s, "a", &all, &n);
	CU_ASSERT(e != NULL && e->cancelled == 0 && e->sequence == 0);
	CU_ASSERT_EQUAL(n, 2);
	store_events_free(all, n);
	e = find(s, "b", &all, &n);
	CU_ASSERT(e != NULL && e->cancelled == 2000);
	store_events_free(all, n);
	CU_ASSERT_EQUAL(store_assignments(s, p.from, p.to, &got, &n, &cause),
			0);
	CU_ASSERT(n == 1 && strcmp(got[0].date, "2026-11-30") == 0 &&
		  strcmp(got[0].site, "alpha") == 0);
	store_assigns_free(got, n);
	/* A week never published: a started session is published. */
	ev[2].date = (char *)"2026-12-07";
	ev[2].dtstart = (char *)"20261207T083000";
	p.from = "2026-12-07";
	p.to = "2026-12-13";
	p.started = "20261208T090000";
	CU_ASSERT_EQUAL(store_publish(s, &p, &changed, &cause), 0);
	CU_ASSERT_EQUAL(changed, 1);
	store_close(s);
	unlink(path);
}

/*
 * The wall-clock hours the clocks skip or repeat: 01:00-02:00 local on
 * 29 March (skipped) and 25 October 2026 (repeated) in London; 02:00-03:00
 * and 01:00-02:00 in New York; none in Tokyo.
 */
static void
test_clock_changes(void)
{
	struct tz_change ch[8];
	long long mar = (long long)date_from_ymd(2026, 3, 29) * 1440;
	long long oct = (long long)date_from_ymd(2026, 10, 25) * 1440;
	long long nym = (long long)date_from_ymd(2026, 3, 8) * 1440;
	long long nyn = (long long)date_from_ymd(2026, 11, 1) * 1440;

	CU_ASSERT_EQUAL_FATAL(tz_changes("Europe/London", 2026, 2026, ch, 8),
			      2);
	CU_ASSERT(ch[0].gap && ch[0].from == mar + 60 && ch[0].to == mar + 120);
	CU_ASSERT(!ch[1].gap && ch[1].from == oct + 60 &&
		  ch[1].to == oct + 120);
	CU_ASSERT_EQUAL_FATAL(tz_changes("America/New_York", 2026, 2026, ch, 8),
			      2);
	CU_ASSERT(ch[0].gap && ch[0].from == nym + 120 &&
		  ch[0].to == nym + 180);
	CU_ASSERT(!ch[1].gap && ch[1].from == nyn + 60 &&
		  ch[1].to == nyn + 120);
	CU_ASSERT_EQUAL(tz_changes("Asia/Tokyo", 2026, 2028, ch, 8), 0);
	CU_ASSERT_EQUAL(tz_changes("Nowhere/Atlantis", 2026, 2026, ch, 8), -1);
	/* Three years of London: six changes, at most as many as asked. */
	CU_ASSERT_EQUAL(tz_changes("Europe/London", 2026, 2028, ch, 8), 6);
	CU_ASSERT_EQUAL(tz_changes("Europe/London", 2026, 2028, ch, 4), 4);
}

const struct unit_test unit_feed_tests[] = {
    {"clock changes", test_clock_changes},
    {"compact VTIMEZONE", test_vtimezone},
    {"store: sequence, cancel, expire", test_store_publish},
    {"store: tokens", test_store_tokens},
    {"stable UIDs", test_uids},
    {"store: started sessions stay", test_store_started},
    {NULL, NULL},
};
