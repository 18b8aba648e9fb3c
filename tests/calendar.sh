#!/bin/sh
# Leave and bank holidays from iCalendar files, end to end: plan the
# calendar fixture network and check from the outside that nobody is
# placed while away (all-day, multi-day, timed, recurring with EXDATE,
# per person and shared), that a timed absence takes only the sessions it
# overlaps, that bank holidays close practices but for the session opted
# in, and that the contract falls with them.
. "${top_srcdir:-.}/tests/lib.sh"
fx="$srcdir/fixtures"
net="$fx/calendars/network.ini"

# plan NAME WEEK WEEKS [INI [OPTIONS...]]: plans into $tmp/NAME, checks it.
plan() {
	name=$1
	ini=${4:-$net}
	week=$2 weeks=$3
	shift 3
	[ $# -gt 0 ] && shift
	plan_into "$name" "$ini" --week "$week" --weeks "$weeks" "$@"
	# Fair shares are plan.sh's; here the calendars are checked.
	plan_passes "$name" "$ini" --no-fair
}

not() { ! "$@"; }

# placed NAME STAFF DATE [SESSION]: how many times staff is placed then.
placed() {
	awk -F, -v s="$2" -v d="$3" -v k="${4:-}" \
	    '$7 == s && $1 == d && (k == "" || $4 == k) { n++ }
	     END { print n + 0 }' "$tmp/$1/assignments.csv"
}

# is N STAFF DATE [SESSION] -- WHY: staff placed exactly N times then.
is() {
	n=$1
	shift
	got=$(placed leave "$@")
	check "$*: placed $got times, not $n" [ "$got" -eq "$n" ]
}

"$PCNROTA" check "$net" >"$tmp/check.out" 2>&1
_st=$?
check "check: $(cat "$tmp/check.out")" [ $_st -eq 0 ]
check "check: no bank-holiday line" grep -qx \
    'Bank holidays: 16, 2026-01-01 to 2027-12-28; sessions held then: eve' \
    "$tmp/check.out"

# Three weeks of leave, 30 November to 20 December 2026.
plan leave 2026-W49 3
# Ann (her own file): all day 1-3 December (DTEND is exclusive), back on
# the 4th; a dentist 14:00-15:00 on 7 December takes the afternoon only.
for day in 2026-12-01 2026-12-02 2026-12-03; do is 0 ann $day; done
is 2 ann 2026-12-04
is 1 ann 2026-12-07 am
is 0 ann 2026-12-07 pm
# Ben (his own file): training 09:00-12:00 every Wednesday but the 9th.
is 0 ben 2026-12-02 am
is 1 ben 2026-12-02 pm
is 1 ben 2026-12-09 am
is 0 ben 2026-12-16 am
# The shared file: Cat by ATTENDEE CN, Dan by SUMMARY, Ben by mailto:
# (08:00-10:00 UTC takes the morning); a cancelled event takes nothing.
is 0 cat 2026-12-04
is 2 cat 2026-12-07
is 0 dan 2026-12-10
is 0 dan 2026-12-11
is 2 dan 2026-12-14
is 0 ben 2026-12-18 am
is 1 ben 2026-12-18 pm
# Nobody on leave is placed, by any other route either.
total=$(grep -c '^2026-' "$tmp/leave/assignments.csv")
check "leave: only $total sessions placed" [ "$total" -gt 100 ]

# Four weeks across Christmas: no core session on 25 or 28 December or
# 1 January, the evening held; the days between are worked as usual.
plan xmas 2026-W52 4
for day in 2026-12-25 2026-12-28 2027-01-01; do
	n=$(awk -F, -v d=$day '$1 == d && $4 != "eve"' \
	    "$tmp/xmas/assignments.csv" | wc -l)
	check "$day: $n core sessions placed on a bank holiday" [ "$n" -eq 0 ]
	n=$(awk -F, -v d=$day '$1 == d && $4 == "eve" && $7 == "fay"' \
	    "$tmp/xmas/assignments.csv" | wc -l)
	check "$day: the evening opted in is not held" [ "$n" -eq 1 ]
done
for s in ann ben cat dan; do
	n=$(awk -F, -v s=$s '$1 == "2026-12-29" && $7 == s' \
	    "$tmp/xmas/assignments.csv" | wc -l)
	check "2026-12-29: $s placed $n times, not 2" [ "$n" -eq 2 ]
done
# A bank holiday takes a day off the contract, like leave: ten sessions
# a week, eight in the week of Christmas Day, six in the next.
for w in 2026-W52:8 2026-W53:6 2027-W01:10; do
	n=$(awk -F, -v w="${w%:*}" '$2 == w && $7 == "ann"' \
	    "$tmp/xmas/assignments.csv" | wc -l)
	check "ann: $n sessions in ${w%:*}, not ${w#*:}" [ "$n" -eq "${w#*:}" ]
done

# The example network with the bank holidays: four weeks from 2026-W52
# place nobody on 25 or 28 December or 1 January.
sed "s|^\[network\]\$|[network]\\
bank_holidays = $fx/bank-holidays-england-wales-2026-2027.ics|" \
    "$fx/example.ini" >"$tmp/example.ini"
check "example.ini: sed added no bank_holidays" \
    grep -q '^bank_holidays = /' "$tmp/example.ini"
plan example 2026-W52 4 "$tmp/example.ini" --time-limit 10
for day in 2026-12-25 2026-12-28 2027-01-01; do
	n=$(awk -F, -v d=$day '$1 == d' "$tmp/example/assignments.csv" | wc -l)
	check "example: $n sessions placed on $day" [ "$n" -eq 0 ]
done
n=$(awk -F, '$1 == "2026-12-29"' "$tmp/example/assignments.csv" | wc -l)
check "example: nobody placed on 29 December" [ "$n" -gt 0 ]
# Its requests on Christmas Day are not needed, the practices closed for
# the bank holiday: listed apart in rota.txt, never uncovered.
n=$(grep -c '^2026-12-25,' "$tmp/example/uncovered.csv")
check "example: $n requests on 25 December uncovered" [ "$n" -eq 0 ]
n=$(grep -c '^  Fri 25 Dec .*: a bank holiday$' "$tmp/example/rota.txt")
check "example: $n requests on 25 December not needed" [ "$n" -eq 2 ]
grep -q '^Requested sessions not needed (the practice is closed): ' \
    "$tmp/example/rota.txt"
check "example: no list of requests not needed" [ $? -eq 0 ]

# large.ini names the bank-holiday file itself.
plan large 2026-W52 4 "$fx/large.ini" --time-limit 5
for day in 2026-12-25 2026-12-28 2027-01-01; do
	n=$(awk -F, -v d=$day '$1 == d' "$tmp/large/assignments.csv" | wc -l)
	check "large: $n sessions placed on $day" [ "$n" -eq 0 ]
done
n=$(awk -F, '$1 == "2026-12-29"' "$tmp/large/assignments.csv" | wc -l)
check "large: nobody placed on 29 December" [ "$n" -gt 0 ]

# Without bank holidays (opted out of the default ones too) the same
# days are worked: the check above can fail.
sed -e 's|^bank_holidays = .*|bank_holidays = none|' \
    -e "s|= \([a-z]*\.ics\)|= $fx/calendars/\1|" "$net" >"$tmp/open.ini"
check "open.ini: sed did not opt out" grep -qx 'bank_holidays = none' \
    "$tmp/open.ini"
plan open 2026-W52 1 "$tmp/open.ini"
n=$(awk -F, '$1 == "2026-12-25" && $4 != "eve"' "$tmp/open/assignments.csv" |
    wc -l)
check "without bank holidays, 25 December has $n sessions" [ "$n" -gt 0 ]
# And the independent checker, reading the calendars itself, refuses that
# plan for the network with them; likewise a plan made without the leave.
"$PYTHON3" "$srcdir/tests/check_plan.py" --no-fair "$net" "$tmp/open" \
    >"$tmp/open.bad"
check "checker: the plan open on 25 December passes" [ $? -eq 1 ]
check "checker: no [c] for a session on 25 December" \
    grep -q '^\[c\] .* on 2026-12-25 am has' "$tmp/open.bad"
grep -v '^leave_calendar' "$net" |
    sed "s|= \.\./|= $fx/|" >"$tmp/noleave.ini"
plan noleave 2026-W49 3 "$tmp/noleave.ini"
"$PYTHON3" "$srcdir/tests/check_plan.py" --no-fair "$net" "$tmp/noleave" \
    >"$tmp/noleave.bad"
check "checker: the plan without leave passes" [ $? -eq 1 ]
for v in "ann is on leave on 2026-12-02 am" "ann is on leave on 2026-12-07 pm" \
    "ben is on leave on 2026-12-16 am" "cat is on leave on 2026-12-04 am" \
    "dan is on leave on 2026-12-11 pm" "ben is on leave on 2026-12-18 am"; do
	check "checker: missed \"$v\"" grep -q "$v" "$tmp/noleave.bad"
done
check "checker: Ann's dentist took her morning" \
    not grep -q "ann is on leave on 2026-12-07 am" "$tmp/noleave.bad"

finish
