/*
 * The state store: one SQLite database per network holding what has been
 * published (every feed event with its UID, SEQUENCE and DTSTAMP) and the
 * staff feed tokens. Feeds are rendered from it, so re-publishing the same
 * plan changes nothing. Schema in pcnrota(1), FILES.
 */
#ifndef STORE_H
#define STORE_H

#include <stdbool.h>

#define STORE_TOKEN_LEN 32 /* hex digits: 128 random bits */

struct store;

/* One event of one feed, as published. Strings owned by the event. */
struct store_event {
	char *uid, *feed;      /* feed: "network", "staff:ID", ... */
	char *date, *session;  /* what it is: local date and session */
	char *staff;	       /* staff ID */
	char *dtstart, *dtend; /* local times, "20261130T083000" */
	char *summary, *location, *description, *categories;
	int sequence;
	long long dtstamp;   /* when last changed, Unix time */
	long long cancelled; /* when cancelled, 0 while it stands */
};

/* One published placement: who is where in a session. */
/* practice is "" at a care home; site is where, a practice's main site
 * having the practice's identifier. */
struct store_assign {
	char *date, *session, *staff, *practice, *site;
	char *dtstart; /* local start, "20261130T083000" */
};

/*
 * Opens (creating and migrating) path; NULL with *cause. The state and its
 * -wal and -shm are made (or set back to) mode 0600 whatever the umask.
 */
struct store *store_open(const char *path, char **cause);
/*
 * Opens path only to read it, in a folder that may be read-only; a state
 * of an older schema is refused (a plan or replan updates it). The
 * store_* writers fail on it.
 */
struct store *store_open_read(const char *path, char **cause);
void store_close(struct store *);
const char *store_path(const struct store *);

/* The staff member's feed token, made on first use; -1 with *cause. */
int store_token(struct store *, const char *staff,
		char token[STORE_TOKEN_LEN + 1], char **cause);
/* A new token for the staff member; the old feed name stops working. */
int store_rotate_token(struct store *, const char *staff,
		       char token[STORE_TOKEN_LEN + 1], char **cause);

/* A plan of the dates from..to (YYYY-MM-DD, inclusive) to publish. */
struct store_publication {
	const char *from, *to;
	/*
	 * Local time ("20261202T020000") at which sessions have started, or
	 * NULL: a published session (its date in a horizon) that starts at or
	 * before it is kept as it was, whatever the plan says.
	 */
	const char *started;
	const struct store_assign *assigns;
	int nassigns;
	const struct store_event *events;
	int nevents;
	long long now; /* Unix time, for DTSTAMP and cancellations */
	int keep_days; /* cancelled events older than this are dropped */
};

/*
 * Publishes p in one transaction: its placements replace those of the
 * same dates, and its feed events are merged: an event whose content is
 * unchanged keeps its SEQUENCE and DTSTAMP; a changed one gets SEQUENCE + 1
 * and DTSTAMP now; one no longer planned becomes cancelled with SEQUENCE +
 * 1. Sets *changed to the number of events added, changed or cancelled.
 */
int store_publish(struct store *, const struct store_publication *p,
		  int *changed, char **cause);

/*
 * Drops the events, placements and horizons of dates before before
 * (YYYY-MM-DD), and the balances of weeks before balances_before; the
 * audit log stays.
 */
int store_prune(struct store *, const char *before, const char *balances_before,
		char **cause);

/* A value kept in the state by name (NULL when unset); freed by the caller. */
int store_get(struct store *, const char *key, char **value, char **cause);
int store_set(struct store *, const char *key, const char *value, char **cause);

/*
 * The network's key, which every UID is made from: kept in the state,
 * made on first use: legacy (the network's name, as UIDs were made before
 * the key was kept) when the state has published before, else random.
 */
int store_network_key(struct store *, const char *legacy, char **key,
		      char **cause);
/*
 * The practices the state was published for (identifiers), as recorded
 * at its last publication or, in an older state, from its placements.
 */
int store_practices(struct store *, char ***ids, int *n, char **cause);
void store_strings_free(char **, int n);

/* The feeds ("network", "staff:ID", ...) holding cancellations, sorted. */
int store_cancelled_feeds(struct store *, char ***feeds, int *n, char **cause);

/* The last day ever published, "" for none. */
int store_last_published(struct store *, char last[11], char **cause);
/* Whether date (YYYY-MM-DD) lies in a published horizon. */
int store_is_published(struct store *, const char *date, bool *published,
		       char **cause);

/* The placements published for from..to, by date, session, staff. */
int store_assignments(struct store *, const char *from, const char *to,
		      struct store_assign **assigns, int *n, char **cause);
void store_assigns_free(struct store_assign *, int n);

/*
 * A transaction around several calls (store_publish, the audit log, the
 * horizon): all of them land or none. store_publish joins an open one.
 */
int store_begin(struct store *, char **cause);
int store_commit(struct store *, char **cause);
void store_rollback(struct store *);

/* One change to a person's session, for the audit log. */
struct store_change {
	long long at;		      /* the run's time, Unix time */
	char *date, *session, *staff; /* IDs */
	char *from, *to;	      /* practice IDs, "" for none */
	char *reason;		      /* leave, sickness, cover, ... */
};

int store_add_changes(struct store *, const struct store_change *, int n,
		      char **cause);
/* The changes recorded at or after since, by time, date, session, staff. */
int store_changes(struct store *, long long since, struct store_change **,
		  int *n, char **cause);
void store_changes_free(struct store_change *, int n);
/* The time of the latest change, 0 when there is none. */
int store_last_change(struct store *, long long *at, char **cause);

/* Records that from..to (YYYY-MM-DD, inclusive) was published at at. */
int store_add_horizon(struct store *, const char *from, const char *to,
		      long long at, char **cause);
/*
 * The last day of the published horizons that run without a gap from
 * date; "" when date was never published.
 */
int store_published_until(struct store *, const char *date, char until[11],
			  char **cause);

/* A week's fair share of a role at a practice, and what it got. */
struct store_balance {
	char week[11]; /* its Monday, YYYY-MM-DD */
	char *role, *practice;
	int share, delivered;
};

/* Replaces the balances of the weeks whose Mondays are from..to. */
int store_put_balances(struct store *, const char *from, const char *to,
		       const struct store_balance *, int n, char **cause);
/*
 * Per role and practice, the shares and deliveries summed over the weeks
 * from from to before before (Mondays, YYYY-MM-DD); week left empty.
 */
int store_balances(struct store *, const char *from, const char *before,
		   struct store_balance **, int *n, char **cause);
void store_balances_free(struct store_balance *, int n);

/* Every event of every feed, by feed, date, session, UID. */
int store_events(struct store *, struct store_event **events, int *n,
		 char **cause);
void store_events_free(struct store_event *, int n);

#endif
