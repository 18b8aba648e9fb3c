/* What the cfg_*.c files share: the scanned sections and the value parsers. */
#ifndef CFG_INTERNAL_H
#define CFG_INTERNAL_H

#include <stdbool.h>

#include "cfg.h"

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

struct cfg_key {
	char *key;
	char *value; /* as the reader's rule gives it, quotes removed */
	int line;
};

struct cfg_section {
	enum sec_type type;
	char *id; /* NULL for [network] */
	int line;
	struct cfg_key *keys;
	int nkeys;
};

struct cfg {
	const char *file;
	struct diag *diag;
	struct cfg_section *secs;
	int nsecs;
	struct net *net;
	int errors;
	const struct cfg_opts *opts;
	/* Places in other files (CSV cells), named by a line below 0. */
	char **labels;
	int nlabels;
	bool unmatched_errors; /* [network] unmatched_events = error */
};

/* A parsed slot: days and sessions it names, or a date. */
struct cfg_slot {
	bool days[NET_DAYS];
	int session; /* -1: the sessions a day names (net_day_session) */
	bool is_date;
	date_t date;
	int nth;      /* 0: every week; 1-5: the nth of the month; -1: last */
	int weeks;    /* NET_WEEK_A, NET_WEEK_B or both */
	bool ea_days; /* a day names its Enhanced Access sessions */
};

/* What a word in the file may name, for "unknown ..." messages. */
enum cfg_kind { CFG_ROLE, CFG_PRACTICE, CFG_PLACE, CFG_SESSION, CFG_STAFF };
/* What a slot may be besides DAY[-DAY][.SESSION] (cfg_parse_when). */
#define CFG_SLOT_DATE 1	   /* DATE[.SESSION] */
#define CFG_SLOT_MONTHLY 2 /* NTH-DAY[.SESSION], such as 2nd-wed.pm */
#define CFG_SLOT_WEEKS 4   /* A:SLOT or B:SLOT, in week A or B only */
#define CFG_SLOT_EA 8	   /* a day names its Enhanced Access sessions */

/* cfg_read.c */
/*
 * "unknown role "x": did you mean "y"? (roles: ...)": the nearest known
 * word of that kind, and the ones there are.
 */
void cfg_unknown(struct cfg *c, int line, enum cfg_kind kind, const char *word);
/* The same, for a word that is none of a fixed list (NULL-terminated). */
void cfg_unknown_among(struct cfg *c, int line, const char *what,
		       const char *plural, const char *word, const char *where,
		       const char *const *known);
/*
 * A "line" for cfg_error that names a place in another file:
 * "FILE:LINE:COLUMN" (no column when 0). Negative; freed with the rest.
 */
int cfg_label(struct cfg *c, const char *file, int line, int column);
const char *const *cfg_keys(enum sec_type type);
bool cfg_valid_id(const char *s);
/* A file named in the network file, relative to its folder. To free. */
char *cfg_path(struct cfg *c, const char *v);
const char *cfg_section_name(enum sec_type type);
void cfg_error(struct cfg *c, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* What is valid but surely a mistake: told, and the reading goes on. */
void cfg_warn(struct cfg *c, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void cfg_lower(char *s);
char *cfg_read_file(struct cfg *c);
void cfg_scan(struct cfg *c, char *buf);
const char *cfg_get(struct cfg *c, const struct cfg_section *s, const char *key,
		    int *line);
const char *cfg_need(struct cfg *c, const struct cfg_section *s,
		     const char *key, int *line);
int cfg_whole(struct cfg *c, const char *key, const char *v, int line, long min,
	      long max, long *out);
char *cfg_next_item(char **cursor);
int cfg_days(struct cfg *c, const char *v, int line, bool days[NET_DAYS]);
int cfg_parse_slot(struct cfg *c, const char *v, int line, bool allow_date,
		   struct cfg_slot *slot);
int cfg_parse_when(struct cfg *c, const char *v, int line, int flags,
		   struct cfg_slot *slot);
bool cfg_slot_has(const struct net *n, const struct cfg_slot *slot, int d,
		  int s);
int cfg_yes_no(struct cfg *c, const char *key, const char *v, int line);
/* An amount in pounds ("65838.50") as pence; -1 with an error. */
int cfg_money(struct cfg *c, const char *key, const char *v, int line,
	      long long *pence);
/* A date YYYY-MM-DD; -1 with an error. */
int cfg_date(struct cfg *c, const char *key, const char *v, int line,
	     date_t *date);
void cfg_check_text(struct cfg *c);
void cfg_free_sections(struct cfg *c);
void cfg_check_size(struct cfg *c);

/* cfg_network.c */
void cfg_load_network(struct cfg *c);
void cfg_load_sessions(struct cfg *c);
void cfg_load_roles(struct cfg *c);
void cfg_load_objective(struct cfg *c);
void cfg_load_ea(struct cfg *c);
void cfg_load_money(struct cfg *c);
int cfg_hours(struct cfg *c, const char *key, const char *v, int line,
	      int *minutes);

/* cfg_agreements.c */
void cfg_load_share(struct cfg *c);
void cfg_practice_minimum(struct cfg *c, const struct cfg_section *s,
			  struct net_practice *p);
void cfg_practice_agreement(struct cfg *c, const struct cfg_section *s,
			    struct net_practice *p);

/* cfg_practices.c */
/* One request, ROLE@SLOT, of a practice (site -1: any of its sites); -1
 * when there are too many. */
int cfg_request_item(struct cfg *c, int practice, int site, const char *item,
		     int line);
void cfg_load_practices(struct cfg *c);
int cfg_weekly_rooms(const struct net *n, int p, int d, int k);
void cfg_load_sites(struct cfg *c);
void cfg_load_care_homes(struct cfg *c);
void cfg_load_travel(struct cfg *c);

/* cfg_staff.c */
/* One leave item: DATE, DATE.SESSION or FROM..TO into l; -1 reported. */
int cfg_leave_item(struct cfg *c, const char *key, const char *item, int line,
		   struct net_leave *l);
void cfg_load_staff(struct cfg *c);

/* cfg_tables.c: staff, leave and requests from CSV files. */
void cfg_load_staff_table(struct cfg *c);
void cfg_load_leave_table(struct cfg *c);
void cfg_load_requests_table(struct cfg *c);

/* cfg_calendars.c */
void cfg_load_calendars(struct cfg *c);

#endif
