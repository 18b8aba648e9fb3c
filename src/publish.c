/* Write-to-temporary-then-rename publishing of a set of files. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "publish.h"
#include "xmalloc.h"

struct publish_file {
	char *tmp, *final;
};

struct publish {
	char *dir;
	struct publish_file *files;
	int nfiles;
};

/* mkdir -p: the folder and any parents missing, mode 0755. */
static int
make_folders(const char *dir)
{
	char *path = xstrdup(dir), *p;
	int rc = 0;

	for (p = path + 1; *p != '\0' && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (rc == 0 && mkdir(path, 0755) != 0 && errno != EEXIST)
		rc = -1;
	free(path);
	return rc;
}

struct publish *
publish_open(const char *dir, char **cause)
{
	struct publish *pub;
	struct stat sb;

	if (make_folders(dir) != 0) {
		xasprintf(cause, "%s: cannot create folder: %s", dir,
			  strerror(errno));
		return NULL;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		xasprintf(cause, "%s: not a folder", dir);
		return NULL;
	}
	pub = xcalloc(1, sizeof *pub);
	pub->dir = xstrdup(dir);
	return pub;
}

int
publish_add(struct publish *pub, const char *name, int mode,
	    publish_writer writer, const void *arg, char **cause)
{
	struct publish_file *pf;
	char *tmp;
	FILE *f;
	int fd, failed;

	xasprintf(&tmp, "%s/.%s.XXXXXX", pub->dir, name);
	if ((fd = mkstemp(tmp)) < 0) {
		xasprintf(cause, "%s: cannot create: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, (mode_t)mode) != 0 || (f = fdopen(fd, "w")) == NULL) {
		xasprintf(cause, "%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	failed = writer(f, arg) != 0;
	if (fflush(f) != 0 || ferror(f))
		failed = 1;
	if (!failed && fsync(fd) != 0)
		failed = 1;
	if (fclose(f) != 0)
		failed = 1;
	if (failed) {
		xasprintf(cause, "%s/%s: cannot write: %s", pub->dir, name,
			  strerror(errno ? errno : EIO));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	pub->files = xreallocarray(pub->files, (size_t)pub->nfiles + 1,
				   sizeof *pub->files);
	pf = &pub->files[pub->nfiles++];
	pf->tmp = tmp;
	xasprintf(&pf->final, "%s/%s", pub->dir, name);
	return 0;
}

static void
publish_free(struct publish *pub)
{
	int i;

	for (i = 0; i < pub->nfiles; i++) {
		free(pub->files[i].tmp);
		free(pub->files[i].final);
	}
	free(pub->files);
	free(pub->dir);
	free(pub);
}

/* Whether two files hold the same bytes. */
static int
same_bytes(const char *a, const char *b)
{
	FILE *fa, *fb;
	char ba[8192], bb[8192];
	size_t na, nb;
	int same = 0;

	if ((fa = fopen(a, "rb")) == NULL)
		return 0;
	if ((fb = fopen(b, "rb")) == NULL) {
		fclose(fa);
		return 0;
	}
	do {
		na = fread(ba, 1, sizeof ba, fa);
		nb = fread(bb, 1, sizeof bb, fb);
		same = na == nb && memcmp(ba, bb, na) == 0;
	} while (same && na > 0);
	same = same && !ferror(fa) && !ferror(fb);
	fclose(fa);
	fclose(fb);
	return same;
}

int
publish_commit(struct publish *pub, char **cause)
{
	int i, fd, rc = 0;

	for (i = 0; i < pub->nfiles; i++) {
		/* An unchanged file keeps its date, so HTTP caches hold. */
		if (same_bytes(pub->files[i].tmp, pub->files[i].final)) {
			unlink(pub->files[i].tmp);
			continue;
		}
		if (rename(pub->files[i].tmp, pub->files[i].final) != 0) {
			xasprintf(cause, "%s: cannot rename into place: %s",
				  pub->files[i].final, strerror(errno));
			rc = -1;
			break;
		}
	}
	for (; i < pub->nfiles; i++)
		unlink(pub->files[i].tmp);
	/* Make the renames durable. */
	if ((fd = open(pub->dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		fsync(fd);
		close(fd);
	}
	publish_free(pub);
	return rc;
}

void
publish_abort(struct publish *pub)
{
	int i;

	for (i = 0; i < pub->nfiles; i++)
		unlink(pub->files[i].tmp);
	publish_free(pub);
}
