/*
 * iCalendar feeds: one per staff member (named by a secret token), per
 * practice, per role and for the whole network, rendered from the state
 * store so that what was published before keeps its identity.
 */
#ifndef FEED_H
#define FEED_H

#include <stdbool.h>

#include "net.h"
#include "plan.h"
#include "store.h"

struct feed_opts {
	long long now;	    /* Unix time of this publication */
	int keep_cancelled; /* days a cancelled session stays in feeds */
	int refresh;	    /* minutes clients should wait between fetches */
};

/*
 * The events (staff, practice, role, network) of each session placed;
 * their UIDs are made from network, the network's key in the state.
 */
void feed_events(const struct net *, const struct plan *, const char *network,
		 struct store_event **events, int *n);

/* Writes every feed and the index from the store alone. */
int feed_write(const struct net *, struct store *, const char *dir,
	       const struct feed_opts *, char **cause);

/*
 * feed_write in two steps, so that nothing is put in place until
 * everything is written: feed_prepare renders every feed and the index
 * from the store (also inside an open transaction) into temporary files,
 * NULL with *cause; feed_commit renames the feeds then the index into
 * place and removes stale feeds; feed_abort removes the temporary files.
 * Both free the set.
 */
struct feed_set;
struct feed_set *feed_prepare(const struct net *, struct store *,
			      const char *dir, const struct feed_opts *,
			      char **cause);
int feed_commit(struct feed_set *, char **cause);
void feed_abort(struct feed_set *);

/*
 * The name a feed's token is kept under in the state (store_token): a
 * staff ID for kind "staff", else KIND:ID ("network:" for the network).
 * Freed by the caller.
 */
char *feed_token_owner(const char *kind, const char *owner);

/*
 * A feed file's address under the network's feed_url, https:// or
 * webcal://; NULL when the network file gives no feed_url. To free.
 */
char *feed_address(const struct net *, const char *name, bool webcal);

/* An event's UID: a digest of what it is, the same on every run. */
void feed_uid(const char *network, const char *feed, const char *staff,
	      const char *date, const char *session, char *uid, size_t len);

#endif
