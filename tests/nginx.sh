#!/bin/sh
# End to end over HTTP: nginx serves the feeds with contrib/nginx/pcnrota.conf
# as a calendar client fetches them: text/calendar in UTF-8, validators, the
# same bytes as on disk, no listing, nothing but feeds; and after an
# identical re-run, 304 Not Modified. Only 127.0.0.1 is contacted.
. "${top_srcdir:-.}/tests/lib.sh"

# unavailable WHY: under CI a missing tool is a failure, elsewhere a skip.
unavailable() {
	if [ -n "${CI:-}" ]; then
		fail "$1 (CI is set, so this cannot be skipped)"
		finish
	fi
	echo "SKIP: $1"
	rm -rf "$tmp"
	exit 77
}

nginx=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null)
[ -n "$nginx" ] || unavailable "nginx is not installed (apt-get install nginx-light)"
command -v curl >/dev/null || unavailable "curl is not installed (apt-get install curl)"

out="$tmp/out"
plan() {
	"$PCNROTA" plan "$srcdir/fixtures/example.ini" --week 2026-W49 \
	    --gap 0.01 --now 2026-11-23T10:00 --out "$out" >"$tmp/plan.out" \
	    2>"$tmp/plan.err"
}
plan
check "plan failed: $(cat "$tmp/plan.err")" [ $? -eq 0 ]
staff=$(awk -F '\t' '$1 == "staff" { print $3; exit }' "$out/feeds.txt")
check "feeds.txt names no staff feed" [ -n "$staff" ]

# The server block as shipped, with only its address and folder changed.
mkdir -p "$tmp/temp"
# Run by root, nginx runs as nobody, as a web server does: it must read
# the feeds by name through the feeds folder others cannot list (0711).
as=""
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
    setpriv --reuid=nobody --regid=nogroup --clear-groups \
	test -x "$out/feeds"; then
	as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	chown nobody "$tmp" "$tmp/temp"
	check "nobody can list the feeds folder" [ -z "$($as ls "$out/feeds" \
	    2>/dev/null)" ]
else
	echo "note: nginx runs as $(id -un), not as another user"
fi
nginx_pid=
stop_nginx() {
	if [ -n "$nginx_pid" ]; then
		kill "$nginx_pid" 2>/dev/null
		wait "$nginx_pid" 2>/dev/null
		nginx_pid=
	fi
}
trap stop_nginx EXIT
trap 'stop_nginx; exit 1' HUP INT TERM

# start_nginx PORT: starts nginx on 127.0.0.1:PORT; fails if it cannot listen.
start_nginx() {
	sed -e "s|^\([[:space:]]*\)listen .*;|\1listen 127.0.0.1:$1;|" \
	    -e "s|^\([[:space:]]*\)server_name .*;|\1server_name localhost;|" \
	    -e "s|^\([[:space:]]*\)root .*;|\1root $out;|" \
	    "$srcdir/contrib/nginx/pcnrota.conf" >"$tmp/pcnrota.conf"
	{
		[ "$(id -u)" -eq 0 ] && [ -z "$as" ] && echo "user root;"
		cat <<-EOF
		daemon off;
		master_process off;
		worker_processes 1;
		pid $tmp/nginx.pid;
		error_log $tmp/error.log info;
		events {
			worker_connections 64;
		}
		http {
			access_log $tmp/access.log;
			client_body_temp_path $tmp/temp/body;
			proxy_temp_path $tmp/temp/proxy;
			fastcgi_temp_path $tmp/temp/fastcgi;
			uwsgi_temp_path $tmp/temp/uwsgi;
			scgi_temp_path $tmp/temp/scgi;
			include $tmp/pcnrota.conf;
		}
		EOF
	} >"$tmp/nginx.conf"
	: >"$tmp/error.log"
	[ -n "$as" ] && chown nobody "$tmp/error.log"
	$as "$nginx" -p "$tmp" -e "$tmp/error.log" -c "$tmp/nginx.conf" \
	    2>>"$tmp/error.log" &
	nginx_pid=$!
	# Up when it answers; gone if it could not start. At most 5 s.
	i=0
	while [ $i -lt 50 ]; do
		if ! kill -0 "$nginx_pid" 2>/dev/null; then
			wait "$nginx_pid" 2>/dev/null
			nginx_pid=
			return 1
		fi
		curl -s --noproxy '*' --max-time 5 -o /dev/null \
		    "http://127.0.0.1:$1/" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	stop_nginx
	return 1
}

port=$((18000 + $$ % 1000))
tries=0
until start_nginx $port; do
	tries=$((tries + 1))
	if [ $tries -ge 10 ] ||
	    ! grep -q "Address already in use" "$tmp/error.log"; then
		fail "nginx did not start:"
		cat "$tmp/error.log"
		finish
	fi
	port=$((port + 1))
done
ok
base="http://127.0.0.1:$port"

# get NAME PATH [CURL OPTIONS...]: GET into $tmp/NAME.body and .headers;
# the status code in $code.
get() {
	n=$1
	p=$2
	shift 2
	code=$(curl -sS --noproxy '*' --max-time 5 --path-as-is \
	    -o "$tmp/$n.body" -D "$tmp/$n.headers" -w '%{http_code}' "$@" \
	    "$base$p")
}

# header NAME FIELD: the value of a response header, without CR.
header() {
	tr -d '\r' <"$tmp/$1.headers" |
	    sed -n "s/^$2: *//Ip" | head -n 1
}

# A calendar client's first fetch.
for f in network.ics "${staff#feeds/}"; do
	get feed "/feeds/$f"
	check "GET /feeds/$f: status $code, not 200" [ "$code" = 200 ]
	type=$(header feed Content-Type)
	check "GET /feeds/$f: Content-Type \"$type\"" \
	    [ "$type" = "text/calendar; charset=utf-8" ]
	check "GET /feeds/$f: no ETag" [ -n "$(header feed ETag)" ]
	check "GET /feeds/$f: no Last-Modified" \
	    [ -n "$(header feed Last-Modified)" ]
	check "GET /feeds/$f: Cache-Control \"$(header feed Cache-Control)\"" \
	    [ "$(header feed Cache-Control)" = "max-age=300" ]
	check "GET /feeds/$f: body differs from the file" \
	    cmp -s "$tmp/feed.body" "$out/feeds/$f"
done
etag=$(header feed ETag)
modified=$(header feed Last-Modified)

# No listing of the folder, nothing but feeds.
get dir /feeds/
check "GET /feeds/: status $code, not 403 or 404" \
    [ "$code" = 403 -o "$code" = 404 ]
grep -qi -e "Index of" -e "\.ics" "$tmp/dir.body"
check "GET /feeds/ lists the folder" [ $? -ne 0 ]
get dir2 /feeds
check "GET /feeds: status $code, not 301, 403 or 404" \
    [ "$code" = 301 -o "$code" = 403 -o "$code" = 404 ]
grep -qi -e "Index of" -e "\.ics" "$tmp/dir2.body"
check "GET /feeds lists the folder" [ $? -ne 0 ]
for p in /feeds.txt /index.html /state.db /feeds/../feeds.txt \
    /assignments.csv /feeds/network.ics.txt; do
	get private "$p"
	check "GET $p: status $code, not 403 or 404" \
	    [ "$code" = 403 -o "$code" = 404 ]
done
: >"$out/feeds/notes.txt"
get txt /feeds/notes.txt
check "GET /feeds/notes.txt: status $code, not 404 (only .ics is served)" \
    [ "$code" = 404 ]
rm -f "$out/feeds/notes.txt"

# The same plan again: the same bytes, left alone, so the validators hold.
# A second later, so that a file written again would get a new ETag.
sleep 1
plan
check "second plan failed: $(cat "$tmp/plan.err")" [ $? -eq 0 ]
f=${staff#feeds/}
get again "/feeds/$f"
check "after an identical re-run, ETag $(header again ETag), was $etag" \
    [ "$(header again ETag)" = "$etag" ]
get cond "/feeds/$f" -H "If-None-Match: $etag"
check "If-None-Match after an identical re-run: status $code, not 304" \
    [ "$code" = 304 ]
get since "/feeds/$f" -H "If-Modified-Since: $modified"
check "If-Modified-Since after an identical re-run: status $code, not 304" \
    [ "$code" = 304 ]
get other "/feeds/$f" -H 'If-None-Match: "0-0"'
check "If-None-Match with another ETag: status $code, not 200" \
    [ "$code" = 200 ]

stop_nginx
finish
