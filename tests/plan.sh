#!/bin/sh
# End to end: plan each shipped network and check the result from the
# outside with an independent checker; same input, same bytes; a failed
# run leaves earlier outputs untouched.
. "${top_srcdir:-.}/tests/lib.sh"
fx="$srcdir/fixtures"
week=2026-W49

# plan NAME FIXTURE [OPTIONS...]: plans into $tmp/NAME and checks it.
plan() {
	name=$1
	out="$tmp/$1"
	ini=$2
	shift 2
	plan_into "$name" "$ini" --week $week "$@"
	check "$ini: stdout is rota.txt" cmp -s "$out.stdout" "$out/rota.txt"
	check "$ini: stderr not empty" [ ! -s "$out.stderr" ]
	for f in rota.txt assignments.csv fairness.csv uncovered.csv; do
		check "$ini: $f missing" [ -s "$out/$f" ]
	done
	plan_passes "$name" "$ini"
}

plan tiny "$fx/tiny.ini"
plan example "$fx/example.ini"
plan example2 "$fx/example.ini" --weeks 2
plan large "$fx/large.ini" --time-limit 20

# The example really plans: staff placed, a fair share per practice, and
# the uncovered request it was written with.
check "example placed 100 sessions or fewer" \
    [ "$(grep -c , "$tmp/example/assignments.csv")" -gt 100 ]
check "example reports no uncovered request (it has one by design)" \
    [ "$(grep -c , "$tmp/example/uncovered.csv")" -gt 1 ]
grep -q "^Fair shares by" "$tmp/example/rota.txt"
check "rota has no fair-share table" [ $? -eq 0 ]

# The exported model is the one optimised: CBC, another solver, reads it
# and reaches the same optimum.
for f in tiny example; do
	"$PCNROTA" plan "$fx/$f.ini" --week $week --write-model "$tmp/$f.lp" \
	    >"$tmp/$f.rota"
	check "$f: --write-model failed" [ -s "$tmp/$f.lp" ]
	ours=$(sed -n 's/^Plan optimal: cost \([0-9]*\),.*/\1/p' "$tmp/$f.rota")
	check "$f: plan not proved optimal" [ -n "$ours" ]
	if command -v cbc >/dev/null; then
		theirs=$(cbc "$tmp/$f.lp" -solve -quit |
		    sed -n 's/^Objective value: *\([0-9.-]*\)/\1/p')
		check "$f: CBC finds ${theirs:-nothing}, pcnrota $ours" \
		    awk -v a="$ours" -v b="$theirs" \
		    'BEGIN { exit !(b != "" && a - b < 0.5 && b - a < 0.5) }'
	fi
done
"$PCNROTA" plan "$fx/tiny.ini" --week $week --write-model "$tmp/m.txt" \
    >/dev/null 2>"$tmp/err"
check "--write-model with a bad name: exit code not 5" [ $? -eq 5 ]

# --out makes the folder's parents too.
"$PCNROTA" plan "$fx/tiny.ini" --week $week --out "$tmp/a/b/c" >/dev/null
check "--out with missing parents: exit $?" [ -s "$tmp/a/b/c/rota.txt" ]

# report gives the published plan's reports again, without solving.
ex="$fx/example.ini"
"$PCNROTA" report "$ex" --out "$tmp/example" --week $week >"$tmp/report.txt"
check "report: exit $?" [ -s "$tmp/report.txt" ]
# The Objective block is the solver's; report shows a stored plan.
sed '/^Objective: cost/,$d' "$tmp/example/rota.txt" >"$tmp/rota-body"
head -n -1 "$tmp/report.txt" >"$tmp/report-body"
check "report text differs from the plan's rota" \
    cmp -s "$tmp/rota-body" "$tmp/report-body"
grep -q '^Published plan: [0-9]* sessions placed$' "$tmp/report.txt"
check "report: no closing line" [ $? -eq 0 ]
for f in csv:assignments.csv fairness-csv:fairness.csv \
    uncovered-csv:uncovered.csv html:rota.html; do
	"$PCNROTA" report "$ex" --out "$tmp/example" --week $week \
	    --format "${f%%:*}" >"$tmp/report.out"
	check "report --format ${f%%:*} differs from ${f#*:}" \
	    cmp -s "$tmp/report.out" "$tmp/example/${f#*:}"
done
"$PCNROTA" report "$ex" --out "$tmp/example" --week 2026-W50 \
    >/dev/null 2>"$tmp/err"
check "report of a week never published: exit $?, not 6" [ $? -eq 6 ]
grep -q "nothing was published for 2026-12-07 to 2026-12-13" "$tmp/err"
check "report of a week never published: no clear message" [ $? -eq 0 ]
"$PCNROTA" report "$ex" --out "$tmp/none" --week $week >/dev/null 2>&1
check "report without a state: exit $?, not 6" [ $? -eq 6 ]
check "report without a state made one" [ ! -e "$tmp/none" ]

# A search cut short by its effort still reports a bound between 0 and
# the plan's cost, or none ("-"), never a bound of 0 under a dearer plan;
# and in words: how far from the best possible plan, and that a longer
# search would likely help.
"$PCNROTA" plan "$fx/large.ini" --week $week --weeks 4 --effort 400 \
    --time-limit 300 >"$tmp/short.txt"
check "short search: exit $?" [ -s "$tmp/short.txt" ]
tail -1 "$tmp/short.txt" | awk '
	/^Plan feasible: cost [0-9]+, bound -;/ { exit 0 }
	/^Plan (optimal|feasible): cost [0-9]+, bound [0-9]+;/ {
		cost = $4 + 0; bound = $6 + 0
		exit !(bound > 0 && bound <= cost || bound == 0 && cost == 0)
	}
	{ exit 1 }'
_st=$?
check "short search: bad bound in '$(tail -1 "$tmp/short.txt")'" [ $_st -eq 0 ]
check "short search: how far from the best possible plan is not said" \
    grep -Eq '^(This plan is at most [0-9]+\.[0-9]% from the best possible plan|How far this plan is from the best possible is not known yet)\.$' \
    "$tmp/short.txt"
check "short search: more time is not advised" grep -q \
    '^A longer --time-limit would likely find a better plan\.$' \
    "$tmp/short.txt"
grep -q 'time limit stopped' "$tmp/short.txt"
check "short search: said to be stopped by the clock" [ $? -ne 0 ]

# A search the clock stops (an effort no machine spends in 0.1 s): exit
# 8, said on stderr and in the rota, the plan published all the same.
"$PCNROTA" plan "$fx/large.ini" --week $week --weeks 4 --effort 1000000 \
    --time-limit 0.1 --out "$tmp/clocked" >"$tmp/clocked.txt" \
    2>"$tmp/clocked.err"
rc=$?
check "clocked search: exit $rc, not 8 ($(cat "$tmp/clocked.err"))" [ $rc -eq 8 ]
check "clocked search: nothing on stderr" grep -q \
    'time limit stopped the search before its effort was spent' \
    "$tmp/clocked.err"
check "clocked search: the rota does not say so" grep -q \
    '^The time limit stopped the search before its effort was spent' \
    "$tmp/clocked/rota.txt"
plan_passes clocked "$fx/large.ini"

# Same input, same bytes.
plan again "$fx/example.ini"
for f in rota.txt assignments.csv fairness.csv uncovered.csv; do
	check "$f differs between two identical runs" \
	    cmp -s "$tmp/example/$f" "$tmp/again/$f"
done

# A failed run leaves the last good outputs as they were.
cp -R "$tmp/example" "$tmp/before"
"$PCNROTA" plan "$srcdir/fixtures/bad/unknown-key.ini" --week $week \
    --out "$tmp/example" >/dev/null 2>&1
check "bad network: exit code not 3" [ $? -eq 3 ]
diff -r "$tmp/before" "$tmp/example" >/dev/null
check "bad network: earlier outputs changed" [ $? -eq 0 ]
: >"$tmp/not-a-folder"
"$PCNROTA" plan "$fx/tiny.ini" --week $week --out "$tmp/not-a-folder" \
    >/dev/null 2>"$tmp/err"
check "--out on a file: exit code not 5" [ $? -eq 5 ]
grep -q "not-a-folder: not a folder" "$tmp/err"
check "--out on a file: no clear message" [ $? -eq 0 ]
ls -A "$tmp/example" | grep -q '^\.' && fail "temporary files left behind"
ls -A "$tmp/example" | grep -q '^\.' || ok

finish
