/* Pence: parsing, printing, pro rata and the largest remainder split. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "xmalloc.h"

int
money_parse(const char *s, money_t *out)
{
	money_t pounds = 0, pence = 0;
	int digits = 0, decimals = 0;

	for (; isdigit((unsigned char)*s); s++, digits++) {
		pounds = pounds * 10 + (*s - '0');
		if (pounds > MONEY_MAX / 100)
			return -1;
	}
	if (digits == 0)
		return -1;
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s) && decimals < 2;
		     s++, decimals++)
			pence = pence * 10 + (*s - '0');
		if (decimals == 0)
			return -1;
		if (decimals == 1)
			pence *= 10;
	}
	if (*s != '\0')
		return -1;
	*out = pounds * 100 + pence;
	return 0;
}

char *
money_format(money_t v, char *buf, size_t len)
{
	unsigned long long a =
	    v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	snprintf(buf, len, "%s%llu.%02llu", v < 0 ? "-" : "", a / 100, a % 100);
	return buf;
}

money_t
money_ratio(money_t amount, long long num, long long den)
{
	__int128 p = (__int128)amount * num, q, r;
	int negative = p < 0;

	if (negative)
		p = -p;
	q = p / den;
	r = p % den;
	if (2 * r >= den)
		q++;
	return (money_t)(negative ? -q : q);
}

void
money_apportion(money_t total, const long long *weights, int n, money_t *parts)
{
	__int128 sum = 0, *rem;
	money_t left, whole;
	int i, j, best;

	if (n <= 0)
		return;
	if (total < 0) {
		money_apportion(-total, weights, n, parts);
		for (i = 0; i < n; i++)
			parts[i] = -parts[i];
		return;
	}
	for (i = 0; i < n; i++)
		sum += weights[i];
	if (sum == 0) {
		for (i = 0; i < n; i++)
			parts[i] = total / n + (i < total % n);
		return;
	}
	rem = xcalloc((size_t)n, sizeof *rem);
	left = total;
	for (i = 0; i < n; i++) {
		__int128 exact = (__int128)total * weights[i];

		whole = (money_t)(exact / sum);
		rem[i] = exact % sum;
		parts[i] = whole;
		left -= whole;
	}
	/* Fewer than n pence are left: one each, largest remainder first. */
	for (j = 0; j < left; j++) {
		best = -1;
		for (i = 0; i < n; i++)
			if (rem[i] >= 0 && (best < 0 || rem[i] > rem[best]))
				best = i;
		parts[best]++;
		rem[best] = -1;
	}
	free(rem);
}
