/*
 * Money in whole pence: parsing pounds, printing them, pro rata with one
 * rounding, and splitting a total into parts that add up to it exactly.
 */
#ifndef MONEY_H
#define MONEY_H

#include <stddef.h>

/* Pence; 10^10 pounds at most anywhere, so products fit in 128 bits. */
typedef long long money_t;

#define MONEY_MAX 1000000000000LL /* pence: ten thousand million pounds */

/* "65838", "65838.5", "65838.50" (pounds) as pence; -1 if not such. */
int money_parse(const char *, money_t *);

/* "65838.50", "-0.05": pounds with two decimals, in buf (at least 32). */
char *money_format(money_t, char *buf, size_t len);

/* amount * num / den, rounded half away from zero; den > 0. */
money_t money_ratio(money_t amount, long long num, long long den);

/*
 * Splits total into n parts in proportion to weights (whole numbers, none
 * negative) by the largest remainder: each part is its exact share rounded
 * down, and the pence left over go one each to the largest remainders,
 * equal remainders to the lower index. The parts add up to total exactly.
 * With every weight 0 the split is as even as possible. A negative total
 * is split as its opposite, negated.
 */
void money_apportion(money_t total, const long long *weights, int n,
		     money_t *parts);

#endif
