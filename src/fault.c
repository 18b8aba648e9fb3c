/* Fault injection points, driven by PCNROTA_FAULT; see fault.h. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fault.h"

static bool
fault_is(const char *action, const char *where)
{
	const char *v = getenv("PCNROTA_FAULT");
	size_t n = strlen(action);

	return v != NULL && strncmp(v, action, n) == 0 && v[n] == '@' &&
	       strcmp(v + n + 1, where) == 0;
}

void
fault_point(const char *where)
{
	if (fault_is("kill", where))
		raise(SIGKILL);
}

void
fault_stall(const char *where)
{
	if (fault_is("stall", where))
		for (;;)
			pause();
}

bool
fault_fail(const char *where)
{
	return fault_is("fail", where);
}
