/* Allocation that never returns NULL: out of memory is fatal. */
#ifndef XMALLOC_H
#define XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xreallocarray(void *, size_t, size_t);
/*
 * Room for one more element in an array of n that only this grows: by
 * doubling (8, 16, 32, ...), so that appending n elements copies O(n) of
 * them, not O(n^2) (every realloc copies under some allocators, ASan's).
 */
void *xappend(void *array, size_t n, size_t size);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
int xasprintf(char **, const char *, ...) __attribute__((format(printf, 2, 3)));
int xvasprintf(char **, const char *, va_list)
    __attribute__((format(printf, 2, 0)));

#endif
