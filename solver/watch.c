/* The search's progress, and GLPK's terminal output. */
#include <glpk.h>
#include <stdio.h>
#include <string.h>

#include "watch.h"

void
watch_init(struct watch *w, const struct solve_opts *opts)
{
	memset(w, 0, sizeof *w);
	w->progress = opts->progress;
	w->arg = opts->progress_arg;
	w->started = glp_time();
	w->plan = w->bound = -1;
	snprintf(w->stage, sizeof w->stage, "greedy start");
}

void
watch_tell(struct watch *w, const char *stage, bool news, double plan,
	   double bound)
{
	struct solve_progress sp;

	if (w == NULL || w->progress == NULL)
		return;
	if (stage != NULL)
		snprintf(w->stage, sizeof w->stage, "%s%s", w->prefix, stage);
	if (plan >= 0 && w->plan_rest >= 0 &&
	    (w->plan < 0 || plan + w->plan_rest < w->plan - 1e-6)) {
		w->plan = plan + w->plan_rest;
		news = true;
	}
	if (bound >= 0 && bound + w->bound_rest > w->bound)
		w->bound = bound + w->bound_rest;
	sp.stage = w->stage;
	sp.news = news;
	sp.plan = w->plan;
	sp.bound = w->bound;
	sp.seconds = (glp_time() - w->started) / 1000;
	w->progress(&sp, w->arg);
}

void
watch_part(struct watch *w, const char *prefix, double plan_rest,
	   double bound_rest)
{
	if (w == NULL)
		return;
	snprintf(w->prefix, sizeof w->prefix, "%s", prefix);
	w->plan_rest = plan_rest;
	w->bound_rest = bound_rest;
}

void
watch_whole(struct watch *w)
{
	watch_part(w, "", 0, 0);
}

static int
quiet(void *info, const char *s)
{
	(void)info;
	(void)s;
	return 1; /* nonzero: GLPK prints nothing */
}

/* --verbose: GLPK's log goes to stderr, stdout is the command's. */
static int
to_stderr(void *info, const char *s)
{
	(void)info;
	fputs(s, stderr);
	return 1;
}

/* Not shown, but each line of GLPK's log marks time for the progress. */
static int
tick(void *info, const char *s)
{
	(void)s;
	watch_tell(info, NULL, false, -1, -1);
	return 1;
}

void
watch_glpk_output(bool verbose, struct watch *w)
{
	if (verbose)
		glp_term_hook(to_stderr, NULL);
	else if (w != NULL)
		glp_term_hook(tick, w);
	else
		glp_term_hook(quiet, NULL);
}
