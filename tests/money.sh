#!/bin/sh
# The month's money: the delivered record (absences entered after the
# fact correct it and never re-plan the past), the ARRS claim and the
# recharge statement, every figure recomputed by tests/check_claims.py;
# a state of the schema before the record opens; the page is
# well-formed and loads nothing; bad money keys are refused.
. "${top_srcdir:-.}/tests/lib.sh"
ini="$tmp/money.ini"
out="$tmp/out"
holidays="$srcdir/data/bank-holidays/england-and-wales.ics"
cp "$srcdir/fixtures/money.ini" "$ini"

not() { ! "$@"; }
# sql DB QUERY: the rows, fields joined by |, as the sqlite3 shell would.
sql() {
	"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute(sys.argv[2]).fetchall():
    print("|".join("" if v is None else str(v) for v in row))' "$@"
}
not_same() { ! cmp -s "$1" "$2"; }
published() { [ "$1" -eq 0 ] || [ "$1" -eq 8 ]; }
night() {
	run "night-$1" replan "$ini" --out "$out" --now "$1T02:00"
	# 8: the clock stopped the search; the plan is published all the same.
	check "replan $1: exit $(rc "night-$1") ($(cat "$tmp/night-$1.stderr"))" \
	    published "$(rc "night-$1")"
}
frozen() {
	sql "$out/state.db" "SELECT date, session, staff, practice, site
	    FROM assignments WHERE date BETWEEN '2026-12-01' AND '2026-12-16'
	    ORDER BY 1, 2, 3"
}
reason() {
	sql "$out/state.db" "SELECT group_concat(DISTINCT reason) FROM
	    delivered WHERE date = '$1' AND staff = '$2'"
}
report() {
	run "$1" report "$ini" --out "$out" --month "$2" --format "$3"
	check "report $2 $3: exit $(rc "$1") ($(cat "$tmp/$1.stderr"))" \
	    [ "$(rc "$1")" -eq 0 ]
}
checked() {
	report "claims-$1" "$1" claims
	report "recharges-$1" "$1" recharges
	report "delivered-$1" "$1" delivered
	if "$PYTHON3" "$srcdir/tests/check_claims.py" "$ini" "$out/state.db" \
	    "$1" "$holidays" "$tmp/claims-$1.stdout" \
	    "$tmp/recharges-$1.stdout" "$tmp/delivered-$1.stdout" \
	    >"$tmp/check-$1"; then ok; else
		fail "check_claims.py $1 found differences:"
		cat "$tmp/check-$1"
	fi
}

# 1. A month of nights; Ana was sick on 9 December, South closed on the
# 10th and Cara left on the 11th, all entered on the 17th.
for d in 2026-11-30 2026-12-07 2026-12-14; do night "$d"; done
check "Ana was placed on 9 December" \
    [ "$(sql "$out/state.db" "SELECT count(*) FROM assignments WHERE date = '2026-12-09' AND staff = 'ana'")" -gt 0 ]
check "nothing past is recorded as missed yet" \
    [ "$(sql "$out/state.db" "SELECT count(*) FROM delivered WHERE reason != ''")" -eq 0 ]
frozen >"$tmp/before"
run sick absence "$ini" ana 2026-12-09 --reason sickness
check "record sickness: exit $(rc sick)" [ "$(rc sick)" -eq 0 ]
sed -i -e 's/^share_percent = 30$/share_percent = 30\nclosed = 2026-12-10/' \
    -e 's/^end_date = 2026-12-15$/end_date = 2026-12-11/' "$ini"
# The report reads the record as the last run left it.
report claims-before 2026-12 claims
night 2026-12-17
frozen >"$tmp/after"
check "the past is not re-planned" cmp -s "$tmp/before" "$tmp/after"
check "no change is audited before the 17th" [ "$(sql "$out/state.db" \
    "SELECT count(*) FROM audit WHERE date < '2026-12-17'")" -eq 0 ]
check "Ana's 9 December: sickness" [ "$(reason 2026-12-09 ana)" = sickness ]
check "South's 10 December: closed" [ "$(sql "$out/state.db" \
    "SELECT group_concat(DISTINCT reason) FROM delivered WHERE date =
    '2026-12-10' AND practice = 'south'")" = closed ]
check "Cara's 14 December: left" [ "$(reason 2026-12-14 cara)" = left ]
checked 2026-12
check "the claim changed with the record" \
    not_same "$tmp/claims-before.stdout" "$tmp/claims-2026-12.stdout"
for d in 2026-12-21 2026-12-28 2027-01-04; do night "$d"; done
checked 2026-12
check "December is all recorded" [ "$(sql "$out/state.db" \
    "SELECT count(*) FROM assignments a WHERE date LIKE '2026-12-%' AND NOT
    EXISTS (SELECT 1 FROM delivered d WHERE d.date = a.date AND d.session =
    a.session AND d.staff = a.staff)")" -eq 0 ]
check "Christmas: 4 bank-holiday sessions for Dev" [ "$(awk -F, \
    '$2 == "dev" { print $19 }' "$tmp/claims-2026-12.stdout")" = 4 ]
check "Cara's days employed: 11" [ "$(awk -F, \
    '$2 == "cara" { print $7 }' "$tmp/claims-2026-12.stdout")" = 11 ]
check "outer London amount" grep -q ',73189.00,' "$tmp/claims-2026-12.stdout"
# A month half planned: what is to come is counted, not delivered.
checked 2027-01

# 2. The removed absence restores the record: it is read, not stored.
run list absence "$ini" --remove 1
check "remove: exit $(rc list)" [ "$(rc list)" -eq 0 ]
night 2027-01-05
check "Ana's 9 December: delivered again" [ "$(reason 2026-12-09 ana)" = "" ]
checked 2026-12

# 3. Same input, same output; the page is one well-formed file.
report html 2026-12 html
report html2 2026-12 html
check "the page is the same twice" cmp -s "$tmp/html.stdout" "$tmp/html2.stdout"
report claims2 2026-12 claims
check "the claim is the same twice" \
    cmp -s "$tmp/claims2.stdout" "$tmp/claims-2026-12.stdout"
if command -v xmllint >/dev/null 2>&1; then
	check "the page is well-formed XML" xmllint --noout "$tmp/html.stdout"
else
	unavailable "xmllint is not installed (apt-get install libxml2-utils)"
fi
check "the page has no scripts" not grep -qi '<script' "$tmp/html.stdout"
check "the page lists South's closure" grep -q '<td>closed</td>' \
    "$tmp/html.stdout"
check "a chart per practice" [ "$(grep -c '<figure class="chart">' \
    "$tmp/html.stdout")" -eq 3 ]
total=$(awk -F, '$2 == "TOTAL" { print $14 }' \
    "$tmp/recharges-2026-12.stdout" | tr -d '\r')
check "the page shows the total due" grep -q "£$total\|&#163;$(echo "$total" |
    sed 's/\([0-9]\)\([0-9]\{3\}\)\./\1,\2./')" "$tmp/html.stdout"

# 4. Outside the ARRS year, a month is refused, nothing written.
run outside report "$ini" --out "$out" --month 2027-04 --format claims
check "2027-04 outside 2026/27: exit $(rc outside)" [ "$(rc outside)" -eq 3 ]
check "2027-04: says why" grep -q 'arrs_year' "$tmp/outside.stderr"
check "2027-04: writes nothing" empty "$tmp/outside.stdout"
run badmonth report "$ini" --out "$out" --month 2026-13
check "bad month: usage" [ "$(rc badmonth)" -eq 2 ]

# 5. A state from before the delivered record opens and catches up.
cp -r "$out" "$tmp/old"
"$PYTHON3" -c 'import sqlite3, sys
sqlite3.connect(sys.argv[1]).executescript(
    "DROP TABLE delivered; PRAGMA user_version = 4")' "$tmp/old/state.db"
run old report "$ini" --out "$tmp/old" --month 2026-12 --format claims
check "schema 4: a report does not write the state: exit $(rc old)" \
    [ "$(rc old)" -eq 5 ]
check "schema 4: says a replan updates it" \
    grep -q 'older pcnrota (schema 4): a plan or replan updates it' \
    "$tmp/old.stderr"
run oldnight replan "$ini" --out "$tmp/old" --now 2027-01-05T03:00
check "schema 4: replan exit $(rc oldnight) ($(cat "$tmp/oldnight.stderr"))" \
    published "$(rc oldnight)"
check "schema 4 migrates to 5" [ "$(sql "$tmp/old/state.db" \
    'PRAGMA user_version')" -eq 5 ]
check "schema 4: replan records what the state still holds" \
    [ "$(sql "$tmp/old/state.db" "SELECT count(*) FROM delivered
    WHERE date >= '2026-12-01'")" -gt 0 ]
run old2 report "$ini" --out "$tmp/old" --month 2026-12 --format claims
check "schema 4, updated: report exit $(rc old2)" [ "$(rc old2)" -eq 0 ]

# A damaged record is refused, naming the table.
cp -r "$out" "$tmp/damaged"
"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE delivered SET minutes = 99999 WHERE rowid = 1")
db.commit()' "$tmp/damaged/state.db"
run damaged report "$ini" --out "$tmp/damaged" --month 2026-12
check "damaged record: exit $(rc damaged), not 5" [ "$(rc damaged)" -eq 5 ]
check "damaged record: says which table" \
    grep -q 'rows of delivered hold values out of range' "$tmp/damaged.stderr"

# 6. Bad money keys: FILE:LINE and exit 3.
bad() {
	_want=$1
	shift
	sed "$@" "$srcdir/fixtures/money.ini" >"$tmp/bad.ini"
	run bad check "$tmp/bad.ini"
	check "bad ($_want): exit $(rc bad)" [ "$(rc bad)" -eq 3 ]
	check "bad ($_want): says $(cat "$tmp/bad.stderr")" \
	    grep -q "bad.ini:[0-9]*: .*$_want" "$tmp/bad.stderr"
}
bad "arrs_max must be an amount" -e 's/^arrs_max = 65838$/arrs_max = 65,838/'
bad "arrs_area must be" -e 's/^arrs_area = outer-london/arrs_area = london/'
bad "arrs_year must be" -e 's|^arrs_year = 2026/27|arrs_year = 2026/28|'
bad "recharge must be" -e 's/^recharge = sessions/recharge = list/'
bad "needs arrs_max_outer_london" -e '/^arrs_max_outer_london = 48991/d'
bad "end_date .* is before start_date" \
    -e 's/^start_date = 2026-12-14/start_date = 2026-12-14\nend_date = 2026-12-01/'
bad "on_costs as a percentage needs salary" \
    -e 's/^end_date = 2026-12-15/end_date = 2026-12-15\non_costs = 10%/'
bad "wte_hours must be" -e 's/^wte_hours = 37.5/wte_hours = 0/'
bad "salary must be an amount" -e 's/^salary = 24000/salary = -1/'
bad "start_date must be a date" -e 's/^start_date = 2026-12-14/start_date = 14\/12\/2026/'

finish
