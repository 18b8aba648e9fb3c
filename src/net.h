/*
 * The network model: practices, sessions, roles, staff and requests, as
 * read from the network file and checked. Owned by one struct net; every
 * string and array in it is freed by net_free.
 */
#ifndef NET_H
#define NET_H

#include <stdbool.h>

#include "date.h"

/* Limits, documented in pcnrota.ini(5). */
#define NET_MAX_PRACTICES 64
#define NET_MAX_STAFF 500
#define NET_MAX_ROLES 32
#define NET_MAX_SESSIONS 16
#define NET_MAX_REQUESTS 4000
#define NET_MAX_WEEKS 12
#define NET_DAYS 7

enum net_share { NET_SHARE_LIST, NET_SHARE_WEIGHTED };

struct net_session {
	char *id, *name;
	int start, end; /* minutes after local midnight */
	bool days[NET_DAYS];
	int line;
};

struct net_practice {
	char *id, *name, *ods, *address;
	long list_size;
	double weighted_list_size; /* < 0 when not given */
	/* Rooms for network staff in each weekly slot; 0 when closed. */
	int rooms[NET_DAYS][NET_MAX_SESSIONS];
	int line;
};

struct net_role {
	char *id, *name;
	int line;
};

struct net_leave {
	date_t from, to; /* inclusive */
	int session;	 /* -1 for whole days */
};

struct net_staff {
	char *id, *name;
	int role;
	int sessions; /* contracted per week */
	bool works[NET_DAYS][NET_MAX_SESSIONS];
	bool may_work_at[NET_MAX_PRACTICES];
	int base; /* practice index, -1 for none */
	struct net_leave *leave;
	int nleave;
	int line;
};

/* A practice asks for someone of a role in a session. */
struct net_request {
	int practice, role, session;
	int day;     /* weekday, for a weekly request */
	date_t date; /* for a one-off request; day is its weekday */
	bool one_off;
	int line;
};

struct net {
	char *file;
	char *name, *timezone;
	enum net_share share;
	int keep_cancelled_days;      /* a cancelled session stays in feeds */
	int feed_refresh;	      /* minutes between client fetches */
	struct net_session *sessions; /* in order of start time */
	int nsessions;
	struct net_practice *practices;
	int npractices;
	struct net_role *roles;
	int nroles;
	struct net_staff *staff;
	int nstaff;
	struct net_request *requests;
	int nrequests;
};

/* One concrete session in the planning horizon. */
struct net_slot {
	date_t date;
	int day, session, week; /* week counts from 0 */
};

void net_free(struct net *);
int net_find_session(const struct net *, const char *id);
int net_find_practice(const struct net *, const char *id);
int net_find_role(const struct net *, const char *id);
int net_find_staff(const struct net *, const char *id);

/* The weight a practice's share is computed from. */
double net_share_weight(const struct net *, int practice);
const char *net_share_name(enum net_share);

bool net_on_leave(const struct net *, int staff, date_t, int session);
/* Works the slot by pattern and is not on leave. */
bool net_available(const struct net *, int staff, const struct net_slot *);
/* Available, and some practice they may work at has room then. */
bool net_can_work(const struct net *, int staff, const struct net_slot *);
int net_rooms(const struct net *, int practice, const struct net_slot *);
bool net_request_in_slot(const struct net_request *, const struct net_slot *);

/*
 * Every session held in weeks weeks from monday, by date then start time.
 * Returns the count; *slots is allocated.
 */
int net_slots(const struct net *, date_t monday, int weeks,
	      struct net_slot **slots);
/* Contracted sessions in a week less leave on sessions normally worked. */
int net_capacity(const struct net *, int staff, date_t monday);

#endif
