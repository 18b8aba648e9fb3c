/*
 * Network file reader: cfg_load reads each family of sections in turn
 * (cfg_read.c and the cfg_*.c files beside it) into a struct net.
 */

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

#include "cfg_internal.h"

int
cfg_load(const char *path, struct net *net, struct diag *diag)
{
	return cfg_load_opts(path, net, diag, NULL);
}

int
cfg_load_opts(const char *path, struct net *net, struct diag *diag,
	      const struct cfg_opts *opts)
{
	static const struct cfg_opts none = {.cache = NULL};
	struct cfg c;
	char *buf;

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
	cfg_scan(&c, buf);
	free(buf);
	/*
	 * Structural errors do not stop the reading: the values of the
	 * sections and keys the scan accepted are checked too, so that every
	 * problem is reported at once. A file the scan could not read at all
	 * (not UTF-8) has nothing more to say.
	 */
	if (c.errors > 0 && c.nsecs == 0)
		goto fail;
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
	cfg_load_money(&c);
	cfg_load_leave_table(&c);
	cfg_load_calendars(&c);
	cfg_load_ea(&c);
	if (c.errors == 0)
		cfg_check_size(&c);
	if (c.errors > 0)
		goto fail;
	cfg_free_sections(&c);
	return 0;
fail:
	cfg_free_sections(&c);
	net_free(net);
	return -1;
}
