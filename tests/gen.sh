#!/bin/sh
# The network generator (tests/gen_network.py): every preset, with two
# seeds, makes a file that `pcnrota check` accepts; the small and median
# ones plan, and the independent checker finds nothing wrong; the same
# options give the same bytes.
. "${top_srcdir:-.}/tests/lib.sh"
gen() {
	"$PYTHON3" "$srcdir/tests/gen_network.py" "$@"
}
week=2026-W49

for size in small median large stress big largest random; do
	for seed in 1 2; do
		f="$tmp/$size-$seed.ini"
		gen --size $size --seed $seed >"$f"
		rc=$?
		check "gen --size $size --seed $seed: exit $rc" [ $rc -eq 0 ]
		"$PCNROTA" check "$f" >"$f.check" 2>&1
		rc=$?
		check "pcnrota check rejects $size-$seed.ini (exit $rc):
$(cat "$f.check")" [ "$rc" -eq 0 ]
	done
done

# --sites: branch surgeries, care homes and travel, all accepted; the rest
# of the network is the same as without them.
for size in small median big; do
	f="$tmp/$size-sites.ini"
	gen --size $size --seed 3 --sites >"$f"
	"$PCNROTA" check "$f" >"$f.check" 2>&1
	rc=$?
	check "pcnrota check rejects $size-sites.ini (exit $rc):
$(head -n 5 "$f.check")" [ "$rc" -eq 0 ]
	check "$size-sites.ini: no site, care home or travel" \
	    grep -q '^\[care_home ' "$f"
	gen --size $size --seed 3 >"$tmp/$size-plain.ini"
	awk '/^travel = / || /^; gen_network\.py / { next }
	    /^; -* sites and care homes$/ { next }
	    /^\[(site|care_home) / { skip = 1; next }
	    /^\[/ || /^; -/ { skip = 0 }
	    !skip' "$f" | sed '/^$/N;/^\n$/D' >"$tmp/$size-stripped.ini"
	grep -v '^; gen_network\.py ' "$tmp/$size-plain.ini" |
	    sed '/^$/N;/^\n$/D' >"$tmp/$size-plain2.ini"
	check "$size-sites.ini: the rest differs from the network without" \
	    cmp -s "$tmp/$size-stripped.ini" "$tmp/$size-plain2.ini"
done
plan_into small-sites "$tmp/small-sites.ini" --week $week --time-limit 10
plan_passes small-sites "$tmp/small-sites.ini" --no-fair

# Generated networks plan, and the plans keep every rule. Fairness within
# one session (check_plan.py [g]) is not asked for: staff kept to a few
# practices, one-person roles and one to four rooms often make it
# impossible, and the plan then rightly departs from the shares.
for f in small-1 small-2 median-1 median-2; do
	plan_into "$f" "$tmp/$f.ini" --week $week --time-limit 10
	plan_passes "$f" "$tmp/$f.ini" --no-fair
done

# Enhanced Access: owed, opted into, at hubs, and staffed in the plan.
check "median-1.ini: no Enhanced Access owed" grep -q \
    '^Enhanced Access: 11:00 hours a week owed, [1-9][0-9]* staff opted in; hubs: ' \
    "$tmp/median-1.ini.check"
ea=$(grep -c '^[^,]*,[^,]*,[^,]*,\(evening\|sat_am\|sat_pm\),' \
    "$tmp/median-1/assignments.csv")
check "median-1: nobody in an Enhanced Access session" [ "$ea" -gt 0 ]
grep -q '^ *Enhanced Access' "$tmp/median-1/rota.txt"
check "median-1: no Enhanced Access in rota.txt" [ $? -eq 0 ]

# Four weeks, with leave in each.
gen --size small --seed 3 --weeks-of-leave 2026-W49..2026-W52 \
    >"$tmp/month.ini"
check "--weeks-of-leave: no leave in 2026-W52" \
    grep -q '^leave = .*2026-12-2[1-7]' "$tmp/month.ini"
"$PCNROTA" plan "$tmp/month.ini" --week $week --weeks 4 --time-limit 10 \
    --out "$tmp/month" >/dev/null 2>"$tmp/month.stderr"
rc=$?
check "plan month.ini: exit $rc ($(cat "$tmp/month.stderr"))" [ $rc -eq 0 ]
"$PYTHON3" "$srcdir/tests/check_plan.py" --no-fair "$tmp/month.ini" \
    "$tmp/month" >"$tmp/month.check"
rc=$?
check "month.ini: violations: $(cat "$tmp/month.check")" [ $rc -eq 0 ]

# Deterministic: the same options, the same bytes; another seed differs.
gen --size median --seed 1 >"$tmp/again.ini"
check "the same seed gave different bytes" \
    cmp -s "$tmp/median-1.ini" "$tmp/again.ini"
gen --size random --seed 2 >"$tmp/again.ini"
check "the same seed gave different bytes (random size)" \
    cmp -s "$tmp/random-2.ini" "$tmp/again.ini"
cmp -s "$tmp/median-1.ini" "$tmp/median-2.ini"
check "two seeds gave the same network" [ $? -ne 0 ]

# The sizes asked for are the sizes made.
gen --practices 7 --patients 50000 --staff 23 --seed 5 >"$tmp/custom.ini"
check "--practices 7: $(grep -c '^\[practice ' "$tmp/custom.ini") practices" \
    [ "$(grep -c '^\[practice ' "$tmp/custom.ini")" -eq 7 ]
check "--staff 23: $(grep -c '^\[staff ' "$tmp/custom.ini") staff" \
    [ "$(grep -c '^\[staff ' "$tmp/custom.ini")" -eq 23 ]
check "--patients 50000: list sizes add up to something else" \
    [ "$(sed -n 's/^list_size = //p' "$tmp/custom.ini" |
	awk '{ s += $1 } END { print s }')" -eq 50000 ]
"$PCNROTA" check "$tmp/custom.ini" >/dev/null 2>&1
check "pcnrota check rejects custom.ini" [ $? -eq 0 ]

# Usage.
gen --help >"$tmp/help" 2>&1
check "--help: exit $?" [ $? -eq 0 ]
check "--help says nothing of --seed" grep -q -- --seed "$tmp/help"
gen --size huge >/dev/null 2>&1
check "--size huge: exit $?, not 2" [ $? -eq 2 ]
gen --weeks-of-leave 2026-W60 >/dev/null 2>&1
check "--weeks-of-leave 2026-W60: exit $?, not 2" [ $? -eq 2 ]

finish
