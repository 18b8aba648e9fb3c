/*
 * Staff, leave and requests kept in spreadsheets: CSV files the network
 * file names (staff_csv, leave_csv, requests_csv). Each cell is read by
 * the parser of the same value in the network file, so it means what it
 * means there; problems are "FILE:LINE:COLUMN: ...".
 */
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "csvread.h"
#include "xmalloc.h"

#include "cfg_internal.h"

static const char *leave_columns[] = {"staff",	 "from", "to",
				      "session", "kind", NULL};
static const char *request_columns[] = {"practice", "role", "slot", NULL};

/*
 * A spreadsheet's UK dates (14/12/2026, 1/2/2027) as YYYY-MM-DD; other
 * text is kept, for the value's own parser to judge. To free.
 */
static char *
iso_dates(const char *cell)
{
	char *out = xmalloc(strlen(cell) * 2 + 1), run[16], iso[11];
	const char *p = cell;
	size_t n = 0, len;
	date_t d;

	while (*p != '\0') {
		len = strspn(p, "0123456789/");
		if (len > 0 && len < sizeof run &&
		    memchr(p, '/', len) != NULL) {
			memcpy(run, p, len);
			run[len] = '\0';
			if (date_parse_uk(run, &d) == 0) {
				date_format(d, iso);
				memcpy(out + n, iso, 10);
				n += 10;
				p += len;
				continue;
			}
		}
		if (len == 0)
			len = 1;
		memcpy(out + n, p, len);
		n += len;
		p += len;
	}
	out[n] = '\0';
	return out;
}

/* Reads the table a [network] key names; -1 when none or unreadable. */
static int
read_table(struct cfg *c, const char *key, struct csv_table *t, char **label)
{
	const struct cfg_section *net = NULL;
	const char *v;
	int i, line;

	for (i = 0; i < c->nsecs; i++)
		if (c->secs[i].type == SEC_NETWORK)
			net = &c->secs[i];
	if (net == NULL || (v = cfg_get(c, net, key, &line)) == NULL)
		return -1;
	if (*v == '\0') {
		cfg_error(c, line, "%s names no file", key);
		return -1;
	}
	*label = cfg_path(c, v);
	if (csvread_file(*label, *label, CFG_MAX_FILE, t, c->diag) != 0) {
		c->errors++;
		free(*label);
		return -1;
	}
	/* A changed spreadsheet is new input, as a changed network file. */
	digest_string(&c->net->input, *label);
	digest_bytes(&c->net->input, t->bytes, t->nbytes);
	return 0;
}

/* The column of name, or -1; unknown columns are reported by the caller. */
static int
column(const struct csv_table *t, const char *name)
{
	int i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->head[i], name) == 0)
			return i;
	return -1;
}

/* Every column is one of known; each needed one is there. */
static int
check_columns(struct cfg *c, const struct csv_table *t, const char *label,
	      const char *const *known, const char *const *needed)
{
	const char *const *k;
	int i, bad = 0;

	for (i = 0; i < t->ncols; i++) {
		for (k = known; *k != NULL && strcmp(*k, t->head[i]) != 0; k++)
			;
		if (*t->head[i] == '\0') {
			cfg_error(c, cfg_label(c, label, 1, i + 1),
				  "a column with no name");
			bad = 1;
		} else if (*k == NULL) {
			cfg_unknown_among(c, cfg_label(c, label, 1, i + 1),
					  "column", "columns", t->head[i], "",
					  known);
			bad = 1;
		} else if (column(t, t->head[i]) != i) {
			cfg_error(c, cfg_label(c, label, 1, i + 1),
				  "column \"%s\" given twice", t->head[i]);
			bad = 1;
		}
	}
	for (k = needed; *k != NULL; k++)
		if (column(t, *k) < 0) {
			cfg_error(c, cfg_label(c, label, 1, 0),
				  "no column \"%s\"", *k);
			bad = 1;
		}
	return bad ? -1 : 0;
}

/* One [staff ID] section for each row, read as the network file's. */
void
cfg_load_staff_table(struct cfg *c)
{
	static const char *needed[] = {"id", "name", "role", "sessions", NULL};
	const char *const *keys = cfg_keys(SEC_STAFF);
	const char **known;
	struct cfg_section *s;
	struct csv_table t;
	char *label, *id;
	int i, j, k, nkeys, idcol, row;

	if (read_table(c, "staff_csv", &t, &label) != 0)
		return;
	for (nkeys = 0; keys[nkeys] != NULL; nkeys++)
		;
	known = xcalloc((size_t)nkeys + 2, sizeof *known);
	known[0] = "id";
	memcpy(known + 1, keys, (size_t)nkeys * sizeof *known);
	if (check_columns(c, &t, label, known, needed) != 0)
		goto out;
	idcol = column(&t, "id");
	for (i = 0; i < t.nrows; i++) {
		row = t.rows[i].line;
		id = xstrdup(t.rows[i].cells[idcol]);
		cfg_lower(id);
		if (!cfg_valid_id(id)) {
			cfg_error(c, cfg_label(c, label, row, idcol + 1),
				  "bad identifier \"%s\": use 1-32 of a-z 0-9 "
				  "_ -",
				  t.rows[i].cells[idcol]);
			free(id);
			continue;
		}
		for (j = 0; j < c->nsecs; j++)
			if (c->secs[j].type == SEC_STAFF &&
			    strcmp(c->secs[j].id, id) == 0)
				break;
		if (j < c->nsecs) {
			if (c->secs[j].line < 0)
				cfg_error(c,
					  cfg_label(c, label, row, idcol + 1),
					  "staff %s is also at %s", id,
					  c->labels[-c->secs[j].line - 1]);
			else
				cfg_error(
				    c, cfg_label(c, label, row, idcol + 1),
				    "staff %s is also [staff %s] at %s:%d", id,
				    id, c->file, c->secs[j].line);
			free(id);
			continue;
		}
		c->secs = xreallocarray(c->secs, (size_t)c->nsecs + 1,
					sizeof *c->secs);
		s = &c->secs[c->nsecs++];
		memset(s, 0, sizeof *s);
		s->type = SEC_STAFF;
		s->id = id;
		s->line = cfg_label(c, label, row, 0);
		s->keys = xcalloc((size_t)t.ncols, sizeof *s->keys);
		for (k = 0; k < t.ncols; k++) {
			/* An empty cell is a key not given. */
			if (k == idcol || *t.rows[i].cells[k] == '\0')
				continue;
			s->keys[s->nkeys].key = xstrdup(t.head[k]);
			s->keys[s->nkeys].line =
			    cfg_label(c, label, row, k + 1);
			s->keys[s->nkeys].value = iso_dates(t.rows[i].cells[k]);
			s->nkeys++;
		}
	}
out:
	free(known);
	free(label);
	csvread_free(&t);
}

static enum net_absence
leave_kind(struct cfg *c, const char *v, int line, bool *ok)
{
	*ok = true;
	if (*v == '\0' || strcasecmp(v, "leave") == 0)
		return NET_LEAVE;
	if (strcasecmp(v, "sickness") == 0)
		return NET_SICKNESS;
	if (strcasecmp(v, "training") == 0)
		return NET_TRAINING;
	cfg_error(c, line,
		  "kind must be leave, sickness or training, not "
		  "\"%s\"",
		  v);
	*ok = false;
	return NET_LEAVE;
}

/* A row of leave: staff, from, to (a range), session (one day), kind. */
void
cfg_load_leave_table(struct cfg *c)
{
	static const char *needed[] = {"staff", "from", NULL};
	struct net *n = c->net;
	struct net_staff *st;
	struct net_leave l;
	struct csv_table t;
	char *label, *from, *to, *item, *id;
	const char *sess, *kind;
	int i, p, row, col[5];
	bool ok;

	if (read_table(c, "leave_csv", &t, &label) != 0)
		return;
	if (check_columns(c, &t, label, leave_columns, needed) != 0)
		goto out;
	for (i = 0; i < 5; i++)
		col[i] = column(&t, leave_columns[i]);
	for (i = 0; i < t.nrows; i++) {
		char **cell = t.rows[i].cells;

		row = t.rows[i].line;
		id = xstrdup(cell[col[0]]);
		cfg_lower(id);
		if ((p = net_find_staff(n, id)) < 0) {
			cfg_unknown(c, cfg_label(c, label, row, col[0] + 1),
				    CFG_STAFF, cell[col[0]]);
			free(id);
			continue;
		}
		free(id);
		st = &n->staff[p];
		kind = col[4] >= 0 ? cell[col[4]] : "";
		memset(&l, 0, sizeof l);
		l.session = -1;
		l.kind = leave_kind(c, kind,
				    cfg_label(c, label, row, col[4] + 1), &ok);
		if (!ok)
			continue;
		from = iso_dates(cell[col[1]]);
		to = iso_dates(col[2] >= 0 ? cell[col[2]] : "");
		sess = col[3] >= 0 ? cell[col[3]] : "";
		if (*to != '\0' && strcmp(to, from) != 0 && *sess != '\0') {
			cfg_error(c, cfg_label(c, label, row, col[3] + 1),
				  "a session is for leave of one day: leave "
				  "\"to\" empty, or \"session\"");
			free(from);
			free(to);
			continue;
		}
		if (*to != '\0' && strcmp(to, from) != 0)
			xasprintf(&item, "%s..%s", from, to);
		else if (*sess != '\0')
			xasprintf(&item, "%s.%s", from, sess);
		else
			item = xstrdup(from);
		if (cfg_leave_item(c, "leave", item,
				   cfg_label(c, label, row, col[1] + 1),
				   &l) == 0) {
			net_add_leave(st, &l);
		}
		free(item);
		free(from);
		free(to);
	}
out:
	free(label);
	csvread_free(&t);
}

/* A row of requests: practice, role and the slots, as ROLE@SLOT reads. */
void
cfg_load_requests_table(struct cfg *c)
{
	struct net *n = c->net;
	struct csv_table t;
	char *label, *id, *list, *cur, *slot, *item;
	int i, p, row, pc, rc, sc, rc_ = 0, line;

	if (read_table(c, "requests_csv", &t, &label) != 0)
		return;
	if (check_columns(c, &t, label, request_columns, request_columns) != 0)
		goto out;
	pc = column(&t, "practice");
	rc = column(&t, "role");
	sc = column(&t, "slot");
	for (i = 0; i < t.nrows && rc_ == 0; i++) {
		char **cell = t.rows[i].cells;

		row = t.rows[i].line;
		id = xstrdup(cell[pc]);
		cfg_lower(id);
		if ((p = net_find_practice(n, id)) < 0) {
			cfg_unknown(c, cfg_label(c, label, row, pc + 1),
				    CFG_PRACTICE, cell[pc]);
			free(id);
			continue;
		}
		free(id);
		id = xstrdup(cell[rc]);
		cfg_lower(id);
		if (net_find_role(n, id) < 0) {
			cfg_unknown(c, cfg_label(c, label, row, rc + 1),
				    CFG_ROLE, cell[rc]);
			free(id);
			continue;
		}
		free(id);
		line = cfg_label(c, label, row, sc + 1);
		list = cur = iso_dates(cell[sc]);
		while (rc_ == 0 && (slot = cfg_next_item(&cur)) != NULL) {
			xasprintf(&item, "%s@%s", cell[rc], slot);
			rc_ = cfg_request_item(c, p, -1, item, line);
			free(item);
			free(slot);
		}
		free(list);
	}
out:
	free(label);
	csvread_free(&t);
}
