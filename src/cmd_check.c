/* pcnrota check: validate a network file and summarise it. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "net.h"
#include "report.h"

static int cmd_check_exec(int, char **);

const struct cmd_entry cmd_check_entry = {"check", "check NETWORK.ini",
					  cmd_check_exec};

static void
print_days(const bool days[NET_DAYS])
{
	int d, first = 1;

	for (d = 0; d < NET_DAYS; d++)
		if (days[d]) {
			printf("%s%s", first ? "" : " ", date_day_name(d));
			first = 0;
		}
}

/* Rooms a week at a site; at a care home, the sessions a round may be in. */
static int
site_week_rooms(const struct net_site *site)
{
	int d, k, rooms = 0;

	for (d = 0; d < NET_DAYS; d++)
		for (k = 0; k < NET_MAX_SESSIONS; k++)
			rooms += site->rooms[d][k];
	return rooms;
}

static int
week_rooms(const struct net *n, int p)
{
	int i, rooms = 0;

	for (i = 0; i < n->nsites; i++)
		if (n->sites[i].practice == p)
			rooms += site_week_rooms(&n->sites[i]);
	return rooms;
}

/* Further sites, care homes and the travel allowed between places. */
static void
places(const struct net *n)
{
	int i, r;

	if (n->nsites > n->npractices)
		printf("\nFurther sites and care homes: %d\n",
		       n->nsites - n->npractices);
	for (i = n->npractices; i < n->nsites; i++) {
		const struct net_site *k = &n->sites[i];

		if (k->practice >= 0) {
			printf("  %-12s %-28.28s site of %s, %d rooms/week\n",
			       k->id, k->name, n->practices[k->practice].id,
			       site_week_rooms(k));
			continue;
		}
		printf("  %-12s %-28.28s care home, %d round session%s a week "
		       "by",
		       k->id, k->name, k->rounds, k->rounds == 1 ? "" : "s");
		for (r = 0; r < n->nroles; r++)
			if (k->round_role[r])
				printf(" %s", n->roles[r].id);
		printf("\n");
	}
	for (i = 0; i < n->ntravel; i++)
		printf("%s %s and %s, %d min", i == 0 ? "Travel allowed:" : ";",
		       n->sites[n->travel[i].a].id, n->sites[n->travel[i].b].id,
		       n->travel[i].minutes);
	if (n->ntravel > 0)
		printf("\n");
}

/* A session as a slot names it: [A:|B:][2nd-]day.session, or date.session. */
static int
slot_text(const struct net *n, bool one_off, date_t date, int weeks, int nth,
	  int day, int session, char *buf, size_t len)
{
	static const char *nths[] = {"last-", "",     "1st-", "2nd-",
				     "3rd-",  "4th-", "5th-"};
	char text[16];

	if (one_off) {
		date_format(date, text);
		return snprintf(buf, len, "%s.%s", text,
				n->sessions[session].id);
	}
	return snprintf(buf, len, "%s%s%s.%s",
			weeks == NET_WEEK_A   ? "A:"
			: weeks == NET_WEEK_B ? "B:"
					      : "",
			nth < 0 ? nths[0] : nths[nth + 1], date_day_name(day),
			n->sessions[session].id);
}

static int
request_text(const struct net *n, const struct net_request *r, char *buf,
	     size_t len)
{
	int k = snprintf(buf, len, "%s@", n->roles[r->role].id);

	return k + slot_text(n, r->one_off, r->date, r->weeks, r->nth, r->day,
			     r->session, buf + k, len - (size_t)k);
}

/*
 * Prints text (len characters) as the next item of id's line, which has
 * col characters so far (0: not begun), wrapped under it before 78.
 * Returns the line's new width.
 */
static int
put_item(int col, const char *id, const char *text, int len)
{
	if (col == 0)
		col = printf("  %-12s", id);
	else if (col + 1 + len > 78)
		col = printf("\n  %-12s", "") - 1;
	return col + printf(" %s", text);
}

/* Sessions a site is closed in beyond its weekly rooms. */
static void
closures(const struct net *n)
{
	char text[64];
	int k, j, col, any = 0;

	for (k = 0; k < n->nsites; k++) {
		const struct net_site *site = &n->sites[k];

		if (site->nclosures > 0 && any++ == 0)
			printf(
			    "\nClosed on dates, days of the month or in week "
			    "A or B (closed, closures):\n");
		for (j = col = 0; j < site->nclosures; j++) {
			const struct net_closure *c = &site->closures[j];
			int len =
			    slot_text(n, c->one_off, c->date, c->weeks, c->nth,
				      c->day, c->session, text, sizeof text);

			/* A calendar's two years of closures, in short. */
			if (j == 12 && site->nclosures > 13) {
				col += printf(" and %d more",
					      site->nclosures - 12);
				break;
			}
			col = put_item(col, site->id, text, len);
		}
		if (col > 0)
			printf("\n");
	}
}

/*
 * Each practice's requests as the sessions they expand to, so that what a
 * day names (its sessions but Enhanced Access ones) can be seen.
 */
static void
requests(const struct net *n)
{
	char text[160];
	int p, q, col, len;

	/* A practice's own requests under its id, a [site]'s under its. */
	for (p = 0; p < n->nsites; p++) {
		col = 0;
		for (q = 0; q < n->nrequests; q++) {
			if (n->requests[q].site != p &&
			    (n->requests[q].site >= 0 ||
			     n->requests[q].practice != p))
				continue;
			len =
			    request_text(n, &n->requests[q], text, sizeof text);
			col = put_item(col, n->sites[p].id, text, len);
		}
		if (col > 0)
			printf("\n");
	}
}

static void
summary(const struct net *n)
{
	long patients = 0;
	int i, k, d, slots = 0, rooms, count, sessions, width = 4;
	char start[8], end[8];

	for (k = 0; k < n->nsessions; k++)
		for (d = 0; d < NET_DAYS; d++)
			slots += n->sessions[k].days[d];
	for (i = 0; i < n->npractices; i++)
		patients += n->practices[i].list_size;
	printf("%s: time zone %s, shares by %s\n", n->name, n->timezone,
	       net_share_name(n->share));
	printf("\nSessions: %d a week\n", slots);
	for (k = 0; k < n->nsessions; k++) {
		date_format_hhmm(n->sessions[k].start, start);
		date_format_hhmm(n->sessions[k].end, end);
		printf("  %-10s %s-%s  ", n->sessions[k].id, start, end);
		print_days(n->sessions[k].days);
		printf("\n");
	}
	if (n->week_a != 0) {
		char a[16], b[16];

		date_format(n->week_a, a);
		date_format(n->week_a + 7, b);
		printf("Week A is the week of %s, week B that of %s, and so on "
		       "in turn\n",
		       a, b);
	}
	printf("\nPractices: %d, %ld patients\n", n->npractices, patients);
	printf("  %-12s %-28s %-6s %8s %9s %11s\n", "id", "name", "ODS", "list",
	       "weighted", "rooms/week");
	for (i = 0; i < n->npractices; i++) {
		const struct net_practice *p = &n->practices[i];
		char weighted[32] = "-";

		rooms = week_rooms(n, i);
		if (p->weighted_list_size >= 0)
			snprintf(weighted, sizeof weighted, "%.0f",
				 p->weighted_list_size);
		printf("  %-12s %-28.28s %-6s %8ld %9s %11d\n", p->id, p->name,
		       p->ods ? p->ods : "-", p->list_size, weighted, rooms);
	}
	places(n);
	closures(n);
	count = sessions = 0;
	for (i = 0; i < n->nstaff; i++)
		sessions += n->staff[i].sessions;
	printf("\nStaff: %d, %d contracted sessions a week\n", n->nstaff,
	       sessions);
	for (k = 0; k < n->nroles; k++)
		if (report_width(n->roles[k].name) > width)
			width = report_width(n->roles[k].name);
	for (k = 0; k < n->nroles; k++) {
		count = sessions = 0;
		for (i = 0; i < n->nstaff; i++)
			if (n->staff[i].role == k) {
				count++;
				sessions += n->staff[i].sessions;
			}
		printf("  %s%*s %3d staff %4d sessions\n", n->roles[k].name,
		       width - report_width(n->roles[k].name), "", count,
		       sessions);
	}
	printf("\nRequests: %d\n", n->nrequests);
	requests(n);
	printf("Model: %ld placements in a week without leave (limit %d)\n",
	       n->week_placements, NET_MAX_PLACEMENTS);
	count = 0;
	for (i = 0; i < n->nstaff; i++)
		count += n->staff[i].needs_supervision;
	if (count > 0)
		printf("Staff who need a supervisor: %d\n", count);
	if (n->nholidays > 0) {
		char first[16], last[16];

		date_format(n->holidays[0], first);
		date_format(n->holidays[n->nholidays - 1], last);
		printf("Bank holidays: %d, %s to %s; sessions held then:",
		       n->nholidays, first, last);
		count = 0;
		for (k = 0; k < n->nsessions; k++)
			if (n->holiday_open[k]) {
				printf(" %s", n->sessions[k].id);
				count++;
			}
		printf("%s\n", count ? "" : " none");
	}
	if (n->holidays_source == NULL)
		printf("Bank holidays: none (bank_holidays = none)\n");
	else if (n->holidays_until > 0) {
		char until[16];

		date_format(n->holidays_until, until);
		printf("Bank holidays from %s, known to %s\n",
		       n->holidays_source, until);
	}
	if (n->nunread > 0) {
		char from[16], until[16];

		date_format(n->leave_from, from);
		date_format(n->leave_until, until);
		printf("Calendars read from %s to %s (today and %d days either "
		       "side): %d absence%s or closure%s may fall outside, "
		       "and a plan that reaches one names it\n",
		       from, until, (n->leave_until - n->leave_from) / 2,
		       n->nunread, n->nunread == 1 ? "" : "s",
		       n->nunread == 1 ? "" : "s");
	}
	for (k = 0; k < n->nsessions && !n->sessions[k].enhanced_access; k++)
		;
	if (k == n->nsessions)
		return;
	count = 0;
	for (i = 0; i < n->nstaff; i++)
		count += n->staff[i].enhanced_access;
	printf("Enhanced Access: %d:%02d hours a week owed", n->ea_minutes / 60,
	       n->ea_minutes % 60);
	if (n->ea_max_minutes > 0)
		printf(", at most %d:%02d", n->ea_max_minutes / 60,
		       n->ea_max_minutes % 60);
	printf(", %d staff opted in; hubs:", count);
	for (i = 0; i < n->npractices; i++)
		if (n->practices[i].ea_hub)
			printf(" %s", n->practices[i].id);
	printf("\n");
}

/*
 * A place without an address is published as its name alone, which a
 * phone's maps cannot find: said, not refused.
 */
static void
address_warnings(const struct net *n)
{
	int i;

	for (i = 0; i < n->nsites; i++) {
		const struct net_site *k = &n->sites[i];
		const char *what = i < n->npractices  ? "practice"
				   : k->practice >= 0 ? "site"
						      : "care home";
		int line = i < n->npractices ? n->practices[i].line : k->line;

		if (k->address == NULL || *k->address == '\0')
			fprintf(stderr,
				"%s:%d: warning: %s %s has no address: its "
				"calendar events give its name alone, which "
				"maps cannot find\n",
				n->file, line, what, k->id);
	}
}

static int
cmd_check_exec(int argc, char **argv)
{
	struct net n;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: pcnrota %s\n", cmd_check_entry.usage);
		return PCN_EXIT_USAGE;
	}
	if ((rc = cmd_load_network(argv[1], &n, NULL)) != PCN_EXIT_OK)
		return rc;
	summary(&n);
	address_warnings(&n);
	/* The longest plan that starts next week. */
	cmd_holidays_warning(&n, cmd_default_monday(),
			     cmd_default_monday() + 7 * NET_MAX_WEEKS - 1);
	net_free(&n);
	return PCN_EXIT_OK;
}
