#!/bin/sh
# End to end over HTTP: nginx serves the feeds with contrib/nginx/pcnrota.conf
# as a calendar client fetches them: text/calendar in UTF-8, validators, the
# same bytes as on disk, no listing, nothing but feeds; and after an
# identical re-run, 304 Not Modified. The network is published where the
# shipped units put it, BASE/NAME with BASE a scratch folder in place of
# /var/lib/pcnrota, and fetched as /feeds/NAME/. Only 127.0.0.1 is
# contacted.
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

# The folder the shipped files name (pcnrota-replan@.service's --out
# folder, tmpfiles.d, the nginx block); only it is replaced.
shipped_base=/var/lib/pcnrota
base="$tmp/base"
name=riverside
out="$base/$name"
mkdir -p "$base"
chmod 0755 "$base"
plan() {
	"$PCNROTA" plan "$srcdir/fixtures/example.ini" --week 2026-W49 \
	    --gap 0.01 --now 2026-11-23T10:00 --out "$out" >"$tmp/plan.out" \
	    2>"$tmp/plan.err"
}
plan
check "plan failed: $(cat "$tmp/plan.err")" [ $? -eq 0 ]
staff=$(awk -F '\t' '$1 == "staff" { print $3; exit }' "$out/feeds.txt")
check "feeds.txt names no staff feed" [ -n "$staff" ]

# The server block as shipped, with only its address and base folder
# changed.
conf="$srcdir/contrib/nginx/pcnrota.conf"
check "the nginx block names $shipped_base/" \
    grep -q "^[[:space:]]*alias $shipped_base/" "$conf"
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
	    -e "s|$shipped_base/|$base/|g" \
	    "$conf" >"$tmp/pcnrota.conf"
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
	get feed "/feeds/$name/$f"
	check "GET /feeds/$name/$f: status $code, not 200" [ "$code" = 200 ]
	type=$(header feed Content-Type)
	check "GET /feeds/$name/$f: Content-Type \"$type\"" \
	    [ "$type" = "text/calendar; charset=utf-8" ]
	check "GET /feeds/$name/$f: no ETag" [ -n "$(header feed ETag)" ]
	check "GET /feeds/$name/$f: no Last-Modified" \
	    [ -n "$(header feed Last-Modified)" ]
	check "GET /feeds/$name/$f: Cache-Control \"$(header feed Cache-Control)\"" \
	    [ "$(header feed Cache-Control)" = "max-age=300" ]
	check "GET /feeds/$name/$f: body differs from the file" \
	    cmp -s "$tmp/feed.body" "$out/feeds/$f"
done
etag=$(header feed ETag)
modified=$(header feed Last-Modified)

# No listing of any folder, nothing but feeds.
for p in /feeds/ /feeds "/feeds/$name/" "/feeds/$name" / "/$name/" \
    "/$name/feeds/" "/feeds/$name/feeds/"; do
	get dir "$p"
	check "GET $p: status $code, not 301, 403 or 404" \
	    [ "$code" = 301 -o "$code" = 403 -o "$code" = 404 ]
	grep -qi -e "Index of" -e "\.ics" "$tmp/dir.body"
	check "GET $p lists a folder" [ $? -ne 0 ]
done
# What the output folder holds besides the feeds, a file ending in .ics
# there and not in feeds/, a status file as replan writes, a temporary
# file in feeds/, and a file that is not a feed.
printf '# status\n' >"$out/status.prom"
printf 'BEGIN:VCALENDAR\r\n' >"$out/private.ics"
: >"$out/feeds/.pcnrota-tmp.1.network.ics.abcdef"
: >"$out/feeds/notes.txt"
for f in feeds.txt index.html state.db status.prom assignments.csv \
    rota.html private.ics; do
	check "the output folder has no $f to try" [ -e "$out/$f" ]
	for p in "/$f" "/$name/$f" "/feeds/$name/$f" "/feeds/$f" \
	    "/feeds/$name/../$f" "/feeds/$name/%2e%2e/$f" \
	    "/feeds/$name/feeds/../$f" "/feeds/$name/network.ics/../../$f"; do
		get private "$p"
		check "GET $p: status $code, not 400, 403 or 404" \
		    [ "$code" = 400 -o "$code" = 403 -o "$code" = 404 ]
	done
done
for p in "/feeds/$name/network.ics.txt" "/feeds/$name/notes.txt" \
    "/feeds/$name/.pcnrota-tmp.1.network.ics.abcdef" \
    "/$name/feeds/network.ics" "/feeds/$name/feeds/network.ics" \
    "/feeds/network.ics" "/feeds/other/network.ics" \
    "/feeds/../$name/feeds/network.ics"; do
	get private "$p"
	check "GET $p: status $code, not 400, 403 or 404 (only feeds)" \
	    [ "$code" = 400 -o "$code" = 403 -o "$code" = 404 ]
done
rm -f "$out/status.prom" "$out/private.ics" "$out/feeds/notes.txt" \
    "$out/feeds/.pcnrota-tmp.1.network.ics.abcdef"

# The same plan again: the same bytes, left alone, so the validators hold.
# A second later, so that a file written again would get a new ETag.
sleep 1
plan
check "second plan failed: $(cat "$tmp/plan.err")" [ $? -eq 0 ]
f=${staff#feeds/}
get again "/feeds/$name/$f"
check "after an identical re-run, ETag $(header again ETag), was $etag" \
    [ "$(header again ETag)" = "$etag" ]
get cond "/feeds/$name/$f" -H "If-None-Match: $etag"
check "If-None-Match after an identical re-run: status $code, not 304" \
    [ "$code" = 304 ]
get since "/feeds/$name/$f" -H "If-Modified-Since: $modified"
check "If-Modified-Since after an identical re-run: status $code, not 304" \
    [ "$code" = 304 ]
get other "/feeds/$name/$f" -H 'If-None-Match: "0-0"'
check "If-None-Match with another ETag: status $code, not 200" \
    [ "$code" = 200 ]

stop_nginx
finish
