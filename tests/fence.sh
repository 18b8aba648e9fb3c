#!/bin/sh
# The time limit is kept whatever the search is doing: the search runs in
# a child process, killed at the limit, and the best plan it sent (the
# quick plan at least) is published. PCNROTA_FAULT=stall@search stops the
# child for good, as a GLPK call that cannot be interrupted would (the
# interior-point method, the MIP presolver, a cut generator). No timing is
# asserted: a run that kept no limit would hang until the test's timeout.
. "${top_srcdir:-.}/tests/lib.sh"
ex="$srcdir/fixtures/example.ini"
now=2026-11-23T10:00
# Far above any limit given here, however busy the machine.
bound=300

# 1. A stalled search: the quick plan, published, exit 8, said.
PCNROTA_FAULT=stall@search timeout $bound "$PCNROTA" plan "$ex" \
    --week 2026-W49 --weeks 2 --time-limit 1 --now "$now" \
    --out "$tmp/stalled" >"$tmp/stalled.out" 2>"$tmp/stalled.err"
rc=$?
check "stalled plan: exit 8, not $rc ($(cat "$tmp/stalled.err"))" [ $rc -eq 8 ]
check "stalled plan: standard error says the time limit stopped it" \
    grep -q 'the time limit stopped the search' "$tmp/stalled.err"
check "stalled plan: the rota says so" \
    grep -q 'The time limit stopped the search' "$tmp/stalled/rota.txt"
plan_passes stalled "$ex"

# 2. A stalled night: the published rota stands but for the sick person.
plan_into pub "$ex" --week 2026-W49 --weeks 2 --now "$now"
cp "$ex" "$tmp/sick.ini"
sed -i "/^\[staff amira\]/a sickness = 2026-12-02..2026-12-03" "$tmp/sick.ini"
PCNROTA_FAULT=stall@search timeout $bound "$PCNROTA" replan "$tmp/sick.ini" \
    --out "$tmp/pub" --now 2026-12-02T02:00 --time-limit 1 \
    >"$tmp/night.out" 2>"$tmp/night.err"
rc=$?
check "stalled night: exit 8, not $rc ($(cat "$tmp/night.err"))" [ $rc -eq 8 ]
# From the published plan: only amira's sessions of those days move.
check "stalled night: only the sick person's sessions changed ($(cat "$tmp/night.out"))" \
    grep -Eq '^[0-9]+ sessions? changed for 1 staff' "$tmp/night.out"
plan_passes pub "$tmp/sick.ini"

# 3. A search that dies: exit 1, said, nothing published.
plan_into died "$ex" --week 2026-W49 --now "$now"
(cd "$tmp/died" && find . -type f ! -name 'state.db*' ! -name '.lock' |
    sort | xargs sha256sum) >"$tmp/died.before"
PCNROTA_FAULT=kill@search timeout $bound "$PCNROTA" plan "$ex" \
    --week 2026-W49 --now "$now" --out "$tmp/died" \
    >"$tmp/died.out" 2>"$tmp/died.err"
rc=$?
check "dead search: exit 1, not $rc" [ $rc -eq 1 ]
check "dead search: said ($(cat "$tmp/died.err"))" \
    grep -q 'example.ini: the search failed: Killed' "$tmp/died.err"
(cd "$tmp/died" && find . -type f ! -name 'state.db*' ! -name '.lock' |
    sort | xargs sha256sum) >"$tmp/died.after"
check "dead search: the published files are unchanged" \
    cmp -s "$tmp/died.before" "$tmp/died.after"

# 4. The search does not outlive its command.
PCNROTA_FAULT=stall@search "$PCNROTA" plan "$ex" --week 2026-W49 \
    --time-limit 600 >/dev/null 2>&1 &
parent=$!
child=""
for _ in $(seq 600); do
	child=$(pgrep -P "$parent" || true)
	[ -n "$child" ] && break
	sleep 0.1
done
check "the search runs in a child process" [ -n "$child" ]
kill -KILL "$parent"
wait "$parent" 2>/dev/null
for _ in $(seq 600); do
	kill -0 "$child" 2>/dev/null || break
	sleep 0.1
done
check "the search ends with its command" \
    sh -c "! kill -0 ${child:-0} 2>/dev/null"

# 5. A search that ends by its effort is the one a run without a child
# would give: the same plan twice, byte for byte, by effort alone.
for run in a b; do
	"$PCNROTA" plan "$ex" --week 2026-W49 --weeks 2 --now "$now" \
	    --effort 3000 --time-limit 600 --out "$tmp/effort-$run" \
	    >/dev/null 2>"$tmp/effort-$run.err"
	rc=$?
	check "effort run $run: exit 0, not $rc" [ $rc -eq 0 ]
done
check "effort runs: the same rota" \
    cmp -s "$tmp/effort-a/rota.txt" "$tmp/effort-b/rota.txt"

# 6. A model too big for the dual simplex in its effort (a generated
# stress network at --effort 1500) has its interior point run beside the
# search, in a process of its own, while the parts are improved. That
# process dying or stalling costs the bound, never the plan.
"$PYTHON3" "$srcdir/tests/gen_network.py" --size stress --seed 1 \
    >"$tmp/stress.ini" || exit 99
beside="--week 2026-W49 --now $now --effort 1500"
plan_into beside "$tmp/stress.ini" $beside --time-limit 600 --verbose
# parts_first LOG: the --verbose LOG shows the parts improved before the
# interior point's bound was taken.
parts_first() {
	awk '/improved part by part/ { p = NR }
	/root LP by interior point/ { r = NR }
	END { exit !(p && r && p < r) }' "$1"
}
check "beside: the parts were improved before the bound came" \
    parts_first "$tmp/beside.stderr"
check "beside: a bound ($(grep '^Plan' "$tmp/beside.stdout"))" \
    grep -Eq '^Plan feasible: cost [0-9]+, bound [1-9][0-9]*;' \
    "$tmp/beside.stdout"
# beside_fault NAME FAULT SECONDS [OPTION]: the stress plan with
# PCNROTA_FAULT and --time-limit, into $tmp/NAME; its exit status in rc.
beside_fault() {
	PCNROTA_FAULT=$2 timeout $bound "$PCNROTA" plan "$tmp/stress.ini" \
	    $beside --time-limit "$3" ${4:-} --out "$tmp/$1" \
	    >"$tmp/$1.out" 2>"$tmp/$1.err"
	rc=$?
}
beside_fault beside-died kill@beside 600
check "beside died: exit 0, not $rc ($(cat "$tmp/beside-died.err"))" \
    [ $rc -eq 0 ]
check "beside died: no bound ($(grep '^Plan' "$tmp/beside-died.out"))" \
    grep -Eq '^Plan feasible: cost [0-9]+, bound -;' "$tmp/beside-died.out"
check "beside died: the same placements as with its bound" \
    cmp -s "$tmp/beside/assignments.csv" "$tmp/beside-died/assignments.csv"
plan_passes beside-died "$tmp/stress.ini"
# Stalled, it is waited for until the limit: the parts ran first (a
# search that never began it would have no root LP line at all).
beside_fault beside-stalled stall@beside 10 --verbose
check "beside stalled: the parts were improved before the wait" \
    parts_first "$tmp/beside-stalled.err"
check "beside stalled: exit 8, not $rc ($(cat "$tmp/beside-stalled.err"))" \
    [ $rc -eq 8 ]
check "beside stalled: the rota says the time limit stopped the search" \
    grep -q 'The time limit stopped the search' \
    "$tmp/beside-stalled/rota.txt"
plan_passes beside-stalled "$tmp/stress.ini"

finish
