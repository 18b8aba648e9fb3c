/* The delivered record: started sessions, corrected by later absences. */
#include <stdlib.h>
#include <string.h>

#include "absence.h"
#include "delivered.h"
#include "xmalloc.h"

const char *
delivered_reason(const struct net *n, int s, date_t date, int session, int site)
{
	const struct net_leave *l;
	struct net_slot slot;

	if (!net_employed(n, s, date))
		return "left";
	if ((l = net_leave_at(n, s, date, session)) != NULL)
		return absence_kind_name(l->kind);
	if (net_holiday_closed(n, date, session))
		return "bank holiday";
	net_slot_at(n, date, session, &slot);
	if (site >= 0 && net_closed(n, site, &slot))
		return "closed";
	return "";
}

int
delivered_record(const struct net *n, struct store *store, const char *started,
		 date_t today, long long now, char **cause)
{
	struct store_delivery *d;
	char before[16];
	const char *why;
	date_t date;
	int i, count, s, k, minutes, rc = 0;

	date_format(today - DELIVERED_KEEP_DAYS, before);
	if (store_take_started(store, started, now, cause) != 0 ||
	    store_prune_delivered(store, before, cause) != 0 ||
	    store_deliveries(store, before, "9999-12-31", &d, &count, cause) !=
		0)
		return -1;
	for (i = 0; i < count && rc == 0; i++) {
		/* Someone or something gone from the file keeps its record. */
		if ((s = net_find_staff(n, d[i].staff)) < 0 ||
		    (k = net_find_session(n, d[i].session)) < 0 ||
		    date_parse(d[i].date, &date) != 0)
			continue;
		/* Calendars are read in a window around the run: older
		 * records keep the reason they were given. */
		if (n->leave_source != NULL &&
		    (date < n->leave_from || date > n->leave_until))
			continue;
		why = delivered_reason(n, s, date, k,
				       net_find_site(n, d[i].site));
		minutes = d[i].minutes >= 0 ? d[i].minutes
					    : net_session_minutes(n, k);
		if (strcmp(why, d[i].reason) == 0 && minutes == d[i].minutes)
			continue;
		free(d[i].reason);
		d[i].reason = xstrdup(why);
		d[i].minutes = minutes;
		d[i].recorded = now;
		rc = store_put_delivery(store, &d[i], cause);
	}
	store_deliveries_free(d, count);
	return rc;
}
