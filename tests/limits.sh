#!/bin/sh
# The documented limits (pcnrota.ini(5), LIMITS), each probed from just
# inside to just outside: one past each gets its clear message and exit
# 3 (2 for an option), at once, nothing written; exactly at the limit is
# accepted. (Their worst cases' CPU and memory are measured by hand and
# recorded in the page: no timing here.)
. "${top_srcdir:-.}/tests/lib.sh"

# net KIND N: a network file with N of KIND (practice, staff, role,
# session, request, site: places in all) and as few of the rest as it
# needs.
net() {
	awk -v kind="$1" -v n="$2" 'BEGIN {
	np = kind == "practice" ? n : kind == "request" ? 64 : 1
	ns = kind == "staff" ? n : 1
	nr = kind == "role" ? n : 1
	nse = kind == "session" ? n : 1
	nsite = kind == "site" ? n - 1 : 0
	print "[network]\nname = Limits PCN\n"
	for (i = 0; i < nse; i++)
		printf "[session s%d]\nname = S%d\nstart = %02d:%02d\nend = %02d:%02d\n\n",
		    i, i, int(i * 80 / 60), (i * 80) % 60,
		    int((i * 80 + 60) / 60), (i * 80 + 60) % 60
	for (i = 0; i < nr; i++)
		printf "[role r%d]\nname = R%d\n\n", i, i
	for (i = 0; i < np; i++) {
		printf "[practice p%d]\nname = P%d\nlist_size = 1000\nrooms = 9\n", i, i
		if (kind == "request") {
			# Weekly requests, n in all over the 64 practices (an
			# item given twice asks for two people).
			printf "requests ="
			for (j = i; j < n; j += np)
				printf " r0@mon.s0"
			printf "\n"
		}
		printf "\n"
	}
	for (i = 0; i < nsite; i++)
		printf "[site x%d]\npractice = p0\n\n", i
	for (i = 0; i < ns; i++)
		printf "[staff st%d]\nname = St%d\nrole = r0\nsessions = 1\n\n", i, i
	}' >"$tmp/$1-$2.ini"
}

# limit KIND MAX MESSAGE: MAX is fine, MAX + 1 gets MESSAGE.
limit() {
	net "$1" "$2"
	"$PCNROTA" check "$tmp/$1-$2.ini" >/dev/null 2>"$tmp/err"
	rc=$?
	check "$1: $2 is refused (exit $rc): $(head -n 3 "$tmp/err")" [ "$rc" -eq 0 ]
	over=$(($2 + 1))
	net "$1" "$over"
	"$PCNROTA" plan "$tmp/$1-$over.ini" --week 2026-W49 --out "$tmp/out" \
	    >/dev/null 2>"$tmp/err"
	rc=$?
	check "$1: $over: exit $rc, not 3" [ "$rc" -eq 3 ]
	if grep -Eq "^$tmp/$1-$over.ini:[0-9]+: $3\$" "$tmp/err"; then ok; else
		fail "$1: $over: stderr is '$(head -n 3 "$tmp/err")', not '$3'"
	fi
	check "$1: $over: an output folder was written" [ ! -e "$tmp/out" ]
}
limit practice 64 "more than 64 practices"
limit staff 500 "more than 500 staff"
limit role 32 "more than 32 roles"
limit session 16 "more than 16 sessions"
limit request 4000 "more than 4000 requests"
limit site 128 "more than 128 sites and care homes in all"

# A practice's list size (sums and shares of them cannot overflow).
sed 's/^list_size = 6000$/list_size = 10000001/' "$srcdir/fixtures/tiny.ini" \
    >"$tmp/list.ini"
"$PCNROTA" check "$tmp/list.ini" >/dev/null 2>"$tmp/err"
rc=$?
check "list size: exit $rc, not 3" [ "$rc" -eq 3 ]
check "list size: message: $(cat "$tmp/err")" grep -qx \
    "$tmp/list.ini:[0-9]*: list_size must be a whole number from 0 to 10000000, not \"10000001\"" \
    "$tmp/err"
sed 's/^list_size = 6000$/list_size = 10000000/' "$srcdir/fixtures/tiny.ini" \
    >"$tmp/list.ini"
check "list size 10000000 is refused" "$PCNROTA" check "$tmp/list.ini"

# Weeks planned at once.
"$PCNROTA" plan "$srcdir/fixtures/tiny.ini" --week 2026-W49 --weeks 13 \
    --out "$tmp/out" >/dev/null 2>"$tmp/err"
rc=$?
check "--weeks 13: exit $rc, not 2" [ "$rc" -eq 2 ]
check "--weeks 13: message: $(cat "$tmp/err")" \
    grep -q '^pcnrota: --weeks must be a number from 1 to 12, not "13"$' \
    "$tmp/err"
check "--weeks 13: an output folder was written" [ ! -e "$tmp/out" ]

# File sizes: a network file over 1 MiB, a calendar over 8 MiB (both
# refused before they are read), a line over 1000 bytes.
{ echo '[network]'; echo 'name = Big'; awk 'BEGIN {
	for (i = 0; i < 30000; i++) printf "; padding padding padding padding padding padding\n" }'
} >"$tmp/big.ini"
"$PCNROTA" check "$tmp/big.ini" >/dev/null 2>"$tmp/err"
rc=$?
check "big file: exit $rc, not 3" [ "$rc" -eq 3 ]
check "big file: message: $(cat "$tmp/err")" [ "$(cat "$tmp/err")" = \
    "$tmp/big.ini: file too large (over 1048576 bytes)" ]
printf 'BEGIN:VCALENDAR\r\n' >"$tmp/big.ics"
head -c 9000000 /dev/zero | tr '\0' 'x' | fold -w 70 >>"$tmp/big.ics"
sed "s|^works = mon-wed|works = mon-wed\nleave_calendar = $tmp/big.ics|" \
    "$srcdir/fixtures/tiny.ini" >"$tmp/bigcal.ini"
"$PCNROTA" check "$tmp/bigcal.ini" >/dev/null 2>"$tmp/err"
rc=$?
check "big calendar: exit $rc, not 3" [ "$rc" -eq 3 ]
check "big calendar: message: $(cat "$tmp/err")" \
    grep -q "$tmp/big.ics: file too large (over 8388608 bytes)\$" "$tmp/err"
awk 'BEGIN { printf "[network]\nname = "; for (i = 0; i < 1001; i++) printf "x"; print "" }' \
    >"$tmp/line.ini"
"$PCNROTA" check "$tmp/line.ini" >/dev/null 2>"$tmp/err"
# (The rest of the file's problems are reported too: it has no sessions.)
check "long line: message: $(cat "$tmp/err")" grep -qxF \
    "$tmp/line.ini:2: line too long (over 1000 bytes)" "$tmp/err"
check "long line: its key is said to be missing too" \
    sh -c "! grep -q 'needs' '$tmp/err'"

# Limits that hold alone can multiply into a model no machine solves in
# time: the placements of a week are limited too. 64 practices with rooms
# every session, one weekday session, N staff who may work anywhere:
# 5 x 64 x N placements; 125 staff is the limit (40000), 126 over it.
placements() {
	awk -v n="$1" 'BEGIN {
	print "[network]\nname = Placements PCN\n"
	print "[session am]\nstart = 08:30\nend = 12:30\n"
	print "[role r0]\n"
	for (i = 0; i < 64; i++)
		printf "[practice p%d]\nname = P%d\nlist_size = 1000\nrooms = 9\n\n", i, i
	for (i = 0; i < n; i++)
		printf "[staff st%d]\nname = St%d\nrole = r0\nsessions = 1\n\n", i, i
	}' >"$tmp/placements-$1.ini"
}
placements 125
"$PCNROTA" check "$tmp/placements-125.ini" >"$tmp/check.out" 2>"$tmp/err"
_st=$?
check "placements 40000: refused: $(cat "$tmp/err")" [ $_st -eq 0 ]
check "placements 40000: check does not tell the model's size" grep -qx \
    'Model: 40000 placements in a week without leave (limit 40000)' "$tmp/check.out"
placements 126
"$PCNROTA" plan "$tmp/placements-126.ini" --week 2026-W49 --out "$tmp/out" \
    >/dev/null 2>"$tmp/err"
rc=$?
check "placements 40320: exit $rc, not 3" [ "$rc" -eq 3 ]
check "placements 40320: message: $(cat "$tmp/err")" [ "$(cat "$tmp/err")" = \
    "$tmp/placements-126.ini: a week's model would have 40320 placements (staff, session and place each may work at), more than 40000: plan part of the network, or narrow practices, works or rooms" ]
check "placements 40320: an output folder was written" [ ! -e "$tmp/out" ]

# over NAME FILE MESSAGE [OPTIONS]: plan FILE exits 3 with MESSAGE (a
# whole line, a fixed string) and writes nothing.
over() {
	"$PCNROTA" plan "$2" --week 2026-W49 --now 2026-12-01T09:00 \
	    --out "$tmp/out" ${4:-} >/dev/null 2>"$tmp/err"
	rc=$?
	check "$1: exit $rc, not 3" [ "$rc" -eq 3 ]
	check "$1: no line '$3' in: $(head -n 3 "$tmp/err")" \
	    grep -qxF "$3" "$tmp/err"
	check "$1: an output folder was written" [ ! -e "$tmp/out" ]
}
# inside NAME FILE: plan FILE succeeds.
inside() {
	"$PCNROTA" plan "$2" --week 2026-W49 --now 2026-12-01T09:00 \
	    --out "$tmp/in" >/dev/null 2>"$tmp/err"
	rc=$?
	check "$1: refused (exit $rc): $(head -n 3 "$tmp/err")" planned "$rc"
	rm -rf "$tmp/in"
}

# A network file of exactly 1 MiB is read; one byte more is not.
pad() { # pad FILE BYTES: tiny.ini, then comment lines to BYTES in all
	cp "$srcdir/fixtures/tiny.ini" "$1"
	awk -v n=$(($2 - $(wc -c <"$1"))) 'BEGIN {
	for (; n > 60; n -= 60) { printf ";"; for (i = 0; i < 58; i++) printf "p"; print "" }
	if (n > 0) { printf ";"; for (i = 0; i < n - 2; i++) printf "p"; print "" } }' >>"$1"
}
pad "$tmp/mib.ini" 1048576
check "1 MiB file is $(wc -c <"$tmp/mib.ini") bytes" [ "$(wc -c <"$tmp/mib.ini")" -eq 1048576 ]
inside "1 MiB file" "$tmp/mib.ini"
pad "$tmp/mib1.ini" 1048577
over "1 MiB + 1 file" "$tmp/mib1.ini" "$tmp/mib1.ini: file too large (over 1048576 bytes)"

# A line of exactly 1000 bytes is read; of 1001 it is not.
longline() { # longline FILE BYTES: tiny.ini with a name line that long
	awk -v n="$2" '/^name = Tiny PCN$/ { printf "name = "
	for (i = 7; i < n; i++) printf "x"; print ""; next } { print }' \
	    "$srcdir/fixtures/tiny.ini" >"$1"
}
longline "$tmp/l1000.ini" 1000
inside "line of 1000 bytes" "$tmp/l1000.ini"
longline "$tmp/l1001.ini" 1001
over "line of 1001 bytes" "$tmp/l1001.ini" \
    "$tmp/l1001.ini:6: line too long (over 1000 bytes)"

# Twelve weeks at once are planned.
"$PCNROTA" plan "$srcdir/fixtures/tiny.ini" --week 2026-W49 --weeks 12 \
    --now 2026-12-01T09:00 --out "$tmp/in" >/dev/null 2>"$tmp/err"
rc=$?
check "--weeks 12: refused (exit $rc): $(cat "$tmp/err")" planned "$rc"
rm -rf "$tmp/in"

# Travel of 240 minutes, not 241.
for m in 240 241; do
	sed "s/^travel = millbrook:millbrook-village:20/travel = millbrook:millbrook-village:$m/" \
	    "$srcdir/fixtures/sites.ini" >"$tmp/travel-$m.ini"
done
inside "travel 240" "$tmp/travel-240.ini"
over "travel 241" "$tmp/travel-241.ini" \
    "$tmp/travel-241.ini:23: travel minutes must be a whole number from 0 to 240, not \"241\""

# Calendars, read around --now 2026-12-01: from 2024-11-30 to 2028-12-01.
# vcal FILE: the events on stdin, in a calendar.
vcal() {
	{
		printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n'
		cat
		printf 'END:VCALENDAR\r\n'
	} >"$1"
}
# days N: all-day events from 2024-11-30, 1463 days each (the window),
# N days in all.
days() {
	awk -v n="$1" 'BEGIN { for (k = 0; n > 0; k++) {
		d = n > 1463 ? 1463 : n
		printf "BEGIN:VEVENT\r\nUID:d%d\r\nSUMMARY:Ann Patel leave\r\n", k
		printf "DTSTART;VALUE=DATE:20241130\r\nDURATION:P%dD\r\nEND:VEVENT\r\n", d
		n -= d } }'
}
# with_calendar FILE ICS [KEY]: tiny.ini, Ann's leave_calendar ICS, or
# the network's KEY (closures).
with_calendar() {
	if [ -n "${3:-}" ]; then
		sed "s|^name = Tiny PCN\$|&\\n$3 = $2|" "$srcdir/fixtures/tiny.ini"
	else
		sed "s|^works = mon-wed\$|&\\nleave_calendar = $2|" \
		    "$srcdir/fixtures/tiny.ini"
	fi >"$1"
}

# 200000 days of absence in the window, not 200001.
days 200000 | vcal "$tmp/abs.ics"
with_calendar "$tmp/abs.ini" "$tmp/abs.ics"
inside "200000 absences" "$tmp/abs.ini"
days 200001 | vcal "$tmp/abs1.ics"
with_calendar "$tmp/abs1.ini" "$tmp/abs1.ics"
over "200001 absences" "$tmp/abs1.ini" \
    "$tmp/abs1.ics:$(($(grep -n 'UID:d136' "$tmp/abs1.ics" | cut -d: -f1) - 1)): more than 200000 absences in the window"

# 100000 steps of recurring rules, not 100001: daily rules step a day
# at a time from DTSTART to two days past the window (2028-12-03).
# steps N...: a daily rule of each N steps.
steps() {
	for n in "$@"; do
		start=$(date -u -d "2028-12-03 -$((n - 1)) days" +%Y%m%d)
		printf 'BEGIN:VEVENT\r\nUID:s%s\r\nSUMMARY:Ann Patel\r\n' "$n"
		printf 'DTSTART:%sT000000Z\r\nDURATION:PT1H\r\n' "$start"
		printf 'RRULE:FREQ=DAILY\r\nEND:VEVENT\r\n'
	done
}
steps 33333 33333 33334 | vcal "$tmp/steps.ics"
with_calendar "$tmp/steps.ini" "$tmp/steps.ics"
inside "100000 steps" "$tmp/steps.ini"
steps 33333 33333 33335 | vcal "$tmp/steps1.ics"
with_calendar "$tmp/steps1.ini" "$tmp/steps1.ics"
over "100001 steps" "$tmp/steps1.ini" \
    "$tmp/steps1.ics:18: event \"s33335\": RRULE:FREQ=DAILY takes more than 100000 steps to expand (the limit for a calendar)"

# A calendar of exactly 8 MiB (short events, the most libical reads) is
# read; one byte more is not.
bigcal() { # bigcal FILE BYTES
	awk -v n="$2" 'BEGIN {
	head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
	pad = "BEGIN:VEVENT\r\nUID:pad\r\nSUMMARY:Ann Patel\r\nDTSTART;VALUE=DATE:19990101\r\nX-PAD:"
	tail = "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	printf "%s", head; n -= length(head) + length(pad) + length(tail)
	for (k = 0; n > 400; k++) {
		e = sprintf("BEGIN:VEVENT\r\nUID:e%d\r\nSUMMARY:Ann Patel\r\nDTSTART;VALUE=DATE:%d%02d%02d\r\nEND:VEVENT\r\n", k, 2000 + k % 60, 1 + k % 12, 1 + k % 28)
		printf "%s", e; n -= length(e) }
	# The rest in one X- property of the last event.
	printf "%s", pad
	for (; n > 0; n--) printf "x"
	printf "%s", tail }' >"$1"
}
bigcal "$tmp/8mib.ics" 8388608
check "8 MiB calendar is $(wc -c <"$tmp/8mib.ics") bytes" [ "$(wc -c <"$tmp/8mib.ics")" -eq 8388608 ]
with_calendar "$tmp/8mib.ini" "$tmp/8mib.ics"
inside "8 MiB calendar" "$tmp/8mib.ini"
bigcal "$tmp/8mib1.ics" 8388609
with_calendar "$tmp/8mib1.ini" "$tmp/8mib1.ics"
over "8 MiB + 1 calendar" "$tmp/8mib1.ini" \
    "$tmp/8mib1.ini:44: $tmp/8mib1.ics: file too large (over 8388608 bytes)"

# A closures calendar may close a site in 5000 sessions, not 5001: four
# sessions every day, closed whole for 1250 days from 2024-11-30, and then
# one more session (08:00 to 09:00 the day after).
closures() { # closures NAME EXTRA-SESSIONS
	{
		printf '[network]\nname = Closures PCN\nclosures = %s.ics\n' "$1"
		for i in 0 1 2 3; do
			printf '[session s%d]\nstart = %02d:00\nend = %02d:00\n' \
			    "$i" $((8 + 3 * i)) $((10 + 3 * i))
			printf 'days = mon-sun\n'
		done
		printf '[practice p0]\nname = P\nlist_size = 1000\naddress = 1 High St\n'
		printf '[role r0]\n[staff st0]\nname = S\nrole = r0\nsessions = 1\n'
	} >"$tmp/$1.ini"
	{
		printf 'BEGIN:VEVENT\r\nUID:closed\r\nSUMMARY:Closed\r\n'
		printf 'DTSTART;VALUE=DATE:20241130\r\nDURATION:P1250D\r\nEND:VEVENT\r\n'
		[ "$2" -gt 0 ] && printf 'BEGIN:VEVENT\r\nUID:one\r\nSUMMARY:Closed\r\nDTSTART:20280503T080000Z\r\nDURATION:PT1H\r\nEND:VEVENT\r\n'
	} | vcal "$tmp/$1.ics"
}
closures closed5000 0
inside "5000 closed sessions" "$tmp/closed5000.ini"
closures closed5001 1
over "5001 closed sessions" "$tmp/closed5001.ini" \
    "$tmp/closed5001.ini:3: $tmp/closed5001.ics: more than 5000 closed sessions at p0"
finish
