/* Reports of a plan: text for people, CSV for other programs. */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include "net.h"
#include "plan.h"

/* Width of text in a terminal: characters, not bytes. */
int report_width(const char *);

/* Each returns 0, or -1 when writing failed. */
int report_text(FILE *, const struct net *, const struct plan *);
int report_csv_assignments(FILE *, const struct net *, const struct plan *);
int report_csv_fairness(FILE *, const struct net *, const struct plan *);
int report_csv_uncovered(FILE *, const struct net *, const struct plan *);

#endif
