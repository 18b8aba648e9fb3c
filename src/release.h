/*
 * Releasing a plan into an output folder: under the network's run lock,
 * the plan published before for the same dates is the baseline (started
 * sessions kept, each change priced); the new plan, the audit log of what
 * changed and the horizon are committed to the state in one transaction,
 * then the feeds are rendered from the state and the reports put in place.
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

struct release {
	const struct net *net;
	char *dir, *state;
	int lock;
	struct store *store;
	struct publish
	    *reports; /* written before the state, put in place after */
	struct plan published; /* what was published, when has_baseline */
	bool has_baseline;     /* published was loaded */
	bool use_baseline;     /* some of its days were published */
	bool *published_day;   /* by day of the horizon */
	int *change_cost;      /* by slot */
	int *carry;	       /* balances carried in, or NULL */
	int *previous;	       /* the week before, for continuity */
	struct model_baseline base;
	/* Filled by release_commit. */
	int changed, staff_changed;
};

/* What the reports beside the feeds (rota.txt, rota.html, CSVs) show. */
struct release_plan {
	const struct net *net;
	const struct plan *plan;
};

/*
 * Takes the lock (waiting up to wait_s seconds) and opens the state
 * (--state's file or DIR/state.db). 0, or -1 with *cause, or -2 with
 * *cause when another run holds the lock.
 */
int release_open(struct release *, const struct net *, const char *dir,
		 const char *state, double wait_s, char **cause);

/*
 * Loads what was published for weeks weeks from monday as the baseline
 * and freezes the sessions started by now; with the fair-share balances
 * carried in from earlier weeks. When none of those dates was published
 * the baseline has balances only. NULL with -1 in *failed on error.
 */
const struct model_baseline *release_baseline(struct release *, date_t monday,
					      int weeks, long long now,
					      int *failed, char **cause);

/*
 * Records the plan and its changes, renders the feeds and puts the
 * reports in place; -1 with *cause.
 */
int release_commit(struct release *, const struct plan *,
		   const struct feed_opts *, const struct release_plan *,
		   char **cause);

void release_close(struct release *);

/* "3 sessions changed for 2 staff; 1 request uncovered" */
void release_summary(const struct release *, const struct plan *, char *buf,
		     size_t len);

#endif
