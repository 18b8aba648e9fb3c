/* The SQLite state store: published events and feed tokens. */
#include <sys/random.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdbool.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "store.h"
#include "xmalloc.h"

#define STORE_SCHEMA_VERSION 4

struct store {
	sqlite3 *db;
	char *path;
};

/* Each entry migrates the schema from version i to i + 1. */
static const char *migrations[] = {
    "CREATE TABLE tokens ("
    " staff TEXT PRIMARY KEY,"
    " token TEXT NOT NULL UNIQUE);"
    "CREATE TABLE events ("
    " uid TEXT PRIMARY KEY,"
    " feed TEXT NOT NULL,"
    " date TEXT NOT NULL,"
    " session TEXT NOT NULL,"
    " staff TEXT NOT NULL,"
    " dtstart TEXT NOT NULL,"
    " dtend TEXT NOT NULL,"
    " summary TEXT NOT NULL,"
    " location TEXT NOT NULL,"
    " description TEXT NOT NULL,"
    " categories TEXT NOT NULL,"
    " sequence INTEGER NOT NULL,"
    " dtstamp INTEGER NOT NULL,"
    " cancelled INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX events_date ON events (date);"
    "CREATE TABLE assignments ("
    " date TEXT NOT NULL,"
    " session TEXT NOT NULL,"
    " staff TEXT NOT NULL,"
    " practice TEXT NOT NULL,"
    " PRIMARY KEY (date, session, staff));",
    /* 2: the audit log and what was published. */
    "CREATE TABLE audit ("
    " id INTEGER PRIMARY KEY,"
    " at INTEGER NOT NULL,"
    " date TEXT NOT NULL,"
    " session TEXT NOT NULL,"
    " staff TEXT NOT NULL,"
    " old_practice TEXT NOT NULL,"
    " new_practice TEXT NOT NULL,"
    " reason TEXT NOT NULL);"
    "CREATE INDEX audit_at ON audit (at);"
    "CREATE TABLE horizons ("
    " from_date TEXT NOT NULL,"
    " to_date TEXT NOT NULL,"
    " published INTEGER NOT NULL,"
    " PRIMARY KEY (from_date, to_date));"
    "CREATE TABLE balances ("
    " week TEXT NOT NULL,"
    " role TEXT NOT NULL,"
    " practice TEXT NOT NULL,"
    " share INTEGER NOT NULL,"
    " delivered INTEGER NOT NULL,"
    " PRIMARY KEY (week, role, practice));"
    /* What an older state published, roughly. */
    "INSERT INTO horizons SELECT min(date), "
    "max(date), 0 FROM assignments HAVING "
    "count(*) > 0;",
    /* 3: sites and care homes. */
    "ALTER TABLE assignments ADD COLUMN site TEXT NOT NULL DEFAULT '';"
    "UPDATE assignments SET site = practice;",
    /* 4: what the state knows of itself; when each placement starts. */
    "CREATE TABLE meta ("
    " key TEXT PRIMARY KEY,"
    " value TEXT NOT NULL);"
    "ALTER TABLE assignments ADD COLUMN dtstart TEXT NOT NULL DEFAULT '';"
    "UPDATE assignments SET dtstart = coalesce((SELECT e.dtstart FROM "
    "events e WHERE e.date = assignments.date AND e.session = "
    "assignments.session AND e.staff = assignments.staff LIMIT 1), '');"
    "CREATE INDEX events_feed ON events (feed);"};

static int
fail(struct store *s, const char *what, char **cause)
{
	xasprintf(cause, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
	return -1;
}

static int
exec(struct store *s, const char *sql, char **cause)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail(s, "cannot update the state", cause);
	return 0;
}

static int
migrate(struct store *s, bool read_only, char **cause)
{
	sqlite3_stmt *st;
	int version = 0, rc;
	char *sql;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return fail(s, "cannot read the schema version", cause);
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version < 0) {
		xasprintf(cause, "%s: not a pcnrota state (schema %d)", s->path,
			  version);
		return -1;
	}
	if (version > STORE_SCHEMA_VERSION) {
		xasprintf(cause,
			  "%s: written by a newer pcnrota (schema %d, this one "
			  "knows %d)",
			  s->path, version, STORE_SCHEMA_VERSION);
		return -1;
	}
	if (read_only && version < STORE_SCHEMA_VERSION) {
		xasprintf(cause,
			  "%s: written by an older pcnrota (schema %d): a plan "
			  "or replan updates it",
			  s->path, version);
		return -1;
	}
	for (; version < STORE_SCHEMA_VERSION; version++) {
		xasprintf(&sql,
			  "BEGIN IMMEDIATE; %s PRAGMA user_version = %d; "
			  "COMMIT;",
			  migrations[version], version + 1);
		rc = exec(s, sql, cause);
		free(sql);
		if (rc != 0) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

/*
 * Every number and token the state holds, within its range: a damaged
 * or hostile state is refused before a SEQUENCE overflows or a token
 * becomes a file name. One query, so opening stays cheap.
 */
static int
validate(struct store *s, char **cause)
{
	static const char *checks =
	    "SELECT 'events', count(*) FROM events WHERE typeof(sequence) != "
	    "'integer' OR sequence NOT BETWEEN 0 AND 1000000000 OR "
	    "typeof(dtstamp) != 'integer' OR dtstamp NOT BETWEEN 0 AND "
	    "4102444800 OR typeof(cancelled) != 'integer' OR cancelled NOT "
	    "BETWEEN 0 AND 4102444800 "
	    "UNION ALL SELECT 'tokens', count(*) FROM tokens WHERE "
	    "length(token) != 32 OR token GLOB '*[^0-9a-f]*' "
	    "UNION ALL SELECT 'balances', count(*) FROM balances WHERE "
	    "typeof(share) != 'integer' OR share NOT BETWEEN 0 AND 100000 OR "
	    "typeof(delivered) != 'integer' OR delivered NOT BETWEEN 0 AND "
	    "100000 "
	    "UNION ALL SELECT 'audit', count(*) FROM audit WHERE typeof(at) "
	    "!= 'integer' OR at NOT BETWEEN 0 AND 4102444800";
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, checks, -1, &st, NULL) != SQLITE_OK)
		return fail(s, "cannot read the state", cause);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (sqlite3_column_int64(st, 1) > 0) {
			xasprintf(cause,
				  "%s: damaged state: %lld rows of %s hold "
				  "values out of range",
				  s->path,
				  (long long)sqlite3_column_int64(st, 1),
				  (const char *)sqlite3_column_text(st, 0));
			sqlite3_finalize(st);
			return -1;
		}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail(s, "cannot read the state", cause);
}

/* No file of the state is a symbolic link; -1 with *cause when one is. */
static int
no_links(const char *path, char **cause)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	struct stat sb;
	char *file;
	size_t i;
	int rc;

	/* Nothing is written through a link planted for the state. */
	for (i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		xasprintf(&file, "%s%s", path, suffixes[i]);
		rc = lstat(file, &sb) == 0 && S_ISLNK(sb.st_mode);
		if (rc)
			xasprintf(cause,
				  "%s: is a symbolic link: refusing to open it "
				  "as the state",
				  file);
		free(file);
		if (rc)
			return -1;
	}
	return 0;
}

/*
 * The state and its -wal and -shm are 0600 whatever the umask was when
 * they were made: SQLite gives the -wal and -shm the database's mode, so
 * one run under umask 277 would leave them read-only for good.
 */
static void
owner_modes(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm"};
	struct stat sb;
	char *file;
	size_t i;

	for (i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		xasprintf(&file, "%s%s", path, suffixes[i]);
		if (lstat(file, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    sb.st_uid == geteuid() && (sb.st_mode & 07777) != 0600)
			(void)chmod(file, 0600);
		free(file);
	}
}

struct store *
store_open(const char *path, char **cause)
{
	struct store *s;
	mode_t old;
	int rc;

	if (no_links(path, cause) != 0)
		return NULL;
	owner_modes(path);
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	/* The tokens are secrets: the database is for its owner only. */
	old = umask(077);
	rc = sqlite3_open_v2(path, &s->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				 SQLITE_OPEN_NOFOLLOW,
			     NULL);
	umask(old);
	if (rc != SQLITE_OK) {
		fail(s, "cannot open the state", cause);
		store_close(s);
		return NULL;
	}
	sqlite3_busy_timeout(s->db, 10000);
	if (exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
		 cause) != 0 ||
	    migrate(s, false, cause) != 0 || validate(s, cause) != 0) {
		store_close(s);
		return NULL;
	}
	/* Made just now: the -wal and -shm too. */
	owner_modes(path);
	return s;
}

/* path as a file: URI, with "%", "?" and "#" escaped. */
static char *
file_uri(const char *path, const char *query)
{
	char *uri = xmalloc(strlen(path) * 3 + strlen(query) + 8);
	size_t n = 0;

	n += (size_t)sprintf(uri, "file:");
	for (; *path != '\0'; path++)
		if (*path == '%' || *path == '?' || *path == '#')
			n += (size_t)sprintf(uri + n, "%%%02X",
					     (unsigned char)*path);
		else
			uri[n++] = *path;
	sprintf(uri + n, "?%s", query);
	return uri;
}

struct store *
store_open_read(const char *path, char **cause)
{
	struct store *s;
	struct stat sb;
	char *uri;
	int rc, attempt;

	if (no_links(path, cause) != 0)
		return NULL;
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	/*
	 * Read-only, and in a folder it cannot write to (where SQLite cannot
	 * make the -shm a WAL database needs) as immutable; that is safe only
	 * when no -wal holds changes, which a finished run leaves none of.
	 */
	for (attempt = 0; attempt < 2; attempt++) {
		uri = file_uri(path, attempt == 0 ? "mode=ro" : "immutable=1");
		rc = sqlite3_open_v2(uri, &s->db,
				     SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
					 SQLITE_OPEN_NOFOLLOW,
				     NULL);
		free(uri);
		if (rc == SQLITE_OK) {
			sqlite3_busy_timeout(s->db, 10000);
			rc = sqlite3_exec(s->db,
					  "SELECT count(*) FROM "
					  "sqlite_master",
					  NULL, NULL, NULL);
		}
		if (rc == SQLITE_OK || attempt == 1 ||
		    (sqlite3_errcode(s->db) != SQLITE_CANTOPEN &&
		     sqlite3_errcode(s->db) != SQLITE_READONLY)) {
			break;
		}
		xasprintf(&uri, "%s-wal", path);
		rc = stat(uri, &sb) == 0 && sb.st_size > 0;
		free(uri);
		if (rc) {
			rc = SQLITE_CANTOPEN;
			break;
		}
		sqlite3_close(s->db);
		s->db = NULL;
	}
	if (rc != SQLITE_OK) {
		fail(s, "cannot open the state to read", cause);
		store_close(s);
		return NULL;
	}
	if (migrate(s, true, cause) != 0 || validate(s, cause) != 0) {
		store_close(s);
		return NULL;
	}
	return s;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

static int
new_token(char token[STORE_TOKEN_LEN + 1])
{
	unsigned char raw[STORE_TOKEN_LEN / 2];
	size_t i;

	if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
		return -1;
	for (i = 0; i < sizeof raw; i++)
		snprintf(token + 2 * i, 3, "%02x", raw[i]);
	return 0;
}

static int
put_token(struct store *s, const char *staff, char *token, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (new_token(token) != 0) {
		xasprintf(cause, "no random numbers: %s", strerror(errno));
		return -1;
	}
	if (sqlite3_prepare_v2(s->db,
			       "INSERT OR REPLACE INTO tokens (staff, token) "
			       "VALUES (?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(s, "cannot store a token", cause);
	sqlite3_bind_text(st, 1, staff, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, token, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(s, "cannot store a token", cause);
	return 0;
}

int
store_token(struct store *s, const char *staff, char token[STORE_TOKEN_LEN + 1],
	    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db,
			       "SELECT token FROM tokens WHERE staff = ?", -1,
			       &st, NULL) != SQLITE_OK)
		return fail(s, "cannot read the tokens", cause);
	sqlite3_bind_text(st, 1, staff, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(token, STORE_TOKEN_LEN + 1, "%s",
			 (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		return 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(s, "cannot read the tokens", cause);
	return put_token(s, staff, token, cause);
}

int
store_rotate_token(struct store *s, const char *staff,
		   char token[STORE_TOKEN_LEN + 1], char **cause)
{
	return put_token(s, staff, token, cause);
}

static char *
column(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return xstrdup(t != NULL ? (const char *)t : "");
}

static const char *event_columns =
    "uid, feed, date, session, staff, dtstart, dtend, summary, location, "
    "description, categories, sequence, dtstamp, cancelled";

static void
read_event(sqlite3_stmt *st, struct store_event *e)
{
	e->uid = column(st, 0);
	e->feed = column(st, 1);
	e->date = column(st, 2);
	e->session = column(st, 3);
	e->staff = column(st, 4);
	e->dtstart = column(st, 5);
	e->dtend = column(st, 6);
	e->summary = column(st, 7);
	e->location = column(st, 8);
	e->description = column(st, 9);
	e->categories = column(st, 10);
	e->sequence = sqlite3_column_int(st, 11);
	e->dtstamp = sqlite3_column_int64(st, 12);
	e->cancelled = sqlite3_column_int64(st, 13);
}

static void
event_free(struct store_event *e)
{
	free(e->uid);
	free(e->feed);
	free(e->date);
	free(e->session);
	free(e->staff);
	free(e->dtstart);
	free(e->dtend);
	free(e->summary);
	free(e->location);
	free(e->description);
	free(e->categories);
}

void
store_events_free(struct store_event *events, int n)
{
	int i;

	for (i = 0; i < n; i++)
		event_free(&events[i]);
	free(events);
}

static bool
same_content(const struct store_event *a, const struct store_event *b)
{
	return strcmp(a->dtstart, b->dtstart) == 0 &&
	       strcmp(a->dtend, b->dtend) == 0 &&
	       strcmp(a->summary, b->summary) == 0 &&
	       strcmp(a->location, b->location) == 0 &&
	       strcmp(a->description, b->description) == 0 &&
	       strcmp(a->categories, b->categories) == 0 && b->cancelled == 0;
}

static int
write_event(struct store *s, const struct store_event *e, char **cause)
{
	sqlite3_stmt *st;
	char *sql;
	int rc;

	xasprintf(&sql,
		  "INSERT OR REPLACE INTO events (%s) VALUES (?, ?, ?, ?, ?, "
		  "?, ?, ?, ?, ?, ?, ?, ?, ?)",
		  event_columns);
	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return fail(s, "cannot write an event", cause);
	sqlite3_bind_text(st, 1, e->uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, e->feed, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, e->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, e->session, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, e->staff, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, e->dtstart, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, e->dtend, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, e->summary, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, e->location, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, e->description, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, e->categories, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 12, e->sequence);
	sqlite3_bind_int64(st, 13, e->dtstamp);
	sqlite3_bind_int64(st, 14, e->cancelled);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(s, "cannot write an event", cause);
	return 0;
}

/* The published events of from..to, and whether each is still planned. */
static int
read_range(struct store *s, const char *from, const char *to,
	   struct store_event **old, int *nold, char **cause)
{
	sqlite3_stmt *st;
	char *sql;
	int rc, cap = 0;

	*old = NULL;
	*nold = 0;
	xasprintf(&sql,
		  "SELECT %s FROM events WHERE date BETWEEN ? AND ? ORDER BY "
		  "uid",
		  event_columns);
	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return fail(s, "cannot read the events", cause);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*nold == cap) {
			cap = cap ? cap * 2 : 256;
			*old = xreallocarray(*old, (size_t)cap, sizeof **old);
		}
		read_event(st, &(*old)[(*nold)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(s, "cannot read the events", cause);
	return 0;
}

static int
uid_cmp(const void *a, const void *b)
{
	return strcmp(((const struct store_event *)a)->uid,
		      ((const struct store_event *)b)->uid);
}

static const struct store_event *
find_uid(const struct store_event *events, int n, const char *uid)
{
	struct store_event key;

	/* bsearch wants a real array, even of no elements. */
	if (n == 0)
		return NULL;
	key.uid = (char *)uid;
	return bsearch(&key, events, (size_t)n, sizeof *events, uid_cmp);
}

/*
 * Whether a session of date that starts at dtstart is kept as published:
 * it has started and its date was published. -1 with *cause.
 */
static int
kept(struct store *s, const struct store_publication *p, const char *date,
     const char *dtstart, bool *keep, char **cause)
{
	*keep = false;
	if (p->started == NULL || strcmp(dtstart, p->started) > 0)
		return 0;
	return store_is_published(s, date, keep, cause);
}

static int
publish_range(struct store *s, const struct store_publication *p, int *changed,
	      char **cause)
{
	const struct store_event *events = p->events;
	struct store_event *old, *sorted, e;
	const struct store_event *prev;
	sqlite3_stmt *st;
	int n = p->nevents, nold, i, rc = 0;
	bool keep;

	if (read_range(s, p->from, p->to, &old, &nold, cause) != 0)
		return -1;
	sorted = xreallocarray(NULL, (size_t)n + 1, sizeof *sorted);
	if (n > 0)
		memcpy(sorted, events, (size_t)n * sizeof *events);
	qsort(sorted, (size_t)n, sizeof *sorted, uid_cmp);
	for (i = 0; i < n && rc == 0; i++) {
		e = sorted[i];
		prev = find_uid(old, nold, e.uid);
		if (prev != NULL && same_content(&e, prev))
			continue;
		if ((rc = kept(s, p, e.date, e.dtstart, &keep, cause)) != 0)
			break;
		if (!keep && prev != NULL &&
		    (rc = kept(s, p, prev->date, prev->dtstart, &keep,
			       cause)) != 0)
			break;
		if (keep)
			continue;
		e.sequence = prev != NULL ? prev->sequence + 1 : 0;
		e.dtstamp = p->now;
		e.cancelled = 0;
		rc = write_event(s, &e, cause);
		(*changed)++;
	}
	for (i = 0; i < nold && rc == 0; i++) {
		if (old[i].cancelled != 0 ||
		    find_uid(sorted, n, old[i].uid) != NULL)
			continue;
		if ((rc = kept(s, p, old[i].date, old[i].dtstart, &keep,
			       cause)) != 0)
			break;
		if (keep)
			continue;
		e = old[i];
		e.sequence++;
		e.dtstamp = p->now;
		e.cancelled = p->now;
		rc = write_event(s, &e, cause);
		(*changed)++;
	}
	store_events_free(old, nold);
	free(sorted);
	if (rc != 0)
		return -1;
	if (sqlite3_prepare_v2(s->db,
			       "DELETE FROM events WHERE cancelled != 0 AND "
			       "cancelled < ?",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(s, "cannot expire events", cause);
	sqlite3_bind_int64(st, 1, p->now - (long long)p->keep_days * 86400);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(s, "cannot expire events", cause);
	return 0;
}

/* Started sessions of published dates stay; the rest is replaced. */
static int
replace_assignments(struct store *s, const struct store_publication *p,
		    char **cause)
{
	const struct store_assign *a = p->assigns;
	sqlite3_stmt *st;
	int i, rc;
	bool keep;

	if (sqlite3_prepare_v2(
		s->db,
		"DELETE FROM assignments WHERE date BETWEEN ?1 AND ?2 AND NOT "
		"(?3 IS NOT NULL AND dtstart <= ?3 AND EXISTS (SELECT 1 FROM "
		"horizons h WHERE h.from_date <= assignments.date AND "
		"h.to_date >= assignments.date))",
		-1, &st, NULL) != SQLITE_OK)
		return fail(s, "cannot write the plan", cause);
	sqlite3_bind_text(st, 1, p->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->to, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->started, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE ||
	    sqlite3_prepare_v2(s->db,
			       "INSERT OR IGNORE INTO assignments (date, "
			       "session, staff, practice, site, dtstart) "
			       "VALUES (?, ?, ?, ?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(s, "cannot write the plan", cause);
	for (i = 0; i < p->nassigns; i++) {
		if (kept(s, p, a[i].date, a[i].dtstart, &keep, cause) != 0) {
			sqlite3_finalize(st);
			return -1;
		}
		if (keep)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, a[i].date, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, a[i].session, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, a[i].staff, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, a[i].practice, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, a[i].site, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, a[i].dtstart, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return fail(s, "cannot write the plan", cause);
		}
	}
	sqlite3_finalize(st);
	return 0;
}

int
store_begin(struct store *s, char **cause)
{
	return exec(s, "BEGIN IMMEDIATE", cause);
}

int
store_commit(struct store *s, char **cause)
{
	return exec(s, "COMMIT", cause);
}

void
store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int
store_publish(struct store *s, const struct store_publication *p, int *changed,
	      char **cause)
{
	bool own = sqlite3_get_autocommit(s->db) != 0;

	*changed = 0;
	if (own && store_begin(s, cause) != 0)
		return -1;
	if (replace_assignments(s, p, cause) != 0 ||
	    publish_range(s, p, changed, cause) != 0) {
		if (own)
			store_rollback(s);
		return -1;
	}
	return own ? store_commit(s, cause) : 0;
}

int
store_add_changes(struct store *s, const struct store_change *c, int n,
		  char **cause)
{
	sqlite3_stmt *st;
	int i, rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(s->db,
			       "INSERT INTO audit (at, date, session, staff, "
			       "old_practice, new_practice, reason) VALUES "
			       "(?, ?, ?, ?, ?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(s, "cannot write the audit log", cause);
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, c[i].at);
		sqlite3_bind_text(st, 2, c[i].date, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, c[i].session, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, c[i].staff, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, c[i].from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, c[i].to, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, c[i].reason, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(s, "cannot write the audit log", cause);
	return 0;
}

/*
 * Steps st to its end, reading each row into a new element (size bytes)
 * of the array *rows with read; finalizes st. On failure the rows read
 * so far stay in *rows for the caller to free.
 */
static int
read_rows(struct store *s, sqlite3_stmt *st, size_t size,
	  void (*read)(sqlite3_stmt *, void *), void **rows, int *n,
	  const char *what, char **cause)
{
	int rc, cap = 0;

	*rows = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*rows = xreallocarray(*rows, (size_t)cap, size);
		}
		read(st, (char *)*rows + (size_t)(*n)++ * size);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail(s, what, cause);
}

static void
read_change(sqlite3_stmt *st, void *row)
{
	struct store_change *c = row;

	c->at = sqlite3_column_int64(st, 0);
	c->date = column(st, 1);
	c->session = column(st, 2);
	c->staff = column(st, 3);
	c->from = column(st, 4);
	c->to = column(st, 5);
	c->reason = column(st, 6);
}

int
store_changes(struct store *s, long long since, struct store_change **out,
	      int *n, char **cause)
{
	sqlite3_stmt *st;
	void *rows;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT at, date, session, staff, old_practice, "
			       "new_practice, reason FROM audit WHERE at >= ? "
			       "ORDER BY at, date, session, staff, id",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(s, "cannot read the audit log", cause);
	sqlite3_bind_int64(st, 1, since);
	if (read_rows(s, st, sizeof **out, read_change, &rows, n,
		      "cannot read the audit log", cause) != 0) {
		store_changes_free(rows, *n);
		*n = 0;
		return -1;
	}
	*out = rows;
	return 0;
}

void
store_changes_free(struct store_change *c, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(c[i].date);
		free(c[i].session);
		free(c[i].staff);
		free(c[i].from);
		free(c[i].to);
		free(c[i].reason);
	}
	free(c);
}

int
store_last_change(struct store *s, long long *at, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	*at = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT max(at) FROM audit", -1, &st,
			       NULL) != SQLITE_OK)
		return fail(s, "cannot read the audit log", cause);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*at = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return fail(s, "cannot read the audit log", cause);
	return 0;
}

int
store_add_horizon(struct store *s, const char *from, const char *to,
		  long long at, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db,
			       "INSERT OR IGNORE INTO horizons (from_date, "
			       "to_date, published) VALUES (?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(s, "cannot record the horizon", cause);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, at);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(s, "cannot record the horizon", cause);
	return 0;
}

int
store_published_until(struct store *s, const char *date, char until[11],
		      char **cause)
{
	sqlite3_stmt *st;
	int rc;

	/* Horizons are whole days; ISO dates compare as text. */
	until[0] = '\0';
	if (sqlite3_prepare_v2(s->db,
			       "SELECT from_date, to_date FROM horizons ORDER "
			       "BY from_date, to_date",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(s, "cannot read the horizons", cause);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *from = (const char *)sqlite3_column_text(st, 0);
		const char *to = (const char *)sqlite3_column_text(st, 1);
		char day_after[16];
		date_t next;

		if (from == NULL || to == NULL)
			continue;
		if (until[0] == '\0') {
			if (strcmp(from, date) <= 0 && strcmp(to, date) >= 0)
				snprintf(until, 11, "%s", to);
			continue;
		}
		/* Joined when it starts by the day after the end so far. */
		if (date_parse(until, &next) != 0)
			break;
		date_format(next + 1, day_after);
		if (strcmp(from, day_after) <= 0 && strcmp(to, until) > 0)
			snprintf(until, 11, "%s", to);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(s, "cannot read the horizons", cause);
	return 0;
}

int
store_events(struct store *s, struct store_event **events, int *n, char **cause)
{
	sqlite3_stmt *st;
	char *sql;
	int rc, cap = 0;

	*events = NULL;
	*n = 0;
	xasprintf(&sql,
		  "SELECT %s FROM events ORDER BY feed, date, dtstart, uid",
		  event_columns);
	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return fail(s, "cannot read the events", cause);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			*events = xreallocarray(*events, (size_t)cap,
						sizeof **events);
		}
		read_event(st, &(*events)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_events_free(*events, *n);
		*events = NULL;
		*n = 0;
		return fail(s, "cannot read the events", cause);
	}
	return 0;
}

static void
read_assign(sqlite3_stmt *st, void *row)
{
	struct store_assign *a = row;

	a->date = column(st, 0);
	a->session = column(st, 1);
	a->staff = column(st, 2);
	a->practice = column(st, 3);
	a->site = column(st, 4);
	a->dtstart = column(st, 5);
}

int
store_assignments(struct store *s, const char *from, const char *to,
		  struct store_assign **assigns, int *n, char **cause)
{
	sqlite3_stmt *st;
	void *rows;

	*assigns = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(
		s->db,
		"SELECT date, session, staff, practice, site, dtstart "
		"FROM assignments WHERE date BETWEEN ? AND ? ORDER "
		"BY date, session, staff",
		-1, &st, NULL) != SQLITE_OK)
		return fail(s, "cannot read the plan", cause);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	if (read_rows(s, st, sizeof **assigns, read_assign, &rows, n,
		      "cannot read the plan", cause) != 0) {
		store_assigns_free(rows, *n);
		*n = 0;
		return -1;
	}
	*assigns = rows;
	return 0;
}

void
store_assigns_free(struct store_assign *a, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(a[i].date);
		free(a[i].session);
		free(a[i].staff);
		free(a[i].practice);
		free(a[i].site);
		free(a[i].dtstart);
	}
	free(a);
}

int
store_put_balances(struct store *s, const char *from, const char *to,
		   const struct store_balance *b, int n, char **cause)
{
	sqlite3_stmt *st;
	int i, rc;

	if (sqlite3_prepare_v2(
		s->db, "DELETE FROM balances WHERE week BETWEEN ? AND ?", -1,
		&st, NULL) != SQLITE_OK)
		return fail(s, "cannot write the balances", cause);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE ||
	    sqlite3_prepare_v2(s->db,
			       "INSERT INTO balances (week, role, practice, "
			       "share, delivered) VALUES (?, ?, ?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(s, "cannot write the balances", cause);
	for (i = 0, rc = SQLITE_DONE; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, b[i].week, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, b[i].role, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, b[i].practice, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, b[i].share);
		sqlite3_bind_int(st, 5, b[i].delivered);
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(s, "cannot write the balances", cause);
	return 0;
}

static void
read_balance(sqlite3_stmt *st, void *row)
{
	struct store_balance *b = row;

	b->week[0] = '\0';
	b->role = column(st, 0);
	b->practice = column(st, 1);
	b->share = sqlite3_column_int(st, 2);
	b->delivered = sqlite3_column_int(st, 3);
}

int
store_balances(struct store *s, const char *from, const char *before,
	       struct store_balance **out, int *n, char **cause)
{
	sqlite3_stmt *st;
	void *rows;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT role, practice, sum(share), "
			       "sum(delivered) FROM balances WHERE week >= ? "
			       "AND week < ? GROUP BY role, practice ORDER BY "
			       "role, practice",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(s, "cannot read the balances", cause);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, before, -1, SQLITE_STATIC);
	if (read_rows(s, st, sizeof **out, read_balance, &rows, n,
		      "cannot read the balances", cause) != 0) {
		store_balances_free(rows, *n);
		*n = 0;
		return -1;
	}
	*out = rows;
	return 0;
}

void
store_balances_free(struct store_balance *b, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(b[i].role);
		free(b[i].practice);
	}
	free(b);
}

/* Runs sql with its ?1, ?2 bound to texts a and b (b may be NULL). */
static int
exec_bound(struct store *s, const char *sql, const char *a, const char *b,
	   const char *what, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail(s, what, cause);
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b != NULL)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail(s, what, cause);
}

int
store_prune(struct store *s, const char *before, const char *balances_before,
	    char **cause)
{
	static const char *what = "cannot drop old sessions";

	return exec_bound(s, "DELETE FROM events WHERE date < ?1", before, NULL,
			  what, cause) != 0 ||
		       exec_bound(s, "DELETE FROM assignments WHERE date < ?1",
				  before, NULL, what, cause) != 0 ||
		       exec_bound(s, "DELETE FROM horizons WHERE to_date < ?1",
				  before, NULL, what, cause) != 0 ||
		       exec_bound(s, "DELETE FROM balances WHERE week < ?1",
				  balances_before, NULL, what, cause) != 0
		   ? -1
		   : 0;
}

int
store_get(struct store *s, const char *key, char **value, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	*value = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = ?",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(s, "cannot read the state", cause);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*value = column(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(s, "cannot read the state", cause);
	return 0;
}

int
store_set(struct store *s, const char *key, const char *value, char **cause)
{
	return exec_bound(s,
			  "INSERT OR REPLACE INTO meta (key, value) VALUES "
			  "(?1, ?2)",
			  key, value, "cannot write the state", cause);
}

static void
read_feed(sqlite3_stmt *st, void *row)
{
	*(char **)row = column(st, 0);
}

/* The first column of every row sql gives, as strings. */
static int
read_strings(struct store *s, const char *sql, const char *what, char ***out,
	     int *n, char **cause)
{
	sqlite3_stmt *st;
	void *rows;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail(s, what, cause);
	if (read_rows(s, st, sizeof **out, read_feed, &rows, n, what, cause) !=
	    0) {
		store_strings_free(rows, *n);
		*n = 0;
		return -1;
	}
	*out = rows;
	return 0;
}

int
store_cancelled_feeds(struct store *s, char ***feeds, int *n, char **cause)
{
	return read_strings(s,
			    "SELECT DISTINCT feed FROM events WHERE "
			    "cancelled != 0 ORDER BY feed",
			    "cannot read the events", feeds, n, cause);
}

int
store_is_published(struct store *s, const char *date, bool *published,
		   char **cause)
{
	sqlite3_stmt *st;
	int rc;

	*published = false;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT 1 FROM horizons WHERE from_date <= ?1 "
			       "AND to_date >= ?1 LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(s, "cannot read the horizons", cause);
	sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*published = rc == SQLITE_ROW;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(s, "cannot read the horizons", cause);
	return 0;
}

int
store_network_key(struct store *s, const char *legacy, char **key, char **cause)
{
	char token[STORE_TOKEN_LEN + 1];
	sqlite3_stmt *st;
	int rc;

	if (store_get(s, "network_key", key, cause) != 0 || *key != NULL)
		return *key != NULL ? 0 : -1;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT (SELECT count(*) FROM events) + (SELECT "
			       "count(*) FROM horizons)",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(s, "cannot read the state", cause);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0)
		*key = xstrdup(legacy);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return fail(s, "cannot read the state", cause);
	if (*key == NULL) {
		if (new_token(token) != 0) {
			xasprintf(cause, "no random numbers: %s",
				  strerror(errno));
			return -1;
		}
		*key = xstrdup(token);
	}
	if (store_set(s, "network_key", *key, cause) != 0) {
		free(*key);
		*key = NULL;
		return -1;
	}
	return 0;
}

int
store_practices(struct store *s, char ***ids, int *n, char **cause)
{
	char *list, *word, *save = NULL;

	*ids = NULL;
	*n = 0;
	if (store_get(s, "practices", &list, cause) != 0)
		return -1;
	if (list != NULL) {
		for (word = strtok_r(list, " ", &save); word != NULL;
		     word = strtok_r(NULL, " ", &save)) {
			*ids =
			    xreallocarray(*ids, (size_t)*n + 1, sizeof **ids);
			(*ids)[(*n)++] = xstrdup(word);
		}
		free(list);
		return 0;
	}
	return read_strings(s,
			    "SELECT DISTINCT practice FROM assignments "
			    "WHERE practice != '' ORDER BY practice",
			    "cannot read the plan", ids, n, cause);
}

void
store_strings_free(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
store_last_published(struct store *s, char last[11], char **cause)
{
	sqlite3_stmt *st;
	const unsigned char *v;
	int rc;

	last[0] = '\0';
	if (sqlite3_prepare_v2(s->db, "SELECT max(to_date) FROM horizons", -1,
			       &st, NULL) != SQLITE_OK)
		return fail(s, "cannot read the horizons", cause);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (v = sqlite3_column_text(st, 0)) != NULL)
		snprintf(last, 11, "%s", (const char *)v);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return fail(s, "cannot read the horizons", cause);
	return 0;
}
