/*
 * The absences file that `pcnrota absence` keeps beside the network file
 * ([network] absences = FILE): an iCalendar file with one VEVENT a
 * record, which the calendar reader (leavecal.c) reads back like any
 * shared leave calendar: ATTENDEE;CN=<staff ID>, CATEGORIES for the
 * reason. Every change is made under an exclusive lock (FILE.lock) and
 * put in place by a rename, so runs side by side lose nothing.
 */
#ifndef ABSENCE_H
#define ABSENCE_H

#include <stdio.h>

#include "date.h"
#include "net.h"

#define ABSENCE_MAX_DAYS 366
#define ABSENCE_LOCK_WAIT 30 /* seconds */
#define ABSENCE_UID_LEN 32

/* One record: whole days, or one session on each day from .. to. */
struct absence {
	int staff;   /* index into the network's staff */
	int session; /* index into its sessions; -1 for whole days */
	date_t from, to;
	enum net_absence kind;
};

/* The reason's name ("sickness") as a kind; -1 when unknown. */
int absence_kind(const char *);
const char *absence_kind_name(enum net_absence);

/*
 * Records a in the file at path (made when missing), setting uid; -1
 * with *cause, the file untouched; -2 when it is recorded already.
 */
int absence_add(const char *path, const struct net *, const struct absence *a,
		char uid[ABSENCE_UID_LEN + 1], char **cause);

/* Lists the records, numbered from 1; -1 with *cause. */
int absence_list(const char *path, FILE *, char **cause);

/*
 * Removes the record whose UID, or number in the list, is which; -1 with
 * *cause, the file untouched; -2 when there is no such record.
 */
int absence_remove(const char *path, const struct net *, const char *which,
		   char **cause);

#endif
