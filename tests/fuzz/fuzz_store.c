/*
 * libFuzzer harness: the state-store reader. The input is a state.db as
 * found on disk (a damaged, truncated or hostile SQLite file); opening it
 * and reading events, placements and tokens must fail cleanly with a
 * cause, never crash.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static char db[96], wal[96], shm[96];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char token[STORE_TOKEN_LEN + 1], *cause = NULL;
	struct store_event *ev;
	struct store_assign *as;
	struct store *s;
	int fd, n;

	if (db[0] == '\0') {
		/* A memory file system when there is one: SQLite syncs. */
		snprintf(dir, sizeof dir, "%s/pcnrota-fuzz-store.XXXXXX",
			 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
		if (mkdtemp(dir) == NULL)
			abort();
		snprintf(db, sizeof db, "%s/state.db", dir);
		snprintf(wal, sizeof wal, "%s-wal", db);
		snprintf(shm, sizeof shm, "%s-shm", db);
	}
	unlink(wal);
	unlink(shm);
	if ((fd = open(db, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
		abort();
	if (size > 0 && write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	if ((s = store_open(db, &cause)) == NULL) {
		free(cause);
		return 0;
	}
	if (store_events(s, &ev, &n, &cause) == 0)
		store_events_free(ev, n);
	else
		free(cause), cause = NULL;
	if (store_assignments(s, "2000-01-01", "2100-12-31", &as, &n, &cause) ==
	    0)
		store_assigns_free(as, n);
	else
		free(cause), cause = NULL;
	if (store_token(s, "alice", token, &cause) != 0)
		free(cause), cause = NULL;
	if (store_token(s, "alice", token, &cause) != 0)
		free(cause), cause = NULL;
	store_close(s);
	return 0;
}
