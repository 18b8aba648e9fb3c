/*
 * The absences file: read with libical, changed, checked by the calendar
 * reader, and put in place by a rename under the file's lock. Sessions
 * are written as floating local times, which the reader takes in the
 * network's zone.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "absence.h"
#include "digest.h"
#include "leavecal.h"
#include "lock.h"
#include "xmalloc.h"

static const char *kinds[] = {"leave", "sickness", "training"};

int
absence_kind(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(name, kinds[i]) == 0)
			return (int)i;
	return -1;
}

const char *
absence_kind_name(enum net_absence kind)
{
	return kinds[kind];
}

/* The file's calendar, or a new one when there is no file yet. */
static icalcomponent *
load(const char *path, char **cause)
{
	struct stat sb;
	icalcomponent *cal;
	char *text;
	size_t n = 0;
	ssize_t r;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno != ENOENT) {
			xasprintf(cause, "%s: cannot read: %s", path,
				  strerror(errno));
			return NULL;
		}
		cal = icalcomponent_new_vcalendar();
		icalcomponent_add_property(cal,
					   icalproperty_new_version("2.0"));
		icalcomponent_add_property(
		    cal, icalproperty_new_prodid("-//pcnrota//absences//EN"));
		return cal;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > LEAVECAL_MAX_FILE) {
		xasprintf(cause, "%s: not a regular file under %d bytes", path,
			  LEAVECAL_MAX_FILE);
		close(fd);
		return NULL;
	}
	text = xmalloc((size_t)sb.st_size + 1);
	while (n < (size_t)sb.st_size) {
		if ((r = read(fd, text + n, (size_t)sb.st_size - n)) <= 0) {
			if (r < 0 && errno == EINTR)
				continue;
			break;
		}
		n += (size_t)r;
	}
	close(fd);
	text[n] = '\0';
	cal = icalparser_parse_string(text);
	free(text);
	if (cal == NULL || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		xasprintf(cause, "%s: not an iCalendar file pcnrota can edit",
			  path);
		if (cal != NULL)
			icalcomponent_free(cal);
		return NULL;
	}
	return cal;
}

/*
 * Writes the calendar to path by a rename, after the calendar reader
 * has read it back: the file is never one the next run refuses.
 */
static int
save(const char *path, const struct net *n, icalcomponent *cal, char **cause)
{
	struct leavecal lc;
	struct stat sb;
	char *text, *tmp, *why;
	size_t len, done = 0;
	ssize_t w;
	int fd, line;

	text = icalcomponent_as_ical_string_r(cal);
	len = strlen(text);
	if (leavecal_parse(text, len, n->timezone, 0, 0, &lc, &line, &why) !=
	    0) {
		xasprintf(cause,
			  "%s: the calendar made would not read back: %s", path,
			  why);
		free(why);
		free(text);
		return -1;
	}
	leavecal_free(&lc);
	xasprintf(&tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		xasprintf(cause, "%s: cannot write: %s", path, strerror(errno));
		free(tmp);
		free(text);
		return -1;
	}
	/* Absence reasons are private: the file's mode is kept, or 0600. */
	fchmod(fd, stat(path, &sb) == 0 ? sb.st_mode & 07777 : 0600);
	while (done < len) {
		if ((w = write(fd, text + done, len - done)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		done += (size_t)w;
	}
	free(text);
	if (done < len || fsync(fd) != 0) {
		xasprintf(cause, "%s: cannot write: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		xasprintf(cause, "%s: cannot write: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

/* The value of an X- property of ev, or NULL. */
static const char *
x_value(icalcomponent *ev, const char *name)
{
	icalproperty *p;
	const char *x;

	for (p = icalcomponent_get_first_property(ev, ICAL_X_PROPERTY);
	     p != NULL;
	     p = icalcomponent_get_next_property(ev, ICAL_X_PROPERTY))
		if ((x = icalproperty_get_x_name(p)) != NULL &&
		    strcasecmp(x, name) == 0)
			return icalproperty_get_value_as_string(p);
	return NULL;
}

static void
make_uid(const struct net *n, const struct absence *a,
	 char uid[ABSENCE_UID_LEN + 1])
{
	struct digest d;
	char hex[DIGEST_HEX_LEN + 1];

	digest_init(&d);
	digest_string(&d, n->staff[a->staff].id);
	digest_bytes(&d, &a->from, sizeof a->from);
	digest_bytes(&d, &a->to, sizeof a->to);
	digest_string(&d, a->session < 0 ? "" : n->sessions[a->session].id);
	digest_string(&d, absence_kind_name(a->kind));
	digest_hex(&d, hex);
	snprintf(uid, ABSENCE_UID_LEN + 1, "%.16s@pcnrota", hex);
}

/* The VEVENT of a record, as text. To free. */
static char *
event_text(const struct net *n, const struct absence *a, const char *uid)
{
	const struct net_staff *st = &n->staff[a->staff];
	const struct net_session *s;
	char *text, *when, from[11], to[11];
	const char *kind = absence_kind_name(a->kind);
	int y, m, d, y2, m2, d2;
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	date_format(a->from, from);
	date_format(a->to, to);
	date_to_ymd(a->from, &y, &m, &d);
	if (a->session < 0) {
		date_to_ymd(a->to + 1, &y2, &m2, &d2);
		xasprintf(&when,
			  "DTSTART;VALUE=DATE:%04d%02d%02d\r\n"
			  "DTEND;VALUE=DATE:%04d%02d%02d\r\n",
			  y, m, d, y2, m2, d2);
	} else {
		s = &n->sessions[a->session];
		xasprintf(&when,
			  "DTSTART:%04d%02d%02dT%02d%02d00\r\n"
			  "DTEND:%04d%02d%02dT%02d%02d00\r\n"
			  "RRULE:FREQ=DAILY;COUNT=%d\r\n",
			  y, m, d, s->start / 60, s->start % 60, y, m, d,
			  s->end / 60, s->end % 60, a->to - a->from + 1);
	}
	xasprintf(&text,
		  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
		  "PRODID:-//pcnrota//absences//EN\r\n"
		  "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:%s\r\n%s"
		  "SUMMARY:%s: %s\r\nCATEGORIES:%s\r\n"
		  "ATTENDEE;CN=%s:urn:x-pcnrota:staff:%s\r\n"
		  "X-PCNROTA-STAFF:%s\r\nX-PCNROTA-DATES:%s..%s\r\n"
		  "X-PCNROTA-SESSION:%s\r\nX-PCNROTA-REASON:%s\r\n"
		  "END:VEVENT\r\nEND:VCALENDAR\r\n",
		  uid, stamp, when, st->id, kind,
		  a->kind == NET_SICKNESS   ? "SICKNESS"
		  : a->kind == NET_TRAINING ? "TRAINING"
					    : "LEAVE",
		  st->id, st->id, st->id, from, to,
		  a->session < 0 ? "all" : n->sessions[a->session].id, kind);
	free(when);
	return text;
}

/* Takes the file's lock; -1 with *cause. */
static int
take(const char *path, char **cause)
{
	int fd = lock_take(path, ABSENCE_LOCK_WAIT, cause);

	return fd < 0 ? -1 : fd;
}

int
absence_add(const char *path, const struct net *n, const struct absence *a,
	    char uid[ABSENCE_UID_LEN + 1], char **cause)
{
	icalcomponent *cal, *wrap, *ev;
	char *text;
	int lock, rc = -1;

	make_uid(n, a, uid);
	if ((lock = take(path, cause)) < 0)
		return -1;
	if ((cal = load(path, cause)) == NULL)
		goto out;
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     ev != NULL;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		if (icalcomponent_get_uid(ev) != NULL &&
		    strcmp(icalcomponent_get_uid(ev), uid) == 0) {
			xasprintf(cause, "%s: already recorded as %s", path,
				  uid);
			rc = -2;
			goto out;
		}
	text = event_text(n, a, uid);
	wrap = icalparser_parse_string(text);
	free(text);
	if (wrap == NULL || (ev = icalcomponent_get_first_component(
				 wrap, ICAL_VEVENT_COMPONENT)) == NULL) {
		xasprintf(cause, "%s: cannot make the event", path);
		if (wrap != NULL)
			icalcomponent_free(wrap);
		goto out;
	}
	icalcomponent_remove_component(wrap, ev);
	icalcomponent_free(wrap);
	icalcomponent_add_component(cal, ev);
	rc = save(path, n, cal, cause);
out:
	if (cal != NULL)
		icalcomponent_free(cal);
	lock_release(lock);
	return rc;
}

int
absence_list(const char *path, FILE *f, char **cause)
{
	icalcomponent *cal, *ev;
	const char *uid, *v;
	int i = 0, lock;

	if ((lock = take(path, cause)) < 0)
		return -1;
	cal = load(path, cause);
	lock_release(lock);
	if (cal == NULL)
		return -1;
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     ev != NULL; ev = icalcomponent_get_next_component(
			     cal, ICAL_VEVENT_COMPONENT)) {
		uid = icalcomponent_get_uid(ev);
		fprintf(f, "%d\t%s", ++i, uid != NULL ? uid : "-");
		v = x_value(ev, "X-PCNROTA-STAFF");
		fprintf(f, "\t%s", v != NULL ? v : "-");
		v = x_value(ev, "X-PCNROTA-DATES");
		fprintf(f, "\t%s", v != NULL ? v : "-");
		v = x_value(ev, "X-PCNROTA-SESSION");
		fprintf(f, "\t%s", v != NULL ? v : "-");
		v = x_value(ev, "X-PCNROTA-REASON");
		fprintf(f, "\t%s\n", v != NULL ? v : "-");
	}
	icalcomponent_free(cal);
	return ferror(f) ? -1 : 0;
}

int
absence_remove(const char *path, const struct net *n, const char *which,
	       char **cause)
{
	icalcomponent *cal, *ev, *found = NULL;
	const char *uid;
	char *end;
	long want;
	int i = 0, lock, rc = -1;

	want = strtol(which, &end, 10);
	if (end == which || *end != '\0')
		want = 0;
	if ((lock = take(path, cause)) < 0)
		return -1;
	if ((cal = load(path, cause)) == NULL)
		goto out;
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     ev != NULL && found == NULL; ev = icalcomponent_get_next_component(
					      cal, ICAL_VEVENT_COMPONENT)) {
		uid = icalcomponent_get_uid(ev);
		if (++i == want || (uid != NULL && strcmp(uid, which) == 0))
			found = ev;
	}
	if (found == NULL) {
		xasprintf(cause, "%s: no absence \"%s\" (see --list)", path,
			  which);
		rc = -2;
		goto out;
	}
	icalcomponent_remove_component(cal, found);
	icalcomponent_free(found);
	rc = save(path, n, cal, cause);
out:
	if (cal != NULL)
		icalcomponent_free(cal);
	lock_release(lock);
	return rc;
}
