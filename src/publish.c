/*
 * Write-to-temporary-then-rename publishing of a set of files.
 *
 * Every file is made and renamed relative to the folder's descriptor, so
 * nothing is written through a symbolic link planted in the folder: a
 * link (or anything but a regular file) in place of a file to publish is
 * refused, as is a link in place of a subfolder opened by
 * publish_open_sub. Names are single path components.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fault.h"
#include "publish.h"
#include "xmalloc.h"

/* Temporary files: ".pcnrota-tmp.PID.NAME.XXXXXX". */
#define TMP_PREFIX ".pcnrota-tmp."

struct publish_file {
	char *tmp, *name; /* in the folder */
};

struct publish {
	char *dir;
	int dfd;
	struct publish_file *files;
	int nfiles;
};

/*
 * A folder, mode 0755 whatever the umask, unless it exists; -1 with
 * errno. The mode is set through the new folder, not its name.
 */
static int
make_folder(const char *path)
{
	int fd, rc;

	if (mkdir(path, 0755) != 0)
		return errno == EEXIST ? 0 : -1;
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) <
	    0)
		return -1;
	rc = fchmod(fd, 0755);
	close(fd);
	return rc;
}

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
		rc = make_folder(path);
		*p = '/';
	}
	if (rc == 0)
		rc = make_folder(path);
	free(path);
	return rc;
}

/* Whether name is one safe component: no '/', not "", ".", "..", ".x". */
static int
safe_name(const char *name)
{
	return name[0] != '\0' && name[0] != '.' && strchr(name, '/') == NULL;
}

/*
 * Removes the temporary files a killed run left. Every run that publishes
 * holds the network's lock (lock.h), so another run's files are stale
 * even when its PID is in use again, or the kill has not finished.
 */
static void
sweep(int dfd)
{
	struct dirent *de;
	DIR *d;
	long pid;
	char *end;
	int fd;

	if ((fd = dup(dfd)) < 0)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, TMP_PREFIX, strlen(TMP_PREFIX)) != 0)
			continue;
		pid = strtol(de->d_name + strlen(TMP_PREFIX), &end, 10);
		if (*end != '.' || pid == (long)getpid())
			continue;
		unlinkat(dfd, de->d_name, 0);
	}
	closedir(d);
}

static struct publish *
publish_new(const char *dir, int dfd)
{
	struct publish *pub = xcalloc(1, sizeof *pub);

	pub->dir = xstrdup(dir);
	pub->dfd = dfd;
	sweep(dfd);
	return pub;
}

int
publish_make_folder(const char *dir, char **cause)
{
	struct stat sb;

	if (make_folders(dir) != 0) {
		xasprintf(cause, "%s: cannot create folder: %s", dir,
			  strerror(errno));
		return -1;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		xasprintf(cause, "%s: not a folder", dir);
		return -1;
	}
	return 0;
}

struct publish *
publish_open(const char *dir, char **cause)
{
	int dfd;

	if (make_folders(dir) != 0) {
		xasprintf(cause, "%s: cannot create folder: %s", dir,
			  strerror(errno));
		return NULL;
	}
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		xasprintf(cause, "%s: not a folder", dir);
		return NULL;
	}
	return publish_new(dir, dfd);
}

struct publish *
publish_open_sub(const char *dir, const char *sub, mode_t mode, char **cause)
{
	struct publish *pub;
	struct stat sb;
	mode_t want;
	char *path;
	int pfd, dfd, made;

	xasprintf(&path, "%s/%s", dir, sub);
	if (!safe_name(sub)) {
		xasprintf(cause, "%s: unsafe folder name", path);
		free(path);
		return NULL;
	}
	if (make_folders(dir) != 0 ||
	    (pfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		xasprintf(cause, "%s: cannot create folder: %s", dir,
			  strerror(errno));
		free(path);
		return NULL;
	}
	made = mkdirat(pfd, sub, mode) == 0;
	if (!made && errno != EEXIST) {
		xasprintf(cause, "%s: cannot create folder: %s", path,
			  strerror(errno));
		goto fail;
	}
	dfd = openat(pfd, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0) {
		if (fstatat(pfd, sub, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(sb.st_mode))
			xasprintf(cause,
				  "%s: is a symbolic link: refusing to write "
				  "through it",
				  path);
		else
			xasprintf(cause, "%s: not a folder", path);
		goto fail;
	}
	/* The umask does not decide who may list it; nor does a mode of old. */
	if (fstat(dfd, &sb) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		close(dfd);
		goto fail;
	}
	want = made ? mode
		    : (sb.st_mode & 07777) &
			  ~((S_IRUSR | S_IRGRP | S_IROTH) & ~mode);
	if ((sb.st_mode & 07777) != want && fchmod(dfd, want) != 0) {
		xasprintf(cause,
			  "%s: mode %04o lets others list it, and it cannot "
			  "be changed to %04o: %s",
			  path, (unsigned)(sb.st_mode & 07777), (unsigned)want,
			  strerror(errno));
		close(dfd);
		goto fail;
	}
	close(pfd);
	pub = publish_new(path, dfd);
	free(path);
	return pub;
fail:
	close(pfd);
	free(path);
	return NULL;
}

/* -1 with *cause unless name is absent or a regular file in the folder. */
static int
check_target(struct publish *pub, const char *name, char **cause)
{
	struct stat sb;

	if (fstatat(pub->dfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
		return 0;
	if (S_ISLNK(sb.st_mode)) {
		xasprintf(cause,
			  "%s/%s: is a symbolic link: refusing to replace it",
			  pub->dir, name);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s/%s: not a regular file", pub->dir, name);
		return -1;
	}
	return 0;
}

/* A new temporary file for name, opened for writing; -1 with errno. */
static int
make_temp(struct publish *pub, const char *name, char **tmp)
{
	static unsigned long counter;
	struct timespec ts;
	unsigned long r;
	int fd, tries;

	for (tries = 0; tries < 100; tries++) {
		clock_gettime(CLOCK_REALTIME, &ts);
		r = ((unsigned long)ts.tv_nsec ^
		     (unsigned long)ts.tv_sec * 7919 ^
		     ++counter * 2654435761UL) &
		    0xffffff;
		xasprintf(tmp, TMP_PREFIX "%ld.%s.%06lx", (long)getpid(), name,
			  r);
		fd = openat(
		    pub->dfd, *tmp,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0)
			return fd;
		free(*tmp);
		*tmp = NULL;
		if (errno != EEXIST)
			return -1;
	}
	errno = EEXIST;
	return -1;
}

int
publish_add(struct publish *pub, const char *name, int mode,
	    publish_writer writer, const void *arg, char **cause)
{
	struct publish_file *pf;
	char *tmp = NULL, *point;
	FILE *f;
	int fd, err = 0;

	if (!safe_name(name)) {
		xasprintf(cause, "%s/%s: unsafe file name", pub->dir, name);
		return -1;
	}
	if (check_target(pub, name, cause) != 0)
		return -1;
	if ((fd = make_temp(pub, name, &tmp)) < 0) {
		xasprintf(cause, "%s/%s: cannot create: %s", pub->dir, name,
			  strerror(errno));
		return -1;
	}
	if (fchmod(fd, (mode_t)mode) != 0 || (f = fdopen(fd, "w")) == NULL) {
		xasprintf(cause, "%s/%s: %s", pub->dir, name, strerror(errno));
		close(fd);
		unlinkat(pub->dfd, tmp, 0);
		free(tmp);
		return -1;
	}
	errno = 0;
	if (writer(f, arg) != 0)
		err = errno ? errno : EIO;
	/* Fault points: every write, or that of one file ("write:NAME"). */
	xasprintf(&point, "write:%s", name);
	fault_point("publish-write");
	fault_point(point);
	if (err == 0 && (fault_fail("publish-write") || fault_fail(point)))
		err = ENOSPC;
	free(point);
	if (err == 0 && (fflush(f) != 0 || ferror(f)))
		err = errno ? errno : EIO;
	if (err == 0 && fault_fail("publish-fsync"))
		err = ENOSPC;
	if (err == 0 && fsync(fd) != 0)
		err = errno;
	if (fclose(f) != 0 && err == 0)
		err = errno ? errno : EIO;
	if (err != 0) {
		xasprintf(cause, "%s/%s: cannot write: %s", pub->dir, name,
			  strerror(err));
		unlinkat(pub->dfd, tmp, 0);
		free(tmp);
		return -1;
	}
	pub->files = xreallocarray(pub->files, (size_t)pub->nfiles + 1,
				   sizeof *pub->files);
	pf = &pub->files[pub->nfiles++];
	pf->tmp = tmp;
	pf->name = xstrdup(name);
	return 0;
}

static void
publish_free(struct publish *pub)
{
	int i;

	for (i = 0; i < pub->nfiles; i++) {
		free(pub->files[i].tmp);
		free(pub->files[i].name);
	}
	free(pub->files);
	free(pub->dir);
	close(pub->dfd);
	free(pub);
}

/* Whether two files of the folder hold the same bytes (b not a link). */
static int
same_bytes(int dfd, const char *a, const char *b)
{
	FILE *fa, *fb;
	char ba[8192], bb[8192];
	size_t na, nb;
	int same = 0, fd;

	if ((fd = openat(dfd, a, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return 0;
	if ((fa = fdopen(fd, "rb")) == NULL) {
		close(fd);
		return 0;
	}
	if ((fd = openat(dfd, b, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		fclose(fa);
		return 0;
	}
	if ((fb = fdopen(fd, "rb")) == NULL) {
		close(fd);
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
	char *point;
	int i, rc = 0;

	/* Everything checked before anything is put in place. */
	for (i = 0; i < pub->nfiles && rc == 0; i++)
		rc = check_target(pub, pub->files[i].name, cause);
	for (i = 0; i < pub->nfiles && rc == 0; i++) {
		struct publish_file *pf = &pub->files[i];

		/* An unchanged file keeps its date, so HTTP caches hold. */
		if (same_bytes(pub->dfd, pf->tmp, pf->name)) {
			unlinkat(pub->dfd, pf->tmp, 0);
			continue;
		}
		xasprintf(&point, "rename:%s", pf->name);
		fault_point("publish-rename");
		fault_point(point);
		errno = fault_fail("publish-rename") || fault_fail(point)
			    ? ENOSPC
			    : 0;
		free(point);
		if (errno != 0 ||
		    renameat(pub->dfd, pf->tmp, pub->dfd, pf->name) != 0) {
			xasprintf(cause, "%s/%s: cannot rename into place: %s",
				  pub->dir, pf->name, strerror(errno));
			rc = -1;
			break;
		}
		fault_point("publish-renamed");
	}
	for (; i < pub->nfiles; i++)
		unlinkat(pub->dfd, pub->files[i].tmp, 0);
	/* Make the renames durable. */
	fsync(pub->dfd);
	publish_free(pub);
	return rc;
}

void
publish_abort(struct publish *pub)
{
	int i;

	for (i = 0; i < pub->nfiles; i++)
		unlinkat(pub->dfd, pub->files[i].tmp, 0);
	publish_free(pub);
}
