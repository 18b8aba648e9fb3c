/* The solver's progress: a line on a terminal, a log, or nothing. */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stdbool.h>

struct solve_opts;

struct progress {
	char label[64]; /* "solving 2026-W49" */
	int mode;	/* PROGRESS_ */
	double drawn;	/* seconds into the search at the last update */
	int width;	/* of the line now on the terminal; 0: none */
	int columns;	/* the terminal's width */
};

/*
 * Chooses how the search of opts is shown on stderr, and hooks it to
 * opts: with verbose, a line for each stage and better plan (beside
 * GLPK's log); else, when stderr is a terminal, one line updated in place
 * at most four times a second; else nothing. label names the search.
 */
void progress_start(struct progress *, struct solve_opts *, bool verbose,
		    const char *label);
/* Clears the line from the terminal, if there is one. */
void progress_end(struct progress *);

#endif
