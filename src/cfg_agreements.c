/*
 * Agreements: how each role is shared between practices (share, share_percent,
 * fixed_sessions, minimum).
 */

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

#include "cfg_internal.h"

static int
parse_share(struct cfg *c, const char *v, int line, enum net_share *share)
{
	static const char *names[] = {"list", "weighted", "percent", "fixed"};
	size_t i;

	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(v, names[i]) == 0) {
			*share = (enum net_share)i;
			return 0;
		}
	cfg_error(c, line,
		  "share must be list, weighted, percent or fixed, not \"%s\"",
		  v);
	return -1;
}

/* What the role's agreement needs from every practice is there. */
static void
check_share(struct cfg *c, int role, int line)
{
	const struct net *n = c->net;
	const struct net_role *r = &n->roles[role];
	double percent = 0;
	int p, fixed = 0;

	for (p = 0; p < n->npractices; p++) {
		const struct net_practice *pr = &n->practices[p];

		if (r->share == NET_SHARE_WEIGHTED &&
		    pr->weighted_list_size < 0) {
			cfg_error(c, line,
				  "share = weighted but practice %s has no "
				  "weighted_list_size",
				  pr->id);
			return;
		}
		if (r->share == NET_SHARE_PERCENT && pr->share_percent < 0) {
			cfg_error(c, line,
				  "share = percent but practice %s has no "
				  "share_percent",
				  pr->id);
			return;
		}
		percent += pr->share_percent;
		fixed += pr->fixed_sessions[role];
	}
	if (r->share == NET_SHARE_PERCENT && fabs(percent - 100) > 0.01)
		cfg_error(c, line,
			  "share = percent but the practices' share_percent "
			  "add up to %g, not 100",
			  percent);
	if (r->share == NET_SHARE_FIXED && fixed == 0)
		cfg_error(c, line,
			  "share = fixed but no practice has fixed_sessions "
			  "for role %s",
			  r->id);
}

/*
 * Applied after practices load, when their sizes and agreements are
 * known: the network's basis, then each role's own.
 */
void
cfg_load_share(struct cfg *c)
{
	struct net *n = c->net;
	const struct cfg_section *s = NULL;
	const char *v;
	int i, r, line = 0, all_weighted = n->npractices > 0;

	for (i = 0; i < n->npractices; i++)
		if (n->practices[i].weighted_list_size < 0)
			all_weighted = 0;
	n->share = all_weighted ? NET_SHARE_WEIGHTED : NET_SHARE_LIST;
	for (i = 0; i < c->nsecs; i++)
		if (c->secs[i].type == SEC_NETWORK)
			s = &c->secs[i];
	if (s != NULL && (v = cfg_get(c, s, "share", &line)) != NULL &&
	    parse_share(c, v, line, &n->share) != 0)
		return;
	for (r = 0; r < n->nroles; r++) {
		int role_line = line;

		n->roles[r].share = n->share;
		for (i = 0; i < c->nsecs; i++) {
			const struct cfg_section *rs = &c->secs[i];
			int own;

			if (rs->type != SEC_ROLE ||
			    strcmp(rs->id, n->roles[r].id) != 0 ||
			    (v = cfg_get(c, rs, "share", &own)) == NULL)
				continue;
			role_line =
			    parse_share(c, v, own, &n->roles[r].share) == 0
				? own
				: -1;
		}
		/* An inferred basis needs nothing; a role's own is checked. */
		if (role_line > 0)
			check_share(c, r, role_line);
	}
}

/* Sessions of a role the practice needs a week: ROLE:N. */
/*
 * A list of ROLE:N, such as "pharmacist:4 physio:2", into counts by role;
 * key names it in messages, example shows the form.
 */
static void
role_counts(struct cfg *c, const char *key, const char *v, int line,
	    const char *example, long max, int counts[NET_MAX_ROLES])
{
	char *list, *cur, *item, *colon;
	long num;
	int role;

	list = cur = xstrdup(v);
	while ((item = cfg_next_item(&cur)) != NULL) {
		if ((colon = strchr(item, ':')) == NULL) {
			cfg_error(c, line,
				  "bad %s \"%s\": use ROLE:N such as %s", key,
				  item, example);
			free(item);
			continue;
		}
		*colon = '\0';
		cfg_lower(item);
		if ((role = net_find_role(c->net, item)) < 0)
			cfg_unknown(c, line, CFG_ROLE, item);
		else if (cfg_whole(c, key, colon + 1, line, 0, max, &num) ==
			 0) {
			if (counts[role] > 0)
				cfg_error(c, line, "%s for %s given twice", key,
					  item);
			counts[role] = (int)num;
		}
		free(item);
	}
	free(list);
}

void
cfg_practice_minimum(struct cfg *c, const struct cfg_section *s,
		     struct net_practice *p)
{
	const char *v;
	int line;

	if ((v = cfg_get(c, s, "minimum", &line)) == NULL)
		return;
	p->minimum_line = line;
	role_counts(c, "minimum", v, line, "pharmacist:4", 100, p->minimum);
}

/* The practice's part in share = percent and share = fixed agreements. */
void
cfg_practice_agreement(struct cfg *c, const struct cfg_section *s,
		       struct net_practice *p)
{
	char *end;
	const char *v;
	int line;

	p->share_percent = -1;
	if ((v = cfg_get(c, s, "share_percent", &line)) != NULL) {
		double d;

		errno = 0;
		d = strtod(v, &end);
		if (*v == '\0' || *end != '\0' || errno != 0 || !isfinite(d) ||
		    d < 0 || d > 100)
			cfg_error(c, line,
				  "share_percent must be a number from 0 to "
				  "100, not \"%s\"",
				  v);
		else
			p->share_percent = d;
	}
	if ((v = cfg_get(c, s, "fixed_sessions", &line)) != NULL)
		role_counts(c, "fixed_sessions", v, line, "pharmacist:10", 1000,
			    p->fixed_sessions);
}
