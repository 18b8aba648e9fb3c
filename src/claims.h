/*
 * The month's ARRS claim: per person, sessions planned and delivered
 * (from the state's delivered record), hours, absences, whole-time
 * equivalent, the role's maximum reimbursable amount pro rata, the
 * actual cost where given, and the claimable amount, the lesser of the
 * two. Money in pence (money.h).
 */
#ifndef CLAIMS_H
#define CLAIMS_H

#include <stdio.h>

#include "money.h"
#include "net.h"
#include "store.h"

/* The sessions of a person's pattern lost to each kind of absence. */
enum claims_absence {
	CLAIMS_LEAVE,
	CLAIMS_SICKNESS,
	CLAIMS_TRAINING,
	CLAIMS_BANK_HOLIDAY,
	CLAIMS_NABSENCES
};

struct claims_person {
	int staff;
	int employed_days;    /* days of the month within start..end */
	int contract_minutes; /* a week */
	/* Sessions: planned = delivered + not delivered + to come. */
	int planned, delivered, not_delivered, to_come;
	int planned_minutes, delivered_minutes;
	int absent[CLAIMS_NABSENCES];
	money_t arrs_year; /* the role's amount a WTE year; -1: not claimed */
	money_t max;	   /* pro rata for the month */
	money_t cost;	   /* salary and on-costs pro rata; -1: not given */
	money_t claimable; /* the lesser of max and cost */
	money_t paid;	   /* what the month costs: cost, else claimable */
};

/* One placement of the month, as recorded or still to come. */
struct claims_session {
	char *date, *session, *staff, *practice, *site;
	int minutes;
	char *reason; /* "" delivered; NULL still to come */
};

struct claims_month {
	int year, month, days;
	date_t first, last;
	struct claims_person *people; /* in the network file's order */
	int npeople;
	/* Sessions delivered at each practice: [role * npractices + p]. */
	int *received;
	/* The planner's fair-share balance at the month's end, ahead (+) or
	 * behind (-), the same shape; NULL when balances do not carry. */
	int *carried;
	money_t max, cost, claimable, paid; /* totals */
	/* Every placement, by date, session, staff. */
	struct claims_session *sessions;
	int nsessions;
};

/*
 * The month year-month of the network with the state's record; -1 with
 * *cause (also when the month is outside the network's arrs_year).
 */
int claims_load(const struct net *, struct store *, int year, int month,
		struct claims_month *, char **cause);
void claims_free(struct claims_month *);

/* The claim as CSV, a row per person and a total; -1 on a write error. */
int claims_csv(FILE *, const struct net *, const struct claims_month *);

/*
 * Every placement of the month as CSV: date, session, staff, practice,
 * site, hours and status (delivered, not delivered, to come) with the
 * reason; -1 on a write error.
 */
int claims_delivered_csv(FILE *, const struct net *,
			 const struct claims_month *);

/* Hundredths of an hour, rounded half up. */
long claims_hundredths(long minutes);
/* Whole-time equivalent in ten-thousandths, rounded half up. */
long claims_wte(const struct net *, int contract_minutes);

#endif
