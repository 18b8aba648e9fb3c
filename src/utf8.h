/* UTF-8: what is well formed, and what is text. */
#ifndef UTF8_H
#define UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/*
 * Length of the UTF-8 sequence at u (before end), or 0 when it is not
 * well formed: no overlong forms, surrogates or code points past
 * U+10FFFF. *drop is set for characters that are well formed but not
 * allowed in XML or HTML text (C1 controls, U+FFFE, U+FFFF).
 */
size_t utf8_len(const unsigned char *u, const unsigned char *end, int *drop);
/* Well-formed UTF-8 with no control characters but tab. */
bool utf8_text(const char *);

#endif
