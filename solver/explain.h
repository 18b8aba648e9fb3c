/* Why a requested session was left uncovered, found from the plan. */
#ifndef EXPLAIN_H
#define EXPLAIN_H

#include "../src/net.h"
#include "../src/plan.h"

/*
 * Fills plan->uncovered: every request instance the plan does not meet;
 * plan->shorts, practices short of a minimum; plan->pins, pins not kept;
 * plan->rounds, care-home rounds short;
 * each with the binding reason.
 */
void explain_uncovered(const struct net *, struct plan *);

#endif
