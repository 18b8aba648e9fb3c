/*
 * The network file's one reader: sections, keys, values and their line
 * numbers, and the value parsers every section shares (numbers, days,
 * slots, yes/no).
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "money.h"
#include "suggest.h"
#include "utf8.h"
#include "xmalloc.h"

#include "cfg_internal.h"

static const char *sec_names[] = {"network", "session",	  "practice",
				  "role",    "staff",	  "objective",
				  "site",    "care_home", NULL};

static const char *day_names[] = {"mon", "tue", "wed", "thu",
				  "fri", "sat", "sun", NULL};
static const char *network_keys[] = {"name",
				     "timezone",
				     "share",
				     "keep_cancelled_days",
				     "feed_refresh_minutes",
				     "feed_url",
				     "feed_away",
				     "feed_uncovered",
				     "ea_minutes_per_1000",
				     "ea_hours_per_week",
				     "no_evening_then_morning",
				     "leave_calendar",
				     "absences",
				     "bank_holidays",
				     "region",
				     "open_on_bank_holidays",
				     "carry_balances",
				     "travel",
				     "weeks_ahead",
				     "history_weeks",
				     "staff_csv",
				     "leave_csv",
				     "requests_csv",
				     "week_a",
				     "ea_max_hours_per_week",
				     "unmatched_events",
				     "closures",
				     "wte_hours",
				     "arrs_area",
				     "arrs_year",
				     "recharge",
				     NULL};
static const char *session_keys[] = {"name", "start",		"end",
				     "days", "enhanced_access", NULL};
static const char *practice_keys[] = {"name",
				      "ods",
				      "address",
				      "list_size",
				      "weighted_list_size",
				      "rooms",
				      "rooms_at",
				      "closed",
				      "requests",
				      "ea_hub",
				      "supervision",
				      "minimum",
				      "share_percent",
				      "fixed_sessions",
				      "closures",
				      NULL};
static const char *role_keys[] = {"name",
				  "supervised",
				  "share",
				  "arrs_max",
				  "arrs_max_outer_london",
				  "arrs_max_inner_london",
				  NULL};
static const char *staff_keys[] = {"name",
				   "role",
				   "sessions",
				   "works",
				   "practices",
				   "base",
				   "leave",
				   "sickness",
				   "training",
				   "leave_calendar",
				   "needs_supervision",
				   "enhanced_access",
				   "pin",
				   "forbid",
				   "max_per_day",
				   "prefer_practices",
				   "prefer_days",
				   "start_date",
				   "end_date",
				   "hours",
				   "salary",
				   "on_costs",
				   NULL};
static const char *objective_keys[] = {
    "request",	    "idle",	  "fair1",	"fair2",
    "minimum",	    "pin",	  "preference", "enhanced_access",
    "ea_unstaffed", "continuity", "care_home",	NULL};
static const char *site_keys[] = {
    "name",   "address",     "practice", "rooms",    "rooms_at",
    "closed", "supervision", "requests", "closures", NULL};
static const char *care_home_keys[] = {
    "name", "address", "roles", "rounds", "round_at", "supervision", NULL};
static const char **sec_keys[] = {network_keys, session_keys,  practice_keys,
				  role_keys,	staff_keys,    objective_keys,
				  site_keys,	care_home_keys};

const char *
cfg_section_name(enum sec_type type)
{
	return sec_names[type];
}

void
cfg_error(struct cfg *c, int line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	if (line < 0)
		diag_add(c->diag, c->labels[-line - 1], 0, "%s", msg);
	else
		diag_add(c->diag, c->file, line, "%s", msg);
	free(msg);
	c->errors++;
}

int
cfg_label(struct cfg *c, const char *file, int line, int column)
{
	char *label;

	if (column > 0)
		xasprintf(&label, "%s:%d:%d", file, line, column);
	else
		xasprintf(&label, "%s:%d", file, line);
	c->labels =
	    xreallocarray(c->labels, (size_t)c->nlabels + 1, sizeof *c->labels);
	c->labels[c->nlabels++] = label;
	return -c->nlabels;
}

const char *const *
cfg_keys(enum sec_type type)
{
	return sec_keys[type];
}

void
cfg_warn(struct cfg *c, int line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (c->opts->notices == NULL)
		return;
	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	if (line < 0)
		diag_add(c->opts->notices, c->labels[-line - 1], 0,
			 "warning: %s", msg);
	else
		diag_add(c->opts->notices, c->file, line, "warning: %s", msg);
	free(msg);
}

/* Lists of known words in messages stop after this many. */
#define LIST_MAX 20

/* A growing ", "-separated list of the known words, for messages. */
struct word_list {
	char *text;
	int n;
};

static void
word_list_add(struct word_list *l, const char *word)
{
	char *more;

	l->n++;
	if (l->n > LIST_MAX)
		return;
	if (l->text == NULL) {
		l->text = xstrdup(word);
		return;
	}
	xasprintf(&more, "%s, %s", l->text, word);
	free(l->text);
	l->text = more;
}

/* Reports "unknown WHAT "word"", the nearest known word and the list. */
static void
unknown_error(struct cfg *c, int line, const char *what, const char *plural,
	      const char *word, const char *where, const struct suggest *s,
	      struct word_list *l)
{
	const char *best = suggest_best(s);
	char *mean = NULL, *known, *more = NULL;

	if (best != NULL)
		xasprintf(&mean, ": did you mean \"%s\"?", best);
	if (l->n > LIST_MAX)
		xasprintf(&more, ", ... (%d in all)", l->n);
	if (l->n == 0)
		xasprintf(&known, " (the file has no %s)", plural);
	else
		xasprintf(&known, " (%s: %s%s)", plural, l->text,
			  more ? more : "");
	cfg_error(c, line, "unknown %s \"%s\"%s%s%s", what, word, where,
		  mean ? mean : "", known);
	free(mean);
	free(more);
	free(known);
	free(l->text);
}

static void
kind_item(const struct net *n, enum cfg_kind kind, int i, const char **id,
	  const char **alias)
{
	switch (kind) {
	case CFG_ROLE:
		*id = n->roles[i].id, *alias = n->roles[i].name;
		break;
	case CFG_PRACTICE:
		*id = n->practices[i].id, *alias = n->practices[i].name;
		break;
	case CFG_PLACE:
		*id = n->sites[i].id, *alias = n->sites[i].name;
		break;
	case CFG_SESSION:
		*id = n->sessions[i].id, *alias = n->sessions[i].name;
		break;
	case CFG_STAFF:
		*id = n->staff[i].id, *alias = n->staff[i].name;
		break;
	}
}

void
cfg_unknown(struct cfg *c, int line, enum cfg_kind kind, const char *word)
{
	static const char *what[] = {"role", "practice", "site or care home",
				     "session", "staff member"};
	static const char *plural[] = {"roles", "practices", "places",
				       "sessions", "staff"};
	const struct net *n = c->net;
	int count[] = {n->nroles, n->npractices, n->nsites, n->nsessions,
		       n->nstaff};
	struct word_list l = {NULL, 0};
	struct suggest s;
	const char *id = NULL, *alias = NULL;
	int i;

	suggest_init(&s, word);
	for (i = 0; i < count[kind]; i++) {
		kind_item(n, kind, i, &id, &alias);
		suggest_try(&s, id, alias);
		word_list_add(&l, id);
	}
	unknown_error(c, line, what[kind], plural[kind], word, "", &s, &l);
}

void
cfg_lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

bool
cfg_valid_id(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 1 || n > 32)
		return false;
	for (i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) &&
		    !isdigit((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
			return false;
	return true;
}

/* Reads the whole file, refusing what is not a small text file. */
char *
cfg_read_file(struct cfg *c)
{
	struct stat sb;
	FILE *f;
	char *buf;
	size_t n;

	if ((f = fopen(c->file, "rb")) == NULL) {
		cfg_error(c, 0, "cannot read: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		cfg_error(c, 0, "not a regular file");
		fclose(f);
		return NULL;
	}
	if (sb.st_size > CFG_MAX_FILE) {
		cfg_error(c, 0, "file too large (over %d bytes)", CFG_MAX_FILE);
		fclose(f);
		return NULL;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	n = fread(buf, 1, (size_t)sb.st_size, f);
	if (ferror(f)) {
		cfg_error(c, 0, "cannot read: %s", strerror(errno));
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	digest_bytes(&c->net->input, buf, n);
	if (memchr(buf, '\0', n) != NULL) {
		cfg_error(c, 0, "not a text file (contains NUL bytes)");
		free(buf);
		return NULL;
	}
	return buf;
}

/* "unknown WHAT "word" in WHERE": the nearest of a fixed list. */
void
cfg_unknown_among(struct cfg *c, int line, const char *what, const char *plural,
		  const char *word, const char *where, const char *const *known)
{
	struct word_list l = {NULL, 0};
	struct suggest s;
	char *in = NULL;

	suggest_init(&s, word);
	for (; *known != NULL; known++) {
		suggest_try(&s, *known, NULL);
		word_list_add(&l, *known);
	}
	if (*where != '\0')
		xasprintf(&in, " in %s", where);
	unknown_error(c, line, what, plural, word, in ? in : "", &s, &l);
	free(in);
}

static bool
known_key(enum sec_type type, const char *key)
{
	const char **k;

	for (k = sec_keys[type]; *k != NULL; k++)
		if (strcmp(*k, key) == 0)
			return true;
	return false;
}

static void
scan_section(struct cfg *c, char *inner, int line, struct cfg_section **cur)
{
	struct cfg_section *s;
	char *name, *sp, *id = NULL;
	int type, i;

	name = utf8_trim(inner);
	cfg_lower(name);
	*cur = NULL;
	sp = strpbrk(name, " \t");
	if (sp != NULL) {
		*sp = '\0';
		id = utf8_trim(sp + 1);
	}
	for (type = 0; sec_names[type] != NULL; type++)
		if (strcmp(name, sec_names[type]) == 0)
			break;
	if (sec_names[type] == NULL) {
		cfg_unknown_among(c, line, "section type", "section types",
				  name, "", sec_names);
		return;
	}
	if ((type == SEC_NETWORK || type == SEC_OBJECTIVE) && id != NULL) {
		cfg_error(c, line, "[%s] takes no identifier", name);
		return;
	}
	if (type != SEC_NETWORK && type != SEC_OBJECTIVE &&
	    (id == NULL || !cfg_valid_id(id))) {
		cfg_error(c, line,
			  "bad identifier \"%s\": use 1-32 of a-z 0-9 _ -",
			  id == NULL ? "" : id);
		return;
	}
	for (i = 0; i < c->nsecs; i++) {
		s = &c->secs[i];
		if (s->type == (enum sec_type)type &&
		    (id == NULL || strcmp(s->id, id) == 0)) {
			cfg_error(c, line,
				  "duplicate section [%s%s%s] (first at line "
				  "%d)",
				  name, id ? " " : "", id ? id : "", s->line);
			return;
		}
	}
	c->secs = xreallocarray(c->secs, (size_t)c->nsecs + 1, sizeof *c->secs);
	s = &c->secs[c->nsecs++];
	memset(s, 0, sizeof *s);
	s->type = (enum sec_type)type;
	s->id = id ? xstrdup(id) : NULL;
	s->line = line;
	*cur = s;
}

static void
section_label(const struct cfg_section *s, char *buf, size_t len)
{
	snprintf(buf, len, "[%s%s%s]", sec_names[s->type], s->id ? " " : "",
		 s->id ? s->id : "");
}

/*
 * The value after "=", by the rule pcnrota.ini(5) gives: a value wholly in
 * double or single quotes is taken as written, quotes removed; otherwise
 * it ends at the first ";" or "#" and is trimmed. Text after a closing
 * quote, an unclosed quote and a final backslash are errors, because
 * other INI readers (iniparser among them) read them differently.
 */
static char *
scan_value(struct cfg *c, char *raw, int line, const char *key)
{
	char *v = utf8_trim(raw), *close, *rest;

	if (*v == '"' || *v == '\'') {
		if ((close = strchr(v + 1, *v)) == NULL) {
			cfg_error(c, line,
				  "%s: no closing %s quote: quote the whole "
				  "value or none of it",
				  key, *v == '"' ? "double" : "single");
			return NULL;
		}
		rest = utf8_trim(close + 1);
		if (*rest != '\0' && *rest != ';' && *rest != '#') {
			cfg_error(c, line,
				  "%s: text after the closing quote: quote the "
				  "whole value or none of it",
				  key);
			return NULL;
		}
		return xstrndup(v + 1, (size_t)(close - v - 1));
	}
	v[strcspn(v, ";#")] = '\0';
	v = utf8_trim(v);
	if (*v != '\0' && v[strlen(v) - 1] == '\\') {
		cfg_error(c, line,
			  "%s: a value cannot end in a backslash (lines do "
			  "not continue; quote the value to keep it)",
			  key);
		return NULL;
	}
	return xstrdup(v);
}

static void
scan_key(struct cfg *c, char *text, int line, struct cfg_section *cur,
	 bool in_bad_section)
{
	char *eq = strchr(text, '='), *key, *value, label[80];
	int i;

	*eq = '\0';
	key = utf8_trim(text);
	cfg_lower(key);
	if (*key == '\0') {
		cfg_error(c, line,
			  "syntax error: expected \"[section]\" or \"key = "
			  "value\"");
		return;
	}
	if (cur == NULL) {
		if (!in_bad_section)
			cfg_error(c, line, "key outside any section");
		return;
	}
	section_label(cur, label, sizeof label);
	if (!known_key(cur->type, key)) {
		cfg_unknown_among(c, line, "key", "keys", key, label,
				  sec_keys[cur->type]);
		return;
	}
	for (i = 0; i < cur->nkeys; i++)
		if (strcmp(cur->keys[i].key, key) == 0) {
			cfg_error(c, line,
				  "duplicate key \"%s\" in %s (first at line "
				  "%d)",
				  key, label, cur->keys[i].line);
			return;
		}
	/* A value refused is kept as NULL: given, but with no value. */
	value = scan_value(c, eq + 1, line, key);
	cur->keys =
	    xreallocarray(cur->keys, (size_t)cur->nkeys + 1, sizeof *cur->keys);
	cur->keys[cur->nkeys].key = xstrdup(key);
	cur->keys[cur->nkeys].value = value;
	cur->keys[cur->nkeys].line = line;
	cur->nkeys++;
}

/* A key whose line was refused: given, with no value (cfg_need). */
static void
refused_key(struct cfg_section *cur, char *key, int line)
{
	int i;

	cfg_lower(key);
	for (i = 0; i < cur->nkeys; i++)
		if (strcmp(cur->keys[i].key, key) == 0)
			return;
	cur->keys =
	    xreallocarray(cur->keys, (size_t)cur->nkeys + 1, sizeof *cur->keys);
	cur->keys[cur->nkeys].key = xstrdup(key);
	cur->keys[cur->nkeys].value = NULL;
	cur->keys[cur->nkeys].line = line;
	cur->nkeys++;
}

/*
 * The one reading of the file: sections, keys, their values and line
 * numbers. A UTF-8 byte-order mark is skipped; lines end in LF or CRLF
 * and never continue onto the next.
 */
void
cfg_scan(struct cfg *c, char *buf)
{
	struct cfg_section *cur = NULL;
	bool seen_section = false;
	char *p = buf, *nl, *text, *eq;
	int line = 0, bad;
	size_t len;

	if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	if ((bad = utf8_bad_line(p)) > 0) {
		cfg_error(c, bad,
			  "not UTF-8 text (Latin-1 or Windows-1252?): save "
			  "the file as UTF-8");
		return;
	}
	while (*p != '\0') {
		line++;
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		len = strlen(p);
		if (len > 0 && p[len - 1] == '\r')
			p[--len] = '\0';
		if (len > CFG_MAX_LINE) {
			cfg_error(c, line, "line too long (over %d bytes)",
				  CFG_MAX_LINE);
			/* Its key is given, with no value: no "needs" too. */
			text = utf8_trim(p);
			if (cur != NULL && *text != '[' && *text != ';' &&
			    *text != '#' && (eq = strchr(text, '=')) != NULL) {
				*eq = '\0';
				refused_key(cur, utf8_trim(text), line);
			}
			goto next;
		}
		text = utf8_trim(p);
		/* A comment is ignored whatever it ends in. */
		if (*text == '\0' || *text == ';' || *text == '#')
			goto next;
		if (*text == '[') {
			if (text[strlen(text) - 1] != ']') {
				cfg_error(c, line,
					  "syntax error: a section header "
					  "ends with \"]\", such as "
					  "\"[practice north]\"");
				cur = NULL;
				seen_section = true;
				goto next;
			}
			text[strlen(text) - 1] = '\0';
			scan_section(c, text + 1, line, &cur);
			seen_section = true;
			goto next;
		}
		if (strchr(text, '=') == NULL) {
			cfg_error(c, line,
				  "syntax error: expected \"[section]\" or "
				  "\"key = value\"");
			goto next;
		}
		scan_key(c, text, line, cur, seen_section);
	next:
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/* The value of key in section s, or NULL when the file does not set it. */
const char *
cfg_get(struct cfg *c, const struct cfg_section *s, const char *key, int *line)
{
	int i;

	(void)c;
	for (i = 0; i < s->nkeys; i++)
		if (strcmp(s->keys[i].key, key) == 0)
			break;
	if (i == s->nkeys) {
		*line = s->line;
		return NULL;
	}
	*line = s->keys[i].line;
	return s->keys[i].value;
}

const char *
cfg_need(struct cfg *c, const struct cfg_section *s, const char *key, int *line)
{
	const char *v = cfg_get(c, s, key, line);
	char label[80];
	int i;

	/* A value the scan refused was reported there already. */
	for (i = 0; v == NULL && i < s->nkeys; i++)
		if (strcmp(s->keys[i].key, key) == 0)
			return NULL;
	if (v == NULL || *v == '\0') {
		section_label(s, label, sizeof label);
		cfg_error(c, s->line, "%s needs \"%s\"", label, key);
		return NULL;
	}
	return v;
}

int
cfg_whole(struct cfg *c, const char *key, const char *v, int line, long min,
	  long max, long *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno != 0 || n < min || n > max ||
	    isspace((unsigned char)*v) || *v == '+') {
		if (max == LONG_MAX)
			cfg_error(c, line,
				  "%s must be a whole number >= %ld, not "
				  "\"%s\"",
				  key, min, v);
		else
			cfg_error(c, line,
				  "%s must be a whole number from %ld to %ld, "
				  "not \"%s\"",
				  key, min, max, v);
		return -1;
	}
	*out = n;
	return 0;
}

/* Splits a list on spaces and commas; returns a copy to free. */
char *
cfg_next_item(char **cursor)
{
	char *p = *cursor, *start;

	while (*p == ' ' || *p == '\t' || *p == ',')
		p++;
	if (*p == '\0')
		return NULL;
	start = p;
	while (*p != '\0' && *p != ' ' && *p != '\t' && *p != ',')
		p++;
	*cursor = p;
	return xstrndup(start, (size_t)(p - start));
}

/* A day that is not one: the nearest day, and how days are written. */
static void
bad_day(struct cfg *c, int line, const char *v)
{
	const char *const *d;
	struct suggest s;
	const char *best;

	suggest_init(&s, v);
	for (d = day_names; *d != NULL; d++)
		suggest_try(&s, *d, NULL);
	/* "tuesday" is near no three letters by edits, but begins "tue". */
	if ((best = suggest_best(&s)) != NULL && strchr(v, '-') == NULL)
		cfg_error(c, line,
			  "bad day \"%s\": did you mean \"%s\"? (days: "
			  "mon tue wed thu fri sat sun, or a range such as "
			  "mon-fri)",
			  v, best);
	else
		cfg_error(c, line,
			  "bad day \"%s\" (days: mon tue wed thu fri sat "
			  "sun, or a range such as mon-fri)",
			  v);
}

/* "mon", "mon-fri": sets days; -1 with an error when not days. */
int
cfg_days(struct cfg *c, const char *v, int line, bool days[NET_DAYS])
{
	char buf[16], *dash;
	int a, b, d;

	if (strlen(v) >= sizeof buf)
		goto bad;
	strcpy(buf, v);
	cfg_lower(buf);
	if ((dash = strchr(buf, '-')) != NULL) {
		*dash = '\0';
		a = date_day_from_name(buf);
		b = date_day_from_name(dash + 1);
		if (a < 0 || b < 0 || b < a)
			goto bad;
	} else if ((a = b = date_day_from_name(buf)) < 0)
		goto bad;
	for (d = a; d <= b; d++)
		days[d] = true;
	return 0;
bad:
	bad_day(c, line, v);
	return -1;
}

/* "2nd-wed": sets nth and the day; 0 when v is no such item. */
static int
monthly_day(const char *v, int *nth, int *day)
{
	static const char *names[] = {"last", "1st", "2nd",
				      "3rd",  "4th", "5th"};
	const char *dash = strchr(v, '-');
	size_t i;

	if (dash == NULL)
		return 0;
	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (strlen(names[i]) == (size_t)(dash - v) &&
		    strncasecmp(v, names[i], strlen(names[i])) == 0)
			break;
	if (i == sizeof names / sizeof *names ||
	    (*day = date_day_from_name(dash + 1)) < 0)
		return 0;
	*nth = i == 0 ? -1 : (int)i;
	return 1;
}

/*
 * A slot: [A:|B:]DAY[-DAY][.SESSION], and as flags allow DATE[.SESSION]
 * or NTH-DAY[.SESSION]. Every session named must be held on every day
 * named.
 */
int
cfg_parse_when(struct cfg *c, const char *v, int line, int flags,
	       struct cfg_slot *slot)
{
	char *copy = xstrdup(v), *dot, *sess = NULL, *day;
	int d, rc = -1;

	memset(slot, 0, sizeof *slot);
	slot->session = -1;
	slot->weeks = NET_WEEKS_AB;
	slot->ea_days = (flags & CFG_SLOT_EA) != 0;
	day = copy;
	if ((day[0] == 'a' || day[0] == 'A' || day[0] == 'b' ||
	     day[0] == 'B') &&
	    day[1] == ':') {
		if (!(flags & CFG_SLOT_WEEKS)) {
			cfg_error(c, line,
				  "\"%s\": week A or B is for works, closed "
				  "and requests only",
				  v);
			goto out;
		}
		if (c->net->week_a == 0) {
			cfg_error(c, line,
				  "\"%s\" names week %c, but [network] has "
				  "no week_a (the date of a Monday in week A)",
				  v, toupper((unsigned char)day[0]));
			goto out;
		}
		slot->weeks = tolower((unsigned char)day[0]) == 'a'
				  ? NET_WEEK_A
				  : NET_WEEK_B;
		day += 2;
	}
	if ((dot = strchr(day, '.')) != NULL) {
		*dot = '\0';
		sess = dot + 1;
		cfg_lower(sess);
	}
	if (monthly_day(day, &slot->nth, &d)) {
		if (!(flags & CFG_SLOT_MONTHLY)) {
			cfg_error(c, line,
				  "\"%s\": a day of the month is for closed "
				  "and requests only",
				  v);
			goto out;
		}
		slot->days[d] = true;
	} else if ((flags & CFG_SLOT_DATE) && isdigit((unsigned char)day[0]) &&
		   slot->weeks == NET_WEEKS_AB) {
		if (date_parse(day, &slot->date) != 0) {
			cfg_error(c, line, "bad date \"%s\": use YYYY-MM-DD",
				  day);
			goto out;
		}
		slot->is_date = true;
		slot->days[date_weekday(slot->date)] = true;
	} else if (cfg_days(c, day, line, slot->days) != 0)
		goto out;
	if (sess != NULL) {
		if ((slot->session = net_find_session(c->net, sess)) < 0) {
			cfg_unknown(c, line, CFG_SESSION, sess);
			goto out;
		}
		for (d = 0; d < NET_DAYS; d++)
			if (slot->days[d] &&
			    !c->net->sessions[slot->session].days[d]) {
				cfg_error(c, line,
					  "session %s is not held on %s", sess,
					  date_day_name(d));
				goto out;
			}
	}
	rc = 0;
out:
	free(copy);
	return rc;
}

int
cfg_parse_slot(struct cfg *c, const char *v, int line, bool allow_date,
	       struct cfg_slot *slot)
{
	return cfg_parse_when(c, v, line, allow_date ? CFG_SLOT_DATE : 0, slot);
}

/*
 * Whether a slot names this weekday and session: a session named, or the
 * sessions a day names (net_day_session; in enhanced_access, its
 * Enhanced Access ones).
 */
bool
cfg_slot_has(const struct net *n, const struct cfg_slot *slot, int d, int s)
{
	if (!slot->days[d] || !n->sessions[s].days[d])
		return false;
	if (slot->session >= 0)
		return slot->session == s;
	if (slot->ea_days)
		return n->sessions[s].enhanced_access;
	return net_day_session(n, d, s);
}

/* A yes/no key: 1 yes, 0 no, -1 (with an error) for anything else. */
int
cfg_yes_no(struct cfg *c, const char *key, const char *v, int line)
{
	if (strcmp(v, "yes") == 0)
		return 1;
	if (strcmp(v, "no") == 0)
		return 0;
	cfg_error(c, line, "%s must be yes or no, not \"%s\"", key, v);
	return -1;
}

int
cfg_money(struct cfg *c, const char *key, const char *v, int line,
	  long long *pence)
{
	if (money_parse(v, pence) == 0)
		return 0;
	cfg_error(c, line,
		  "%s must be an amount in pounds such as 65838 or 65838.50, "
		  "not \"%s\"",
		  key, v);
	return -1;
}

int
cfg_date(struct cfg *c, const char *key, const char *v, int line, date_t *date)
{
	if (date_parse(v, date) == 0)
		return 0;
	cfg_error(c, line, "%s must be a date YYYY-MM-DD, not \"%s\"", key, v);
	return -1;
}

/*
 * Every value is text that feeds, CSV and HTML can carry, and shows what
 * it holds: no controls, no bidi overrides, nothing invisible.
 */
void
cfg_check_text(struct cfg *c)
{
	const char *v;
	long uc;
	int i, j, line;

	for (i = 0; i < c->nsecs; i++)
		for (j = 0; j < c->secs[i].nkeys; j++) {
			v = cfg_get(c, &c->secs[i], c->secs[i].keys[j].key,
				    &line);
			if (v != NULL && (uc = utf8_hidden(v)) >= 0)
				cfg_error(c, line,
					  "%s holds an invisible, control or "
					  "bidi character (U+%04lX): remove it",
					  c->secs[i].keys[j].key, uc);
		}
}

/*
 * Each limit may hold alone while together they make a model no machine
 * solves in time: the placements of a week are limited too.
 */
void
cfg_check_size(struct cfg *c)
{
	long n = net_week_placements(c->net);

	c->net->week_placements = n;
	if (n > NET_MAX_PLACEMENTS)
		cfg_error(c, 0,
			  "a week's model would have %ld placements (staff, "
			  "session and place each may work at), more than %d: "
			  "plan part of the network, or narrow practices, "
			  "works or rooms",
			  n, NET_MAX_PLACEMENTS);
}

void
cfg_free_sections(struct cfg *c)
{
	int i, j;

	for (i = 0; i < c->nsecs; i++) {
		for (j = 0; j < c->secs[i].nkeys; j++) {
			free(c->secs[i].keys[j].key);
			free(c->secs[i].keys[j].value);
		}
		free(c->secs[i].keys);
		free(c->secs[i].id);
	}
	free(c->secs);
	for (i = 0; i < c->nlabels; i++)
		free(c->labels[i]);
	free(c->labels);
}
