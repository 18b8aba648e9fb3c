/* The rota as text for a terminal, and as CSV for spreadsheets. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "report.h"
#include "xmalloc.h"

static const char *month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* "Mon 30 Nov 2026" (with_year) or "Mon 30 Nov". */
static void
day_title(date_t d, int with_year, char *buf, size_t len)
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	if (with_year)
		snprintf(buf, len, "%s %d %s %d",
			 date_day_title(date_weekday(d)), dd,
			 month_names[m - 1], y);
	else
		snprintf(buf, len, "%s %d %s", date_day_title(date_weekday(d)),
			 dd, month_names[m - 1]);
}

/* A growable string for table cells. */
struct buf {
	char *s;
	size_t len, cap;
};

static void
buf_add(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

static char *
cell_text(const struct net *n, const struct plan *p, int t, int row)
{
	const struct net_slot *slot = &p->slots[t];
	struct buf b = {NULL, 0, 0};
	int j, first = 1;

	buf_add(&b, "");
	if (row < n->npractices && net_practice_rooms(n, row, slot) == 0) {
		buf_add(&b, "closed");
		first = 0;
	}
	for (j = 0; j < p->nassigns; j++) {
		const struct plan_assign *a = &p->assigns[j];

		if (a->slot != t || net_site_row(n, a->site) != row)
			continue;
		if (!first)
			buf_add(&b, ", ");
		buf_add(&b, n->staff[a->staff].id);
		/* A further site of the practice is named. */
		if (row < n->npractices && a->site != row) {
			buf_add(&b, "@");
			buf_add(&b, n->sites[a->site].id);
		}
		first = 0;
	}
	for (j = 0; j < p->nuncovered; j++) {
		const struct net_request *rq =
		    &n->requests[p->uncovered[j].request];

		if (p->uncovered[j].slot != t || rq->practice != row)
			continue;
		if (!first)
			buf_add(&b, " ");
		buf_add(&b, "[need ");
		buf_add(&b, n->roles[rq->role].id);
		buf_add(&b, "]");
		first = 0;
	}
	if (first)
		buf_add(&b, "-");
	return b.s;
}

int
report_width(const char *s)
{
	int w = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

static void
pad(FILE *f, const char *s, int width)
{
	int w;

	fputs(s, f);
	for (w = report_width(s); w < width; w++)
		fputc(' ', f);
}

/* One table per day: practices and care homes down, sessions across. */
static void
write_day(FILE *f, const struct net *n, const struct plan *p, int t0, int t1)
{
	int width[NET_MAX_SESSIONS + 1], t, pr, w;
	char title[32], head[64], start[8], end[8];
	char **cells;
	int ncols = t1 - t0;

	cells = xcalloc((size_t)(n->nsites * ncols) + 1, sizeof *cells);
	day_title(p->slots[t0].date, 0, title, sizeof title);
	width[0] = report_width(title);
	for (pr = 0; pr < n->nsites; pr++)
		if (net_is_row(n, pr) &&
		    (w = report_width(net_row_name(n, pr))) > width[0])
			width[0] = w;
	for (t = t0; t < t1; t++) {
		const struct net_session *s = &n->sessions[p->slots[t].session];

		date_format_hhmm(s->start, start);
		date_format_hhmm(s->end, end);
		snprintf(head, sizeof head, "%s %s-%s", s->id, start, end);
		width[t - t0 + 1] = report_width(head);
		for (pr = 0; pr < n->nsites; pr++) {
			char *c;

			if (!net_is_row(n, pr))
				continue;
			c = cell_text(n, p, t, pr);
			cells[pr * ncols + t - t0] = c;
			if ((w = report_width(c)) > width[t - t0 + 1])
				width[t - t0 + 1] = w;
		}
	}
	pad(f, title, width[0]);
	for (t = t0; t < t1; t++) {
		const struct net_session *s = &n->sessions[p->slots[t].session];

		date_format_hhmm(s->start, start);
		date_format_hhmm(s->end, end);
		snprintf(head, sizeof head, "%s %s-%s", s->id, start, end);
		fputs(" | ", f);
		pad(f, head, t + 1 < t1 ? width[t - t0 + 1] : 0);
	}
	fputc('\n', f);
	for (w = 0; w < width[0]; w++)
		fputc('-', f);
	for (t = t0; t < t1; t++) {
		fputs("-+-", f);
		for (w = 0; w < width[t - t0 + 1]; w++)
			fputc('-', f);
	}
	fputc('\n', f);
	for (pr = 0; pr < n->nsites; pr++) {
		if (!net_is_row(n, pr))
			continue;
		pad(f, net_row_name(n, pr), width[0]);
		for (t = t0; t < t1; t++) {
			fputs(" | ", f);
			pad(f, cells[pr * ncols + t - t0],
			    t + 1 < t1 ? width[t - t0 + 1] : 0);
		}
		fputc('\n', f);
	}
	fputc('\n', f);
	for (t = 0; t < n->nsites * ncols; t++)
		free(cells[t]);
	free(cells);
}

static void
write_legend(FILE *f, const struct net *n, const struct plan *p, int week)
{
	int i, j, placed, width = 2;

	for (i = 0; i < n->nstaff; i++)
		if (report_width(n->staff[i].id) > width)
			width = report_width(n->staff[i].id);
	fprintf(f, "Staff\n");
	for (i = 0; i < n->nstaff; i++) {
		const struct net_staff *st = &n->staff[i];

		placed = 0;
		for (j = 0; j < p->nassigns; j++)
			if (p->assigns[j].staff == i &&
			    p->slots[p->assigns[j].slot].week == week)
				placed++;
		fprintf(f, "  %-*s  %s, %s: %d of %d sessions", width, st->id,
			st->name, n->roles[st->role].name, placed,
			st->sessions);
		if (net_capacity(n, i, p->monday + 7 * week) < st->sessions)
			fprintf(f, " (%d after leave)",
				net_capacity(n, i, p->monday + 7 * week));
		fputc('\n', f);
	}
	fputc('\n', f);
}

/*
 * Practices a role gets no share of, and why: none of its staff may work
 * there. One line a role.
 */
static void
write_unreached(FILE *f, const struct net *n)
{
	int role, k, count, reached;

	for (role = 0; role < n->nroles; role++) {
		for (k = reached = 0; k < n->npractices; k++)
			reached += net_role_reaches(n, role, k);
		if (reached == 0 || reached == n->npractices)
			continue; /* none in the network, or none left out */
		fprintf(f, "  no share of %s at ", n->roles[role].id);
		for (k = count = 0; k < n->npractices; k++)
			if (!net_role_reaches(n, role, k)) {
				fprintf(f, "%s%s", count > 0 ? ", " : "",
					n->practices[k].name);
				count++;
			}
		fprintf(f, ": no %s may work there\n", n->roles[role].id);
	}
}

static void
write_fairness(FILE *f, const struct net *n, const struct plan *p, int week)
{
	int k, width = 8, rwidth = 4, carried = 0;
	char label[16];

	for (k = 0; k < n->npractices; k++)
		if (report_width(n->practices[k].name) > width)
			width = report_width(n->practices[k].name);
	for (k = 0; k < n->nroles; k++)
		if (report_width(n->roles[k].id) > rwidth)
			rwidth = report_width(n->roles[k].id);
	for (k = 0; k < p->nfair; k++)
		carried |= p->fair[k].week == week && p->fair[k].carried != 0;
	date_format_isoweek(p->monday + 7 * week, label);
	fprintf(f, "Fair shares by %s, %s\n", net_share_label(n), label);
	fprintf(f, "  %-*s  %-*s  ", rwidth, "role", width, "practice");
	if (carried)
		fprintf(f, "%6s  %7s  ", "agreed", "carried");
	fprintf(f, "%6s  %9s  %5s\n", "share", "delivered", "diff");
	for (k = 0; k < p->nfair; k++) {
		const struct plan_fair *fr = &p->fair[k];

		if (fr->week != week ||
		    (fr->target == 0 && fr->delivered == 0 && fr->carried == 0))
			continue;
		fprintf(f, "  %-*s  ", rwidth, n->roles[fr->role].id);
		pad(f, n->practices[fr->practice].name, width);
		if (carried)
			fprintf(f, "  %6d  %+7d", fr->share, fr->carried);
		fprintf(f, "  %6d  %9d  %+5d\n", fr->target, fr->delivered,
			fr->delivered - fr->target);
	}
	if (carried)
		fprintf(f, "  (carried: sessions ahead (+) or owed (-) from "
			   "earlier weeks; share = agreed less carried)\n");
	write_unreached(f, n);
	fputc('\n', f);
}

/*
 * Enhanced Access hours delivered against owed in the week, then each EA
 * session with the staff placed and their hours.
 */
static void
write_ea(FILE *f, const struct net *n, const struct plan *p, int week)
{
	char label[16], day[32], start[8], end[8];
	int t, j, staff, done, owed = n->ea_minutes, k = 0;

	for (t = 0; t < n->nsessions; t++)
		k += n->sessions[t].enhanced_access;
	if (k == 0)
		return;
	done = plan_ea_minutes(p, n, week, -1);
	date_format_isoweek(p->monday + 7 * week, label);
	fprintf(f,
		"Enhanced Access, %s: %d:%02d hours delivered of %d:%02d "
		"owed",
		label, done / 60, done % 60, owed / 60, owed % 60);
	if (done < owed)
		fprintf(f, ", %d:%02d short", (owed - done) / 60,
			(owed - done) % 60);
	fputc('\n', f);
	for (t = 0; t < p->nslots; t++) {
		const struct net_slot *s = &p->slots[t];

		if (s->week != week || !n->sessions[s->session].enhanced_access)
			continue;
		staff = 0;
		for (j = 0; j < p->nassigns; j++)
			staff += p->assigns[j].slot == t;
		done = plan_ea_minutes(p, n, week, t);
		day_title(s->date, 0, day, sizeof day);
		date_format_hhmm(n->sessions[s->session].start, start);
		date_format_hhmm(n->sessions[s->session].end, end);
		fprintf(f, "  %s %s %s-%s: %d staff, %d:%02d hours\n", day,
			n->sessions[s->session].id, start, end, staff,
			done / 60, done % 60);
	}
	fputc('\n', f);
}

/*
 * Each care home's round sessions held against due in the week, who held
 * them, and why a round fell short.
 */
static void
write_rounds(FILE *f, const struct net *n, const struct plan *p, int week)
{
	char label[16], day[32];
	int k, j, r, width = 0;

	for (k = n->npractices; k < n->nsites; k++)
		if (net_is_care_home(n, k) &&
		    report_width(n->sites[k].name) > width)
			width = report_width(n->sites[k].name);
	if (width == 0)
		return;
	date_format_isoweek(p->monday + 7 * week, label);
	fprintf(f, "Care-home rounds, %s\n", label);
	for (k = n->npractices; k < n->nsites; k++) {
		if (!net_is_care_home(n, k))
			continue;
		fputs("  ", f);
		pad(f, n->sites[k].name, width);
		fprintf(f, "  %d of %d held", plan_rounds_held(p, week, k),
			n->sites[k].rounds);
		for (j = 0; j < p->nassigns; j++) {
			const struct plan_assign *a = &p->assigns[j];
			const struct net_slot *s = &p->slots[a->slot];

			if (a->site != k || s->week != week)
				continue;
			day_title(s->date, 0, day, sizeof day);
			fprintf(f, "; %s %s %s", day,
				n->sessions[s->session].id,
				n->staff[a->staff].id);
		}
		for (r = 0; r < p->nrounds; r++)
			if (p->rounds[r].site == k && p->rounds[r].week == week)
				fprintf(f, "; short: %s",
					plan_round_text(p->rounds[r].reason));
		fputc('\n', f);
	}
	fputc('\n', f);
}

static void
write_uncovered(FILE *f, const struct net *n, const struct plan *p)
{
	char day[32];
	int j;

	if (p->nuncovered == 0) {
		fprintf(f, "Every requested session is covered.\n");
		return;
	}
	fprintf(f, "Requested sessions not covered: %d\n", p->nuncovered);
	for (j = 0; j < p->nuncovered; j++) {
		const struct plan_uncovered *u = &p->uncovered[j];
		const struct net_request *rq = &n->requests[u->request];

		day_title(p->slots[u->slot].date, 0, day, sizeof day);
		fprintf(f, "  %s %s, %s, %s: %s\n", day,
			n->sessions[p->slots[u->slot].session].id,
			rq->site >= 0 ? n->sites[rq->site].name
				      : n->practices[rq->practice].name,
			n->roles[rq->role].id, plan_reason_text(u->reason));
	}
}

/* Requests on a bank holiday or a closure: not needed, so not uncovered. */
static void
write_not_needed(FILE *f, const struct net *n, const struct plan *p)
{
	char day[32];
	int j;

	if (p->nnot_needed == 0)
		return;
	fprintf(f,
		"Requested sessions not needed (the practice is closed): "
		"%d\n",
		p->nnot_needed);
	for (j = 0; j < p->nnot_needed; j++) {
		const struct plan_uncovered *u = &p->not_needed[j];
		const struct net_request *rq = &n->requests[u->request];

		day_title(p->slots[u->slot].date, 0, day, sizeof day);
		fprintf(f, "  %s %s, %s, %s: %s\n", day,
			n->sessions[p->slots[u->slot].session].id,
			n->practices[rq->practice].name, n->roles[rq->role].id,
			u->reason == PLAN_BANK_HOLIDAY ? "a bank holiday"
						       : "closed that day");
	}
}

/* Minimums not met and pins not kept, with the reasons. */
static void
write_rules(FILE *f, const struct net *n, const struct plan *p)
{
	char day[32], label[16];
	int j;

	if (p->nshorts > 0)
		fprintf(f, "Minimums not met: %d\n", p->nshorts);
	for (j = 0; j < p->nshorts; j++) {
		const struct plan_short *s = &p->shorts[j];

		date_format_isoweek(p->monday + 7 * s->week, label);
		fprintf(f, "  %s, %s, %s: %d of %d sessions: %s\n", label,
			n->practices[s->practice].name, n->roles[s->role].id,
			s->delivered, s->minimum, plan_reason_text(s->reason));
	}
	if (p->npins > 0)
		fprintf(f, "Pins not kept: %d\n", p->npins);
	for (j = 0; j < p->npins; j++) {
		const struct plan_pin *pin = &p->pins[j];

		day_title(p->slots[pin->slot].date, 0, day, sizeof day);
		fprintf(f, "  %s %s, %s at %s: %s\n", day,
			n->sessions[p->slots[pin->slot].session].id,
			n->staff[pin->staff].name,
			n->practices[pin->practice].name,
			plan_pin_text(pin->reason));
	}
}

/* A cost to print: solver round-off such as -1e-12 is not "-0". */
static double
cost(double v)
{
	return fabs(v) < 1e-6 ? 0 : v;
}

/*
 * The cost of the plan by goal; they add up to the total. Continuity
 * shows when it is weighed, rounds when the network has care homes,
 * changes when a published plan was changed.
 */
static void
write_objective(FILE *f, const struct net *n, const struct plan *p)
{
	int k;

	fprintf(f, "\nObjective: cost %.0f\n", cost(p->objective));
	for (k = 0; k < PLAN_NTERMS; k++)
		if ((k != PLAN_T_CHANGES || p->terms[k] != 0) &&
		    (k != PLAN_T_CONTINUITY || n->weights.continuity > 0) &&
		    (k != PLAN_T_ROUNDS || net_care_homes(n) > 0))
			fprintf(f, "  %-26s %8.0f\n",
				plan_term_name((enum plan_term)k),
				cost(p->terms[k]));
}

/*
 * The plan's standing in words, then the line scripts read: "bound -"
 * when no bound says anything.
 */
static void
write_status(FILE *f, const struct plan *p)
{
	double gap = plan_gap(p->objective, p->bound);
	char bound[32] = "-";

	fputc('\n', f);
	if (p->status == PLAN_OPTIMAL && gap == 0)
		fprintf(f, "This is the best possible plan.\n");
	else if (gap >= 0)
		fprintf(f,
			"This plan is at most %.1f%% from the best possible "
			"plan%s.\n",
			100 * gap,
			p->status == PLAN_OPTIMAL ? ", within --gap" : "");
	else
		fprintf(f, "How far this plan is from the best possible is not "
			   "known yet.\n");
	if (plan_wants_time(p))
		fprintf(f, "A longer --time-limit would likely find a better "
			   "plan.\n");
	if (p->clocked)
		fprintf(f, "The time limit stopped the search before its "
			   "effort was spent: another run may give another "
			   "plan.\n");
	if (gap >= 0)
		snprintf(bound, sizeof bound, "%.0f", cost(p->bound));
	fprintf(f,
		"Plan %s: cost %.0f, bound %s; %d sessions placed; "
		"model %d rows, %d columns (%d integer)\n",
		p->status == PLAN_OPTIMAL ? "optimal" : "feasible",
		cost(p->objective), bound, p->nassigns, p->rows, p->cols,
		p->integers);
}

int
report_text(FILE *f, const struct net *n, const struct plan *p)
{
	char first[32], last[32], label[16], *warning;
	int w, t0, t1;

	/* First, where nobody misses it. */
	warning = net_holidays_warning(n, p->monday + 7 * p->weeks - 1);
	if (warning != NULL) {
		fprintf(f, "WARNING: %s\n\n", warning);
		free(warning);
	}
	for (w = 0; w < p->weeks; w++) {
		date_format_isoweek(p->monday + 7 * w, label);
		day_title(p->monday + 7 * w, 1, first, sizeof first);
		day_title(p->monday + 7 * w + 6, 1, last, sizeof last);
		fprintf(f, "%s: rota for %s, %s to %s\n\n", n->name, label,
			first, last);
		for (t0 = 0; t0 < p->nslots; t0 = t1) {
			for (t1 = t0; t1 < p->nslots &&
				      p->slots[t1].date == p->slots[t0].date;
			     t1++)
				;
			if (p->slots[t0].week == w)
				write_day(f, n, p, t0, t1);
		}
		write_legend(f, n, p, w);
		write_fairness(f, n, p, w);
		write_ea(f, n, p, w);
		write_rounds(f, n, p, w);
	}
	write_uncovered(f, n, p);
	write_not_needed(f, n, p);
	write_rules(f, n, p);
	if (p->solved)
		write_objective(f, n, p);
	if (!p->solved)
		fprintf(f, "\nPublished plan: %d sessions placed\n",
			p->nassigns);
	else
		write_status(f, p);
	return ferror(f) ? -1 : 0;
}

static void
csv_slot(FILE *f, const struct net *n, const struct plan *p, int t)
{
	const struct net_slot *s = &p->slots[t];
	char buf[16];

	date_format(s->date, buf);
	csv_field(f, buf, 1);
	date_format_isoweek(s->date, buf);
	csv_field(f, buf, 0);
	csv_field(f, date_day_name(s->day), 0);
	csv_field(f, n->sessions[s->session].id, 0);
	date_format_hhmm(n->sessions[s->session].start, buf);
	csv_field(f, buf, 0);
	date_format_hhmm(n->sessions[s->session].end, buf);
	csv_field(f, buf, 0);
}

int
report_csv_assignments(FILE *f, const struct net *n, const struct plan *p)
{
	int j;

	static const char *head[] = {
	    "date",	"week",		 "day",	       "session",  "start",
	    "end",	"staff",	 "staff_name", "role",	   "role_name",
	    "practice", "practice_name", "site",       "site_name"};

	csv_head(f, head, sizeof head / sizeof *head);
	for (j = 0; j < p->nassigns; j++) {
		const struct plan_assign *a = &p->assigns[j];
		const struct net_staff *st = &n->staff[a->staff];

		csv_slot(f, n, p, a->slot);
		csv_field(f, st->id, 0);
		csv_field(f, st->name, 0);
		csv_field(f, n->roles[st->role].id, 0);
		csv_field(f, n->roles[st->role].name, 0);
		/* At a care home, no practice. */
		csv_field(
		    f, a->practice >= 0 ? n->practices[a->practice].id : "", 0);
		csv_field(
		    f, a->practice >= 0 ? n->practices[a->practice].name : "",
		    0);
		csv_field(f, n->sites[a->site].id, 0);
		csv_field(f, n->sites[a->site].name, 0);
		csv_end(f);
	}
	return ferror(f) ? -1 : 0;
}

int
report_csv_fairness(FILE *f, const struct net *n, const struct plan *p)
{
	char week[16];
	int k;

	static const char *basis[] = {"list", "weighted", "percent", "fixed"};
	static const char *head[] = {
	    "week",	     "role",	     "role_name", "practice",
	    "practice_name", "share_basis",  "target",	  "delivered",
	    "difference",    "agreed_share", "carried_in"};

	csv_head(f, head, sizeof head / sizeof *head);
	for (k = 0; k < p->nfair; k++) {
		const struct plan_fair *fr = &p->fair[k];

		date_format_isoweek(p->monday + 7 * fr->week, week);
		csv_field(f, week, 1);
		csv_field(f, n->roles[fr->role].id, 0);
		csv_field(f, n->roles[fr->role].name, 0);
		csv_field(f, n->practices[fr->practice].id, 0);
		csv_field(f, n->practices[fr->practice].name, 0);
		csv_field(f, basis[n->roles[fr->role].share], 0);
		csv_int(f, fr->target, 0);
		csv_int(f, fr->delivered, 0);
		csv_int(f, fr->delivered - fr->target, 0);
		csv_int(f, fr->share, 0);
		csv_int(f, fr->carried, 0);
		csv_end(f);
	}
	return ferror(f) ? -1 : 0;
}

int
report_csv_uncovered(FILE *f, const struct net *n, const struct plan *p)
{
	int j;

	static const char *head[] = {
	    "date",	"week",		 "day",	 "session",   "start", "end",
	    "practice", "practice_name", "role", "role_name", "reason"};

	csv_head(f, head, sizeof head / sizeof *head);
	for (j = 0; j < p->nuncovered; j++) {
		const struct plan_uncovered *u = &p->uncovered[j];
		const struct net_request *rq = &n->requests[u->request];

		csv_slot(f, n, p, u->slot);
		csv_field(f, n->practices[rq->practice].id, 0);
		csv_field(f, n->practices[rq->practice].name, 0);
		csv_field(f, n->roles[rq->role].id, 0);
		csv_field(f, n->roles[rq->role].name, 0);
		csv_field(f, plan_reason_text(u->reason), 0);
		csv_end(f);
	}
	return ferror(f) ? -1 : 0;
}
