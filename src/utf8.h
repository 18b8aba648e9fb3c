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
/* The first line (from 1) of text that is not UTF-8, or 0. */
int utf8_bad_line(const char *text);
/* Well-formed UTF-8 with no control characters but tab. */
bool utf8_text(const char *);
/*
 * The first character of well-formed s that a reader cannot see or that
 * reorders what they see (controls but tab, format characters such as
 * U+202E and U+200B, default-ignorable code points), or -1 for none.
 */
long utf8_hidden(const char *s);
/*
 * A copy of s (to free) fit to print: hidden characters as \xNN or
 * \u{NNNN}, bytes that are not UTF-8 as \xNN.
 */
char *utf8_escape(const char *s);
/*
 * s (to free) case-folded and NFKC-normalised: two names are the same
 * when their folds are, whatever the case, accents' encoding or width.
 */
char *utf8_fold(const char *s);
/*
 * strlen(word) when text begins with word as a whole word (no letter,
 * digit or combining mark follows), else 0. Both folded.
 */
size_t utf8_begins_word(const char *text, const char *word);

/* s without the ASCII white space at its ends, cut in place. */
char *utf8_trim(char *s);

#endif
