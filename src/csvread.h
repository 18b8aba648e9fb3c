/*
 * CSV input as Excel and LibreOffice save it: UTF-8 with or without a
 * byte-order mark, CRLF or LF line ends, quoted fields (holding commas,
 * doubled quotes, line breaks), a header row naming the columns.
 */
#ifndef CSVREAD_H
#define CSVREAD_H

#include "diag.h"

struct csv_row {
	int line;     /* of the row's first character, from 1 */
	char **cells; /* one per column; "" for a missing or empty cell */
};

struct csv_table {
	int ncols;
	char **head; /* the header's names, trimmed, lower case, '_' for ' ' */
	struct csv_row *rows; /* rows with some cell not blank */
	int nrows;
	char *bytes; /* the file as read, to know when it changes */
	size_t nbytes;
};

/*
 * Reads path into t. Problems go to d as "LABEL:LINE:COLUMN: ..." (label
 * names the file in messages); -1 then, with nothing to free.
 */
int csvread_file(const char *path, const char *label, long max_bytes,
		 struct csv_table *t, struct diag *d);
void csvread_free(struct csv_table *);

#endif
