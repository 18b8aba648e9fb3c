/* Unit tests: reading and checking network files. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/cfg.h"
#include "../src/csvread.h"
#include "../src/suggest.h"
#include "autoconf.h"
#include "ini_oracle.h"
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
	if (strcmp(first, message) != 0)
		fprintf(stderr, "\nwanted: %s\ngot:    %s\n", message, first);
	CU_ASSERT_STRING_EQUAL(first, message);
}

/* As expect, for a message that begins with start. */
static void
expect_start(const char *from, const char *to, const char *start)
{
	char text[4096], first[1024];
	const char *at = strstr(valid, from);
	struct net n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	snprintf(text, sizeof text, "%.*s%s%s", (int)(at - valid), valid, to,
		 at + strlen(from));
	CU_ASSERT_TRUE(load(text, &n, first, sizeof first) >= 1);
	CU_ASSERT_EQUAL(strncmp(first, start, strlen(start)), 0);
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
	       "28: unknown practice \"zz\" (practices: a, b)");
	expect("role = PHARM", "role = nurse",
	       "25: unknown role \"nurse\" (roles: pharm)");
	expect("name = Beta\n", "name = Beta\nname = Other\n",
	       "20: duplicate key \"name\" in [practice b] (first at line 19)");
	/* The list of keys grows with the file format: its start is enough. */
	expect_start("rooms = 2", "roms = 2",
		     "14: unknown key \"roms\" in [practice a]: did you mean "
		     "\"rooms\"? (keys: name, ods, address, list_size, ");
	/* Read on: the role the section would have given is unknown too. */
	expect("[role pharm]", "[rôle pharm]",
	       "17: unknown role \"pharm\" (the file has no roles)");
	expect("[practice b]", "[practice a]",
	       "18: duplicate section [practice a] (first at line 10)");
	expect("days = mon-thu, sat", "days = mon-thu, sa",
	       "9: bad day \"sa\": did you mean \"sat\"? (days: mon tue wed "
	       "thu fri sat sun, or a range such as mon-fri)");
	expect("leave = 2026-12-01", "leave = 2026-02-30",
	       "30: bad date \"2026-02-30\": use YYYY-MM-DD, "
	       "YYYY-MM-DD.SESSION or FROM..TO such as 2026-12-14..2026-12-18");
	expect("name = Test PCN", "name = Test PCN\ntimezone = Mars/Olympus",
	       "3: unknown time zone \"Mars/Olympus\"");
	expect("end = 17:30", "end = 17:30\nbroken line",
	       "9: syntax error: expected \"[section]\" or \"key = value\"");
	expect("requests = pharm@mon.am", "requests = pharm@sat.am",
	       "17: session am is not held on sat");
	expect("name = Ann Smith\n", "", "23: [staff ann] needs \"name\"");
	expect("name = Ann Smith", "name = Ann \xc3\x28Smith",
	       "24: not UTF-8 text (Latin-1 or Windows-1252?): save the file "
	       "as UTF-8");
	expect("name = Ann Smith", "; caf\xe9\nname = Ann Smith",
	       "24: not UTF-8 text (Latin-1 or Windows-1252?): save the file "
	       "as UTF-8");
	/* An overlong '/' is not UTF-8. */
	expect("name = Ann Smith", "name = Ann \xc0\xafSmith",
	       "24: not UTF-8 text (Latin-1 or Windows-1252?): save the file "
	       "as UTF-8");
	/* Controls (C0, C1), bidi and invisible characters, shown escaped. */
	expect("name = Ann Smith", "name = Ann \x01Smith",
	       "24: name holds an invisible, control or bidi character "
	       "(U+0001): remove it");
	expect("name = Ann Smith", "name = Ann \xc2\x85Smith",
	       "24: name holds an invisible, control or bidi character "
	       "(U+0085): remove it");
	expect("name = Ann Smith", "name = Ann \xe2\x80\xaeSmith",
	       "24: name holds an invisible, control or bidi character "
	       "(U+202E): remove it");
	expect("name = Ann Smith", "name = Ann\xe2\x80\x8b Smith",
	       "24: name holds an invisible, control or bidi character "
	       "(U+200B): remove it");
	expect("name = Beta",
	       "name = Be\xef\xbb\xbf"
	       "ta",
	       "19: name holds an invisible, control or bidi character "
	       "(U+FEFF): remove it");
	expect("role = PHARM",
	       "role = PH\xe2\x80\xae"
	       "ARM",
	       "25: role holds an invisible, control or bidi character "
	       "(U+202E): remove it");
	/* What the reading rule cannot read is an error, never a guess. */
	expect("name = Beta", "name = \"The Old Forge\" Surgery",
	       "19: name: text after the closing quote: quote the whole "
	       "value or none of it");
	expect("name = Beta", "name = 'Beta",
	       "19: name: no closing single quote: quote the whole value or "
	       "none of it");
	expect("name = Beta", "name = Beta \\",
	       "19: name: a value cannot end in a backslash (lines do not "
	       "continue; quote the value to keep it)");
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

/* An unknown key, a broken header and a refused line stop no value check. */
static void
test_all_kinds_at_once(void)
{
	static const char start[] =
	    "3: unknown key \"colour\" in [network] (keys: name, timezone, ";
	struct net n;
	char first[512];
	int count;

	count = load("[network]\nname = x\ncolour = blue\n[session am]\n"
		     "start = 9\nend = 10:00\n[practice p\nname = P\n"
		     "[practice q]\nname = Q\nlist_size = -1\nno equals\n"
		     "[role r]\n[staff s]\nname = S\nrole = r\nsessions = 99\n",
		     &n, first, sizeof first);
	/* colour, start, [practice p, list_size, no equals, sessions */
	CU_ASSERT_EQUAL(count, 6);
	/* The list of keys goes on; its start is enough here. */
	CU_ASSERT_EQUAL(strncmp(first, start, strlen(start)), 0);
}

/* The role suggested for word, or "" for none. */
static const char *
nearest_role(const char *word)
{
	static const char *roles[] = {"pharmacist", "physio", "paramedic",
				      "splw", NULL};
	struct suggest s;
	const char **r;

	suggest_init(&s, word);
	for (r = roles; *r != NULL; r++)
		suggest_try(&s, *r, NULL);
	return suggest_best(&s) != NULL ? suggest_best(&s) : "";
}

static void
test_suggest(void)
{
	struct suggest s;

	CU_ASSERT_EQUAL(suggest_distance("tue", "teu"), 1);
	CU_ASSERT_EQUAL(suggest_distance("Rooms", "roms"), 1);
	CU_ASSERT_EQUAL(suggest_distance("", "abc"), 3);
	CU_ASSERT_STRING_EQUAL(nearest_role("physiotherapist"), "physio");
	CU_ASSERT_STRING_EQUAL(nearest_role("pharmacists"), "pharmacist");
	CU_ASSERT_STRING_EQUAL(nearest_role("parmedic"), "paramedic");
	CU_ASSERT_STRING_EQUAL(nearest_role("nurse"), "");
	CU_ASSERT_STRING_EQUAL(nearest_role("spl"), "splw");
	/* A name matches too, and suggests the identifier. */
	suggest_init(&s, "Clinical Pharmacist");
	suggest_try(&s, "cp", "Clinical pharmacist");
	CU_ASSERT_STRING_EQUAL(suggest_best(&s), "cp");
	/* Two as near: no guess. */
	suggest_init(&s, "p9");
	suggest_try(&s, "p1", NULL);
	suggest_try(&s, "p2", NULL);
	CU_ASSERT_PTR_NULL(suggest_best(&s));
}

/* Spreadsheets' CSV: BOM, CRLF, quotes, line breaks in cells, blank rows. */
static void
test_csv_read(void)
{
	struct csv_table t;
	struct diag d;
	const char *path;

	diag_init(&d);
	path = unit_write_temp("\xef\xbb\xbf"
			       "ID, Leave Calendar ,,\r\n"
			       "ann,\"a,\"\"b\"\"\r\nc\",\r\n"
			       ",,,\r\n"
			       "\"ben\" , x \n"
			       "cat");
	CU_ASSERT_EQUAL_FATAL(csvread_file(path, "t.csv", 4096, &t, &d), 0);
	CU_ASSERT_EQUAL(t.ncols, 2);
	CU_ASSERT_STRING_EQUAL(t.head[0], "id");
	CU_ASSERT_STRING_EQUAL(t.head[1], "leave_calendar");
	CU_ASSERT_EQUAL_FATAL(t.nrows, 3);
	CU_ASSERT_EQUAL(t.rows[0].line, 2);
	CU_ASSERT_STRING_EQUAL(t.rows[0].cells[1], "a,\"b\"\r\nc");
	CU_ASSERT_EQUAL(t.rows[1].line, 5);
	CU_ASSERT_STRING_EQUAL(t.rows[1].cells[0], "ben");
	CU_ASSERT_STRING_EQUAL(t.rows[1].cells[1], "x");
	CU_ASSERT_STRING_EQUAL(t.rows[2].cells[0], "cat");
	CU_ASSERT_STRING_EQUAL(t.rows[2].cells[1], "");
	csvread_free(&t);
	unlink(path);

	path = unit_write_temp("a,b\nx,y,z\n");
	CU_ASSERT_EQUAL(csvread_file(path, "t.csv", 4096, &t, &d), -1);
	unlink(path);
	path = unit_write_temp("a,b\nx,\"y\n");
	CU_ASSERT_EQUAL(csvread_file(path, "t.csv", 4096, &t, &d), -1);
	unlink(path);
	path = unit_write_temp("a,b\nCaf\xe9,y\n");
	CU_ASSERT_EQUAL(csvread_file(path, "t.csv", 4096, &t, &d), -1);
	unlink(path);
	CU_ASSERT_EQUAL_FATAL(d.n, 3);
	CU_ASSERT_STRING_EQUAL(d.msgs[0].text, "t.csv:2:3: a cell beyond the "
					       "last column (2 columns are "
					       "named in line 1)");
	CU_ASSERT_STRING_EQUAL(d.msgs[1].text,
			       "t.csv:2:2: a quoted cell has no closing quote");
	CU_ASSERT_STRING_EQUAL(d.msgs[2].text, "t.csv:2: not UTF-8 text: save "
					       "the file as \"CSV UTF-8\"");
	diag_free(&d);
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

/* valid with from replaced by to, its lines ended as eol; in buf. */
static const char *
edit(char *buf, size_t len, const char *from, const char *to, const char *eol)
{
	const char *at = strstr(valid, from), *p;
	char *text;
	size_t n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	if (asprintf(&text, "%.*s%s%s", (int)(at - valid), valid, to,
		     at + strlen(from)) < 0)
		abort();
	for (p = text; *p != '\0' && n + 3 < len; p++)
		if (*p == '\n')
			n += (size_t)snprintf(buf + n, len - n, "%s", eol);
		else
			buf[n++] = *p;
	buf[n] = '\0';
	free(text);
	return buf;
}

/* The reading rule's corner cases, each read as pcnrota.ini(5) says. */
static void
test_reading_rule(void)
{
	char buf[4096];
	struct net n;

	/* A byte-order mark, CRLF, a comment ending in a backslash. */
	buf[0] = '\xef', buf[1] = '\xbb', buf[2] = '\xbf';
	edit(buf + 3, sizeof buf - 3, "name = Test PCN\n",
	     "name = Test PCN\n; annual leave agreed, see C:\\HR\\\n"
	     "timezone = Europe/Paris\n",
	     "\r\n");
	CU_ASSERT_EQUAL_FATAL(load(buf, &n, NULL, 0), 0);
	CU_ASSERT_STRING_EQUAL(n.name, "Test PCN");
	CU_ASSERT_STRING_EQUAL(n.timezone, "Europe/Paris");
	net_free(&n);
	/* Quotes keep ";", "#", a final backslash and outer spaces. */
	edit(buf, sizeof buf, "name = Test PCN",
	     "name = \" The #1; PCN \\\" ; comment", "\n");
	CU_ASSERT_EQUAL_FATAL(load(buf, &n, NULL, 0), 0);
	CU_ASSERT_STRING_EQUAL(n.name, " The #1; PCN \\");
	net_free(&n);
	/* A quote inside a value is an ordinary character. */
	edit(buf, sizeof buf, "name = Test PCN", "name = O'Brien \"Ltd\"",
	     "\n");
	CU_ASSERT_EQUAL_FATAL(load(buf, &n, NULL, 0), 0);
	CU_ASSERT_STRING_EQUAL(n.name, "O'Brien \"Ltd\"");
	net_free(&n);
}

#ifdef HAVE_INIPARSER
static unsigned long long rng = 88172645463325252ULL;

static unsigned
pick(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/*
 * Files made of the pieces that readers disagree on (quotes, backslashes,
 * comments, odd whitespace, BOM, CRLF): whatever pcnrota accepts, it reads
 * as iniparser does. A fixed seed: the same files every run.
 */
static void
test_one_reader(void)
{
	static const char *heads[] = {"[network]",
				      "[staff ann]",
				      "[ Staff\tBob ]",
				      "[role r]",
				      "; C:\\HR\\",
				      "# note \\",
				      ";",
				      "",
				      "  ",
				      "[practice p1]"};
	static const char *keys[] = {"name",	"leave",    "role", " Name\t",
				     "address", "timezone", "=",    ""};
	static const char *bits[] = {
	    "x",	"\"", "'",	    "\\",  ";",	    "#",
	    " ",	"\t", "a b",	    "=",   "\"q\"", "''",
	    "\xc3\xab", "\r", "2026-12-07", "\\ ", "\"\""};
	char text[2048], why[512], line[512];
	int i, k, b, nlines, nbits, rc, accepted = 0, refused = 0;
	size_t len;

	for (i = 0; i < 20000; i++) {
		len = 0;
		text[0] = '\0';
		if (pick(8) == 0)
			len += (size_t)sprintf(text, "\xef\xbb\xbf");
		len += (size_t)sprintf(text + len, "[network]%s\n",
				       pick(4) == 0 ? "\r" : "");
		nlines = 1 + (int)pick(6);
		for (k = 0; k < nlines; k++) {
			if (pick(3) == 0)
				snprintf(
				    line, sizeof line, "%s",
				    heads[pick(sizeof heads / sizeof *heads)]);
			else {
				snprintf(
				    line, sizeof line,
				    "%s%s = ", pick(4) == 0 ? " " : "",
				    keys[pick(sizeof keys / sizeof *keys)]);
				nbits = (int)pick(5);
				for (b = 0; b < nbits; b++)
					strcat(line, bits[pick(sizeof bits /
							       sizeof *bits)]);
			}
			len += (size_t)snprintf(text + len, sizeof text - len,
						"%s%s\n", line,
						pick(4) == 0 ? "\r" : "");
		}
		rc = ini_oracle_compare(text, len, why, sizeof why);
		if (rc < 0) {
			fprintf(stderr, "\none reader: %s in:\n%s", why, text);
			CU_FAIL(
			    "pcnrota and iniparser read a file differently");
			return;
		}
		accepted += rc == 1;
		refused += rc == 0;
	}
	/* The property was tried on files of both kinds. */
	CU_ASSERT(accepted > 2000);
	CU_ASSERT(refused > 2000);
}
#endif

const struct unit_test unit_cfg_tests[] = {
    {"one meaning for a day; dates, months and weeks", test_days},
    {"the reading rule", test_reading_rule},
#ifdef HAVE_INIPARSER
    {"one reader: pcnrota reads as iniparser does", test_one_reader},
#endif
    {"a valid file", test_valid},
    {"each problem's message", test_errors},
    {"all problems at once", test_all_problems_at_once},
    {"problems of every kind at once", test_all_kinds_at_once},
    {"did you mean", test_suggest},
    {"spreadsheets' CSV files", test_csv_read},
    {"unreadable and empty files", test_not_text},
    {NULL, NULL},
};
