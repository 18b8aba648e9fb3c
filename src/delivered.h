/*
 * What was delivered: every started session, as frozen in the state, is
 * recorded once and then kept up to date with the network's absences
 * (leave, sickness and training keys, leave calendars, the absences
 * file), employment dates and bank holidays. An absence recorded after
 * the fact corrects the record; it never re-plans the past.
 */
#ifndef DELIVERED_H
#define DELIVERED_H

#include "date.h"
#include "net.h"
#include "store.h"

/* Deliveries are kept this long: two ARRS years and a quarter. */
#define DELIVERED_KEEP_DAYS 830

/*
 * Why staff did not deliver session on date at site: "left" (outside the
 * employment dates), "leave", "sickness", "training", "bank holiday" or
 * "closed" (the site closed that day); "" when nothing stopped it.
 */
const char *delivered_reason(const struct net *, int staff, date_t, int session,
			     int site);

/*
 * Records the placements started by started (local time stamp), and
 * corrects the reason of every delivery recorded, in the caller's
 * transaction; deliveries older than DELIVERED_KEEP_DAYS before today
 * are dropped. -1 with *cause.
 */
int delivered_record(const struct net *, struct store *, const char *started,
		     date_t today, long long now, char **cause);

#endif
