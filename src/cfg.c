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

#include "cfg.h"
#include "utf8.h"
#include "xmalloc.h"

enum sec_type { SEC_NETWORK, SEC_SESSION, SEC_PRACTICE, SEC_ROLE, SEC_STAFF };

static const char *sec_names[] = {"network", "session", "practice", "role",
				  "staff"};

static const char *network_keys[] = {
    "name", "timezone", "share", "keep_cancelled_days", "feed_refresh_minutes",
    NULL};
static const char *session_keys[] = {"name", "start", "end", "days", NULL};
static const char *practice_keys[] = {
    "name",  "ods",	 "address", "list_size", "weighted_list_size",
    "rooms", "rooms_at", "closed",  "requests",	 NULL};
static const char *role_keys[] = {"name", NULL};
static const char *staff_keys[] = {"name",	"role", "sessions", "works",
				   "practices", "base", "leave",    NULL};
static const char **sec_keys[] = {network_keys, session_keys, practice_keys,
				  role_keys, staff_keys};

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
	if (type == SEC_NETWORK && id != NULL) {
		cfg_error(c, line, "[network] takes no identifier");
		free(dictname);
		return;
	}
	if (type != SEC_NETWORK && (id == NULL || !valid_id(id))) {
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
	if (s == NULL) {
		cfg_error(c, 0, "no [network] section");
		return;
	}
	if ((v = need(c, s, "name", &line)) != NULL)
		n->name = xstrdup(v);
	if ((v = get(c, s, "keep_cancelled_days", &line)) != NULL &&
	    parse_whole(c, "keep_cancelled_days", v, line, 0, 366, &num) == 0)
		n->keep_cancelled_days = (int)num;
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

/* Applied after practices load, when weighted sizes are known. */
static void
load_share(struct cfg *c)
{
	struct net *n = c->net;
	const struct cfg_section *s = NULL;
	const char *v;
	int i, line, all_weighted = n->npractices > 0;

	for (i = 0; i < n->npractices; i++)
		if (n->practices[i].weighted_list_size < 0)
			all_weighted = 0;
	n->share = all_weighted ? NET_SHARE_WEIGHTED : NET_SHARE_LIST;
	for (i = 0; i < c->nsecs; i++)
		if (c->secs[i].type == SEC_NETWORK)
			s = &c->secs[i];
	if (s == NULL || (v = get(c, s, "share", &line)) == NULL)
		return;
	if (strcmp(v, "list") == 0)
		n->share = NET_SHARE_LIST;
	else if (strcmp(v, "weighted") == 0) {
		n->share = NET_SHARE_WEIGHTED;
		for (i = 0; i < n->npractices; i++)
			if (n->practices[i].weighted_list_size < 0) {
				cfg_error(c, line,
					  "share = weighted but practice %s "
					  "has no weighted_list_size",
					  n->practices[i].id);
				break;
			}
	} else
		cfg_error(c, line, "share must be list or weighted, not \"%s\"",
			  v);
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

static void
practice_rooms(struct cfg *c, const struct cfg_section *s,
	       struct net_practice *p)
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

static void
load_practices(struct cfg *c)
{
	struct net *n = c->net;
	struct net_practice *p;
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
		    parse_whole(c, "list_size", v, line, 0, LONG_MAX, &num) ==
			0)
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
		practice_rooms(c, s, p);
		practice_requests(c, s, n->npractices - 1);
	}
	if (n->npractices == 0 && c->nsecs > 0)
		cfg_error(c, 0, "no [practice ...] section");
}

static void
staff_works(struct cfg *c, const struct cfg_section *s, struct net_staff *st)
{
	struct net *n = c->net;
	struct cfg_slot slot;
	char *list, *cur, *item;
	const char *v;
	int d, k, line;

	if ((v = get(c, s, "works", &line)) == NULL) {
		for (d = 0; d < NET_DAYS; d++)
			for (k = 0; k < n->nsessions; k++)
				st->works[d][k] = n->sessions[k].days[d];
		return;
	}
	list = cur = xstrdup(v);
	while ((item = next_item(&cur)) != NULL) {
		if (parse_slot(c, item, line, false, &slot) == 0)
			for (d = 0; d < NET_DAYS; d++)
				for (k = 0; k < n->nsessions; k++)
					if (slot_has(n, &slot, d, k))
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
staff_leave(struct cfg *c, const struct cfg_section *s, struct net_staff *st)
{
	struct cfg_slot slot;
	struct net_leave l;
	char *list, *cur, *item, *range;
	const char *v;
	int line;

	if ((v = get(c, s, "leave", &line)) == NULL)
		return;
	list = cur = xstrdup(v);
	while ((item = next_item(&cur)) != NULL) {
		l.session = -1;
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
					  "leave ends (%s) before it starts "
					  "(%s)",
					  range, item);
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
		staff_leave(c, s, st);
	}
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
	struct cfg c;
	char *buf;

	memset(net, 0, sizeof *net);
	memset(&c, 0, sizeof c);
	c.file = path;
	c.diag = diag;
	c.net = net;
	net->file = xstrdup(path);
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
	load_sessions(&c);
	load_roles(&c);
	/* Slots and roles must be known before practices and staff. */
	load_practices(&c);
	load_share(&c);
	load_staff(&c);
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
