/*
 * [network], [session], [role] and [objective], and the Enhanced Access
 * hours the network owes.
 */

#include <ctype.h>
#include <errno.h>
#include <libical/ical.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "money.h"
#include "tz.h"
#include "xmalloc.h"

#include "cfg_internal.h"

/*
 * The https:// address the feeds folder is served at, without a final
 * slash: a host and a path of characters that need no escaping in a URL,
 * an HTML attribute or feeds.txt; NULL when it is not one.
 */
static char *
feed_url(struct cfg *c, const char *v, int line)
{
	static const char scheme[] = "https://";
	const char *host = v + sizeof scheme - 1, *p;
	size_t len = strlen(v);

	if (strncmp(v, scheme, sizeof scheme - 1) != 0) {
		cfg_error(c, line, "feed_url \"%s\" is not an https:// address",
			  v);
		return NULL;
	}
	for (p = host; *p != '\0' && *p != '/'; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-' &&
		    *p != ':')
			break;
	if (p == host || (*p != '\0' && *p != '/')) {
		cfg_error(c, line, "feed_url \"%s\": bad host name", v);
		return NULL;
	}
	for (; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) &&
		    strchr("/._~-", *p) == NULL) {
			cfg_error(c, line,
				  "feed_url \"%s\": use only letters, digits "
				  "and / . _ ~ - in its path",
				  v);
			return NULL;
		}
	while (len > 0 && v[len - 1] == '/')
		len--;
	return xstrndup(v, len);
}

void
cfg_load_network(struct cfg *c)
{
	struct net *n = c->net;
	const struct cfg_section *s = NULL;
	const char *v;
	long num;
	int i, line;

	for (i = 0; i < c->nsecs; i++)
		if (c->secs[i].type == SEC_NETWORK)
			s = &c->secs[i];
	n->timezone = xstrdup("Europe/London");
	n->share = NET_SHARE_LIST;
	n->keep_cancelled_days = 14;
	n->feed_refresh = 60;
	n->carry_balances = true;
	n->weeks_ahead = 4;
	n->history_weeks = 8;
	if (s == NULL) {
		cfg_error(c, 0, "no [network] section");
		return;
	}
	if ((v = cfg_need(c, s, "name", &line)) != NULL)
		n->name = xstrdup(v);
	if ((v = cfg_get(c, s, "carry_balances", &line)) != NULL)
		n->carry_balances =
		    cfg_yes_no(c, "carry_balances", v, line) != 0;
	if ((v = cfg_get(c, s, "keep_cancelled_days", &line)) != NULL &&
	    cfg_whole(c, "keep_cancelled_days", v, line, 0, 366, &num) == 0)
		n->keep_cancelled_days = (int)num;
	if ((v = cfg_get(c, s, "weeks_ahead", &line)) != NULL &&
	    cfg_whole(c, "weeks_ahead", v, line, 1, NET_MAX_WEEKS, &num) == 0)
		n->weeks_ahead = (int)num;
	if ((v = cfg_get(c, s, "history_weeks", &line)) != NULL &&
	    cfg_whole(c, "history_weeks", v, line, 1, 104, &num) == 0)
		n->history_weeks = (int)num;
	if ((v = cfg_get(c, s, "feed_refresh_minutes", &line)) != NULL &&
	    cfg_whole(c, "feed_refresh_minutes", v, line, 5, 10080, &num) == 0)
		n->feed_refresh = (int)num;
	if ((v = cfg_get(c, s, "feed_url", &line)) != NULL)
		n->feed_url = feed_url(c, v, line);
	if ((v = cfg_get(c, s, "feed_away", &line)) != NULL)
		n->feed_away = cfg_yes_no(c, "feed_away", v, line) == 1;
	if ((v = cfg_get(c, s, "feed_uncovered", &line)) != NULL)
		n->feed_uncovered =
		    cfg_yes_no(c, "feed_uncovered", v, line) == 1;
	if ((v = cfg_get(c, s, "week_a", &line)) != NULL) {
		date_t d;

		if (date_parse(v, &d) != 0)
			cfg_error(c, line,
				  "week_a must be a date, YYYY-MM-DD, not "
				  "\"%s\"",
				  v);
		else
			n->week_a = date_week_monday(d);
	}
	if ((v = cfg_get(c, s, "timezone", &line)) != NULL) {
		if (icaltimezone_get_builtin_timezone(v) == NULL)
			cfg_error(c, line, "unknown time zone \"%s\"", v);
		else {
			free(n->timezone);
			n->timezone = xstrdup(v);
		}
	}
}

/*
 * A session whose start or end the clocks skip or repeat on one of its
 * days has no one time: clients disagree on it, or make it empty. The
 * years checked are those a plan made now can reach, and the last.
 */
static void
clock_changes(struct cfg *c)
{
	const struct net *n = c->net;
	struct tz_change ch[16];
	char hhmm[8], date[16];
	time_t now = time(NULL);
	struct tm tm;
	long long t;
	int i, k, e, nch, told[2];
	date_t d;

	gmtime_r(&now, &tm);
	nch = tz_changes(n->timezone, tm.tm_year + 1900 - 1,
			 tm.tm_year + 1900 + 2, ch, 16);
	for (k = 0; k < n->nsessions; k++) {
		const struct net_session *ss = &n->sessions[k];

		if (ss->start < 0)
			continue;
		told[0] = told[1] = 0;
		for (i = 0; i < nch; i++)
			for (d = (date_t)(ch[i].from / 1440);
			     d <= (date_t)((ch[i].to - 1) / 1440); d++) {
				if (!ss->days[date_weekday(d)])
					continue;
				for (e = 0; e < 2; e++) {
					t = (long long)d * 1440 +
					    (e ? ss->end : ss->start);
					if (told[e] || t < ch[i].from ||
					    t >= ch[i].to)
						continue;
					date_format_hhmm(
					    e ? ss->end : ss->start, hhmm);
					date_format(d, date);
					cfg_error(
					    c,
					    e ? ss->end_line : ss->start_line,
					    "session %s %s at %s, which the "
					    "clocks %s on %s in %s: move it "
					    "out "
					    "of the clock change",
					    ss->id, e ? "ends" : "starts", hhmm,
					    ch[i].gap ? "skip" : "pass twice",
					    date, n->timezone);
					told[e] = 1; /* once is enough */
				}
			}
	}
}

static int
session_cmp(const void *a, const void *b)
{
	const struct net_session *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

void
cfg_load_sessions(struct cfg *c)
{
	struct net *n = c->net;
	struct net_session *ss;
	char *list, *cur, *item;
	const char *v;
	int i, j, d, line, ok;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];

		if (s->type != SEC_SESSION)
			continue;
		if (n->nsessions == NET_MAX_SESSIONS) {
			cfg_error(c, s->line, "more than %d sessions",
				  NET_MAX_SESSIONS);
			return;
		}
		n->sessions = xreallocarray(
		    n->sessions, (size_t)n->nsessions + 1, sizeof *n->sessions);
		ss = &n->sessions[n->nsessions++];
		memset(ss, 0, sizeof *ss);
		ss->id = xstrdup(s->id);
		ss->line = s->line;
		v = cfg_get(c, s, "name", &line);
		ss->name = xstrdup(v != NULL && *v != '\0' ? v : s->id);
		ok = 1;
		if ((v = cfg_need(c, s, "start", &ss->start_line)) == NULL)
			ok = 0;
		else if (date_parse_hhmm(v, &ss->start) != 0) {
			cfg_error(c, ss->start_line,
				  "bad time \"%s\": use HH:MM", v);
			ok = 0;
		}
		if ((v = cfg_need(c, s, "end", &ss->end_line)) == NULL)
			ok = 0;
		else if (date_parse_hhmm(v, &ss->end) != 0) {
			cfg_error(c, ss->end_line, "bad time \"%s\": use HH:MM",
				  v);
			ok = 0;
		} else if (ok && ss->end <= ss->start) {
			char a[8], b[8];

			date_format_hhmm(ss->end, a);
			date_format_hhmm(ss->start, b);
			cfg_error(c, ss->end_line,
				  "session ends (%s) before it starts "
				  "(%s)",
				  a, b);
			ok = 0;
		}
		if (!ok)
			ss->start = ss->end = -1;
		if ((v = cfg_get(c, s, "enhanced_access", &line)) != NULL)
			ss->enhanced_access =
			    cfg_yes_no(c, "enhanced_access", v, line) == 1;
		if ((v = cfg_get(c, s, "days", &line)) == NULL) {
			for (d = DATE_MON; d <= DATE_FRI; d++)
				ss->days[d] = true;
			continue;
		}
		list = cur = xstrdup(v);
		while ((item = cfg_next_item(&cur)) != NULL) {
			cfg_days(c, item, line, ss->days);
			free(item);
		}
		free(list);
	}
	if (n->nsessions == 0 && c->nsecs > 0)
		cfg_error(c, 0, "no [session ...] section");
	if (n->nsessions > 1) /* qsort wants an array, even of none */
		qsort(n->sessions, (size_t)n->nsessions, sizeof *n->sessions,
		      session_cmp);
	for (i = 0; i < n->nsessions; i++)
		for (j = i + 1; j < n->nsessions; j++) {
			struct net_session *a = &n->sessions[i],
					   *b = &n->sessions[j];

			if (a->start < 0 || b->start < 0 || b->start >= a->end)
				continue;
			for (d = 0; d < NET_DAYS; d++)
				if (a->days[d] && b->days[d])
					break;
			if (d < NET_DAYS)
				cfg_error(c, b->line,
					  "session %s overlaps session %s on "
					  "%s",
					  b->id, a->id, date_day_name(d));
		}
	clock_changes(c);
}

void
cfg_load_roles(struct cfg *c)
{
	struct net *n = c->net;
	const char *v;
	int i, line;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];
		struct net_role *r;

		if (s->type != SEC_ROLE)
			continue;
		if (n->nroles == NET_MAX_ROLES) {
			cfg_error(c, s->line, "more than %d roles",
				  NET_MAX_ROLES);
			return;
		}
		n->roles = xreallocarray(n->roles, (size_t)n->nroles + 1,
					 sizeof *n->roles);
		r = &n->roles[n->nroles++];
		r->id = xstrdup(s->id);
		v = cfg_get(c, s, "name", &line);
		r->name = xstrdup(v != NULL && *v != '\0' ? v : s->id);
		r->line = s->line;
		r->supervised = false;
		if ((v = cfg_get(c, s, "supervised", &line)) != NULL)
			r->supervised =
			    cfg_yes_no(c, "supervised", v, line) == 1;
	}
	if (n->nroles == 0 && c->nsecs > 0)
		cfg_error(c, 0, "no [role ...] section");
}

/* [objective] weights and the network's rest rule. */
void
cfg_load_objective(struct cfg *c)
{
	static const char *keys[] = {
	    "request",	    "idle",	  "fair1",	"fair2",
	    "minimum",	    "pin",	  "preference", "enhanced_access",
	    "ea_unstaffed", "continuity", "care_home"};
	struct net *n = c->net;
	int *w[] = {&n->weights.request,      &n->weights.idle,
		    &n->weights.fair1,	      &n->weights.fair2,
		    &n->weights.minimum,      &n->weights.pin,
		    &n->weights.preference,   &n->weights.enhanced_access,
		    &n->weights.ea_unstaffed, &n->weights.continuity,
		    &n->weights.care_home};
	const struct cfg_section *s = NULL, *net = NULL;
	const char *v;
	long num;
	int i, line;

	n->weights.request = NET_W_REQUEST;
	n->weights.idle = NET_W_IDLE;
	n->weights.fair1 = NET_W_FAIR1;
	n->weights.fair2 = NET_W_FAIR2;
	n->weights.minimum = NET_W_MINIMUM;
	n->weights.pin = NET_W_PIN;
	n->weights.preference = NET_W_PREFERENCE;
	n->weights.enhanced_access = NET_W_ENHANCED_ACCESS;
	n->weights.ea_unstaffed = NET_W_EA_UNSTAFFED;
	n->weights.continuity = NET_W_CONTINUITY;
	n->weights.care_home = NET_W_CARE_HOME;
	for (i = 0; i < c->nsecs; i++) {
		if (c->secs[i].type == SEC_OBJECTIVE)
			s = &c->secs[i];
		if (c->secs[i].type == SEC_NETWORK)
			net = &c->secs[i];
	}
	if (net != NULL &&
	    (v = cfg_get(c, net, "no_evening_then_morning", &line)) != NULL)
		n->no_evening_then_morning =
		    cfg_yes_no(c, "no_evening_then_morning", v, line) == 1;
	for (i = 0; s != NULL && i < (int)(sizeof keys / sizeof *keys); i++)
		if ((v = cfg_get(c, s, keys[i], &line)) != NULL &&
		    cfg_whole(c, keys[i], v, line, 0, 1000000, &num) == 0)
			*w[i] = (int)num;
}

/*
 * Enhanced Access: its sessions lie in the network standard hours and are
 * held at hubs only (elsewhere they have no room); the weekly minutes owed
 * follow the list sizes unless given in hours.
 */
static void
ea_hours(struct cfg *c, int k, int line)
{
	const struct net_session *ss = &c->net->sessions[k];
	char a[8], b[8];
	int d, from, to;

	if (ss->start < 0)
		return;
	for (d = 0; d < NET_DAYS; d++) {
		if (!ss->days[d])
			continue;
		from = d == DATE_SAT ? 9 * 60 : 18 * 60 + 30;
		to = d == DATE_SAT ? 17 * 60 : 20 * 60;
		if (d != DATE_SUN && ss->start >= from && ss->end <= to)
			continue;
		date_format_hhmm(ss->start, a);
		date_format_hhmm(ss->end, b);
		cfg_error(c, line,
			  "Enhanced Access session %s runs %s-%s on %s, "
			  "outside 18:30-20:00 Monday to Friday and "
			  "09:00-17:00 Saturday",
			  ss->id, a, b, date_day_name(d));
		return;
	}
}

/* Hours a week, such as 44.5, as whole minutes; -1 after an error. */
static int
ea_hours_value(struct cfg *c, const char *key, const char *v, int line,
	       int *minutes)
{
	char *end;
	double h;

	errno = 0;
	h = strtod(v, &end);
	if (*v == '\0' || *end != '\0' || errno != 0 || !isfinite(h) || h < 0 ||
	    h > 168 || !isdigit((unsigned char)*v)) {
		cfg_error(c, line,
			  "%s must be a number of hours from 0 to 168, not "
			  "\"%s\"",
			  key, v);
		return -1;
	}
	*minutes = (int)lround(h * 60);
	return 0;
}

void
cfg_load_ea(struct cfg *c)
{
	struct net *n = c->net;
	const struct cfg_section *ns = NULL;
	const char *per = NULL, *hours = NULL, *ceiling = NULL;
	int i, d, k, line, line_per = 0, line_hours = 0, first = -1, hubs = 0;
	int line_first = 0, line_max = 0;
	long total = 0, num = 60;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];

		if (s->type == SEC_NETWORK)
			ns = s;
		if (s->type != SEC_SESSION ||
		    (k = net_find_session(n, s->id)) < 0 ||
		    !n->sessions[k].enhanced_access)
			continue;
		(void)cfg_get(c, s, "enhanced_access", &line);
		if (first < 0) {
			first = k;
			line_first = line;
		}
		ea_hours(c, k, line);
	}
	if (ns != NULL) {
		per = cfg_get(c, ns, "ea_minutes_per_1000", &line_per);
		hours = cfg_get(c, ns, "ea_hours_per_week", &line_hours);
		ceiling = cfg_get(c, ns, "ea_max_hours_per_week", &line_max);
	}
	if (first < 0 && ceiling != NULL)
		cfg_error(c, line_max,
			  "ea_max_hours_per_week is set but no session has "
			  "enhanced_access = yes");
	if (first < 0) {
		if (per != NULL)
			cfg_error(c, line_per,
				  "ea_minutes_per_1000 is set but no session "
				  "has enhanced_access = yes");
		if (hours != NULL)
			cfg_error(c, line_hours,
				  "ea_hours_per_week is set but no session "
				  "has enhanced_access = yes");
		return;
	}
	for (i = 0; i < n->npractices; i++) {
		total += n->practices[i].list_size;
		hubs += n->practices[i].ea_hub;
	}
	/* Enhanced Access is held at the hubs' sites only. */
	for (i = 0; i < n->nsites; i++) {
		if (n->sites[i].practice >= 0 &&
		    n->practices[n->sites[i].practice].ea_hub)
			continue;
		for (d = 0; d < NET_DAYS; d++)
			for (k = 0; k < n->nsessions; k++)
				if (n->sessions[k].enhanced_access)
					n->sites[i].rooms[d][k] = 0;
	}
	if (hubs == 0 && n->npractices > 0)
		cfg_error(c, line_first,
			  "session %s is Enhanced Access but no practice has "
			  "ea_hub = yes",
			  n->sessions[first].id);
	if (per != NULL && hours != NULL) {
		cfg_error(c, line_hours,
			  "give ea_hours_per_week or ea_minutes_per_1000, not "
			  "both");
		return;
	}
	if (hours != NULL) {
		if (ea_hours_value(c, "ea_hours_per_week", hours, line_hours,
				   &n->ea_minutes) != 0)
			return;
	} else if (per != NULL && cfg_whole(c, "ea_minutes_per_1000", per,
					    line_per, 0, 600, &num) != 0)
		return;
	else /* Whole minutes, to the nearest. */
		n->ea_minutes = (int)((num * total + 500) / 1000);
	if (ceiling == NULL ||
	    ea_hours_value(c, "ea_max_hours_per_week", ceiling, line_max,
			   &n->ea_max_minutes) != 0)
		return;
	if (n->ea_max_minutes < n->ea_minutes)
		cfg_error(c, line_max,
			  "ea_max_hours_per_week (%d:%02d) is below the "
			  "Enhanced Access owed (%d:%02d hours a week)",
			  n->ea_max_minutes / 60, n->ea_max_minutes % 60,
			  n->ea_minutes / 60, n->ea_minutes % 60);
}

/* Hours a week such as 37.5 as minutes; -1 with an error. */
int
cfg_hours(struct cfg *c, const char *key, const char *v, int line, int *minutes)
{
	long long hundredths;

	if (money_parse(v, &hundredths) == 0 && hundredths > 0 &&
	    hundredths <= 16800 && hundredths * 60 % 100 == 0) {
		*minutes = (int)(hundredths * 60 / 100);
		return 0;
	}
	cfg_error(c, line,
		  "%s must be hours a week from 0 to 168 in whole minutes, "
		  "such as 37.5, not \"%s\"",
		  key, v);
	return -1;
}

/*
 * The money keys of [network] and [role]: the week of a whole-time
 * equivalent, where and for which year ARRS pays, the recharge rule and
 * each role's maximum reimbursable amounts.
 */
void
cfg_load_money(struct cfg *c)
{
	static const char *areas[] = {"national", "outer-london",
				      "inner-london"};
	static const char *area_keys[] = {"arrs_max", "arrs_max_outer_london",
					  "arrs_max_inner_london"};
	struct net *n = c->net;
	const struct cfg_section *s = NULL;
	const char *v;
	int i, a, line;

	n->wte_minutes = 2250;
	for (i = 0; i < c->nsecs; i++)
		if (c->secs[i].type == SEC_NETWORK)
			s = &c->secs[i];
	if (s != NULL) {
		if ((v = cfg_get(c, s, "wte_hours", &line)) != NULL)
			cfg_hours(c, "wte_hours", v, line, &n->wte_minutes);
		if ((v = cfg_get(c, s, "arrs_area", &line)) != NULL) {
			for (a = 0; a < 3 && strcmp(v, areas[a]) != 0; a++)
				;
			if (a == 3)
				cfg_error(c, line,
					  "arrs_area must be national, "
					  "outer-london or inner-london, not "
					  "\"%s\"",
					  v);
			else
				n->arrs_area = (enum net_area)a;
		}
		if ((v = cfg_get(c, s, "arrs_year", &line)) != NULL) {
			/* 2026/27: April 2026 to March 2027. */
			int y, yy, len = 0;

			if (sscanf(v, "%4d/%2d%n", &y, &yy, &len) == 2 &&
			    (size_t)len == strlen(v) && len == 7 &&
			    isdigit((unsigned char)v[0]) &&
			    isdigit((unsigned char)v[5]) && y >= 2019 &&
			    y <= 2100 && yy == (y + 1) % 100)
				n->arrs_year = y;
			else
				cfg_error(c, line,
					  "arrs_year must be a year such as "
					  "2026/27, not \"%s\"",
					  v);
		}
		if ((v = cfg_get(c, s, "recharge", &line)) != NULL) {
			if (strcmp(v, "sessions") == 0)
				n->recharge_sessions = true;
			else if (strcmp(v, "agreement") != 0)
				cfg_error(c, line,
					  "recharge must be agreement or "
					  "sessions, not \"%s\"",
					  v);
		}
	}
	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *r = &c->secs[i];
		int role;

		if (r->type != SEC_ROLE || (role = net_find_role(n, r->id)) < 0)
			continue;
		for (a = 0; a < 3; a++) {
			n->roles[role].arrs_max[a] = -1;
			if ((v = cfg_get(c, r, area_keys[a], &line)) != NULL)
				cfg_money(c, area_keys[a], v, line,
					  &n->roles[role].arrs_max[a]);
		}
		/* The national amount says the role is claimed for. */
		if (n->roles[role].arrs_max[0] >= 0 &&
		    n->roles[role].arrs_max[n->arrs_area] < 0)
			cfg_error(c, r->line,
				  "role %s needs %s for arrs_area = %s", r->id,
				  area_keys[n->arrs_area], areas[n->arrs_area]);
	}
}
