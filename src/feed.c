/*
 * Feeds. The plan becomes store events (one per feed a session shows
 * in); each feed is then rendered from the store with libical, which
 * escapes TEXT and folds lines at 75 octets without splitting UTF-8.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <libical/ical.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "autoconf.h"
#include "digest.h"
#include "feed.h"
#include "html.h"
#include "publish.h"
#include "qr.h"
#include "tz.h"
#include "xmalloc.h"

/* One feed to write: its file, its title, its slice of the events. */
struct feed_file {
	char *name, *title, *kind, *owner;
	const struct store_event *events;
	int nevents;
	const struct net *net;
	const icalcomponent *vtimezone;
	const struct feed_opts *opts;
};

void
feed_uid(const char *network, const char *feed, const char *staff,
	 const char *date, const char *session, char *uid, size_t len)
{
	const char *parts[] = {network, feed, staff, date, session};
	char hex[DIGEST_HEX_LEN + 1];
	struct digest d;
	size_t i;

	digest_init(&d);
	for (i = 0; i < sizeof parts / sizeof *parts; i++)
		digest_string(&d, parts[i]);
	digest_hex(&d, hex);
	snprintf(uid, len, "%s@pcnrota", hex);
}

static char *
location(const struct net_site *p)
{
	char *s;

	if (p->address != NULL)
		xasprintf(&s, "%s, %s", p->name, p->address);
	else
		s = xstrdup(p->name);
	return s;
}

/* "Bob Jones (Physiotherapist), ..." for the others there, or NULL. */
static char *
colleagues(const struct net *n, const struct plan *p, int j)
{
	const struct plan_assign *a = &p->assigns[j];
	char *list = NULL, *next;
	int k;

	for (k = 0; k < p->nassigns; k++) {
		const struct plan_assign *o = &p->assigns[k];

		if (k == j || o->slot != a->slot || o->site != a->site)
			continue;
		xasprintf(&next, "%s%s%s (%s)", list ? list : "",
			  list ? ", " : "", n->staff[o->staff].name,
			  n->roles[n->staff[o->staff].role].name);
		free(list);
		list = next;
	}
	return list;
}

static struct store_event *
add_event(struct store_event **ev, int *n, int *cap)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*ev = xreallocarray(*ev, (size_t)*cap, sizeof **ev);
	}
	memset(&(*ev)[*n], 0, sizeof **ev);
	return &(*ev)[(*n)++];
}

/*
 * The key a feed's events carry in the state: "network", or KIND:ID such
 * as "staff:ann". Events are made and feeds filled by this one name.
 */
static char *
feed_key(const char *kind, const char *owner)
{
	char *key;

	if (strcmp(kind, "network") == 0)
		return xstrdup("network");
	xasprintf(&key, "%s:%s", kind, owner);
	return key;
}

/*
 * "morning" from "Morning", for a title that reads "Old Mill Surgery,
 * morning"; an acronym ("EA evening") or a name already in lower case is
 * kept as it is.
 */
static char *
session_phrase(const char *name)
{
	char *s = xstrdup(name);

	if (s[0] >= 'A' && s[0] <= 'Z' && (s[1] < 'A' || s[1] > 'Z'))
		s[0] = (char)(s[0] - 'A' + 'a');
	return s;
}

/* An all-day event ("20261201" to the next day): DTSTART;VALUE=DATE. */
static void
all_day(const struct net *n, const char *network, const char *feed,
	const char *who, date_t d, const char *summary,
	struct store_event **events, int *nevents, int *cap)
{
	struct store_event *e = add_event(events, nevents, cap);
	char date[16], uid[64];
	int y, m, dd;

	date_format(d, date);
	feed_uid(network, feed, who, date, "day", uid, sizeof uid);
	e->uid = xstrdup(uid);
	e->feed = xstrdup(feed);
	e->date = xstrdup(date);
	e->session = xstrdup("");
	e->staff = xstrdup(who);
	date_to_ymd(d, &y, &m, &dd);
	xasprintf(&e->dtstart, "%04d%02d%02d", y % 10000, m % 100, dd % 100);
	date_to_ymd(d + 1, &y, &m, &dd);
	xasprintf(&e->dtend, "%04d%02d%02d", y % 10000, m % 100, dd % 100);
	e->summary = xstrdup(summary);
	e->location = xstrdup("");
	xasprintf(&e->description, "%s: %s.", n->name, summary);
	e->categories = xstrdup("");
}

/* Whether the person is away the whole of day d, for whatever reason. */
static bool
away_all_day(const struct net_staff *st, date_t d)
{
	int i;

	for (i = 0; i < st->nleave; i++)
		if (st->leave[i].session < 0 && d >= st->leave[i].from &&
		    d <= st->leave[i].to)
			return true;
	return false;
}

/*
 * With feed_away, a person's own feed has their days away and the bank
 * holidays of the plan as all-day free events, which never say why: the
 * person knows, and nobody else sees their feed.
 */
static void
away_events(const struct net *n, const struct plan *p, const char *network,
	    struct store_event **events, int *nevents, int *cap)
{
	char *feed;
	date_t d;
	int i, k;

	if (!n->feed_away)
		return;
	for (i = 0; i < n->nstaff; i++) {
		feed = feed_key("staff", n->staff[i].id);
		for (d = p->monday; d < p->monday + 7 * p->weeks; d++) {
			/* Only the days they would have worked. */
			for (k = 0; k < NET_MAX_SESSIONS &&
				    !n->staff[i].works[date_weekday(d)][k];
			     k++)
				;
			if (k == NET_MAX_SESSIONS)
				continue;
			if (net_holiday(n, d))
				all_day(n, network, feed, n->staff[i].id, d,
					"Bank holiday", events, nevents, cap);
			else if (away_all_day(&n->staff[i], d))
				all_day(n, network, feed, n->staff[i].id, d,
					"Away", events, nevents, cap);
		}
		free(feed);
	}
}

/*
 * With feed_uncovered, a practice's feed has the sessions it asked for
 * and did not get, free (nobody comes): "Not covered: Clinical pharmacist".
 */
static void
uncovered_events(const struct net *n, const struct plan *p, const char *network,
		 struct store_event **events, int *nevents, int *cap)
{
	char date[16], start[DATE_STAMP_LEN], end[DATE_STAMP_LEN], uid[64],
	    *who, *feed;
	int i, k, same;

	if (!n->feed_uncovered)
		return;
	for (i = 0; i < p->nuncovered; i++) {
		const struct plan_uncovered *u = &p->uncovered[i];
		const struct net_slot *s = &p->slots[u->slot];
		const struct net_session *ss = &n->sessions[s->session];
		const struct net_request *rq = &n->requests[u->request];
		const struct net_practice *pr = &n->practices[rq->practice];
		const struct net_role *role = &n->roles[rq->role];
		struct store_event *e;

		/* Closed for the day: nobody expected anyone. */
		if (u->reason == PLAN_BANK_HOLIDAY || u->reason == PLAN_CLOSED)
			continue;
		/* Two requests of a role in one session: two events. */
		for (k = same = 0; k < i; k++)
			same += p->uncovered[k].slot == u->slot &&
				n->requests[p->uncovered[k].request].practice ==
				    rq->practice &&
				n->requests[p->uncovered[k].request].role ==
				    rq->role;
		date_format(s->date, date);
		date_format_stamp(s->date, ss->start, start);
		date_format_stamp(s->date, ss->end, end);
		feed = feed_key("practice", pr->id);
		xasprintf(&who, "need:%s:%d", role->id, same);
		feed_uid(network, feed, who, date, ss->id, uid, sizeof uid);
		e = add_event(events, nevents, cap);
		e->uid = xstrdup(uid);
		e->feed = feed;
		e->date = xstrdup(date);
		e->session = xstrdup(ss->id);
		e->staff = who;
		e->dtstart = xstrdup(start);
		e->dtend = xstrdup(end);
		xasprintf(&e->summary, "Not covered: %s", role->name);
		e->location = location(&n->sites[rq->practice]);
		xasprintf(&e->description,
			  "%s asked for a %s in the %s session; nobody could "
			  "be placed.",
			  pr->name, role->name, ss->name);
		e->categories = xstrdup(role->name);
	}
}

void
feed_events(const struct net *n, const struct plan *p, const char *network,
	    struct store_event **events, int *nevents)
{
	char date[16], start[DATE_STAMP_LEN], end[DATE_STAMP_LEN], uid[64],
	    hhmm_s[8], hhmm_e[8];
	int j, k, nfeeds, cap = 0;

	*events = NULL;
	*nevents = 0;
	for (j = 0; j < p->nassigns; j++) {
		const struct plan_assign *a = &p->assigns[j];
		const struct net_slot *s = &p->slots[a->slot];
		const struct net_session *ss = &n->sessions[s->session];
		const struct net_staff *st = &n->staff[a->staff];
		const struct net_site *site = &n->sites[a->site];
		const char *role = n->roles[st->role].name;
		char *others = colleagues(n, p, j), *feeds[4], *summary[4],
		     *lead[4], *phrase = session_phrase(ss->name);
		/* A round is at a care home: in no practice's feed. */
		const char *what =
		    a->practice < 0 ? "care-home round at" : "at";

		date_format(s->date, date);
		date_format_stamp(s->date, ss->start, start);
		date_format_stamp(s->date, ss->end, end);
		date_format_hhmm(ss->start, hhmm_s);
		date_format_hhmm(ss->end, hhmm_e);
		nfeeds = 0;
		/*
		 * A person's own feed leads with where and when, which is
		 * what a phone shows of a title; their role is no news to
		 * them and goes in the description.
		 */
		feeds[nfeeds] = feed_key("staff", st->id);
		xasprintf(&summary[nfeeds], "%s, %s%s", site->name, phrase,
			  a->practice < 0 ? " round" : "");
		xasprintf(&lead[nfeeds++], "%s%s, %s session %s-%s.", role,
			  a->practice < 0 ? ", care-home round" : "", ss->name,
			  hhmm_s, hhmm_e);
		if (a->practice >= 0) {
			feeds[nfeeds] =
			    feed_key("practice", n->practices[a->practice].id);
			xasprintf(&summary[nfeeds], "%s (%s)", st->name, role);
			xasprintf(&lead[nfeeds++], "%s, %s session %s-%s.",
				  st->name, ss->name, hhmm_s, hhmm_e);
		}
		feeds[nfeeds] = feed_key("role", n->roles[st->role].id);
		xasprintf(&summary[nfeeds], "%s %s %s", st->name, what,
			  site->name);
		xasprintf(&lead[nfeeds++], "%s, %s session %s-%s.", st->name,
			  ss->name, hhmm_s, hhmm_e);
		feeds[nfeeds] = feed_key("network", NULL);
		xasprintf(&summary[nfeeds], "%s (%s) %s %s", st->name, role,
			  what, site->name);
		xasprintf(&lead[nfeeds++], "%s, %s session %s-%s.", st->name,
			  ss->name, hhmm_s, hhmm_e);
		for (k = 0; k < nfeeds; k++) {
			struct store_event *e =
			    add_event(events, nevents, &cap);

			feed_uid(network, feeds[k], st->id, date, ss->id, uid,
				 sizeof uid);
			e->uid = xstrdup(uid);
			e->feed = feeds[k];
			e->date = xstrdup(date);
			e->session = xstrdup(ss->id);
			e->staff = xstrdup(st->id);
			e->dtstart = xstrdup(start);
			e->dtend = xstrdup(end);
			e->summary = summary[k];
			e->location = location(site);
			xasprintf(&e->description, "%s%s%s", lead[k],
				  others ? " Also there: " : "",
				  others ? others : "");
			free(lead[k]);
			e->categories = xstrdup(role);
		}
		free(phrase);
		free(others);
	}
	away_events(n, p, network, events, nevents, &cap);
	uncovered_events(n, p, network, events, nevents, &cap);
}

static icalproperty *
local_prop(icalproperty *prop, const char *tzid)
{
	icalproperty_add_parameter(prop, icalparameter_new_tzid(tzid));
	return prop;
}

/* RFC 5545 TEXT escaping, for the properties written by hand. */
static char *
escape_text(const char *s)
{
	char *out = xmalloc(strlen(s) * 2 + 1), *o = out;

	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == ';' || *s == ',')
			*o++ = '\\';
		if (*s == '\n') {
			*o++ = '\\';
			*o++ = 'n';
			continue;
		}
		if (*s != '\r')
			*o++ = *s;
	}
	*o = '\0';
	return out;
}

/*
 * Whether an event leaves the time free: a cancelled session, a day away
 * or a bank holiday (a whole day), a request nobody covers.
 */
static bool
leaves_free(const struct store_event *e)
{
	return e->cancelled || strlen(e->dtstart) == 8 ||
	       strncmp(e->staff, "need:", 5) == 0;
}

static icalcomponent *
vevent(const struct store_event *e, const char *tzid)
{
	icalcomponent *ev = icalcomponent_new_vevent();
	struct icaltimetype stamp = icaltime_from_timet_with_zone(
	    (time_t)e->dtstamp, 0, icaltimezone_get_utc_timezone());
	char *cancelled;

	icalcomponent_add_property(ev, icalproperty_new_uid(e->uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
	icalcomponent_add_property(ev, icalproperty_new_sequence(e->sequence));
	if (strlen(e->dtstart) == 8) { /* a whole day: no time, no zone */
		icalcomponent_add_property(
		    ev,
		    icalproperty_new_dtstart(icaltime_from_string(e->dtstart)));
		icalcomponent_add_property(
		    ev, icalproperty_new_dtend(icaltime_from_string(e->dtend)));
	} else {
		icalcomponent_add_property(
		    ev, local_prop(icalproperty_new_dtstart(
				       icaltime_from_string(e->dtstart)),
				   tzid));
		icalcomponent_add_property(
		    ev, local_prop(icalproperty_new_dtend(
				       icaltime_from_string(e->dtend)),
				   tzid));
	}
	/* Some clients ignore STATUS:CANCELLED: the title says so too. */
	if (e->cancelled) {
		xasprintf(&cancelled, "Cancelled: %s", e->summary);
		icalcomponent_add_property(ev,
					   icalproperty_new_summary(cancelled));
		free(cancelled);
	} else
		icalcomponent_add_property(
		    ev, icalproperty_new_summary(e->summary));
	if (*e->location != '\0')
		icalcomponent_add_property(
		    ev, icalproperty_new_location(e->location));
	icalcomponent_add_property(
	    ev, icalproperty_new_description(e->description));
	icalcomponent_add_property(
	    ev, icalproperty_new_status(e->cancelled ? ICAL_STATUS_CANCELLED
						     : ICAL_STATUS_CONFIRMED));
	icalcomponent_add_property(
	    ev, icalproperty_new_transp(leaves_free(e) ? ICAL_TRANSP_TRANSPARENT
						       : ICAL_TRANSP_OPAQUE));
	return ev;
}

/* Writes "NAME:value" folded at 75 octets, never inside a UTF-8 character. */
static void
put_line(FILE *f, const char *name, const char *value)
{
	char *line;
	size_t len, pos = 0, width = 75, n;

	xasprintf(&line, "%s:%s", name, value);
	len = strlen(line);
	while (pos < len) {
		n = len - pos < width ? len - pos : width;
		while (n > 1 && pos + n < len &&
		       ((unsigned char)line[pos + n] & 0xc0) == 0x80)
			n--;
		if (pos > 0)
			fputc(' ', f);
		fwrite(line + pos, 1, n, f);
		fputs("\r\n", f);
		pos += n;
		width = 74; /* continuation lines start with a space */
	}
	free(line);
}

static void
put_text(FILE *f, const char *name, const char *text)
{
	char *escaped = escape_text(text);

	put_line(f, name, escaped);
	free(escaped);
}

static void
put_component(FILE *f, icalcomponent *c)
{
	char *text = icalcomponent_as_ical_string_r(c);

	fputs(text, f);
	free(text);
	icalcomponent_free(c);
}

/*
 * libical escapes neither commas nor semicolons in CATEGORIES, a list
 * separated by commas: the category goes in by hand, before the end.
 */
static void
put_event(FILE *f, const struct store_event *e, const char *tzid)
{
	icalcomponent *c = vevent(e, tzid);
	char *text = icalcomponent_as_ical_string_r(c);
	char *end = strstr(text, "END:VEVENT\r\n");

	if (end != NULL)
		*end = '\0';
	fputs(text, f);
	if (*e->categories != '\0')
		put_text(f, "CATEGORIES", e->categories);
	fputs("END:VEVENT\r\n", f);
	free(text);
	icalcomponent_free(c);
}

/*
 * The calendar's own properties are written here: libical escapes
 * backslashes but not commas or semicolons in X- properties.
 */
static int
write_feed(FILE *f, const void *arg)
{
	const struct feed_file *ff = arg;
	char ttl[32];
	int i;

	fputs("BEGIN:VCALENDAR\r\n", f);
	put_line(f, "VERSION", "2.0");
	put_line(f, "PRODID", "-//pcnrota//pcnrota " PACKAGE_VERSION "//EN");
	put_line(f, "CALSCALE", "GREGORIAN");
	put_line(f, "METHOD", "PUBLISH");
	put_text(f, "NAME", ff->title);
	put_text(f, "X-WR-CALNAME", ff->title);
	put_text(f, "X-WR-TIMEZONE", ff->net->timezone);
	snprintf(ttl, sizeof ttl, "PT%dM", ff->opts->refresh);
	put_line(f, "REFRESH-INTERVAL;VALUE=DURATION", ttl);
	put_line(f, "X-PUBLISHED-TTL", ttl);
	put_component(f,
		      icalcomponent_new_clone((icalcomponent *)ff->vtimezone));
	for (i = 0; i < ff->nevents; i++)
		put_event(f, &ff->events[i], ff->net->timezone);
	fputs("END:VCALENDAR\r\n", f);
	return ferror(f) ? -1 : 0;
}

struct feed_index {
	const struct net *net;
	const struct feed_file *files;
	int nfiles;
};

/* A feed's address, https:// or webcal://; NULL without feed_url. */
char *
feed_address(const struct net *n, const char *name, bool webcal)
{
	char *url;

	if (n->feed_url == NULL)
		return NULL;
	/* feed_url starts "https://" (cfg): webcal:// is the same place. */
	xasprintf(&url, "%s%s/%s", webcal ? "webcal://" : "https://",
		  n->feed_url + strlen("https://"), name);
	return url;
}

/* Who each kind of feed is for: the privacy model, on the page too. */
static const char *
audience(const char *kind)
{
	if (strcmp(kind, "network") == 0)
		return "the network's manager";
	if (strcmp(kind, "practice") == 0)
		return "that practice";
	if (strcmp(kind, "role") == 0)
		return "the lead of that role";
	return "that person only";
}

static int
write_index_html(FILE *f, const void *arg)
{
	const struct feed_index *ix = arg;
	char *https, *webcal;
	int i;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width\">\n"
	      "<title>",
	      f);
	html_text(f, ix->net->name);
	fputs(" feeds</title>\n<style>body{font-family:sans-serif}"
	      "td,th{padding:.2em .6em;text-align:left;vertical-align:top}"
	      "svg{display:block}</style>\n"
	      "</head>\n<body>\n<h1>",
	      f);
	html_text(f, ix->net->name);
	fputs(" calendar feeds</h1>\n<p>Every address here is a secret: "
	      "anyone who has it can read that calendar. Give each feed "
	      "only to those it is for, and never put this page on the "
	      "web. <code>pcnrota token --rotate</code> gives a feed whose "
	      "address has leaked a new one.</p>\n",
	      f);
	if (ix->net->feed_url == NULL)
		fputs("<p>Set <code>feed_url</code> in the network file to "
		      "see each feed's address and a QR code for it.</p>\n",
		      f);
	fputs("<table>\n<thead><tr><th scope=\"col\">Feed</th>"
	      "<th scope=\"col\">For</th><th scope=\"col\">Sessions</th>"
	      "<th scope=\"col\">Address</th></tr></thead>\n<tbody>\n",
	      f);
	for (i = 0; i < ix->nfiles; i++) {
		const struct feed_file *ff = &ix->files[i];

		https = feed_address(ix->net, ff->name, false);
		webcal = feed_address(ix->net, ff->name, true);
		fputs("<tr><td>", f);
		html_text(f, ff->title);
		fprintf(f, "</td><td>%s</td><td>%d</td><td>",
			audience(ff->kind), ff->nevents);
		if (https != NULL) {
			fputs("<a href=\"", f);
			html_text(f, webcal);
			fputs("\">Subscribe</a><br><a href=\"", f);
			html_text(f, https);
			fputs("\">", f);
			html_text(f, https);
			fputs("</a>", f);
			qr_svg(f, https, ff->title);
		} else {
			fputs("<a href=\"feeds/", f);
			html_text(f, ff->name);
			fputs("\">feeds/", f);
			html_text(f, ff->name);
			fputs("</a>", f);
		}
		fputs("</td></tr>\n", f);
		free(https);
		free(webcal);
	}
	fputs("</tbody>\n</table>\n</body>\n</html>\n", f);
	return ferror(f) ? -1 : 0;
}

/*
 * A field of feeds.txt: tab-separated, one feed a line, so a backslash,
 * TAB, line feed or carriage return in a name is written \\, \t, \n, \r.
 */
static void
put_field(FILE *f, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '\\':
			fputs("\\\\", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			fputc(*s, f);
		}
}

static int
write_index_text(FILE *f, const void *arg)
{
	const struct feed_index *ix = arg;
	char *https, *webcal;
	int i;

	for (i = 0; i < ix->nfiles; i++) {
		const struct feed_file *ff = &ix->files[i];

		https = feed_address(ix->net, ff->name, false);
		webcal = feed_address(ix->net, ff->name, true);
		fprintf(f, "%s\t%s\tfeeds/%s\t", ff->kind, ff->owner, ff->name);
		put_field(f, ff->title);
		fprintf(f, "\t%s\t%s\n", https ? https : "",
			webcal ? webcal : "");
		free(https);
		free(webcal);
	}
	return ferror(f) ? -1 : 0;
}

/* The events of one feed: they are contiguous, the store sorts by feed. */
static void
slice(const struct store_event *all, int n, const char *feed,
      struct feed_file *ff)
{
	int i;

	ff->events = NULL;
	ff->nevents = 0;
	for (i = 0; i < n; i++)
		if (strcmp(all[i].feed, feed) == 0) {
			if (ff->events == NULL)
				ff->events = &all[i];
			ff->nevents++;
		}
}

static void
add_file(struct feed_file **files, int *n, const char *kind, const char *owner,
	 char *name, char *title)
{
	struct feed_file *ff;

	*files = xreallocarray(*files, (size_t)*n + 1, sizeof **files);
	ff = &(*files)[(*n)++];
	memset(ff, 0, sizeof *ff);
	ff->kind = xstrdup(kind);
	ff->owner = xstrdup(owner);
	ff->name = name;
	ff->title = title;
}

/*
 * Every feed is named by a secret token kept in the state: a person's
 * under their staff ID (as before the other feeds had tokens, so their
 * addresses never change), the others under KIND:ID, "network:" for the
 * network's (identifiers hold no colon).
 */
char *
feed_token_owner(const char *kind, const char *owner)
{
	char *key;

	if (strcmp(kind, "staff") == 0)
		return xstrdup(owner);
	xasprintf(&key, "%s:%s", kind,
		  strcmp(kind, "network") == 0 ? "" : owner);
	return key;
}

static int
feed_name(struct store *store, const char *kind, const char *owner, char **name,
	  char **cause)
{
	char token[STORE_TOKEN_LEN + 1], *key = feed_token_owner(kind, owner);
	int rc = store_token(store, key, token, cause);

	free(key);
	if (rc == 0)
		xasprintf(name, "%s.ics", token);
	return rc;
}

/*
 * A feed gone from the network (a person who left, a practice or role
 * removed) with cancelled sessions: served, titled by its identifier,
 * until the cancellations expire, so that calendars drop the sessions.
 */
static int
add_departed(const struct net *n, struct store *store, const char *key,
	     struct feed_file **files, int *nfiles, char **cause)
{
	char *name, *title, *kind, *owner;
	const char *colon = strchr(key, ':');
	int i, rc = 0;

	if (colon == NULL)
		return 0;
	kind = xstrndup(key, (size_t)(colon - key));
	owner = xstrdup(colon + 1);
	for (i = 0; i < *nfiles; i++)
		if (strcmp((*files)[i].kind, kind) == 0 &&
		    strcmp((*files)[i].owner, owner) == 0)
			break;
	if (i == *nfiles &&
	    (strcmp(kind, "staff") == 0 || strcmp(kind, "practice") == 0 ||
	     strcmp(kind, "role") == 0) &&
	    (rc = feed_name(store, kind, owner, &name, cause)) == 0) {
		xasprintf(&title, "%s: %s", n->name, owner);
		add_file(files, nfiles, kind, owner, name, title);
	}
	free(kind);
	free(owner);
	return rc;
}

/* Every feed the network has, named and titled, and those departed. */
static int
feed_files(const struct net *n, struct store *store, struct feed_file **files,
	   int *nfiles, char **cause)
{
	char *name, *title, **keys;
	int i, nkeys, rc = 0;

	*files = NULL;
	*nfiles = 0;
	if (feed_name(store, "network", "network", &name, cause) != 0)
		return -1;
	xasprintf(&title, "%s rota", n->name);
	add_file(files, nfiles, "network", "network", name, title);
	for (i = 0; i < n->npractices; i++) {
		if (feed_name(store, "practice", n->practices[i].id, &name,
			      cause) != 0)
			return -1;
		xasprintf(&title, "%s: %s", n->name, n->practices[i].name);
		add_file(files, nfiles, "practice", n->practices[i].id, name,
			 title);
	}
	for (i = 0; i < n->nroles; i++) {
		if (feed_name(store, "role", n->roles[i].id, &name, cause) != 0)
			return -1;
		xasprintf(&title, "%s: %s", n->name, n->roles[i].name);
		add_file(files, nfiles, "role", n->roles[i].id, name, title);
	}
	for (i = 0; i < n->nstaff; i++) {
		if (feed_name(store, "staff", n->staff[i].id, &name, cause) !=
		    0)
			return -1;
		xasprintf(&title, "%s: %s", n->name, n->staff[i].name);
		add_file(files, nfiles, "staff", n->staff[i].id, name, title);
	}
	if (store_cancelled_feeds(store, &keys, &nkeys, cause) != 0)
		return -1;
	for (i = 0; i < nkeys; i++) {
		if (rc == 0)
			rc = add_departed(n, store, keys[i], files, nfiles,
					  cause);
		free(keys[i]);
	}
	free(keys);
	return rc;
}

static void
feed_files_free(struct feed_file *files, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(files[i].name);
		free(files[i].title);
		free(files[i].kind);
		free(files[i].owner);
	}
	free(files);
}

/* Removes feeds no longer published (a rotated token's old file). */
static void
remove_stale(const char *dir, const struct feed_file *files, int n)
{
	struct dirent *de;
	DIR *d;
	char *path;
	size_t len;
	int i;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".ics") != 0 ||
		    de->d_name[0] == '.')
			continue;
		for (i = 0; i < n; i++)
			if (strcmp(files[i].name, de->d_name) == 0)
				break;
		if (i < n)
			continue;
		xasprintf(&path, "%s/%s", dir, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

/* The year whose rules the VTIMEZONE gives: the earliest event's. */
static int
zone_year(const struct store_event *all, int n, long long now)
{
	date_t first = (date_t)(now / 86400), d;
	int i, y, m, dd;

	for (i = 0; i < n; i++)
		if (date_parse(all[i].date, &d) == 0 && (i == 0 || d < first))
			first = d;
	date_to_ymd(first, &y, &m, &dd);
	return y;
}

/* The feeds and index of one publication, written but not in place. */
struct feed_set {
	struct publish *feeds, *index;
	struct feed_file *files;
	int nfiles;
	char *feeds_dir;
};

void
feed_abort(struct feed_set *fs)
{
	if (fs == NULL)
		return;
	if (fs->feeds != NULL)
		publish_abort(fs->feeds);
	if (fs->index != NULL)
		publish_abort(fs->index);
	feed_files_free(fs->files, fs->nfiles);
	free(fs->feeds_dir);
	free(fs);
}

struct feed_set *
feed_prepare(const struct net *n, struct store *store, const char *dir,
	     const struct feed_opts *opts, char **cause)
{
	struct store_event *all;
	struct feed_set *fs;
	struct feed_index ix;
	icalcomponent *vtz;
	char *key;
	int nall, i, rc = -1;

	if (store_events(store, &all, &nall, cause) != 0)
		return NULL;
	if ((vtz = tz_vtimezone(n->timezone,
				zone_year(all, nall, opts->now))) == NULL) {
		xasprintf(cause,
			  "time zone %s cannot be written as yearly rules",
			  n->timezone);
		store_events_free(all, nall);
		return NULL;
	}
	fs = xcalloc(1, sizeof *fs);
	xasprintf(&fs->feeds_dir, "%s/feeds", dir);
	if (feed_files(n, store, &fs->files, &fs->nfiles, cause) != 0 ||
	    (fs->feeds = publish_open_sub(dir, "feeds", 0711, cause)) == NULL)
		goto out;
	for (i = 0; i < fs->nfiles; i++) {
		key = feed_key(fs->files[i].kind, fs->files[i].owner);
		slice(all, nall, key, &fs->files[i]);
		free(key);
		fs->files[i].net = n;
		fs->files[i].vtimezone = vtz;
		fs->files[i].opts = opts;
		if (publish_add(fs->feeds, fs->files[i].name, 0644, write_feed,
				&fs->files[i], cause) != 0)
			goto out;
	}
	ix.net = n;
	ix.files = fs->files;
	ix.nfiles = fs->nfiles;
	if ((fs->index = publish_open(dir, cause)) == NULL ||
	    publish_add(fs->index, "index.html", 0600, write_index_html, &ix,
			cause) != 0 ||
	    publish_add(fs->index, "feeds.txt", 0600, write_index_text, &ix,
			cause) != 0)
		goto out;
	rc = 0;
out:
	/* Everything is written: the events are no longer needed. */
	for (i = 0; i < fs->nfiles; i++) {
		fs->files[i].events = NULL;
		fs->files[i].nevents = 0;
	}
	store_events_free(all, nall);
	icalcomponent_free(vtz);
	if (rc != 0) {
		feed_abort(fs);
		return NULL;
	}
	return fs;
}

int
feed_commit(struct feed_set *fs, char **cause)
{
	int rc;

	rc = publish_commit(fs->feeds, cause);
	fs->feeds = NULL;
	if (rc == 0)
		remove_stale(fs->feeds_dir, fs->files, fs->nfiles);
	if (rc == 0)
		rc = publish_commit(fs->index, cause);
	else
		publish_abort(fs->index);
	fs->index = NULL;
	feed_abort(fs);
	return rc;
}

int
feed_write(const struct net *n, struct store *store, const char *dir,
	   const struct feed_opts *opts, char **cause)
{
	struct feed_set *fs;

	if ((fs = feed_prepare(n, store, dir, opts, cause)) == NULL)
		return -1;
	return feed_commit(fs, cause);
}
