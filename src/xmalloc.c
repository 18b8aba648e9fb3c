/* Allocation wrappers: one place handles running out of memory. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static void
xmalloc_fail(size_t size)
{
	fprintf(stderr, "pcnrota: out of memory (%zu bytes)\n", size);
	exit(1);
}

void *
xmalloc(size_t size)
{
	void *p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		xmalloc_fail(size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		xmalloc_fail(n * size);
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		xmalloc_fail(SIZE_MAX);
	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = realloc(old, n * size)) == NULL)
		xmalloc_fail(n * size);
	return p;
}

void *
xappend(void *array, size_t n, size_t size)
{
	if (n == 0)
		return xreallocarray(array, 8, size);
	if (n >= 8 && (n & (n - 1)) == 0)
		return xreallocarray(array, 2 * n, size);
	return array;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t len)
{
	char *p;

	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

int
xvasprintf(char **out, const char *fmt, va_list ap)
{
	int len;

	if ((len = vasprintf(out, fmt, ap)) < 0) {
		fprintf(stderr, "pcnrota: out of memory\n");
		exit(1);
	}
	return len;
}

int
xasprintf(char **out, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = xvasprintf(out, fmt, ap);
	va_end(ap);
	return len;
}
