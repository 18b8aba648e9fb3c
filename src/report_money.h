/* The month's money: the ARRS claim and the recharges, as CSV and a page. */
#ifndef REPORT_MONEY_H
#define REPORT_MONEY_H

#include <stdio.h>

#include "claims.h"
#include "net.h"
#include "recharge.h"

/* Each returns 0, or -1 when writing failed. */
int money_claims(FILE *, const struct net *, const struct claims_month *,
		 const struct recharge *);
int money_delivered(FILE *, const struct net *, const struct claims_month *,
		    const struct recharge *);
int money_recharges(FILE *, const struct net *, const struct claims_month *,
		    const struct recharge *);
/*
 * One self-contained page in rota.html's style: the claim per person, the
 * recharge statement and a chart per practice of the sessions and pounds
 * it received against its share (inline SVG, no scripts).
 */
int report_money_html(FILE *, const struct net *, const struct claims_month *,
		      const struct recharge *);

#endif
