#!/bin/sh
# Fairness over time and the network's sharing agreements, from the
# outside: a practice closed for a week is owed its share the next week
# (balances carried through the state, shown in fairness.csv), not with
# carry_balances = no; roles shared by agreed percentages and by fixed
# sessions get the targets check_plan.py works out on its own.
. "${top_srcdir:-.}/tests/lib.sh"
ex="$srcdir/fixtures/example.ini"
checker="$srcdir/tests/check_plan.py"

# field CSV WEEK ROLE PRACTICE COLUMN: one value of fairness.csv.
field() {
	"$PYTHON3" -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8-sig")):
    if (r["week"], r["role"], r["practice"]) == tuple(sys.argv[2:5]):
        print(r[sys.argv[5]])' "$@"
}

# 1. Riverside closed to network staff for week 49, open again in 50.
sed '/^\[practice riverside\]/a closed = mon-fri' "$ex" >"$tmp/closed.ini"
"$PCNROTA" plan "$tmp/closed.ini" --week 2026-W49 --out "$tmp/out" \
    --now 2026-11-23T10:00 >/dev/null 2>"$tmp/err"
_st=$?
check "week 49 with riverside closed ($(cat "$tmp/err"))" planned $_st
share49=$(field "$tmp/out/fairness.csv" 2026-W49 pharmacist riverside agreed_share)
got49=$(field "$tmp/out/fairness.csv" 2026-W49 pharmacist riverside delivered)
check "closed riverside got no pharmacist sessions ($got49 of $share49)" \
    [ "$got49" = 0 ] && [ "${share49:-0}" -gt 0 ]
"$PCNROTA" plan "$ex" --week 2026-W50 --out "$tmp/out" \
    --now 2026-11-30T10:00 >/dev/null 2>"$tmp/err"
_st=$?
check "week 50 exits 0 ($(cat "$tmp/err"))" planned $_st
carried=$(field "$tmp/out/fairness.csv" 2026-W50 pharmacist riverside carried_in)
agreed=$(field "$tmp/out/fairness.csv" 2026-W50 pharmacist riverside agreed_share)
target=$(field "$tmp/out/fairness.csv" 2026-W50 pharmacist riverside target)
echo "riverside pharmacists, week 50: agreed $agreed, carried $carried, target $target"
check "week 50 carries what week 49 owed (carried $carried, owed -$share49)" \
    [ "$carried" = "-$share49" ]
check "week 50's target makes up for it ($target > $agreed)" \
    [ "$target" -gt "$agreed" ]
check "the rota shows the carried column" grep -q "carried" "$tmp/out/rota.txt"
got50=$(field "$tmp/out/fairness.csv" 2026-W50 pharmacist riverside delivered)
check "riverside gets more than its agreed share in week 50 ($got50 > $agreed)" \
    [ "$got50" -gt "$agreed" ]
# The owed sessions may not all fit (rooms): the fairness rule is soft.
if "$PYTHON3" "$checker" --no-fair "$ex" "$tmp/out" >"$tmp/check" 2>&1; then ok; else
	fail "check_plan.py on the carried plan:"
	head -n 20 "$tmp/check"
fi
"$PCNROTA" report "$ex" --out "$tmp/out" --week 2026-W50 \
    --format fairness-csv >"$tmp/report.csv"
check "report gives the same carried balances" \
    cmp -s "$tmp/report.csv" "$tmp/out/fairness.csv"
# The HTML fairness table and charts show the same balances: every
# number cross-checked against fairness.csv by check_html.py, which must
# catch a missing column, a wrong balance and a wrong agreed-share mark.
if "$PYTHON3" "$srcdir/tests/check_html.py" "$tmp/out" >"$tmp/html.check"
then ok; else
	fail "check_html.py on the carried plan:"
	cat "$tmp/html.check"
fi
check "rota.html has no Carried in column" \
    grep -q '<th scope="col" class="num">Carried in</th>' "$tmp/out/rota.html"
check "rota.html: riverside's pharmacist row is not agreed $agreed, carried $carried, share $target" \
    grep -q "<td>Riverside Medical Centre</td><td class=\"num\">$agreed</td><td class=\"num\">$(printf '\342\210\222')${carried#-}</td><td class=\"num\">$target</td>" \
    "$tmp/out/rota.html"
check "the chart does not mark riverside's agreed share" \
    grep -q "agreed share $agreed, carried in $carried, fair share $target," \
    "$tmp/out/rota.html"
"$PCNROTA" report "$ex" --out "$tmp/out" --week 2026-W50 --format html \
    >"$tmp/report.html"
check "report --format html differs from rota.html" \
    cmp -s "$tmp/report.html" "$tmp/out/rota.html"
# broken WHAT SED: the carried page changed by SED must fail check_html.py.
broken() {
	rm -rf "$tmp/broken"
	cp -R "$tmp/out" "$tmp/broken"
	sed "$2" "$tmp/out/rota.html" >"$tmp/broken/rota.html"
	cmp -s "$tmp/out/rota.html" "$tmp/broken/rota.html"
	check "broken ($1): the page was not changed" [ $? -ne 0 ]
	"$PYTHON3" "$srcdir/tests/check_html.py" "$tmp/broken" \
	    >"$tmp/broken.check"
	check "broken ($1): check_html.py exit $?, not 1" [ $? -eq 1 ]
}
broken "no carried-in column" \
    's|<th scope="col" class="num">Carried in</th>||; s|\(<td>Riverside Medical Centre</td><td class="num">[0-9]*</td>\)<td class="num">[^<]*</td>|\1|'
broken "carried balance" \
    "s|\(<td>Riverside Medical Centre</td><td class=\"num\">$agreed</td><td class=\"num\">\)[^<]*<|\1+1<|"
broken "agreed share in the table" \
    "s|<td>Riverside Medical Centre</td><td class=\"num\">$agreed<|<td>Riverside Medical Centre</td><td class=\"num\">$((agreed + 1))<|"
broken "agreed share on the chart" "0,/>agreed $agreed</s|>agreed $agreed<|>agreed $((agreed + 1))<|"
broken "agreed share mark" 's|<rect class="agreed" x="[0-9.]*"|<rect class="agreed" x="201.0"|'
broken "no agreed share mark" 's|<rect class="agreed"[^>]*>||'
check "the state holds the balances" [ "$("$PYTHON3" -c "
import sqlite3,sys
print(sqlite3.connect(sys.argv[1]).execute(
    \"SELECT delivered FROM balances WHERE week='2026-12-07' AND role='pharmacist' AND practice='riverside'\"
).fetchone()[0])" "$tmp/out/state.db")" = "$got50" ]

# 2. carry_balances = no: the agreement alone.
sed 's/^share = weighted$/share = weighted\ncarry_balances = no/' "$ex" >"$tmp/nocarry.ini"
cp -r "$tmp/out" "$tmp/nocarry"
"$PCNROTA" plan "$tmp/nocarry.ini" --week 2026-W50 --out "$tmp/nocarry" \
    --now 2026-11-30T10:00 >/dev/null 2>&1
check "carry_balances = no: plan exits 0" planned $?
check "carry_balances = no: nothing carried" [ "$(field \
    "$tmp/nocarry/fairness.csv" 2026-W50 pharmacist riverside carried_in)" = 0 ]

# 3. Agreed percentages for every role, fixed sessions for physios.
sed -e 's/^share = weighted$/share = percent/' \
    -e '/^\[practice riverside\]/a share_percent = 30\nfixed_sessions = physio:4' \
    -e '/^\[practice castle\]/a share_percent = 20\nfixed_sessions = physio:2' \
    -e '/^\[practice meadowbank\]/a share_percent = 20' \
    -e '/^\[practice old-mill\]/a share_percent = 10' \
    -e '/^\[practice hillside\]/a share_percent = 10' \
    -e '/^\[practice orchard\]/a share_percent = 10' \
    -e '/^\[role physio\]/a share = fixed' "$ex" >"$tmp/agreed.ini"
"$PCNROTA" plan "$tmp/agreed.ini" --week 2026-W49 --out "$tmp/agreed" \
    >/dev/null 2>"$tmp/err"
_st=$?
check "percent and fixed agreements plan ($(cat "$tmp/err"))" planned $_st
if "$PYTHON3" "$checker" "$tmp/agreed.ini" "$tmp/agreed" >"$tmp/check" 2>&1
then ok; else
	fail "check_plan.py on percent/fixed shares:"
	head -n 20 "$tmp/check"
fi
check "physio is shared by fixed sessions" [ "$(field \
    "$tmp/agreed/fairness.csv" 2026-W49 physio riverside share_basis)" = fixed ]
check "pharmacist by agreed percentages" [ "$(field \
    "$tmp/agreed/fairness.csv" 2026-W49 pharmacist riverside share_basis)" = percent ]
check "fixed sessions: a practice without any gets none" [ "$(field \
    "$tmp/agreed/fairness.csv" 2026-W49 physio orchard target)" = 0 ]

# 4. Agreements that do not add up are refused, with the line.
sed 's/^share_percent = 10$/share_percent = 5/' "$tmp/agreed.ini" >"$tmp/bad.ini"
"$PCNROTA" check "$tmp/bad.ini" >/dev/null 2>"$tmp/bad.err"
check "percentages not adding up: exit 3" [ $? -eq 3 ]
check "percentages not adding up: message ($(cat "$tmp/bad.err"))" \
    grep -q "bad.ini:[0-9]*: share = percent but the practices' share_percent add up to 85, not 100" "$tmp/bad.err"
# 5. Continuity: week 50 like week 49, weekday by weekday, when asked.
# same_as_before DB: sessions of week 50 at the practice of week 49.
same_as_before() {
	"$PYTHON3" -c '
import datetime, sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT date, session, staff, practice FROM assignments").fetchall()
day = lambda d: datetime.date.fromisoformat(d)
w49 = {(day(d).weekday(), s, st): p for d, s, st, p in rows
       if "2026-11-30" <= d <= "2026-12-06"}
print(sum(1 for d, s, st, p in rows if "2026-12-07" <= d <= "2026-12-13"
          and w49.get((day(d).weekday(), s, st)) == p))' "$1"
}
for weight in 0 1; do
	sed 's/^share = weighted$/share = weighted\ncarry_balances = no/' "$ex" \
	    >"$tmp/cont$weight.ini"
	printf '\n[objective]\ncontinuity = %s\n' $weight >>"$tmp/cont$weight.ini"
	"$PCNROTA" plan "$tmp/cont$weight.ini" --week 2026-W49 \
	    --out "$tmp/cont$weight" --now 2026-11-23T10:00 >/dev/null 2>&1 &&
	    "$PCNROTA" plan "$tmp/cont$weight.ini" --week 2026-W50 \
		--out "$tmp/cont$weight" --now 2026-11-30T10:00 \
		>"$tmp/cont$weight.txt" 2>&1
	check "continuity = $weight: plans" planned $?
done
kept0=$(same_as_before "$tmp/cont0/state.db")
kept1=$(same_as_before "$tmp/cont1/state.db")
echo "continuity: $kept0 sessions as the week before without, $kept1 with"
check "continuity = 1 keeps more sessions where they were ($kept1 > $kept0)" \
    [ "$kept1" -gt "$kept0" ]
check "the objective reports continuity" \
    grep -q "continuity missed" "$tmp/cont1.txt"
finish
