/* Queries on the network model. */
#include <stdlib.h>
#include <string.h>

#include "net.h"
#include "xmalloc.h"

void
net_free(struct net *n)
{
	int i;

	free(n->file);
	free(n->name);
	free(n->timezone);
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
	for (i = 0; i < n->nroles; i++) {
		free(n->roles[i].id);
		free(n->roles[i].name);
	}
	free(n->roles);
	for (i = 0; i < n->nstaff; i++) {
		free(n->staff[i].id);
		free(n->staff[i].name);
		free(n->staff[i].leave);
	}
	free(n->staff);
	free(n->requests);
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
net_share_weight(const struct net *n, int p)
{
	const struct net_practice *pr = &n->practices[p];

	if (n->share == NET_SHARE_WEIGHTED)
		return pr->weighted_list_size;
	return (double)pr->list_size;
}

const char *
net_share_name(enum net_share share)
{
	return share == NET_SHARE_WEIGHTED ? "weighted list" : "list size";
}

bool
net_on_leave(const struct net *n, int s, date_t date, int session)
{
	const struct net_staff *st = &n->staff[s];
	int i;

	for (i = 0; i < st->nleave; i++) {
		const struct net_leave *l = &st->leave[i];

		if (date >= l->from && date <= l->to &&
		    (l->session < 0 || l->session == session))
			return true;
	}
	return false;
}

bool
net_available(const struct net *n, int s, const struct net_slot *slot)
{
	return n->staff[s].works[slot->day][slot->session] &&
	       !net_on_leave(n, s, slot->date, slot->session);
}

bool
net_can_work(const struct net *n, int s, const struct net_slot *slot)
{
	int p;

	if (!net_available(n, s, slot))
		return false;
	for (p = 0; p < n->npractices; p++)
		if (n->staff[s].may_work_at[p] && net_rooms(n, p, slot) > 0)
			return true;
	return false;
}

int
net_rooms(const struct net *n, int p, const struct net_slot *slot)
{
	return n->practices[p].rooms[slot->day][slot->session];
}

bool
net_request_in_slot(const struct net_request *r, const struct net_slot *slot)
{
	if (r->session != slot->session)
		return false;
	return r->one_off ? r->date == slot->date : r->day == slot->day;
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
				count++;
			}
	return count;
}

int
net_capacity(const struct net *n, int s, date_t monday)
{
	const struct net_staff *st = &n->staff[s];
	int d, k, cap = st->sessions;

	for (d = 0; d < NET_DAYS; d++)
		for (k = 0; k < n->nsessions; k++)
			if (n->sessions[k].days[d] && st->works[d][k] &&
			    net_on_leave(n, s, monday + d, k))
				cap--;
	return cap > 0 ? cap : 0;
}
