/* Diagnostics: problems found in an input file, printed all at once. */
#ifndef DIAG_H
#define DIAG_H

#include <stdio.h>

struct diag_msg {
	int line;   /* 0 when the problem has no line */
	char *text; /* "FILE:LINE: message" */
};

struct diag {
	struct diag_msg *msgs;
	size_t n, cap;
};

void diag_init(struct diag *);
void diag_free(struct diag *);
/* Adds "file:line: message" (or "file: message" when line is 0). */
void diag_add(struct diag *, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Prints in line order, lineless messages last. */
void diag_print(struct diag *, FILE *);

#endif
