/*
 * Absence calendars: leave, sickness, training and closures read from
 * iCalendar files with libical, as local dates and times of day in the
 * network's time zone. A struct leavecal owns every string and array in
 * it; leavecal_free frees them.
 */
#ifndef LEAVECAL_H
#define LEAVECAL_H

#include <stddef.h>

#include "date.h"
#include "digest.h"
#include "net.h"

/* Bounds a hostile or mistaken file cannot exceed. */
#define LEAVECAL_MAX_FILE (8 * 1024 * 1024)
#define LEAVECAL_MAX_ABSENCES 200000
/* Candidate occurrences libical may step through, all RRULEs together. */
#define LEAVECAL_MAX_STEPS 100000

/* Someone an event names: ATTENDEE;CN=name:mailto:email. */
struct leavecal_who {
	char *cn;    /* NULL when the attendee has no CN */
	char *email; /* the address without "mailto:"; NULL when none */
};

/* One VEVENT that is not cancelled. */
struct leavecal_event {
	char *uid;     /* NULL when the event has none */
	char *summary; /* NULL when the event has none */
	struct leavecal_who *who;
	int nwho;
	enum net_absence kind; /* from CATEGORIES; NET_LEAVE otherwise */
	int line;	       /* of its BEGIN:VEVENT; 0 when not known */
	/* The local dates its occurrences may touch, found without
	 * expanding it: a bound, not a list (BY parts and EXDATE may leave
	 * days out); last is LEAVECAL_ENDLESS for a rule without an end. */
	date_t first, last;
};

#define LEAVECAL_ENDLESS ((date_t)0x7fffffff)

/* Part or all of one local day taken by an occurrence of an event. */
struct leavecal_absence {
	date_t date;
	int start, end; /* minutes after local midnight, end exclusive */
	bool whole_day; /* an all-day event: start 0, end 1440 */
	int event;	/* index into events */
};

struct leavecal {
	struct leavecal_event *events;
	int nevents;
	struct leavecal_absence *absences; /* in no particular order */
	int nabsences;
	struct digest content; /* of the bytes read, by leavecal_read */
	/* X-PCNROTA-COMPLETE-UNTIL: the last date it lists every event
	 * for (a bank-holiday calendar); 0 when it does not say. */
	date_t complete_until;
};

/*
 * Reads the calendar text (len bytes, NUL bytes refused) and expands every
 * event, recurring ones included, into the absences that fall on the local
 * dates from .. to (inclusive) in the IANA zone. Floating times and dates
 * are taken as local times in that zone. Returns 0, or -1 with *cause set
 * to a message for the caller to free and *line to the line it concerns
 * (0 when none); cal is then empty.
 */
int leavecal_parse(const char *text, size_t len, const char *zone, date_t from,
		   date_t to, struct leavecal *cal, int *line, char **cause);
/* The same from a file; read errors have line 0. */
int leavecal_read(const char *path, const char *zone, date_t from, date_t to,
		  struct leavecal *cal, int *line, char **cause);
void leavecal_free(struct leavecal *);

#endif
