/*
 * The one-reader property: a network file pcnrota's reader accepts is read
 * byte for byte the same by iniparser, the common INI reader, once the
 * rule's documented difference (a comment never continues) is taken out.
 */
#ifndef INI_ORACLE_H
#define INI_ORACLE_H

#include <stddef.h>

/*
 * Reads text (len bytes) both ways. Returns 0 when pcnrota refuses it, 1
 * when both read the same, -1 with the first difference in why when not.
 */
int ini_oracle_compare(const char *text, size_t len, char *why, size_t whylen);

#endif
