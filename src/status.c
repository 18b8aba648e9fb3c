/* The status file in the Prometheus textfile format. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"
#include "xmalloc.h"

/* Each metric: its name, help text and where its value lives. */
static const struct metric {
	const char *name, *help;
	size_t offset;
	char type;     /* 'L' long long, 'D' double, 'I' int */
	bool optional; /* newer than some status files status_read reads */
} metrics[] = {
    {"pcnrota_last_success_timestamp_seconds",
     "When the last successful run ended its work (Unix time).",
     offsetof(struct status, last_success), 'L', false},
    {"pcnrota_published_until_timestamp_seconds",
     "The end of the last day published without a gap from today.",
     offsetof(struct status, published_until), 'L', false},
    {"pcnrota_weeks_published_ahead",
     "Weeks published from today, without a gap.",
     offsetof(struct status, weeks_ahead), 'D', false},
    {"pcnrota_uncovered_requests",
     "Requested sessions the last plan could not cover.",
     offsetof(struct status, uncovered), 'I', false},
    {"pcnrota_plan_cost", "The last plan's cost (its objective).",
     offsetof(struct status, cost), 'D', false},
    {"pcnrota_plan_gap",
     "How far the last plan may be from the best possible, as a "
     "fraction of its cost (-1 unknown).",
     offsetof(struct status, gap), 'D', false},
    {"pcnrota_sessions_changed", "Published sessions the last run changed.",
     offsetof(struct status, sessions_changed), 'I', false},
    {"pcnrota_staff_changed",
     "Staff whose published sessions the last run changed.",
     offsetof(struct status, staff_changed), 'I', false},
    {"pcnrota_calendar_fetch_failures",
     "Calendars by address the last run could not fetch, and read from "
     "the last good copy.",
     offsetof(struct status, calendar_failures), 'I', true},
    {"pcnrota_calendar_oldest_copy_age_seconds",
     "Age of the oldest copy of a calendar by address the last run used "
     "(0 when all were fetched, or there are none).",
     offsetof(struct status, calendar_oldest_age), 'L', true},
};

#define NMETRICS (sizeof metrics / sizeof *metrics)

/* A label value: backslash, quote and newline escaped. */
static void
put_label(FILE *f, const char *v)
{
	for (; *v != '\0'; v++) {
		if (*v == '\\' || *v == '"')
			fputc('\\', f);
		if (*v == '\n')
			fputs("\\n", f);
		else
			fputc(*v, f);
	}
}

int
status_write(FILE *f, const struct status *s)
{
	const char *base = (const char *)s;
	size_t i;

	for (i = 0; i < NMETRICS; i++) {
		const struct metric *m = &metrics[i];

		fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n%s{network=\"",
			m->name, m->help, m->name, m->name);
		put_label(f, s->network);
		fputs("\"} ", f);
		switch (m->type) {
		case 'L':
			fprintf(f, "%lld\n",
				*(const long long *)(base + m->offset));
			break;
		case 'I':
			fprintf(f, "%d\n", *(const int *)(base + m->offset));
			break;
		default:
			fprintf(f, "%.10g\n",
				*(const double *)(base + m->offset));
		}
	}
	return ferror(f) ? -1 : 0;
}

int
status_read(const char *path, struct status *s, char **cause)
{
	char line[512], *brace, *value, *end;
	char *base = (char *)s;
	FILE *f;
	size_t i, len;
	int found = 0, needed = 0;

	memset(s, 0, sizeof *s);
	if ((f = fopen(path, "r")) == NULL) {
		xasprintf(cause, "%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		if (line[0] == '#' || (brace = strchr(line, '{')) == NULL ||
		    (value = strstr(brace, "} ")) == NULL)
			continue;
		len = (size_t)(brace - line);
		for (i = 0; i < NMETRICS; i++)
			if (strlen(metrics[i].name) == len &&
			    strncmp(line, metrics[i].name, len) == 0)
				break;
		if (i == NMETRICS)
			continue;
		value += 2;
		errno = 0;
		switch (metrics[i].type) {
		case 'L':
			*(long long *)(base + metrics[i].offset) =
			    strtoll(value, &end, 10);
			break;
		case 'I':
			*(int *)(base + metrics[i].offset) =
			    (int)strtol(value, &end, 10);
			break;
		default:
			*(double *)(base + metrics[i].offset) =
			    strtod(value, &end);
		}
		if (end == value || errno != 0)
			break;
		found += !metrics[i].optional;
	}
	fclose(f);
	for (i = 0; i < NMETRICS; i++)
		needed += !metrics[i].optional;
	if (found != needed) {
		xasprintf(cause, "%s: not a pcnrota status file", path);
		return -1;
	}
	return 0;
}
