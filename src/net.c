/* Queries on the network model. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "net.h"
#include "xmalloc.h"

void
net_free(struct net *n)
{
	int i;

	free(n->file);
	free(n->absences);
	free(n->name);
	free(n->timezone);
	free(n->feed_url);
	for (i = 0; i < n->nsessions; i++) {
		free(n->sessions[i].id);
		free(n->sessions[i].name);
	}
	free(n->sessions);
	for (i = 0; i < n->npractices; i++) {
		free(n->practices[i].id);
		free(n->practices[i].name);
		free(n->practices[i].ods);
		free(n->practices[i].address);
	}
	free(n->practices);
	for (i = 0; i < n->nsites; i++) {
		free(n->sites[i].id);
		free(n->sites[i].name);
		free(n->sites[i].address);
		free(n->sites[i].closures);
	}
	free(n->sites);
	free(n->travel);
	for (i = 0; i < n->nroles; i++) {
		free(n->roles[i].id);
		free(n->roles[i].name);
	}
	free(n->roles);
	for (i = 0; i < n->nstaff; i++) {
		free(n->staff[i].id);
		free(n->staff[i].name);
		free(n->staff[i].leave);
		free(n->staff[i].pins);
		free(n->staff[i].forbids);
	}
	free(n->staff);
	free(n->requests);
	free(n->holidays);
	free(n->holidays_source);
	free(n->leave_source);
	for (i = 0; i < n->nunread; i++) {
		free(n->unread[i].file);
		free(n->unread[i].uid);
	}
	free(n->unread);
	memset(n, 0, sizeof *n);
}

int
net_find_session(const struct net *n, const char *id)
{
	int i;

	for (i = 0; i < n->nsessions; i++)
		if (strcmp(n->sessions[i].id, id) == 0)
			return i;
	return -1;
}

int
net_find_practice(const struct net *n, const char *id)
{
	int i;

	for (i = 0; i < n->npractices; i++)
		if (strcmp(n->practices[i].id, id) == 0)
			return i;
	return -1;
}

int
net_find_site(const struct net *n, const char *id)
{
	int i;

	for (i = 0; i < n->nsites; i++)
		if (strcmp(n->sites[i].id, id) == 0)
			return i;
	return -1;
}

int
net_find_role(const struct net *n, const char *id)
{
	int i;

	for (i = 0; i < n->nroles; i++)
		if (strcmp(n->roles[i].id, id) == 0)
			return i;
	return -1;
}

int
net_find_staff(const struct net *n, const char *id)
{
	int i;

	for (i = 0; i < n->nstaff; i++)
		if (strcmp(n->staff[i].id, id) == 0)
			return i;
	return -1;
}

double
net_share_weight(const struct net *n, int role, int p)
{
	const struct net_practice *pr = &n->practices[p];

	switch (n->roles[role].share) {
	case NET_SHARE_WEIGHTED:
		return pr->weighted_list_size;
	case NET_SHARE_PERCENT:
		return pr->share_percent;
	case NET_SHARE_FIXED:
		return pr->fixed_sessions[role];
	default:
		return (double)pr->list_size;
	}
}

const char *
net_share_name(enum net_share share)
{
	static const char *names[] = {"list size", "weighted list",
				      "agreed percentages", "agreed sessions"};

	return names[share];
}

const struct net_leave *
net_leave_at(const struct net *n, int s, date_t date, int session)
{
	const struct net_staff *st = &n->staff[s];
	int i;

	for (i = 0; i < st->nleave; i++) {
		const struct net_leave *l = &st->leave[i];

		if (date >= l->from && date <= l->to &&
		    (l->session < 0 || l->session == session))
			return l;
	}
	return NULL;
}

bool
net_on_leave(const struct net *n, int s, date_t date, int session)
{
	return net_leave_at(n, s, date, session) != NULL;
}

int
net_week_parity(const struct net *n, date_t date)
{
	int weeks;

	if (n->week_a == 0)
		return NET_WEEK_A;
	weeks = (date_week_monday(date) - n->week_a) / 7;
	return weeks % 2 == 0 ? NET_WEEK_A : NET_WEEK_B;
}

bool
net_nth_weekday(date_t date, int nth)
{
	int y, m, d, y2, m2, d2;

	if (nth == 0)
		return true;
	date_to_ymd(date, &y, &m, &d);
	if (nth > 0)
		return (d - 1) / 7 + 1 == nth;
	date_to_ymd(date + 7, &y2, &m2, &d2);
	return m2 != m;
}

void
net_slot_at(const struct net *n, date_t date, int session,
	    struct net_slot *slot)
{
	memset(slot, 0, sizeof *slot);
	slot->date = date;
	slot->day = date_weekday(date);
	slot->session = session;
	slot->parity = net_week_parity(n, date);
}

bool
net_works(const struct net *n, int s, const struct net_slot *slot)
{
	return (n->staff[s].works[slot->day][slot->session] & slot->parity) !=
	       0;
}

bool
net_employed(const struct net *n, int s, date_t date)
{
	const struct net_staff *st = &n->staff[s];

	return (st->start == 0 || date >= st->start) &&
	       (st->end == 0 || date <= st->end);
}

bool
net_available(const struct net *n, int s, const struct net_slot *slot)
{
	return net_works(n, s, slot) && net_employed(n, s, slot->date) &&
	       !net_on_leave(n, s, slot->date, slot->session);
}

int
net_contract_minutes(const struct net *n, int s)
{
	int k, minutes = 0, count = 0;

	if (n->staff[s].hours_minutes > 0)
		return n->staff[s].hours_minutes;
	for (k = 0; k < n->nsessions; k++)
		if (!n->sessions[k].enhanced_access) {
			minutes += net_session_minutes(n, k);
			count++;
		}
	/* Rounded to the minute, so every reader gets the same figure. */
	return count > 0 ? (n->staff[s].sessions * minutes + count / 2) / count
			 : 0;
}

bool
net_can_work(const struct net *n, int s, const struct net_slot *slot)
{
	int k;

	if (!net_available(n, s, slot))
		return false;
	for (k = 0; k < n->nsites; k++)
		if (net_may_work_at_site(n, s, k) &&
		    net_rooms(n, k, slot) > 0 && net_supervised(n, s, k, slot))
			return true;
	return false;
}

bool
net_closed(const struct net *n, int site, const struct net_slot *slot)
{
	const struct net_site *k = &n->sites[site];
	int j;

	for (j = 0; j < k->nclosures; j++) {
		const struct net_closure *c = &k->closures[j];

		if (c->session != slot->session || c->day != slot->day ||
		    (c->weeks & slot->parity) == 0)
			continue;
		if (c->one_off ? c->date == slot->date
			       : net_nth_weekday(slot->date, c->nth))
			return true;
	}
	return false;
}

int
net_rooms(const struct net *n, int site, const struct net_slot *slot)
{
	if (net_holiday_closed(n, slot->date, slot->session) ||
	    net_closed(n, site, slot))
		return 0;
	return n->sites[site].rooms[slot->day][slot->session];
}

bool
net_request_not_needed(const struct net *n, const struct net_request *r,
		       const struct net_slot *slot)
{
	int k, open = 0;

	for (k = 0; k < n->nsites; k++)
		if (n->sites[k].practice == r->practice &&
		    (r->site < 0 || r->site == k) &&
		    n->sites[k].rooms[slot->day][slot->session] > 0) {
			open++;
			if (net_rooms(n, k, slot) > 0)
				return false;
		}
	return open > 0;
}

int
net_practice_rooms(const struct net *n, int p, const struct net_slot *slot)
{
	int k, rooms = 0;

	for (k = 0; k < n->nsites; k++)
		if (n->sites[k].practice == p)
			rooms += net_rooms(n, k, slot);
	return rooms;
}

bool
net_is_care_home(const struct net *n, int site)
{
	return n->sites[site].practice < 0;
}

int
net_care_homes(const struct net *n)
{
	int k, homes = 0;

	for (k = n->npractices; k < n->nsites; k++)
		homes += net_is_care_home(n, k);
	return homes;
}

bool
net_is_row(const struct net *n, int row)
{
	return row < n->npractices || net_is_care_home(n, row);
}

const char *
net_row_name(const struct net *n, int row)
{
	return row < n->npractices ? n->practices[row].name
				   : n->sites[row].name;
}

int
net_site_row(const struct net *n, int site)
{
	return n->sites[site].practice >= 0 ? n->sites[site].practice : site;
}

bool
net_role_reaches(const struct net *n, int role, int p)
{
	int i;

	for (i = 0; i < n->nstaff; i++)
		if (n->staff[i].role == role && n->staff[i].may_work_at[p])
			return true;
	return false;
}

bool
net_may_work_at_site(const struct net *n, int s, int site)
{
	const struct net_site *k = &n->sites[site];

	return k->practice >= 0 ? n->staff[s].may_work_at[k->practice] &&
				      !n->staff[s].barred[site]
				: k->round_role[n->staff[s].role];
}

int
net_travel_minutes(const struct net *n, int a, int b)
{
	int j;

	for (j = 0; j < n->ntravel; j++)
		if ((n->travel[j].a == a && n->travel[j].b == b) ||
		    (n->travel[j].a == b && n->travel[j].b == a))
			return n->travel[j].minutes;
	return -1;
}

bool
net_site_travels(const struct net *n, int site)
{
	int j;

	for (j = 0; j < n->ntravel; j++)
		if (n->travel[j].a == site || n->travel[j].b == site)
			return true;
	return false;
}

bool
net_holiday(const struct net *n, date_t date)
{
	int lo = 0, hi = n->nholidays - 1, mid;

	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		if (n->holidays[mid] == date)
			return true;
		if (n->holidays[mid] < date)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

bool
net_holiday_closed(const struct net *n, date_t date, int session)
{
	return !n->holiday_open[session] && net_holiday(n, date);
}

char *
net_holidays_warning(const struct net *n, date_t last)
{
	char until[16], end[16], *text;

	if (n->holidays_source == NULL || last <= n->holidays_until)
		return NULL;
	date_format(last, end);
	if (n->holidays_until == 0) {
		xasprintf(&text,
			  "no bank holidays (%s) are known: any up to %s are "
			  "planned as working days",
			  n->holidays_source, end);
		return text;
	}
	date_format(n->holidays_until, until);
	xasprintf(&text,
		  "bank holidays (%s) are known only to %s, not to %s: any "
		  "after %s are planned as working days",
		  n->holidays_source, until, end, until);
	return text;
}

long
net_week_placements(const struct net *n)
{
	/* A Monday long before any leave or bank holiday a file may hold. */
	date_t monday = date_from_ymd(1990, 1, 1);
	struct net_slot *slots = NULL;
	int ns, t, i, k;
	long count = 0;

	ns = net_slots(n, monday, 1, &slots);
	for (t = 0; t < ns; t++)
		for (i = 0; i < n->nstaff; i++) {
			if (!net_available(n, i, &slots[t]))
				continue;
			for (k = 0; k < n->nsites; k++)
				if ((n->sites[k].practice >= 0 ||
				     n->sites[k].rounds > 0) &&
				    net_may_work_at_site(n, i, k) &&
				    net_rooms(n, k, &slots[t]) > 0 &&
				    net_supervised(n, i, k, &slots[t]) &&
				    !net_forbidden(n, i, n->sites[k].practice,
						   &slots[t]))
					count++;
		}
	free(slots);
	return count;
}

void
net_add_leave(struct net_staff *st, const struct net_leave *l)
{
	st->leave = xappend(st->leave, (size_t)st->nleave, sizeof *st->leave);
	st->leave[st->nleave++] = *l;
}

/* The days of from..to outside the window, from *lo to *hi; false: none. */
static bool
outside_window(const struct net *n, date_t from, date_t to, date_t *lo,
	       date_t *hi)
{
	if (from < n->leave_from) {
		*lo = from;
		*hi = to < n->leave_from ? to : n->leave_from - 1;
		return true;
	}
	if (to > n->leave_until) {
		*lo = from > n->leave_until ? from : n->leave_until + 1;
		*hi = to;
		return true;
	}
	return false;
}

int
net_unread_warnings(const struct net *n, date_t first, date_t last,
		    struct diag *d)
{
	static const char *kinds[] = {"leave", "sickness", "training"};
	const struct net_unread *u;
	char lo_s[16], hi_s[16], from_s[16], until_s[16], *who;
	date_t lo, hi;
	int i, count = 0;

	for (i = 0; i < n->nunread; i++) {
		u = &n->unread[i];
		if (!outside_window(n, first > u->first ? first : u->first,
				    last < u->last ? last : u->last, &lo,
				    &hi) ||
		    lo > hi)
			continue;
		count++;
		if (d == NULL)
			continue;
		date_format(lo, lo_s);
		date_format(hi, hi_s);
		date_format(n->leave_from, from_s);
		date_format(n->leave_until, until_s);
		if (u->staff >= 0)
			xasprintf(&who, "%s of %s", kinds[u->kind],
				  n->staff[u->staff].name);
		else if (u->site >= 0)
			xasprintf(&who, "closure of %s", n->sites[u->site].id);
		else
			who = xstrdup("closure of every practice");
		diag_add(d, u->file, u->line,
			 "warning: %s (event %s) %s %s%s%s is not planned for: "
			 "calendars are read from %s to %s only (the run's "
			 "day, or --now, and %d days either side)",
			 who, u->uid != NULL ? u->uid : "without UID",
			 lo == hi ? "on" : "from", lo_s, lo == hi ? "" : " to ",
			 lo == hi ? "" : hi_s, from_s, until_s,
			 n->leave_until - n->leave_from > 0
			     ? (n->leave_until - n->leave_from) / 2
			     : 0);
		free(who);
	}
	return count;
}

bool
net_supervised(const struct net *n, int s, int site,
	       const struct net_slot *slot)
{
	return !n->staff[s].needs_supervision ||
	       n->sites[site].supervisor[slot->day][slot->session];
}

int
net_session_minutes(const struct net *n, int session)
{
	return n->sessions[session].end - n->sessions[session].start;
}

bool
net_request_in_slot(const struct net_request *r, const struct net_slot *slot)
{
	if (r->session != slot->session)
		return false;
	if (r->one_off)
		return r->date == slot->date;
	return r->day == slot->day && (r->weeks & slot->parity) != 0 &&
	       net_nth_weekday(slot->date, r->nth);
}

bool
net_day_session(const struct net *n, int day, int session)
{
	int k;

	if (!n->sessions[session].days[day])
		return false;
	if (!n->sessions[session].enhanced_access)
		return true;
	for (k = 0; k < n->nsessions; k++)
		if (n->sessions[k].days[day] && !n->sessions[k].enhanced_access)
			return false;
	return true;
}

bool
net_where_in_slot(const struct net *n, const struct net_where *w,
		  const struct net_slot *slot)
{
	if (w->session >= 0 ? w->session != slot->session
			    : !net_day_session(n, slot->day, slot->session))
		return false;
	return w->one_off ? w->date == slot->date : w->days[slot->day];
}

/* A pin of a whole day holds the sessions the person works that day. */
int
net_pinned(const struct net *n, int s, const struct net_slot *slot)
{
	const struct net_staff *st = &n->staff[s];
	int j;

	for (j = 0; j < st->npins; j++)
		if (net_where_in_slot(n, &st->pins[j], slot) &&
		    (st->pins[j].session >= 0 || net_works(n, s, slot)))
			return st->pins[j].practice;
	return -1;
}

int
net_pinned_site(const struct net *n, int s, const struct net_slot *slot)
{
	const struct net_staff *st = &n->staff[s];
	int j;

	for (j = 0; j < st->npins; j++)
		if (net_where_in_slot(n, &st->pins[j], slot) &&
		    (st->pins[j].session >= 0 || net_works(n, s, slot)))
			return st->pins[j].site;
	return -1;
}

bool
net_forbidden_at(const struct net *n, int s, int site,
		 const struct net_slot *slot)
{
	const struct net_staff *st = &n->staff[s];
	int j, p = n->sites[site].practice;

	for (j = 0; p >= 0 && j < st->nforbids; j++)
		if (st->forbids[j].practice == p &&
		    (st->forbids[j].site < 0 || st->forbids[j].site == site) &&
		    net_where_in_slot(n, &st->forbids[j], slot))
			return true;
	return false;
}

bool
net_forbidden(const struct net *n, int s, int p, const struct net_slot *slot)
{
	int k;

	if (p < 0)
		return false;
	for (k = 0; k < n->nsites; k++)
		if (n->sites[k].practice == p &&
		    !net_forbidden_at(n, s, k, slot))
			return false;
	return true;
}

bool
net_prefers_practice(const struct net *n, int s, int p)
{
	const struct net_staff *st = &n->staff[s];

	return !st->has_prefer_practices || st->prefer_practice[p];
}

bool
net_prefers_site(const struct net *n, int s, int site)
{
	const struct net_staff *st = &n->staff[s];
	int p = n->sites[site].practice;

	return !st->has_prefer_practices ||
	       (p >= 0 && (st->prefer_practice[p] || st->prefer_site[site]));
}

bool
net_prefers_day(const struct net *n, int s, int day)
{
	const struct net_staff *st = &n->staff[s];

	return !st->has_prefer_days || st->prefer_day[day];
}

bool
net_late(const struct net *n, int session)
{
	return n->sessions[session].end > NET_LATE_END;
}

bool
net_morning(const struct net *n, int session)
{
	return n->sessions[session].start < NET_MORNING_START;
}

int
net_slots(const struct net *n, date_t monday, int weeks,
	  struct net_slot **slots)
{
	int count = 0, w, d, s;

	*slots =
	    xreallocarray(NULL, (size_t)(weeks * NET_DAYS * n->nsessions) + 1,
			  sizeof **slots);
	for (w = 0; w < weeks; w++)
		for (d = 0; d < NET_DAYS; d++)
			for (s = 0; s < n->nsessions; s++) {
				if (!n->sessions[s].days[d])
					continue;
				(*slots)[count].date = monday + w * 7 + d;
				(*slots)[count].day = d;
				(*slots)[count].session = s;
				(*slots)[count].week = w;
				(*slots)[count].parity =
				    net_week_parity(n, monday + w * 7 + d);
				count++;
			}
	return count;
}

int
net_capacity(const struct net *n, int s, date_t monday)
{
	const struct net_staff *st = &n->staff[s];
	int d, k, cap = st->sessions, parity = net_week_parity(n, monday);

	for (d = 0; d < NET_DAYS; d++)
		for (k = 0; k < n->nsessions; k++)
			/* Enhanced Access is extra: leave then costs none. */
			if (n->sessions[k].days[d] &&
			    (st->works[d][k] & parity) != 0 &&
			    !n->sessions[k].enhanced_access &&
			    (net_on_leave(n, s, monday + d, k) ||
			     !net_employed(n, s, monday + d) ||
			     net_holiday_closed(n, monday + d, k)))
				cap--;
	return cap > 0 ? cap : 0;
}

const char *
net_share_label(const struct net *n)
{
	int r;

	for (r = 0; r < n->nroles; r++)
		if (n->roles[r].share != n->share)
			return "each role's agreement";
	return net_share_name(n->share);
}
