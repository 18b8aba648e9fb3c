/* UTF-8: what is well formed, what is text, and when two names match. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "utf8.h"
#include "xmalloc.h"

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

/* Characters a reader cannot see or that reorder what they see. */
static bool
hidden(ucs4_t uc)
{
	if (uc == '\t')
		return false;
	return uc_is_general_category_withtable(
		   uc, UC_CATEGORY_MASK_Cc | UC_CATEGORY_MASK_Cf |
			   UC_CATEGORY_MASK_Zl | UC_CATEGORY_MASK_Zp |
			   UC_CATEGORY_MASK_Cs | UC_CATEGORY_MASK_Co) ||
	       uc_is_property_default_ignorable_code_point(uc) ||
	       uc_is_property_bidi_control(uc);
}

long
utf8_hidden(const char *s)
{
	const uint8_t *u = (const uint8_t *)s;
	ucs4_t uc;
	int len;

	while (*u != '\0') {
		if ((len = u8_strmbtouc(&uc, u)) <= 0)
			return 0xfffd;
		if (hidden(uc))
			return (long)uc;
		u += len;
	}
	return -1;
}

char *
utf8_escape(const char *s)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t cap = strlen(s) * 10 + 1, n = 0;
	char *out = xmalloc(cap);
	ucs4_t uc;
	int len;

	while (*u != '\0') {
		len = u8_strmbtouc(&uc, u);
		if (len <= 0) {
			n += (size_t)snprintf(out + n, cap - n, "\\x%02X", *u);
			u++;
			continue;
		}
		if (hidden(uc)) {
			if (uc < 0x80)
				n += (size_t)snprintf(out + n, cap - n,
						      "\\x%02X", (unsigned)uc);
			else
				n +=
				    (size_t)snprintf(out + n, cap - n,
						     "\\u{%04X}", (unsigned)uc);
		} else {
			memcpy(out + n, u, (size_t)len);
			n += (size_t)len;
		}
		u += len;
	}
	out[n] = '\0';
	return out;
}

char *
utf8_fold(const char *s)
{
	size_t n = 0;
	uint8_t *f;
	char *out;

	f = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFKC, NULL,
			&n);
	if (f == NULL)
		return xstrdup(s);
	out = xmalloc(n + 1);
	memcpy(out, f, n);
	out[n] = '\0';
	free(f);
	return out;
}

size_t
utf8_begins_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	ucs4_t next;

	if (n == 0 || strncmp(text, word, n) != 0)
		return 0;
	if (text[n] != '\0' &&
	    u8_strmbtouc(&next, (const uint8_t *)text + n) > 0 &&
	    (uc_is_alnum(next) || uc_is_general_category(next, UC_CATEGORY_M)))
		return 0;
	return n;
}

int
utf8_bad_line(const char *text)
{
	const unsigned char *u = (const unsigned char *)text,
			    *end = u + strlen(text);
	size_t len;
	int line = 1, drop;

	while (u < end) {
		if (*u < 0x80) {
			line += *u++ == '\n';
			continue;
		}
		if ((len = utf8_len(u, end, &drop)) == 0)
			return line;
		u += len;
	}
	return 0;
}

char *
utf8_trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}
