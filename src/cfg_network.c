/*
 * [network], [session], [role] and [objective], and the Enhanced Access
 * hours the network owes.
 */

#include <ctype.h>
#include <errno.h>
#include <libical/ical.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

#include "cfg_internal.h"

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
		if ((v = cfg_need(c, s, "start", &line)) == NULL)
			ok = 0;
		else if (date_parse_hhmm(v, &ss->start) != 0) {
			cfg_error(c, line, "bad time \"%s\": use HH:MM", v);
			ok = 0;
		}
		if ((v = cfg_need(c, s, "end", &line)) == NULL)
			ok = 0;
		else if (date_parse_hhmm(v, &ss->end) != 0) {
			cfg_error(c, line, "bad time \"%s\": use HH:MM", v);
			ok = 0;
		} else if (ok && ss->end <= ss->start) {
			char a[8], b[8];

			date_format_hhmm(ss->end, a);
			date_format_hhmm(ss->start, b);
			cfg_error(c, line,
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
