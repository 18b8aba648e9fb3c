#!/bin/sh
# Bank holidays by default: the shipped calendars agree with the rules
# and python3-holidays; a network that names no calendar is closed on its
# region's bank holidays (England and Wales unless it says otherwise),
# bank_holidays = none opts out, and a plan that reaches past the last
# date a calendar covers says so on stderr and in its reports.
. "${top_srcdir:-.}/tests/lib.sh"
data="$srcdir/data/bank-holidays"

if "$PYTHON3" "$srcdir/tests/bank_holidays.py" "$data" >"$tmp/data.out"
then ok; else
	fail "the shipped calendars disagree with the rules:"
	cat "$tmp/data.out"
fi

# Two people who work every weekday session they can: on an open day
# both are placed twice, on a closed day nobody is.
net() {
	cat <<-EON
	[network]
	name = Holiday PCN
	$1
	[session am]
	start = 08:30
	end = 12:30
	[session pm]
	start = 13:30
	end = 17:30
	[practice north]
	name = North Road Surgery
	list_size = 6000
	rooms = 2
	[role pharmacist]
	name = Clinical pharmacist
	[staff ann]
	name = Ann Patel
	role = pharmacist
	sessions = 10
	[staff ben]
	name = Ben Okafor
	role = pharmacist
	sessions = 10
	EON
}
net "" >"$tmp/default.ini"
net "bank_holidays = none" >"$tmp/none.ini"
net "region = scotland" >"$tmp/scotland.ini"
net "region = northern-ireland" >"$tmp/ni.ini"
net "bank_holidays = $srcdir/fixtures/bank-holidays-england-wales-2026-2027.ics" \
    >"$tmp/own.ini"

# placed NAME DATE: sessions placed that day.
placed() {
	awk -F, -v d="$2" '$1 == d { n++ } END { print n + 0 }' \
	    "$tmp/$1/assignments.csv"
}

# day NAME DATE N: N sessions placed on DATE in plan NAME.
day() {
	got=$(placed "$1" "$2")
	check "$1: $got sessions placed on $2, not $3" [ "$got" -eq "$3" ]
}

# quiet NAME: no warning on stderr nor in the reports.
quiet() {
	check "$1: warned on stderr: $(cat "$tmp/$1.stderr")" \
	    [ ! -s "$tmp/$1.stderr" ]
	check "$1: a warning in rota.txt" not grep -q WARNING "$tmp/$1/rota.txt"
	check "$1: a warning in rota.html" \
	    not grep -q 'class="warning"' "$tmp/$1/rota.html"
}

not() { ! "$@"; }

# No key: England and Wales. Saturday 1 January 2028 moves to Monday 3.
plan_into default "$tmp/default.ini" --week 2028-W01
plan_passes default "$tmp/default.ini" --no-fair
day default 2028-01-03 0
day default 2028-01-04 4
quiet default
# Easter Monday, 17 April 2028.
plan_into easter "$tmp/default.ini" --week 2028-W16
day easter 2028-04-17 0
day easter 2028-04-18 4

# Opted out: the 3rd is a working day, and no warning ever.
plan_into none "$tmp/none.ini" --week 2028-W01
day none 2028-01-03 4
quiet none
plan_into none-late "$tmp/none.ini" --week 2029-W01
quiet none-late
"$PCNROTA" check "$tmp/none.ini" >"$tmp/none.check" 2>&1
check "none: check says $(grep 'Bank holidays' "$tmp/none.check")" \
    grep -qx 'Bank holidays: none (bank_holidays = none)' "$tmp/none.check"

# Scotland: 2 January on a Sunday moves to Tuesday 4 January 2028;
# Easter Monday is no bank holiday there.
plan_into scotland "$tmp/scotland.ini" --week 2028-W01
plan_passes scotland "$tmp/scotland.ini" --no-fair
day scotland 2028-01-03 0
day scotland 2028-01-04 0
day scotland 2028-01-05 4
plan_into scotland-easter "$tmp/scotland.ini" --week 2028-W16
day scotland-easter 2028-04-14 0
day scotland-easter 2028-04-17 4
"$PCNROTA" check "$tmp/scotland.ini" >"$tmp/scotland.check" 2>&1
check "scotland: check says $(grep 'Bank holidays from' "$tmp/scotland.check")" \
    grep -qx 'Bank holidays from Scotland, known to 2028-12-31' \
    "$tmp/scotland.check"

# Northern Ireland: St Patrick's Day, Friday 17 March 2028.
plan_into ni "$tmp/ni.ini" --week 2028-W11
plan_passes ni "$tmp/ni.ini" --no-fair
day ni 2028-03-17 0
day ni 2028-03-16 4
plan_into ew-patrick "$tmp/default.ini" --week 2028-W11
day ew-patrick 2028-03-17 4

# Past the shipped calendar's last date (31 December 2028): loudly.
warning='bank holidays (England and Wales) are known only to 2028-12-31, not to 2029-01-07'
plan_into late "$tmp/default.ini" --week 2029-W01
check "late: no warning on stderr: $(cat "$tmp/late.stderr")" \
    grep -q "^pcnrota: warning: $warning" "$tmp/late.stderr"
check "late: no warning in rota.txt" \
    grep -q "^WARNING: $warning" "$tmp/late/rota.txt"
check "late: no warning in rota.html" \
    grep -q "class=\"warning\".*$warning" "$tmp/late/rota.html"
# The page checker finds the warning, and only it, with rota.txt's words.
for name in late default; do
	if "$PYTHON3" "$srcdir/tests/check_html.py" "$tmp/$name" \
	    "$tmp/default.ini" >"$tmp/$name.html-check"; then ok; else
		fail "$name: check_html.py found problems:"
		cat "$tmp/$name.html-check"
	fi
done
# The last week it covers is quiet.
plan_into last "$tmp/default.ini" --week 2028-W52
quiet last
# replan warns too: publish two weeks to 2029, replan within them.
plan_into pub "$tmp/default.ini" --week 2028-W52 --weeks 2
"$PCNROTA" replan "$tmp/default.ini" --out "$tmp/pub" \
    --now 2028-12-27T10:00 >"$tmp/replan.out" 2>"$tmp/replan.err"
check "replan: exit $?" [ $? -eq 0 ]
check "replan: no warning: $(cat "$tmp/replan.err")" \
    grep -q "^pcnrota: warning: bank holidays (England and Wales) are known only to 2028-12-31" \
    "$tmp/replan.err"

# A calendar the network names, without X-PCNROTA-COMPLETE-UNTIL, is
# known to its last holiday.
plan_into own "$tmp/own.ini" --week 2028-W01
check "own: no warning naming 2027-12-28: $(cat "$tmp/own.stderr")" \
    grep -q "^pcnrota: warning: bank holidays ($srcdir/fixtures/bank-holidays-england-wales-2026-2027.ics) are known only to 2027-12-28" \
    "$tmp/own.stderr"

# PCNROTA_DATADIR is where the calendars are, and only there; unset, the
# binary finds them itself (installed, or in the source tree).
mkdir -p "$tmp/data/bank-holidays"
sed 's/^X-PCNROTA-COMPLETE-UNTIL:.*/X-PCNROTA-COMPLETE-UNTIL:20261231/' \
    "$data/england-and-wales.ics" >"$tmp/data/bank-holidays/england-and-wales.ics"
PCNROTA_DATADIR="$tmp/data" "$PCNROTA" check "$tmp/default.ini" \
    >/dev/null 2>"$tmp/datadir.err"
check "PCNROTA_DATADIR: check does not warn of 2026-12-31: $(cat "$tmp/datadir.err")" \
    grep -q "^pcnrota: warning: bank holidays (England and Wales) are known only to 2026-12-31" \
    "$tmp/datadir.err"
PCNROTA_DATADIR="$tmp/nowhere" "$PCNROTA" check "$tmp/default.ini" \
    >/dev/null 2>"$tmp/nowhere.err"
check "PCNROTA_DATADIR missing: exit $?, not 3" [ $? -eq 3 ]
check "PCNROTA_DATADIR missing: $(cat "$tmp/nowhere.err")" grep -q \
    "no bank holidays for England and Wales: $tmp/nowhere/bank-holidays/england-and-wales.ics: .*PCNROTA_DATADIR" \
    "$tmp/nowhere.err"
(unset PCNROTA_DATADIR
 "$PCNROTA" plan "$tmp/default.ini" --week 2028-W01 --out "$tmp/unset" \
     >/dev/null 2>"$tmp/unset.err")
check "unset PCNROTA_DATADIR: $(cat "$tmp/unset.err")" [ -s "$tmp/unset/assignments.csv" ]
day unset 2028-01-03 0

# A date that is not one in X-PCNROTA-COMPLETE-UNTIL is bad input.
sed 's/^X-PCNROTA-COMPLETE-UNTIL:.*/X-PCNROTA-COMPLETE-UNTIL:20281331/' \
    "$data/england-and-wales.ics" >"$tmp/bad.ics"
net "bank_holidays = bad.ics" >"$tmp/bad.ini"
"$PCNROTA" check "$tmp/bad.ini" >/dev/null 2>"$tmp/bad.err"
check "bad X-PCNROTA-COMPLETE-UNTIL: exit $?, not 3" [ $? -eq 3 ]
check "bad X-PCNROTA-COMPLETE-UNTIL: $(cat "$tmp/bad.err")" grep -qx \
    "$tmp/bad.ini:3: $tmp/bad.ics: X-PCNROTA-COMPLETE-UNTIL \"20281331\" is not a date (YYYYMMDD)" \
    "$tmp/bad.err"
finish
