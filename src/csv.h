/*
 * CSV output that a spreadsheet opens by double-click (RFC 4180, CRLF):
 * UTF-8 with a byte-order mark, so Excel and LibreOffice read accented
 * names; quoted where needed; text a spreadsheet would run as a formula
 * neutralised (OWASP CSV injection). Dates and times are written ISO.
 */
#ifndef CSV_H
#define CSV_H

#include <stdio.h>

/* Starts a file: the byte-order mark, then the header row of columns. */
void csv_head(FILE *, const char *const *columns, int ncolumns);
/*
 * Writes one text cell, with a comma before it unless first. Text that
 * starts with = + - @ TAB or CR gets a leading ' and is quoted, so a
 * spreadsheet shows it and never runs it.
 */
void csv_field(FILE *, const char *, int first);
/* A number we computed: written as a number, never neutralised. */
void csv_int(FILE *, long, int first);
/* A number with places decimals, value in its smallest unit (pence for
 * 2): -35060 as -350.60. Numbers are written as numbers, unquoted. */
void csv_decimal(FILE *, long long value, int places, int first);
void csv_end(FILE *);

#endif
