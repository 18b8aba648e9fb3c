/* Plan storage and the wording of reasons. */
#include <stdlib.h>
#include <string.h>

#include "plan.h"

void
plan_free(struct plan *p)
{
	free(p->slots);
	free(p->assigns);
	free(p->uncovered);
	free(p->fair);
	memset(p, 0, sizeof *p);
}

const char *
plan_reason_text(enum plan_reason r)
{
	switch (r) {
	case PLAN_NO_ROLE:
		return "nobody in the network has this role";
	case PLAN_NOT_PERMITTED:
		return "nobody of this role may work at this practice";
	case PLAN_NOT_WORKING:
		return "nobody of this role works this session";
	case PLAN_ON_LEAVE:
		return "everyone of this role who works this session is on "
		       "leave";
	case PLAN_CLOSED:
		return "the practice has no room for network staff in this "
		       "session";
	case PLAN_ROOMS_FULL:
		return "every room is taken by other network staff";
	case PLAN_CONTRACTS_USED:
		return "everyone of this role free then has used their "
		       "contracted sessions this week";
	case PLAN_BUSY:
		return "everyone of this role free then is placed elsewhere "
		       "(that session or that day)";
	}
	return "unknown";
}
