#!/bin/sh
# A real subscription client over HTTP: vdirsyncer (http storage, the way
# a calendar app subscribes) syncs a person's feed, a practice's and the
# network's from a local web server into folders, before and after a
# nightly re-plan in which one person is off sick (a cancellation),
# another is renamed and a third leaves. After each sync the client holds
# exactly what the feed holds, and its sessions still standing are
# exactly the new plan: the sick day cancelled ("Cancelled: ..."), the
# new name only, the leaver's later sessions cancelled. Only 127.0.0.1 is
# contacted. (vdirsyncer stores each event under a UID of its own, a hash
# of it, as "@" is not safe in its file names: events are compared by
# their time, SEQUENCE, STATUS, TRANSP, SUMMARY and DESCRIPTION.)
. "${top_srcdir:-.}/tests/lib.sh"

command -v vdirsyncer >/dev/null || {
	if [ -n "${CI:-}" ]; then
		fail "vdirsyncer is not installed (CI is set: no skipping)"
		finish
	fi
	echo "SKIP: vdirsyncer is not installed (apt-get install vdirsyncer)"
	rm -rf "$tmp"
	exit 77
}

ini="$tmp/network.ini"
out="$tmp/out"
# Two weeks ahead are enough, and keep the client's work small.
sed 's/^name = Riverside PCN$/&\
weeks_ahead = 2/' "$srcdir/fixtures/example.ini" >"$ini"
replan() { # replan NOW: the nightly run; must exit 0
	"$PCNROTA" replan "$ini" --out "$out" --now "$1" --time-limit 10 \
	    >"$tmp/replan.out" 2>&1
	_st=$?
	check "replan --now $1: $(cat "$tmp/replan.out")" [ $_st -eq 0 ]
}
replan 2026-11-23T02:00

# A web server for the feeds folder, as nginx would serve it.
server_pid=
stop_server() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
	[ -n "$server_pid" ] && wait "$server_pid" 2>/dev/null
	server_pid=
}
trap stop_server EXIT
trap 'stop_server; exit 1' HUP INT TERM
port=$((19000 + $$ % 1000))
tries=0
while :; do
	"$PYTHON3" -m http.server --bind 127.0.0.1 --directory "$out/feeds" \
	    "$port" >"$tmp/server.log" 2>&1 &
	server_pid=$!
	i=0
	while [ $i -lt 50 ] && kill -0 "$server_pid" 2>/dev/null &&
	    ! curl -s --noproxy '*' -o /dev/null "http://127.0.0.1:$port/"; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -0 "$server_pid" 2>/dev/null && break
	server_pid=
	tries=$((tries + 1))
	port=$((port + 1))
	[ $tries -lt 10 ] || { fail "no web server: $(cat "$tmp/server.log")"; finish; }
done

# The feeds subscribed to: Tom's own (he falls sick), Riverside's
# practice feed and the network's.
feed() { awk -F '\t' -v k="$1" -v o="$2" '$1 == k && $2 == o { print $3 }' \
    "$out/feeds.txt"; }
tom=$(feed staff tom)
river=$(feed practice riverside)
net=$(feed network network)
check "feeds.txt lacks a feed: tom $tom, riverside $river, network $net" \
    [ -n "$tom" ] && [ -n "$river" ] && [ -n "$net" ]
mkdir -p "$tmp/vds/status"
{
	printf '[general]\nstatus_path = "%s/vds/status/"\n' "$tmp"
	for s in tom:$tom river:$river net:$net; do
		n=${s%%:*} f=${s#*:}
		mkdir -p "$tmp/vds/$n"
		cat <<-EOF

		[pair $n]
		a = "${n}_remote"
		b = "${n}_local"
		collections = null
		conflict_resolution = "a wins"

		[storage ${n}_remote]
		type = "http"
		url = "http://127.0.0.1:$port/${f#feeds/}"

		[storage ${n}_local]
		type = "filesystem"
		path = "$tmp/vds/$n/"
		fileext = ".ics"
		EOF
	done
} >"$tmp/vds/config"
sync() { # sync LABEL: vdirsyncer syncs every pair
	vdirsyncer -c "$tmp/vds/config" sync >"$tmp/vds.log" 2>&1
	_st=$?
	check "$1: vdirsyncer sync failed: $(tail -n 5 "$tmp/vds.log")" [ $_st -eq 0 ]
}
# held LABEL NAME FEED: the client's copy is the feed, event for event.
held() {
	"$PYTHON3" - "$tmp/vds/$2" "$out/$3" >"$tmp/held" 2>&1 <<'EOF'
import glob, os, sys
import icalendar

# vdirsyncer's folders give each event a UID of their own (a hash: "@"
# is not safe in a file name), so events are compared by what they say.
def events(cals):
    got = []
    for cal in cals:
        for ev in cal.walk("VEVENT"):
            got.append((ev["DTSTART"].dt.isoformat(),
                        int(ev.get("SEQUENCE", 0)), str(ev.get("STATUS")),
                        str(ev.get("TRANSP")), str(ev.get("SUMMARY")),
                        str(ev.get("DESCRIPTION"))))
    return sorted(got)

local = events(icalendar.Calendar.from_ical(open(f, "rb").read())
               for f in glob.glob(os.path.join(sys.argv[1], "*.ics")))
remote = events([icalendar.Calendar.from_ical(open(sys.argv[2], "rb").read())])
for ev in sorted(set(local) ^ set(remote)):
    print(f"{'client' if ev in local else 'feed'} only: {ev[:5]}")
if len(local) != len(remote):
    print(f"{len(local) - len(remote)} events more in the client")
print(f"{len(local)} events held, {len(remote)} in the feed")
EOF
	check "$1: $2's copy is not the feed: $(head -n 5 "$tmp/held")" \
	    [ "$(wc -l <"$tmp/held")" -eq 1 ]
	tail -n 1 "$tmp/held" | sed "s/^/$1: $2: /"
}
vdirsyncer -c "$tmp/vds/config" discover </dev/null >"$tmp/vds.log" 2>&1
_st=$?
check "vdirsyncer discover failed: $(tail -n 5 "$tmp/vds.log")" [ $_st -eq 0 ]
sync first
for n in tom river net; do
	eval "f=\$$n"
	held first "$n" "$f"
done

# The night after: Tom off sick on 1 December, Priya renamed, Rachel gone.
sed -e '/^\[staff tom\]$/a\
sickness = 2026-12-01' -e 's/^name = Priya Nair$/name = Priya Shah/' "$ini" |
    awk '/^\[staff rachel\]$/ { skip = 1; next } /^\[/ { skip = 0 } !skip' \
    >"$tmp/next.ini"
check "next.ini: the edits did not all apply" \
    [ "$(grep -c '^sickness = 2026-12-01$\|^name = Priya Shah$' "$tmp/next.ini")" -eq 2 ] &&
    ! grep -q '^\[staff rachel\]$' "$tmp/next.ini"
cp "$tmp/next.ini" "$ini"
replan 2026-11-24T02:00
check "the re-plan moved feeds: $(feed network network) $(feed staff tom)" \
    [ "$(feed network network)" = "$net" ] && [ "$(feed staff tom)" = "$tom" ]
sync second
for n in tom river net; do
	eval "f=\$$n"
	held second "$n" "$f"
done

# What the client holds is the new plan: its standing sessions in the
# network feed are assignments.csv's from the new horizon on, by date,
# start and person, with the new name; Tom's 1 December and Rachel's
# later sessions are cancelled, titled so and free.
"$PYTHON3" - "$tmp/vds" "$out/assignments.csv" >"$tmp/plan.check" 2>&1 <<'EOF'
import csv, glob, os, sys
import icalendar

vds, plan = sys.argv[1:3]

def held(name):
    for f in glob.glob(os.path.join(vds, name, "*.ics")):
        for ev in icalendar.Calendar.from_ical(open(f, "rb").read()).walk(
                "VEVENT"):
            yield ev

bad = []
rows = list(csv.DictReader(open(plan, encoding="utf-8-sig")))
# From the re-plan's day on: sessions that had started were kept as
# published (under the old name, too).
first = "2026-11-24"
want = sorted((r["date"], r["start"], r["staff_name"]) for r in rows
              if r["date"] >= first)
got = []
for ev in held("net"):
    start = ev["DTSTART"].dt
    summary = str(ev["SUMMARY"])
    if str(ev["STATUS"]) == "CANCELLED":
        if not summary.startswith("Cancelled: ") or \
                str(ev["TRANSP"]) != "TRANSPARENT":
            bad.append(f"network: cancelled {summary!r} {ev['TRANSP']}")
        continue
    if ("Priya Nair" in summary or "Rachel" in summary) and \
            start.date().isoformat() >= first:
        bad.append(f"network: still standing: {summary!r} {start}")
    if start.date().isoformat() >= first:
        got.append((start.date().isoformat(), start.strftime("%H:%M"),
                    summary.split(" (")[0]))
got.sort()
if got != want:
    bad.append(f"network: {len(got)} standing sessions held, the plan has "
               f"{len(want)}; first differences: "
               f"{sorted(set(got) ^ set(want))[:3]}")
tom = [ev for ev in held("tom")
       if ev["DTSTART"].dt.date().isoformat() == "2026-12-01"]
if not tom or any(str(ev["STATUS"]) != "CANCELLED" or
                  not str(ev["SUMMARY"]).startswith("Cancelled: ") or
                  str(ev["TRANSP"]) != "TRANSPARENT" for ev in tom):
    bad.append(f"tom: 1 December not all cancelled: "
               f"{[(str(e['SUMMARY']), str(e['STATUS'])) for e in tom]}")
for ev in held("river"):
    for word in ("sick", "leave", "Sick", "Leave"):
        if word in str(ev["SUMMARY"]) + str(ev.get("DESCRIPTION", "")):
            bad.append(f"riverside: says why: {ev['SUMMARY']}")
print("\n".join(bad))
print(f"{len(got)} standing sessions held, {len(want)} planned")
sys.exit(1 if bad else 0)
EOF
_st=$?
check "the client does not show the new plan: $(head -n 5 "$tmp/plan.check")" \
    [ $_st -eq 0 ]
tail -n 1 "$tmp/plan.check"

stop_server
finish
