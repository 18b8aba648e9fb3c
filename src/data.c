/* Where the shipped data is: the environment, the install, the source. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "xmalloc.h"

#ifndef PCNROTA_PKGDATADIR
#define PCNROTA_PKGDATADIR "/usr/local/share/pcnrota"
#endif
#ifndef PCNROTA_SRCDATADIR
#define PCNROTA_SRCDATADIR "data"
#endif

/* The canonical path of dir/name when it exists; NULL otherwise. */
static char *
data_try(const char *dir, const char *name)
{
	char *path, *real;
	int saved;

	xasprintf(&path, "%s/%s", dir, name);
	real = realpath(path, NULL);
	saved = errno;
	free(path);
	errno = saved;
	return real;
}

char *
data_find(const char *name, char **cause)
{
	const char *env = getenv("PCNROTA_DATADIR");
	char *path;

	/* Set, it is the only place: a test or a packager means it. */
	if (env != NULL && *env != '\0') {
		if ((path = data_try(env, name)) == NULL)
			xasprintf(cause, "%s/%s: %s (from PCNROTA_DATADIR)",
				  env, name, strerror(errno));
		return path;
	}
	if ((path = data_try(PCNROTA_PKGDATADIR, name)) != NULL ||
	    (path = data_try(PCNROTA_SRCDATADIR, name)) != NULL)
		return path;
	xasprintf(cause, "%s not found in %s or %s (set PCNROTA_DATADIR)", name,
		  PCNROTA_PKGDATADIR, PCNROTA_SRCDATADIR);
	return NULL;
}
