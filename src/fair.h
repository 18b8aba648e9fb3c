/* Fair shares: whole sessions in proportion to weights, adding up. */
#ifndef FAIR_H
#define FAIR_H

/*
 * Splits total into n whole shares in proportion to weights by the largest
 * remainder method; equal remainders go to the lower index. The shares
 * always sum to total. All weights zero: shares split as evenly as possible.
 */
void fair_apportion(int total, const double *weights, int n, int *shares);

struct net;
struct net_slot;

/*
 * The sessions each staff member can give in each week of slots: their
 * contract less leave, and no more than the sessions they could work
 * somewhere. capacity[week * nstaff + staff].
 */
void fair_capacity(const struct net *, const struct net_slot *slots, int nslots,
		   int monday, int weeks, int *capacity);
/*
 * Each role's capacity in a week of slots, less the care-home rounds it
 * is expected to hold, shared between all practices by the role's
 * agreement (list, weighted list, percentages, fixed sessions): shares,
 * and targets moved by carry (NULL for none), what each practice got
 * ahead of its shares before the first week, [role * npractices + p]:
 * the first week's targets make up for it. Both are
 * [(week * nroles + role) * npractices + p].
 */
void fair_shares(const struct net *, const struct net_slot *slots, int nslots,
		 int weeks, const int *capacity, const int *carry, int *shares,
		 int *targets);
/*
 * The weights a role is shared by, [practice]: the agreement's, but none
 * at a practice no staff member of the role may work at (net_role_reaches).
 */
void fair_weights(const struct net *, int role, double *weights);
/*
 * Shares of total moved by carry: a practice carried -2 (owed two
 * sessions) gets two more where total allows; still adding up to total.
 */
void fair_carry(int total, const int *carry, int n, int *shares);

#endif
