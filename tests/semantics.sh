#!/bin/sh
# End to end: what real networks say, one meaning for a day, and fair
# shares that can be delivered (fixtures/fellside.ini). The plan is read
# from the outside (assignments.csv, fairness.csv, uncovered.csv,
# rota.txt) and by the independent checkers; then plans that break a
# closure, week A/B or a barred site are shown to fail check_plan.py, and
# variants show that the ceiling, the site requests and the calendar
# option bite.
. "${top_srcdir:-.}/tests/lib.sh"
ini="$srcdir/fixtures/fellside.ini"

# at NAME DATE SESSION: "staff@site" of everyone placed then, sorted.
at() {
	awk -F, -v d="$2" -v s="$3" '$1 == d && $4 == s { print $7 "@" $13 }' \
	    "$tmp/$1/assignments.csv" | sort | tr '\n' ' '
}

# days NAME STAFF WEEK: the days STAFF works in WEEK, sorted, unique.
days() {
	awk -F, -v s="$2" -v w="$3" '$7 == s && $2 == w { print $3 }' \
	    "$tmp/$1/assignments.csv" | sort -u | tr '\n' ' '
}

# net NAME SED-SCRIPT: a copy of the fixture in $tmp, its calendar found.
net() {
	sed -e "s|= calendars/|= $srcdir/fixtures/calendars/|" -e "$2" "$ini" \
	    >"$tmp/$1.ini"
}

# The nightly replan does not repeat the count: on a quiet night it prints
# nothing at all (cron mails whatever it prints).
net nightly ''
run night1 replan "$tmp/nightly.ini" --out "$tmp/nightly" --now 2026-12-02T02:00
check "nightly: first replan exit $(rc night1)" [ "$(rc night1)" -eq 0 ]
check "nightly: the skipped events counted by replan: $(cat "$tmp/night1.stderr")" \
    empty "$tmp/night1.stderr"
run night2 replan "$tmp/nightly.ini" --out "$tmp/nightly" --now 2026-12-03T02:00
check "nightly: quiet replan exit $(rc night2)" [ "$(rc night2)" -eq 0 ]
check "nightly: a quiet night printed something" \
    empty "$tmp/night2.stdout" "$tmp/night2.stderr"

# check names the sessions each request expands to: a day is its sessions
# but the Enhanced Access evening.
run check check "$ini"
check "check: exit $(rc check)" [ "$(rc check)" -eq 0 ]
grep -qx '  kirkby       paramedic@thu.am paramedic@thu.pm pharmacist@A:tue.am' \
    "$tmp/check.stdout"
check "check: Kirkby's requests are not thu.am, thu.pm, A:tue.am" [ $? -eq 0 ]
grep -qx '  kirkby-fellside pharmacist@tue.am' "$tmp/check.stdout"
check "check: no request of the Fellside branch" [ $? -eq 0 ]
grep -qx '  tarn         2nd-wed.pm' "$tmp/check.stdout"
check "check: Tarn's closure not listed" [ $? -eq 0 ]
grep -qx '  moor         2026-12-04.pm' "$tmp/check.stdout"
check "check: Moor's closure not listed" [ $? -eq 0 ]
grep -q '^  brook  .* 2026-12-03.pm' "$tmp/check.stdout"
check "check: Brook's closures from its calendar not listed" [ $? -eq 0 ]
grep -qx 'Week A is the week of 2026-11-30, week B that of 2026-12-07, and so on in turn' \
    "$tmp/check.stdout"
check "check: week A not said" [ $? -eq 0 ]
grep -q ', at most 6:00, ' "$tmp/check.stdout"
check "check: the Enhanced Access ceiling not said" [ $? -eq 0 ]
# The team calendar's events for GPs are skipped, with one line.
grep -qx '.*fellside-team.ics: 2 events name nobody in the network: skipped (unmatched_events = error makes them errors)' \
    "$tmp/check.stderr"
_st=$?
check "check: the skipped events not counted: $(cat "$tmp/check.stderr")" \
    [ $_st -eq 0 ]
check "check: more on stderr than the count" \
    [ "$(wc -l <"$tmp/check.stderr")" -eq 1 ]

# Two weeks, A then B; both checkers pass the plan.
checked_plan f "$ini" 2026-W49 --weeks 2
# Tarn closes the second Wednesday afternoon (9 December), not the first.
check "Tarn open on 9 Dec pm: $(at f 2026-12-09 pm)" \
    sh -c "! echo '$(at f 2026-12-09 pm)' | grep -q '@tarn '"
check "nobody at Tarn on 2 Dec pm: $(at f 2026-12-02 pm)" \
    sh -c "echo '$(at f 2026-12-02 pm)' | grep -q '@tarn '"
check "Moor open on 4 Dec pm: $(at f 2026-12-04 pm)" \
    sh -c "! echo '$(at f 2026-12-04 pm)' | grep -q '@moor '"
# Brook's calendar closes its first Thursday afternoon.
check "Brook open on 3 Dec pm: $(at f 2026-12-03 pm)" \
    sh -c "! echo '$(at f 2026-12-03 pm)' | grep -q '@brook '"
# Whether anyone is there on the second Thursday is the plan's choice;
# that someone may be is in the model: placements at Brook that afternoon
# (their columns x_STAFF_brook_DATE_SESSION), none on the first.
"$PCNROTA" plan "$ini" --week 2026-W49 --weeks 2 --time-limit 0.1 \
    --write-model "$tmp/f.lp" >/dev/null 2>&1
check "Brook closed to the model on 10 Dec pm" \
    grep -q 'x_[a-z0-9]*_brook_20261210_pm' "$tmp/f.lp"
check "Brook open to the model on 3 Dec pm" \
    sh -c "! grep -q 'x_[a-z0-9]*_brook_20261203_pm' '$tmp/f.lp'"
# Carys: Monday and Tuesday in week A, Wednesday and Thursday in week B.
check "Carys in week A: $(days f carys 2026-W49)" \
    [ "$(days f carys 2026-W49)" = "mon tue " ]
check "Carys in week B: $(days f carys 2026-W50)" \
    [ "$(days f carys 2026-W50)" = "thu wed " ]
# Hana never at the branch; Idris there on Tuesday mornings (his pin).
n=$(awk -F, '$7 == "hana" && $13 == "kirkby-fellside"' \
    "$tmp/f/assignments.csv" | wc -l)
check "Hana at the Fellside branch $n times" [ "$n" -eq 0 ]
for d in 2026-12-01 2026-12-08; do
	check "Idris not at the branch on $d am: $(at f $d am)" \
	    sh -c "echo '$(at f $d am)' | grep -q 'idris@kirkby-fellside '"
done
# No physiotherapist may work at Tarn or Moor: no share, and the table
# says why.
n=$(tr -d '\r' <"$tmp/f/fairness.csv" | awk -F, '$2 == "physio" &&
    ($4 == "tarn" || $4 == "moor") && ($7 != 0 || $10 != 0 || $11 != 0)' |
    wc -l)
check "physio shares or balances at Tarn or Moor: $n" [ "$n" -eq 0 ]
n=$(grep -c '^  no share of physio at Tarn Medical Practice, Moor Road Surgery: no physio may work there$' \
    "$tmp/f/rota.txt")
check "rota.txt says why Tarn and Moor have no physio share ($n times)" \
    [ "$n" -eq 2 ]
# The ceiling: 6 hours a week at most, though 4:30 are owed.
n=$(grep -c '^Enhanced Access, 2026-W[0-9]*: 6:00 hours delivered of 4:30 owed$' \
    "$tmp/f/rota.txt")
check "Enhanced Access not 6:00 of 4:30 in both weeks ($n)" [ "$n" -eq 2 ]
# Requests on the closures are not needed: listed apart, not uncovered.
n=$(grep -Ec '^(2026-12-09,.*,tarn,|2026-12-04,.*,moor,)' \
    "$tmp/f/uncovered.csv")
check "requests on closures uncovered: $n" [ "$n" -eq 0 ]
grep -A2 '^Requested sessions not needed (the practice is closed): 2$' \
    "$tmp/f/rota.txt" >"$tmp/f.needed"
check "rota.txt: not needed not listed" \
    grep -qx '  Wed 9 Dec pm, Tarn Medical Practice, pharmacist: closed that day' \
    "$tmp/f.needed"
grep -q 'events name nobody' "$tmp/f.stderr"
check "plan: the skipped events not counted" [ $? -eq 0 ]

# Plans that break the new rules fail the checker: rows at Tarn and at
# Brook in their closures, Carys on a week-A Wednesday, Hana at the branch, a fifth
# evening over the ceiling.
cp -r "$tmp/f" "$tmp/broken"
printf '%s\r\n' \
    '2026-12-09,2026-W50,wed,pm,13:30,17:30,owen,Owen Marsh,paramedic,Community paramedic,tarn,Tarn Medical Practice,tarn,Tarn Medical Practice' \
    '2026-12-03,2026-W49,thu,pm,13:30,17:30,tom,Tom Ashby,physio,First-contact physiotherapist,brook,Brook Lane Surgery,brook,Brook Lane Surgery' \
    '2026-12-02,2026-W49,wed,am,08:30,12:30,carys,Carys Pryce,pharmacist,Clinical pharmacist,brook,Brook Lane Surgery,brook,Brook Lane Surgery' \
    '2026-12-07,2026-W50,mon,am,08:30,12:30,hana,Hana Begum,pharmacist,Clinical pharmacist,kirkby,Kirkby Health Centre,kirkby-fellside,Fellside Branch Surgery' \
    '2026-12-01,2026-W49,tue,evening,18:30,20:00,nia,Nia Rowe,paramedic,Community paramedic,kirkby,Kirkby Health Centre,kirkby,Kirkby Health Centre' \
    '2026-12-02,2026-W49,wed,evening,18:30,20:00,nia,Nia Rowe,paramedic,Community paramedic,kirkby,Kirkby Health Centre,kirkby,Kirkby Health Centre' \
    >>"$tmp/broken/assignments.csv"
"$PYTHON3" "$srcdir/tests/check_plan.py" --no-fair "$ini" "$tmp/broken" \
    >"$tmp/broken.check"
check "checker: the broken plan passes" [ $? -eq 1 ]
for v in '^\[c\] rooms exceeded: tarn on 2026-12-09 pm has 1 staff but 0' \
    '^\[c\] rooms exceeded: brook on 2026-12-03 pm has [0-9]* staff but 0' \
    '^\[e\] assignments.csv:[0-9]*: carys does not work wed am' \
    '^\[e\] assignments.csv:[0-9]*: hana may not work at kirkby-fellside' \
    '^\[j\] 2026-W49: 9:00 of Enhanced Access, over the ceiling 6:00'; do
	grep -q "$v" "$tmp/broken.check"
	_st=$?
	check "checker: no $v in $(cat "$tmp/broken.check")" [ $_st -eq 0 ]
done

# Without the ceiling all five evenings are staffed: the ceiling bites.
net nomax '/^ea_max_hours_per_week/d'
checked_plan nomax "$tmp/nomax.ini" 2026-W49
grep -q '^Enhanced Access, 2026-W49: 7:30 hours delivered of 4:30 owed$' \
    "$tmp/nomax/rota.txt"
check "without the ceiling, not 7:30 delivered" [ $? -eq 0 ]

# A [site]'s request is met at that site: with Idris pinned to Kirkby's
# main site and kept from the branch, and nobody else free to work there
# in week B, the branch's Tuesday request is uncovered.
net branch 's/^pin = kirkby-fellside@tue.am$/pin = kirkby@tue.am\nforbid = kirkby-fellside/'
checked_plan branch "$tmp/branch.ini" 2026-W50
n=$(grep -c '^2026-12-08,2026-W50,tue,am,.*,kirkby,[^,]*,pharmacist,' \
    "$tmp/branch/uncovered.csv")
check "the branch's request on 8 Dec covered elsewhere ($n)" [ "$n" -eq 1 ]
check "Idris not at Kirkby's main site on 8 Dec am: $(at branch 2026-12-08 am)" \
    sh -c "echo '$(at branch 2026-12-08 am)' | grep -q 'idris@kirkby '"

# A bank holiday: Christmas Day's requests are not needed.
checked_plan xmas "$ini" 2026-W52
n=$(grep -c '^2026-12-25,' "$tmp/xmas/uncovered.csv")
check "requests on 25 Dec uncovered: $n" [ "$n" -eq 0 ]
n=$(grep -c '^  Fri 25 Dec .*: a bank holiday$' "$tmp/xmas/rota.txt")
check "requests on 25 Dec not needed: $n" [ "$n" -eq 3 ]

# Events for nobody made errors.
net strict 's/^week_a = /unmatched_events = error\nweek_a = /'
run strict check "$tmp/strict.ini"
check "unmatched_events = error: exit $(rc strict)" [ "$(rc strict)" -eq 3 ]
grep -q 'fellside-team.ics:[0-9]*: event "fellside-2@example.org" (Dr Alun Pugh - leave) names nobody in the network' \
    "$tmp/strict.stderr"
_st=$?
check "unmatched_events = error: $(cat "$tmp/strict.stderr")" [ $_st -eq 0 ]

# A closures calendar is bounded: closing every session of every day for
# its window of four years is too many.
printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//t//t//EN BEGIN:VEVENT \
    UID:shut@example.org DTSTAMP:20261101T090000Z \
    'DTSTART;VALUE=DATE:20200101' RRULE:FREQ=DAILY END:VEVENT \
    END:VCALENDAR >"$tmp/shut.ics"
net shut "s|^name = Fellside PCN\$|name = Fellside PCN\\nclosures = $tmp/shut.ics|
s|^\\[session am\\]\$|[session early]\\nstart = 07:00\\nend = 08:00\\ndays = mon-sun\\n[session lunch]\\nstart = 12:30\\nend = 13:30\\ndays = mon-sun\\n[session late]\\nstart = 20:00\\nend = 21:00\\ndays = mon-sun\\n[session am]|"
run shut check "$tmp/shut.ini"
check "too many closures: exit $(rc shut)" [ "$(rc shut)" -eq 3 ]
grep -q "^$tmp/shut.ini:[0-9]*: $tmp/shut.ics: more than 5000 closed sessions at kirkby\$" \
    "$tmp/shut.stderr"
_st=$?
check "too many closures: $(head -3 "$tmp/shut.stderr")" [ $_st -eq 0 ]

# Mistakes in the new syntax: each exits 3 with FILE:LINE and the fix.
bad() {
	net bad "$1"
	run bad check "$tmp/bad.ini"
	check "$1: exit $(rc bad)" [ "$(rc bad)" -eq 3 ]
	grep -q "^$tmp/bad.ini:[0-9]*: $2\$" "$tmp/bad.stderr"
	_st=$?
	check "$1: not \"$2\" but $(cat "$tmp/bad.stderr")" [ $_st -eq 0 ]
}
bad '/^week_a/d' '"A:mon" names week A, but \[network\] has no week_a (the date of a Monday in week A)'
bad 's/^works = mon-thu$/works = 2nd-wed/' '"2nd-wed": a day of the month is for closed and requests only'
bad 's/^pin = kirkby-fellside@tue.am$/pin = kirkby@A:tue/' '"A:tue": week A or B is for works, closed and requests only'
bad 's/^ea_max_hours_per_week = 6$/ea_max_hours_per_week = 4/' 'ea_max_hours_per_week (4:00) is below the Enhanced Access owed (4:30 hours a week)'
bad 's/^week_a = 2026-11-30$/week_a = 30-11-2026/' 'week_a must be a date, YYYY-MM-DD, not "30-11-2026"'
bad 's/^practices = kirkby brook$/practices = kirkby heather/' 'heather is a care home: its round is for the roles it names, not a practice'"'"'s'
bad 's/^forbid = kirkby-fellside$/forbid = kirkby-fell/' 'unknown practice "kirkby-fell": did you mean "kirkby"? (practices: kirkby, brook, tarn, moor)'
bad 's/^week_a = /unmatched_events = maybe\nweek_a = /' 'unmatched_events must be skip or error, not "maybe"'
bad 's/^round_at = thu$/round_at = thu.evening/' 'round_at "thu.evening": evening is an Enhanced Access session'

finish
