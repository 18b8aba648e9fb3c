/* Week by week: a horizon of several weeks searched as separate blocks. */
#ifndef DECOMPOSE_H
#define DECOMPOSE_H

#include <stdbool.h>

#include "model.h"
#include "search.h"

/*
 * When the model of a horizon of two or more weeks falls apart into one
 * block per week (no row joins two weeks: contracts, fair shares,
 * minimums and Enhanced Access are all weekly), searches each week on its
 * own in turn from its part of start (column values of the whole, taken;
 * NULL: none), each with an equal part of the effort left, fills *res
 * with the whole plan (its bound the sum of the weeks' bounds) and returns
 * true. Returns false, touching nothing (start not taken), when the model
 * is one week or does not fall apart.
 */
bool decompose_search(const struct model *, const struct search_limits *,
		      double *start, struct search_result *res);

#endif
