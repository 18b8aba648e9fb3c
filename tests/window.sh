#!/bin/sh
# Calendars are read over a window of 731 days either side of the run's
# day (--now): leave, sickness and closures outside it are not planned
# for, so a plan that reaches one names it (FILE:LINE, the event's UID,
# whose, the dates), before the window as after it and for a plan that
# straddles its edge; nothing is said of events the plan does not reach,
# of events for nobody in the network, or of a rule whose COUNT ends
# before; a nightly replan stays silent; check counts them.
. "${top_srcdir:-.}/tests/lib.sh"

not() { ! "$@"; }

# network FILE EXTRA-NETWORK-LINE [EXTRA-ANN-LINE]: one practice, Ann, Zoë.
network() {
	{
		printf '[network]\nname = Window PCN\n%s\n' "$2"
		printf '[session am]\nstart = 08:30\nend = 12:30\n'
		printf '[session pm]\nstart = 13:30\nend = 17:30\n'
		printf '[practice north]\nname = North\nlist_size = 6000\n'
		printf 'rooms = 2\naddress = 1 High St\n'
		printf '[role pharmacist]\n'
		printf '[staff ann]\nname = Ann Patel\nrole = pharmacist\n'
		printf 'sessions = 10\n%s\n' "${3:-}"
		printf '[staff zoe]\nname = Zoe Ng\nrole = pharmacist\n'
		printf 'sessions = 10\n'
	} >"$1"
}

# event UID SUMMARY DTSTART [DTEND [RRULE [CATEGORIES]]]: an all-day VEVENT.
event() {
	printf 'BEGIN:VEVENT\r\nUID:%s\r\nSUMMARY:%s\r\n' "$1" "$2"
	printf 'DTSTART;VALUE=DATE:%s\r\n' "$3"
	[ -n "${4:-}" ] && printf 'DTEND;VALUE=DATE:%s\r\n' "$4"
	[ -n "${5:-}" ] && printf 'RRULE:%s\r\n' "$5"
	[ -n "${6:-}" ] && printf 'CATEGORIES:%s\r\n' "$6"
	printf 'END:VEVENT\r\n'
}
calendar() { # calendar FILE: the events on stdin
	{
		printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n'
		cat
		printf 'END:VCALENDAR\r\n'
	} >"$1"
}

# With --now 2029-12-31 calendars are read from 2027-12-31 to 2032-01-01.
now=2029-12-31T09:00
{
	event before-zoe 'Zoe Ng off' 20270601 20270604 '' SICK
	event after-ann 'Ann Patel leave' 20320106 20320107
	event edge-ann 'Ann Patel leave' 20271227 20280101
	event inside-ann 'Ann Patel leave' 20300108
	event stranger 'Dr Someone leave' 20320107
	event counted 'Ann Patel fridays' 20280107 '' 'FREQ=WEEKLY;BYDAY=FR;COUNT=3'
} | calendar "$tmp/team.ics"
event fridays 'Fridays at home' 20260102 '' 'FREQ=WEEKLY;BYDAY=FR' |
    calendar "$tmp/ann.ics"
event plt 'Protected learning' 20320108 | calendar "$tmp/closed.ics"
network "$tmp/net.ini" "$(printf 'leave_calendar = team.ics\nclosures = closed.ics')" \
    'leave_calendar = ann.ics'
line() { grep -n "UID:$1" "$tmp/$2" | cut -d: -f1 | awk '{ print $1 - 1 }'; }
window="calendars are read from 2027-12-31 to 2032-01-01 only (the run's day, or --now, and 731 days either side)"

# After the window: Ann's leave, her endless Fridays and the closure, by
# file, line and UID; the stranger's leave and the spent COUNT rule not.
plan_into after "$tmp/net.ini" --week 2032-W02 --now "$now"
err="$tmp/after.stderr"
check "after: Ann's leave not named in: $(cat "$err")" grep -qF \
    "$tmp/team.ics:$(line after-ann team.ics): warning: leave of Ann Patel (event after-ann) on 2032-01-06 is not planned for: $window" "$err"
check "after: Ann's endless rule not named in: $(cat "$err")" grep -qF \
    "$tmp/ann.ics:$(line fridays ann.ics): warning: leave of Ann Patel (event fridays) from 2032-01-05 to 2032-01-11 is not planned for" "$err"
check "after: the closure not named in: $(cat "$err")" grep -qF \
    "$tmp/closed.ics:$(line plt closed.ics): warning: closure of every practice (event plt) on 2032-01-08 is not planned for" "$err"
check "after: a stranger's leave named: $(cat "$err")" not grep -q stranger "$err"
check "after: a rule that ended in 2028 named: $(cat "$err")" \
    not grep -q counted "$err"
check "after: leave before the window named: $(cat "$err")" \
    not grep -q before-zoe "$err"

# Before the window: Zoë's sickness, as sickness.
plan_into before "$tmp/net.ini" --week 2027-W22 --now "$now"
err="$tmp/before.stderr"
check "before: Zoë's sickness not named in: $(cat "$err")" grep -qF \
    "$tmp/team.ics:$(line before-zoe team.ics): warning: sickness of Zoe Ng (event before-zoe) from 2027-06-01 to 2027-06-03 is not planned for: $window" "$err"
check "before: leave after the window named: $(cat "$err")" \
    not grep -q after-ann "$err"

# Straddling the window's first day: the days before it, only.
plan_into edge "$tmp/net.ini" --week 2027-W52 --weeks 2 --now "$now"
err="$tmp/edge.stderr"
check "edge: Ann's leave before the window not named in: $(cat "$err")" \
    grep -qF "warning: leave of Ann Patel (event edge-ann) from 2027-12-27 to 2027-12-30 is not planned for" "$err"
check "edge: Ann placed on 2027-12-31, inside the window" [ "$(awk -F, \
    '$1 == "2027-12-31" && $7 == "ann"' "$tmp/edge/assignments.csv" |
    wc -l)" -eq 0 ]

# Inside the window: nothing said, and the leave planned for.
plan_into inside "$tmp/net.ini" --week 2030-W02 --now "$now"
check "inside: a window warning: $(cat "$tmp/inside.stderr")" \
    not grep -q 'not planned for' "$tmp/inside.stderr"
check "inside: Ann placed on her leave" [ "$(awk -F, \
    '$1 == "2030-01-08" && $7 == "ann"' "$tmp/inside/assignments.csv" |
    wc -l)" -eq 0 ]

# The nightly run keeps its horizon inside the window: silent on a quiet
# night, and never a word of the window.
for night in 1 2; do
	"$PCNROTA" replan "$tmp/net.ini" --out "$tmp/nightly" --now "$now" \
	    >"$tmp/replan$night.stdout" 2>"$tmp/replan$night.stderr"
	check "replan $night exits $?" [ $? -eq 0 ]
	check "replan $night: a window warning: $(cat "$tmp/replan$night.stderr")" \
	    not grep -q 'not planned for' "$tmp/replan$night.stderr"
done
check "replan 2 (quiet) printed: $(cat "$tmp/replan2.stdout" "$tmp/replan2.stderr")" \
    [ ! -s "$tmp/replan2.stdout" -a ! -s "$tmp/replan2.stderr" ]

# check counts what may fall outside (today's window, so no dates here).
"$PCNROTA" check "$tmp/net.ini" >"$tmp/check.stdout" 2>"$tmp/check.stderr"
_st=$?
check "check exits $_st: $(cat "$tmp/check.stderr")" [ $_st -eq 0 ]
check "check: no count of events outside the window: $(cat "$tmp/check.stdout")" \
    grep -q '^Calendars read from .* to .* (today and 731 days either side): [0-9]* absences or closures may fall outside' "$tmp/check.stdout"

# Many events outside: ten named, then a count.
for i in $(seq 10 24); do event "many$i" 'Ann Patel leave' "203201$i"; done |
    calendar "$tmp/team.ics"
plan_into many "$tmp/net.ini" --week 2032-W03 --weeks 2 --now "$now"
check "many: not ten named: $(cat "$tmp/many.stderr")" \
    [ "$(grep -c 'warning: leave of Ann Patel (event many' "$tmp/many.stderr")" -eq 10 ]
check "many: no count of the rest: $(cat "$tmp/many.stderr")" grep -qF \
    'pcnrota: warning: and 4 more calendar events outside the dates calendars are read for' \
    "$tmp/many.stderr"
finish
