/*
 * The network model: practices, sessions, roles, staff and requests, as
 * read from the network file and checked. Owned by one struct net; every
 * string and array in it is freed by net_free.
 */
#ifndef NET_H
#define NET_H

#include <stdbool.h>

#include "date.h"
#include "digest.h"

/* Limits, documented in pcnrota.ini(5). */
#define NET_MAX_PRACTICES 64
#define NET_MAX_STAFF 500
#define NET_MAX_ROLES 32
#define NET_MAX_SESSIONS 16
#define NET_MAX_REQUESTS 4000
#define NET_MAX_WEEKS 12
/* Sessions a site is closed in by date, month or week (closed, closures). */
#define NET_MAX_CLOSURES 5000
/* Places: the practices' main sites, further sites and care homes. */
#define NET_MAX_SITES 128
_Static_assert(NET_MAX_PRACTICES < NET_MAX_SITES, "main sites fit");
/* Minutes of travel between two sites on one day, at most. */
#define NET_MAX_TRAVEL 240
/* Patients on one practice's list: sums and shares cannot overflow. */
#define NET_MAX_LIST_SIZE 10000000L
/*
 * Placements (who may be where in which session) in a week without leave:
 * the model's size, which the limits above multiply; measured in
 * pcnrota.ini(5), LIMITS.
 */
#define NET_MAX_PLACEMENTS 40000
#define NET_DAYS 7

/* How a role is shared between practices: the network agreement's choice. */
enum net_share {
	NET_SHARE_LIST,	    /* by registered list size */
	NET_SHARE_WEIGHTED, /* by weighted list size */
	NET_SHARE_PERCENT,  /* by agreed percentages */
	NET_SHARE_FIXED	    /* by agreed sessions a week */
};

/*
 * Objective weights, whole numbers (the search's optimality stop relies on
 * it); the defaults are documented in pcnrota.ini(5).
 */
struct net_weights {
	int request;	     /* per requested session not covered */
	int idle;	     /* per contracted session not used */
	int fair1;	     /* first session off a fair share */
	int fair2;	     /* each further session off it */
	int minimum;	     /* per session short of a practice's minimum */
	int pin;	     /* per pinned session not placed as pinned */
	int preference;	     /* per session off a preferred practice or day */
	int continuity;	     /* per session unlike the last week published */
	int enhanced_access; /* per Enhanced Access minute short in a week */
	int ea_unstaffed;    /* per Enhanced Access session with nobody */
	int care_home;	     /* per care-home round session not held */
};

#define NET_W_REQUEST 100
#define NET_W_IDLE 50
#define NET_W_FAIR1 0
#define NET_W_FAIR2 30
#define NET_W_MINIMUM 1000
#define NET_W_PIN 10000
#define NET_W_PREFERENCE 2
#define NET_W_CONTINUITY 0
#define NET_W_ENHANCED_ACCESS 1
#define NET_W_EA_UNSTAFFED 100
#define NET_W_CARE_HOME 100

/* A late session ends after this; a morning session starts before noon. */
#define NET_LATE_END (18 * 60)
#define NET_MORNING_START (12 * 60)

/* The weeks a weekly item holds in: week A, week B or both (week_a). */
#define NET_WEEK_A 1
#define NET_WEEK_B 2
#define NET_WEEKS_AB (NET_WEEK_A | NET_WEEK_B)

/*
 * A practice at weekly slots or a date: a pin (the person is placed there
 * then) or a forbid (never placed there then).
 */
struct net_where {
	int practice;
	int site; /* one of the practice's sites; -1: any of them */
	bool days[NET_DAYS];
	int session; /* -1: every session of those days */
	bool one_off;
	date_t date; /* when one_off; days has its weekday */
	int line;
};

struct net_session {
	char *id, *name;
	int start, end; /* minutes after local midnight */
	bool days[NET_DAYS];
	bool enhanced_access; /* outside core hours, at hubs, opted-in staff */
	int line, start_line, end_line;
};

struct net_practice {
	char *id, *name, *ods, *address;
	long list_size;
	double weighted_list_size; /* < 0 when not given */
	double share_percent;	   /* agreed percentage; < 0 when not given */
	int fixed_sessions[NET_MAX_ROLES]; /* agreed sessions a week */
	int minimum[NET_MAX_ROLES]; /* sessions of a role a week; 0: none */
	int minimum_line;
	bool ea_hub; /* holds Enhanced Access sessions */
	int line;
};

/*
 * A session a site is closed in beyond its weekly rooms: once (a date),
 * on the nth weekday of each month, or in week A or B only.
 */
struct net_closure {
	int day, session;
	bool one_off;
	date_t date; /* when one_off */
	int nth;     /* 0: every week; 1-5: the nth of the month; -1: last */
	int weeks;   /* NET_WEEK_A, NET_WEEK_B or both */
};

/*
 * A place where network staff work: a site of a practice, or a care home
 * where a weekly round is held. Site p < npractices is practice p's main
 * site, with the practice's identifier, name and address.
 */
struct net_site {
	char *id, *name, *address;
	int practice; /* -1 for a care home */
	/* Rooms for network staff in each weekly slot; 0 when closed. At a
	 * care home: 1 in the slots a round may be held. */
	int rooms[NET_DAYS][NET_MAX_SESSIONS];
	/* A supervisor is on site in each weekly slot. */
	bool supervisor[NET_DAYS][NET_MAX_SESSIONS];
	bool round_role[NET_MAX_ROLES]; /* care home: who may do the round */
	int rounds; /* care home: sessions of round a week */
	/* Closed on dates, monthly or in alternate weeks (closed, closures). */
	struct net_closure *closures;
	int nclosures;
	int line;
};

/* Two sites a person may work at on one day, and the travel between. */
struct net_travel {
	int a, b; /* sites */
	int minutes;
	int line;
};

struct net_role {
	char *id, *name;
	bool supervised; /* works only where a supervisor is */
	enum net_share share;
	/* ARRS maximum reimbursable amount per whole-time year, in pence, by
	 * enum net_area; -1 when not given. */
	long long arrs_max[3];
	int line;
};

/* Where ARRS pays its national, outer or inner London amounts. */
enum net_area {
	NET_AREA_NATIONAL,
	NET_AREA_OUTER_LONDON,
	NET_AREA_INNER_LONDON
};

/* Why someone is away; the reason given when a plan is re-planned. */
enum net_absence { NET_LEAVE, NET_SICKNESS, NET_TRAINING };

struct net_leave {
	date_t from, to; /* inclusive */
	int session;	 /* -1 for whole days */
	enum net_absence kind;
};

/*
 * An event of a leave, team or closures calendar that may fall outside the
 * window calendars are read in (net.leave_from to net.leave_until): not
 * planned for, so told when a plan reaches it.
 */
struct net_unread {
	char *file; /* the calendar, or a label for one by address */
	int line;   /* of its BEGIN:VEVENT; 0 when not known */
	char *uid;  /* NULL when it has none */
	int staff;  /* whose absence; -1 for a closure */
	int site;   /* the site a closure closes; -1 every practice */
	enum net_absence kind;
	date_t first, last; /* the dates it may touch, a bound */
};

struct net_staff {
	char *id, *name;
	int role;
	int sessions; /* contracted per week */
	/* The weeks (NET_WEEK_A, NET_WEEK_B) each weekly slot is worked. */
	unsigned char works[NET_DAYS][NET_MAX_SESSIONS];
	bool may_work_at[NET_MAX_PRACTICES]; /* at some site of it */
	/* Sites of those practices they may not work at (practices naming
	 * other sites of it, or a forbid without a slot). */
	bool barred[NET_MAX_SITES];
	int base; /* practice index, -1 for none */
	struct net_where *pins, *forbids;
	int npins, nforbids;
	int max_per_day; /* sessions; 0 for no limit */
	/* Preferences, at a cost; base is only the greedy start's tie-break. */
	bool prefer_practice[NET_MAX_PRACTICES];
	bool prefer_site[NET_MAX_SITES]; /* a site named, not its practice */
	bool prefer_day[NET_DAYS];
	bool has_prefer_practices, has_prefer_days;
	bool needs_supervision;	 /* the person's or the role's */
	bool enhanced_access;	 /* opted in to some Enhanced Access session */
	struct net_leave *leave; /* grown by net_add_leave */
	int nleave;
	/* Employed from start to end (inclusive); 0 for no limit. */
	date_t start, end;
	int hours_minutes; /* contracted minutes a week; 0: from sessions */
	/* Pay and employer's on-costs a year, in pence; -1 when not given. */
	long long salary, on_costs;
	int line;
};

/* A practice asks for someone of a role in a session. */
struct net_request {
	int practice, role, session;
	int site;    /* asked in a [site] section: met there only; else -1 */
	int day;     /* weekday, for a weekly request */
	date_t date; /* for a one-off request; day is its weekday */
	bool one_off;
	int nth;   /* weekly: 0; monthly: the nth weekday (1-5, -1 last) */
	int weeks; /* NET_WEEK_A, NET_WEEK_B or both */
	int line;
};

struct net {
	char *file;
	char *name, *timezone;
	enum net_share share;	 /* the default of every role */
	bool carry_balances;	 /* fair shares owed carry to later weeks */
	int keep_cancelled_days; /* a cancelled session stays in feeds */
	int feed_refresh;	 /* minutes between client fetches */
	char *feed_url;		 /* https:// address of the feeds, or NULL */
	bool feed_away;		 /* a person's days away in their own feed */
	bool feed_uncovered;	 /* requests not covered in practice feeds */
	struct net_session *sessions; /* in order of start time */
	int nsessions;
	struct net_practice *practices;
	int npractices;
	struct net_site *sites; /* main sites first, then the rest */
	int nsites;
	struct net_travel *travel;
	int ntravel;
	struct net_role *roles;
	int nroles;
	struct net_staff *staff;
	int nstaff;
	struct net_request *requests;
	int nrequests;
	/* Bank holidays, sorted: closed but for the sessions opted in. */
	date_t *holidays;
	int nholidays;
	bool holiday_open[NET_MAX_SESSIONS];
	/* Where they come from (a region's name or a file; NULL for none
	 * wanted) and the last date they are known for (0: none). */
	char *holidays_source;
	date_t holidays_until;
	/* Leave calendars are read from leave_from to leave_until only (the
	 * first of them named in leave_source; NULL when none is read). */
	long week_placements; /* net_week_placements, once the file is read */
	char *leave_source;
	bool leave_source_more;
	date_t leave_from, leave_until;
	/* Events of those calendars that reach outside that window. */
	struct net_unread *unread;
	int nunread;
	bool no_evening_then_morning; /* no late session, then a morning one */
	struct net_weights weights;
	int ea_minutes; /* Enhanced Access owed a week; 0 without EA sessions */
	int ea_max_minutes; /* at most this a week; 0: no ceiling */
	date_t week_a;	    /* the Monday of a week A; 0: no week B */
	int weeks_ahead;    /* weeks replan keeps published, this one first */
	int history_weeks;  /* weeks past kept in feeds and the state */
	/* What was read: the file and every calendar, as bytes. */
	struct digest input;
	/* Calendars by address: those read from the last good copy after a
	 * failed fetch, and the age in seconds of the oldest copy used. */
	int calendar_failures;
	long long calendar_oldest_age;
	char *absences; /* the file pcnrota absence keeps; NULL: none named */
	/* Money: minutes a week of one whole-time equivalent, where ARRS
	 * pays, the ARRS year (April of it to March; 0: not said) and whether
	 * recharges settle sessions received against shares. */
	int wte_minutes;
	enum net_area arrs_area;
	int arrs_year;
	bool recharge_sessions;
};

/* One concrete session in the planning horizon. */
struct net_slot {
	date_t date;
	int day, session, week; /* week counts from 0 */
	int parity;		/* NET_WEEK_A or NET_WEEK_B */
};

void net_free(struct net *);
/* The week (NET_WEEK_A or NET_WEEK_B) a date is in; A without week_a. */
int net_week_parity(const struct net *, date_t);
/* Whether a date is the nth (1-5, or -1: the last) of its weekday in its
 * month; nth 0 is every week. */
bool net_nth_weekday(date_t, int nth);
/* The slot of a session on a date. */
void net_slot_at(const struct net *, date_t, int session, struct net_slot *);
/* Works the weekly slot of the slot's week by pattern. */
bool net_works(const struct net *, int staff, const struct net_slot *);
/* A site's closures (not its weekly rooms) close it in the slot. */
bool net_closed(const struct net *, int site, const struct net_slot *);
/*
 * A request that is not needed: a bank holiday or a closure shuts every
 * site of its practice that would otherwise be open then.
 */
bool net_request_not_needed(const struct net *, const struct net_request *,
			    const struct net_slot *);
int net_find_session(const struct net *, const char *id);
int net_find_practice(const struct net *, const char *id);
int net_find_role(const struct net *, const char *id);
int net_find_staff(const struct net *, const char *id);

/* The weight a practice's share of a role is computed from. */
double net_share_weight(const struct net *, int role, int practice);
const char *net_share_name(enum net_share);
/* The network's basis, or "each role's agreement" when roles differ. */
const char *net_share_label(const struct net *);

/* The leave (of any kind) staff has in session on date, or NULL. */
const struct net_leave *net_leave_at(const struct net *, int staff, date_t,
				     int session);
bool net_on_leave(const struct net *, int staff, date_t, int session);
/* Employed on the date (start and end dates). */
bool net_employed(const struct net *, int staff, date_t);
/* Works the slot by pattern, is employed and is not on leave. */
bool net_available(const struct net *, int staff, const struct net_slot *);
/* Available, and some practice they may work at has room then. */
bool net_can_work(const struct net *, int staff, const struct net_slot *);
/* Rooms at a site in the slot; none when a bank holiday or a closure
 * closes it. */
int net_rooms(const struct net *, int site, const struct net_slot *);
/* Rooms at all of a practice's sites in the slot. */
int net_practice_rooms(const struct net *, int practice,
		       const struct net_slot *);
bool net_is_care_home(const struct net *, int site);
int net_care_homes(const struct net *);
/*
 * The rows reports group places by: row r is practice r (any of its
 * sites) below npractices, else site r when it is a care home.
 */
bool net_is_row(const struct net *, int row);
const char *net_row_name(const struct net *, int row);
/* The row a site falls in: its practice, or itself for a care home. */
int net_site_row(const struct net *, int site);
/* Some staff member of the role may work at the practice (a site of it). */
bool net_role_reaches(const struct net *, int role, int practice);
/* A practice staff may work at, or a care home whose round their role does. */
bool net_may_work_at_site(const struct net *, int staff, int site);
/* Minutes of travel between two sites a person may work at on one day;
 * -1 when the network does not allow the pair. */
int net_travel_minutes(const struct net *, int a, int b);
/* Whether a site allows a second site on the same day at all. */
bool net_site_travels(const struct net *, int site);
int net_find_site(const struct net *, const char *id);
/* Appends to the person's leave, the array grown by doubling: a calendar
 * may give 200000 days, and growing by one copies them all each time. */
void net_add_leave(struct net_staff *, const struct net_leave *);
bool net_holiday(const struct net *, date_t);
/* A bank holiday, and the session is not opted in to open on one. */
bool net_holiday_closed(const struct net *, date_t, int session);
/*
 * When days up to last may hold bank holidays the network cannot know
 * (its calendar ends before), a sentence saying so, to free; else NULL.
 */
char *net_holidays_warning(const struct net *, date_t last);
/*
 * Each calendar event that may fall on days first..last outside the window
 * calendars are read in, as "FILE:LINE: warning: ..." into d (NULL: only
 * counted); how many.
 */
struct diag;
int net_unread_warnings(const struct net *, date_t first, date_t last,
			struct diag *d);
/* The person needs no supervisor, or the site has one in the slot. */
bool net_supervised(const struct net *, int staff, int site,
		    const struct net_slot *);
/* Minutes of one sitting of a session. */
int net_session_minutes(const struct net *, int session);
bool net_request_in_slot(const struct net_request *, const struct net_slot *);
/*
 * Whether a day alone (mon, a date) names the session: the sessions held
 * that day but Enhanced Access ones, or on a day with only Enhanced Access
 * sessions, those. Every key reads a day so.
 */
bool net_day_session(const struct net *, int day, int session);
bool net_where_in_slot(const struct net *, const struct net_where *,
		       const struct net_slot *);
/* The practice staff is pinned to in the slot, or -1. */
int net_pinned(const struct net *, int staff, const struct net_slot *);
/* The site the pin of the slot names, or -1 for any of its practice's. */
int net_pinned_site(const struct net *, int staff, const struct net_slot *);
/* Forbidden at every site of the practice then. */
bool net_forbidden(const struct net *, int staff, int practice,
		   const struct net_slot *);
/* Forbidden at the site then. */
bool net_forbidden_at(const struct net *, int staff, int site,
		      const struct net_slot *);
/* Whether staff would rather work at practice / on the slot's day. */
bool net_prefers_practice(const struct net *, int staff, int practice);
/* The same of a site: its practice or the site itself named. */
bool net_prefers_site(const struct net *, int staff, int site);
bool net_prefers_day(const struct net *, int staff, int day);
/* Late session (ends after 18:00), morning session (starts before noon). */
bool net_late(const struct net *, int session);
bool net_morning(const struct net *, int session);

/*
 * Every session held in weeks weeks from monday, by date then start time.
 * Returns the count; *slots is allocated.
 */
/*
 * The placements a model of one week without leave or bank holidays has:
 * staff, session and place where the staff member may work.
 */
long net_week_placements(const struct net *);
int net_slots(const struct net *, date_t monday, int weeks,
	      struct net_slot **slots);
/* Contracted minutes a week: hours, else sessions at their mean length. */
int net_contract_minutes(const struct net *, int staff);

/*
 * Contracted sessions in a week less leave, days not employed, and bank
 * holidays that close, on sessions normally worked.
 */
int net_capacity(const struct net *, int staff, date_t monday);

#endif
