/* CSV writer. */
#include <string.h>

#include "csv.h"

void
csv_field(FILE *f, const char *s, int first)
{
	if (!first)
		fputc(',', f);
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
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
csv_end(FILE *f)
{
	fputs("\r\n", f);
}
