#!/bin/sh
# Calendars by address, end to end, against a real HTTPS server on
# 127.0.0.1 (tests/fetch_server.py, Python's http.server and ssl) with a
# test CA made here by openssl: a sickness added to the served calendar
# reaches the next replan; an unchanged one costs a 304 and the night is
# quiet; a server that is down, fails, cuts the body short, sends 50 MB,
# redirects for ever or to http, or shows a bad or expired certificate
# leaves the last good copy in use, with a warning and exit 0; with no
# copy kept it is an error; the secret parts of the address appear
# nowhere. Every wait is bounded; nothing is timed.
. "${top_srcdir:-.}/tests/lib.sh"
command -v openssl >/dev/null || {
	echo "SKIP: no openssl"
	exit 77
}
secret_path=S3CRET-PATH-4f1c9a
secret_query=T0KEN-QUERY-b7e20d
now=2026-12-02T02:00
pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null; done' EXIT

# The test CA, a certificate for 127.0.0.1 it signs, one it signed for
# January 2020 only, and one from a CA nobody trusts.
ssl() { openssl "$@" >>"$tmp/openssl.log" 2>&1; }
mkdir "$tmp/ca" "$tmp/srv"
ssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/ca/ca.key" \
    -out "$tmp/ca.pem" -days 2 -subj "/CN=pcnrota test CA"
ssl req -newkey rsa:2048 -nodes -keyout "$tmp/srv.key" -out "$tmp/srv.csr" \
    -subj "/CN=127.0.0.1" -addext subjectAltName=IP:127.0.0.1
printf 'subjectAltName=IP:127.0.0.1\n' >"$tmp/ext"
ssl x509 -req -in "$tmp/srv.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca/ca.key" \
    -CAcreateserial -days 2 -extfile "$tmp/ext" -out "$tmp/srv.pem"
ssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/rogue.key" \
    -out "$tmp/rogue.pem" -days 2 -subj "/CN=127.0.0.1" \
    -addext subjectAltName=IP:127.0.0.1
: >"$tmp/ca/index.txt"
echo 01 >"$tmp/ca/serial"
cat >"$tmp/ca/ca.cnf" <<EOF
[ca]
default_ca = test
[test]
database = $tmp/ca/index.txt
new_certs_dir = $tmp/ca
serial = $tmp/ca/serial
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
[any]
commonName = supplied
EOF
ssl ca -batch -config "$tmp/ca/ca.cnf" -cert "$tmp/ca.pem" \
    -keyfile "$tmp/ca/ca.key" -in "$tmp/srv.csr" -out "$tmp/expired.pem" \
    -startdate 20200101000000Z -enddate 20200201000000Z
[ -s "$tmp/srv.pem" ] && [ -s "$tmp/rogue.pem" ] || {
	echo "FAIL: openssl could not make the test certificates:"
	cat "$tmp/openssl.log"
	exit 99
}
export PCNROTA_CA_BUNDLE="$tmp/ca.pem"

# serve CERT KEY [PORT]: starts the server, waits (bounded) for its port.
serve() {
	rm -f "$tmp/srv/port"
	"$PYTHON3" "$srcdir/tests/fetch_server.py" "$1" "$2" "$tmp/srv" \
	    ${3:-} 2>>"$tmp/server.log" &
	server=$!
	pids="$pids $server"
	i=0
	while [ ! -s "$tmp/srv/port" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	port=$(cat "$tmp/srv/port" 2>/dev/null)
	[ -n "$port" ]
}

# stop: stops the server started last, and waits for it.
stop() {
	kill "$server" 2>/dev/null
	wait "$server" 2>/dev/null
}

cat >"$tmp/srv/cal.ics" <<'EOF'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//pcnrota//tests//EN
BEGIN:VEVENT
UID:old-1@example.org
DTSTAMP:20261101T000000Z
DTSTART;VALUE=DATE:20261020
SUMMARY:Ben Okafor leave
END:VEVENT
END:VCALENDAR
EOF
: >"$tmp/server.log"
echo ok >"$tmp/srv/mode"
check "the HTTPS server starts ($(cat "$tmp/server.log"))" \
    serve "$tmp/srv.pem" "$tmp/srv.key"

# The network: tiny.ini, its shared calendar an address kept in a file
# that only its owner may read.
address="https://127.0.0.1:$port/leave/$secret_path.ics?key=$secret_query"
printf '%s\n' "$address" >"$tmp/team.url"
chmod 600 "$tmp/team.url"
sed '/^\[network\]/a leave_calendar = @team.url' \
    "$srcdir/fixtures/tiny.ini" >"$tmp/net.ini"
redacted="https://127.0.0.1:$port/…#"

replan() { run "$1" replan "$tmp/net.ini" --out "$tmp/out" --now "$now"; }
requests() { cat "$tmp/srv/log" 2>/dev/null | grep -c " $1\$"; }
cache_sum() { cat "$tmp/out/calendars/"*.ics 2>/dev/null | cksum; }
# placed STAFF DATE: how many sessions staff is placed in that day.
placed() {
	awk -F, -v s="$1" -v d="$2" '$7 == s && $1 == d { n++ } END { print n + 0 }' \
	    "$tmp/out/assignments.csv"
}
metric() {
	awk -v m="$1" 'index($0, m "{") == 1 { print $2 }' "$tmp/out/status.prom"
}

# 1. The group may read the address file: refused, with the file named.
chmod 640 "$tmp/team.url"
run perm check "$tmp/net.ini"
check "address file readable by the group: exit 3, not $(rc perm)" \
    [ "$(rc perm)" -eq 3 ]
check "address file readable by the group: said ($(cat "$tmp/perm.stderr"))" \
    grep -q "team.url: others than its owner may read it" "$tmp/perm.stderr"
chmod 600 "$tmp/team.url"

# 2. check fetches without keeping a copy.
run check check "$tmp/net.ini"
check "check fetches: exit $(rc check) ($(cat "$tmp/check.stderr"))" \
    [ "$(rc check)" -eq 0 ]
check "check keeps no copy" [ ! -e "$tmp/out" ]

# 3. The first night fetches (200), plans and keeps the copy.
replan first
check "first night: exit $(rc first) ($(cat "$tmp/first.stderr"))" \
    [ "$(rc first)" -eq 0 ]
check "first night: quiet on stderr ($(cat "$tmp/first.stderr"))" \
    [ ! -s "$tmp/first.stderr" ]
check "first night: a copy kept" [ -s "$tmp/out/calendars/"*.ics ]
check "first night: the cache is private" \
    [ "$(stat -c %a "$tmp/out/calendars")" = 700 ]
check "ann works on 7 December before she is sick" \
    [ "$(placed ann 2026-12-07)" -gt 0 ]

# 4. Nothing new: one 304, nothing printed.
n304=$(requests 304)
replan same
check "unchanged calendar: exit $(rc same)" [ "$(rc same)" -eq 0 ]
check "unchanged calendar: a 304" [ "$(requests 304)" -eq $((n304 + 1)) ]
check "unchanged calendar: nothing printed ($(cat "$tmp/same.stdout" "$tmp/same.stderr"))" \
    empty "$tmp/same.stdout" "$tmp/same.stderr"
check "status: no failures" [ "$(metric pcnrota_calendar_fetch_failures)" = 0 ]

# 5. Ann falls sick on Monday 7 December: the next night moves her.
sed -i '/^END:VCALENDAR/d' "$tmp/srv/cal.ics"
cat >>"$tmp/srv/cal.ics" <<'EOF'
BEGIN:VEVENT
UID:sick-1@example.org
DTSTAMP:20261201T000000Z
DTSTART;VALUE=DATE:20261207
SUMMARY:Off sick
CATEGORIES:SICKNESS
ATTENDEE;CN=Ann Patel:mailto:ann.patel@example.org
END:VEVENT
END:VCALENDAR
EOF
replan sick
check "sickness: exit $(rc sick) ($(cat "$tmp/sick.stderr"))" \
    [ "$(rc sick)" -eq 0 ]
check "sickness: the summary says so ($(cat "$tmp/sick.stdout"))" \
    grep -q "sickness" "$tmp/sick.stdout"
check "sickness: ann not placed on 7 December" \
    [ "$(placed ann 2026-12-07)" -eq 0 ]
good=$(cache_sum)
cp "$tmp/out/assignments.csv" "$tmp/assignments.good"

# failing NAME WHY: the night goes on with the kept copy.
failing() {
	replan "$1"
	check "$1: exit 0, not $(rc "$1") ($(cat "$tmp/$1.stderr"))" \
	    [ "$(rc "$1")" -eq 0 ]
	check "$1: warns ($(cat "$tmp/$1.stderr"))" \
	    grep -q "^$redacted[0-9a-f]*: cannot fetch (.*$2.*): using the copy fetched" \
	    "$tmp/$1.stderr"
	check "$1: nothing changes ($(cat "$tmp/$1.stdout"))" \
	    [ ! -s "$tmp/$1.stdout" ]
	check "$1: the copy is kept" [ "$(cache_sum)" = "$good" ]
	check "$1: the plan is kept (ann still off)" \
	    cmp -s "$tmp/out/assignments.csv" "$tmp/assignments.good"
	check "$1: status counts the failure" \
	    [ "$(metric pcnrota_calendar_fetch_failures)" = 1 ]
}

# 6. The server misbehaves in every way it can.
echo 500 >"$tmp/srv/mode"
failing error500 "HTTP 500"
echo truncate >"$tmp/srv/mode"
failing truncated "transfer closed"
echo big >"$tmp/srv/mode"
failing big "over 8388608 bytes"
echo bigchunk >"$tmp/srv/mode"
failing bigchunk "over 8388608 bytes"
echo loop >"$tmp/srv/mode"
failing loop "redirects"
echo http >"$tmp/srv/mode"
failing plain-http "http"
# What came is not a calendar (a login page, say): not kept.
echo ok >"$tmp/srv/mode"
cp "$tmp/srv/cal.ics" "$tmp/cal.good"
echo '<html>Sign in</html>' >"$tmp/srv/cal.ics"
failing not-calendar "not an iCalendar file"
cp "$tmp/cal.good" "$tmp/srv/cal.ics"

# 7. Certificates: one from an unknown CA, one expired; then nobody.
stop
if serve "$tmp/rogue.pem" "$tmp/rogue.key" "$port"; then
	failing rogue-cert "certificate"
	stop
else
	echo "SKIP: could not listen on port $port again"
fi
if [ -s "$tmp/expired.pem" ] &&
    serve "$tmp/expired.pem" "$tmp/srv.key" "$port"; then
	failing expired-cert "certificate has expired"
	stop
else
	echo "SKIP: no expired certificate ($(tail -1 "$tmp/openssl.log"))"
fi
failing down "connect"

# 8. A copy over a week old is warned of, and the status shows its age.
meta=$(ls "$tmp/out/calendars/"*.meta)
old=$(($(date +%s) - 8 * 86400))
sed -i "s/^fetched-at .*/fetched-at $old/" "$meta"
replan stale
check "stale copy: exit $(rc stale)" [ "$(rc stale)" -eq 0 ]
check "stale copy: warned ($(cat "$tmp/stale.stderr"))" \
    grep -q "the copy in use is 8 days old" "$tmp/stale.stderr"
check "stale copy: its age in the status" \
    [ "$(metric pcnrota_calendar_oldest_copy_age_seconds)" -ge $((8 * 86400)) ]

# 9. Never fetched and unreachable: an error naming the address redacted.
cp "$tmp/net.ini" "$tmp/new.ini"
run never replan "$tmp/new.ini" --out "$tmp/never" --now "$now"
check "never fetched, unreachable: exit 3, not $(rc never)" \
    [ "$(rc never)" -eq 3 ]
check "never fetched: said ($(cat "$tmp/never.stderr"))" \
    grep -q "new.ini:[0-9]*: $redacted[0-9a-f]*: cannot fetch, and no copy was kept" \
    "$tmp/never.stderr"

# 10. Back up: the server sees the copy's validators again.
serve "$tmp/srv.pem" "$tmp/srv.key" "$port"
n304=$(requests 304)
replan back
check "back up: exit $(rc back)" [ "$(rc back)" -eq 0 ]
check "back up: quiet ($(cat "$tmp/back.stdout" "$tmp/back.stderr"))" \
    empty "$tmp/back.stdout" "$tmp/back.stderr"
check "back up: a 304" [ "$(requests 304)" -eq $((n304 + 1)) ]
check "back up: status clear" \
    [ "$(metric pcnrota_calendar_fetch_failures)" = 0 ]

# 10b. The commands that only read (report, changes, token) fetch but
# write nothing, the cache included, though the served calendar changed
# (a run that keeps copies would keep the new one): a copy written by
# another user, root say, would stop the nightly run reading it.
snap() { stat -c '%n %a %s %Y' "$tmp/out/calendars" "$tmp/out/calendars/"*; cat "$tmp/out/calendars/"*; }
snap >"$tmp/cache.before"
cp "$tmp/srv/cal.ics" "$tmp/cal.good"
sed -i 's/^SUMMARY:Off sick$/SUMMARY:Off sick (flu)/' "$tmp/srv/cal.ics"
sleep 1 # a rewrite in the same second keeps the mtime
run rd-report report "$tmp/net.ini" --out "$tmp/out" --week 2026-W50
check "report: exit $(rc rd-report) ($(cat "$tmp/rd-report.stderr"))" \
    [ "$(rc rd-report)" -eq 0 ]
run rd-changes changes "$tmp/net.ini" --out "$tmp/out"
check "changes: exit $(rc rd-changes) ($(cat "$tmp/rd-changes.stderr"))" \
    [ "$(rc rd-changes)" -eq 0 ]
run rd-token token "$tmp/net.ini" --out "$tmp/out" ann
check "token: exit $(rc rd-token) ($(cat "$tmp/rd-token.stderr"))" \
    [ "$(rc rd-token)" -eq 0 ]
snap >"$tmp/cache.after"
check "report, changes or token wrote the cache: $(diff "$tmp/cache.before" "$tmp/cache.after" | head -4)" \
    cmp -s "$tmp/cache.before" "$tmp/cache.after"
cp "$tmp/cal.good" "$tmp/srv/cal.ics"

# 10c. The cache is beside the feeds, never among them (the nginx block
# serves DIR/feeds/TOKEN.ics only; tests/nginx.sh), and private: a
# folder and copies made readable by others (restored from a backup,
# copied by hand) are made 0700 and 0600 again by the next run.
check "the feeds folder holds other than feeds: $(ls -a "$tmp/out/feeds")" \
    [ -z "$(ls "$tmp/out/feeds" | grep -vxE '[0-9a-f]{32}\.ics')" ]
replan settle # the copy the server has: the next run gets a 304
chmod 755 "$tmp/out/calendars"
chmod 644 "$tmp/out/calendars/"*
n304=$(requests 304)
replan tighten
check "tighten: a 304, the copy left in place" [ "$(requests 304)" -eq $((n304 + 1)) ]
check "tighten: exit $(rc tighten) ($(cat "$tmp/tighten.stderr"))" \
    [ "$(rc tighten)" -eq 0 ]
check "tighten: the cache folder is $(stat -c %a "$tmp/out/calendars"), not 700" \
    [ "$(stat -c %a "$tmp/out/calendars")" = 700 ]
for f in "$tmp/out/calendars/"*; do
	check "tighten: $(basename "$f") is $(stat -c %a "$f"), not 600" \
	    [ "$(stat -c %a "$f")" = 600 ]
done

# 11. webcal:// is https://, given in the network file itself.
sed "s|^leave_calendar = .*|leave_calendar = webcal://127.0.0.1:$port/w/$secret_path?k=$secret_query|" \
    "$tmp/net.ini" >"$tmp/webcal.ini"
run webcal check "$tmp/webcal.ini"
check "webcal://: exit $(rc webcal) ($(cat "$tmp/webcal.stderr"))" \
    [ "$(rc webcal)" -eq 0 ]
stop

# 12. The secret is nowhere: not printed, not in the output folders.
leaks=$(grep -rlaF -e "$secret_path" -e "$secret_query" \
    "$tmp"/*.stdout "$tmp"/*.stderr "$tmp/out" "$tmp/never" 2>/dev/null)
check "the secret appears nowhere (found in: $leaks)" [ -z "$leaks" ]
# The server saw it: the test is not vacuous.
check "the server was asked for the secret address" \
    grep -q "$secret_path" "$tmp/srv/log"

finish
