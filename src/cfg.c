/*
 * Network file reader: cfg_load reads each family of sections in turn
 * (cfg_read.c and the cfg_*.c files beside it) into a struct net.
 */

#include <iniparser/iniparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

#include "cfg_internal.h"

static int
silent(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/*
 * iniparser refuses a whole file for one line it cannot read. After the
 * scan has reported such lines, the values are read from a copy in which
 * each refused line is a section of its own that nothing looks up.
 */
static dictionary *
load_without_refused(struct cfg *c, const char *text)
{
	const char *dir = getenv("TMPDIR"), *p = text, *nl;
	dictionary *dict = NULL;
	char *path;
	FILE *f;
	int fd, line = 0, i;

	xasprintf(&path, "%s/pcnrota-XXXXXX",
		  dir != NULL && *dir != '\0' ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL) {
		if (fd >= 0)
			close(fd);
		goto out;
	}
	while (*p != '\0') {
		line++;
		nl = strchr(p, '\n');
		for (i = 0; i < c->nrefused && c->refused[i] != line; i++)
			;
		if (i < c->nrefused)
			fprintf(f, "[pcnrota refused line %d]\n", line);
		else
			fprintf(f, "%.*s\n",
				(int)(nl != NULL ? nl - p : (long)strlen(p)),
				p);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	if (fclose(f) == 0)
		dict = iniparser_load(path);
out:
	if (fd >= 0)
		unlink(path);
	free(path);
	return dict;
}

int
cfg_load(const char *path, struct net *net, struct diag *diag)
{
	return cfg_load_opts(path, net, diag, NULL);
}

int
cfg_load_opts(const char *path, struct net *net, struct diag *diag,
	      const struct cfg_opts *opts)
{
	static const struct cfg_opts none = {NULL, false, NULL};
	struct cfg c;
	char *buf, *text;

	memset(net, 0, sizeof *net);
	memset(&c, 0, sizeof c);
	c.file = path;
	c.diag = diag;
	c.net = net;
	c.opts = opts != NULL ? opts : &none;
	net->file = xstrdup(path);
	digest_init(&net->input);
	if ((buf = cfg_read_file(&c)) == NULL)
		goto fail;
	if (*buf == '\0') {
		cfg_error(&c, 0, "empty file");
		free(buf);
		goto fail;
	}
	text = xstrdup(buf);
	cfg_scan(&c, buf);
	free(buf);
	/*
	 * Structural errors do not stop the reading: the values of the
	 * sections and keys the scan accepted are checked too, so that every
	 * problem is reported at once.
	 */
	iniparser_set_error_callback(silent);
	c.dict = c.nrefused == 0 ? iniparser_load(path)
				 : load_without_refused(&c, text);
	free(text);
	if (c.dict == NULL) {
		if (c.errors == 0)
			cfg_error(&c, 0, "cannot be read as an INI file");
		goto fail;
	}
	cfg_check_text(&c);
	cfg_load_network(&c);
	cfg_load_objective(&c);
	cfg_load_sessions(&c);
	cfg_load_roles(&c);
	/* Slots and roles must be known before practices and staff. */
	cfg_load_practices(&c);
	cfg_load_requests_table(&c);
	cfg_load_sites(&c);
	cfg_load_care_homes(&c);
	cfg_load_travel(&c);
	cfg_load_share(&c);
	cfg_load_staff_table(&c);
	cfg_load_staff(&c);
	cfg_load_leave_table(&c);
	cfg_load_calendars(&c);
	cfg_load_ea(&c);
	iniparser_freedict(c.dict);
	if (c.errors > 0)
		goto fail;
	cfg_free_sections(&c);
	return 0;
fail:
	cfg_free_sections(&c);
	net_free(net);
	return -1;
}
