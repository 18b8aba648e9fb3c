/*
 * Atomic publishing of a set of files into one folder: each is written to
 * a temporary file beside its final name and flushed; only when all are
 * written are they renamed into place, so a reader sees the old set or
 * the new one and a failed run leaves the old files untouched. A file
 * whose bytes did not change is left as it was, date included.
 */
#ifndef PUBLISH_H
#define PUBLISH_H

#include <sys/types.h>

#include <stdio.h>

struct publish;

typedef int (*publish_writer)(FILE *, const void *arg);

/* Creates dir and its parents (mode 0755) if missing; -1 with *cause. */
int publish_make_folder(const char *dir, char **cause);
/*
 * publish_make_folder, then removes the temporary files a killed run
 * left there: call it only under the network's lock (lock.h), which
 * every run that publishes holds. NULL with *cause.
 */
struct publish *publish_open(const char *dir, char **cause);
/*
 * The folder sub of dir (one name), created with mode (whatever the
 * umask) if missing; refused when sub is a symbolic link. A folder that
 * was there loses the read permissions mode does not give, and nothing
 * else: 0711 makes a folder others can reach files in by name but not
 * list. NULL with *cause.
 */
struct publish *publish_open_sub(const char *dir, const char *sub, mode_t mode,
				 char **cause);
/*
 * Writes name (one name, not starting with '.') through writer into a
 * temporary file; -1 with *cause, also when name is a symbolic link or
 * not a regular file.
 */
int publish_add(struct publish *, const char *name, int mode, publish_writer,
		const void *arg, char **cause);
/*
 * Renames every file into place (none when one of them has become a
 * symbolic link meanwhile); -1 with *cause. Frees the set.
 */
int publish_commit(struct publish *, char **cause);
/* Removes the temporary files. Frees the set. */
void publish_abort(struct publish *);

#endif
