/* Largest remainder (Hamilton) apportionment. */
#include <math.h>
#include <stdlib.h>

#include "fair.h"
#include "xmalloc.h"

void
fair_apportion(int total, const double *weights, int n, int *shares)
{
	double sum = 0, *rem;
	int i, j, given = 0, best;

	if (n <= 0)
		return;
	for (i = 0; i < n; i++)
		sum += weights[i] > 0 ? weights[i] : 0;
	rem = xcalloc((size_t)n, sizeof *rem);
	for (i = 0; i < n; i++) {
		double w = sum > 0 ? (weights[i] > 0 ? weights[i] : 0) : 1;
		double exact = (double)total * w / (sum > 0 ? sum : n);

		shares[i] = (int)floor(exact);
		rem[i] = exact - shares[i];
		given += shares[i];
	}
	/* Hand out what is left, largest remainder first. */
	for (j = given; j < total; j++) {
		best = 0;
		for (i = 1; i < n; i++)
			if (rem[i] > rem[best] + 1e-9)
				best = i;
		shares[best]++;
		rem[best] = -1;
	}
	free(rem);
}
