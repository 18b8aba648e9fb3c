/* Fair shares: whole sessions in proportion to weights, adding up. */
#ifndef FAIR_H
#define FAIR_H

/*
 * Splits total into n whole shares in proportion to weights by the largest
 * remainder method; equal remainders go to the lower index. The shares
 * always sum to total. All weights zero: shares split as evenly as possible.
 */
void fair_apportion(int total, const double *weights, int n, int *shares);

#endif
