/*
 * Calendars by address: fetched over https with libcurl, conditionally
 * (If-None-Match, If-Modified-Since), the last good copy kept in a cache
 * folder (DIR/calendars) as HEX.ics with HEX.meta beside it, HEX a digest
 * of the address. An address carries a secret: only fetch_redact's form
 * of it is shown, and it is stored nowhere, not even in the cache. A
 * struct fetch owns its strings; fetch_free frees them.
 */
#ifndef FETCH_H
#define FETCH_H

#include <stdbool.h>
#include <stddef.h>

#define FETCH_CONNECT_TIMEOUT 15 /* seconds */
#define FETCH_TIMEOUT 60	 /* seconds, the whole transfer */
#define FETCH_MAX_REDIRECTS 5
#define FETCH_STALE_DAYS 7 /* a copy older than this is warned of */
#define FETCH_MAX_ADDRESS 2048
#define FETCH_CA_ENV "PCNROTA_CA_BUNDLE"

enum fetch_how {
	FETCH_NEW,   /* fetched: the server sent the calendar */
	FETCH_SAME,  /* the server said it has not changed (304) */
	FETCH_KEPT,  /* the fetch failed: the last good copy */
	FETCH_NOSAVE /* fetched without a cache folder */
};

struct fetch {
	char *body; /* NUL-terminated; len bytes */
	size_t len;
	enum fetch_how how;
	long long fetched_at; /* Unix time the copy was last confirmed */
	char *error;	      /* why the fetch failed, for FETCH_KEPT */
};

/*
 * Says whether body is a calendar worth keeping: 0, or -1 with *cause.
 * Called on what fetch_get returns, fresh or from the cache.
 */
typedef int (*fetch_check)(const char *body, size_t len, void *arg,
			   char **cause);

/* Whether v is an address: https:// or webcal:// (read as https). */
bool fetch_is_address(const char *v);

/*
 * The address as it may be shown: scheme and host, the rest replaced by
 * a short digest of the whole, "https://host/…#3fa9c2". To free.
 */
char *fetch_redact(const char *address);

/*
 * Fetches the calendar at address into f, after check accepts it. With a
 * cache folder (NULL for none), asks the server only for a change since
 * the kept copy, and with keep keeps what it fetched (made private: 0700
 * and 0600, an older copy's modes tightened); without keep the folder is
 * only read, as by a command that only reads. When the fetch fails or
 * check refuses what came, returns the last good copy with f->error set.
 * -1 with *cause when there is no calendar to use. Neither message names
 * the address: the caller shows it redacted.
 */
int fetch_get(const char *address, const char *cache, bool keep, long long now,
	      fetch_check check, void *arg, struct fetch *f, char **cause);
void fetch_free(struct fetch *);

#endif
