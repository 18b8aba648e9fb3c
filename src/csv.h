/* RFC 4180 CSV output: quoted where needed, CRLF line ends. */
#ifndef CSV_H
#define CSV_H

#include <stdio.h>

/* Writes one field, with a comma before it unless first. */
void csv_field(FILE *, const char *, int first);
void csv_int(FILE *, long, int first);
/* A number with places decimals, value in its smallest unit (pence for
 * 2): -35060 as -350.60. Numbers are written as numbers, unquoted. */
void csv_decimal(FILE *, long long value, int places, int first);
void csv_end(FILE *);

#endif
