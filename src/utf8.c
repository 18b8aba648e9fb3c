/* UTF-8: what is well formed, and what is text. */
#include "utf8.h"

size_t
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

bool
utf8_text(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	const unsigned char *end = u + strlen(s);
	size_t len;
	int drop;

	while (u < end) {
		if (*u < 0x80) {
			if ((*u < 0x20 && *u != '\t') || *u == 0x7f)
				return false;
			u++;
			continue;
		}
		if ((len = utf8_len(u, end, &drop)) == 0 || drop)
			return false;
		u += len;
	}
	return true;
}
