/* HTML text escaping, for every page pcnrota writes. */
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "utf8.h"

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
