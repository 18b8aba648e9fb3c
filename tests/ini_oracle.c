/* The one-reader property, pcnrota's reading against iniparser's. */
#include <sys/mman.h>

#include <ctype.h>
#include <iniparser/iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/cfg_internal.h"
#include "../src/utf8.h"
#include "ini_oracle.h"

static int
mem_file(const char *text, size_t len, char *path, size_t pathlen)
{
	int fd;

	if ((fd = memfd_create("network.ini", 0)) < 0)
		abort();
	if (len > 0 && write(fd, text, len) != (ssize_t)len)
		abort();
	snprintf(path, pathlen, "/proc/self/fd/%d", fd);
	return fd;
}

static int
silent(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

static int
differ(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * iniparser's copy: without the byte-order mark, and with the backslash
 * that ends a line turned into an "x" (in an accepted file only a comment
 * ends so, and pcnrota's rule ignores it where iniparser joins lines).
 */
static char *
iniparser_copy(const char *text, size_t len, size_t *outlen)
{
	char *out = malloc(len + 1);
	size_t i, n = 0, end;

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3, len -= 3;
	memcpy(out, text, len);
	n = len;
	for (i = 0; i <= n; i++) {
		if (i < n && out[i] != '\n')
			continue;
		end = i;
		while (end > 0 && out[end - 1] != '\n' &&
		       isspace((unsigned char)out[end - 1]))
			end--;
		if (end > 0 && out[end - 1] == '\\')
			out[end - 1] = 'x';
	}
	*outlen = n;
	return out;
}

/* Our section for iniparser's name ("type id", lower case) or NULL. */
static const struct cfg_section *
our_section(const struct cfg *c, const char *secname)
{
	char *copy = strdup(secname), *sp, *id = NULL;
	const struct cfg_section *s = NULL;
	int i;

	if ((sp = strpbrk(copy, " \t")) != NULL) {
		*sp = '\0';
		id = utf8_trim(sp + 1);
	}
	for (i = 0; i < c->nsecs && s == NULL; i++)
		if (strcmp(cfg_section_name(c->secs[i].type), copy) == 0 &&
		    ((id == NULL && c->secs[i].id == NULL) ||
		     (id != NULL && c->secs[i].id != NULL &&
		      strcmp(id, c->secs[i].id) == 0)))
			s = &c->secs[i];
	free(copy);
	return s;
}

int
ini_oracle_compare(const char *text, size_t len, char *why, size_t whylen)
{
	char path[64], ipath[64], *buf, *copy, full[256];
	const struct cfg_section *s;
	const char *secname, *v;
	dictionary *dict;
	struct diag d;
	struct cfg c;
	struct net n;
	size_t clen;
	int fd, ifd, rc = 1, i, j, nsec;

	fd = mem_file(text, len, path, sizeof path);
	memset(&c, 0, sizeof c);
	memset(&n, 0, sizeof n);
	diag_init(&d);
	c.file = path;
	c.diag = &d;
	c.net = &n;
	digest_init(&n.input);
	if ((buf = cfg_read_file(&c)) != NULL)
		cfg_scan(&c, buf);
	free(buf);
	close(fd);
	if (c.errors > 0 || buf == NULL) {
		cfg_free_sections(&c);
		diag_free(&d);
		return 0;
	}
	copy = iniparser_copy(text, len, &clen);
	ifd = mem_file(copy, clen, ipath, sizeof ipath);
	free(copy);
	iniparser_set_error_callback(silent);
	if ((dict = iniparser_load(ipath)) == NULL) {
		rc = differ(why, whylen, "iniparser refuses the file");
		goto out;
	}
	nsec = iniparser_getnsec(dict);
	if (nsec != c.nsecs) {
		rc = differ(why, whylen, "%d sections, iniparser %d", c.nsecs,
			    nsec);
		goto out;
	}
	for (i = 0; i < nsec && rc == 1; i++) {
		secname = iniparser_getsecname(dict, i);
		if ((s = our_section(&c, secname)) == NULL) {
			rc = differ(why, whylen, "no section [%s]", secname);
			break;
		}
		if (iniparser_getsecnkeys(dict, secname) != s->nkeys) {
			rc = differ(why, whylen, "[%s]: %d keys, iniparser %d",
				    secname, s->nkeys,
				    iniparser_getsecnkeys(dict, secname));
			break;
		}
		for (j = 0; j < s->nkeys; j++) {
			snprintf(full, sizeof full, "%s:%s", secname,
				 s->keys[j].key);
			v = iniparser_getstring(dict, full, NULL);
			if (v == NULL || strcmp(v, s->keys[j].value) != 0) {
				rc = differ(why, whylen,
					    "line %d: %s is \"%s\", iniparser "
					    "\"%s\"",
					    s->keys[j].line, full,
					    s->keys[j].value,
					    v != NULL ? v : "(none)");
				break;
			}
		}
	}
	iniparser_freedict(dict);
out:
	close(ifd);
	cfg_free_sections(&c);
	diag_free(&d);
	return rc;
}
