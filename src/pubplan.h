/*
 * The published plan of some weeks, as the solver would have left it:
 * placements from the state, fair shares and uncovered requests worked
 * out again from the network.
 */
#ifndef PUBPLAN_H
#define PUBPLAN_H

#include <stdbool.h>

#include "net.h"
#include "plan.h"
#include "store.h"

/*
 * Fills p with the weeks from monday. Placements the network no longer
 * knows (a person or practice removed since) are left out.
 * -1 when the state cannot be read, -2 when nothing was published there
 * (unless may_be_empty).
 */
int pubplan_load(const struct net *, struct store *, date_t monday, int weeks,
		 bool may_be_empty, struct plan *p, char **cause);

/* Fair-share balances carry over at most this many weeks. */
#define PUBPLAN_CARRY_WEEKS 12

/*
 * What each practice got ahead (+) or behind (-) of its shares in the
 * weeks before monday, as recorded in the state: *carry is
 * [role * npractices + practice], allocated, or NULL when the network
 * does not carry balances. -1 with *cause when the state cannot be read.
 */
int pubplan_carry(const struct net *, struct store *, date_t monday,
		  int **carry, char **cause);
/* The plan's weekly shares and deliveries, to record in the state. */
void pubplan_balances(const struct net *, const struct plan *,
		      struct store_balance **, int *n);

#endif
