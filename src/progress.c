/* The solver's progress on stderr: a line updated in place, or a log. */
#include <sys/ioctl.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../solver/solve.h"
#include "plan.h"
#include "progress.h"

enum { PROGRESS_NONE, PROGRESS_LINE, PROGRESS_LOG };

/* A terminal line is redrawn at most this often, in seconds. */
#define PROGRESS_INTERVAL 0.25

static void progress_update(const struct solve_progress *, void *);

/*
 * "plan 131, at most 6.1% from the best possible, 3.2 s", or the stage
 * with no plan. A bound that says nothing of the plan is not shown.
 */
static int
describe(char *buf, size_t len, const struct solve_progress *sp, bool stage)
{
	double gap = sp->plan >= 0 ? plan_gap(sp->plan, sp->bound) : -1;
	int n = 0;

	if (stage || sp->plan < 0)
		n += snprintf(buf + n, len - n, "%s, ", sp->stage);
	if (sp->plan >= 0)
		n += snprintf(buf + n, len - n, "plan %.0f, ", sp->plan);
	if (gap == 0)
		n += snprintf(buf + n, len - n, "the best possible, ");
	else if (gap > 0)
		n += snprintf(buf + n, len - n,
			      "at most %.1f%% from the best possible, ",
			      100 * gap);
	n += snprintf(buf + n, len - n, "%.1f s", sp->seconds);
	return n;
}

static void
progress_update(const struct solve_progress *sp, void *arg)
{
	struct progress *pr = arg;
	char text[200];
	int n;

	if (pr->mode == PROGRESS_LOG) {
		if (!sp->news)
			return;
		describe(text, sizeof text, sp, true);
		fprintf(stderr, "pcnrota: %s: %s\n", pr->label, text);
		return;
	}
	/* Nothing in the first moments: a quick plan shows no line. */
	if (sp->seconds < pr->drawn + PROGRESS_INTERVAL)
		return;
	pr->drawn = sp->seconds;
	n = snprintf(text, sizeof text, "pcnrota: %s: ", pr->label);
	n += describe(text + n, sizeof text - n, sp, false);
	/* A line that wrapped could not be redrawn in place. */
	if (n >= pr->columns) {
		n = pr->columns - 1;
		text[n] = '\0';
	}
	/* Spaces over what a longer line before left. */
	fprintf(stderr, "\r%s%*s", text, pr->width > n ? pr->width - n : 0, "");
	fflush(stderr);
	if (n > pr->width)
		pr->width = n;
}

void
progress_start(struct progress *pr, struct solve_opts *opts, bool verbose,
	       const char *label)
{
	struct winsize ws;

	memset(pr, 0, sizeof *pr);
	snprintf(pr->label, sizeof pr->label, "%s", label);
	if (verbose)
		pr->mode = PROGRESS_LOG;
	else if (isatty(STDERR_FILENO)) {
		pr->mode = PROGRESS_LINE;
		pr->columns = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 &&
				      ws.ws_col > 20 && ws.ws_col < 200
				  ? ws.ws_col
				  : 80;
	} else
		pr->mode = PROGRESS_NONE;
	opts->progress = pr->mode == PROGRESS_NONE ? NULL : progress_update;
	opts->progress_arg = pr;
}

void
progress_end(struct progress *pr)
{
	if (pr->mode != PROGRESS_LINE)
		return;
	/* The search's own process drew most of it: the whole line. */
	if (pr->width < pr->columns - 1)
		pr->width = pr->columns - 1;
	fprintf(stderr, "\r%*s\r", pr->width, "");
	fflush(stderr);
	pr->width = 0;
}
