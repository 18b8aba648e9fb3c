/*
 * The month's recharge statement: what the network's staff cost beyond
 * the ARRS claim, each practice's part under its agreement (each role by
 * its share basis), the sessions each practice received against its
 * share, in sessions and in pence at the role's cost, and, where the
 * network's rule is recharge = sessions, the settlement of sessions
 * received above or below the share. Every split is money_apportion's.
 */
#ifndef RECHARGE_H
#define RECHARGE_H

#include <stdio.h>

#include "claims.h"
#include "net.h"

struct recharge_line {
	int received, share; /* delivered sessions, and the share of them */
	money_t received_value, share_value; /* the role's cost split so */
	money_t part;			     /* of the role's uncovered cost */
};

struct recharge {
	/* By role: cost of the month, claimable, cost not covered. */
	money_t *cost, *claimable, *uncovered;
	int *sessions;		     /* by role: delivered at practices */
	struct recharge_line *lines; /* [role * npractices + p] */
	/* By practice: part, settlement (0 unless recharge = sessions),
	 * what it owes. */
	money_t *part, *adjust, *due;
	money_t total_uncovered;
};

/* A practice's weight in the role's agreement, as a whole number. */
long long recharge_weight(const struct net *, int role, int practice);

void recharge_compute(const struct net *, const struct claims_month *,
		      struct recharge *);
void recharge_free(struct recharge *);

/* The statement as CSV, by role and practice then by practice. */
int recharge_csv(FILE *, const struct net *, const struct claims_month *,
		 const struct recharge *);

#endif
