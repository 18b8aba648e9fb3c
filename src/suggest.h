/*
 * "Did you mean": the known word nearest to a mistyped one, by edit
 * distance (with transpositions), or one that begins the other.
 */
#ifndef SUGGEST_H
#define SUGGEST_H

struct suggest {
	const char *word; /* what was written */
	const char *best; /* the nearest candidate so far, or NULL */
	int cost;
	int ties; /* other candidates as near as best */
};

void suggest_init(struct suggest *, const char *word);
/* Offers id, matched on its own text and on alias (a name; may be NULL). */
void suggest_try(struct suggest *, const char *id, const char *alias);
/* The one candidate near enough to be what was meant, or NULL. */
const char *suggest_best(const struct suggest *);
/* Case-blind edit distance, adjacent transpositions counting one. */
int suggest_distance(const char *a, const char *b);

#endif
