/* The rota as one self-contained HTML page, for screens and paper. */
#ifndef REPORT_HTML_H
#define REPORT_HTML_H

#include <stdio.h>

#include "net.h"
#include "plan.h"

/*
 * Writes the whole horizon: per week a grid of practices by session, a
 * grid of staff by session, the uncovered requests and the fair shares
 * (table and bar charts). The page is also well-formed XML, has no
 * scripts and loads nothing. Returns 0, or -1 when writing failed.
 */
int report_html(FILE *, const struct net *, const struct plan *);

/* The pages' shared style sheet, for another page in the same style. */
void report_html_style(FILE *);

#endif
