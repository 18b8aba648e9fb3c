/* The month's claim per person, from the state's record and the file. */
#include <stdlib.h>
#include <string.h>

#include "claims.h"
#include "csv.h"
#include "delivered.h"
#include "pubplan.h"
#include "xmalloc.h"

static const char *absence_names[] = {"leave", "sickness", "training",
				      "bank holiday"};

long
claims_hundredths(long minutes)
{
	return (minutes * 100 + 30) / 60;
}

long
claims_wte(const struct net *n, int contract_minutes)
{
	return ((long)contract_minutes * 20000 + n->wte_minutes) /
	       (2L * n->wte_minutes);
}

static int
days_in_month(int y, int m)
{
	return m == 12 ? 31
		       : date_from_ymd(y, m + 1, 1) - date_from_ymd(y, m, 1);
}

/* Sessions of the person's pattern lost to leave, sickness, ... */
static void
count_absences(const struct net *n, int s, const struct claims_month *cm,
	       struct claims_person *cp)
{
	struct net_slot slot;
	const char *why;
	date_t d;
	int k, a;

	for (d = cm->first; d <= cm->last; d++)
		for (k = 0; k < n->nsessions; k++) {
			net_slot_at(n, d, k, &slot);
			if (!n->sessions[k].days[date_weekday(d)] ||
			    !net_works(n, s, &slot))
				continue;
			why = delivered_reason(n, s, d, k, -1);
			for (a = 0; a < CLAIMS_NABSENCES; a++)
				if (strcmp(why, absence_names[a]) == 0)
					cp->absent[a]++;
		}
}

static void
price(const struct net *n, int s, const struct claims_month *cm,
      struct claims_person *cp)
{
	const struct net_staff *st = &n->staff[s];
	long long minutes = cp->contract_minutes;
	date_t from = st->start > cm->first ? st->start : cm->first;
	date_t to = st->end != 0 && st->end < cm->last ? st->end : cm->last;

	cp->employed_days = to >= from ? to - from + 1 : 0;
	/* ARRS pays at most one whole-time equivalent a person. */
	if (minutes > n->wte_minutes)
		minutes = n->wte_minutes;
	cp->arrs_year = n->roles[st->role].arrs_max[n->arrs_area];
	cp->max = cp->arrs_year < 0
		      ? 0
		      : money_ratio(cp->arrs_year, minutes * cp->employed_days,
				    (long long)n->wte_minutes * 12 * cm->days);
	cp->cost = -1;
	if (st->salary >= 0)
		cp->cost = money_ratio(
		    st->salary + (st->on_costs > 0 ? st->on_costs : 0),
		    cp->employed_days, 12LL * cm->days);
	cp->claimable =
	    cp->cost >= 0 && cp->cost < cp->max ? cp->cost : cp->max;
	cp->paid = cp->cost >= 0 ? cp->cost : cp->claimable;
}

/* Orders deliveries and placements alike: date, session, staff. */
static int
key_cmp(const char *d1, const char *s1, const char *p1, const char *d2,
	const char *s2, const char *p2)
{
	int c;

	if ((c = strcmp(d1, d2)) != 0 || (c = strcmp(s1, s2)) != 0)
		return c;
	return strcmp(p1, p2);
}

static void
count_session(const struct net *n, struct claims_month *cm, int *who,
	      const char *date, const char *staff, const char *session,
	      const char *practice, const char *site, int minutes,
	      const char *reason)
{
	struct claims_person *cp;
	struct claims_session *cs;
	int s = net_find_staff(n, staff), k, p;

	if (minutes < 0)
		minutes = (k = net_find_session(n, session)) >= 0
			      ? net_session_minutes(n, k)
			      : 0;
	cm->sessions = xreallocarray(cm->sessions, (size_t)cm->nsessions + 1,
				     sizeof *cm->sessions);
	cs = &cm->sessions[cm->nsessions++];
	cs->date = xstrdup(date);
	cs->session = xstrdup(session);
	cs->staff = xstrdup(staff);
	cs->practice = xstrdup(practice);
	cs->site = xstrdup(site);
	cs->minutes = minutes;
	cs->reason = reason != NULL ? xstrdup(reason) : NULL;
	/* Someone gone from the file cannot be claimed for. */
	if (s < 0 || who[s] < 0)
		return;
	cp = &cm->people[who[s]];
	cp->planned++;
	cp->planned_minutes += minutes;
	if (reason == NULL)
		cp->to_come++;
	else if (*reason != '\0')
		cp->not_delivered++;
	else {
		cp->delivered++;
		cp->delivered_minutes += minutes;
		if ((p = net_find_practice(n, practice)) >= 0)
			cm->received[n->staff[s].role * n->npractices + p]++;
	}
}

int
claims_load(const struct net *n, struct store *store, int year, int month,
	    struct claims_month *cm, char **cause)
{
	struct store_delivery *d = NULL;
	struct store_assign *a = NULL;
	char from[16], to[16];
	int *who, i, j, s, nd = 0, na = 0, c;

	memset(cm, 0, sizeof *cm);
	if (n->arrs_year != 0 && (year * 12 + month < n->arrs_year * 12 + 4 ||
				  year * 12 + month > n->arrs_year * 12 + 15)) {
		xasprintf(cause,
			  "%s: the ARRS amounts are for %d/%02d (April %d to "
			  "March %d), not %04d-%02d: set arrs_year and the "
			  "roles' arrs_max for that year",
			  n->file, n->arrs_year, (n->arrs_year + 1) % 100,
			  n->arrs_year, n->arrs_year + 1, year, month);
		return -1;
	}
	cm->year = year;
	cm->month = month;
	cm->days = days_in_month(year, month);
	cm->first = date_from_ymd(year, month, 1);
	cm->last = cm->first + cm->days - 1;
	cm->received = xcalloc((size_t)(n->nroles * n->npractices) + 1,
			       sizeof *cm->received);
	cm->people = xcalloc((size_t)n->nstaff + 1, sizeof *cm->people);
	who = xcalloc((size_t)n->nstaff + 1, sizeof *who);
	for (s = 0; s < n->nstaff; s++) {
		const struct net_staff *st = &n->staff[s];

		who[s] = -1;
		if ((st->start != 0 && st->start > cm->last) ||
		    (st->end != 0 && st->end < cm->first))
			continue;
		who[s] = cm->npeople;
		cm->people[cm->npeople].staff = s;
		cm->people[cm->npeople].contract_minutes =
		    net_contract_minutes(n, s);
		count_absences(n, s, cm, &cm->people[cm->npeople]);
		price(n, s, cm, &cm->people[cm->npeople]);
		cm->npeople++;
	}
	date_format(cm->first, from);
	date_format(cm->last, to);
	/* Into the Monday after the month's last week. */
	if (pubplan_carry(n, store, date_week_monday(cm->last) + 7,
			  &cm->carried, cause) != 0 ||
	    store_deliveries(store, from, to, &d, &nd, cause) != 0 ||
	    store_assignments(store, from, to, &a, &na, cause) != 0) {
		store_deliveries_free(d, nd);
		free(who);
		claims_free(cm);
		return -1;
	}
	/* Both sorted alike: a placement recorded as delivered counts once,
	 * as recorded; the rest are still to come. */
	for (i = j = 0; i < nd || j < na;) {
		c = i == nd   ? 1
		    : j == na ? -1
			      : key_cmp(d[i].date, d[i].session, d[i].staff,
					a[j].date, a[j].session, a[j].staff);
		if (c <= 0) {
			count_session(n, cm, who, d[i].date, d[i].staff,
				      d[i].session, d[i].practice, d[i].site,
				      d[i].minutes, d[i].reason);
			i++;
			j += c == 0;
		} else {
			count_session(n, cm, who, a[j].date, a[j].staff,
				      a[j].session, a[j].practice, a[j].site,
				      -1, NULL);
			j++;
		}
	}
	for (i = 0; i < cm->npeople; i++) {
		cm->max += cm->people[i].max;
		cm->claimable += cm->people[i].claimable;
		cm->paid += cm->people[i].paid;
		if (cm->people[i].cost > 0)
			cm->cost += cm->people[i].cost;
	}
	store_deliveries_free(d, nd);
	store_assigns_free(a, na);
	free(who);
	return 0;
}

void
claims_free(struct claims_month *cm)
{
	int i;

	for (i = 0; i < cm->nsessions; i++) {
		free(cm->sessions[i].date);
		free(cm->sessions[i].session);
		free(cm->sessions[i].staff);
		free(cm->sessions[i].practice);
		free(cm->sessions[i].site);
		free(cm->sessions[i].reason);
	}
	free(cm->sessions);
	free(cm->carried);
	free(cm->people);
	free(cm->received);
	memset(cm, 0, sizeof *cm);
}

/* Pounds, or an empty cell for none. */
static void
csv_money(FILE *f, money_t v)
{
	if (v < 0)
		csv_field(f, "", 0);
	else
		csv_decimal(f, v, 2, 0);
}

static void
csv_date(FILE *f, date_t d)
{
	char buf[16];

	if (d == 0)
		buf[0] = '\0';
	else
		date_format(d, buf);
	csv_field(f, buf, 0);
}

int
claims_csv(FILE *f, const struct net *n, const struct claims_month *cm)
{
	static const char *head[] = {"month",
				     "staff",
				     "name",
				     "role",
				     "start_date",
				     "end_date",
				     "days_employed",
				     "contract_hours_per_week",
				     "wte",
				     "sessions_planned",
				     "sessions_delivered",
				     "sessions_not_delivered",
				     "sessions_to_come",
				     "hours_planned",
				     "hours_delivered",
				     "leave_sessions",
				     "sickness_sessions",
				     "training_sessions",
				     "bank_holiday_sessions",
				     "arrs_max_per_wte_year",
				     "arrs_max_pro_rata",
				     "actual_cost",
				     "claimable"};
	char month[16];
	size_t h;
	int i, a, tot[8] = {0};

	snprintf(month, sizeof month, "%04d-%02d", cm->year, cm->month);
	for (h = 0; h < sizeof head / sizeof *head; h++)
		csv_field(f, head[h], h == 0);
	csv_end(f);
	for (i = 0; i < cm->npeople; i++) {
		const struct claims_person *cp = &cm->people[i];
		const struct net_staff *st = &n->staff[cp->staff];

		csv_field(f, month, 1);
		csv_field(f, st->id, 0);
		csv_field(f, st->name, 0);
		csv_field(f, n->roles[st->role].id, 0);
		csv_date(f, st->start);
		csv_date(f, st->end);
		csv_int(f, cp->employed_days, 0);
		csv_decimal(f, claims_hundredths(cp->contract_minutes), 2, 0);
		csv_decimal(f, claims_wte(n, cp->contract_minutes), 4, 0);
		csv_int(f, cp->planned, 0);
		csv_int(f, cp->delivered, 0);
		csv_int(f, cp->not_delivered, 0);
		csv_int(f, cp->to_come, 0);
		csv_decimal(f, claims_hundredths(cp->planned_minutes), 2, 0);
		csv_decimal(f, claims_hundredths(cp->delivered_minutes), 2, 0);
		for (a = 0; a < CLAIMS_NABSENCES; a++)
			csv_int(f, cp->absent[a], 0);
		csv_money(f, cp->arrs_year);
		csv_money(f, cp->arrs_year < 0 ? -1 : cp->max);
		csv_money(f, cp->cost);
		csv_money(f, cp->claimable);
		csv_end(f);
		tot[0] += cp->planned;
		tot[1] += cp->delivered;
		tot[2] += cp->not_delivered;
		tot[3] += cp->to_come;
		tot[4] += cp->planned_minutes;
		tot[5] += cp->delivered_minutes;
	}
	csv_field(f, month, 1);
	csv_field(f, "TOTAL", 0);
	for (h = 0; h < 7; h++)
		csv_field(f, "", 0);
	for (a = 0; a < 4; a++)
		csv_int(f, tot[a], 0);
	csv_decimal(f, claims_hundredths(tot[4]), 2, 0);
	csv_decimal(f, claims_hundredths(tot[5]), 2, 0);
	for (a = 0; a < CLAIMS_NABSENCES + 1; a++)
		csv_field(f, "", 0);
	csv_money(f, cm->max);
	csv_money(f, cm->cost);
	csv_money(f, cm->claimable);
	csv_end(f);
	return ferror(f) ? -1 : 0;
}

int
claims_delivered_csv(FILE *f, const struct net *n,
		     const struct claims_month *cm)
{
	static const char *head[] = {"date", "session", "staff",  "practice",
				     "site", "hours",	"status", "reason"};
	size_t h;
	int i;

	(void)n;
	for (h = 0; h < sizeof head / sizeof *head; h++)
		csv_field(f, head[h], h == 0);
	csv_end(f);
	for (i = 0; i < cm->nsessions; i++) {
		const struct claims_session *cs = &cm->sessions[i];

		csv_field(f, cs->date, 1);
		csv_field(f, cs->session, 0);
		csv_field(f, cs->staff, 0);
		csv_field(f, cs->practice, 0);
		csv_field(f, cs->site, 0);
		csv_decimal(f, claims_hundredths(cs->minutes), 2, 0);
		csv_field(f,
			  cs->reason == NULL	  ? "to come"
			  : cs->reason[0] == '\0' ? "delivered"
						  : "not delivered",
			  0);
		csv_field(f, cs->reason != NULL ? cs->reason : "", 0);
		csv_end(f);
	}
	return ferror(f) ? -1 : 0;
}
