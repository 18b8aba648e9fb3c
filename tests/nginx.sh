#!/bin/sh
# End to end over HTTP: nginx serves the feeds with contrib/nginx/pcnrota.conf
# as a calendar client fetches them: text/calendar in UTF-8, validators, the
# same bytes as on disk, no listing, nothing but feeds; gzip for clients
# that ask, with validators that still give 304; after an identical
# re-run, 304 Not Modified. The privacy model from outside: no guessable
# address serves anyone's data (every identifier and name of the network
# tried), a rotated address stops serving, and feeds left at guessable
# names by an older pcnrota go at the next nightly run. The network is published where the
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
_st=$?
check "plan failed: $(cat "$tmp/plan.err")" [ $_st -eq 0 ]
staff=$(awk -F '\t' '$1 == "staff" { print $3; exit }' "$out/feeds.txt")
check "feeds.txt names no staff feed" [ -n "$staff" ]
netfeed=$(awk -F '\t' '$1 == "network" { print $3; exit }' "$out/feeds.txt")
check "feeds.txt names no network feed" [ -n "$netfeed" ]

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
for f in "${netfeed#feeds/}" "${staff#feeds/}"; do
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

# Compressed for a client that asks: the same bytes once gunzipped, a
# fraction of the size, Vary: Accept-Encoding; its (weak) ETag gives 304.
f=${netfeed#feeds/}
get gz "/feeds/$name/$f" -H 'Accept-Encoding: gzip'
check "gzip: status $code, not 200" [ "$code" = 200 ]
check "gzip: Content-Encoding \"$(header gz Content-Encoding)\", not gzip" \
    [ "$(header gz Content-Encoding)" = gzip ]
check "gzip: Vary \"$(header gz Vary)\", not Accept-Encoding" \
    [ "$(header gz Vary)" = Accept-Encoding ]
gunzip -c <"$tmp/gz.body" >"$tmp/gz.plain" 2>/dev/null
check "gzip: the body gunzipped differs from the file" \
    cmp -s "$tmp/gz.plain" "$out/feeds/$f"
zsize=$(wc -c <"$tmp/gz.body")
fsize=$(wc -c <"$out/feeds/$f")
echo "network feed: $fsize bytes, $zsize gzipped"
check "gzip: $zsize bytes of $fsize is not under a fifth" \
    [ $((zsize * 5)) -lt "$fsize" ]
gzetag=$(header gz ETag)
check "gzip: no ETag" [ -n "$gzetag" ]
get gzcond "/feeds/$name/$f" -H 'Accept-Encoding: gzip' \
    -H "If-None-Match: $gzetag"
check "gzip: If-None-Match $gzetag: status $code, not 304" [ "$code" = 304 ]
get gzsince "/feeds/$name/$f" -H 'Accept-Encoding: gzip' \
    -H "If-Modified-Since: $(header gz Last-Modified)"
check "gzip: If-Modified-Since: status $code, not 304" [ "$code" = 304 ]
get plaincond "/feeds/$name/$f" -H "If-None-Match: $gzetag"
check "If-None-Match with the gzip ETag, no gzip: status $code, not 304" \
    [ "$code" = 304 ]

# Privacy: every address made of what the network file says (its name,
# identifiers and people's names, as they are or as a URL would write
# them) serves nothing: 404.
"$PYTHON3" - "$srcdir/fixtures/example.ini" >"$tmp/guesses" <<'PY'
import configparser, re, sys
cp = configparser.ConfigParser(inline_comment_prefixes=(";", "#"),
                               interpolation=None)
cp.read(sys.argv[1], encoding="utf-8")
stems = {"network", "all", "rota", "index", "feeds", "calendar", "staff"}
for s in cp.sections():
    kind, _, ident = s.lower().partition(" ")
    ident = ident.strip()
    name = cp[s].get("name", "").lower()
    words = [w for w in re.split(r"[^a-z0-9]+", name) if w]
    for w in [ident] + ["-".join(words), "_".join(words), "".join(words)] + \
            words:
        if w:
            stems.update({w, f"{kind}-{w}", f"{kind}_{w}", f"{kind}{w}"})
for st in sorted(stems):
    print(st)
PY
# One curl for them all (a connection kept open): each address's status.
for g in $(cat "$tmp/guesses"); do
	printf 'url = "%s/feeds/%s/%s.ics"\noutput = "%s/guess.body"\n' \
	    "$base" "$name" "$g" "$tmp"
	printf 'url = "%s/feeds/%s/%s"\noutput = "%s/guess.body"\n' \
	    "$base" "$name" "$g" "$tmp"
done >"$tmp/guesses.curl"
curl -sS --noproxy '*' --max-time 60 -w '%{http_code} %{url_effective}\n' \
    -K "$tmp/guesses.curl" >"$tmp/guesses.codes"
guessed=$(wc -l <"$tmp/guesses.codes")
grep -v '^404 ' "$tmp/guesses.codes" >"$tmp/guesses.served"
leaked=$(wc -l <"$tmp/guesses.served")
check "guessable addresses serve: $(head -n 5 "$tmp/guesses.served")" \
    [ "$leaked" -eq 0 ]
echo "guessable addresses tried: $guessed, served: $leaked"
check "only $guessed guessable addresses tried" [ "$guessed" -gt 100 ]

# Rotation: a practice's and a person's feed get new names; the old
# addresses stop serving at once, the new ones serve.
person=$(awk -F '\t' '$1 == "staff" { print $2; exit }' "$out/feeds.txt")
for feed in practice:castle "$person"; do
	kind=${feed%%:*} id=${feed#*:}
	[ "$kind" = "$feed" ] && kind=staff
	was=$(awk -F '\t' -v k="$kind" -v i="$id" \
	    '$1 == k && $2 == i { print $3 }' "$out/feeds.txt")
	"$PCNROTA" token "$srcdir/fixtures/example.ini" --out "$out" \
	    --rotate "$feed" >"$tmp/rotate.out" 2>&1
	_st=$?
	check "token --rotate $feed: $(cat "$tmp/rotate.out")" [ $_st -eq 0 ]
	now=$(awk -F '\t' -v k="$kind" -v i="$id" \
	    '$1 == k && $2 == i { print $3 }' "$out/feeds.txt")
	check "token --rotate $feed: feeds.txt gives $now, was $was" \
	    [ -n "$now" ] && [ "$now" != "$was" ]
	check "token --rotate $feed: prints $(head -n 1 "$tmp/rotate.out"), not $out/$now" \
	    [ "$(head -n 1 "$tmp/rotate.out")" = "$out/$now" ]
	get old "/feeds/$name/${was#feeds/}"
	check "rotated $feed: the old address gives $code, not 404" \
	    [ "$code" = 404 ]
	get new "/feeds/$name/${now#feeds/}"
	check "rotated $feed: the new address gives $code, not 200" \
	    [ "$code" = 200 ]
done
staff=$(awk -F '\t' '$1 == "staff" { print $3; exit }' "$out/feeds.txt")
get feed "/feeds/$name/${staff#feeds/}"
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
# A kept copy of a leave calendar by address (DIR/calendars/DIGEST.ics,
# fetch.c), readable by all here so that only the server block keeps it
# in: it says who is away, and why.
cache=calendars/0123456789abcdef0123456789abcdef.ics
mkdir -p "$out/calendars"
printf 'BEGIN:VCALENDAR\r\nSUMMARY:Ann off sick\r\n' >"$out/$cache"
chmod 755 "$out/calendars"
chmod 644 "$out/$cache"
: >"$out/feeds/.pcnrota-tmp.1.network.ics.abcdef"
: >"$out/feeds/notes.txt"
for f in feeds.txt index.html state.db status.prom assignments.csv \
    rota.html private.ics "$cache"; do
	check "the output folder has no $f to try" [ -e "$out/$f" ]
	for p in "/$f" "/$name/$f" "/feeds/$name/$f" "/feeds/$f" \
	    "/feeds/$name/../$f" "/feeds/$name/%2e%2e/$f" \
	    "/feeds/$name/feeds/../$f" "/feeds/$name/network.ics/../../$f" \
	    "/feeds/$name/..%2f$f" "/feeds/$name/%2e%2e%2f$f" \
	    "/feeds/$name/$(basename "$f")"; do
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
rm -rf "$out/calendars"
rm -f "$out/status.prom" "$out/private.ics" "$out/feeds/notes.txt" \
    "$out/feeds/.pcnrota-tmp.1.network.ics.abcdef"

# The same plan again: the same bytes, left alone, so the validators hold.
# A second later, so that a file written again would get a new ETag.
sleep 1
plan
_st=$?
check "second plan failed: $(cat "$tmp/plan.err")" [ $_st -eq 0 ]
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

# An older pcnrota published network.ics, practice-ID.ics and role-ID.ics.
# The first nightly run after the upgrade, on an input that did not
# change, publishes every feed under its secret name and removes them.
"$PCNROTA" replan "$srcdir/fixtures/example.ini" --out "$out" \
    --now 2026-11-23T10:00 --time-limit 10 >"$tmp/replan.out" 2>&1
_st=$?
check "replan: $(cat "$tmp/replan.out")" [ $_st -eq 0 ]
netfeed=$(awk -F '\t' '$1 == "network" { print $3; exit }' "$out/feeds.txt")
for f in network.ics practice-castle.ics role-pharmacist.ics; do
	cp "$out/$netfeed" "$out/feeds/$f"
done
"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DELETE FROM meta WHERE key = ?", ("names",))
db.commit()' "$out/state.db"
get legacy "/feeds/$name/network.ics"
check "the planted network.ics is not served ($code)" [ "$code" = 200 ]
"$PCNROTA" replan "$srcdir/fixtures/example.ini" --out "$out" \
    --now 2026-11-23T10:00 --time-limit 10 >"$tmp/replan.out" 2>&1
_st=$?
check "replan after the upgrade: $(cat "$tmp/replan.out")" [ $_st -eq 0 ]
check "replan after the upgrade printed nothing: $(cat "$tmp/replan.out")" \
    [ ! -s "$tmp/replan.out" ]
for f in network.ics practice-castle.ics role-pharmacist.ics; do
	get legacy "/feeds/$name/$f"
	check "after the upgrade's first night, /feeds/$name/$f gives $code, not 404" \
	    [ "$code" = 404 ]
done

stop_nginx
finish
