/* The recharge statement: costs beyond ARRS split between practices. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "recharge.h"
#include "xmalloc.h"

long long
recharge_weight(const struct net *n, int role, int p)
{
	/* Weighted lists and percentages have decimals: 4 are kept. */
	return llround(net_share_weight(n, role, p) * 10000);
}

void
recharge_compute(const struct net *n, const struct claims_month *cm,
		 struct recharge *rc)
{
	int np = n->npractices, r, p, i;
	long long *weights = xcalloc((size_t)np + 1, sizeof *weights);
	long long *got = xcalloc((size_t)np + 1, sizeof *got);
	money_t *split = xcalloc((size_t)np + 1, sizeof *split);

	memset(rc, 0, sizeof *rc);
	rc->cost = xcalloc((size_t)n->nroles + 1, sizeof *rc->cost);
	rc->claimable = xcalloc((size_t)n->nroles + 1, sizeof *rc->claimable);
	rc->uncovered = xcalloc((size_t)n->nroles + 1, sizeof *rc->uncovered);
	rc->sessions = xcalloc((size_t)n->nroles + 1, sizeof *rc->sessions);
	rc->lines = xcalloc((size_t)(n->nroles * np) + 1, sizeof *rc->lines);
	rc->part = xcalloc((size_t)np + 1, sizeof *rc->part);
	rc->adjust = xcalloc((size_t)np + 1, sizeof *rc->adjust);
	rc->due = xcalloc((size_t)np + 1, sizeof *rc->due);
	for (i = 0; i < cm->npeople; i++) {
		r = n->staff[cm->people[i].staff].role;
		rc->cost[r] += cm->people[i].paid;
		rc->claimable[r] += cm->people[i].claimable;
	}
	for (r = 0; r < n->nroles; r++) {
		struct recharge_line *l = &rc->lines[r * np];

		rc->uncovered[r] = rc->cost[r] - rc->claimable[r];
		rc->total_uncovered += rc->uncovered[r];
		for (p = 0; p < np; p++) {
			weights[p] = recharge_weight(n, r, p);
			got[p] = l[p].received = cm->received[r * np + p];
			rc->sessions[r] += l[p].received;
		}
		/* Sessions and pence alike, by the one largest remainder. */
		money_apportion(rc->sessions[r], weights, np, split);
		for (p = 0; p < np; p++)
			l[p].share = (int)split[p];
		money_apportion(rc->cost[r], weights, np, split);
		for (p = 0; p < np; p++)
			l[p].share_value = split[p];
		/* Nobody delivered: the cost goes by the agreement. */
		money_apportion(rc->cost[r],
				rc->sessions[r] > 0 ? got : weights, np, split);
		for (p = 0; p < np; p++)
			l[p].received_value = split[p];
		money_apportion(rc->uncovered[r], weights, np, split);
		for (p = 0; p < np; p++) {
			l[p].part = split[p];
			rc->part[p] += split[p];
			if (n->recharge_sessions)
				rc->adjust[p] +=
				    l[p].received_value - l[p].share_value;
		}
	}
	for (p = 0; p < np; p++)
		rc->due[p] = rc->part[p] + rc->adjust[p];
	free(weights);
	free(got);
	free(split);
}

void
recharge_free(struct recharge *rc)
{
	free(rc->cost);
	free(rc->claimable);
	free(rc->uncovered);
	free(rc->sessions);
	free(rc->lines);
	free(rc->part);
	free(rc->adjust);
	free(rc->due);
	memset(rc, 0, sizeof *rc);
}

static void
csv_money(FILE *f, money_t v)
{
	csv_decimal(f, v, 2, 0);
}

int
recharge_csv(FILE *f, const struct net *n, const struct claims_month *cm,
	     const struct recharge *rc)
{
	static const char *head[] = {"month",
				     "practice",
				     "role",
				     "share_basis",
				     "sessions_share",
				     "sessions_received",
				     "value_share",
				     "value_received",
				     "role_cost",
				     "role_claimable",
				     "role_not_covered",
				     "part",
				     "adjustment",
				     "due",
				     "balance_carried"};
	int np = n->npractices, r, p;
	char month[16];
	size_t h;
	money_t sum[6] = {0};

	snprintf(month, sizeof month, "%04d-%02d", cm->year, cm->month);
	for (h = 0; h < sizeof head / sizeof *head; h++)
		csv_field(f, head[h], h == 0);
	csv_end(f);
	for (r = 0; r < n->nroles; r++)
		for (p = 0; p < np; p++) {
			const struct recharge_line *l = &rc->lines[r * np + p];
			money_t adjust =
			    n->recharge_sessions
				? l->received_value - l->share_value
				: 0;

			csv_field(f, month, 1);
			csv_field(f, n->practices[p].id, 0);
			csv_field(f, n->roles[r].id, 0);
			csv_field(f, net_share_name(n->roles[r].share), 0);
			csv_int(f, l->share, 0);
			csv_int(f, l->received, 0);
			csv_money(f, l->share_value);
			csv_money(f, l->received_value);
			csv_money(f, rc->cost[r]);
			csv_money(f, rc->claimable[r]);
			csv_money(f, rc->uncovered[r]);
			csv_money(f, l->part);
			csv_money(f, adjust);
			csv_money(f, l->part + adjust);
			if (cm->carried != NULL)
				csv_int(f, cm->carried[r * np + p], 0);
			else
				csv_field(f, "", 0);
			csv_end(f);
		}
	for (p = 0; p < np; p++) {
		csv_field(f, month, 1);
		csv_field(f, n->practices[p].id, 0);
		csv_field(f, "ALL", 0);
		csv_field(f, "", 0);
		sum[0] = sum[1] = sum[2] = sum[3] = 0;
		for (r = 0; r < n->nroles; r++) {
			sum[0] += rc->lines[r * np + p].share;
			sum[1] += rc->lines[r * np + p].received;
			sum[2] += rc->lines[r * np + p].share_value;
			sum[3] += rc->lines[r * np + p].received_value;
		}
		csv_int(f, (long)sum[0], 0);
		csv_int(f, (long)sum[1], 0);
		csv_money(f, sum[2]);
		csv_money(f, sum[3]);
		for (h = 0; h < 3; h++)
			csv_field(f, "", 0);
		csv_money(f, rc->part[p]);
		csv_money(f, rc->adjust[p]);
		csv_money(f, rc->due[p]);
		csv_field(f, "", 0);
		csv_end(f);
		sum[4] += rc->part[p];
		sum[5] += rc->due[p];
	}
	csv_field(f, month, 1);
	csv_field(f, "TOTAL", 0);
	for (h = 0; h < 9; h++)
		csv_field(f, "", 0);
	csv_money(f, sum[4]);
	csv_money(f, sum[5] - sum[4]);
	csv_money(f, sum[5]);
	csv_field(f, "", 0);
	csv_end(f);
	return ferror(f) ? -1 : 0;
}
