/* "Did you mean": the nearest known word to a mistyped one. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "suggest.h"

/* Longer words are not compared: no identifier or name is that long. */
#define SUGGEST_MAX 64

int
suggest_distance(const char *a, const char *b)
{
	int d[SUGGEST_MAX + 1][SUGGEST_MAX + 1];
	int la = (int)strlen(a), lb = (int)strlen(b), i, j, cost, v;

	if (la > SUGGEST_MAX || lb > SUGGEST_MAX)
		return SUGGEST_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			cost = tolower((unsigned char)a[i - 1]) !=
			       tolower((unsigned char)b[j - 1]);
			v = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 &&
			    tolower((unsigned char)a[i - 1]) ==
				tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) ==
				tolower((unsigned char)b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

/* "physio" for "physiotherapist", "pharm" for "pharmacist". */
static int
prefix_of(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), n = la < lb ? la : lb;

	return n >= 3 && strncasecmp(a, b, n) == 0;
}

/* The edits allowed: one for short words, a third of the length for long. */
static int
near_enough(const char *word, int cost)
{
	int len = (int)strlen(word), allowed = len <= 5 ? 1 : len / 3;

	return cost <= allowed;
}

static int
cost_of(const char *word, const char *text)
{
	int cost;

	if (text == NULL || *text == '\0')
		return SUGGEST_MAX;
	cost = suggest_distance(word, text);
	if (!near_enough(word, cost) && prefix_of(word, text))
		cost = (int)strlen(word) > (int)strlen(text)
			   ? (int)(strlen(word) - strlen(text))
			   : (int)(strlen(text) - strlen(word));
	else if (!near_enough(word, cost))
		cost = SUGGEST_MAX;
	return cost;
}

void
suggest_init(struct suggest *s, const char *word)
{
	s->word = word;
	s->best = NULL;
	s->cost = SUGGEST_MAX;
	s->ties = 0;
}

void
suggest_try(struct suggest *s, const char *id, const char *alias)
{
	int cost = cost_of(s->word, id), a = cost_of(s->word, alias);

	if (a < cost)
		cost = a;
	if (cost < s->cost) {
		s->cost = cost;
		s->best = id;
		s->ties = 0;
	} else if (cost == s->cost && cost < SUGGEST_MAX &&
		   strcmp(id, s->best) != 0)
		s->ties++;
}

const char *
suggest_best(const struct suggest *s)
{
	/* Two as near ("p9" for p1 and p2) is a guess, not a suggestion. */
	return s->cost < SUGGEST_MAX && s->ties == 0 ? s->best : NULL;
}
