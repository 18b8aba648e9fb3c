/* CSV writer: BOM, quoting, formula neutralising. */
#include <string.h>

#include "csv.h"

void
csv_head(FILE *f, const char *const *columns, int ncolumns)
{
	int i;

	fputs("\xef\xbb\xbf", f);
	for (i = 0; i < ncolumns; i++)
		csv_field(f, columns[i], i == 0);
	csv_end(f);
}

void
csv_field(FILE *f, const char *s, int first)
{
	int formula = strchr("=+-@\t\r", *s) != NULL && *s != '\0';

	if (!first)
		fputc(',', f);
	if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (formula)
		fputc('\'', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void
csv_int(FILE *f, long v, int first)
{
	fprintf(f, first ? "%ld" : ",%ld", v);
}

void
csv_decimal(FILE *f, long long v, int places, int first)
{
	unsigned long long a = v < 0 ? 0ULL - (unsigned long long)v
				     : (unsigned long long)v,
			   unit = 1;
	int i;

	for (i = 0; i < places; i++)
		unit *= 10;
	fprintf(f, "%s%s%llu", first ? "" : ",", v < 0 ? "-" : "", a / unit);
	if (places > 0)
		fprintf(f, ".%0*llu", places, a % unit);
}

void
csv_end(FILE *f)
{
	fputs("\r\n", f);
}
