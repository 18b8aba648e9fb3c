/* HTML text escaping, for every page pcnrota writes. */
#ifndef HTML_H
#define HTML_H

#include <stddef.h>
#include <stdio.h>

/*
 * Writes text safe in element content and quoted attributes, in HTML and
 * XML alike: markup characters escaped, anything not valid UTF-8 or not
 * allowed in a document replaced by U+FFFD.
 */
void html_text(FILE *, const char *);
void html_text_n(FILE *, const char *, size_t);

#endif
