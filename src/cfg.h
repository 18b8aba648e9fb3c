/* Reading and checking a network file into a struct net. */
#ifndef CFG_H
#define CFG_H

#include <stdbool.h>

#include "diag.h"
#include "net.h"

#define CFG_MAX_LINE 1000
#define CFG_MAX_FILE (1024 * 1024)

/*
 * Loads path into net. Every problem goes to diag as "path:line: message".
 * Returns 0 when the file is valid; -1 otherwise, with net freed.
 */
int cfg_load(const char *path, struct net *net, struct diag *diag);

/* How calendars by address (fetch.h) are read. */
struct cfg_opts {
	const char *cache;     /* folder of their last good copies; NULL:
				  fetched, not kept */
	bool offline;	       /* not fetched at all: their leave is missed */
	struct diag *warnings; /* a stale or kept copy; NULL: not told */
	struct diag *notices;  /* said when run by hand, not nightly: events
				  for nobody skipped, settings valid but
				  surely mistaken; NULL: not said */
	date_t today;	       /* the run's date (--now), around which
				  calendars are read; 0: the clock's */
	bool read_only;	       /* the cache read, never written: a command
				  that only reads */
};

/* cfg_load with options; NULL is cfg_load's: fetched, not kept. */
int cfg_load_opts(const char *path, struct net *net, struct diag *diag,
		  const struct cfg_opts *opts);

#endif
