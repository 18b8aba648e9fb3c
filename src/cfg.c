/*
 * Network file reader. A first pass over the raw lines records sections,
 * keys and their line numbers (iniparser keeps none, and silently lets a
 * duplicate key win); iniparser then supplies the values, which are
 * checked here with file:line messages.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <iniparser/iniparser.h>
#include <libical/ical.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>

#include "cfg.h"
#include "data.h"
#include "fetch.h"
#include "leavecal.h"
#include "utf8.h"
#include "xmalloc.h"

enum sec_type {
	SEC_NETWORK,
	SEC_SESSION,
	SEC_PRACTICE,
	SEC_ROLE,
	SEC_STAFF,
	SEC_OBJECTIVE,
	SEC_SITE,
	SEC_CARE_HOME
};

static const char *sec_names[] = {"network", "session",	 "practice",
				  "role",    "staff",	 "objective",
				  "site",    "care_home"};

static const char *network_keys[] = {"name",
				     "timezone",
				     "share",
				     "keep_cancelled_days",
				     "feed_refresh_minutes",
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
				      NULL};
static const char *role_keys[] = {"name", "supervised", "share", NULL};
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
				   NULL};
static const char *objective_keys[] = {
    "request",	    "idle",	  "fair1",	"fair2",
    "minimum",	    "pin",	  "preference", "enhanced_access",
    "ea_unstaffed", "continuity", "care_home",	NULL};
static const char *site_keys[] = {"name",     "address", "practice",	"rooms",
				  "rooms_at", "closed",	 "supervision", NULL};
static const char *care_home_keys[] = {
    "name", "address", "roles", "rounds", "round_at", "supervision", NULL};
static const char **sec_keys[] = {network_keys, session_keys,  practice_keys,
				  role_keys,	staff_keys,    objective_keys,
				  site_keys,	care_home_keys};

struct cfg_key {
	char *key;
	int line;
};

struct cfg_section {
	enum sec_type type;
	char *id;	/* NULL for [network] */
	char *dictname; /* the section as iniparser names it */
	int line;
	struct cfg_key *keys;
	int nkeys;
};

struct cfg {
	const char *file;
	struct diag *diag;
	dictionary *dict;
	struct cfg_section *secs;
	int nsecs;
	struct net *net;
	int errors;
	const struct cfg_opts *opts;
};

/* A parsed slot: days and sessions it names, or a date. */
struct cfg_slot {
	bool days[NET_DAYS];
	int session; /* -1: every session of those days */
	bool is_date;
	date_t date;
};

static void cfg_error(struct cfg *c, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
cfg_error(struct cfg *c, int line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	diag_add(c->diag, c->file, line, "%s", msg);
	free(msg);
	c->errors++;
}

static char *
trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static void
lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

static bool
valid_id(const char *s)
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
static char *
read_file(struct cfg *c)
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
	char *name, *sp, *id = NULL, *dictname;
	int type, i;

	name = trim(inner);
	lower(name);
	/* iniparser names the section by the whole text between brackets. */
	dictname = xstrdup(name);
	*cur = NULL;
	sp = strpbrk(name, " \t");
	if (sp != NULL) {
		*sp = '\0';
		id = trim(sp + 1);
	}
	for (type = 0; type < (int)(sizeof sec_names / sizeof *sec_names);
	     type++)
		if (strcmp(name, sec_names[type]) == 0)
			break;
	if (type == (int)(sizeof sec_names / sizeof *sec_names)) {
		cfg_error(c, line, "unknown section type \"%s\"", name);
		free(dictname);
		return;
	}
	if ((type == SEC_NETWORK || type == SEC_OBJECTIVE) && id != NULL) {
		cfg_error(c, line, "[%s] takes no identifier", name);
		free(dictname);
		return;
	}
	if (type != SEC_NETWORK && type != SEC_OBJECTIVE &&
	    (id == NULL || !valid_id(id))) {
		cfg_error(c, line,
			  "bad identifier \"%s\": use 1-32 of a-z 0-9 _ -",
			  id == NULL ? "" : id);
		free(dictname);
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
			free(dictname);
			return;
		}
	}
	c->secs = xreallocarray(c->secs, (size_t)c->nsecs + 1, sizeof *c->secs);
	s = &c->secs[c->nsecs++];
	memset(s, 0, sizeof *s);
	s->type = (enum sec_type)type;
	s->id = id ? xstrdup(id) : NULL;
	s->dictname = dictname;
	s->line = line;
	*cur = s;
}

static void
section_label(const struct cfg_section *s, char *buf, size_t len)
{
	snprintf(buf, len, "[%s%s%s]", sec_names[s->type], s->id ? " " : "",
		 s->id ? s->id : "");
}

static void
scan_key(struct cfg *c, char *text, int line, struct cfg_section *cur,
	 bool in_bad_section)
{
	char *eq = strchr(text, '='), *key, label[80];
	int i;

	*eq = '\0';
	key = trim(text);
	lower(key);
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
		cfg_error(c, line, "unknown key \"%s\" in %s", key, label);
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
	cur->keys =
	    xreallocarray(cur->keys, (size_t)cur->nkeys + 1, sizeof *cur->keys);
	cur->keys[cur->nkeys].key = xstrdup(key);
	cur->keys[cur->nkeys].line = line;
	cur->nkeys++;
}

/* The structural pass: sections, keys, line numbers, syntax. */
static void
scan(struct cfg *c, char *buf)
{
	struct cfg_section *cur = NULL;
	bool continued = false, seen_section = false;
	char *p = buf, *nl, *text;
	int line = 0;
	size_t len;

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
			continued = false;
			goto next;
		}
		text = trim(p);
		if (continued) {
			/* iniparser joins a line ending in a backslash. */
			continued =
			    text[0] != '\0' && text[strlen(text) - 1] == '\\';
			goto next;
		}
		if (*text == '\0' || *text == ';' || *text == '#')
			goto next;
		if (*text == '[') {
			if (text[strlen(text) - 1] != ']') {
				cfg_error(
				    c, line,
				    "syntax error: expected \"[section]\" "
				    "or \"key = value\"");
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
		continued = text[strlen(text) - 1] == '\\';
		scan_key(c, text, line, cur, seen_section);
	next:
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/* The value of key in section s, or NULL when the file does not set it. */
static const char *
get(struct cfg *c, const struct cfg_section *s, const char *key, int *line)
{
	char *full;
	const char *v;
	int i;

	for (i = 0; i < s->nkeys; i++)
		if (strcmp(s->keys[i].key, key) == 0)
			break;
	if (i == s->nkeys) {
		*line = s->line;
		return NULL;
	}
	*line = s->keys[i].line;
	xasprintf(&full, "%s:%s", s->dictname, key);
	v = iniparser_getstring(c->dict, full, NULL);
	free(full);
	return v;
}

static const char *
need(struct cfg *c, const struct cfg_section *s, const char *key, int *line)
{
	const char *v = get(c, s, key, line);
	char label[80];

	if (v == NULL || *v == '\0') {
		section_label(s, label, sizeof label);
		cfg_error(c, s->line, "%s needs \"%s\"", label, key);
		return NULL;
	}
	return v;
}

static int
parse_whole(struct cfg *c, const char *key, const char *v, int line, long min,
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
static char *
next_item(char **cursor)
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

/* "mon", "mon-fri": sets days; -1 with an error when not days. */
static int
parse_days(struct cfg *c, const char *v, int line, bool days[NET_DAYS])
{
	char buf[16], *dash;
	int a, b, d;

	if (strlen(v) >= sizeof buf)
		goto bad;
	strcpy(buf, v);
	lower(buf);
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
	cfg_error(c, line, "bad day \"%s\"", v);
	return -1;
}

/*
 * A slot: DAY[-DAY][.SESSION], or with dates allowed DATE[.SESSION]. Every
 * session named must be held on every day named.
 */
static int
parse_slot(struct cfg *c, const char *v, int line, bool allow_date,
	   struct cfg_slot *slot)
{
	char *copy = xstrdup(v), *dot, *sess = NULL;
	int d, rc = -1;

	memset(slot, 0, sizeof *slot);
	slot->session = -1;
	if ((dot = strchr(copy, '.')) != NULL) {
		*dot = '\0';
		sess = dot + 1;
		lower(sess);
	}
	if (allow_date && isdigit((unsigned char)copy[0])) {
		if (date_parse(copy, &slot->date) != 0) {
			cfg_error(c, line, "bad date \"%s\": use YYYY-MM-DD",
				  copy);
			goto out;
		}
		slot->is_date = true;
		slot->days[date_weekday(slot->date)] = true;
	} else if (parse_days(c, copy, line, slot->days) != 0)
		goto out;
	if (sess != NULL) {
		if ((slot->session = net_find_session(c->net, sess)) < 0) {
			cfg_error(c, line, "unknown session \"%s\"", sess);
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

/* Whether a slot names this weekday and session. */
static bool
slot_has(const struct net *n, const struct cfg_slot *slot, int d, int s)
{
	return slot->days[d] && n->sessions[s].days[d] &&
	       (slot->session < 0 || slot->session == s);
}

/* A yes/no key: 1 yes, 0 no, -1 (with an error) for anything else. */
static int
parse_yes_no(struct cfg *c, const char *key, const char *v, int line)
{
	if (strcmp(v, "yes") == 0)
		return 1;
	if (strcmp(v, "no") == 0)
		return 0;
	cfg_error(c, line, "%s must be yes or no, not \"%s\"", key, v);
	return -1;
}

static void
load_network(struct cfg *c)
{
	struct net *n = c->net;
	const struct cfg_section *s = NULL;
	const char *v;
	long num;
	int i, line;

	for (i = 0; i < c->nsecs; i++)
		if (c->secs[i].type == SEC_NETWORK)
			s = &c->secs[i];
	n->timezone = xstrdup("Europe/London");
	n->share = NET_SHARE_LIST;
	n->keep_cancelled_days = 14;
	n->feed_refresh = 60;
	n->carry_balances = true;
	n->weeks_ahead = 4;
	n->history_weeks = 8;
	if (s == NULL) {
		cfg_error(c, 0, "no [network] section");
		return;
	}
	if ((v = need(c, s, "name", &line)) != NULL)
		n->name = xstrdup(v);
	if ((v = get(c, s, "carry_balances", &line)) != NULL)
		n->carry_balances =
		    parse_yes_no(c, "carry_balances", v, line) != 0;
	if ((v = get(c, s, "keep_cancelled_days", &line)) != NULL &&
	    parse_whole(c, "keep_cancelled_days", v, line, 0, 366, &num) == 0)
		n->keep_cancelled_days = (int)num;
	if ((v = get(c, s, "weeks_ahead", &line)) != NULL &&
	    parse_whole(c, "weeks_ahead", v, line, 1, NET_MAX_WEEKS, &num) == 0)
		n->weeks_ahead = (int)num;
	if ((v = get(c, s, "history_weeks", &line)) != NULL &&
	    parse_whole(c, "history_weeks", v, line, 1, 104, &num) == 0)
		n->history_weeks = (int)num;
	if ((v = get(c, s, "feed_refresh_minutes", &line)) != NULL &&
	    parse_whole(c, "feed_refresh_minutes", v, line, 5, 10080, &num) ==
		0)
		n->feed_refresh = (int)num;
	if ((v = get(c, s, "timezone", &line)) != NULL) {
		if (icaltimezone_get_builtin_timezone(v) == NULL)
			cfg_error(c, line, "unknown time zone \"%s\"", v);
		else {
			free(n->timezone);
			n->timezone = xstrdup(v);
		}
	}
}

static int
parse_share(struct cfg *c, const char *v, int line, enum net_share *share)
{
	static const char *names[] = {"list", "weighted", "percent", "fixed"};
	size_t i;

	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(v, names[i]) == 0) {
			*share = (enum net_share)i;
			return 0;
		}
	cfg_error(c, line,
		  "share must be list, weighted, percent or fixed, not \"%s\"",
		  v);
	return -1;
}

/* What the role's agreement needs from every practice is there. */
static void
check_share(struct cfg *c, int role, int line)
{
	const struct net *n = c->net;
	const struct net_role *r = &n->roles[role];
	double percent = 0;
	int p, fixed = 0;

	for (p = 0; p < n->npractices; p++) {
		const struct net_practice *pr = &n->practices[p];

		if (r->share == NET_SHARE_WEIGHTED &&
		    pr->weighted_list_size < 0) {
			cfg_error(c, line,
				  "share = weighted but practice %s has no "
				  "weighted_list_size",
				  pr->id);
			return;
		}
		if (r->share == NET_SHARE_PERCENT && pr->share_percent < 0) {
			cfg_error(c, line,
				  "share = percent but practice %s has no "
				  "share_percent",
				  pr->id);
			return;
		}
		percent += pr->share_percent;
		fixed += pr->fixed_sessions[role];
	}
	if (r->share == NET_SHARE_PERCENT && fabs(percent - 100) > 0.01)
		cfg_error(c, line,
			  "share = percent but the practices' share_percent "
			  "add up to %g, not 100",
			  percent);
	if (r->share == NET_SHARE_FIXED && fixed == 0)
		cfg_error(c, line,
			  "share = fixed but no practice has fixed_sessions "
			  "for role %s",
			  r->id);
}

/*
 * Applied after practices load, when their sizes and agreements are
 * known: the network's basis, then each role's own.
 */
static void
load_share(struct cfg *c)
{
	struct net *n = c->net;
	const struct cfg_section *s = NULL;
	const char *v;
	int i, r, line = 0, all_weighted = n->npractices > 0;

	for (i = 0; i < n->npractices; i++)
		if (n->practices[i].weighted_list_size < 0)
			all_weighted = 0;
	n->share = all_weighted ? NET_SHARE_WEIGHTED : NET_SHARE_LIST;
	for (i = 0; i < c->nsecs; i++)
		if (c->secs[i].type == SEC_NETWORK)
			s = &c->secs[i];
	if (s != NULL && (v = get(c, s, "share", &line)) != NULL &&
	    parse_share(c, v, line, &n->share) != 0)
		return;
	for (r = 0; r < n->nroles; r++) {
		int role_line = line;

		n->roles[r].share = n->share;
		for (i = 0; i < c->nsecs; i++) {
			const struct cfg_section *rs = &c->secs[i];
			int own;

			if (rs->type != SEC_ROLE ||
			    strcmp(rs->id, n->roles[r].id) != 0 ||
			    (v = get(c, rs, "share", &own)) == NULL)
				continue;
			role_line =
			    parse_share(c, v, own, &n->roles[r].share) == 0
				? own
				: -1;
		}
		/* An inferred basis needs nothing; a role's own is checked. */
		if (role_line > 0)
			check_share(c, r, role_line);
	}
}

static int
session_cmp(const void *a, const void *b)
{
	const struct net_session *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static void
load_sessions(struct cfg *c)
{
	struct net *n = c->net;
	struct net_session *ss;
	char *list, *cur, *item;
	const char *v;
	int i, j, d, line, ok;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];

		if (s->type != SEC_SESSION)
			continue;
		if (n->nsessions == NET_MAX_SESSIONS) {
			cfg_error(c, s->line, "more than %d sessions",
				  NET_MAX_SESSIONS);
			return;
		}
		n->sessions = xreallocarray(
		    n->sessions, (size_t)n->nsessions + 1, sizeof *n->sessions);
		ss = &n->sessions[n->nsessions++];
		memset(ss, 0, sizeof *ss);
		ss->id = xstrdup(s->id);
		ss->line = s->line;
		v = get(c, s, "name", &line);
		ss->name = xstrdup(v != NULL && *v != '\0' ? v : s->id);
		ok = 1;
		if ((v = need(c, s, "start", &line)) == NULL)
			ok = 0;
		else if (date_parse_hhmm(v, &ss->start) != 0) {
			cfg_error(c, line, "bad time \"%s\": use HH:MM", v);
			ok = 0;
		}
		if ((v = need(c, s, "end", &line)) == NULL)
			ok = 0;
		else if (date_parse_hhmm(v, &ss->end) != 0) {
			cfg_error(c, line, "bad time \"%s\": use HH:MM", v);
			ok = 0;
		} else if (ok && ss->end <= ss->start) {
			char a[8], b[8];

			date_format_hhmm(ss->end, a);
			date_format_hhmm(ss->start, b);
			cfg_error(c, line,
				  "session ends (%s) before it starts "
				  "(%s)",
				  a, b);
			ok = 0;
		}
		if (!ok)
			ss->start = ss->end = -1;
		if ((v = get(c, s, "enhanced_access", &line)) != NULL)
			ss->enhanced_access =
			    parse_yes_no(c, "enhanced_access", v, line) == 1;
		if ((v = get(c, s, "days", &line)) == NULL) {
			for (d = DATE_MON; d <= DATE_FRI; d++)
				ss->days[d] = true;
			continue;
		}
		list = cur = xstrdup(v);
		while ((item = next_item(&cur)) != NULL) {
			parse_days(c, item, line, ss->days);
			free(item);
		}
		free(list);
	}
	if (n->nsessions == 0 && c->nsecs > 0)
		cfg_error(c, 0, "no [session ...] section");
	if (n->nsessions > 1) /* qsort wants an array, even of none */
		qsort(n->sessions, (size_t)n->nsessions, sizeof *n->sessions,
		      session_cmp);
	for (i = 0; i < n->nsessions; i++)
		for (j = i + 1; j < n->nsessions; j++) {
			struct net_session *a = &n->sessions[i],
					   *b = &n->sessions[j];

			if (a->start < 0 || b->start < 0 || b->start >= a->end)
				continue;
			for (d = 0; d < NET_DAYS; d++)
				if (a->days[d] && b->days[d])
					break;
			if (d < NET_DAYS)
				cfg_error(c, b->line,
					  "session %s overlaps session %s on "
					  "%s",
					  b->id, a->id, date_day_name(d));
		}
}

static void
load_roles(struct cfg *c)
{
	struct net *n = c->net;
	const char *v;
	int i, line;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];
		struct net_role *r;

		if (s->type != SEC_ROLE)
			continue;
		if (n->nroles == NET_MAX_ROLES) {
			cfg_error(c, s->line, "more than %d roles",
				  NET_MAX_ROLES);
			return;
		}
		n->roles = xreallocarray(n->roles, (size_t)n->nroles + 1,
					 sizeof *n->roles);
		r = &n->roles[n->nroles++];
		r->id = xstrdup(s->id);
		v = get(c, s, "name", &line);
		r->name = xstrdup(v != NULL && *v != '\0' ? v : s->id);
		r->line = s->line;
		r->supervised = false;
		if ((v = get(c, s, "supervised", &line)) != NULL)
			r->supervised =
			    parse_yes_no(c, "supervised", v, line) == 1;
	}
	if (n->nroles == 0 && c->nsecs > 0)
		cfg_error(c, 0, "no [role ...] section");
}

static bool
valid_ods(const char *v)
{
	int i;

	if (strlen(v) != 6 || !isupper((unsigned char)v[0]))
		return false;
	for (i = 1; i < 6; i++)
		if (!isdigit((unsigned char)v[i]))
			return false;
	return true;
}

/* rooms, rooms_at and closed of a practice's or a further site's section. */
static void
site_rooms(struct cfg *c, const struct cfg_section *s, struct net_site *p)
{
	struct net *n = c->net;
	struct cfg_slot slot;
	char *list, *cur, *item, *colon;
	const char *v;
	long rooms = 1;
	int d, k, line;

	if ((v = get(c, s, "rooms", &line)) != NULL)
		if (parse_whole(c, "rooms", v, line, 0, 50, &rooms) != 0)
			rooms = 1;
	for (d = 0; d < NET_DAYS; d++)
		for (k = 0; k < n->nsessions; k++)
			p->rooms[d][k] =
			    n->sessions[k].days[d] ? (int)rooms : 0;
	if ((v = get(c, s, "rooms_at", &line)) != NULL) {
		list = cur = xstrdup(v);
		while ((item = next_item(&cur)) != NULL) {
			if ((colon = strchr(item, ':')) == NULL) {
				cfg_error(c, line,
					  "bad rooms_at \"%s\": use SLOT:N "
					  "such as mon.am:2",
					  item);
				free(item);
				continue;
			}
			*colon = '\0';
			if (parse_slot(c, item, line, false, &slot) == 0 &&
			    parse_whole(c, "rooms", colon + 1, line, 0, 50,
					&rooms) == 0)
				for (d = 0; d < NET_DAYS; d++)
					for (k = 0; k < n->nsessions; k++)
						if (slot_has(n, &slot, d, k))
							p->rooms[d][k] =
							    (int)rooms;
			free(item);
		}
		free(list);
	}
	if ((v = get(c, s, "closed", &line)) != NULL) {
		list = cur = xstrdup(v);
		while ((item = next_item(&cur)) != NULL) {
			if (parse_slot(c, item, line, false, &slot) == 0)
				for (d = 0; d < NET_DAYS; d++)
					for (k = 0; k < n->nsessions; k++)
						if (slot_has(n, &slot, d, k))
							p->rooms[d][k] = 0;
			free(item);
		}
		free(list);
	}
}

static void
add_request(struct net *n, int practice, int role, int d, int session,
	    const struct cfg_slot *slot, int line)
{
	struct net_request *r;

	n->requests = xreallocarray(n->requests, (size_t)n->nrequests + 1,
				    sizeof *n->requests);
	r = &n->requests[n->nrequests++];
	r->practice = practice;
	r->role = role;
	r->day = d;
	r->session = session;
	r->one_off = slot->is_date;
	r->date = slot->is_date ? slot->date : 0;
	r->line = line;
}

static void
practice_requests(struct cfg *c, const struct cfg_section *s, int practice)
{
	struct net *n = c->net;
	struct cfg_slot slot;
	char *list, *cur, *item, *at;
	const char *v;
	int d, k, line, role;

	if ((v = get(c, s, "requests", &line)) == NULL)
		return;
	list = cur = xstrdup(v);
	while ((item = next_item(&cur)) != NULL) {
		if ((at = strchr(item, '@')) == NULL) {
			cfg_error(c, line,
				  "bad request \"%s\": use ROLE@SLOT such as "
				  "pharmacist@mon.am",
				  item);
			free(item);
			continue;
		}
		*at = '\0';
		lower(item);
		if ((role = net_find_role(n, item)) < 0)
			cfg_error(c, line, "unknown role \"%s\"", item);
		else if (parse_slot(c, at + 1, line, true, &slot) == 0) {
			for (d = 0; d < NET_DAYS; d++)
				for (k = 0; k < n->nsessions; k++) {
					if (!slot_has(n, &slot, d, k))
						continue;
					if (n->nrequests == NET_MAX_REQUESTS) {
						cfg_error(c, line,
							  "more than %d "
							  "requests",
							  NET_MAX_REQUESTS);
						free(item);
						free(list);
						return;
					}
					add_request(n, practice, role, d, k,
						    &slot, line);
				}
		}
		free(item);
	}
	free(list);
}

/* The slots that have a supervisor on site. */
static void
site_supervision(struct cfg *c, const struct cfg_section *s, struct net_site *p)
{
	struct net *n = c->net;
	struct cfg_slot slot;
	char *list, *cur, *item;
	const char *v;
	int d, k, line;

	if ((v = get(c, s, "supervision", &line)) == NULL)
		return;
	list = cur = xstrdup(v);
	while ((item = next_item(&cur)) != NULL) {
		if (parse_slot(c, item, line, false, &slot) == 0)
			for (d = 0; d < NET_DAYS; d++)
				for (k = 0; k < n->nsessions; k++)
					if (slot_has(n, &slot, d, k))
						p->supervisor[d][k] = true;
		free(item);
	}
	free(list);
}

/* Sessions of a role the practice needs a week: ROLE:N. */
/*
 * A list of ROLE:N, such as "pharmacist:4 physio:2", into counts by role;
 * key names it in messages, example shows the form.
 */
static void
role_counts(struct cfg *c, const char *key, const char *v, int line,
	    const char *example, long max, int counts[NET_MAX_ROLES])
{
	char *list, *cur, *item, *colon;
	long num;
	int role;

	list = cur = xstrdup(v);
	while ((item = next_item(&cur)) != NULL) {
		if ((colon = strchr(item, ':')) == NULL) {
			cfg_error(c, line,
				  "bad %s \"%s\": use ROLE:N such as %s", key,
				  item, example);
			free(item);
			continue;
		}
		*colon = '\0';
		lower(item);
		if ((role = net_find_role(c->net, item)) < 0)
			cfg_error(c, line, "unknown role \"%s\"", item);
		else if (parse_whole(c, key, colon + 1, line, 0, max, &num) ==
			 0) {
			if (counts[role] > 0)
				cfg_error(c, line, "%s for %s given twice", key,
					  item);
			counts[role] = (int)num;
		}
		free(item);
	}
	free(list);
}

static void
practice_minimum(struct cfg *c, const struct cfg_section *s,
		 struct net_practice *p)
{
	const char *v;
	int line;

	if ((v = get(c, s, "minimum", &line)) == NULL)
		return;
	p->minimum_line = line;
	role_counts(c, "minimum", v, line, "pharmacist:4", 100, p->minimum);
}

/* The practice's part in share = percent and share = fixed agreements. */
static void
practice_agreement(struct cfg *c, const struct cfg_section *s,
		   struct net_practice *p)
{
	char *end;
	const char *v;
	int line;

	p->share_percent = -1;
	if ((v = get(c, s, "share_percent", &line)) != NULL) {
		double d;

		errno = 0;
		d = strtod(v, &end);
		if (*v == '\0' || *end != '\0' || errno != 0 || !isfinite(d) ||
		    d < 0 || d > 100)
			cfg_error(c, line,
				  "share_percent must be a number from 0 to "
				  "100, not \"%s\"",
				  v);
		else
			p->share_percent = d;
	}
	if ((v = get(c, s, "fixed_sessions", &line)) != NULL)
		role_counts(c, "fixed_sessions", v, line, "pharmacist:10", 1000,
			    p->fixed_sessions);
}

/* A new site, or NULL past the limit (reported). */
static struct net_site *
add_site(struct cfg *c, const struct cfg_section *s, const char *id,
	 int practice)
{
	struct net *n = c->net;
	struct net_site *site;

	if (n->nsites == NET_MAX_SITES) {
		cfg_error(c, s->line,
			  "more than %d sites and care homes in all",
			  NET_MAX_SITES);
		return NULL;
	}
	n->sites =
	    xreallocarray(n->sites, (size_t)n->nsites + 1, sizeof *n->sites);
	site = &n->sites[n->nsites++];
	memset(site, 0, sizeof *site);
	site->id = xstrdup(id);
	site->practice = practice;
	site->line = s->line;
	return site;
}

static void
load_practices(struct cfg *c)
{
	struct net *n = c->net;
	struct net_practice *p;
	struct net_site *site;
	const char *v;
	char *end;
	long num;
	int i, line;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];

		if (s->type != SEC_PRACTICE)
			continue;
		if (n->npractices == NET_MAX_PRACTICES) {
			cfg_error(c, s->line, "more than %d practices",
				  NET_MAX_PRACTICES);
			return;
		}
		n->practices =
		    xreallocarray(n->practices, (size_t)n->npractices + 1,
				  sizeof *n->practices);
		p = &n->practices[n->npractices++];
		memset(p, 0, sizeof *p);
		p->id = xstrdup(s->id);
		p->line = s->line;
		p->weighted_list_size = -1;
		if ((v = need(c, s, "name", &line)) != NULL)
			p->name = xstrdup(v);
		else
			p->name = xstrdup(s->id);
		if ((v = get(c, s, "ods", &line)) != NULL) {
			if (!valid_ods(v))
				cfg_error(c, line,
					  "bad ODS code \"%s\": one capital "
					  "letter and five digits, such as "
					  "B82001",
					  v);
			else
				p->ods = xstrdup(v);
		}
		if ((v = get(c, s, "address", &line)) != NULL && *v != '\0')
			p->address = xstrdup(v);
		if ((v = need(c, s, "list_size", &line)) != NULL &&
		    parse_whole(c, "list_size", v, line, 0, NET_MAX_LIST_SIZE,
				&num) == 0)
			p->list_size = num;
		if ((v = get(c, s, "weighted_list_size", &line)) != NULL) {
			double w;

			errno = 0;
			w = strtod(v, &end);
			if (*v == '\0' || *end != '\0' || errno != 0 ||
			    !isfinite(w) || w < 0 || w > 1e7)
				cfg_error(c, line,
					  "weighted_list_size must be a number "
					  ">= 0, not \"%s\"",
					  v);
			else
				p->weighted_list_size = w;
		}
		practice_requests(c, s, n->npractices - 1);
		practice_minimum(c, s, p);
		if ((v = get(c, s, "ea_hub", &line)) != NULL)
			p->ea_hub = parse_yes_no(c, "ea_hub", v, line) == 1;
		practice_agreement(c, s, p);
		site = add_site(c, s, p->id, n->npractices - 1);
		site->name = xstrdup(p->name);
		if (p->address != NULL)
			site->address = xstrdup(p->address);
		site_rooms(c, s, site);
		site_supervision(c, s, site);
	}
	if (n->npractices == 0 && c->nsecs > 0)
		cfg_error(c, 0, "no [practice ...] section");
}

/* Rooms at all of practice p's sites in a weekly slot. */
static int
weekly_rooms(const struct net *n, int p, int d, int k)
{
	int i, rooms = 0;

	for (i = 0; i < n->nsites; i++)
		if (n->sites[i].practice == p)
			rooms += n->sites[i].rooms[d][k];
	return rooms;
}

/* A site's or care home's identifier must not name another place. */
static bool
site_id_free(struct cfg *c, const struct cfg_section *s)
{
	int k = net_find_site(c->net, s->id);

	if (k < 0)
		return true;
	cfg_error(c, s->line, "[%s %s]: %s %s (line %d) has that identifier",
		  sec_names[s->type], s->id,
		  c->net->sites[k].practice < 0
		      ? "care home"
		      : (k < c->net->npractices ? "practice" : "site"),
		  s->id, c->net->sites[k].line);
	return false;
}

/* Further sites of practices, such as branch surgeries. */
static void
load_sites(struct cfg *c)
{
	struct net *n = c->net;
	struct net_site *site;
	const char *v;
	char *id;
	int i, p, line;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];

		if (s->type != SEC_SITE || !site_id_free(c, s))
			continue;
		if ((v = need(c, s, "practice", &line)) == NULL)
			continue;
		id = xstrdup(v);
		lower(id);
		p = net_find_practice(n, id);
		if (p < 0)
			cfg_error(c, line, "unknown practice \"%s\"", id);
		free(id);
		if (p < 0 || (site = add_site(c, s, s->id, p)) == NULL)
			continue;
		v = get(c, s, "name", &line);
		site->name = xstrdup(v != NULL && *v != '\0' ? v : s->id);
		if ((v = get(c, s, "address", &line)) != NULL && *v != '\0')
			site->address = xstrdup(v);
		site_rooms(c, s, site);
		site_supervision(c, s, site);
	}
}

/* The roles that may do a care home's round, and when it may be held. */
static void
care_home_round(struct cfg *c, const struct cfg_section *s,
		struct net_site *home)
{
	struct net *n = c->net;
	struct cfg_slot slot;
	char *list, *cur, *item;
	const char *v;
	long num = 1;
	int d, k, r, line, slots, rounds_line, errors = c->errors;

	if ((v = need(c, s, "roles", &line)) != NULL) {
		list = cur = xstrdup(v);
		while ((item = next_item(&cur)) != NULL) {
			lower(item);
			if ((r = net_find_role(n, item)) < 0)
				cfg_error(c, line, "unknown role \"%s\"", item);
			else
				home->round_role[r] = true;
			free(item);
		}
		free(list);
	}
	if ((v = get(c, s, "rounds", &line)) != NULL &&
	    parse_whole(c, "rounds", v, line, 0, 14, &num) != 0)
		num = 1;
	home->rounds = (int)num;
	rounds_line = line;
	if ((v = get(c, s, "round_at", &line)) == NULL) {
		/* Any weekday session in core hours. */
		for (d = 0; d < 5; d++)
			for (k = 0; k < n->nsessions; k++)
				home->rooms[d][k] =
				    n->sessions[k].days[d] &&
				    !n->sessions[k].enhanced_access;
		v = "";
	}
	list = cur = xstrdup(v);
	while ((item = next_item(&cur)) != NULL) {
		if (parse_slot(c, item, line, false, &slot) == 0)
			for (d = 0; d < NET_DAYS; d++)
				for (k = 0; k < n->nsessions; k++) {
					if (!slot_has(n, &slot, d, k))
						continue;
					if (n->sessions[k].enhanced_access)
						cfg_error(c, line,
							  "round_at \"%s\": %s "
							  "is an Enhanced "
							  "Access session",
							  item,
							  n->sessions[k].id);
					home->rooms[d][k] = 1;
				}
		free(item);
	}
	free(list);
	for (d = slots = 0; d < NET_DAYS; d++)
		for (k = 0; k < n->nsessions; k++)
			slots += home->rooms[d][k];
	/* Said once: not again after a bad rounds or round_at. */
	if (home->rounds > slots && c->errors == errors)
		cfg_error(c, rounds_line,
			  "rounds = %d, but round_at allows %d session%s a "
			  "week (one round a session)",
			  home->rounds, slots, slots == 1 ? "" : "s");
}

/* Care homes aligned to the network, each with a weekly round. */
static void
load_care_homes(struct cfg *c)
{
	struct net_site *home;
	const char *v;
	int i, line;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];

		if (s->type != SEC_CARE_HOME || !site_id_free(c, s) ||
		    (home = add_site(c, s, s->id, -1)) == NULL)
			continue;
		v = need(c, s, "name", &line);
		home->name = xstrdup(v != NULL ? v : s->id);
		if ((v = get(c, s, "address", &line)) != NULL && *v != '\0')
			home->address = xstrdup(v);
		care_home_round(c, s, home);
		site_supervision(c, s, home);
	}
}

/* One travel item, SITE:SITE:MINUTES; returns 0 when it is good. */
static int
parse_travel(struct cfg *c, char *item, int line, struct net_travel *t)
{
	struct net *n = c->net;
	char *b, *min;
	long num;

	lower(item);
	if ((b = strchr(item, ':')) == NULL ||
	    (min = strchr(b + 1, ':')) == NULL) {
		cfg_error(c, line,
			  "bad travel \"%s\": use PLACE:PLACE:MINUTES such as "
			  "castle:castle-branch:15",
			  item);
		return -1;
	}
	*b++ = '\0';
	*min++ = '\0';
	if ((t->a = net_find_site(n, item)) < 0 ||
	    (t->b = net_find_site(n, b)) < 0) {
		cfg_error(c, line, "unknown site or care home \"%s\"",
			  t->a < 0 ? item : b);
		return -1;
	}
	if (t->a == t->b) {
		cfg_error(c, line, "travel from %s to itself", item);
		return -1;
	}
	if (parse_whole(c, "travel minutes", min, line, 0, NET_MAX_TRAVEL,
			&num) != 0)
		return -1;
	if (net_travel_minutes(n, t->a, t->b) >= 0) {
		cfg_error(c, line, "travel between %s and %s given twice", item,
			  b);
		return -1;
	}
	t->minutes = (int)num;
	t->line = line;
	return 0;
}

/* The pairs of sites the network allows on one day, with travel times. */
static void
load_travel(struct cfg *c)
{
	struct net *n = c->net;
	struct net_travel t;
	char *list, *cur, *item;
	const char *v;
	int i, line;

	for (i = 0; i < c->nsecs; i++)
		if (c->secs[i].type == SEC_NETWORK)
			break;
	if (i == c->nsecs || (v = get(c, &c->secs[i], "travel", &line)) == NULL)
		return;
	list = cur = xstrdup(v);
	while ((item = next_item(&cur)) != NULL) {
		if (parse_travel(c, item, line, &t) == 0) {
			n->travel =
			    xreallocarray(n->travel, (size_t)n->ntravel + 1,
					  sizeof *n->travel);
			n->travel[n->ntravel++] = t;
		}
		free(item);
	}
	free(list);
}

static void
staff_works(struct cfg *c, const struct cfg_section *s, struct net_staff *st)
{
	struct net *n = c->net;
	struct cfg_slot slot;
	char *list, *cur, *item;
	const char *v;
	int d, k, line;

	/* Enhanced Access sessions come from enhanced_access (staff_ea). */
	if ((v = get(c, s, "works", &line)) == NULL) {
		for (d = 0; d < NET_DAYS; d++)
			for (k = 0; k < n->nsessions; k++)
				st->works[d][k] =
				    n->sessions[k].days[d] &&
				    !n->sessions[k].enhanced_access;
		return;
	}
	list = cur = xstrdup(v);
	while ((item = next_item(&cur)) != NULL) {
		if (parse_slot(c, item, line, false, &slot) != 0) {
			free(item);
			continue;
		}
		if (slot.session >= 0 &&
		    n->sessions[slot.session].enhanced_access)
			cfg_error(c, line,
				  "works names Enhanced Access session "
				  "\"%s\": use enhanced_access instead",
				  item);
		for (d = 0; d < NET_DAYS; d++)
			for (k = 0; k < n->nsessions; k++)
				if (slot_has(n, &slot, d, k) &&
				    !n->sessions[k].enhanced_access)
					st->works[d][k] = true;
		free(item);
	}
	free(list);
}

static void
staff_practices(struct cfg *c, const struct cfg_section *s,
		struct net_staff *st)
{
	struct net *n = c->net;
	char *list, *cur, *item;
	const char *v;
	int p, line;

	if ((v = get(c, s, "practices", &line)) == NULL) {
		for (p = 0; p < n->npractices; p++)
			st->may_work_at[p] = true;
	} else {
		list = cur = xstrdup(v);
		while ((item = next_item(&cur)) != NULL) {
			lower(item);
			if ((p = net_find_practice(n, item)) < 0)
				cfg_error(c, line, "unknown practice \"%s\"",
					  item);
			else
				st->may_work_at[p] = true;
			free(item);
		}
		free(list);
	}
	st->base = -1;
	if ((v = get(c, s, "base", &line)) != NULL) {
		char *id = xstrdup(v);

		lower(id);
		if ((p = net_find_practice(n, id)) < 0)
			cfg_error(c, line, "unknown practice \"%s\"", id);
		else if (!st->may_work_at[p])
			cfg_error(c, line,
				  "base practice %s is not one of the "
				  "practices %s may work at",
				  id, st->id);
		else
			st->base = p;
		free(id);
	}
}

static void
staff_leave(struct cfg *c, const struct cfg_section *s, struct net_staff *st,
	    const char *key, enum net_absence kind)
{
	struct cfg_slot slot;
	struct net_leave l;
	char *list, *cur, *item, *range;
	const char *v;
	int line;

	if ((v = get(c, s, key, &line)) == NULL)
		return;
	list = cur = xstrdup(v);
	while ((item = next_item(&cur)) != NULL) {
		memset(&l, 0, sizeof l);
		l.session = -1;
		l.kind = kind;
		if ((range = strstr(item, "..")) != NULL) {
			*range = '\0';
			range += 2;
			if (date_parse(item, &l.from) != 0)
				cfg_error(c, line,
					  "bad date \"%s\": use YYYY-MM-DD",
					  item);
			else if (date_parse(range, &l.to) != 0)
				cfg_error(c, line,
					  "bad date \"%s\": use YYYY-MM-DD",
					  range);
			else if (l.to < l.from)
				cfg_error(c, line,
					  "%s ends (%s) before it starts "
					  "(%s)",
					  key, range, item);
			else
				goto add;
			free(item);
			continue;
		}
		if (!isdigit((unsigned char)item[0])) {
			cfg_error(c, line, "bad date \"%s\": use YYYY-MM-DD",
				  item);
			free(item);
			continue;
		}
		if (parse_slot(c, item, line, true, &slot) != 0) {
			free(item);
			continue;
		}
		l.from = l.to = slot.date;
		l.session = slot.session;
	add:
		st->leave = xreallocarray(st->leave, (size_t)st->nleave + 1,
					  sizeof *st->leave);
		st->leave[st->nleave++] = l;
		free(item);
	}
	free(list);
}

/*
 * Supervision needed, and the Enhanced Access sessions the person opted
 * in to: yes for all of them, or the slots that name some.
 */
static void
staff_ea(struct cfg *c, const struct cfg_section *s, struct net_staff *st)
{
	struct net *n = c->net;
	struct cfg_slot slot;
	char *list, *cur, *item;
	const char *v;
	int d, k, line, yes, found;

	yes = 0;
	if ((v = get(c, s, "needs_supervision", &line)) != NULL)
		yes = parse_yes_no(c, "needs_supervision", v, line) == 1;
	st->needs_supervision =
	    yes || (st->role >= 0 && n->roles[st->role].supervised);
	if ((v = get(c, s, "enhanced_access", &line)) == NULL ||
	    strcmp(v, "no") == 0)
		return;
	if (strcmp(v, "yes") == 0) {
		for (d = 0; d < NET_DAYS; d++)
			for (k = 0; k < n->nsessions; k++)
				if (n->sessions[k].enhanced_access &&
				    n->sessions[k].days[d])
					st->works[d][k] = true;
		st->enhanced_access = true;
		return;
	}
	list = cur = xstrdup(v);
	while ((item = next_item(&cur)) != NULL) {
		if (parse_slot(c, item, line, false, &slot) != 0) {
			free(item);
			continue;
		}
		found = 0;
		for (d = 0; d < NET_DAYS; d++)
			for (k = 0; k < n->nsessions; k++)
				if (slot_has(n, &slot, d, k) &&
				    n->sessions[k].enhanced_access) {
					st->works[d][k] = true;
					found++;
				}
		if (found == 0)
			cfg_error(c, line,
				  "enhanced_access names \"%s\", which has no "
				  "Enhanced Access session (yes, no or slots "
				  "of sessions with enhanced_access = yes)",
				  item);
		else
			st->enhanced_access = true;
		free(item);
	}
	free(list);
}

/* A pin or forbid: PRACTICE@SLOT; -1 with an error when not one. */
static int
parse_where(struct cfg *c, const char *key, const char *item, int line,
	    struct net_where *w)
{
	struct cfg_slot slot;
	char *copy = xstrdup(item), *at;
	int rc = -1;

	memset(w, 0, sizeof *w);
	w->line = line;
	if ((at = strchr(copy, '@')) == NULL) {
		cfg_error(c, line,
			  "bad %s \"%s\": use PRACTICE@SLOT such as "
			  "castle@mon.am",
			  key, item);
		goto out;
	}
	*at = '\0';
	lower(copy);
	if ((w->practice = net_find_practice(c->net, copy)) < 0) {
		cfg_error(c, line, "unknown practice \"%s\"", copy);
		goto out;
	}
	if (parse_slot(c, at + 1, line, true, &slot) != 0)
		goto out;
	memcpy(w->days, slot.days, sizeof w->days);
	w->session = slot.session;
	w->one_off = slot.is_date;
	w->date = slot.date;
	rc = 0;
out:
	free(copy);
	return rc;
}

/* Whether two pins or forbids can name the same date. */
static bool
where_same_day(const struct net_where *a, const struct net_where *b)
{
	int d;

	if (a->one_off && b->one_off)
		return a->date == b->date;
	for (d = 0; d < NET_DAYS; d++)
		if (a->days[d] && b->days[d])
			return true;
	return false;
}

/* The sessions of weekday d a pin or forbid of st covers. */
static bool
where_has(const struct net *n, const struct net_staff *st,
	  const struct net_where *w, bool is_pin, int d, int k)
{
	if (!w->days[d] || !n->sessions[k].days[d])
		return false;
	if (w->session >= 0)
		return w->session == k;
	return !is_pin || st->works[d][k];
}

static bool
where_overlap(const struct net *n, const struct net_staff *st,
	      const struct net_where *a, bool a_pin, const struct net_where *b,
	      bool b_pin)
{
	int d, k;

	if (!where_same_day(a, b))
		return false;
	for (d = 0; d < NET_DAYS; d++)
		for (k = 0; k < n->nsessions; k++)
			if (where_has(n, st, a, a_pin, d, k) &&
			    where_has(n, st, b, b_pin, d, k) &&
			    (!a->one_off || !b->one_off ||
			     date_weekday(a->date) == d))
				return true;
	return false;
}

/* What is certain from the file about a pin: it can hold. */
static void
check_pin(struct cfg *c, struct net_staff *st, const struct net_where *w,
	  const char *text)
{
	struct net *n = c->net;
	int d, k, sessions = 0;

	if (!st->may_work_at[w->practice]) {
		cfg_error(c, w->line, "pin \"%s\": %s may not work at %s", text,
			  st->id, n->practices[w->practice].id);
		return;
	}
	for (d = 0; d < NET_DAYS; d++)
		for (k = 0; k < n->nsessions; k++) {
			if (!where_has(n, st, w, true, d, k))
				continue;
			if (!st->works[d][k]) {
				cfg_error(c, w->line,
					  "pin \"%s\": %s does not work on "
					  "%s.%s",
					  text, st->id, date_day_name(d),
					  n->sessions[k].id);
				return;
			}
			if (weekly_rooms(n, w->practice, d, k) == 0) {
				cfg_error(c, w->line,
					  "pin \"%s\": %s has no room on "
					  "%s.%s",
					  text, n->practices[w->practice].id,
					  date_day_name(d), n->sessions[k].id);
				return;
			}
			sessions++;
		}
	if (sessions == 0)
		cfg_error(c, w->line, "pin \"%s\": %s works no session then",
			  text, st->id);
}

static int
load_wheres(struct cfg *c, const struct cfg_section *s, const char *key,
	    struct net_where **out, char ***texts)
{
	char *list, *cur, *item;
	const char *v;
	struct net_where w;
	int line, count = 0;

	if ((v = get(c, s, key, &line)) == NULL)
		return 0;
	list = cur = xstrdup(v);
	while ((item = next_item(&cur)) != NULL) {
		if (parse_where(c, key, item, line, &w) == 0) {
			*out = xreallocarray(*out, (size_t)count + 1,
					     sizeof **out);
			*texts = xreallocarray(*texts, (size_t)count + 1,
					       sizeof **texts);
			(*out)[count] = w;
			(*texts)[count++] = item;
		} else
			free(item);
	}
	free(list);
	return count;
}

/* Pins, forbids, the daily limit and preferences of one person. */
static void
staff_rules(struct cfg *c, const struct cfg_section *s, struct net_staff *st)
{
	struct net *n = c->net;
	char **pins = NULL, **forbids = NULL, *list, *cur, *item;
	const char *v;
	long num;
	int i, j, p, line;

	st->npins = load_wheres(c, s, "pin", &st->pins, &pins);
	st->nforbids = load_wheres(c, s, "forbid", &st->forbids, &forbids);
	for (i = 0; i < st->npins; i++) {
		check_pin(c, st, &st->pins[i], pins[i]);
		for (j = 0; j < i; j++) {
			if (where_overlap(n, st, &st->pins[j], true,
					  &st->pins[i], true))
				cfg_error(c, st->pins[i].line,
					  "pins \"%s\" and \"%s\" name the "
					  "same session",
					  pins[j], pins[i]);
			else if (st->pins[j].practice != st->pins[i].practice &&
				 where_same_day(&st->pins[j], &st->pins[i]))
				cfg_error(c, st->pins[i].line,
					  "pins \"%s\" and \"%s\" put %s at "
					  "two practices on one day",
					  pins[j], pins[i], st->id);
		}
		for (j = 0; j < st->nforbids; j++)
			if (st->forbids[j].practice == st->pins[i].practice &&
			    where_overlap(n, st, &st->pins[i], true,
					  &st->forbids[j], false))
				cfg_error(c, st->forbids[j].line,
					  "forbid \"%s\" contradicts pin "
					  "\"%s\"",
					  forbids[j], pins[i]);
	}
	for (i = 0; i < st->npins; i++)
		free(pins[i]);
	for (i = 0; i < st->nforbids; i++)
		free(forbids[i]);
	free(pins);
	free(forbids);
	if ((v = get(c, s, "max_per_day", &line)) != NULL &&
	    parse_whole(c, "max_per_day", v, line, 1, NET_MAX_SESSIONS, &num) ==
		0)
		st->max_per_day = (int)num;
	if ((v = get(c, s, "prefer_practices", &line)) != NULL) {
		st->has_prefer_practices = true;
		list = cur = xstrdup(v);
		while ((item = next_item(&cur)) != NULL) {
			lower(item);
			if ((p = net_find_practice(n, item)) < 0)
				cfg_error(c, line, "unknown practice \"%s\"",
					  item);
			else if (!st->may_work_at[p])
				cfg_error(c, line,
					  "preferred practice %s is not one "
					  "of the practices %s may work at",
					  item, st->id);
			else
				st->prefer_practice[p] = true;
			free(item);
		}
		free(list);
	}
	if ((v = get(c, s, "prefer_days", &line)) != NULL) {
		st->has_prefer_days = true;
		list = cur = xstrdup(v);
		while ((item = next_item(&cur)) != NULL) {
			parse_days(c, item, line, st->prefer_day);
			free(item);
		}
		free(list);
	}
}

/* [objective] weights and the network's rest rule. */
static void
load_objective(struct cfg *c)
{
	static const char *keys[] = {
	    "request",	    "idle",	  "fair1",	"fair2",
	    "minimum",	    "pin",	  "preference", "enhanced_access",
	    "ea_unstaffed", "continuity", "care_home"};
	struct net *n = c->net;
	int *w[] = {&n->weights.request,      &n->weights.idle,
		    &n->weights.fair1,	      &n->weights.fair2,
		    &n->weights.minimum,      &n->weights.pin,
		    &n->weights.preference,   &n->weights.enhanced_access,
		    &n->weights.ea_unstaffed, &n->weights.continuity,
		    &n->weights.care_home};
	const struct cfg_section *s = NULL, *net = NULL;
	const char *v;
	long num;
	int i, line;

	n->weights.request = NET_W_REQUEST;
	n->weights.idle = NET_W_IDLE;
	n->weights.fair1 = NET_W_FAIR1;
	n->weights.fair2 = NET_W_FAIR2;
	n->weights.minimum = NET_W_MINIMUM;
	n->weights.pin = NET_W_PIN;
	n->weights.preference = NET_W_PREFERENCE;
	n->weights.enhanced_access = NET_W_ENHANCED_ACCESS;
	n->weights.ea_unstaffed = NET_W_EA_UNSTAFFED;
	n->weights.continuity = NET_W_CONTINUITY;
	n->weights.care_home = NET_W_CARE_HOME;
	for (i = 0; i < c->nsecs; i++) {
		if (c->secs[i].type == SEC_OBJECTIVE)
			s = &c->secs[i];
		if (c->secs[i].type == SEC_NETWORK)
			net = &c->secs[i];
	}
	if (net != NULL &&
	    (v = get(c, net, "no_evening_then_morning", &line)) != NULL)
		n->no_evening_then_morning =
		    parse_yes_no(c, "no_evening_then_morning", v, line) == 1;
	for (i = 0; s != NULL && i < (int)(sizeof keys / sizeof *keys); i++)
		if ((v = get(c, s, keys[i], &line)) != NULL &&
		    parse_whole(c, keys[i], v, line, 0, 1000000, &num) == 0)
			*w[i] = (int)num;
}

static void
load_staff(struct cfg *c)
{
	struct net *n = c->net;
	struct net_staff *st;
	const char *v;
	char *id;
	long num;
	int i, line;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];

		if (s->type != SEC_STAFF)
			continue;
		if (n->nstaff == NET_MAX_STAFF) {
			cfg_error(c, s->line, "more than %d staff",
				  NET_MAX_STAFF);
			return;
		}
		n->staff = xreallocarray(n->staff, (size_t)n->nstaff + 1,
					 sizeof *n->staff);
		st = &n->staff[n->nstaff++];
		memset(st, 0, sizeof *st);
		st->id = xstrdup(s->id);
		st->line = s->line;
		st->role = -1;
		v = need(c, s, "name", &line);
		st->name = xstrdup(v != NULL ? v : s->id);
		if ((v = need(c, s, "role", &line)) != NULL) {
			id = xstrdup(v);
			lower(id);
			if ((st->role = net_find_role(n, id)) < 0)
				cfg_error(c, line, "unknown role \"%s\"", id);
			free(id);
		}
		if ((v = need(c, s, "sessions", &line)) != NULL &&
		    parse_whole(c, "sessions", v, line, 0, 14, &num) == 0)
			st->sessions = (int)num;
		staff_works(c, s, st);
		staff_practices(c, s, st);
		staff_rules(c, s, st);
		staff_ea(c, s, st);
		staff_leave(c, s, st, "leave", NET_LEAVE);
		staff_leave(c, s, st, "sickness", NET_SICKNESS);
		staff_leave(c, s, st, "training", NET_TRAINING);
	}
}

/*
 * Calendars: leave from iCalendar files, per person or shared, and bank
 * holidays. They are expanded over a window of two years either side of
 * today, wider than any plan's horizon; files are relative to the network
 * file's folder.
 */
#define CFG_CAL_DAYS 731
/* Bank holidays are few and published years ahead: read them further. */
#define CFG_HOLIDAY_DAYS 3653

static char *
cfg_path(struct cfg *c, const char *v)
{
	const char *slash = strrchr(c->file, '/');
	char *path;

	if (v[0] == '/' || slash == NULL)
		return xstrdup(v);
	xasprintf(&path, "%.*s/%s", (int)(slash - c->file), c->file, v);
	return path;
}

/*
 * An address kept apart from the network file (key = @FILE): the first
 * line of FILE, which only its owner may read. NULL after an error that
 * names the file, never its content.
 */
static char *
cfg_secret(struct cfg *c, const char *v, int line)
{
	struct stat sb;
	char *path, *address = NULL, *first, buf[FETCH_MAX_ADDRESS + 2];
	FILE *f;

	path = cfg_path(c, v);
	if ((f = fopen(path, "r")) == NULL) {
		cfg_error(c, line, "%s: cannot read: %s", path,
			  strerror(errno));
		goto out;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		cfg_error(c, line, "%s: not a regular file", path);
		goto out;
	}
	if ((sb.st_mode & (S_IRGRP | S_IROTH)) != 0) {
		cfg_error(c, line,
			  "%s: others than its owner may read it: it holds a "
			  "secret address (chmod 600)",
			  path);
		goto out;
	}
	if (fgets(buf, sizeof buf, f) == NULL)
		buf[0] = '\0';
	first = trim(buf);
	if (!fetch_is_address(first) || strlen(first) > FETCH_MAX_ADDRESS ||
	    strpbrk(first, " \t\r\n") != NULL)
		cfg_error(c, line,
			  "%s: its first line is not an https:// or "
			  "webcal:// address",
			  path);
	else
		address = xstrdup(first);
	explicit_bzero(buf, sizeof buf);
out:
	if (f != NULL)
		fclose(f);
	free(path);
	return address;
}

/* What a fetched calendar is checked with: it must parse. */
struct cfg_fetch {
	struct cfg *c;
	date_t today;
	int ahead;
	struct leavecal *cal;
};

static int
cfg_fetch_check(const char *body, size_t len, void *arg, char **cause)
{
	struct cfg_fetch *cf = arg;
	char *why;
	int at;

	if (leavecal_parse(body, len, cf->c->net->timezone,
			   cf->today - CFG_CAL_DAYS, cf->today + cf->ahead,
			   cf->cal, &at, &why) == 0)
		return 0;
	if (at > 0) {
		xasprintf(cause, "line %d: %s", at, why);
		free(why);
	} else
		*cause = why;
	return -1;
}

/*
 * A calendar by address: fetched, or its last good copy with a warning;
 * with none, an error. The label (redacted) names it, or NULL.
 */
static char *
cfg_fetch(struct cfg *c, const char *address, int line, date_t today, int ahead,
	  struct leavecal *cal)
{
	struct cfg_fetch cf = {c, today, ahead, cal};
	struct fetch f;
	struct tm tm;
	time_t now = time(NULL), at;
	char *label, *cause, when[32];
	long long age;

	label = fetch_redact(address);
	if (fetch_get(address, c->opts->cache, (long long)now, cfg_fetch_check,
		      &cf, &f, &cause) != 0) {
		cfg_error(c, line, "%s: cannot fetch%s: %s", label,
			  c->opts->cache != NULL ? ", and no copy was kept"
						 : "",
			  cause);
		free(cause);
		free(label);
		return NULL;
	}
	digest_init(&cal->content);
	digest_bytes(&cal->content, f.body, f.len);
	at = (time_t)f.fetched_at;
	gmtime_r(&at, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%MZ", &tm);
	age = (long long)now - f.fetched_at;
	if (age < 0)
		age = 0;
	if (age > c->net->calendar_oldest_age)
		c->net->calendar_oldest_age = age;
	if (f.how == FETCH_KEPT) {
		c->net->calendar_failures++;
		if (c->opts->warnings != NULL)
			diag_add(c->opts->warnings, label, 0,
				 "cannot fetch (%s): using the copy fetched "
				 "%s",
				 f.error, when);
	}
	if (age > FETCH_STALE_DAYS * 86400LL && c->opts->warnings != NULL)
		diag_add(c->opts->warnings, label, 0,
			 "the copy in use is %lld days old (fetched %s; "
			 "warned after %d)",
			 age / 86400, when, FETCH_STALE_DAYS);
	fetch_free(&f);
	return label;
}

static date_t
cfg_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/*
 * Reads a calendar named at line, up to ahead days from today; NULL after
 * an error naming the file.
 */
static char *
cfg_calendar(struct cfg *c, const char *v, int line, int ahead,
	     struct leavecal *cal)
{
	date_t today = cfg_today();
	char *path, *cause, *address;
	int at;

	memset(cal, 0, sizeof *cal);
	if (*v == '\0') {
		cfg_error(c, line, "empty calendar file name");
		return NULL;
	}
	if (*v == '@' || fetch_is_address(v)) {
		if (c->opts->offline)
			return NULL;
		address = *v == '@' ? cfg_secret(c, v + 1, line) : xstrdup(v);
		if (address == NULL)
			return NULL;
		path = cfg_fetch(c, address, line, today, ahead, cal);
		explicit_bzero(address, strlen(address));
		free(address);
		if (path == NULL)
			return NULL;
		/* As for a file: a night with nothing new, the same bytes. */
		digest_string(&c->net->input, path);
		digest_bytes(&c->net->input, &cal->content,
			     sizeof cal->content);
		return path;
	}
	path = cfg_path(c, v);
	if (leavecal_read(path, c->net->timezone, today - CFG_CAL_DAYS,
			  today + ahead, cal, &at, &cause) == 0) {
		/* A night with nothing new is one with the same bytes. */
		digest_string(&c->net->input, path);
		digest_bytes(&c->net->input, &cal->content,
			     sizeof cal->content);
		return path;
	}
	/* A problem in the file is shown there; one with the file here. */
	if (at > 0) {
		diag_add(c->diag, path, at, "%s", cause);
		c->errors++;
	} else
		cfg_error(c, line, "%s: %s", path, cause);
	free(cause);
	free(path);
	return NULL;
}

static void
push_leave(struct net_staff *st, date_t date, int session,
	   enum net_absence kind)
{
	struct net_leave *l;

	st->leave =
	    xreallocarray(st->leave, (size_t)st->nleave + 1, sizeof *st->leave);
	l = &st->leave[st->nleave++];
	memset(l, 0, sizeof *l);
	l->from = l->to = date;
	l->session = session;
	l->kind = kind;
}

/* A timed absence takes only the sessions it overlaps. */
static void
absence_leave(const struct net *n, struct net_staff *st,
	      const struct leavecal *cal, const struct leavecal_absence *a)
{
	enum net_absence kind = cal->events[a->event].kind;
	int d = date_weekday(a->date), k;

	if (a->whole_day || (a->start <= 0 && a->end >= 1440)) {
		push_leave(st, a->date, -1, kind);
		return;
	}
	for (k = 0; k < n->nsessions; k++)
		if (n->sessions[k].days[d] && n->sessions[k].start >= 0 &&
		    a->start < n->sessions[k].end &&
		    n->sessions[k].start < a->end)
			push_leave(st, a->date, k, kind);
}

/* The length of word when text begins with it as a whole word. */
static size_t
begins_with(const char *text, const char *word)
{
	size_t n = strlen(word);

	if (n == 0 || strncasecmp(text, word, n) != 0 ||
	    isalnum((unsigned char)text[n]))
		return 0;
	return n;
}

static bool
who_is(const struct leavecal_who *w, const struct net_staff *st)
{
	const char *at;

	if (w->cn != NULL && (strcasecmp(w->cn, st->name) == 0 ||
			      strcasecmp(w->cn, st->id) == 0))
		return true;
	if (w->email == NULL)
		return false;
	at = strchr(w->email, '@');
	return strcasecmp(w->email, st->id) == 0 ||
	       (at != NULL && (size_t)(at - w->email) == strlen(st->id) &&
		strncasecmp(w->email, st->id, strlen(st->id)) == 0);
}

/*
 * Whom an event in the shared calendar is for: its attendees that are
 * staff (CN is a name or ID, or the mailto address or its local part is an
 * ID); with none, the person whose name or ID begins the SUMMARY (the
 * longest such). Sets hit[] and returns how many; -1 when the SUMMARY
 * fits two people equally.
 */
static int
event_staff(const struct net *n, const struct leavecal_event *e, bool *hit)
{
	size_t best = 0, len;
	int i, j, count = 0;

	memset(hit, 0, sizeof *hit * (size_t)n->nstaff);
	for (j = 0; j < e->nwho; j++)
		for (i = 0; i < n->nstaff; i++)
			if (!hit[i] && who_is(&e->who[j], &n->staff[i])) {
				hit[i] = true;
				count++;
			}
	if (count > 0 || e->summary == NULL)
		return count;
	for (i = 0; i < n->nstaff; i++) {
		len = begins_with(e->summary, n->staff[i].name);
		if (begins_with(e->summary, n->staff[i].id) > len)
			len = begins_with(e->summary, n->staff[i].id);
		if (len == 0 || len < best)
			continue;
		if (len > best) {
			memset(hit, 0, sizeof *hit * (size_t)n->nstaff);
			best = len;
			count = 0;
		}
		hit[i] = true;
		count++;
	}
	return count > 1 ? -1 : count;
}

static void
shared_calendar(struct cfg *c, const char *v, int line)
{
	struct net *n = c->net;
	struct leavecal cal;
	bool *hit, *used;
	char *path;
	int e, i, j, count;

	if ((path = cfg_calendar(c, v, line, CFG_CAL_DAYS, &cal)) == NULL)
		return;
	hit = xcalloc((size_t)n->nstaff + 1, sizeof *hit);
	used = xcalloc((size_t)cal.nevents + 1, sizeof *used);
	for (j = 0; j < cal.nabsences; j++)
		used[cal.absences[j].event] = true;
	for (e = 0; e < cal.nevents; e++) {
		const struct leavecal_event *ev = &cal.events[e];

		/* Events outside the window may name people long gone. */
		if (!used[e])
			continue;
		count = event_staff(n, ev, hit);
		if (count <= 0) {
			diag_add(
			    c->diag, path, ev->line, "event \"%s\" (%s) %s",
			    ev->uid != NULL ? ev->uid : "no UID",
			    ev->summary != NULL ? ev->summary : "no SUMMARY",
			    count < 0 ? "names more than one person "
					"in the network"
				      : "names nobody in the network: "
					"no ATTENDEE or SUMMARY matches "
					"a name or ID");
			c->errors++;
			continue;
		}
		for (i = 0; i < n->nstaff; i++) {
			if (!hit[i])
				continue;
			for (j = 0; j < cal.nabsences; j++)
				if (cal.absences[j].event == e)
					absence_leave(n, &n->staff[i], &cal,
						      &cal.absences[j]);
		}
	}
	free(used);
	free(hit);
	free(path);
	leavecal_free(&cal);
}

static int
date_cmp(const void *a, const void *b)
{
	const date_t *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

/*
 * Every date a bank-holiday event touches closes the practices. The
 * calendar is known to its X-PCNROTA-COMPLETE-UNTIL, else to its last
 * holiday, and never past the window read. source names it (NULL: the
 * file).
 */
static void
bank_holidays(struct cfg *c, const char *v, int line, const char *source)
{
	struct net *n = c->net;
	struct leavecal cal;
	char *path;
	int i, k;

	if ((path = cfg_calendar(c, v, line, CFG_HOLIDAY_DAYS, &cal)) == NULL)
		return;
	n->holidays_source = xstrdup(source != NULL ? source : path);
	n->holidays =
	    xreallocarray(NULL, (size_t)cal.nabsences + 1, sizeof *n->holidays);
	for (i = 0; i < cal.nabsences; i++)
		n->holidays[i] = cal.absences[i].date;
	qsort(n->holidays, (size_t)cal.nabsences, sizeof *n->holidays,
	      date_cmp);
	for (i = k = 0; i < cal.nabsences; i++)
		if (k == 0 || n->holidays[k - 1] != n->holidays[i])
			n->holidays[k++] = n->holidays[i];
	n->nholidays = k;
	n->holidays_until = cal.complete_until;
	if (n->holidays_until == 0 && k > 0)
		n->holidays_until = n->holidays[k - 1];
	if (n->holidays_until > cfg_today() + CFG_HOLIDAY_DAYS)
		n->holidays_until = cfg_today() + CFG_HOLIDAY_DAYS;
	free(path);
	leavecal_free(&cal);
}

/* The regions whose bank holidays pcnrota ships, under its data folder. */
static const struct {
	const char *id, *name, *file;
} cfg_regions[] = {
    {"england-and-wales", "England and Wales",
     "bank-holidays/england-and-wales.ics"},
    {"scotland", "Scotland", "bank-holidays/scotland.ics"},
    {"northern-ireland", "Northern Ireland",
     "bank-holidays/northern-ireland.ics"},
};

/*
 * The network's own bank-holiday calendar, none, or else its region's
 * shipped one: practices are never open on a bank holiday by omission.
 */
static void
holiday_calendar(struct cfg *c, const struct cfg_section *s)
{
	const char *v, *region = cfg_regions[0].id;
	char *path, *cause;
	size_t i;
	int line = 0, at;

	if ((v = get(c, s, "region", &line)) != NULL)
		region = v;
	for (i = 0; i < sizeof cfg_regions / sizeof cfg_regions[0]; i++)
		if (strcasecmp(region, cfg_regions[i].id) == 0)
			break;
	if (i == sizeof cfg_regions / sizeof cfg_regions[0]) {
		cfg_error(c, line,
			  "unknown region \"%s\": england-and-wales, "
			  "scotland or northern-ireland",
			  region);
		return;
	}
	if ((v = get(c, s, "bank_holidays", &at)) != NULL) {
		if (strcasecmp(v, "none") != 0)
			bank_holidays(c, v, at, NULL);
		return;
	}
	if ((path = data_find(cfg_regions[i].file, &cause)) == NULL) {
		cfg_error(c, line,
			  "no bank holidays for %s: %s; or say bank_holidays "
			  "= none",
			  cfg_regions[i].name, cause);
		free(cause);
		return;
	}
	bank_holidays(c, path, line, cfg_regions[i].name);
	free(path);
}

static void
holiday_sessions(struct cfg *c, const char *v, int line)
{
	struct net *n = c->net;
	char *list, *cur, *item;
	int k;

	list = cur = xstrdup(v);
	while ((item = next_item(&cur)) != NULL) {
		lower(item);
		if ((k = net_find_session(n, item)) < 0)
			cfg_error(c, line, "unknown session \"%s\"", item);
		else
			n->holiday_open[k] = true;
		free(item);
	}
	free(list);
}

/* The absences file pcnrota absence keeps: none yet is none recorded. */
static void
absences(struct cfg *c, const char *v, int line)
{
	struct stat sb;
	char *path;

	if (*v == '@' || fetch_is_address(v)) {
		cfg_error(c, line, "absences must name a file");
		return;
	}
	path = cfg_path(c, v);
	if (*v == '\0' || stat(path, &sb) == 0 || errno != ENOENT)
		shared_calendar(c, v, line);
	free(c->net->absences);
	c->net->absences = path;
}

static void
load_calendars(struct cfg *c)
{
	struct net *n = c->net;
	struct leavecal cal;
	const char *v;
	char *path;
	int i, j, st, line;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];

		if (s->type == SEC_NETWORK) {
			if ((v = get(c, s, "leave_calendar", &line)) != NULL)
				shared_calendar(c, v, line);
			holiday_calendar(c, s);
			if ((v = get(c, s, "absences", &line)) != NULL)
				absences(c, v, line);
			if ((v = get(c, s, "open_on_bank_holidays", &line)) !=
			    NULL)
				holiday_sessions(c, v, line);
			continue;
		}
		if (s->type != SEC_STAFF ||
		    (v = get(c, s, "leave_calendar", &line)) == NULL ||
		    (st = net_find_staff(n, s->id)) < 0)
			continue;
		if ((path = cfg_calendar(c, v, line, CFG_CAL_DAYS, &cal)) ==
		    NULL)
			continue;
		for (j = 0; j < cal.nabsences; j++)
			absence_leave(n, &n->staff[st], &cal, &cal.absences[j]);
		free(path);
		leavecal_free(&cal);
	}
}

/*
 * Enhanced Access: its sessions lie in the network standard hours and are
 * held at hubs only (elsewhere they have no room); the weekly minutes owed
 * follow the list sizes unless given in hours.
 */
static void
ea_hours(struct cfg *c, int k, int line)
{
	const struct net_session *ss = &c->net->sessions[k];
	char a[8], b[8];
	int d, from, to;

	if (ss->start < 0)
		return;
	for (d = 0; d < NET_DAYS; d++) {
		if (!ss->days[d])
			continue;
		from = d == DATE_SAT ? 9 * 60 : 18 * 60 + 30;
		to = d == DATE_SAT ? 17 * 60 : 20 * 60;
		if (d != DATE_SUN && ss->start >= from && ss->end <= to)
			continue;
		date_format_hhmm(ss->start, a);
		date_format_hhmm(ss->end, b);
		cfg_error(c, line,
			  "Enhanced Access session %s runs %s-%s on %s, "
			  "outside 18:30-20:00 Monday to Friday and "
			  "09:00-17:00 Saturday",
			  ss->id, a, b, date_day_name(d));
		return;
	}
}

static void
load_ea(struct cfg *c)
{
	struct net *n = c->net;
	const struct cfg_section *ns = NULL;
	const char *per = NULL, *hours = NULL, *v;
	int i, d, k, line, line_per = 0, line_hours = 0, first = -1, hubs = 0;
	int line_first = 0;
	long total = 0, num = 60;
	double h;
	char *end;

	for (i = 0; i < c->nsecs; i++) {
		const struct cfg_section *s = &c->secs[i];

		if (s->type == SEC_NETWORK)
			ns = s;
		if (s->type != SEC_SESSION ||
		    (k = net_find_session(n, s->id)) < 0 ||
		    !n->sessions[k].enhanced_access)
			continue;
		(void)get(c, s, "enhanced_access", &line);
		if (first < 0) {
			first = k;
			line_first = line;
		}
		ea_hours(c, k, line);
	}
	if (ns != NULL) {
		per = get(c, ns, "ea_minutes_per_1000", &line_per);
		hours = get(c, ns, "ea_hours_per_week", &line_hours);
	}
	if (first < 0) {
		if (per != NULL)
			cfg_error(c, line_per,
				  "ea_minutes_per_1000 is set but no session "
				  "has enhanced_access = yes");
		if (hours != NULL)
			cfg_error(c, line_hours,
				  "ea_hours_per_week is set but no session "
				  "has enhanced_access = yes");
		return;
	}
	for (i = 0; i < n->npractices; i++) {
		total += n->practices[i].list_size;
		hubs += n->practices[i].ea_hub;
	}
	/* Enhanced Access is held at the hubs' sites only. */
	for (i = 0; i < n->nsites; i++) {
		if (n->sites[i].practice >= 0 &&
		    n->practices[n->sites[i].practice].ea_hub)
			continue;
		for (d = 0; d < NET_DAYS; d++)
			for (k = 0; k < n->nsessions; k++)
				if (n->sessions[k].enhanced_access)
					n->sites[i].rooms[d][k] = 0;
	}
	if (hubs == 0 && n->npractices > 0)
		cfg_error(c, line_first,
			  "session %s is Enhanced Access but no practice has "
			  "ea_hub = yes",
			  n->sessions[first].id);
	if (per != NULL && hours != NULL) {
		cfg_error(c, line_hours,
			  "give ea_hours_per_week or ea_minutes_per_1000, not "
			  "both");
		return;
	}
	if ((v = hours) != NULL) {
		errno = 0;
		h = strtod(v, &end);
		if (*v == '\0' || *end != '\0' || errno != 0 || !isfinite(h) ||
		    h < 0 || h > 168 || !isdigit((unsigned char)*v))
			cfg_error(c, line_hours,
				  "ea_hours_per_week must be a number of "
				  "hours from 0 to 168, not \"%s\"",
				  v);
		else
			n->ea_minutes = (int)lround(h * 60);
		return;
	}
	if (per != NULL && parse_whole(c, "ea_minutes_per_1000", per, line_per,
				       0, 600, &num) != 0)
		return;
	/* Whole minutes, to the nearest. */
	n->ea_minutes = (int)((num * total + 500) / 1000);
}

/* Every value is text that feeds, CSV and HTML can carry. */
static void
check_text(struct cfg *c)
{
	const char *v;
	int i, j, line;

	for (i = 0; i < c->nsecs; i++)
		for (j = 0; j < c->secs[i].nkeys; j++) {
			v = get(c, &c->secs[i], c->secs[i].keys[j].key, &line);
			if (v != NULL && !utf8_text(v))
				cfg_error(c, line, "%s is not valid UTF-8 text",
					  c->secs[i].keys[j].key);
		}
}

static int
silent(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

static void
cfg_free_sections(struct cfg *c)
{
	int i, j;

	for (i = 0; i < c->nsecs; i++) {
		for (j = 0; j < c->secs[i].nkeys; j++)
			free(c->secs[i].keys[j].key);
		free(c->secs[i].keys);
		free(c->secs[i].id);
		free(c->secs[i].dictname);
	}
	free(c->secs);
}

int
cfg_load(const char *path, struct net *net, struct diag *diag)
{
	return cfg_load_opts(path, net, diag, NULL);
}

int
cfg_load_opts(const char *path, struct net *net, struct diag *diag,
	      const struct cfg_opts *opts)
{
	static const struct cfg_opts none = {NULL, false, NULL};
	struct cfg c;
	char *buf;

	memset(net, 0, sizeof *net);
	memset(&c, 0, sizeof c);
	c.file = path;
	c.diag = diag;
	c.net = net;
	c.opts = opts != NULL ? opts : &none;
	net->file = xstrdup(path);
	digest_init(&net->input);
	if ((buf = read_file(&c)) == NULL)
		goto fail;
	if (*buf == '\0')
		cfg_error(&c, 0, "empty file");
	scan(&c, buf);
	free(buf);
	if (c.errors > 0)
		goto fail;
	iniparser_set_error_callback(silent);
	if ((c.dict = iniparser_load(path)) == NULL) {
		cfg_error(&c, 0, "cannot be read as an INI file");
		goto fail;
	}
	check_text(&c);
	load_network(&c);
	load_objective(&c);
	load_sessions(&c);
	load_roles(&c);
	/* Slots and roles must be known before practices and staff. */
	load_practices(&c);
	load_sites(&c);
	load_care_homes(&c);
	load_travel(&c);
	load_share(&c);
	load_staff(&c);
	load_calendars(&c);
	load_ea(&c);
	iniparser_freedict(c.dict);
	if (c.errors > 0)
		goto fail;
	cfg_free_sections(&c);
	return 0;
fail:
	cfg_free_sections(&c);
	net_free(net);
	return -1;
}
