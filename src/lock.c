/* The per-network run lock; see lock.h. */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lock.h"
#include "xmalloc.h"

int
lock_take(const char *state, double wait_s, char **cause)
{
	struct timespec pause = {0, 100 * 1000 * 1000};
	char *path;
	double waited = 0;
	struct stat sb;
	int fd, rc = 0;

	xasprintf(&path, "%s.lock", state);
	/*
	 * flock needs no write access: a lock left read-only (made under
	 * umask 277) still locks, and is set back to 0600, whatever the umask.
	 */
	fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd >= 0 && fstat(fd, &sb) == 0 && sb.st_uid == geteuid() &&
	    (sb.st_mode & 07777) != 0600)
		(void)fchmod(fd, 0600);
	if (fd < 0) {
		xasprintf(cause, "%s: cannot make the lock: %s", path,
			  strerror(errno));
		free(path);
		return -1;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			xasprintf(cause, "%s: cannot lock: %s", path,
				  strerror(errno));
			rc = -1;
			break;
		}
		if (waited >= wait_s) {
			xasprintf(cause,
				  "%s: another pcnrota run is still working "
				  "on this network; gave up after %g s",
				  path, wait_s);
			rc = -2;
			break;
		}
		nanosleep(&pause, NULL);
		waited += 0.1;
	}
	free(path);
	if (rc != 0) {
		close(fd);
		return rc;
	}
	return fd;
}

void
lock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}
