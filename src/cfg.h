/* Reading and checking a network file into a struct net. */
#ifndef CFG_H
#define CFG_H

#include "diag.h"
#include "net.h"

#define CFG_MAX_LINE 1000
#define CFG_MAX_FILE (1024 * 1024)

/*
 * Loads path into net. Every problem goes to diag as "path:line: message".
 * Returns 0 when the file is valid; -1 otherwise, with net freed.
 */
int cfg_load(const char *path, struct net *net, struct diag *diag);

#endif
