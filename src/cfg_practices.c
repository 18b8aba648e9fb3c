/*
 * [practice], [site], [care_home] and travel between them: where people can
 * be sent, with rooms, closures, requests and supervision.
 */

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

#include "cfg_internal.h"

static bool
valid_ods(const char *v)
{
	int i;

	if (strlen(v) != 6 || !isupper((unsigned char)v[0]))
		return false;
	for (i = 1; i < 6; i++)
		if (!isdigit((unsigned char)v[i]))
			return false;
	return true;
}

/*
 * A closed slot: a weekly one takes the rooms away; one on a date, a day
 * of the month or in week A or B only is a closure, checked by date.
 */
static void
site_closed(struct net *n, struct net_site *p, const struct cfg_slot *slot)
{
	struct net_closure *cl;
	int d, k;

	for (d = 0; d < NET_DAYS; d++)
		for (k = 0; k < n->nsessions; k++) {
			if (!cfg_slot_has(n, slot, d, k))
				continue;
			if (!slot->is_date && slot->nth == 0 &&
			    slot->weeks == NET_WEEKS_AB) {
				p->rooms[d][k] = 0;
				continue;
			}
			p->closures =
			    xreallocarray(p->closures, (size_t)p->nclosures + 1,
					  sizeof *p->closures);
			cl = &p->closures[p->nclosures++];
			cl->day = d;
			cl->session = k;
			cl->one_off = slot->is_date;
			cl->date = slot->date;
			cl->nth = slot->nth;
			cl->weeks = slot->weeks;
		}
}

/* rooms, rooms_at and closed of a practice's or a further site's section. */
static void
site_rooms(struct cfg *c, const struct cfg_section *s, struct net_site *p)
{
	struct net *n = c->net;
	struct cfg_slot slot;
	char *list, *cur, *item, *colon;
	const char *v;
	long rooms = 1;
	int d, k, line;

	if ((v = cfg_get(c, s, "rooms", &line)) != NULL)
		if (cfg_whole(c, "rooms", v, line, 0, 50, &rooms) != 0)
			rooms = 1;
	for (d = 0; d < NET_DAYS; d++)
		for (k = 0; k < n->nsessions; k++)
			p->rooms[d][k] =
			    n->sessions[k].days[d] ? (int)rooms : 0;
	if ((v = cfg_get(c, s, "rooms_at", &line)) != NULL) {
		list = cur = xstrdup(v);
		while ((item = cfg_next_item(&cur)) != NULL) {
			if ((colon = strchr(item, ':')) == NULL) {
				cfg_error(c, line,
					  "bad rooms_at \"%s\": use SLOT:N "
					  "such as mon.am:2",
					  item);
				free(item);
				continue;
			}
			*colon = '\0';
			if (cfg_parse_slot(c, item, line, false, &slot) == 0 &&
			    cfg_whole(c, "rooms", colon + 1, line, 0, 50,
				      &rooms) == 0)
				for (d = 0; d < NET_DAYS; d++)
					for (k = 0; k < n->nsessions; k++)
						if (cfg_slot_has(n, &slot, d,
								 k))
							p->rooms[d][k] =
							    (int)rooms;
			free(item);
		}
		free(list);
	}
	if ((v = cfg_get(c, s, "closed", &line)) != NULL) {
		list = cur = xstrdup(v);
		while ((item = cfg_next_item(&cur)) != NULL) {
			if (cfg_parse_when(c, item, line,
					   CFG_SLOT_DATE | CFG_SLOT_MONTHLY |
					       CFG_SLOT_WEEKS,
					   &slot) == 0)
				site_closed(n, p, &slot);
			free(item);
		}
		free(list);
	}
}

static void
add_request(struct net *n, int practice, int site, int role, int d, int session,
	    const struct cfg_slot *slot, int line)
{
	struct net_request *r;

	n->requests = xreallocarray(n->requests, (size_t)n->nrequests + 1,
				    sizeof *n->requests);
	r = &n->requests[n->nrequests++];
	r->practice = practice;
	r->site = site;
	r->role = role;
	r->day = d;
	r->session = session;
	r->one_off = slot->is_date;
	r->date = slot->is_date ? slot->date : 0;
	r->nth = slot->nth;
	r->weeks = slot->weeks;
	r->line = line;
}

int
cfg_request_item(struct cfg *c, int practice, int site, const char *text,
		 int line)
{
	struct net *n = c->net;
	struct cfg_slot slot;
	char *item, *at;
	int d, k, role, rc = 0;

	if ((at = strchr(text, '@')) == NULL) {
		cfg_error(c, line,
			  "bad request \"%s\": use ROLE@SLOT such as "
			  "pharmacist@mon.am",
			  text);
		return 0;
	}
	item = xstrdup(text);
	at = item + (at - text);
	*at = '\0';
	cfg_lower(item);
	if ((role = net_find_role(n, item)) < 0)
		cfg_unknown(c, line, CFG_ROLE, item);
	else if (cfg_parse_when(c, at + 1, line,
				CFG_SLOT_DATE | CFG_SLOT_MONTHLY |
				    CFG_SLOT_WEEKS,
				&slot) == 0) {
		for (d = 0; d < NET_DAYS && rc == 0; d++)
			for (k = 0; k < n->nsessions; k++) {
				if (!cfg_slot_has(n, &slot, d, k))
					continue;
				if (n->nrequests == NET_MAX_REQUESTS) {
					cfg_error(c, line,
						  "more than %d requests",
						  NET_MAX_REQUESTS);
					rc = -1;
					break;
				}
				add_request(n, practice, site, role, d, k,
					    &slot, line);
			}
	}
	free(item);
	return rc;
}

/* requests of a practice (site -1: any of its sites) or of a site. */
static void
practice_requests(struct cfg *c, const struct cfg_section *s, int practice,
		  int site)
{
	char *list, *cur, *item;
	const char *v;
	int line, rc = 0;

	if ((v = cfg_get(c, s, "requests", &line)) == NULL)
		return;
	list = cur = xstrdup(v);
	while (rc == 0 && (item = cfg_next_item(&cur)) != NULL) {
		rc = cfg_request_item(c, practice, site, item, line);
		free(item);
	}
	free(list);
}

/* The slots that have a supervisor on site. */
static void
site_supervision(struct cfg *c, const struct cfg_section *s, struct net_site *p)
{
	struct net *n = c->net;
	struct cfg_slot slot;
	char *list, *cur, *item;
	const char *v;
	int d, k, line;

	if ((v = cfg_get(c, s, "supervision", &line)) == NULL)
		return;
	list = cur = xstrdup(v);
	while ((item = cfg_next_item(&cur)) != NULL) {
		if (cfg_parse_slot(c, item, line, false, &slot) == 0)
			for (d = 0; d < NET_DAYS; d++)
				for (k = 0; k < n->nsessions; k++)
					if (cfg_slot_has(n, &slot, d, k))
						p->supervisor[d][k] = true;
		free(item);
	}
	free(list);
}

/* A new site, or NULL past the limit (reported). */
static struct net_site *
add_site(struct cfg *c, const struct cfg_section *s, const char *id,
	 int practice)
{
	struct net *n = c->net;
	struct net_site *site;

	if (n->nsites == NET_MAX_SITES) {
		cfg_error(c, s->line,
			  "more than %d sites and care homes in all",
			  NET_MAX_SITES);
		return NULL;
	}
	n->sites =
	    xreallocarray(n->sites, (size_t)n->nsites + 1, sizeof *n->sites);
	site = &n->sites[n->nsites++];
	memset(site, 0, sizeof *site);
	site->id = xstrdup(id);
	site->practice = practice;
	site->line = s->line;
	return site;
}

void
cfg_load_practices(struct cfg *c)
{
	struct net *n = c->net;
	struct net_practice *p;
	struct net_site *site;
	const char *v;
	char *end;
	long num;
	int i, line;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];

		if (s->type != SEC_PRACTICE)
			continue;
		if (n->npractices == NET_MAX_PRACTICES) {
			cfg_error(c, s->line, "more than %d practices",
				  NET_MAX_PRACTICES);
			return;
		}
		n->practices =
		    xreallocarray(n->practices, (size_t)n->npractices + 1,
				  sizeof *n->practices);
		p = &n->practices[n->npractices++];
		memset(p, 0, sizeof *p);
		p->id = xstrdup(s->id);
		p->line = s->line;
		p->weighted_list_size = -1;
		if ((v = cfg_need(c, s, "name", &line)) != NULL)
			p->name = xstrdup(v);
		else
			p->name = xstrdup(s->id);
		if ((v = cfg_get(c, s, "ods", &line)) != NULL) {
			if (!valid_ods(v))
				cfg_error(c, line,
					  "bad ODS code \"%s\": one capital "
					  "letter and five digits, such as "
					  "B82001",
					  v);
			else
				p->ods = xstrdup(v);
		}
		if ((v = cfg_get(c, s, "address", &line)) != NULL && *v != '\0')
			p->address = xstrdup(v);
		if ((v = cfg_need(c, s, "list_size", &line)) != NULL &&
		    cfg_whole(c, "list_size", v, line, 0, NET_MAX_LIST_SIZE,
			      &num) == 0)
			p->list_size = num;
		if ((v = cfg_get(c, s, "weighted_list_size", &line)) != NULL) {
			double w;

			errno = 0;
			w = strtod(v, &end);
			if (*v == '\0' || *end != '\0' || errno != 0 ||
			    !isfinite(w) || w < 0 || w > 1e7)
				cfg_error(c, line,
					  "weighted_list_size must be a number "
					  ">= 0, not \"%s\"",
					  v);
			else
				p->weighted_list_size = w;
		}
		practice_requests(c, s, n->npractices - 1, -1);
		cfg_practice_minimum(c, s, p);
		if ((v = cfg_get(c, s, "ea_hub", &line)) != NULL)
			p->ea_hub = cfg_yes_no(c, "ea_hub", v, line) == 1;
		cfg_practice_agreement(c, s, p);
		site = add_site(c, s, p->id, n->npractices - 1);
		site->name = xstrdup(p->name);
		if (p->address != NULL)
			site->address = xstrdup(p->address);
		site_rooms(c, s, site);
		site_supervision(c, s, site);
	}
	if (n->npractices == 0 && c->nsecs > 0)
		cfg_error(c, 0, "no [practice ...] section");
}

/* Rooms at all of practice p's sites in a weekly slot. */
int
cfg_weekly_rooms(const struct net *n, int p, int d, int k)
{
	int i, rooms = 0;

	for (i = 0; i < n->nsites; i++)
		if (n->sites[i].practice == p)
			rooms += n->sites[i].rooms[d][k];
	return rooms;
}

/* A site's or care home's identifier must not name another place. */
static bool
site_id_free(struct cfg *c, const struct cfg_section *s)
{
	int k = net_find_site(c->net, s->id);

	if (k < 0)
		return true;
	cfg_error(c, s->line, "[%s %s]: %s %s (line %d) has that identifier",
		  cfg_section_name(s->type), s->id,
		  c->net->sites[k].practice < 0
		      ? "care home"
		      : (k < c->net->npractices ? "practice" : "site"),
		  s->id, c->net->sites[k].line);
	return false;
}

/* Further sites of practices, such as branch surgeries. */
void
cfg_load_sites(struct cfg *c)
{
	struct net *n = c->net;
	struct net_site *site;
	const char *v;
	char *id;
	int i, p, line;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];

		if (s->type != SEC_SITE || !site_id_free(c, s))
			continue;
		if ((v = cfg_need(c, s, "practice", &line)) == NULL)
			continue;
		id = xstrdup(v);
		cfg_lower(id);
		p = net_find_practice(n, id);
		if (p < 0)
			cfg_unknown(c, line, CFG_PRACTICE, id);
		free(id);
		if (p < 0 || (site = add_site(c, s, s->id, p)) == NULL)
			continue;
		v = cfg_get(c, s, "name", &line);
		site->name = xstrdup(v != NULL && *v != '\0' ? v : s->id);
		if ((v = cfg_get(c, s, "address", &line)) != NULL && *v != '\0')
			site->address = xstrdup(v);
		site_rooms(c, s, site);
		site_supervision(c, s, site);
		practice_requests(c, s, p, n->nsites - 1);
	}
}

/* The roles that may do a care home's round, and when it may be held. */
static void
care_home_round(struct cfg *c, const struct cfg_section *s,
		struct net_site *home)
{
	struct net *n = c->net;
	struct cfg_slot slot;
	char *list, *cur, *item;
	const char *v;
	long num = 1;
	int d, k, r, line, slots, rounds_line, errors = c->errors;

	if ((v = cfg_need(c, s, "roles", &line)) != NULL) {
		list = cur = xstrdup(v);
		while ((item = cfg_next_item(&cur)) != NULL) {
			cfg_lower(item);
			if ((r = net_find_role(n, item)) < 0)
				cfg_unknown(c, line, CFG_ROLE, item);
			else
				home->round_role[r] = true;
			free(item);
		}
		free(list);
	}
	if ((v = cfg_get(c, s, "rounds", &line)) != NULL &&
	    cfg_whole(c, "rounds", v, line, 0, 14, &num) != 0)
		num = 1;
	home->rounds = (int)num;
	rounds_line = line;
	if ((v = cfg_get(c, s, "round_at", &line)) == NULL) {
		/* Any weekday session in core hours. */
		for (d = 0; d < 5; d++)
			for (k = 0; k < n->nsessions; k++)
				home->rooms[d][k] =
				    n->sessions[k].days[d] &&
				    !n->sessions[k].enhanced_access;
		v = "";
	}
	list = cur = xstrdup(v);
	while ((item = cfg_next_item(&cur)) != NULL) {
		if (cfg_parse_slot(c, item, line, false, &slot) == 0)
			for (d = 0; d < NET_DAYS; d++)
				for (k = 0; k < n->nsessions; k++) {
					if (!cfg_slot_has(n, &slot, d, k))
						continue;
					if (n->sessions[k].enhanced_access)
						cfg_error(c, line,
							  "round_at \"%s\": %s "
							  "is an Enhanced "
							  "Access session",
							  item,
							  n->sessions[k].id);
					home->rooms[d][k] = 1;
				}
		free(item);
	}
	free(list);
	for (d = slots = 0; d < NET_DAYS; d++)
		for (k = 0; k < n->nsessions; k++)
			slots += home->rooms[d][k];
	/* Said once: not again after a bad rounds or round_at. */
	if (home->rounds > slots && c->errors == errors)
		cfg_error(c, rounds_line,
			  "rounds = %d, but round_at allows %d session%s a "
			  "week (one round a session)",
			  home->rounds, slots, slots == 1 ? "" : "s");
}

/* Care homes aligned to the network, each with a weekly round. */
void
cfg_load_care_homes(struct cfg *c)
{
	struct net_site *home;
	const char *v;
	int i, line;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];

		if (s->type != SEC_CARE_HOME || !site_id_free(c, s) ||
		    (home = add_site(c, s, s->id, -1)) == NULL)
			continue;
		v = cfg_need(c, s, "name", &line);
		home->name = xstrdup(v != NULL ? v : s->id);
		if ((v = cfg_get(c, s, "address", &line)) != NULL && *v != '\0')
			home->address = xstrdup(v);
		care_home_round(c, s, home);
		site_supervision(c, s, home);
	}
}

/* One travel item, SITE:SITE:MINUTES; returns 0 when it is good. */
static int
parse_travel(struct cfg *c, char *item, int line, struct net_travel *t)
{
	struct net *n = c->net;
	char *b, *min;
	long num;

	cfg_lower(item);
	if ((b = strchr(item, ':')) == NULL ||
	    (min = strchr(b + 1, ':')) == NULL) {
		cfg_error(c, line,
			  "bad travel \"%s\": use PLACE:PLACE:MINUTES such as "
			  "castle:castle-branch:15",
			  item);
		return -1;
	}
	*b++ = '\0';
	*min++ = '\0';
	if ((t->a = net_find_site(n, item)) < 0 ||
	    (t->b = net_find_site(n, b)) < 0) {
		cfg_unknown(c, line, CFG_PLACE, t->a < 0 ? item : b);
		return -1;
	}
	if (t->a == t->b) {
		cfg_error(c, line, "travel from %s to itself", item);
		return -1;
	}
	if (cfg_whole(c, "travel minutes", min, line, 0, NET_MAX_TRAVEL,
		      &num) != 0)
		return -1;
	if (net_travel_minutes(n, t->a, t->b) >= 0) {
		cfg_error(c, line, "travel between %s and %s given twice", item,
			  b);
		return -1;
	}
	t->minutes = (int)num;
	t->line = line;
	return 0;
}

/* The pairs of sites the network allows on one day, with travel times. */
void
cfg_load_travel(struct cfg *c)
{
	struct net *n = c->net;
	struct net_travel t;
	char *list, *cur, *item;
	const char *v;
	int i, line;

	for (i = 0; i < c->nsecs; i++)
		if (c->secs[i].type == SEC_NETWORK)
			break;
	if (i == c->nsecs ||
	    (v = cfg_get(c, &c->secs[i], "travel", &line)) == NULL)
		return;
	list = cur = xstrdup(v);
	while ((item = cfg_next_item(&cur)) != NULL) {
		if (parse_travel(c, item, line, &t) == 0) {
			n->travel =
			    xreallocarray(n->travel, (size_t)n->ntravel + 1,
					  sizeof *n->travel);
			n->travel[n->ntravel++] = t;
		}
		free(item);
	}
	free(list);
}
