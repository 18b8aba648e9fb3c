#!/bin/sh
# End to end: supervision and Enhanced Access. fixtures/ea.ini is planned
# and checked from the outside (check_plan.py rules i and j, check_html.py
# with the network file), then variants of it show that each rule bites:
# without supervisors nobody who needs one is placed, without opted-in
# staff no Enhanced Access is delivered, a larger requirement is reported
# short. Broken plans must be caught by the checkers.
. "${top_srcdir:-.}/tests/lib.sh"
fx="$srcdir/fixtures"
week=2026-W49

# plan NAME INI: plans the week into $tmp/NAME; both checkers must pass.
plan() {
	checked_plan "$1" "$2" $week
}

# ea_line NAME: the rota's Enhanced Access line for the week.
ea_line() {
	grep "^Enhanced Access, $week: " "$tmp/$1/rota.txt"
}

# minutes H:MM
minutes() {
	echo "$1" | awk -F: '{ print $1 * 60 + $2 }'
}

# check summarises the requirement, the hubs and who opted in.
"$PCNROTA" check "$fx/ea.ini" >"$tmp/check.txt"
check "check: exit $?" [ -s "$tmp/check.txt" ]
grep -qx 'Enhanced Access: 21:30 hours a week owed, 4 staff opted in; hubs: harbour quayside' \
    "$tmp/check.txt"
_st=$?
check "check: no Enhanced Access summary: $(tail -n 1 "$tmp/check.txt")" \
    [ $_st -eq 0 ]
grep -qx 'Staff who need a supervisor: 3' "$tmp/check.txt"
check "check: no count of staff who need a supervisor" [ $? -eq 0 ]

plan ea "$fx/ea.ini"
grep -q '^Plan optimal: ' "$tmp/ea/rota.txt"
check "ea: plan not proved optimal" [ $? -eq 0 ]

# Owed: 60 minutes per 1,000 of the 21,500 registered patients.
line=$(ea_line ea)
check "ea: no Enhanced Access line in rota.txt" [ -n "$line" ]
case $line in
*" of 21:30 owed"*) ok ;;
*) fail "ea: owed is not 21:30: $line" ;;
esac
done_=$(echo "$line" | sed -n 's/.*: \([0-9]*:[0-9][0-9]\) hours delivered.*/\1/p')
check "ea: delivered ${done_:-?} not above zero" \
    [ "$(minutes "${done_:-0:00}")" -gt 0 ]

# Placements in Enhanced Access sessions are at hubs, by staff who opted
# in, and nowhere else (check_plan.py checks it too, from the file).
awk -F, '$4 == "evening" || $4 ~ /^sat_/ { print $7 " " $11 }' \
    "$tmp/ea/assignments.csv" >"$tmp/ea-rows"
check "ea: no Enhanced Access session staffed" [ -s "$tmp/ea-rows" ]
check "ea: EA placement away from the hubs" \
    [ -z "$(grep -v ' harbour$' "$tmp/ea-rows" | grep -v ' quayside$')" ]
check "ea: EA placement of someone who did not opt in" \
    [ -z "$(grep -E '^(ellie|gita|isla|jon) ' "$tmp/ea-rows")" ]

# Supervision: Northgate's Wednesday morning request is uncovered for want
# of a supervisor, and the physician associates work only where one is.
grep '^2026-12-02,.*,am,.*,northgate,[^,]*,physician_associate,' \
    "$tmp/ea/uncovered.csv" >"$tmp/sup-row"
check "ea: Northgate's request not uncovered" [ -s "$tmp/sup-row" ]
check "ea: its reason is not \"no supervisor\"" \
    grep -q ',"\{0,1\}no supervisor' "$tmp/sup-row"
grep -q 'no supervisor' "$tmp/ea/rota.html"
check "ea: the HTML does not give the reason" [ $? -eq 0 ]

# The same plan twice is the same bytes.
"$PCNROTA" plan "$fx/ea.ini" --week $week >"$tmp/again.txt" 2>/dev/null
check "ea: same input, different rota" cmp -s "$tmp/again.txt" \
    "$tmp/ea/rota.txt"

# report gives the same Enhanced Access figures from the published plan.
"$PCNROTA" report "$fx/ea.ini" --out "$tmp/ea" --week $week \
    >"$tmp/report.txt"
grep -A 8 '^Enhanced Access, ' "$tmp/report.txt" >"$tmp/report-ea"
grep -A 8 '^Enhanced Access, ' "$tmp/ea/rota.txt" >"$tmp/rota-ea"
check "report: no Enhanced Access lines" [ -s "$tmp/report-ea" ]
check "report: Enhanced Access differs from the plan's" \
    cmp -s "$tmp/report-ea" "$tmp/rota-ea"

# Nobody supervises: nobody who needs it is placed, and every request of
# a supervised role is uncovered with that reason.
grep -v '^supervision = ' "$fx/ea.ini" >"$tmp/nosup.ini"
plan nosup "$tmp/nosup.ini"
check "nosup: someone who needs a supervisor was placed" \
    [ -z "$(cut -d, -f7 "$tmp/nosup/assignments.csv" |
        grep -E '^(ellie|fraser|gita)$')" ]
n=$(grep -c ',physician_associate,' "$tmp/nosup/uncovered.csv")
m=$(grep ',physician_associate,' "$tmp/nosup/uncovered.csv" |
    grep -c 'no supervisor')
check "nosup: $n physician associate requests uncovered, $m of them for \
want of a supervisor (expected 2 and 2)" [ "$n:$m" = 2:2 ]

# Nobody opted in: nothing delivered, all of it short.
awk '/^\[/ { staff = /^\[staff / } !(staff && /^enhanced_access/)' \
    "$fx/ea.ini" >"$tmp/noopt.ini"
check "noopt: the variant still has EA sessions" \
    [ "$(grep -c '^enhanced_access = yes' "$tmp/noopt.ini")" -eq 3 ]
plan noopt "$tmp/noopt.ini"
check "noopt: $(ea_line noopt)" [ "$(ea_line noopt)" = \
    "Enhanced Access, $week: 0:00 hours delivered of 21:30 owed, 21:30 short" ]

# An explicit requirement larger than can be met is reported short, with
# delivered + short = owed.
sed 's/^ea_minutes_per_1000 = 60$/ea_hours_per_week = 80/' "$fx/ea.ini" \
    >"$tmp/more.ini"
plan more "$tmp/more.ini"
line=$(ea_line more)
set -- $(echo "$line" | sed -n \
    's/.*: \([0-9:]*\) hours delivered of \([0-9:]*\) owed, \([0-9:]*\) short$/\1 \2 \3/p')
if [ $# -eq 3 ] && [ "$2" = 80:00 ] &&
    [ $(($(minutes "$1") + $(minutes "$3"))) -eq 4800 ]; then ok; else
	fail "more: $line"
fi
# The weight makes it worth staffing: more delivered than for 21:30.
check "more: delivered $1 not above the 21:30 plan's ${done_:-?}" \
    [ "$(minutes "${1:-0:00}")" -ge "$(minutes "${done_:-0:00}")" ]

# The exported model, Enhanced Access slack included, has the optimum
# pcnrota finds, by CBC's reckoning.
if command -v cbc >/dev/null; then
	"$PCNROTA" plan "$tmp/more.ini" --week $week \
	    --write-model "$tmp/more.lp" >"$tmp/more.rota"
	ours=$(sed -n 's/^Plan optimal: cost \([0-9]*\),.*/\1/p' \
	    "$tmp/more.rota")
	theirs=$(cbc "$tmp/more.lp" -solve -quit |
	    sed -n 's/^Objective value: *\([0-9.-]*\)/\1/p')
	check "more: CBC finds ${theirs:-nothing}, pcnrota ${ours:-nothing}" \
	    awk -v a="$ours" -v b="$theirs" \
	    'BEGIN { exit !(a != "" && b != "" && a - b < 0.5 && b - a < 0.5) }'
fi

# The checkers catch a broken plan: a supervised person moved to a
# practice without a supervisor, an EA session at a non-hub, an evening
# placement dropped, and a rota that overstates the hours delivered.
cp -r "$tmp/ea" "$tmp/broken"
awk -F, 'BEGIN { OFS = "," }
    NR > 1 && $7 == "gita" && !g { $11 = $13 = "lighthouse";
	$12 = $14 = "Lighthouse Surgery"; g = 1 }
    NR > 1 && $4 == "sat_am" && !s { $11 = $13 = "northgate";
	$12 = $14 = "Northgate Surgery"; s = 1 }
    NR > 1 && $4 == "evening" && !e { e = 1; next }
    { print }' "$tmp/ea/assignments.csv" >"$tmp/broken/assignments.csv"
sed 's/^\(Enhanced Access, [^:]*: \)[0-9]*:/\199:/' "$tmp/ea/rota.txt" \
    >"$tmp/broken/rota.txt"
"$PYTHON3" "$srcdir/tests/check_plan.py" --no-fair "$fx/ea.ini" \
    "$tmp/broken" >"$tmp/broken.check"
rc=$?
check "broken: check_plan.py exit $rc, not 1" [ "$rc" -eq 1 ]
for tag in '\[i\] .*gita needs supervision, lighthouse' \
    '\[j\] .*sat_am at northgate, not a hub' \
    '\[j\] rota.txt: Enhanced Access 2026-W49 shows' \
    '\[j\] rota.txt: Enhanced Access sessions of 2026-W49'; do
	grep -q "^$tag" "$tmp/broken.check"
	check "broken: check_plan.py did not report $tag" [ $? -eq 0 ]
done

# check_html.py catches wrong hours in the page's table.
cp -r "$tmp/ea" "$tmp/badhtml"
sed 's|\(<th scope="row" colspan="3">Owed</th><td class="num">\)[0-9]*|\199|' \
    "$tmp/ea/rota.html" >"$tmp/badhtml/rota.html"
cmp -s "$tmp/ea/rota.html" "$tmp/badhtml/rota.html"
check "badhtml: the page was not changed" [ $? -ne 0 ]
"$PYTHON3" "$srcdir/tests/check_html.py" "$tmp/badhtml" "$fx/ea.ini" \
    >"$tmp/badhtml.check"
rc=$?
check "badhtml: check_html.py exit $rc, not 1" [ "$rc" -eq 1 ]
grep -q '^\[ea\] .*Owed 99:30' "$tmp/badhtml.check"
check "badhtml: wrong owed hours not reported" [ $? -eq 0 ]

finish
