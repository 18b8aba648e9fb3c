/*
 * Fault injection for the crash and full-disk tests. PCNROTA_FAULT names
 * one point: "kill@WHERE" kills the process there with SIGKILL,
 * "fail@WHERE" makes the write there fail as if the disk were full,
 * "stall@WHERE" stops the process there for good, as a call that cannot
 * be interrupted would. With
 * the variable unset (always, outside tests) both do nothing.
 */
#ifndef FAULT_H
#define FAULT_H

#include <stdbool.h>

/* Dies by SIGKILL when PCNROTA_FAULT is "kill@where". */
void fault_point(const char *where);
/* Waits for ever when PCNROTA_FAULT is "stall@where". */
void fault_stall(const char *where);
/* True when PCNROTA_FAULT is "fail@where": the caller fails with ENOSPC. */
bool fault_fail(const char *where);

#endif
