/*
 * The status file beside the feeds (DIR/status.prom), in the text format
 * of the Prometheus node_exporter's textfile collector: what the last
 * successful run did, for monitoring an unattended nightly run.
 */
#ifndef STATUS_H
#define STATUS_H

#include <stdio.h>

#define STATUS_FILE "status.prom"

struct status {
	char network[64];	   /* the label: the output folder's name */
	long long last_success;	   /* Unix time of the run */
	long long published_until; /* Unix time: local midnight after it */
	double weeks_ahead;	   /* published from today, in weeks */
	int uncovered;		   /* requests the last plan left uncovered */
	double cost, gap;	   /* of the last plan; gap -1 unknown */
	int sessions_changed;	   /* published sessions the run moved */
	int staff_changed;
	int calendar_failures;	       /* calendars read from a kept copy */
	long long calendar_oldest_age; /* seconds; 0 without addresses */
};

/* Writes s in the textfile format; -1 on a write error. */
int status_write(FILE *, const struct status *);
/* Reads a file status_write wrote; -1 with *cause. */
int status_read(const char *path, struct status *, char **cause);

#endif
