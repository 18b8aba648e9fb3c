/* Unit tests: reading and checking network files. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/cfg.h"
#include "unit.h"

static const char *valid =
    "[network]\n"
    "name = Test PCN\n"
    "[session am]\n"
    "start = 08:30\n"
    "end = 12:30\n"
    "[session pm]\n"
    "start = 13:30\n"
    "end = 17:30\n"
    "days = mon-thu, sat\n"
    "[practice a]\n"
    "name = \"Alpha; Surgery\"\n"
    "list_size = 10000\n"
    "weighted_list_size = 10500.5\n"
    "rooms = 2\n"
    "rooms_at = mon.am:3 tue:0\n"
    "closed = wed.pm\n"
    "requests = pharm@mon.am pharm@mon.am pharm@2026-12-03.pm\n"
    "[practice b]\n"
    "name = Beta\n"
    "list_size = 5000 ; comment\n"
    "weighted_list_size = 4000\n"
    "[role pharm]\n"
    "[staff Ann]\n"
    "name = Ann Smith\n"
    "role = PHARM\n"
    "sessions = 8\n"
    "works = mon tue.am\n"
    "practices = b\n"
    "base = b\n"
    "leave = 2026-12-01..2026-12-02 2026-12-07.am\n";

/* Loads text; returns the number of problems and the first one. */
static int
load(const char *text, struct net *n, char *first, size_t len)
{
	struct diag d;
	const char *path = unit_write_temp(text);
	int count;

	diag_init(&d);
	cfg_load(path, n, &d);
	count = (int)d.n;
	if (first != NULL && len > 0) {
		first[0] = '\0';
		if (d.n > 0) {
			diag_print(&d, stderr); /* sorts by line */
			/* Drop the temporary path: "PATH:LINE: msg" -> "LINE:
			 * msg". */
			snprintf(first, len, "%s",
				 d.msgs[0].text + strlen(path) + 1);
		}
	}
	diag_free(&d);
	unlink(path);
	return count;
}

static void
test_valid(void)
{
	struct net n;
	int am, pm;

	CU_ASSERT_EQUAL_FATAL(load(valid, &n, NULL, 0), 0);
	CU_ASSERT_STRING_EQUAL(n.name, "Test PCN");
	CU_ASSERT_STRING_EQUAL(n.timezone, "Europe/London");
	CU_ASSERT_EQUAL(n.share, NET_SHARE_WEIGHTED);
	CU_ASSERT_EQUAL(n.nsessions, 2);
	am = net_find_session(&n, "am");
	pm = net_find_session(&n, "pm");
	CU_ASSERT(n.sessions[pm].days[DATE_SAT] &&
		  !n.sessions[pm].days[DATE_FRI]);
	CU_ASSERT_STRING_EQUAL(n.practices[0].name, "Alpha; Surgery");
	CU_ASSERT_EQUAL(n.sites[0].rooms[DATE_MON][am], 3);
	CU_ASSERT_EQUAL(n.sites[0].rooms[DATE_TUE][pm], 0);
	CU_ASSERT_EQUAL(n.sites[0].rooms[DATE_WED][pm], 0);
	CU_ASSERT_EQUAL(n.sites[0].rooms[DATE_THU][pm], 2);
	CU_ASSERT_EQUAL(n.sites[0].rooms[DATE_FRI][pm], 0); /* not held */
	CU_ASSERT_EQUAL(n.sites[1].rooms[DATE_SAT][pm], 1);
	CU_ASSERT_EQUAL(n.practices[1].list_size, 5000);
	CU_ASSERT_EQUAL(n.nrequests, 3);
	CU_ASSERT_TRUE(n.requests[2].one_off);
	CU_ASSERT_EQUAL(n.nstaff, 1);
	CU_ASSERT_STRING_EQUAL(n.staff[0].id, "ann");
	CU_ASSERT_EQUAL(n.staff[0].role, 0);
	CU_ASSERT_TRUE(n.staff[0].works[DATE_MON][pm]);
	CU_ASSERT_TRUE(n.staff[0].works[DATE_TUE][am]);
	CU_ASSERT_FALSE(n.staff[0].works[DATE_TUE][pm]);
	CU_ASSERT_FALSE(n.staff[0].may_work_at[0]);
	CU_ASSERT_EQUAL(n.staff[0].base, 1);
	CU_ASSERT_TRUE(net_on_leave(&n, 0, date_from_ymd(2026, 12, 2), pm));
	CU_ASSERT_TRUE(net_on_leave(&n, 0, date_from_ymd(2026, 12, 7), am));
	CU_ASSERT_FALSE(net_on_leave(&n, 0, date_from_ymd(2026, 12, 7), pm));
	/* Leave Tue 1 (am) and Wed 2 Dec (nothing worked): 8 - 1. */
	CU_ASSERT_EQUAL(net_capacity(&n, 0, date_from_ymd(2026, 11, 30)), 7);
	net_free(&n);
}

/* Replaces the first occurrence of from in valid with to, and loads it. */
static void
expect(const char *from, const char *to, const char *message)
{
	char text[4096], first[512];
	const char *at = strstr(valid, from);
	struct net n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	snprintf(text, sizeof text, "%.*s%s%s", (int)(at - valid), valid, to,
		 at + strlen(from));
	CU_ASSERT_TRUE(load(text, &n, first, sizeof first) >= 1);
	CU_ASSERT_STRING_EQUAL(first, message);
}

static void
test_errors(void)
{
	expect("start = 08:30", "start = 8.30",
	       "4: bad time \"8.30\": use HH:MM");
	expect("end = 12:30", "end = 08:00",
	       "5: session ends (08:00) before it starts (08:30)");
	expect("list_size = 10000", "list_size = -3",
	       "12: list_size must be a whole number from 0 to 10000000, "
	       "not \"-3\"");
	expect("practices = b", "practices = b, zz",
	       "28: unknown practice \"zz\"");
	expect("role = PHARM", "role = nurse", "25: unknown role \"nurse\"");
	expect("name = Beta\n", "name = Beta\nname = Other\n",
	       "20: duplicate key \"name\" in [practice b] (first at line 19)");
	expect("rooms = 2", "roms = 2",
	       "14: unknown key \"roms\" in [practice a]");
	expect("[role pharm]", "[rôle pharm]",
	       "22: unknown section type \"rôle\"");
	expect("[practice b]", "[practice a]",
	       "18: duplicate section [practice a] (first at line 10)");
	expect("days = mon-thu, sat", "days = mon-thu, sa",
	       "9: bad day \"sa\"");
	expect("leave = 2026-12-01", "leave = 2026-02-30",
	       "30: bad date \"2026-02-30\": use YYYY-MM-DD");
	expect("name = Test PCN", "name = Test PCN\ntimezone = Mars/Olympus",
	       "3: unknown time zone \"Mars/Olympus\"");
	expect("end = 17:30", "end = 17:30\nbroken line",
	       "9: syntax error: expected \"[section]\" or \"key = value\"");
	expect("requests = pharm@mon.am", "requests = pharm@sat.am",
	       "17: session am is not held on sat");
	expect("name = Ann Smith\n", "", "23: [staff ann] needs \"name\"");
	expect("name = Ann Smith", "name = Ann \xc3\x28Smith",
	       "24: name is not valid UTF-8 text");
	expect("name = Ann Smith", "name = Ann \x01Smith",
	       "24: name is not valid UTF-8 text");
	/* A C1 control (U+0085) and an overlong '/' are not text either. */
	expect("name = Ann Smith", "name = Ann \xc2\x85Smith",
	       "24: name is not valid UTF-8 text");
	expect("name = Ann Smith", "name = Ann \xc0\xafSmith",
	       "24: name is not valid UTF-8 text");
	expect("name = Ann Smith", "name = Zo\xc3\xab Sm\xc3\xaeth\nname = x",
	       "25: duplicate key \"name\" in [staff ann] (first at line 24)");
}

static void
test_all_problems_at_once(void)
{
	struct net n;
	char first[512];
	int count;

	count = load("[network]\nname = x\n[session am]\nstart = 9\nend = 10\n"
		     "[practice p]\nname = P\nlist_size = -1\n[role r]\n"
		     "[staff s]\nname = S\nrole = q\nsessions = 99\n",
		     &n, first, sizeof first);
	CU_ASSERT_EQUAL(count, 5); /* start, end, list_size, role, sessions */
	CU_ASSERT_STRING_EQUAL(first, "4: bad time \"9\": use HH:MM");
}

static void
test_not_text(void)
{
	struct net n;
	struct diag d;

	diag_init(&d);
	CU_ASSERT_EQUAL(cfg_load("/nonexistent/network.ini", &n, &d), -1);
	CU_ASSERT_EQUAL(d.n, 1);
	CU_ASSERT_STRING_EQUAL(d.msgs[0].text, "/nonexistent/network.ini: "
					       "cannot read: No such file or "
					       "directory");
	diag_free(&d);
	CU_ASSERT_EQUAL(cfg_load("/dev/zero", &n, &d), -1);
	CU_ASSERT_STRING_EQUAL(d.msgs[0].text, "/dev/zero: not a regular file");
	diag_free(&d);
	CU_ASSERT_EQUAL(load("", &n, NULL, 0), 1);
}

/*
 * A day names the same sessions in every key: its sessions but Enhanced
 * Access ones, or on a day of Enhanced Access alone those.
 */
static const char *days_text =
    "[network]\nname = Days\nweek_a = 2026-12-02\n"
    "[session am]\nstart = 08:30\nend = 12:30\n"
    "[session eve]\nstart = 18:30\nend = 20:00\nenhanced_access = yes\n"
    "[session sat]\nstart = 09:00\nend = 13:00\ndays = sat\n"
    "enhanced_access = yes\n"
    "[practice a]\nname = A\nlist_size = 1\nea_hub = yes\n"
    "closed = thu sat 2nd-wed.am B:fri 2026-12-01\n"
    "requests = r@thu r@tue.eve r@A:mon r@last-fri\n"
    "supervision = mon\n"
    "[care_home h]\nname = H\nroles = r\nround_at = thu\n"
    "[role r]\n"
    "[staff s]\nname = S\nrole = r\nsessions = 4\n"
    "works = mon A:tue B:wed\nenhanced_access = sat\n"
    "forbid = a@fri\n";

static void
test_days(void)
{
	struct net n;
	struct net_slot slot;
	int am, eve, sat, q, thu = 0, mon = 0;

	CU_ASSERT_EQUAL_FATAL(load(days_text, &n, NULL, 0), 0);
	am = net_find_session(&n, "am");
	eve = net_find_session(&n, "eve");
	sat = net_find_session(&n, "sat");
	/* Week A holds 2 December: the week of 30 November. */
	CU_ASSERT_EQUAL(n.week_a, date_from_ymd(2026, 11, 30));
	CU_ASSERT_EQUAL(net_week_parity(&n, date_from_ymd(2026, 12, 6)),
			NET_WEEK_A);
	CU_ASSERT_EQUAL(net_week_parity(&n, date_from_ymd(2026, 12, 7)),
			NET_WEEK_B);
	CU_ASSERT_EQUAL(net_week_parity(&n, date_from_ymd(2026, 11, 29)),
			NET_WEEK_B);
	/* closed = thu: the morning, not the evening; sat: its EA session. */
	CU_ASSERT_EQUAL(n.sites[0].rooms[DATE_THU][am], 0);
	CU_ASSERT_EQUAL(n.sites[0].rooms[DATE_THU][eve], 1);
	CU_ASSERT_EQUAL(n.sites[0].rooms[DATE_SAT][sat], 0);
	CU_ASSERT_TRUE(n.sites[0].supervisor[DATE_MON][am]);
	CU_ASSERT_FALSE(n.sites[0].supervisor[DATE_MON][eve]);
	/* The round may be on Thursday morning. */
	CU_ASSERT_EQUAL(n.sites[1].rooms[DATE_THU][am], 1);
	CU_ASSERT_EQUAL(n.sites[1].rooms[DATE_THU][eve], 0);
	/* Dated, monthly and week-B closures, by date. */
	net_slot_at(&n, date_from_ymd(2026, 12, 9), am, &slot);
	CU_ASSERT_EQUAL(net_rooms(&n, 0, &slot), 0); /* 2nd Wednesday */
	net_slot_at(&n, date_from_ymd(2026, 12, 2), am, &slot);
	CU_ASSERT_EQUAL(net_rooms(&n, 0, &slot), 1);
	net_slot_at(&n, date_from_ymd(2026, 12, 9), eve, &slot);
	CU_ASSERT_EQUAL(net_rooms(&n, 0, &slot), 1);
	net_slot_at(&n, date_from_ymd(2026, 12, 11), am, &slot);
	CU_ASSERT_EQUAL(net_rooms(&n, 0, &slot), 0); /* week B Friday */
	net_slot_at(&n, date_from_ymd(2026, 12, 4), am, &slot);
	CU_ASSERT_EQUAL(net_rooms(&n, 0, &slot), 1);
	net_slot_at(&n, date_from_ymd(2026, 12, 1), am, &slot);
	CU_ASSERT_EQUAL(net_rooms(&n, 0, &slot), 0); /* the date */
	net_slot_at(&n, date_from_ymd(2026, 12, 8), am, &slot);
	CU_ASSERT_EQUAL(net_rooms(&n, 0, &slot), 1);
	/* requests = r@thu is one session; tue.eve named; A:mon, last-fri. */
	for (q = 0; q < n.nrequests; q++) {
		thu += n.requests[q].day == DATE_THU;
		mon += n.requests[q].day == DATE_MON;
	}
	CU_ASSERT_EQUAL(n.nrequests, 4);
	CU_ASSERT_EQUAL(thu, 1);
	CU_ASSERT_EQUAL(mon, 1);
	net_slot_at(&n, date_from_ymd(2026, 12, 25), am, &slot);
	for (q = 0; q < n.nrequests && n.requests[q].nth != -1; q++)
		;
	CU_ASSERT_FATAL(q < n.nrequests);
	CU_ASSERT_TRUE(net_request_in_slot(&n.requests[q], &slot));
	net_slot_at(&n, date_from_ymd(2026, 12, 18), am, &slot);
	CU_ASSERT_FALSE(net_request_in_slot(&n.requests[q], &slot));
	/* works in week A and B; EA from enhanced_access alone. */
	net_slot_at(&n, date_from_ymd(2026, 12, 1), am, &slot);
	CU_ASSERT_TRUE(net_works(&n, 0, &slot));
	net_slot_at(&n, date_from_ymd(2026, 12, 8), am, &slot);
	CU_ASSERT_FALSE(net_works(&n, 0, &slot));
	net_slot_at(&n, date_from_ymd(2026, 12, 9), am, &slot);
	CU_ASSERT_TRUE(net_works(&n, 0, &slot));
	net_slot_at(&n, date_from_ymd(2026, 12, 7), eve, &slot);
	CU_ASSERT_FALSE(net_works(&n, 0, &slot));
	net_slot_at(&n, date_from_ymd(2026, 12, 5), sat, &slot);
	CU_ASSERT_TRUE(net_works(&n, 0, &slot));
	/* forbid = a@fri: the Friday morning, not its evening. */
	net_slot_at(&n, date_from_ymd(2026, 12, 4), am, &slot);
	CU_ASSERT_TRUE(net_forbidden(&n, 0, 0, &slot));
	net_slot_at(&n, date_from_ymd(2026, 12, 4), eve, &slot);
	CU_ASSERT_FALSE(net_forbidden(&n, 0, 0, &slot));
	net_free(&n);
}

const struct unit_test unit_cfg_tests[] = {
    {"one meaning for a day; dates, months and weeks", test_days},
    {"a valid file", test_valid},
    {"each problem's message", test_errors},
    {"all problems at once", test_all_problems_at_once},
    {"unreadable and empty files", test_not_text},
    {NULL, NULL},
};
