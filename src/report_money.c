/* The month's money as CSV and as one HTML page in rota.html's style. */
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "report_html.h"
#include "report_money.h"

static const char *month_names[] = {
    "January", "February", "March",	"April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

#define NCOLOURS 8

int
money_claims(FILE *f, const struct net *n, const struct claims_month *cm,
	     const struct recharge *rc)
{
	(void)rc;
	return claims_csv(f, n, cm);
}

int
money_delivered(FILE *f, const struct net *n, const struct claims_month *cm,
		const struct recharge *rc)
{
	(void)rc;
	return claims_delivered_csv(f, n, cm);
}

int
money_recharges(FILE *f, const struct net *n, const struct claims_month *cm,
		const struct recharge *rc)
{
	return recharge_csv(f, n, cm, rc);
}

/* £1,234.56, or an en dash for none. */
static void
put_pounds(FILE *f, money_t v)
{
	char buf[32], *dot, out[48];
	size_t len, i, j = 0, lead;

	if (v < 0 && v != -1) {
		fputs("&#8722;", f);
		v = -v;
	} else if (v == -1) {
		fputs("<span class=\"none\">&#8211;</span>", f);
		return;
	}
	money_format(v, buf, sizeof buf);
	dot = strchr(buf, '.');
	len = (size_t)(dot - buf);
	lead = len % 3 == 0 ? 3 : len % 3;
	for (i = 0; i < len; i++) {
		if (i > 0 && (i - lead) % 3 == 0 && i >= lead)
			out[j++] = ',';
		out[j++] = buf[i];
	}
	out[j] = '\0';
	fprintf(f, "&#163;%s%s", out, dot);
}

/* Signed pounds for an adjustment: +£1.00, -£1.00, £0.00. */
static void
put_signed_pounds(FILE *f, money_t v)
{
	if (v > 0) {
		fputs("<span class=\"more\">+", f);
		put_pounds(f, v);
		fputs("</span>", f);
	} else if (v < 0) {
		fputs("<span class=\"less\">&#8722;", f);
		put_pounds(f, -v);
		fputs("</span>", f);
	} else
		put_pounds(f, 0);
}

static void
put_fixed(FILE *f, long v, int places)
{
	long unit = places == 2 ? 100 : 10000;

	fprintf(f, "%ld.%0*ld", v / unit, places, v % unit);
}

static void
put_head(FILE *f, const struct net *n, const struct claims_month *cm)
{
	fputs("<!DOCTYPE html>\n"
	      "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en-GB\" "
	      "xml:lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	      "<meta name=\"viewport\" "
	      "content=\"width=device-width, initial-scale=1\"/>\n"
	      "<meta name=\"generator\" content=\"pcnrota\"/>\n<title>",
	      f);
	html_text(f, n->name);
	fprintf(f, ": ARRS claim and recharges, %s %d</title>\n<style>\n",
		month_names[cm->month - 1], cm->year);
	report_html_style(f);
	fputs(".money td.num{white-space:nowrap}\n"
	      ".money th,.money td{padding:3px 5px}\n"
	      ".money thead th{white-space:normal;min-width:0}\n"
	      ".claims tbody th{min-width:0;white-space:nowrap}\n"
	      ".mcharts{display:grid;grid-template-columns:repeat(auto-fill,"
	      "minmax(420px,1fr));gap:16px 20px;margin-top:1em}\n"
	      "@media print{.mcharts{grid-template-columns:repeat(3,1fr);"
	      "gap:8px}}\n"
	      ".money tfoot td,.money tfoot th{font-weight:650;"
	      "border-top:2px solid #8c959f}\n"
	      "@media print{section.practices{break-before:page}}\n"
	      "</style>\n</head>\n<body>\n",
	      f);
}

static void
put_summary(FILE *f, const struct net *n, const struct claims_month *cm,
	    const struct recharge *rc)
{
	static const char *areas[] = {"national", "outer London",
				      "inner London"};

	fputs("<header>\n<h1>", f);
	html_text(f, n->name);
	fprintf(f, ": ARRS claim and recharges, %s %d</h1>\n",
		month_names[cm->month - 1], cm->year);
	fputs("<p class=\"lead\">", f);
	if (n->arrs_year != 0)
		fprintf(f, "ARRS year %d/%02d, ", n->arrs_year,
			(n->arrs_year + 1) % 100);
	fprintf(f,
		"%s amounts; a whole-time equivalent is %d:%02d hours a "
		"week; recharges %s.</p>\n",
		areas[n->arrs_area], n->wte_minutes / 60, n->wte_minutes % 60,
		n->recharge_sessions
		    ? "by agreement, settled for sessions received above or "
		      "below each share"
		    : "by agreement");
	fputs("<p class=\"stats\">Claimable <strong>", f);
	put_pounds(f, cm->claimable);
	fputs("</strong> of a maximum of ", f);
	put_pounds(f, cm->max);
	fputs("; the month costs <strong>", f);
	put_pounds(f, cm->paid);
	fputs("</strong>, of which the practices pay <strong>", f);
	put_pounds(f, rc->total_uncovered);
	fputs("</strong>.</p>\n</header>\n", f);
}

static void
put_claims(FILE *f, const struct net *n, const struct claims_month *cm)
{
	int i, a, tot[6] = {0};

	fputs("<section class=\"claims\">\n<h2 id=\"claim\">Claim per "
	      "person</h2>\n<div class=\"scroll\"><table class=\"money\">\n"
	      "<thead><tr><th scope=\"col\">Person</th><th scope=\"col\">"
	      "Role</th><th scope=\"col\" class=\"num\">Days</th>"
	      "<th scope=\"col\" class=\"num\">WTE</th>"
	      "<th scope=\"col\" class=\"num\">Planned</th>"
	      "<th scope=\"col\" class=\"num\">Delivered</th>"
	      "<th scope=\"col\" class=\"num\">Not delivered</th>"
	      "<th scope=\"col\" class=\"num\">To come</th>"
	      "<th scope=\"col\" class=\"num\">Hours delivered</th>"
	      "<th scope=\"col\" class=\"num\">Leave</th>"
	      "<th scope=\"col\" class=\"num\">Sickness</th>"
	      "<th scope=\"col\" class=\"num\">Training</th>"
	      "<th scope=\"col\" class=\"num\">Bank holiday</th>"
	      "<th scope=\"col\" class=\"num\">Maximum</th>"
	      "<th scope=\"col\" class=\"num\">Actual cost</th>"
	      "<th scope=\"col\" class=\"num\">Claimable</th></tr></thead>\n"
	      "<tbody>\n",
	      f);
	for (i = 0; i < cm->npeople; i++) {
		const struct claims_person *cp = &cm->people[i];
		const struct net_staff *st = &n->staff[cp->staff];

		fputs("<tr><th scope=\"row\">", f);
		html_text(f, st->name);
		fprintf(f, "</th><td><span class=\"r%d\"><span class=\"rb\">",
			st->role % NCOLOURS);
		html_text(f, n->roles[st->role].id);
		fprintf(f,
			"</span></span></td><td class=\"num\">%d</td>"
			"<td class=\"num\">",
			cp->employed_days);
		put_fixed(f, claims_wte(n, cp->contract_minutes), 4);
		fprintf(
		    f,
		    "</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
		    "<td class=\"num\">%d</td><td class=\"num\">%d</td>"
		    "<td class=\"num\">",
		    cp->planned, cp->delivered, cp->not_delivered, cp->to_come);
		put_fixed(f, claims_hundredths(cp->delivered_minutes), 2);
		fputs("</td>", f);
		for (a = 0; a < CLAIMS_NABSENCES; a++)
			fprintf(f, "<td class=\"num\">%d</td>", cp->absent[a]);
		fputs("<td class=\"num\">", f);
		put_pounds(f, cp->arrs_year < 0 ? -1 : cp->max);
		fputs("</td><td class=\"num\">", f);
		put_pounds(f, cp->cost);
		fputs("</td><td class=\"num\">", f);
		put_pounds(f, cp->claimable);
		fputs("</td></tr>\n", f);
		tot[0] += cp->planned;
		tot[1] += cp->delivered;
		tot[2] += cp->not_delivered;
		tot[3] += cp->to_come;
		tot[4] += cp->delivered_minutes;
	}
	fprintf(f,
		"</tbody>\n<tfoot><tr><th scope=\"row\" colspan=\"4\">Total"
		"</th><td class=\"num\">%d</td><td class=\"num\">%d</td>"
		"<td class=\"num\">%d</td><td class=\"num\">%d</td>"
		"<td class=\"num\">",
		tot[0], tot[1], tot[2], tot[3]);
	put_fixed(f, claims_hundredths(tot[4]), 2);
	fputs("</td><td colspan=\"4\"></td><td class=\"num\">", f);
	put_pounds(f, cm->max);
	fputs("</td><td class=\"num\">", f);
	put_pounds(f, cm->cost);
	fputs("</td><td class=\"num\">", f);
	put_pounds(f, cm->claimable);
	fputs("</td></tr></tfoot>\n</table></div>\n</section>\n", f);
}

/* The sessions not delivered as planned, and why. */
static void
put_missed(FILE *f, const struct net *n, const struct claims_month *cm)
{
	int i, s, count = 0;

	for (i = 0; i < cm->nsessions; i++)
		count += cm->sessions[i].reason != NULL &&
			 cm->sessions[i].reason[0] != '\0';
	fprintf(f,
		"<section class=\"missed\">\n<h2 id=\"missed\">Not "
		"delivered as planned</h2>\n<p>%d session%s of the month "
		"%s not delivered as planned",
		count, count == 1 ? "" : "s", count == 1 ? "was" : "were");
	if (count == 0) {
		fputs(".</p>\n</section>\n", f);
		return;
	}
	fputs(": absences and closures recorded after the plan froze "
	      "correct the record, never the plan.</p>\n<div "
	      "class=\"scroll\"><table class=\"money\">\n<thead><tr>"
	      "<th scope=\"col\">Date</th><th scope=\"col\">Session</th>"
	      "<th scope=\"col\">Person</th><th scope=\"col\">Where</th>"
	      "<th scope=\"col\">Reason</th></tr></thead>\n<tbody>\n",
	      f);
	for (i = 0; i < cm->nsessions; i++) {
		const struct claims_session *cs = &cm->sessions[i];

		if (cs->reason == NULL || cs->reason[0] == '\0')
			continue;
		s = net_find_staff(n, cs->staff);
		fputs("<tr><td><time>", f);
		html_text(f, cs->date);
		fputs("</time></td><td>", f);
		html_text(f, cs->session);
		fputs("</td><th scope=\"row\">", f);
		html_text(f, s >= 0 ? n->staff[s].name : cs->staff);
		fputs("</th><td>", f);
		html_text(f, cs->site);
		fputs("</td><td>", f);
		html_text(f, cs->reason);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>\n</table></div>\n</section>\n", f);
}

static void
put_statement(FILE *f, const struct net *n, const struct recharge *rc)
{
	money_t part = 0, adjust = 0, due = 0;
	int p;

	fputs("<section class=\"statement\">\n<h2 id=\"recharges\">Recharge "
	      "statement</h2>\n<p>The month's staff costs not covered by the "
	      "claim, split between the practices by each role's agreement",
	      f);
	if (n->recharge_sessions)
		fputs(", then settled for the sessions each practice received "
		      "above or below its share at the role's cost",
		      f);
	fputs(". Pence add up to the total exactly.</p>\n"
	      "<div class=\"scroll\"><table class=\"money\">\n<thead><tr>"
	      "<th scope=\"col\">Practice</th><th scope=\"col\" "
	      "class=\"num\">Part by agreement</th><th scope=\"col\" "
	      "class=\"num\">Sessions settlement</th><th scope=\"col\" "
	      "class=\"num\">Due</th></tr></thead>\n<tbody>\n",
	      f);
	for (p = 0; p < n->npractices; p++) {
		fputs("<tr><th scope=\"row\">", f);
		html_text(f, n->practices[p].name);
		fputs("</th><td class=\"num\">", f);
		put_pounds(f, rc->part[p]);
		fputs("</td><td class=\"num\">", f);
		put_signed_pounds(f, rc->adjust[p]);
		fputs("</td><td class=\"num\">", f);
		put_pounds(f, rc->due[p]);
		fputs("</td></tr>\n", f);
		part += rc->part[p];
		adjust += rc->adjust[p];
		due += rc->due[p];
	}
	fputs("</tbody>\n<tfoot><tr><th scope=\"row\">Total</th>"
	      "<td class=\"num\">",
	      f);
	put_pounds(f, part);
	fputs("</td><td class=\"num\">", f);
	put_signed_pounds(f, adjust);
	fputs("</td><td class=\"num\">", f);
	put_pounds(f, due);
	fputs("</td></tr></tfoot>\n</table></div>\n</section>\n", f);
}

/* Bars of share (thin, grey) and received (thick, the role's colour). */
static void
put_bars(FILE *f, int x, int y, double scale, double share, double got,
	 int role)
{
	fprintf(f,
		"<rect class=\"share\" x=\"%d\" y=\"%d\" width=\"%.1f\" "
		"height=\"6\" fill=\"#afb8c1\"/>"
		"<rect class=\"received r%d\" x=\"%d\" y=\"%d\" width=\"%.1f\" "
		"height=\"13\" style=\"fill:var(--fg)\"/>",
		x, y + 2, share * scale, role % NCOLOURS, x, y + 11,
		got * scale);
}

static void
put_practice_chart(FILE *f, const struct net *n, const struct recharge *rc,
		   int p)
{
	const int left = 150, room = 130, gap = 110, row = 34, top = 30;
	const int np = n->npractices;
	double s_max = 0, m_max = 0, s_scale, m_scale;
	int r, y, rows = 0, wide = left + 2 * room + gap + 90;

	for (r = 0; r < n->nroles; r++) {
		const struct recharge_line *l = &rc->lines[r * np + p];

		if (rc->sessions[r] == 0 && rc->cost[r] == 0)
			continue;
		rows++;
		if (l->share > s_max)
			s_max = l->share;
		if (l->received > s_max)
			s_max = l->received;
		if (l->share_value > m_max)
			m_max = (double)l->share_value;
		if (l->received_value > m_max)
			m_max = (double)l->received_value;
	}
	if (rows == 0)
		return;
	s_scale = s_max > 0 ? room / s_max : 0;
	m_scale = m_max > 0 ? room / m_max : 0;
	fputs("<figure class=\"chart\">\n<figcaption>", f);
	html_text(f, n->practices[p].name);
	fputs(": received against share</figcaption>\n", f);
	fprintf(f,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d "
		"%d\" width=\"%d\" height=\"%d\" role=\"img\" "
		"aria-labelledby=\"mc%d\">\n<title id=\"mc%d\">",
		wide, top + rows * row, wide, top + rows * row, p, p);
	html_text(f, n->practices[p].id);
	fputs(": sessions and pounds received against the share, by role "
	      "(the statement has the same numbers)</title>\n",
	      f);
	fprintf(f,
		"<g class=\"legend\"><text x=\"%d\" y=\"13\">sessions</text>"
		"<text x=\"%d\" y=\"13\">pounds</text>"
		"<rect x=\"%d\" y=\"6\" width=\"18\" height=\"6\" "
		"fill=\"#afb8c1\"/><text x=\"%d\" y=\"13\" class=\"muted\">"
		"share</text></g>\n",
		left, left + room + gap, left + 70, left + 94);
	y = top;
	for (r = 0; r < n->nroles; r++) {
		const struct recharge_line *l = &rc->lines[r * np + p];

		if (rc->sessions[r] == 0 && rc->cost[r] == 0)
			continue;
		fputs("<g class=\"bar\" data-role=\"", f);
		html_text(f, n->roles[r].id);
		fputs("\"><title>", f);
		html_text(f, n->roles[r].name);
		fprintf(f, ": share %d sessions, received %d; share ", l->share,
			l->received);
		put_pounds(f, l->share_value);
		fputs(", received ", f);
		put_pounds(f, l->received_value);
		fprintf(f,
			"</title><text x=\"%d\" y=\"%d\" "
			"text-anchor=\"end\">",
			left - 8, y + 17);
		html_text(f, n->roles[r].id);
		fputs("</text>", f);
		put_bars(f, left, y, s_scale, l->share, l->received, r);
		fprintf(f, "<text class=\"v\" x=\"%.1f\" y=\"%d\">%d/%d</text>",
			left +
			    (l->share > l->received ? l->share : l->received) *
				s_scale +
			    5,
			y + 17, l->received, l->share);
		put_bars(f, left + room + gap, y, m_scale,
			 (double)l->share_value, (double)l->received_value, r);
		fprintf(f, "<text class=\"v\" x=\"%.1f\" y=\"%d\">",
			left + room + gap +
			    (double)(l->share_value > l->received_value
					 ? l->share_value
					 : l->received_value) *
				m_scale +
			    5,
			y + 17);
		put_pounds(f, l->received_value);
		fputs("</text></g>\n", f);
		y += row;
	}
	fputs("</svg>\n</figure>\n", f);
}

static void
put_practices(FILE *f, const struct net *n, const struct claims_month *cm,
	      const struct recharge *rc)
{
	const int np = n->npractices;
	int p, r;

	fputs("<section class=\"practices\">\n<h2 id=\"received\">Sessions "
	      "received against share</h2>\n<p>Sessions delivered at each "
	      "practice against its share of the role's delivered sessions, "
	      "and the role's cost split the same two ways: received / "
	      "share; and the planner's fair-share balance at the month's end "
	      "(sessions ahead or owed over the weeks it carries), for the "
	      "board.</p>\n<div class=\"scroll\"><table class=\"money "
	      "fair\">\n<thead><tr><th scope=\"col\">Practice</th>",
	      f);
	for (r = 0; r < n->nroles; r++) {
		if (rc->sessions[r] == 0 && rc->cost[r] == 0)
			continue;
		fprintf(f,
			"<th scope=\"col\" class=\"num\"><span class=\"r%d\">"
			"<span class=\"rb\">",
			r % NCOLOURS);
		html_text(f, n->roles[r].id);
		fputs("</span></span></th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (p = 0; p < np; p++) {
		fputs("<tr><th scope=\"row\">", f);
		html_text(f, n->practices[p].name);
		fputs("</th>", f);
		for (r = 0; r < n->nroles; r++) {
			const struct recharge_line *l = &rc->lines[r * np + p];

			if (rc->sessions[r] == 0 && rc->cost[r] == 0)
				continue;
			fprintf(
			    f,
			    "<td class=\"num\"><span class=\"%s\">%d</span> "
			    "/ %d<span class=\"tm\">",
			    l->received > l->share   ? "more"
			    : l->received < l->share ? "less"
						     : "ok",
			    l->received, l->share);
			put_pounds(f, l->received_value);
			fputs(" / ", f);
			put_pounds(f, l->share_value);
			fputs("</span>", f);
			if (cm->carried != NULL)
				fprintf(f,
					"<span class=\"tm\">carried %+d</span>",
					cm->carried[r * np + p]);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table></div>\n<div class=\"mcharts\">\n", f);
	for (p = 0; p < np; p++)
		put_practice_chart(f, n, rc, p);
	fputs("</div>\n</section>\n", f);
}

int
report_money_html(FILE *f, const struct net *n, const struct claims_month *cm,
		  const struct recharge *rc)
{
	put_head(f, n, cm);
	put_summary(f, n, cm, rc);
	put_claims(f, n, cm);
	put_missed(f, n, cm);
	put_statement(f, n, rc);
	put_practices(f, n, cm, rc);
	fputs("<footer>Made by pcnrota from the network file and the state's "
	      "delivered record. Amounts in pounds; every split by the "
	      "largest remainder, to the penny.</footer>\n</body>\n</html>\n",
	      f);
	return ferror(f) ? -1 : 0;
}
