#!/bin/sh
# Input that cannot silently lie (issue 16), from the outside: the network
# file read by its one documented rule (a comment never continues, a BOM
# is skipped, CRLF), calendar names matched whatever their case and
# Unicode form, calendar text escaped in messages, calendars read around
# --now (not the wall clock), and a
# calendar that would take hours to expand refused at once.
. "${top_srcdir:-.}/tests/lib.sh"

# network FILE [EXTRA-NETWORK-LINE]: one practice, Ann and Zoë.
network() {
	{
		printf '[network]\nname = Text PCN\n%s\n' "${2:-}"
		printf '[session am]\nstart = 08:30\nend = 12:30\n'
		printf '[session pm]\nstart = 13:30\nend = 17:30\n'
		printf '[practice north]\nname = North\nlist_size = 6000\nrooms = 2\n'
		printf '[role pharmacist]\n'
		printf '[staff ann]\nname = Ann Patel\nrole = pharmacist\n'
		printf 'sessions = 10\n'
		printf "[staff zoe]\nname = Zo\303\253 O'Brien-Ng\305\251g\304\251\n"
		printf 'role = pharmacist\nsessions = 10\n'
	} >"$1"
}

not() { ! "$@"; }
# not_raw FILE: FILE holds no control byte (but newline) and no U+202E.
not_raw() {
	! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$1" &&
	    ! grep -qF "$(printf '\342\200\256')" "$1"
}

# placed NAME STAFF DATE: how many sessions staff works that day.
placed() {
	awk -F, -v s="$2" -v d="$3" '$7 == s && $1 == d { n++ }
	    END { print n + 0 }' "$tmp/$1/assignments.csv"
}

# A comment ending in a backslash does not swallow Zoë's leave after it.
network "$tmp/comment.ini"
printf '; annual leave agreed, see C:\\HR\\\nleave = 2026-12-07..2026-12-11\n' \
    >>"$tmp/comment.ini"
plan_into comment "$tmp/comment.ini" --week 2026-W50
check "comment: Zoë placed on her leave" [ "$(placed comment zoe 2026-12-08)" -eq 0 ]
check "comment: Ann not placed" [ "$(placed comment ann 2026-12-08)" -eq 2 ]

# A byte-order mark and CRLF lines: the same network, the same plan.
network "$tmp/plain.ini"
{ printf '\357\273\277'; sed 's/$/\r/' "$tmp/plain.ini"; } >"$tmp/bom.ini"
run plain check "$tmp/plain.ini"
run bom check "$tmp/bom.ini"
check "BOM: check exits $(rc bom): $(cat "$tmp/bom.stderr")" [ "$(rc bom)" -eq 0 ]
check "BOM: check reads another network" cmp -s "$tmp/plain.stdout" \
    "$tmp/bom.stdout"

# A team calendar names Zoë in capitals, one way composed, one decomposed,
# and with a full-width space: Unicode case folding and NFKC match both.
cal() { # cal FILE SUMMARY DATE [RRULE]
	{
		printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n'
		printf 'BEGIN:VEVENT\r\nUID:%s\r\nDTSTART;VALUE=DATE:%s\r\n' \
		    "$3" "$3"
		printf 'SUMMARY:%s\r\n' "$2"
		[ -n "${4:-}" ] && printf 'RRULE:%s\r\n' "$4"
		printf 'END:VEVENT\r\nEND:VCALENDAR\r\n'
	} >"$1"
}
cal "$tmp/team.ics" "$(printf "ZO\303\213 O'BRIEN-NG\305\250G\304\250 leave")" 20261208
network "$tmp/team.ini" "leave_calendar = team.ics"
plan_into team "$tmp/team.ini" --week 2026-W50 --now 2026-12-01T09:00
check "team: Zoë (composed, capitals) placed on leave" \
    [ "$(placed team zoe 2026-12-08)" -eq 0 ]
check "team: Zoë not placed the day after" \
    [ "$(placed team zoe 2026-12-09)" -eq 2 ]
cal "$tmp/team.ics" "$(printf "zoe\314\210\343\200\200o'brien-ngu\314\203gi\314\203: leave")" 20261209
plan_into team2 "$tmp/team.ini" --week 2026-W50 --now 2026-12-01T09:00
check "team: Zoë (decomposed, full-width space) placed on leave" \
    [ "$(placed team2 zoe 2026-12-09)" -eq 0 ]

# Calendar text is escaped in messages: no terminal escape or bidi
# override reaches stderr (and cron mail) raw.
cal "$tmp/team.ics" "$(printf 'Nobody \033]0;owned\007\342\200\256 leave')" 20261209
# Skipped by default, counted without the text; named with
# unmatched_events = error.
run skipped check "$tmp/team.ini"
check "skipped: check exits $(rc skipped), not 0" [ "$(rc skipped)" -eq 0 ]
check "skipped: raw escape on stderr" not_raw "$tmp/skipped.stderr"
network "$tmp/strict.ini" "$(printf 'leave_calendar = team.ics\nunmatched_events = error')"
run hostile check "$tmp/strict.ini"
check "hostile: check exits $(rc hostile), not 3" [ "$(rc hostile)" -eq 3 ]
check "hostile: raw escape on stderr" not_raw "$tmp/hostile.stderr"
check "hostile: no escaped text in: $(cat "$tmp/hostile.stderr")" \
    grep -qF 'Nobody \x1B]0;owned\x07\u{202E} leave' "$tmp/hostile.stderr"

# Calendars are read around --now: leave in 2030 counts for a plan made
# with --now in 2029 (with the wall clock it fell outside the window).
cal "$tmp/team.ics" "Ann Patel leave" 20300108
plan_into future "$tmp/team.ini" --week 2030-W02 --now 2029-12-31T09:00
check "future: Ann placed on leave in 2030" [ "$(placed future ann 2030-01-08)" -eq 0 ]
check "future: Zoë not placed" [ "$(placed future zoe 2030-01-08)" -eq 2 ]
check "future: a window warning: $(cat "$tmp/future.stderr")" \
    not grep -q "not planned for" "$tmp/future.stderr"
# Leave past the window is named when a plan reaches it: tests/window.sh.

# A calendar of a few hundred bytes that libical would step through
# second by second for minutes is refused at once, naming its rule.
cal "$tmp/team.ics" "Ann Patel leave" 20200101 \
    "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=$(seq -s, 0 59);BYSECOND=$(seq -s, 0 59)"
run bomb plan "$tmp/team.ini" --week 2026-W50 --now 2026-12-01T09:00 \
    --out "$tmp/bomb"
check "bomb: plan exits $(rc bomb), not 3" [ "$(rc bomb)" -eq 3 ]
check "bomb: message: $(cat "$tmp/bomb.stderr")" grep -qF \
    "$tmp/team.ics:4: event \"20200101\": RRULE:FREQ=DAILY;BYSECOND=0,1,2,3," \
    "$tmp/bomb.stderr"
check "bomb: wrote an output folder" [ ! -e "$tmp/bomb" ]
finish
