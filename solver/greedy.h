/* A quick constructive plan: the first incumbent for branch and bound. */
#ifndef GREEDY_H
#define GREEDY_H

#include "model.h"

/*
 * Sets xval[j] to 0 or 1 for every placement variable of the model: a
 * plan that keeps every hard rule (one practice a day, rooms, contracts),
 * favouring requests, then fair shares, then base practices.
 */
void greedy_plan(const struct model *, char *xval);

#endif
