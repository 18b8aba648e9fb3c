/* Diagnostics collected while reading input, reported together. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "utf8.h"
#include "xmalloc.h"

void
diag_init(struct diag *d)
{
	d->msgs = NULL;
	d->n = d->cap = 0;
}

void
diag_free(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->msgs[i].text);
	free(d->msgs);
	diag_init(d);
}

void
diag_add(struct diag *d, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	char *raw, *msg;

	va_start(ap, fmt);
	xvasprintf(&raw, fmt, ap);
	va_end(ap);
	/* Input text quoted in a message cannot drive the terminal. */
	msg = utf8_escape(raw);
	free(raw);

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->msgs = xreallocarray(d->msgs, d->cap, sizeof *d->msgs);
	}
	d->msgs[d->n].line = line;
	if (line > 0)
		xasprintf(&d->msgs[d->n].text, "%s:%d: %s", file, line, msg);
	else
		xasprintf(&d->msgs[d->n].text, "%s: %s", file, msg);
	free(msg);
	/* One problem met twice in a row (a list naming it twice): once. */
	if (d->n > 0 &&
	    strcmp(d->msgs[d->n - 1].text, d->msgs[d->n].text) == 0) {
		free(d->msgs[d->n].text);
		return;
	}
	d->n++;
}

static int
diag_key(const struct diag_msg *m)
{
	return m->line > 0 ? m->line : 1 << 30;
}

void
diag_print(struct diag *d, FILE *f)
{
	size_t i, j;
	struct diag_msg tmp;

	/* Insertion sort: stable, and the list is short. */
	for (i = 1; i < d->n; i++) {
		tmp = d->msgs[i];
		for (j = i; j > 0 && diag_key(&d->msgs[j - 1]) > diag_key(&tmp);
		     j--)
			d->msgs[j] = d->msgs[j - 1];
		d->msgs[j] = tmp;
	}
	for (i = 0; i < d->n; i++)
		fprintf(f, "%s\n", d->msgs[i].text);
}
