/* HTML text escaping, for every page pcnrota writes. */
#include <stdio.h>
#include <string.h>

#include "html.h"

/*
 * Length of the UTF-8 sequence at u, or 0 when it is not valid UTF-8.
 * *drop is set for characters that are valid but not allowed in XML or
 * HTML text (C1 controls, U+FFFE, U+FFFF).
 */
static size_t
utf8_len(const unsigned char *u, const unsigned char *end, int *drop)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	*drop = 0;
	if (*u >= 0xc2 && *u <= 0xdf)
		len = 2;
	else if (*u >= 0xe0 && *u <= 0xef)
		len = 3;
	else if (*u >= 0xf0 && *u <= 0xf4)
		len = 4;
	else
		return 0;
	/* No overlong forms, surrogates or code points past U+10FFFF. */
	if (*u == 0xe0)
		lo = 0xa0;
	else if (*u == 0xed)
		hi = 0x9f;
	else if (*u == 0xf0)
		lo = 0x90;
	else if (*u == 0xf4)
		hi = 0x8f;
	if ((size_t)(end - u) < len || u[1] < lo || u[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (u[i] < 0x80 || u[i] > 0xbf)
			return 0;
	if ((*u == 0xc2 && u[1] < 0xa0) ||
	    (*u == 0xef && u[1] == 0xbf && u[2] >= 0xbe))
		*drop = 1;
	return len;
}

/*
 * Text safe in element content and in quoted attributes, in HTML and in
 * XML alike: markup characters escaped, anything that is not valid UTF-8
 * or not allowed in a document replaced by U+FFFD.
 */
void
html_text_n(FILE *f, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s, *end = u + n;
	size_t len;
	int drop;

	while (u < end) {
		if (*u >= 0x80) {
			if ((len = utf8_len(u, end, &drop)) == 0) {
				len = 1;
				drop = 1;
			}
			if (drop)
				fputs("\xef\xbf\xbd", f);
			else
				fwrite(u, 1, len, f);
			u += len;
			continue;
		}
		switch (*u) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			if ((*u < 0x20 && *u != '\t' && *u != '\n') ||
			    *u == 0x7f)
				fputs("\xef\xbf\xbd", f);
			else
				fputc(*u, f);
		}
		u++;
	}
}

void
html_text(FILE *f, const char *s)
{
	html_text_n(f, s, strlen(s));
}
