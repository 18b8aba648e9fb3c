/*
 * [staff]: who works when and where, their leave and their rules (pin,
 * forbid, preferences).
 */

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "xmalloc.h"

#include "cfg_internal.h"

/* Some weekly session the person works has a room where they may work. */
static bool
can_be_placed(const struct net *n, const struct net_staff *st)
{
	int d, k, p;

	if (st->sessions == 0)
		return true; /* no sessions wanted: nothing to miss */
	for (d = 0; d < NET_DAYS; d++)
		for (k = 0; k < n->nsessions; k++)
			for (p = 0; p < n->npractices && st->works[d][k]; p++)
				if (st->may_work_at[p] &&
				    cfg_weekly_rooms(n, p, d, k) > 0)
					return true;
	return false;
}

static void
staff_works(struct cfg *c, const struct cfg_section *s, struct net_staff *st)
{
	struct net *n = c->net;
	struct cfg_slot slot;
	char *list, *cur, *item;
	const char *v;
	int d, k, line;
	bool held;

	/* Enhanced Access sessions come from enhanced_access (staff_ea). */
	if ((v = cfg_get(c, s, "works", &line)) == NULL) {
		for (d = 0; d < NET_DAYS; d++)
			for (k = 0; k < n->nsessions; k++)
				st->works[d][k] =
				    n->sessions[k].days[d] &&
					    !n->sessions[k].enhanced_access
					? NET_WEEKS_AB
					: 0;
		return;
	}
	list = cur = xstrdup(v);
	while ((item = cfg_next_item(&cur)) != NULL) {
		if (cfg_parse_when(c, item, line, CFG_SLOT_WEEKS, &slot) != 0) {
			free(item);
			continue;
		}
		if (slot.session >= 0 &&
		    n->sessions[slot.session].enhanced_access)
			cfg_error(c, line,
				  "works names Enhanced Access session "
				  "\"%s\": use enhanced_access instead",
				  item);
		for (d = 0; d < NET_DAYS; d++) {
			held = false;
			for (k = 0; k < n->nsessions; k++)
				if (cfg_slot_has(n, &slot, d, k) &&
				    !n->sessions[k].enhanced_access) {
					st->works[d][k] |=
					    (unsigned char)slot.weeks;
					held = true;
				}
			if (slot.days[d] && !held && slot.session < 0)
				cfg_warn(c, line,
					 "works names %s, but no session is "
					 "held on %s: %s is never placed then",
					 date_day_name(d), date_day_name(d),
					 s->id);
		}
		free(item);
	}
	free(list);
}

/*
 * A practice or one of its further sites, by identifier: sets practice,
 * and site to the site or -1 for a practice. -1 with an error otherwise.
 */
static int
find_place(struct cfg *c, const char *id, int line, int *practice, int *site)
{
	struct net *n = c->net;
	int k;

	*site = -1;
	if ((*practice = net_find_practice(n, id)) >= 0)
		return 0;
	if ((k = net_find_site(n, id)) >= 0 && n->sites[k].practice >= 0) {
		*site = k;
		*practice = n->sites[k].practice;
		return 0;
	}
	if (k >= 0)
		cfg_error(c, line,
			  "%s is a care home: its round is for the roles it "
			  "names, not a practice's",
			  id);
	else
		cfg_unknown(c, line, CFG_PRACTICE, id);
	return -1;
}

/* A practice none of whose sites is left is one they may not work at. */
static void
bar_practices(const struct net *n, struct net_staff *st)
{
	int p, k;

	for (p = 0; p < n->npractices; p++) {
		if (!st->may_work_at[p])
			continue;
		for (k = 0; k < n->nsites; k++)
			if (n->sites[k].practice == p && !st->barred[k])
				break;
		if (k == n->nsites)
			st->may_work_at[p] = false;
	}
}

/*
 * practices: a practice is all of its sites, a site that site alone; base
 * is a practice (or a site of it).
 */
static void
staff_practices(struct cfg *c, const struct cfg_section *s,
		struct net_staff *st)
{
	struct net *n = c->net;
	bool whole[NET_MAX_PRACTICES] = {false}, some[NET_MAX_SITES] = {false};
	char *list, *cur, *item;
	const char *v;
	int p, k, line;

	if ((v = cfg_get(c, s, "practices", &line)) == NULL) {
		for (p = 0; p < n->npractices; p++)
			st->may_work_at[p] = true;
	} else {
		list = cur = xstrdup(v);
		while ((item = cfg_next_item(&cur)) != NULL) {
			cfg_lower(item);
			if (find_place(c, item, line, &p, &k) == 0) {
				if (k < 0)
					whole[p] = true;
				else
					some[k] = true;
				st->may_work_at[p] = true;
			}
			free(item);
		}
		free(list);
		for (k = 0; k < n->nsites; k++)
			if ((p = n->sites[k].practice) >= 0 && !whole[p])
				st->barred[k] = !some[k];
	}
	st->base = -1;
	if ((v = cfg_get(c, s, "base", &line)) != NULL) {
		char *id = xstrdup(v);

		cfg_lower(id);
		if (find_place(c, id, line, &p, &k) != 0)
			;
		else if (!st->may_work_at[p] || (k >= 0 && st->barred[k]))
			cfg_error(c, line,
				  "base practice %s is not one of the "
				  "practices %s may work at",
				  id, st->id);
		else
			st->base = p;
		free(id);
	}
}

/* A date that is not YYYY-MM-DD: say how dates and ranges are written. */
static void
bad_leave_date(struct cfg *c, int line, const char *item)
{
	char iso[11];
	date_t d;

	if (strcmp(item, "-") == 0 || strcmp(item, "to") == 0 ||
	    strcmp(item, "\u2013") == 0)
		cfg_error(c, line,
			  "bad date range: write FROM..TO with two dots and "
			  "no spaces, such as 2026-12-14..2026-12-18");
	else if (strchr(item, '/') != NULL && line < 0)
		/* A CSV cell: its UK dates were read already. */
		cfg_error(c, line,
			  "bad date \"%s\": dates are read day/month/year: "
			  "use YYYY-MM-DD or D/M/YYYY",
			  item);
	else if (date_parse_uk(item, &d) == 0) {
		date_format(d, iso);
		cfg_error(c, line,
			  "bad date \"%s\": did you mean %s? (use "
			  "YYYY-MM-DD)",
			  item, iso);
	} else
		cfg_error(c, line,
			  "bad date \"%s\": use YYYY-MM-DD, YYYY-MM-DD.SESSION "
			  "or FROM..TO such as 2026-12-14..2026-12-18",
			  item);
}

int
cfg_leave_item(struct cfg *c, const char *key, const char *text, int line,
	       struct net_leave *l)
{
	struct cfg_slot slot;
	char *item = xstrdup(text), *range;
	int rc = -1;

	if ((range = strstr(item, "..")) != NULL) {
		*range = '\0';
		range += 2;
		if (date_parse(item, &l->from) != 0)
			bad_leave_date(c, line, item);
		else if (date_parse(range, &l->to) != 0)
			bad_leave_date(c, line, range);
		else if (l->to < l->from)
			cfg_error(c, line, "%s ends (%s) before it starts (%s)",
				  key, range, item);
		else
			rc = 0;
	} else if (!isdigit((unsigned char)item[0]))
		bad_leave_date(c, line, item);
	else if (strchr(item, '/') != NULL) {
		if (strchr(item, '.') != NULL)
			*strchr(item, '.') = '\0';
		bad_leave_date(c, line, item);
	} else if (cfg_parse_slot(c, item, line, true, &slot) == 0) {
		l->from = l->to = slot.date;
		l->session = slot.session;
		rc = 0;
	}
	free(item);
	return rc;
}

static void
staff_leave(struct cfg *c, const struct cfg_section *s, struct net_staff *st,
	    const char *key, enum net_absence kind)
{
	struct net_leave l;
	char *list, *cur, *item;
	const char *v;
	int line;

	if ((v = cfg_get(c, s, key, &line)) == NULL)
		return;
	list = cur = xstrdup(v);
	while ((item = cfg_next_item(&cur)) != NULL) {
		memset(&l, 0, sizeof l);
		l.session = -1;
		l.kind = kind;
		if (cfg_leave_item(c, key, item, line, &l) == 0) {
			net_add_leave(st, &l);
		}
		free(item);
	}
	free(list);
}

/*
 * Supervision needed, and the Enhanced Access sessions the person opted
 * in to: yes for all of them, or the slots that name some.
 */
static void
staff_ea(struct cfg *c, const struct cfg_section *s, struct net_staff *st)
{
	struct net *n = c->net;
	struct cfg_slot slot;
	char *list, *cur, *item;
	const char *v;
	int d, k, line, yes, found;

	yes = 0;
	if ((v = cfg_get(c, s, "needs_supervision", &line)) != NULL)
		yes = cfg_yes_no(c, "needs_supervision", v, line) == 1;
	st->needs_supervision =
	    yes || (st->role >= 0 && n->roles[st->role].supervised);
	if ((v = cfg_get(c, s, "enhanced_access", &line)) == NULL ||
	    strcmp(v, "no") == 0)
		return;
	if (strcmp(v, "yes") == 0) {
		for (d = 0; d < NET_DAYS; d++)
			for (k = 0; k < n->nsessions; k++)
				if (n->sessions[k].enhanced_access &&
				    n->sessions[k].days[d])
					st->works[d][k] = NET_WEEKS_AB;
		st->enhanced_access = true;
		return;
	}
	list = cur = xstrdup(v);
	while ((item = cfg_next_item(&cur)) != NULL) {
		if (cfg_parse_when(c, item, line, CFG_SLOT_EA, &slot) != 0) {
			free(item);
			continue;
		}
		found = 0;
		for (d = 0; d < NET_DAYS; d++)
			for (k = 0; k < n->nsessions; k++)
				if (cfg_slot_has(n, &slot, d, k) &&
				    n->sessions[k].enhanced_access) {
					st->works[d][k] = NET_WEEKS_AB;
					found++;
				}
		if (found == 0)
			cfg_error(c, line,
				  "enhanced_access names \"%s\", which has no "
				  "Enhanced Access session (yes, no or slots "
				  "of sessions with enhanced_access = yes)",
				  item);
		else
			st->enhanced_access = true;
		free(item);
	}
	free(list);
}

/* A pin or forbid: PRACTICE@SLOT; -1 with an error when not one. */
static int
parse_where(struct cfg *c, const char *key, const char *item, int line,
	    struct net_where *w)
{
	struct cfg_slot slot;
	char *copy = xstrdup(item), *at;
	int rc = -1;

	memset(w, 0, sizeof *w);
	w->line = line;
	w->site = -1;
	if ((at = strchr(copy, '@')) == NULL) {
		cfg_error(c, line,
			  "bad %s \"%s\": use PRACTICE@SLOT such as "
			  "castle@mon.am",
			  key, item);
		goto out;
	}
	*at = '\0';
	cfg_lower(copy);
	if (find_place(c, copy, line, &w->practice, &w->site) != 0)
		goto out;
	if (cfg_parse_slot(c, at + 1, line, true, &slot) != 0)
		goto out;
	memcpy(w->days, slot.days, sizeof w->days);
	w->session = slot.session;
	w->one_off = slot.is_date;
	w->date = slot.date;
	rc = 0;
out:
	free(copy);
	return rc;
}

/* Whether two pins or forbids can name the same date. */
static bool
where_same_day(const struct net_where *a, const struct net_where *b)
{
	int d;

	if (a->one_off && b->one_off)
		return a->date == b->date;
	for (d = 0; d < NET_DAYS; d++)
		if (a->days[d] && b->days[d])
			return true;
	return false;
}

/* The sessions of weekday d a pin or forbid of st covers. */
static bool
where_has(const struct net *n, const struct net_staff *st,
	  const struct net_where *w, bool is_pin, int d, int k)
{
	if (!w->days[d] || !n->sessions[k].days[d])
		return false;
	if (w->session >= 0)
		return w->session == k;
	return net_day_session(n, d, k) && (!is_pin || st->works[d][k]);
}

static bool
where_overlap(const struct net *n, const struct net_staff *st,
	      const struct net_where *a, bool a_pin, const struct net_where *b,
	      bool b_pin)
{
	int d, k;

	if (!where_same_day(a, b))
		return false;
	for (d = 0; d < NET_DAYS; d++)
		for (k = 0; k < n->nsessions; k++)
			if (where_has(n, st, a, a_pin, d, k) &&
			    where_has(n, st, b, b_pin, d, k) &&
			    (!a->one_off || !b->one_off ||
			     date_weekday(a->date) == d))
				return true;
	return false;
}

/* What is certain from the file about a pin: it can hold. */
static void
check_pin(struct cfg *c, struct net_staff *st, const struct net_where *w,
	  const char *text)
{
	struct net *n = c->net;
	int d, k, sessions = 0;

	if (!st->may_work_at[w->practice] ||
	    (w->site >= 0 && st->barred[w->site])) {
		cfg_error(c, w->line, "pin \"%s\": %s may not work at %s", text,
			  st->id,
			  w->site >= 0 ? n->sites[w->site].id
				       : n->practices[w->practice].id);
		return;
	}
	for (d = 0; d < NET_DAYS; d++)
		for (k = 0; k < n->nsessions; k++) {
			if (!where_has(n, st, w, true, d, k))
				continue;
			if (!st->works[d][k]) {
				cfg_error(c, w->line,
					  "pin \"%s\": %s does not work on "
					  "%s.%s",
					  text, st->id, date_day_name(d),
					  n->sessions[k].id);
				return;
			}
			if ((w->site >= 0 ? n->sites[w->site].rooms[d][k]
					  : cfg_weekly_rooms(n, w->practice, d,
							     k)) == 0) {
				cfg_error(c, w->line,
					  "pin \"%s\": %s has no room on "
					  "%s.%s",
					  text,
					  w->site >= 0
					      ? n->sites[w->site].id
					      : n->practices[w->practice].id,
					  date_day_name(d), n->sessions[k].id);
				return;
			}
			sessions++;
		}
	if (sessions == 0)
		cfg_error(c, w->line, "pin \"%s\": %s works no session then",
			  text, st->id);
}

/*
 * A forbid without a slot, PLACE: never there. Returns whether item was
 * one (an error told when PLACE is not a practice or site).
 */
static bool
bar_place(struct cfg *c, const char *key, const char *item, int line,
	  struct net_staff *st)
{
	struct net *n = c->net;
	char *id;
	int p, k;

	if (strcmp(key, "forbid") != 0 || strchr(item, '@') != NULL)
		return false;
	id = xstrdup(item);
	cfg_lower(id);
	if (find_place(c, id, line, &p, &k) == 0) {
		if (k >= 0)
			st->barred[k] = true;
		else
			st->may_work_at[p] = false;
		bar_practices(n, st);
	}
	free(id);
	return true;
}

static int
load_wheres(struct cfg *c, const struct cfg_section *s, const char *key,
	    struct net_where **out, char ***texts, struct net_staff *st)
{
	char *list, *cur, *item;
	const char *v;
	struct net_where w;
	int line, count = 0;

	if ((v = cfg_get(c, s, key, &line)) == NULL)
		return 0;
	list = cur = xstrdup(v);
	while ((item = cfg_next_item(&cur)) != NULL) {
		if (bar_place(c, key, item, line, st)) {
			free(item);
			continue;
		}
		if (parse_where(c, key, item, line, &w) == 0) {
			*out = xreallocarray(*out, (size_t)count + 1,
					     sizeof **out);
			*texts = xreallocarray(*texts, (size_t)count + 1,
					       sizeof **texts);
			(*out)[count] = w;
			(*texts)[count++] = item;
		} else
			free(item);
	}
	free(list);
	return count;
}

/* Pins, forbids, the daily limit and preferences of one person. */
static void
staff_rules(struct cfg *c, const struct cfg_section *s, struct net_staff *st)
{
	struct net *n = c->net;
	char **pins = NULL, **forbids = NULL, *list, *cur, *item;
	const char *v;
	long num;
	int i, j, p, k, line;

	/* Forbids first: one without a slot takes a place away. */
	st->nforbids = load_wheres(c, s, "forbid", &st->forbids, &forbids, st);
	st->npins = load_wheres(c, s, "pin", &st->pins, &pins, st);
	for (i = 0; i < st->npins; i++) {
		check_pin(c, st, &st->pins[i], pins[i]);
		for (j = 0; j < i; j++) {
			if (where_overlap(n, st, &st->pins[j], true,
					  &st->pins[i], true))
				cfg_error(c, st->pins[i].line,
					  "pins \"%s\" and \"%s\" name the "
					  "same session",
					  pins[j], pins[i]);
			else if ((st->pins[j].practice !=
				      st->pins[i].practice ||
				  (st->pins[j].site >= 0 &&
				   st->pins[i].site >= 0 &&
				   st->pins[j].site != st->pins[i].site)) &&
				 where_same_day(&st->pins[j], &st->pins[i]))
				cfg_error(c, st->pins[i].line,
					  "pins \"%s\" and \"%s\" put %s at "
					  "two practices on one day",
					  pins[j], pins[i], st->id);
		}
		for (j = 0; j < st->nforbids; j++)
			if (st->forbids[j].practice == st->pins[i].practice &&
			    (st->forbids[j].site < 0 ||
			     st->forbids[j].site == st->pins[i].site) &&
			    where_overlap(n, st, &st->pins[i], true,
					  &st->forbids[j], false))
				cfg_error(c, st->forbids[j].line,
					  "forbid \"%s\" contradicts pin "
					  "\"%s\"",
					  forbids[j], pins[i]);
	}
	for (i = 0; i < st->npins; i++)
		free(pins[i]);
	for (i = 0; i < st->nforbids; i++)
		free(forbids[i]);
	free(pins);
	free(forbids);
	if ((v = cfg_get(c, s, "max_per_day", &line)) != NULL &&
	    cfg_whole(c, "max_per_day", v, line, 1, NET_MAX_SESSIONS, &num) ==
		0)
		st->max_per_day = (int)num;
	if ((v = cfg_get(c, s, "prefer_practices", &line)) != NULL) {
		st->has_prefer_practices = true;
		list = cur = xstrdup(v);
		while ((item = cfg_next_item(&cur)) != NULL) {
			cfg_lower(item);
			if (find_place(c, item, line, &p, &k) != 0)
				;
			else if (!st->may_work_at[p] ||
				 (k >= 0 && st->barred[k]))
				cfg_error(c, line,
					  "preferred practice %s is not one "
					  "of the practices %s may work at",
					  item, st->id);
			else if (k >= 0)
				st->prefer_site[k] = true;
			else
				st->prefer_practice[p] = true;
			free(item);
		}
		free(list);
	}
	if ((v = cfg_get(c, s, "prefer_days", &line)) != NULL) {
		st->has_prefer_days = true;
		list = cur = xstrdup(v);
		while ((item = cfg_next_item(&cur)) != NULL) {
			cfg_days(c, item, line, st->prefer_day);
			free(item);
		}
		free(list);
	}
}

/* Employment dates, hours and pay: what the monthly claim reads. */
static void
staff_money(struct cfg *c, const struct cfg_section *s, struct net_staff *st)
{
	const char *v;
	char *copy;
	size_t len;
	long long percent;
	int line, start_line = 0;

	st->salary = st->on_costs = -1;
	if ((v = cfg_get(c, s, "start_date", &line)) != NULL)
		cfg_date(c, "start_date", v, line, &st->start);
	start_line = line;
	if ((v = cfg_get(c, s, "end_date", &line)) != NULL &&
	    cfg_date(c, "end_date", v, line, &st->end) == 0 && st->start != 0 &&
	    st->end < st->start)
		cfg_error(c, line, "end_date %s is before start_date (line %d)",
			  v, start_line);
	if ((v = cfg_get(c, s, "hours", &line)) != NULL)
		cfg_hours(c, "hours", v, line, &st->hours_minutes);
	if ((v = cfg_get(c, s, "salary", &line)) != NULL)
		cfg_money(c, "salary", v, line, &st->salary);
	if ((v = cfg_get(c, s, "on_costs", &line)) == NULL)
		return;
	len = strlen(v);
	if (len > 1 && v[len - 1] == '%') {
		/* A percentage of the salary, to two decimals. */
		copy = xstrndup(v, len - 1);
		if (money_parse(copy, &percent) != 0 || percent > 10000)
			cfg_error(c, line,
				  "on_costs must be pounds or a percentage "
				  "of the salary up to 100%%, such as 28.5%%, "
				  "not \"%s\"",
				  v);
		else if (st->salary < 0)
			cfg_error(c, line,
				  "on_costs as a percentage needs salary");
		else
			st->on_costs = money_ratio(st->salary, percent, 10000);
		free(copy);
	} else
		cfg_money(c, "on_costs", v, line, &st->on_costs);
}

void
cfg_load_staff(struct cfg *c)
{
	struct net *n = c->net;
	struct net_staff *st;
	const char *v;
	char *id;
	long num;
	int i, line;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];

		if (s->type != SEC_STAFF)
			continue;
		if (n->nstaff == NET_MAX_STAFF) {
			cfg_error(c, s->line, "more than %d staff",
				  NET_MAX_STAFF);
			return;
		}
		n->staff = xreallocarray(n->staff, (size_t)n->nstaff + 1,
					 sizeof *n->staff);
		st = &n->staff[n->nstaff++];
		memset(st, 0, sizeof *st);
		st->id = xstrdup(s->id);
		st->line = s->line;
		st->role = -1;
		v = cfg_need(c, s, "name", &line);
		st->name = xstrdup(v != NULL ? v : s->id);
		if ((v = cfg_need(c, s, "role", &line)) != NULL) {
			id = xstrdup(v);
			cfg_lower(id);
			if ((st->role = net_find_role(n, id)) < 0)
				cfg_unknown(c, line, CFG_ROLE, id);
			free(id);
		}
		if ((v = cfg_need(c, s, "sessions", &line)) != NULL &&
		    cfg_whole(c, "sessions", v, line, 0, 14, &num) == 0)
			st->sessions = (int)num;
		staff_works(c, s, st);
		staff_practices(c, s, st);
		staff_rules(c, s, st);
		staff_ea(c, s, st);
		staff_leave(c, s, st, "leave", NET_LEAVE);
		staff_leave(c, s, st, "sickness", NET_SICKNESS);
		staff_leave(c, s, st, "training", NET_TRAINING);
		staff_money(c, s, st);
		if (st->role >= 0 && !can_be_placed(n, st))
			cfg_warn(c, s->line,
				 "%s can never be placed: no session %s works "
				 "has a room at a practice %s may work at",
				 s->id, s->id, s->id);
	}
}
