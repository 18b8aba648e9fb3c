/* CSV reader: spreadsheets' files, read by the rules of RFC 4180. */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "utf8.h"
#include "xmalloc.h"

/* One parsed line of fields, before it becomes a header or a row. */
struct fields {
	char **v;
	int n;
};

static void
fields_free(struct fields *f)
{
	int i;

	for (i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	memset(f, 0, sizeof *f);
}

/* "LABEL:LINE:COLUMN: message" */
static void cell_error(struct diag *d, const char *label, int line, int col,
		       const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
cell_error(struct diag *d, const char *label, int line, int col,
	   const char *fmt, ...)
{
	va_list ap;
	char *where, *msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	xasprintf(&where, "%s:%d:%d", label, line, col);
	diag_add(d, where, 0, "%s", msg);
	free(where);
	free(msg);
}

static void
fields_add(struct fields *f, const char *s, size_t len)
{
	f->v = xreallocarray(f->v, (size_t)f->n + 1, sizeof *f->v);
	f->v[f->n++] = xstrndup(s, len);
}

/*
 * Reads one record from *p (advanced past it), counting lines in *line.
 * -1 with a message when a quoted field never ends.
 */
static int
record(const char **p, int *line, struct fields *f, const char *label,
       struct diag *d)
{
	const char *s = *p;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int start = *line, col = 1;
	bool quoted;

	for (;;) {
		quoted = *s == '"';
		len = 0;
		if (quoted) {
			for (s++;; s++) {
				if (*s == '\0') {
					cell_error(d, label, start, col,
						   "a quoted cell has no "
						   "closing quote");
					free(buf);
					return -1;
				}
				if (*s == '"' && s[1] == '"')
					s++;
				else if (*s == '"') {
					s++;
					break;
				} else if (*s == '\n')
					(*line)++;
				if (len + 1 >= cap)
					buf = xreallocarray(
					    buf, cap = cap * 2 + 64, 1);
				buf[len++] = *s;
			}
		}
		/* Text after a closing quote, or an unquoted cell. */
		while (*s != '\0' && *s != ',' && *s != '\n' &&
		       !(*s == '\r' && (s[1] == '\n' || s[1] == '\0'))) {
			if (len + 1 >= cap)
				buf = xreallocarray(buf, cap = cap * 2 + 64, 1);
			buf[len++] = *s++;
		}
		fields_add(f, buf != NULL ? buf : "", len);
		col++;
		if (*s == ',') {
			s++;
			continue;
		}
		if (*s == '\r')
			s++;
		if (*s == '\n') {
			s++;
			(*line)++;
		}
		break;
	}
	free(buf);
	*p = s;
	return 0;
}

static char *
read_all(const char *path, const char *label, long max_bytes, struct diag *d,
	 size_t *len)
{
	struct stat sb;
	FILE *f;
	char *buf;
	size_t n;

	if ((f = fopen(path, "rb")) == NULL) {
		diag_add(d, label, 0, "cannot read: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > max_bytes) {
		diag_add(d, label, 0,
			 S_ISREG(sb.st_mode) ? "file too large (over %ld bytes)"
					     : "not a regular file",
			 max_bytes);
		fclose(f);
		return NULL;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	n = fread(buf, 1, (size_t)sb.st_size, f);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	if (memchr(buf, '\0', n) != NULL) {
		diag_add(d, label, 0,
			 "not a text file (contains NUL bytes): save it as "
			 "CSV UTF-8");
		free(buf);
		return NULL;
	}
	return buf;
}

int
csvread_file(const char *path, const char *label, long max_bytes,
	     struct csv_table *t, struct diag *d)
{
	struct fields f = {NULL, 0};
	const char *p;
	char *buf, *name, *c;
	int line = 1, start, i, bad, blank;

	memset(t, 0, sizeof *t);
	if ((buf = read_all(path, label, max_bytes, d, &t->nbytes)) == NULL)
		return -1;
	p = buf;
	if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	if ((bad = utf8_bad_line(p)) > 0) {
		diag_add(d, label, bad,
			 "not UTF-8 text: save the file as \"CSV UTF-8\"");
		free(buf);
		return -1;
	}
	if (*p == '\0') {
		diag_add(d, label, 0,
			 "empty file: the first row names the "
			 "columns");
		free(buf);
		return -1;
	}
	if (record(&p, &line, &f, label, d) != 0)
		goto fail;
	while (f.n > 0 && *utf8_trim(f.v[f.n - 1]) == '\0') {
		free(f.v[--f.n]); /* a spreadsheet's empty columns */
	}
	t->ncols = f.n;
	t->head = xcalloc((size_t)f.n, sizeof *t->head);
	for (i = 0; i < f.n; i++) {
		name = xstrdup(utf8_trim(f.v[i]));
		for (c = name; *c != '\0'; c++)
			*c = *c == ' ' ? '_' : (char)tolower((unsigned char)*c);
		t->head[i] = name;
	}
	fields_free(&f);
	while (*p != '\0') {
		start = line;
		if (record(&p, &line, &f, label, d) != 0)
			goto fail;
		blank = 1;
		for (i = 0; i < f.n; i++) {
			if (*utf8_trim(f.v[i]) == '\0')
				continue;
			if (i >= t->ncols) {
				cell_error(d, label, start, i + 1,
					   "a cell beyond the last column (%d "
					   "columns are named in line 1)",
					   t->ncols);
				fields_free(&f);
				goto fail;
			}
			blank = 0;
		}
		if (!blank) {
			t->rows = xreallocarray(t->rows, (size_t)t->nrows + 1,
						sizeof *t->rows);
			t->rows[t->nrows].line = start;
			t->rows[t->nrows].cells =
			    xcalloc((size_t)t->ncols, sizeof(char *));
			for (i = 0; i < t->ncols; i++)
				t->rows[t->nrows].cells[i] =
				    xstrdup(i < f.n ? utf8_trim(f.v[i]) : "");
			t->nrows++;
		}
		fields_free(&f);
	}
	t->bytes = buf;
	return 0;
fail:
	fields_free(&f);
	free(buf);
	csvread_free(t);
	return -1;
}

void
csvread_free(struct csv_table *t)
{
	int i, j;

	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++)
			free(t->rows[i].cells[j]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	for (i = 0; i < t->ncols; i++)
		free(t->head[i]);
	free(t->head);
	free(t->bytes);
	memset(t, 0, sizeof *t);
}
