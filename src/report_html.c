/* The rota as one HTML page: grids, uncovered requests and fair shares. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "report_html.h"
#include "xmalloc.h"

/*
 * Role colours, a light fill and a strong edge each; roles past the end
 * of the palette reuse it, which is fine because every chip also names
 * its role in text.
 */
static const struct {
	const char *bg, *fg;
} palette[] = {
    {"#dce9f7", "#2f6fb0"}, {"#fbe6cf", "#c06500"}, {"#d8efe1", "#2e8450"},
    {"#ebe1f5", "#7b4fa8"}, {"#d4eeee", "#17808a"}, {"#f7dde8", "#b03f73"},
    {"#f2ecc9", "#8c7409"}, {"#e9e3dd", "#76604f"},
};
#define NPALETTE ((int)(sizeof palette / sizeof *palette))

static const char *month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Longest practice name drawn in full beside a bar. */
#define CHART_LABEL 30

/* What every part of the page needs, with lookups built once. */
struct html {
	FILE *f;
	const struct net *n;
	const struct plan *p;
	int *where;  /* [slot * nstaff + staff]: site, or -1 */
	int *byrole; /* staff indices by role, then file order */
	int *ufirst; /* uncovered of slot t: uorder[ufirst[t] .. ufirst[t+1]] */
	int *uorder; /* uncovered indices by slot */
	int *wfirst; /* slots of week w: wfirst[w] .. wfirst[w + 1] */
	int *placed; /* [week * nstaff + staff]: sessions placed */
	int *delivered; /* [week * nroles + role]: sessions at practices */
};

static void esc_chars(FILE *, const char *, int);
static void esc_id(FILE *, const char *);
static int day_start(const struct html *, int);
static void put_day(FILE *, date_t, int);
static void put_week_title(FILE *, const struct html *, int);
static void put_style(FILE *);
static void put_head(const struct html *);
static void put_summary(const struct html *);
static void put_legend(const struct html *);
static void put_columns(const struct html *, int, int, const char *,
			const char *);
static void put_cell(const struct html *, int, int);
static void put_practice_grid(const struct html *, int);
static void put_person_cell(const struct html *, int, int);
static void put_person_grid(const struct html *, int);
static void put_uncovered(const struct html *, int);
static void put_not_needed(const struct html *, int);
static int fair_shown(const struct plan_fair *, int, int);
static int fair_carried(const struct plan *, int);
static void put_signed(FILE *, const char *, int);
static int digits(int);
static void put_fair_table(const struct html *, int);
static void put_fair_chart(const struct html *, int, int);
static void put_ea(const struct html *, int);
static void put_week(const struct html *, int);
static void html_index(struct html *);
static void html_free(struct html *);

/* At most max characters of s, the last an ellipsis when cut. */
static void
esc_chars(FILE *f, const char *s, int max)
{
	size_t i, cut = 0;
	int chars = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (++chars == max)
			cut = i;
	}
	if (chars <= max) {
		html_text(f, s);
		return;
	}
	html_text_n(f, s, cut);
	fputs("\xe2\x80\xa6", f);
}

/* An identifier that may break after its underscores in a narrow cell. */
static void
esc_id(FILE *f, const char *s)
{
	const char *u;

	while ((u = strchr(s, '_')) != NULL) {
		html_text_n(f, s, (size_t)(u - s));
		fputs("_<wbr/>", f);
		s = u + 1;
	}
	html_text(f, s);
}

/* Slot t is a week's or a day's first: its column gets a stronger edge. */
static int
day_start(const struct html *h, int t)
{
	const struct plan *p = h->p;

	return t == h->wfirst[p->slots[t].week] ||
	       p->slots[t - 1].date != p->slots[t].date;
}

/* "Mon 30 Nov", with " 2026" when with_year. */
static void
put_day(FILE *f, date_t d, int with_year)
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	fprintf(f, "%s %d %s", date_day_title(date_weekday(d)), dd,
		month_names[m - 1]);
	if (with_year)
		fprintf(f, " %d", y);
}

/* "2026-W49: Mon 30 Nov to Sun 6 Dec 2026". */
static void
put_week_title(FILE *f, const struct html *h, int w)
{
	date_t monday = h->p->monday + 7 * w;
	char label[16];

	date_format_isoweek(monday, label);
	fprintf(f, "%s: ", label);
	put_day(f, monday, 0);
	fputs(" to ", f);
	put_day(f, monday + 6, 1);
}

/*
 * Calm colours, tables that scroll sideways on a phone with the row
 * headers kept in view, and a print layout of one week per A4 landscape
 * page. Written without '<' or '&' so that the page stays well-formed XML.
 */
static void
put_style(FILE *f)
{
	int i;

	fputs(
	    "*{box-sizing:border-box}\n"
	    "body{margin:0 auto;max-width:1760px;padding:20px 24px 48px;"
	    "font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,"
	    "\"Noto Sans\",\"DejaVu Sans\",sans-serif;color:#1f2328;"
	    "background:#fff}\n"
	    "h1{font-size:1.7em;margin:0 0 .15em;font-weight:650}\n"
	    "h2{font-size:1.35em;margin:2em 0 .5em;padding-bottom:.25em;"
	    "border-bottom:2px solid #d0d7de;font-weight:650}\n"
	    "h3{font-size:1.08em;margin:1.6em 0 .5em;color:#32383f}\n"
	    "p{margin:.3em 0}\n"
	    ".lead{color:#424a53}\n"
	    ".stats strong{font-size:1.15em}\n"
	    ".warning{margin:.6em 0;padding:.5em .8em;color:#6b2c00;"
	    "background:#fff1e5;border-left:4px solid #bc4c00}\n"
	    "nav ul{list-style:none;margin:.6em 0 0;padding:0;display:flex;"
	    "flex-wrap:wrap;gap:.4em 1.2em}\n"
	    "a{color:#0b5cad}\n"
	    ".key{display:flex;flex-wrap:wrap;gap:.4em 2.5em;margin:.8em 0 0;"
	    "padding:.7em 1em;background:#f6f8fa;border-radius:8px}\n"
	    ".key h2{font-size:1em;margin:0;padding:0;border:0;width:100%}\n"
	    ".key ul{list-style:none;margin:0;padding:0;display:flex;"
	    "flex-wrap:wrap;gap:.35em 1.2em;align-items:center}\n"
	    ".key li{display:flex;gap:.4em;align-items:center}\n"
	    ".scroll{overflow-x:auto;margin:0 0 .5em}\n"
	    "table{border-collapse:collapse;font-size:.86em}\n"
	    "caption{caption-side:top;text-align:left;font-weight:600;"
	    "padding:0 0 .4em;color:#424a53}\n"
	    "th,td{border:1px solid #d8dee4;padding:4px 6px;"
	    "vertical-align:top;text-align:left}\n"
	    "thead th{background:#f6f8fa;font-weight:600;white-space:nowrap;"
	    "vertical-align:bottom}\n"
	    "thead th time,.sid{font-weight:650}\n"
	    ".tm{display:block;font-weight:400;color:#57606a;"
	    "font-variant-numeric:tabular-nums}\n"
	    "tbody th{background:#f6f8fa;font-weight:600;min-width:10em;"
	    "max-width:16em;position:sticky;left:0;z-index:1}\n"
	    ".ds{border-left:2px solid #8c959f}\n"
	    ".grid td{min-width:9em}\n"
	    "ul.c,ul.c ul{list-style:none;margin:0;padding:0}\n"
	    "li.grp{margin:0 0 4px;padding:2px 6px 3px 7px;border-radius:4px;"
	    "background:var(--bg);border-left:4px solid var(--fg)}\n"
	    "li.grp .rb{margin:1px 0 2px}\n"
	    ".st{white-space:nowrap}\n"
	    ".rb{display:inline-block;font-size:.74em;line-height:1.35;"
	    "padding:0 .4em;border-radius:3px;border:1px solid var(--fg);"
	    "background:#fff;color:#32383f;white-space:nowrap;"
	    "vertical-align:.08em}\n"
	    ".rb wbr{display:none}\n"
	    "li.need,.need-key{display:block;margin:0 0 4px;padding:2px 6px;"
	    "border:2px dashed #b42318;border-radius:4px;background:#fff5f4;"
	    "color:#7a1a12}\n"
	    ".need-key{display:inline-block;font-weight:700;margin:0;"
	    "white-space:nowrap}\n"
	    ".need abbr{font-weight:700;text-decoration:none}\n"
	    ".why{display:block;font-size:.82em}\n"
	    ".shut{background:repeating-linear-gradient(135deg,#f3f4f6 0 6px,"
	    "#e6e8eb 6px 12px)}\n"
	    ".closed{font-style:italic;color:#424a53}\n"
	    ".none{color:#8c959f}\n"
	    ".people td{min-width:7em}\n"
	    ".people td.at{background:var(--bg)}\n"
	    ".people td.lv{background:repeating-linear-gradient(135deg,#fff 0 "
	    "5px,#eef0f3 5px 10px);font-style:italic;color:#424a53}\n"
	    ".people td.off{background:#fafbfc}\n"
	    ".people tbody th .rb{margin-left:.4em;font-weight:400}\n"
	    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}"
	    "\n"
	    ".fair td,.fair th{padding:3px 10px}\n"
	    ".fair tbody th[scope=rowgroup]{vertical-align:top}\n"
	    ".more{color:#0a5d22;font-weight:600}\n"
	    ".less{color:#9a4a00;font-weight:600}\n"
	    ".fairness{display:flex;flex-wrap:wrap;gap:16px 28px;"
	    "align-items:flex-start}\n"
	    ".fairness .scroll{flex:0 1 auto}\n"
	    ".charts{flex:1 1 560px;display:grid;grid-template-columns:"
	    "repeat(auto-fill,minmax(360px,1fr));gap:16px 20px}\n"
	    "figure{margin:0;padding:10px 12px;border:1px solid #d8dee4;"
	    "border-radius:8px}\n"
	    "figcaption{font-weight:600;margin:0 0 .3em}\n"
	    "figure svg{display:block;width:100%;height:auto;max-width:560px}\n"
	    "svg text{font:12px system-ui,\"Noto Sans\",\"DejaVu Sans\","
	    "sans-serif;fill:#1f2328}\n"
	    "svg .v{font-variant-numeric:tabular-nums}\n"
	    "svg .muted{fill:#57606a}\n"
	    ".ok{color:#0a5d22}\n"
	    "footer{margin-top:3em;color:#57606a;font-size:.85em}\n"
	    "@media (max-width:640px){body{padding:10px 10px 32px;"
	    "font-size:14px}h1{font-size:1.4em}.grid td{min-width:8em}"
	    "tbody th{min-width:7em}.charts{flex-basis:100%;"
	    "grid-template-columns:1fr}}\n"
	    "@media print{@page{size:A4 landscape;margin:9mm}\n"
	    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	    "body{font-size:8.5pt;padding:0;max-width:none}\n"
	    "nav{display:none}\n"
	    ".scroll{overflow:visible}\n"
	    "table{font-size:7.5pt;width:100%}\n"
	    "th,td{padding:2px 3px}\n"
	    ".grid td,.people td{min-width:0}\n"
	    "table.grid,table.people{table-layout:fixed}\n"
	    "thead tr:first-child th:first-child{width:8em}\n"
	    "thead th.num{width:5.5em}\n"
	    "thead th{white-space:normal}\n"
	    ".st,.rb{white-space:normal;overflow-wrap:anywhere}\n"
	    ".rb wbr{display:inline}\n"
	    "tbody th{position:static;min-width:0}\n"
	    "section.week{break-before:page}\n"
	    "h2,h3,caption{break-after:avoid}\n"
	    "tr,figure{break-inside:avoid}\n"
	    ".charts{flex-basis:55%;grid-template-columns:repeat(2,1fr);"
	    "gap:8px}}\n",
	    f);
	for (i = 0; i < NPALETTE; i++)
		fprintf(f, ".r%d{--bg:%s;--fg:%s}\n", i, palette[i].bg,
			palette[i].fg);
}

static void
put_head(const struct html *h)
{
	FILE *f = h->f;
	char first[16], last[16];

	date_format_isoweek(h->p->monday, first);
	date_format_isoweek(h->p->monday + 7 * (h->p->weeks - 1), last);
	fputs("<!DOCTYPE html>\n"
	      "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en-GB\" "
	      "xml:lang=\"en-GB\">\n"
	      "<head>\n"
	      "<meta charset=\"utf-8\"/>\n"
	      "<meta name=\"viewport\" "
	      "content=\"width=device-width, initial-scale=1\"/>\n"
	      "<meta name=\"generator\" content=\"pcnrota\"/>\n"
	      "<title>",
	      f);
	html_text(f, h->n->name);
	fprintf(f, ": rota for %s", first);
	if (h->p->weeks > 1)
		fprintf(f, " to %s", last);
	fputs("</title>\n<style>\n", f);
	put_style(f);
	fputs("</style>\n</head>\n<body>\n", f);
}

static void
put_summary(const struct html *h)
{
	FILE *f = h->f;
	char label[16], *warning;
	int w;

	fputs("<h1>", f);
	html_text(f, h->n->name);
	fputs(" rota</h1>\n<p class=\"lead\">", f);
	put_week_title(f, h, 0);
	if (h->p->weeks > 1) {
		fputs(" to ", f);
		date_format_isoweek(h->p->monday + 7 * (h->p->weeks - 1),
				    label);
		fputs(label, f);
	}
	fprintf(f, "; fair shares by %s.</p>\n", net_share_label(h->n));
	warning =
	    net_holidays_warning(h->n, h->p->monday + 7 * h->p->weeks - 1);
	if (warning != NULL) {
		fputs("<p class=\"warning\" role=\"alert\"><strong>Warning:"
		      "</strong> ",
		      f);
		html_text(f, warning);
		fputs(".</p>\n", f);
		free(warning);
	}
	fprintf(f,
		"<p class=\"stats\"><strong>%d</strong> %s placed; "
		"<strong>%d</strong> requested %s not covered; plan %s.</p>\n",
		h->p->nassigns, h->p->nassigns == 1 ? "session" : "sessions",
		h->p->nuncovered,
		h->p->nuncovered == 1 ? "session" : "sessions",
		h->p->status == PLAN_OPTIMAL ? "optimal" : "feasible");
	if (h->p->weeks > 1) {
		fputs("<nav aria-label=\"Weeks\"><ul>\n", f);
		for (w = 0; w < h->p->weeks; w++) {
			date_format_isoweek(h->p->monday + 7 * w, label);
			fprintf(f, "<li><a href=\"#week-%s\">%s</a></li>\n",
				label, label);
		}
		fputs("</ul></nav>\n", f);
	}
}

/* The roles' colours and labels, and what each mark in a cell means. */
static void
put_legend(const struct html *h)
{
	FILE *f = h->f;
	int r;

	fputs("<section class=\"key\" aria-labelledby=\"key\">\n"
	      "<h2 id=\"key\">Key</h2>\n<ul class=\"roles\">\n",
	      f);
	for (r = 0; r < h->n->nroles; r++) {
		fprintf(f, "<li class=\"r%d\"><span class=\"rb\">",
			r % NPALETTE);
		esc_id(f, h->n->roles[r].id);
		fputs("</span> ", f);
		html_text(f, h->n->roles[r].name);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n<ul class=\"marks\">\n"
	      "<li><span class=\"need-key\">[need ROLE]</span>"
	      " requested, not covered (reason below it)</li>\n"
	      "<li><em>closed</em> no room for network staff</li>\n"
	      "<li><em>leave</em> on leave</li>\n"
	      "<li><span class=\"none\">\xe2\x80\x94</span> nobody there, "
	      "or not placed</li>\n"
	      "</ul>\n</section>\n",
	      f);
}

/*
 * The two header rows shared by both grids: days across, each spanning
 * its sessions, then each session with its times; last, when not NULL,
 * heads a column after the sessions.
 */
static void
put_columns(const struct html *h, int t0, int t1, const char *corner,
	    const char *last)
{
	const struct plan *p = h->p;
	FILE *f = h->f;
	char buf[16], start[8], end[8];
	int t, u;

	fprintf(f, "<thead>\n<tr><th scope=\"col\" rowspan=\"2\">%s</th>",
		corner);
	for (t = t0; t < t1; t = u) {
		for (u = t; u < t1 && p->slots[u].date == p->slots[t].date; u++)
			;
		date_format(p->slots[t].date, buf);
		fprintf(f,
			"<th scope=\"colgroup\" colspan=\"%d\" class=\"ds\">"
			"<time datetime=\"%s\">",
			u - t, buf);
		put_day(f, p->slots[t].date, 0);
		fputs("</time></th>", f);
	}
	if (last != NULL)
		fprintf(f,
			"<th scope=\"col\" rowspan=\"2\" class=\"num ds\">%s"
			"</th>",
			last);
	fputs("</tr>\n<tr>", f);
	for (t = t0; t < t1; t++) {
		const struct net_session *s =
		    &h->n->sessions[p->slots[t].session];

		date_format_hhmm(s->start, start);
		date_format_hhmm(s->end, end);
		fprintf(f, "<th scope=\"col\"%s><abbr class=\"sid\" title=\"",
			day_start(h, t) ? " class=\"ds\"" : "");
		html_text(f, s->name);
		fputs("\">", f);
		html_text(f, s->id);
		fprintf(f,
			"</abbr> <span class=\"tm\">%s\xe2\x80\x93%s</span>"
			"</th>",
			start, end);
	}
	fputs("</tr>\n</thead>\n", f);
}

/*
 * Who is at a practice (or care home) in slot t, in a block per role
 * that names the role once, then what was asked for and missed.
 */
static void
put_cell(const struct html *h, int t, int pr)
{
	const struct net *n = h->n;
	const struct plan *p = h->p;
	FILE *f = h->f;
	int closed =
	    pr < n->npractices && net_practice_rooms(n, pr, &p->slots[t]) == 0;
	int i, j, site, items = 0, role = -1;

	if (day_start(h, t))
		fprintf(f, "<td class=\"ds%s\">", closed ? " shut" : "");
	else
		fputs(closed ? "<td class=\"shut\">" : "<td>", f);
	if (closed)
		fputs("<span class=\"closed\">closed</span>", f);
	for (i = 0; i < n->nstaff; i++) {
		const struct net_staff *st = &n->staff[h->byrole[i]];

		site = h->where[t * n->nstaff + h->byrole[i]];
		if (site < 0 || net_site_row(n, site) != pr)
			continue;
		if (items++ == 0)
			fputs("<ul class=\"c\">", f);
		if (st->role != role) {
			if (role >= 0)
				fputs("</ul></li>", f);
			role = st->role;
			fprintf(f, "<li class=\"grp r%d\"><span class=\"rb\">",
				role % NPALETTE);
			esc_id(f, n->roles[role].id);
			fputs("</span><ul>", f);
		}
		fputs("<li class=\"st\">", f);
		html_text(f, st->name);
		if (pr < n->npractices && site != pr) {
			fputs(" <span class=\"site\">at ", f);
			html_text(f, n->sites[site].name);
			fputs("</span>", f);
		}
		fputs("</li>", f);
	}
	if (role >= 0)
		fputs("</ul></li>", f);
	for (j = h->ufirst[t]; j < h->ufirst[t + 1]; j++) {
		const struct plan_uncovered *u = &p->uncovered[h->uorder[j]];
		const struct net_request *rq = &n->requests[u->request];

		if (rq->practice != pr)
			continue;
		if (items++ == 0)
			fputs("<ul class=\"c\">", f);
		fputs("<li class=\"need\"><abbr title=\"", f);
		html_text(f, plan_reason_text(u->reason));
		fputs("\">[need ", f);
		esc_id(f, n->roles[rq->role].id);
		fputs("]</abbr> <span class=\"why\">", f);
		html_text(f, plan_reason_text(u->reason));
		fputs("</span></li>", f);
	}
	if (items > 0)
		fputs("</ul>", f);
	else if (!closed)
		fputs("<span class=\"none\">\xe2\x80\x94</span>", f);
	fputs("</td>", f);
}

static void
put_practice_grid(const struct html *h, int w)
{
	FILE *f = h->f;
	char label[16];
	int pr, t;

	date_format_isoweek(h->p->monday + 7 * w, label);
	fprintf(f,
		"<h3>By practice</h3>\n<div class=\"scroll\">"
		"<table class=\"grid\">\n"
		"<caption>Who is at each practice, week %s</caption>\n",
		label);
	put_columns(h, h->wfirst[w], h->wfirst[w + 1], "Practice", NULL);
	fputs("<tbody>\n", f);
	for (pr = 0; pr < h->n->npractices; pr++) {
		fputs("<tr data-practice=\"", f);
		html_text(f, h->n->practices[pr].id);
		fputs("\"><th scope=\"row\">", f);
		html_text(f, h->n->practices[pr].name);
		fputs("</th>", f);
		for (t = h->wfirst[w]; t < h->wfirst[w + 1]; t++)
			put_cell(h, t, pr);
		fputs("</tr>\n", f);
	}
	for (pr = h->n->npractices; pr < h->n->nsites; pr++) {
		if (!net_is_care_home(h->n, pr))
			continue;
		fputs("<tr data-care-home=\"", f);
		html_text(f, h->n->sites[pr].id);
		fputs("\"><th scope=\"row\">", f);
		html_text(f, h->n->sites[pr].name);
		fputs(" <span class=\"site\">(care home)</span></th>", f);
		for (t = h->wfirst[w]; t < h->wfirst[w + 1]; t++)
			put_cell(h, t, pr);
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table></div>\n", f);
}

/*
 * Where a person is in slot t: the practice, leave, or a dash (shaded
 * when they do not work that session at all).
 */
static void
put_person_cell(const struct html *h, int s, int t)
{
	const struct net *n = h->n;
	const struct net_slot *slot = &h->p->slots[t];
	const char *ds = day_start(h, t) ? " ds" : "";
	FILE *f = h->f;
	int pr;

	if ((pr = h->where[t * n->nstaff + s]) >= 0) {
		fprintf(f, "<td class=\"at%s\">", ds);
		html_text(f, n->sites[pr].name);
		fputs("</td>", f);
	} else if (net_on_leave(n, s, slot->date, slot->session))
		fprintf(f, "<td class=\"lv%s\">leave</td>", ds);
	else
		fprintf(f,
			"<td class=\"%s%s\"><span class=\"none\">"
			"\xe2\x80\x94</span></td>",
			net_works(n, s, slot) ? "free" : "off", ds);
}

static void
put_person_grid(const struct html *h, int w)
{
	const struct net *n = h->n;
	const struct plan *p = h->p;
	FILE *f = h->f;
	char label[16];
	int i, s, t;

	date_format_isoweek(p->monday + 7 * w, label);
	fprintf(f,
		"<h3>By person</h3>\n<div class=\"scroll\">"
		"<table class=\"people\">\n"
		"<caption>Where each person is, week %s</caption>\n",
		label);
	put_columns(h, h->wfirst[w], h->wfirst[w + 1], "Person", "Sessions");
	fputs("<tbody>\n", f);
	for (i = 0; i < n->nstaff; i++) {
		const struct net_staff *st = &n->staff[h->byrole[i]];

		s = h->byrole[i];
		fputs("<tr data-staff=\"", f);
		html_text(f, st->id);
		fprintf(f, "\" class=\"r%d\"><th scope=\"row\">",
			st->role % NPALETTE);
		html_text(f, st->name);
		fputs(" <span class=\"rb\">", f);
		esc_id(f, n->roles[st->role].id);
		fputs("</span></th>", f);
		for (t = h->wfirst[w]; t < h->wfirst[w + 1]; t++)
			put_person_cell(h, s, t);
		fprintf(f, "<td class=\"num ds\">%d</td></tr>\n",
			h->placed[w * n->nstaff + s]);
	}
	fputs("</tbody>\n</table></div>\n", f);
}

static void
put_uncovered(const struct html *h, int w)
{
	const struct net *n = h->n;
	const struct plan *p = h->p;
	FILE *f = h->f;
	char label[16], start[8], end[8];
	int j, t, count = 0;

	for (t = h->wfirst[w]; t < h->wfirst[w + 1]; t++)
		count += h->ufirst[t + 1] - h->ufirst[t];
	if (count == 0) {
		fputs("<h3>Requests not covered</h3>\n<p class=\"ok\">Every "
		      "requested session is covered.</p>\n",
		      f);
		return;
	}
	date_format_isoweek(p->monday + 7 * w, label);
	fprintf(f,
		"<h3>Requests not covered</h3>\n<div class=\"scroll\">"
		"<table class=\"uncovered\">\n"
		"<caption>Requested sessions not covered, week %s</caption>\n"
		"<thead><tr><th scope=\"col\">Day</th>"
		"<th scope=\"col\">Session</th><th scope=\"col\">Practice</th>"
		"<th scope=\"col\">Role</th><th scope=\"col\">Reason</th></tr>"
		"</thead>\n<tbody>\n",
		label);
	for (t = h->wfirst[w]; t < h->wfirst[w + 1]; t++)
		for (j = h->ufirst[t]; j < h->ufirst[t + 1]; j++) {
			const struct plan_uncovered *u =
			    &p->uncovered[h->uorder[j]];
			const struct net_request *rq = &n->requests[u->request];
			const struct net_session *s =
			    &n->sessions[p->slots[t].session];
			char date[16];

			date_format(p->slots[t].date, date);
			date_format_hhmm(s->start, start);
			date_format_hhmm(s->end, end);
			fprintf(f, "<tr><td><time datetime=\"%s\">", date);
			put_day(f, p->slots[t].date, 0);
			fputs("</time></td><td>", f);
			html_text(f, s->id);
			fprintf(f,
				" <span class=\"tm\">%s\xe2\x80\x93%s</span>"
				"</td><td data-practice=\"",
				start, end);
			html_text(f, n->practices[rq->practice].id);
			fputs("\">", f);
			html_text(f, n->practices[rq->practice].name);
			fprintf(f, "</td><td class=\"r%d\"><span class=\"rb\">",
				rq->role % NPALETTE);
			esc_id(f, n->roles[rq->role].id);
			fputs("</span></td><td>", f);
			html_text(f, plan_reason_text(u->reason));
			fputs("</td></tr>\n", f);
		}
	fputs("</tbody>\n</table></div>\n", f);
}

/*
 * A practice's row for a role in week w, unless it had no share, carried
 * nothing and got nothing, which would only make the table longer.
 */
static int
fair_shown(const struct plan_fair *fr, int w, int r)
{
	return fr->week == w && fr->role == r &&
	       (fr->target != 0 || fr->delivered != 0 || fr->share != 0 ||
		fr->carried != 0);
}

/* Whether any practice carried a balance into week w. */
static int
fair_carried(const struct plan *p, int w)
{
	int k;

	for (k = 0; k < p->nfair; k++)
		if (p->fair[k].week == w && p->fair[k].carried != 0)
			return 1;
	return 0;
}

/* The digits of n >= 0, as a chart's text is laid out by. */
static int
digits(int n)
{
	int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* A number cell with its sign: +2, 0 or a true minus; cls for +/-. */
static void
put_signed(FILE *f, const char *cls, int v)
{
	if (v > 0)
		fprintf(f, "<td class=\"num%s%s\">+%d</td>", *cls ? " " : "",
			cls, v);
	else if (v < 0)
		fprintf(f, "<td class=\"num%s%s\">\xe2\x88\x92%d</td>",
			*cls ? " " : "", cls, -v);
	else
		fputs("<td class=\"num\">0</td>", f);
}

/* Requests on a bank holiday or a closure in week w: not needed. */
static void
put_not_needed(const struct html *h, int w)
{
	const struct net *n = h->n;
	const struct plan *p = h->p;
	FILE *f = h->f;
	char label[16], date[16], start[8], end[8];
	int j, count = 0;

	for (j = 0; j < p->nnot_needed; j++)
		count += p->slots[p->not_needed[j].slot].week == w;
	if (count == 0)
		return;
	date_format_isoweek(p->monday + 7 * w, label);
	fprintf(f,
		"<div class=\"scroll\"><table class=\"notneeded\">\n"
		"<caption>Requested sessions not needed (the practice is "
		"closed), week %s</caption>\n"
		"<thead><tr><th scope=\"col\">Day</th>"
		"<th scope=\"col\">Session</th><th scope=\"col\">Place</th>"
		"<th scope=\"col\">Role</th><th scope=\"col\">Why</th></tr>"
		"</thead>\n<tbody>\n",
		label);
	for (j = 0; j < p->nnot_needed; j++) {
		const struct plan_uncovered *u = &p->not_needed[j];
		const struct net_request *rq = &n->requests[u->request];
		const struct net_slot *t = &p->slots[u->slot];
		const struct net_session *s = &n->sessions[t->session];
		int place = rq->site >= 0 ? rq->site : rq->practice;

		if (t->week != w)
			continue;
		date_format(t->date, date);
		date_format_hhmm(s->start, start);
		date_format_hhmm(s->end, end);
		fprintf(f, "<tr><td><time datetime=\"%s\">", date);
		put_day(f, t->date, 0);
		fputs("</time></td><td>", f);
		html_text(f, s->id);
		fprintf(f,
			" <span class=\"tm\">%s\xe2\x80\x93%s</span>"
			"</td><td data-place=\"",
			start, end);
		html_text(f, n->sites[place].id);
		fputs("\">", f);
		html_text(f, n->sites[place].name);
		fprintf(f, "</td><td class=\"r%d\"><span class=\"rb\">",
			rq->role % NPALETTE);
		esc_id(f, n->roles[rq->role].id);
		fprintf(f, "</span></td><td>%s</td></tr>\n",
			u->reason == PLAN_BANK_HOLIDAY ? "a bank holiday"
						       : "closed that day");
	}
	fputs("</tbody>\n</table></div>\n", f);
}

/* Practices a role gets no share of: none of its staff may work there. */
static void
put_unreached(const struct html *h)
{
	const struct net *n = h->n;
	FILE *f = h->f;
	int role, k, count, reached;

	for (role = 0; role < n->nroles; role++) {
		for (k = reached = 0; k < n->npractices; k++)
			reached += net_role_reaches(n, role, k);
		if (reached == 0 || reached == n->npractices)
			continue;
		fputs("\n<p class=\"noshare\">No share of ", f);
		esc_id(f, n->roles[role].id);
		fputs(" at ", f);
		for (k = count = 0; k < n->npractices; k++)
			if (!net_role_reaches(n, role, k)) {
				if (count++ > 0)
					fputs(", ", f);
				html_text(f, n->practices[k].name);
			}
		fputs(": no ", f);
		esc_id(f, n->roles[role].id);
		fputs(" may work there.</p>\n", f);
	}
}

static void
put_fair_table(const struct html *h, int w)
{
	const struct net *n = h->n;
	const struct plan *p = h->p;
	FILE *f = h->f;
	char label[16];
	int k, r, rows, diff, carried = fair_carried(p, w);

	date_format_isoweek(p->monday + 7 * w, label);
	fprintf(f,
		"<div class=\"scroll\"><table class=\"fair\">\n"
		"<caption>Sessions delivered against the fair share by %s, "
		"week %s</caption>\n"
		"<thead><tr><th scope=\"col\">Role</th>"
		"<th scope=\"col\">Practice</th>",
		net_share_label(n), label);
	/* Balances carried in: the agreed share, and how far it moved. */
	if (carried)
		fputs("<th scope=\"col\" class=\"num\">Agreed share</th>"
		      "<th scope=\"col\" class=\"num\">Carried in</th>",
		      f);
	fputs("<th scope=\"col\" class=\"num\">Fair share</th>"
	      "<th scope=\"col\" class=\"num\">Delivered</th>"
	      "<th scope=\"col\" class=\"num\">Difference</th></tr></thead>\n",
	      f);
	for (r = 0; r < n->nroles; r++) {
		rows = 0;
		for (k = 0; k < p->nfair; k++)
			rows += fair_shown(&p->fair[k], w, r);
		if (rows == 0)
			continue;
		fputs("<tbody>\n", f);
		for (k = 0; k < p->nfair; k++) {
			const struct plan_fair *fr = &p->fair[k];

			if (!fair_shown(fr, w, r))
				continue;
			fputs("<tr data-practice=\"", f);
			html_text(f, n->practices[fr->practice].id);
			fputs("\">", f);
			/* The role heads its rows once, in the first. */
			if (rows > 0) {
				fprintf(f,
					"<th scope=\"rowgroup\" rowspan=\"%d\" "
					"class=\"r%d\"><span class=\"rb\">",
					rows, r % NPALETTE);
				esc_id(f, n->roles[r].id);
				fputs("</span></th>", f);
				rows = 0;
			}
			fputs("<td>", f);
			html_text(f, n->practices[fr->practice].name);
			fputs("</td>", f);
			if (carried) {
				fprintf(f, "<td class=\"num\">%d</td>",
					fr->share);
				put_signed(f, "", fr->carried);
			}
			diff = fr->delivered - fr->target;
			fprintf(f,
				"<td class=\"num\">%d</td>"
				"<td class=\"num\">%d</td>",
				fr->target, fr->delivered);
			put_signed(f,
				   diff > 0   ? "more"
				   : diff < 0 ? "less"
					      : "",
				   diff);
			fputs("</tr>\n", f);
		}
		fputs("</tbody>\n", f);
	}
	fputs("</table>", f);
	if (carried)
		fputs("\n<p class=\"note\">Carried in: sessions a practice got "
		      "ahead (+) or is owed (\xe2\x88\x92) from earlier weeks. "
		      "The fair share is the agreed share less what was "
		      "carried in, as far as the week\xe2\x80\x99s sessions "
		      "allow.</p>\n",
		      f);
	put_unreached(h);
	fputs("</div>\n", f);
}

/*
 * Two bars a practice: a thin grey one for the fair share and a thicker
 * one in the role's colour for the sessions delivered, each with its
 * number, so that neither colour nor length alone carries the meaning.
 * Where a balance carried in moved the fair share off the agreed share,
 * a dark tick on the grey bar marks the agreed share, with its number.
 */
static void
put_fair_chart(const struct html *h, int w, int r)
{
	const struct net *n = h->n;
	const struct plan *p = h->p;
	FILE *f = h->f;
	const int left = 200, room = 250, row = 34, top = 30;
	char label[16];
	int k, rows = 0, max = 0, moved = 0, y, end, wide;
	double scale;

	for (k = 0; k < p->nfair; k++) {
		const struct plan_fair *fr = &p->fair[k];

		if (!fair_shown(fr, w, r))
			continue;
		rows++;
		if (fr->target > max)
			max = fr->target;
		if (fr->delivered > max)
			max = fr->delivered;
		if (fr->share > max)
			max = fr->share;
		moved |= fr->share != fr->target;
	}
	if (rows == 0)
		return;
	scale = max > 0 ? (double)room / max : 0;
	date_format_isoweek(p->monday + 7 * w, label);
	fprintf(f,
		"<figure class=\"chart\">\n<figcaption><span class=\"r%d\">"
		"<span class=\"rb\">",
		r % NPALETTE);
	esc_id(f, n->roles[r].id);
	fputs("</span></span> ", f);
	html_text(f, n->roles[r].name);
	fprintf(f, ": <span class=\"total\">%d</span> sessions</figcaption>\n",
		h->delivered[w * n->nroles + r]);
	/* Room on the right for "agreed N" after the longest bar. */
	wide = left + room + (moved ? 110 : 40);
	fprintf(f,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" "
		"viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
		"aria-labelledby=\"fc%d-%d\">\n<title id=\"fc%d-%d\">",
		wide, top + rows * row, wide, top + rows * row, w, r, w, r);
	html_text(f, n->roles[r].id);
	fprintf(f,
		", week %s: fair share and sessions delivered by practice "
		"(the table above has the same numbers)</title>\n",
		label);
	fprintf(
	    f,
	    "<g class=\"legend\"><rect x=\"%d\" y=\"6\" width=\"18\" "
	    "height=\"6\" fill=\"#afb8c1\"/>"
	    "<text x=\"%d\" y=\"13\" class=\"muted\">fair share</text>"
	    "<rect x=\"%d\" y=\"3\" width=\"18\" height=\"12\" fill=\"%s\"/>"
	    "<text x=\"%d\" y=\"13\">delivered</text>",
	    left, left + 24, left + 110, palette[r % NPALETTE].fg, left + 134);
	if (moved)
		fprintf(f,
			"<rect x=\"%d\" y=\"2\" width=\"2\" height=\"14\" "
			"fill=\"#1f2328\"/><text x=\"%d\" y=\"13\" "
			"class=\"muted\">agreed share</text>",
			left + 205, left + 212);
	fputs("</g>\n", f);
	y = top;
	for (k = 0; k < p->nfair; k++) {
		const struct plan_fair *fr = &p->fair[k];
		const char *name = n->practices[fr->practice].name;

		if (!fair_shown(fr, w, r))
			continue;
		fputs("<g class=\"bar\" data-practice=\"", f);
		html_text(f, n->practices[fr->practice].id);
		fputs("\"><title>", f);
		html_text(f, name);
		if (fr->share != fr->target)
			fprintf(f, ": agreed share %d, carried in %+d,",
				fr->share, fr->carried);
		else
			fputc(':', f);
		fprintf(f, " fair share %d, delivered %d</title>", fr->target,
			fr->delivered);
		fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
			left - 8, y + 17);
		esc_chars(f, name, CHART_LABEL);
		fprintf(
		    f,
		    "</text>"
		    "<rect class=\"share\" x=\"%d\" y=\"%d\" width=\"%.1f\" "
		    "height=\"6\" fill=\"#afb8c1\"/>"
		    "<text class=\"v muted\" x=\"%.1f\" y=\"%d\">%d</text>",
		    left, y + 2, fr->target * scale,
		    left +
			(fr->share > fr->target ? fr->share : fr->target) *
			    scale +
			5,
		    y + 9, fr->target);
		if (fr->share != fr->target) {
			/* After the share's number: about 7 px a digit. */
			end = fr->share > fr->target ? fr->share : fr->target;
			fprintf(
			    f,
			    "<rect class=\"agreed\" x=\"%.1f\" y=\"%d\" "
			    "width=\"2\" height=\"10\" fill=\"#1f2328\"/>"
			    "<text class=\"v muted ag\" x=\"%.1f\" y=\"%d\">"
			    "agreed %d</text>",
			    left + fr->share * scale - 1, y,
			    left + end * scale + 5 + 7.0 * digits(fr->target) +
				6,
			    y + 9, fr->share);
		}
		fprintf(f,
			"<rect class=\"delivered\" x=\"%d\" y=\"%d\" "
			"width=\"%.1f\" height=\"13\" fill=\"%s\"/>"
			"<text class=\"v\" x=\"%.1f\" y=\"%d\">%d</text></g>\n",
			left, y + 11, fr->delivered * scale,
			palette[r % NPALETTE].fg,
			left + fr->delivered * scale + 5, y + 22,
			fr->delivered);
		y += row;
	}
	fputs("</svg>\n</figure>\n", f);
}

/* H:MM, the way the text report writes hours. */
static void
put_hours(FILE *f, int minutes, const char *cls)
{
	fprintf(f, "<td class=\"num%s%s\">%d:%02d</td>", *cls ? " " : "", cls,
		minutes / 60, minutes % 60);
}

/* Enhanced Access: each EA session's staff and hours, then the week's. */
static void
put_ea(const struct html *h, int w)
{
	const struct net *n = h->n;
	const struct plan *p = h->p;
	FILE *f = h->f;
	char label[16], date[16], start[8], end[8];
	int t, j, staff, done, owed = n->ea_minutes, k = 0;

	for (t = 0; t < n->nsessions; t++)
		k += n->sessions[t].enhanced_access;
	if (k == 0)
		return;
	date_format_isoweek(p->monday + 7 * w, label);
	fprintf(f,
		"<h3>Enhanced Access</h3>\n<div class=\"scroll\">"
		"<table class=\"ea\">\n"
		"<caption>Enhanced Access hours delivered against owed, week "
		"%s</caption>\n"
		"<thead><tr><th scope=\"col\">Day</th>"
		"<th scope=\"col\">Session</th>"
		"<th scope=\"col\" class=\"num\">Staff</th>"
		"<th scope=\"col\" class=\"num\">Hours</th></tr></thead>\n"
		"<tbody>\n",
		label);
	for (t = h->wfirst[w]; t < h->wfirst[w + 1]; t++) {
		const struct net_session *s = &n->sessions[p->slots[t].session];

		if (!s->enhanced_access)
			continue;
		staff = 0;
		for (j = 0; j < p->nassigns; j++)
			staff += p->assigns[j].slot == t;
		date_format(p->slots[t].date, date);
		date_format_hhmm(s->start, start);
		date_format_hhmm(s->end, end);
		fprintf(f, "<tr><td><time datetime=\"%s\">", date);
		put_day(f, p->slots[t].date, 0);
		fputs("</time></td><td>", f);
		html_text(f, s->id);
		fprintf(f,
			" <span class=\"tm\">%s\xe2\x80\x93%s</span></td>"
			"<td class=\"num\">%d</td>",
			start, end, staff);
		put_hours(f, plan_ea_minutes(p, n, w, t), "");
		fputs("</tr>\n", f);
	}
	done = plan_ea_minutes(p, n, w, -1);
	fputs("</tbody>\n<tfoot>\n<tr><th scope=\"row\" colspan=\"3\">"
	      "Delivered</th>",
	      f);
	put_hours(f, done, "");
	fputs("</tr>\n<tr><th scope=\"row\" colspan=\"3\">Owed</th>", f);
	put_hours(f, owed, "");
	fputs("</tr>\n<tr><th scope=\"row\" colspan=\"3\">Short</th>", f);
	put_hours(f, done < owed ? owed - done : 0, done < owed ? "less" : "");
	fputs("</tr>\n</tfoot>\n</table></div>\n", f);
}

/* Each care home's round sessions held against due, who, and why short. */
static void
put_rounds(const struct html *h, int w)
{
	const struct net *n = h->n;
	const struct plan *p = h->p;
	FILE *f = h->f;
	char label[16];
	int k, j, r, held, sep;

	if (net_care_homes(n) == 0)
		return;
	date_format_isoweek(p->monday + 7 * w, label);
	fprintf(f,
		"<h3>Care-home rounds</h3>\n<div class=\"scroll\">"
		"<table class=\"rounds\">\n"
		"<caption>Care-home round sessions held against due, week "
		"%s</caption>\n"
		"<thead><tr><th scope=\"col\">Care home</th>"
		"<th scope=\"col\" class=\"num\">Due</th>"
		"<th scope=\"col\" class=\"num\">Held</th>"
		"<th scope=\"col\">By</th>"
		"<th scope=\"col\">Short because</th></tr></thead>\n"
		"<tbody>\n",
		label);
	for (k = n->npractices; k < n->nsites; k++) {
		if (!net_is_care_home(n, k))
			continue;
		held = plan_rounds_held(p, w, k);
		fputs("<tr data-care-home=\"", f);
		html_text(f, n->sites[k].id);
		fputs("\"><th scope=\"row\">", f);
		html_text(f, n->sites[k].name);
		fprintf(f,
			"</th><td class=\"num\">%d</td>"
			"<td class=\"num\">%d</td><td>",
			n->sites[k].rounds, held);
		for (j = 0, sep = 0; j < p->nassigns; j++) {
			const struct plan_assign *a = &p->assigns[j];
			const struct net_slot *s = &p->slots[a->slot];

			if (a->site != k || s->week != w)
				continue;
			fputs(sep++ ? ", " : "", f);
			html_text(f, n->staff[a->staff].name);
			fputs(", ", f);
			put_day(f, s->date, 0);
			fputs(" ", f);
			html_text(f, n->sessions[s->session].id);
		}
		fputs("</td><td>", f);
		for (r = 0; r < p->nrounds; r++)
			if (p->rounds[r].site == k && p->rounds[r].week == w)
				html_text(f,
					  plan_round_text(p->rounds[r].reason));
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>\n</table></div>\n", f);
}

static void
put_week(const struct html *h, int w)
{
	FILE *f = h->f;
	char label[16];
	int r;

	date_format_isoweek(h->p->monday + 7 * w, label);
	fprintf(f,
		"<section class=\"week\" id=\"week-%s\" "
		"aria-labelledby=\"h-%s\">\n<h2 id=\"h-%s\">Week ",
		label, label, label);
	put_week_title(f, h, w);
	fputs("</h2>\n", f);
	put_practice_grid(h, w);
	put_uncovered(h, w);
	put_not_needed(h, w);
	put_person_grid(h, w);
	fputs("<h3>Fair shares</h3>\n<div class=\"fairness\">\n", f);
	put_fair_table(h, w);
	fputs("<div class=\"charts\">\n", f);
	for (r = 0; r < h->n->nroles; r++)
		put_fair_chart(h, w, r);
	fputs("</div>\n</div>\n", f);
	put_ea(h, w);
	put_rounds(h, w);
	fputs("</section>\n", f);
}

static void
html_index(struct html *h)
{
	const struct net *n = h->n;
	const struct plan *p = h->p;
	int i, j, r, t, *count;

	h->where = xreallocarray(NULL, (size_t)(p->nslots * n->nstaff) + 1,
				 sizeof *h->where);
	for (i = 0; i < p->nslots * n->nstaff; i++)
		h->where[i] = -1;
	h->placed =
	    xcalloc((size_t)(p->weeks * n->nstaff) + 1, sizeof *h->placed);
	h->delivered =
	    xcalloc((size_t)(p->weeks * n->nroles) + 1, sizeof *h->delivered);
	for (j = 0; j < p->nassigns; j++) {
		const struct plan_assign *a = &p->assigns[j];
		int w = p->slots[a->slot].week;

		h->where[a->slot * n->nstaff + a->staff] = a->site;
		h->placed[w * n->nstaff + a->staff]++;
		/* Shared sessions: a care-home round is no practice's. */
		if (a->practice >= 0)
			h->delivered[w * n->nroles + n->staff[a->staff].role]++;
	}
	h->byrole = xcalloc((size_t)n->nstaff + 1, sizeof *h->byrole);
	for (i = 0, r = 0; r < n->nroles; r++)
		for (j = 0; j < n->nstaff; j++)
			if (n->staff[j].role == r)
				h->byrole[i++] = j;
	/* A counting sort keeps each slot's uncovered in plan order. */
	count = xcalloc((size_t)p->nslots + 1, sizeof *count);
	h->ufirst = xcalloc((size_t)p->nslots + 1, sizeof *h->ufirst);
	h->uorder = xcalloc((size_t)p->nuncovered + 1, sizeof *h->uorder);
	for (j = 0; j < p->nuncovered; j++)
		h->ufirst[p->uncovered[j].slot + 1]++;
	for (t = 0; t < p->nslots; t++)
		h->ufirst[t + 1] += h->ufirst[t];
	for (j = 0; j < p->nuncovered; j++) {
		t = p->uncovered[j].slot;
		h->uorder[h->ufirst[t] + count[t]++] = j;
	}
	free(count);
	h->wfirst = xcalloc((size_t)p->weeks + 1, sizeof *h->wfirst);
	for (i = 0, t = 0; i <= p->weeks; i++) {
		while (t < p->nslots && p->slots[t].week < i)
			t++;
		h->wfirst[i] = t;
	}
}

static void
html_free(struct html *h)
{
	free(h->where);
	free(h->byrole);
	free(h->ufirst);
	free(h->uorder);
	free(h->wfirst);
	free(h->placed);
	free(h->delivered);
}

int
report_html(FILE *f, const struct net *n, const struct plan *p)
{
	struct html h;
	int w;

	memset(&h, 0, sizeof h);
	h.f = f;
	h.n = n;
	h.p = p;
	html_index(&h);
	put_head(&h);
	fputs("<header>\n", f);
	put_summary(&h);
	put_legend(&h);
	fputs("</header>\n<main>\n", f);
	for (w = 0; w < p->weeks; w++)
		put_week(&h, w);
	fputs("</main>\n<footer><p>Written by pcnrota. The same plan is in "
	      "assignments.csv, fairness.csv and "
	      "uncovered.csv beside this page.</p></footer>\n"
	      "</body>\n</html>\n",
	      f);
	html_free(&h);
	return ferror(f) ? -1 : 0;
}
