/*
 * libFuzzer harness: the leave-calendar reader. The input is an .ics file
 * as exported by another system; the first byte picks the network's time
 * zone, the rest is the calendar, handed over in a buffer of exactly its
 * size (no NUL after it) as leavecal_parse allows. leavecal_parse refuses
 * a calendar over its expansion budget (LEAVECAL_MAX_STEPS) before
 * expanding it: an input that runs into fuzz.sh's -timeout is a rule the
 * budget misjudges, a finding like a crash. The dates each event may
 * touch, found without expanding it (and told when a plan reaches past
 * the window), must hold every absence expanding found: one outside them
 * aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "leavecal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const zones[] = {
    "Europe/London",	"UTC",
    "America/New_York", "Australia/Lord_Howe",
    "Pacific/Chatham",	"Asia/Kathmandu",
    "Europe/Dublin",	"Africa/Casablanca",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct leavecal cal;
	const struct leavecal_event *e;
	const char *zone;
	char *text, *cause = NULL;
	int i, line = 0;

	if (size < 1)
		return 0;
	zone = zones[data[0] % (sizeof zones / sizeof *zones)];
	text = malloc(size - 1 > 0 ? size - 1 : 1);
	if (text == NULL)
		abort();
	memcpy(text, data + 1, size - 1);
	if (leavecal_parse(text, size - 1, zone, date_from_ymd(2026, 1, 1),
			   date_from_ymd(2026, 12, 31), &cal, &line,
			   &cause) == 0) {
		for (i = 0; i < cal.nabsences; i++) {
			e = &cal.events[cal.absences[i].event];
			if (cal.absences[i].date < e->first ||
			    cal.absences[i].date > e->last)
				abort();
		}
		leavecal_free(&cal);
	} else
		free(cause);
	free(text);
	return 0;
}
