/*
 * The search in a child process. It sends each better plan down a pipe
 * as a message: a header, then the column values; the last message says
 * the search has ended. This process waits for them until the hard
 * deadline and then kills the child, whatever GLPK call it is in.
 */
#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <glpk.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/fault.h"
#include "../src/xmalloc.h"
#include "decompose.h"
#include "fence.h"

struct fence_msg {
	int ended; /* the search's own end: the last message */
	int proven, clocked, has_plan;
	int ncols;
	double bound, spent;
};

/* Writes all of buf; false if the reader has gone. */
static bool
write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/* The child's side: where to send, and the effort to report. */
struct sender {
	int fd;
	int ncols;
	const struct search_effort *effort;
};

static void
send_result(struct sender *s, const struct search_result *res, bool ended)
{
	struct fence_msg msg;

	memset(&msg, 0, sizeof msg); /* its padding is written too */
	msg.ended = ended;
	msg.proven = res->proven;
	msg.clocked = s->effort->clocked;
	msg.has_plan = res->val != NULL;
	msg.ncols = s->ncols;
	msg.bound = res->bound;
	msg.spent = s->effort->spent;
	if (!write_all(s->fd, &msg, sizeof msg) ||
	    (res->val != NULL &&
	     !write_all(s->fd, res->val + 1,
			(size_t)s->ncols * sizeof *res->val)))
		_exit(EXIT_FAILURE); /* this process is gone: so is the wait */
}

static void
send_kept(const struct search_result *res, void *arg)
{
	send_result(arg, res, false);
}

/* Runs in the child: the search, its plans sent to fd. Never returns. */
static void
child(const struct model *m, const struct search_limits *lim, double *start,
      int fd)
{
	struct search_limits own = *lim;
	struct sender s = {fd, glp_get_num_cols(m->lp), lim->effort};
	struct search_result res;

	signal(SIGPIPE, SIG_IGN);
	own.keep = send_kept;
	own.keep_arg = &s;
	fault_point("search");
	fault_stall("search");
	if (!decompose_search(m, &own, start, &res))
		search_model(m, &own, start, &res);
	send_result(&s, &res, true);
	/* _exit: the parent's stdio buffers and atexit handlers are its own. */
	_exit(EXIT_SUCCESS);
}

/*
 * A child process that dies with this one, and a pipe from it: 0 in the
 * child (*fd the pipe's writing end), the child's pid in this process
 * (*fd its reading end), or -1 (errno says why).
 */
static pid_t
spawn(int *fd)
{
	int fds[2], error;
	pid_t parent = getpid(), pid;

	fflush(NULL);
	if (pipe(fds) != 0)
		return -1;
	if ((pid = fork()) < 0) {
		error = errno;
		close(fds[0]);
		close(fds[1]);
		errno = error;
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		/* Nothing outlives the command, whatever ends it. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 ||
		    getppid() != parent)
			_exit(EXIT_FAILURE);
		*fd = fds[1];
		return 0;
	}
	close(fds[1]);
	*fd = fds[0];
	return pid;
}

/* The child gone (killed first when kill_it), its pipe closed: its status. */
static int
reap(pid_t pid, int fd, bool kill_it)
{
	int status;

	if (kill_it)
		kill(pid, SIGKILL);
	close(fd);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

/*
 * Reads len bytes by the time hard: 0, or -1 at the end of the pipe (or
 * an error), or -2 when the time is up.
 */
static int
read_by(int fd, void *buf, size_t len, double hard)
{
	char *p = buf;
	struct pollfd pfd = {.fd = fd, .events = POLLIN};
	double left;
	ssize_t n;
	int rc;

	while (len > 0) {
		left = hard - glp_time();
		if (left <= 0)
			return -2;
		rc = poll(&pfd, 1, left > 1e9 ? 1000000000 : (int)left + 1);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			return -1;
		if (rc == 0)
			continue; /* the loop's clock decides */
		n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Takes the child's messages into *res until its last or the time hard;
 * 0 (ended), -1 (the pipe closed first) or -2 (time).
 */
static int
receive(int fd, int ncols, double hard, struct search_result *res,
	struct search_effort *effort)
{
	struct fence_msg msg;
	double *val = xcalloc((size_t)ncols + 1, sizeof *val);
	int rc;

	for (;;) {
		if ((rc = read_by(fd, &msg, sizeof msg, hard)) != 0)
			break;
		if (msg.ncols != ncols) {
			rc = -1;
			break;
		}
		if (msg.has_plan &&
		    (rc = read_by(fd, val + 1, (size_t)ncols * sizeof *val,
				  hard)) != 0)
			break;
		if (msg.has_plan) {
			if (res->val == NULL)
				res->val =
				    xcalloc((size_t)ncols + 1, sizeof *val);
			memcpy(res->val, val,
			       ((size_t)ncols + 1) * sizeof *val);
		}
		res->bound = msg.bound;
		res->proven = msg.proven;
		effort->spent = msg.spent;
		effort->clocked = msg.clocked;
		if (msg.ended)
			break;
	}
	free(val);
	return rc;
}

bool
fence_beside_start(struct fence_beside *b, double (*fn)(void *), void *arg)
{
	double out;

	b->pid = spawn(&b->fd);
	if (b->pid == 0) {
		fault_point("beside");
		fault_stall("beside");
		out = fn(arg);
		_exit(write_all(b->fd, &out, sizeof out) ? EXIT_SUCCESS
							 : EXIT_FAILURE);
	}
	return b->pid > 0;
}

int
fence_beside_wait(struct fence_beside *b, double hard, double *out)
{
	int rc = read_by(b->fd, out, sizeof *out, hard);

	reap(b->pid, b->fd, rc != 0);
	return rc;
}

int
fence_search(const struct model *m, const struct search_limits *lim,
	     double *start, double hard, struct search_result *res,
	     char **cause)
{
	int fd, ncols = glp_get_num_cols(m->lp), rc, status;
	pid_t pid;

	memset(res, 0, sizeof *res);
	if ((pid = spawn(&fd)) < 0) {
		xasprintf(cause, "cannot start the search: %s",
			  strerror(errno));
		free(start);
		return -1;
	}
	if (pid == 0)
		child(m, lim, start, fd);
	/* Until the child sends better, the start is the plan. */
	res->val = start;
	rc = receive(fd, ncols, hard, res, lim->effort);
	status = reap(pid, fd, rc != 0);
	if (rc == -2) {
		lim->effort->clocked = true; /* killed at the deadline */
		return 0;
	}
	if (rc == 0)
		return 0;
	free(res->val);
	res->val = NULL;
	if (WIFSIGNALED(status))
		xasprintf(cause, "the search failed: %s",
			  strsignal(WTERMSIG(status)));
	else
		xasprintf(cause, "the search failed (exit status %d)",
			  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return -1;
}
