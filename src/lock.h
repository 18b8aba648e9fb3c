/*
 * One run per network at a time: an exclusive lock on a file beside the
 * state (STATE.lock), waited for a bounded time. The lock goes with the
 * process, so a run killed at any moment never leaves it held.
 */
#ifndef LOCK_H
#define LOCK_H

/*
 * Takes the lock of the state at path, waiting up to wait_s seconds.
 * Returns the lock (a file descriptor), -1 with *cause when it cannot be
 * made, -2 with *cause when another run still holds it.
 */
int lock_take(const char *state, double wait_s, char **cause);
void lock_release(int);

#endif
