/*
 * Calendars by address, with libcurl. Only https is spoken, redirects
 * included; the certificate is verified; a transfer is bounded in time and
 * size. The cache keeps the body (HEX.ics) and what a conditional request
 * needs (HEX.meta: validators, when, and the body's length and digest, so
 * that a body and a meta file of two runs are never taken together).
 */
#include <sys/stat.h>

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "autoconf.h"
#include "digest.h"
#include "fetch.h"
#include "leavecal.h"
#include "publish.h"
#include "xmalloc.h"

#define FETCH_MAX_VALIDATOR 256
#define FETCH_MAX_META 4096

/* What the cache keeps of one address besides its body. */
struct meta {
	long long fetched_at;
	size_t len;
	char digest[DIGEST_HEX_LEN + 1];
	char etag[FETCH_MAX_VALIDATOR + 1];
	char last_modified[FETCH_MAX_VALIDATOR + 1];
};

/* One transfer. */
struct xfer {
	char *body;
	size_t len, cap;
	bool too_big;
	char etag[FETCH_MAX_VALIDATOR + 1];
	char last_modified[FETCH_MAX_VALIDATOR + 1];
};

bool
fetch_is_address(const char *v)
{
	return strncasecmp(v, "https://", 8) == 0 ||
	       strncasecmp(v, "webcal://", 9) == 0;
}

/* The address to ask for: webcal:// is https://. To free. */
static char *
https_address(const char *address)
{
	char *s;

	if (strncasecmp(address, "webcal://", 9) == 0) {
		xasprintf(&s, "https://%s", address + 9);
		return s;
	}
	return xstrdup(address);
}

char *
fetch_redact(const char *address)
{
	struct digest d;
	char hex[DIGEST_HEX_LEN + 1], *out;
	const char *p, *host, *end, *at;
	size_t n, i, scheme;
	char buf[256];

	digest_init(&d);
	digest_string(&d, address);
	digest_hex(&d, hex);
	p = strstr(address, "://");
	scheme = p != NULL ? (size_t)(p - address) : 0;
	if (p == NULL || scheme > 16) {
		xasprintf(&out, "…#%.6s", hex);
		return out;
	}
	host = p + 3;
	end = host + strcspn(host, "/?#");
	/* user:password@ is a secret too. */
	for (at = host; at < end; at++)
		if (*at == '@')
			host = at + 1;
	n = (size_t)(end - host);
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)host[i];

		buf[i] = isalnum(c) || c == '.' || c == '-' || c == ':' ||
				 c == '[' || c == ']'
			     ? (char)tolower(c)
			     : '?';
	}
	buf[n] = '\0';
	xasprintf(&out, "%.*s://%s/…#%.6s", (int)scheme, address, buf, hex);
	for (i = 0; i < scheme; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
	return out;
}

void
fetch_free(struct fetch *f)
{
	free(f->body);
	free(f->error);
	memset(f, 0, sizeof *f);
}

/* The cache's file for address with suffix (".ics", ".meta"). To free. */
static char *
cache_path(const char *cache, const char *address, const char *suffix)
{
	struct digest d;
	char hex[DIGEST_HEX_LEN + 1], *https, *path;

	https = https_address(address);
	digest_init(&d);
	digest_string(&d, https);
	digest_hex(&d, hex);
	free(https);
	xasprintf(&path, "%s/%s%s", cache, hex, suffix);
	return path;
}

/* A whole small file, NUL-terminated; NULL when missing or unreadable. */
static char *
slurp(const char *path, size_t max, size_t *len)
{
	struct stat sb;
	char *buf;
	ssize_t r;
	size_t n = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    (size_t)sb.st_size > max) {
		close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	while (n < (size_t)sb.st_size) {
		r = read(fd, buf + n, (size_t)sb.st_size - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void
body_digest(const char *body, size_t len, char hex[DIGEST_HEX_LEN + 1])
{
	struct digest d;

	digest_init(&d);
	digest_bytes(&d, body, len);
	digest_hex(&d, hex);
}

static int
meta_read(const char *path, struct meta *m)
{
	char *text, *line, *save, *v;
	size_t len;
	int found = 0;

	memset(m, 0, sizeof *m);
	if ((text = slurp(path, FETCH_MAX_META, &len)) == NULL)
		return -1;
	for (line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		if ((v = strchr(line, ' ')) == NULL)
			continue;
		*v++ = '\0';
		if (strcmp(line, "fetched-at") == 0)
			found += sscanf(v, "%lld", &m->fetched_at) == 1;
		else if (strcmp(line, "length") == 0)
			found += sscanf(v, "%zu", &m->len) == 1;
		else if (strcmp(line, "digest") == 0 &&
			 strlen(v) == DIGEST_HEX_LEN) {
			memcpy(m->digest, v, DIGEST_HEX_LEN + 1);
			found++;
		} else if (strcmp(line, "etag") == 0)
			snprintf(m->etag, sizeof m->etag, "%s", v);
		else if (strcmp(line, "last-modified") == 0)
			snprintf(m->last_modified, sizeof m->last_modified,
				 "%s", v);
	}
	free(text);
	return found == 3 ? 0 : -1;
}

/* Puts bytes at path by a rename, so a reader sees old or new. */
static int
put_file(const char *path, const char *bytes, size_t len, char **cause)
{
	char *tmp;
	size_t n = 0;
	ssize_t w;
	int fd;

	xasprintf(&tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		xasprintf(cause, "cannot write the cache: %s", strerror(errno));
		free(tmp);
		return -1;
	}
	while (n < len) {
		w = write(fd, bytes + n, len - n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			break;
		n += (size_t)w;
	}
	if (n < len || fsync(fd) != 0 || close(fd) != 0 ||
	    rename(tmp, path) != 0) {
		xasprintf(cause, "cannot write the cache: %s", strerror(errno));
		if (n < len)
			close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

static int
meta_write(const char *path, const struct meta *m, char **cause)
{
	char *text;
	int rc;

	xasprintf(&text,
		  "fetched-at %lld\nlength %zu\ndigest %s\netag %s\n"
		  "last-modified %s\n",
		  m->fetched_at, m->len, m->digest, m->etag, m->last_modified);
	rc = put_file(path, text, strlen(text), cause);
	free(text);
	return rc;
}

/* The cache folder, made private: the copies name people's absences. */
static int
cache_folder(const char *cache, char **cause)
{
	struct stat sb;
	char *parent, *slash;

	parent = xstrdup(cache);
	if ((slash = strrchr(parent, '/')) != NULL && slash != parent) {
		*slash = '\0';
		if (publish_make_folder(parent, cause) != 0) {
			free(parent);
			return -1;
		}
	}
	free(parent);
	if (mkdir(cache, 0700) != 0 && errno != EEXIST) {
		xasprintf(cause, "%s: cannot create folder: %s", cache,
			  strerror(errno));
		return -1;
	}
	if (lstat(cache, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		xasprintf(cause, "%s: not a folder", cache);
		return -1;
	}
	return 0;
}

/*
 * A cache folder, or a copy in it, that the group or others may read (a
 * folder copied or restored with other modes, or made by hand) becomes
 * its owner's alone again: the copies say who is away, and why.
 */
static void
cache_private(const char *path, mode_t mode)
{
	struct stat sb;

	if (lstat(path, &sb) == 0 && sb.st_uid == geteuid() &&
	    (S_ISDIR(sb.st_mode) || S_ISREG(sb.st_mode)) &&
	    (sb.st_mode & 07777) != mode)
		(void)chmod(path, mode);
}

static void
cache_tighten(const char *cache, const char *address)
{
	char *path;

	cache_private(cache, 0700);
	path = cache_path(cache, address, ".ics");
	cache_private(path, 0600);
	free(path);
	path = cache_path(cache, address, ".meta");
	cache_private(path, 0600);
	free(path);
}

/* The kept copy, when its meta file vouches for it. */
static char *
cache_read(const char *cache, const char *address, struct meta *m, size_t *len)
{
	char hex[DIGEST_HEX_LEN + 1], *path, *body;

	path = cache_path(cache, address, ".meta");
	if (meta_read(path, m) != 0) {
		free(path);
		return NULL;
	}
	free(path);
	path = cache_path(cache, address, ".ics");
	body = slurp(path, LEAVECAL_MAX_FILE, len);
	free(path);
	if (body == NULL)
		return NULL;
	body_digest(body, *len, hex);
	if (*len != m->len || strcmp(hex, m->digest) != 0) {
		free(body);
		return NULL;
	}
	return body;
}

static size_t
on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct xfer *x = arg;
	size_t n = size * nmemb;

	if (n > LEAVECAL_MAX_FILE - x->len) {
		x->too_big = true;
		return 0;
	}
	if (x->len + n + 1 > x->cap) {
		x->cap = (x->len + n + 1) * 2;
		if (x->cap > LEAVECAL_MAX_FILE + 1)
			x->cap = LEAVECAL_MAX_FILE + 1;
		x->body = xreallocarray(x->body, x->cap, 1);
	}
	memcpy(x->body + x->len, data, n);
	x->len += n;
	x->body[x->len] = '\0';
	return n;
}

/* A header's value into buf, when the line is that header. */
static void
header_value(const char *line, size_t n, const char *name, char *buf,
	     size_t len)
{
	size_t k = strlen(name);

	if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':')
		return;
	line += k + 1;
	n -= k + 1;
	while (n > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		n--;
	}
	while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == '\n' ||
			 line[n - 1] == ' '))
		n--;
	if (n >= len || memchr(line, '\n', n) != NULL)
		return; /* too long to send back: ask without it */
	memcpy(buf, line, n);
	buf[n] = '\0';
}

static size_t
on_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct xfer *x = arg;
	size_t n = size * nmemb;

	/* Each response of a redirect starts afresh. */
	if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		x->etag[0] = '\0';
		x->last_modified[0] = '\0';
	}
	header_value(data, n, "ETag", x->etag, sizeof x->etag);
	header_value(data, n, "Last-Modified", x->last_modified,
		     sizeof x->last_modified);
	return n;
}

/*
 * The message of a failed transfer, never the address: curl's own text
 * when it does not quote the address's path, its generic one otherwise.
 */
static char *
curl_cause(CURLcode code, const char *errbuf, const char *address,
	   const struct xfer *x)
{
	const char *path = strstr(address, "://");
	char *cause;

	if (x->too_big || code == CURLE_FILESIZE_EXCEEDED) {
		xasprintf(&cause, "the calendar is over %d bytes",
			  LEAVECAL_MAX_FILE);
		return cause;
	}
	if (path != NULL)
		path = strpbrk(path + 3, "/?#");
	if (errbuf[0] != '\0' &&
	    (path == NULL || path[1] == '\0' || strstr(errbuf, path) == NULL))
		xasprintf(&cause, "%s", errbuf);
	else
		xasprintf(&cause, "%s", curl_easy_strerror(code));
	return cause;
}

/*
 * One GET, conditional on m when given. 0 with *status and x filled, or
 * -1 with *cause.
 */
static int
transfer(const char *address, const struct meta *m, struct xfer *x,
	 long *status, char **cause)
{
	static bool ready;
	char errbuf[CURL_ERROR_SIZE], *url, *h;
	struct curl_slist *headers = NULL;
	const char *ca;
	CURLcode code;
	CURL *curl;

	if (!ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
			xasprintf(cause, "cannot start libcurl");
			return -1;
		}
		ready = true;
	}
	if ((curl = curl_easy_init()) == NULL) {
		xasprintf(cause, "cannot start libcurl");
		return -1;
	}
	url = https_address(address);
	errbuf[0] = '\0';
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(curl, CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRECTS);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
	if ((ca = getenv(FETCH_CA_ENV)) != NULL && *ca != '\0')
		curl_easy_setopt(curl, CURLOPT_CAINFO, ca);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT,
			 (long)FETCH_CONNECT_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)FETCH_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
			 (curl_off_t)LEAVECAL_MAX_FILE);
	curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_USERAGENT,
			 PACKAGE_NAME "/" PACKAGE_VERSION);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, x);
	if (m != NULL && m->etag[0] != '\0') {
		xasprintf(&h, "If-None-Match: %s", m->etag);
		headers = curl_slist_append(headers, h);
		free(h);
	}
	if (m != NULL && m->last_modified[0] != '\0') {
		xasprintf(&h, "If-Modified-Since: %s", m->last_modified);
		headers = curl_slist_append(headers, h);
		free(h);
	}
	if (headers != NULL)
		curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	code = curl_easy_perform(curl);
	if (code == CURLE_OK)
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status);
	else
		*cause = curl_cause(code, errbuf, address, x);
	curl_slist_free_all(headers);
	curl_easy_cleanup(curl);
	free(url);
	return code == CURLE_OK ? 0 : -1;
}

/* A fresh calendar into the cache; failing to keep it is only a warning. */
static void
cache_keep(const char *cache, const char *address, const struct xfer *x,
	   long long now, char **warning)
{
	struct meta m;
	char *path;
	int rc;

	memset(&m, 0, sizeof m);
	m.fetched_at = now;
	m.len = x->len;
	body_digest(x->body, x->len, m.digest);
	snprintf(m.etag, sizeof m.etag, "%s", x->etag);
	snprintf(m.last_modified, sizeof m.last_modified, "%s",
		 x->last_modified);
	/* Made only now: a run that fails leaves no folder behind. */
	if (cache_folder(cache, warning) != 0)
		return;
	path = cache_path(cache, address, ".ics");
	rc = put_file(path, x->body, x->len, warning);
	free(path);
	if (rc != 0)
		return;
	path = cache_path(cache, address, ".meta");
	meta_write(path, &m, warning);
	free(path);
}

int
fetch_get(const char *address, const char *cache, bool keep, long long now,
	  fetch_check check, void *arg, struct fetch *f, char **cause)
{
	struct xfer x;
	struct meta m;
	char *kept = NULL, *why = NULL, *path;
	size_t kept_len = 0;
	long status = 0;

	memset(f, 0, sizeof *f);
	memset(&x, 0, sizeof x);
	if (cache != NULL && keep)
		cache_tighten(cache, address);
	if (cache != NULL)
		kept = cache_read(cache, address, &m, &kept_len);
	if (transfer(address, kept != NULL ? &m : NULL, &x, &status, &why) ==
	    0) {
		if (status == 304 && kept != NULL) {
			/* Unchanged: the kept copy, confirmed now. */
			f->body = kept;
			f->len = kept_len;
			f->how = FETCH_SAME;
			f->fetched_at = m.fetched_at = now;
			if (x.etag[0] != '\0')
				snprintf(m.etag, sizeof m.etag, "%s", x.etag);
			if (keep) {
				path = cache_path(cache, address, ".meta");
				meta_write(path, &m, &f->error);
				free(path);
				free(f->error);
				f->error = NULL;
			}
			free(x.body);
			if (check(f->body, f->len, arg, cause) != 0) {
				fetch_free(f);
				return -1;
			}
			return 0;
		}
		if (status != 200)
			xasprintf(&why, "the server answered HTTP %ld", status);
		else {
			if (x.body == NULL)
				x.body = xstrdup("");
			if (check(x.body, x.len, arg, &why) == 0) {
				f->body = x.body;
				f->len = x.len;
				f->fetched_at = now;
				f->how = cache != NULL && keep ? FETCH_NEW
							       : FETCH_NOSAVE;
				if (cache != NULL && keep) {
					cache_keep(cache, address, &x, now,
						   &f->error);
					free(f->error);
					f->error = NULL;
				}
				free(kept);
				return 0;
			}
		}
	}
	free(x.body);
	if (kept == NULL) {
		*cause = why;
		return -1;
	}
	/* The fetch failed: go on with the last good copy. */
	f->body = kept;
	f->len = kept_len;
	f->how = FETCH_KEPT;
	f->fetched_at = m.fetched_at;
	f->error = why;
	if (check(f->body, f->len, arg, cause) != 0) {
		fetch_free(f);
		return -1;
	}
	return 0;
}
