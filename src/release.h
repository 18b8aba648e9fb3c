/*
 * Releasing a plan into an output folder: under the network's run lock,
 * the plan published before for the same dates is the baseline (started
 * sessions kept, each change priced); the new plan, the audit log of what
 * changed and the horizon are committed to the state in one transaction,
 * then the feeds are rendered from the state, the reports and the status
 * file put in place.
 */
#ifndef RELEASE_H
#define RELEASE_H

#include <stdbool.h>

#include "../solver/solve.h"
#include "feed.h"
#include "net.h"
#include "plan.h"
#include "publish.h"
#include "store.h"

/* Why published sessions changed, counted for the summary. */
enum release_reason {
	RELEASE_LEAVE,
	RELEASE_SICKNESS,
	RELEASE_TRAINING,
	RELEASE_AVAILABILITY,
	RELEASE_PRACTICE,
	RELEASE_LEFT,
	RELEASE_CLOSED,
	RELEASE_REQUEST,
	RELEASE_COVER,
	RELEASE_NREASONS
};

struct release {
	const struct net *net;
	char *dir, *state;
	int lock;
	struct store *store;
	char *key; /* the network's key: UIDs are made from it */
	struct publish
	    *reports; /* written before the state, put in place after */
	/* Set by the caller before release_baseline. */
	bool fill_started;     /* plan started sessions never published */
	bool keep_published;   /* keep every published session (no new input) */
	struct plan published; /* what was published, when has_baseline */
	bool has_baseline;     /* published was loaded */
	bool use_baseline;     /* some of its days were published */
	bool *published_day;   /* by day of the horizon */
	long long now;	       /* the run's time, Unix time */
	date_t today;	       /* its local date */
	char started[DATE_STAMP_LEN]; /* its local time: sessions started by */
	int *change_cost;	      /* by slot */
	int *carry;		      /* balances carried in, or NULL */
	int *previous;		      /* the week before, for continuity */
	struct model_baseline base;
	/* Filled by release_commit. */
	int changed, staff_changed, touched;
	int reasons[RELEASE_NREASONS];
	int new_days; /* days published for the first time */
	char new_from[11], new_to[11];
};

/* What the reports beside the feeds (rota.txt, rota.html, CSVs) show. */
struct release_plan {
	const struct net *net;
	const struct plan *plan;
};

/*
 * Takes the lock (waiting up to wait_s seconds), then tidies the folder
 * and opens the state (--state's file or DIR/state.db), refusing the
 * state of another network. 0, or -1 with *cause, or -2 with *cause when
 * another run holds the lock.
 */
int release_open(struct release *, const struct net *, const char *dir,
		 const char *state, long long now, double wait_s, char **cause);

/*
 * Whether the inputs (the network file and its calendars, as bytes) are
 * those of the last publication, and whether its files were all put in
 * place (a run killed after committing the state leaves them behind);
 * -1 with *cause.
 */
int release_inputs(struct release *, bool *same, bool *in_place, char **cause);

/*
 * Loads what was published for weeks weeks from monday as the baseline
 * and freezes the sessions started by now; with the fair-share balances
 * carried in from earlier weeks. When none of those dates was published
 * the baseline has balances only. NULL with -1 in *failed on error.
 */
const struct model_baseline *release_baseline(struct release *, date_t monday,
					      int weeks, int *failed,
					      char **cause);

/*
 * Records the plan and its changes, drops what is past the network's
 * history_weeks, renders the feeds and puts the reports and the status
 * file in place; -1 with *cause.
 */
int release_commit(struct release *, const struct plan *,
		   const struct feed_opts *, const struct release_plan *,
		   char **cause);

/*
 * A run that found nothing to do: writes the status file alone, with the
 * figures of the last publication; -1 with *cause.
 */
int release_quiet(struct release *, char **cause);

void release_close(struct release *);

/*
 * "3 sessions changed for 2 staff (sickness 2, cover 1); 2027-01-04 to
 * 2027-01-10 published; 1 request uncovered"
 */
void release_summary(const struct release *, const struct plan *, char *buf,
		     size_t len);

#endif
