#!/bin/sh
# bench.sh - the benchmark that `make bench` runs (DESIGN.md, performance
# targets). It never fails on a timing: it exits non-zero only if pcnrota
# is missing, crashes (a signal or exit 1), or rejects a generated network
# (but for a week's placements over the limit, which only sizes beyond any
# real network reach: that case's row says so).
#
# 1. Cases: each size of BENCH_SIZES (tests/gen_network.py presets, seed
#    1; "big" is a 26-practice network, "largest" 32) at each of
#    BENCH_WEEKS weeks from 2026-W49, and each seed of BENCH_SEEDS at the
#    sizes of BENCH_SEEDED_SIZES for one week; the networks have branch
#    sites, care homes and travel (gen_network.py --sites) unless
#    BENCH_SITES=no. For each it reports the model size; the time to a
#    first plan; the time to the final plan, its status, cost and how far
#    at most from the best possible plan; whether the same case planned
#    again gave the same rota byte for byte; the peak memory; and, where
#    CBC is installed, the same model (--write-model) solved by CBC
#    under the same time limit, and pcnrota's time over CBC's.
# 2. It plans a batch of generated networks (sizes drawn from the real
#    distribution), one process per network, with tests/batch.sh, and
#    reports networks per minute.
#
# What is measured, exactly:
#   first_s   whole-process wall time of `plan --time-limit 0.1` (the least
#             allowed): reading the file, building the model, the greedy
#             start, writing the rota. first_cost is that plan's cost.
#   final_s   whole-process wall time of `plan --time-limit LIMIT`; cost,
#             bound and status are from its last line. gap is
#             (cost - bound) / max(1, cost), "at most" that far from the
#             best possible plan; "-" where no bound is known.
#   same      the case planned a second time (same options): "yes" when
#             the rota is the same byte for byte, "DIFF" when not,
#             "clock" when --time-limit stopped either search (exit 8:
#             the plan may vary with the machine's load).
#   mip1_s    (CSV only) when GLPK's log (--verbose, each line timed as it
#             is printed) first shows an incumbent ("mip =" and a number)
#             in that run. GLPK logs progress every few seconds, so this
#             is coarse.
#   rss_mb    peak resident memory of that run (GNU time, %M).
#   cbc_s     wall time of `cbc MODEL.lp -sec LIMIT -solve -quit` (reading
#             the LP file included); cbc_obj its objective, cbc_bound its
#             lower bound when stopped early, cbc_stat its result (optimal,
#             limit: stopped by the time limit); in the CSV also
#             cbc_first_s, when CBC found its first integer solution.
#             CBC is stopped at twice the limit (cbc_stat "killed"):
#             it checks -sec seldom while solving a big root LP.
#   ratio     final_s / cbc_s: below 1, pcnrota was the faster.
# The generated networks hold Enhanced Access (evening and Saturday
# sessions at hubs; see tests/gen_network.py).
#
# Environment: PCNROTA, top_srcdir, PYTHON3 (set by make), and
#   BENCH_TIME_LIMIT  seconds per plan and per CBC run (default 20, the
#                     planner's own default)
#   BENCH_SIZES       default "small median large stress big largest"
#   BENCH_WEEKS       default "1 4"
#   BENCH_SEEDED_SIZES  default "median large"
#   BENCH_SEEDS       default "1 2 3 4 5"
#   BENCH_SITES       "no": networks without sites, care homes, travel
#   BENCH_BATCH       networks in the batch (default 100; 0 skips it)
#   BENCH_BATCH_TIME_LIMIT  --time-limit of each batch plan (default 10)
#   BENCH_JOBS        processes at once in the batch (default: processors)
#   BENCH_CBC         "no" to skip CBC
#   BENCH_DIR         where everything goes (default ./bench); results.csv
#                     and batch.csv there, networks, models and logs below.
# With the defaults it takes at most about 30 minutes on a 2-core machine
# (22 cases of at most three runs of 20 s, and the batch).
set -u
: "${top_srcdir:=.}"
: "${PCNROTA:=$(pwd)/pcnrota}"
: "${PYTHON3:=python3}"
: "${BENCH_TIME_LIMIT:=20}"
: "${BENCH_SIZES:=small median large stress big largest}"
: "${BENCH_WEEKS:=1 4}"
: "${BENCH_SEEDED_SIZES:=median large}"
: "${BENCH_SEEDS:=1 2 3 4 5}"
: "${BENCH_SITES:=yes}"
: "${BENCH_BATCH:=100}"
: "${BENCH_BATCH_TIME_LIMIT:=10}"
: "${BENCH_JOBS:=$(nproc 2>/dev/null || echo 2)}"
: "${BENCH_CBC:=yes}"
: "${BENCH_DIR:=$(pwd)/bench}"
srcdir=$(cd "$top_srcdir" && pwd)
gen="$srcdir/tests/gen_network.py"
week=2026-W49
leave_weeks=2026-W49..2026-W52
now=2026-11-23T09:00
status=0
sites=
[ "$BENCH_SITES" != no ] && sites=--sites

if [ ! -x "$PCNROTA" ]; then
	echo "bench: $PCNROTA: no such program (run make first)" >&2
	exit 1
fi
cbc=
if [ "$BENCH_CBC" != no ] && command -v cbc >/dev/null 2>&1; then
	cbc=$(command -v cbc)
fi
rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR/networks" "$BENCH_DIR/logs" "$BENCH_DIR/models" \
    "$BENCH_DIR/out" || exit 1
csv="$BENCH_DIR/results.csv"

# timed FILE COMMAND...: runs COMMAND, returns its exit code, and writes
# "SECONDS MAX_RSS_KB EXIT" as the last line of FILE (RSS "-" without GNU
# time). Usable in a pipeline: only COMMAND's own process is measured.
timed() {
	tf=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %M %x' -o "$tf" "$@"
	else
		ts=$(date +%s.%N)
		"$@"
		tr=$?
		awk -v a="$ts" -v b="$(date +%s.%N)" -v r="$tr" \
		    'BEGIN { printf "%.2f - %d\n", b - a, r }' >"$tf"
		return $tr
	fi
}

# readtime FILE: sets t_secs, t_rss and t_rc from FILE written by timed;
# a command killed by signal N gets t_rc 128+N.
readtime() {
	sig=$(sed -n 's/^Command terminated by signal \([0-9]*\).*/\1/p' "$1")
	set -- $(tail -n 1 "$1" 2>/dev/null) - - -
	t_secs=$1
	t_rss=$2
	t_rc=$3
	[ -n "$sig" ] && t_rc=$((128 + sig))
	case $t_rc in '' | *[!0-9]*) t_rc=1 ;; esac
}

# Prefixes each line read with the seconds since it started.
stamp='
import sys, time
t0 = time.monotonic()
for line in sys.stdin:
    sys.stdout.write("%.3f %s" % (time.monotonic() - t0, line))
'

# crashed WHAT CODE: a crash or a rejected network fails the benchmark;
# no plan within the time limit (exit 4) or a search the clock stopped
# (exit 8) is only reported.
crashed() {
	case $2 in
	0 | 4 | 8) return 1 ;;
	esac
	echo "bench: $1: pcnrota exit $2" >&2
	status=1
	return 0
}

# nobound X: "-" for a bound that is no bound (GLPK's -DBL_MAX), else X.
nobound() {
	awk -v b="$1" 'BEGIN { if (b == "-" || b + 0 < -1e300) print "-"
		else print b }'
}

# lastline FILE: "status cost bound rows columns integer" from the last
# "Plan ...:" line, or six dashes.
lastline() {
	sed -n 's/^Plan \([a-z]*\): cost \([-0-9.e+]*\), bound \([-0-9.e+]*\);.* model \([0-9]*\) rows, \([0-9]*\) columns (\([0-9]*\) integer).*/\1 \2 \3 \4 \5 \6/p' \
	    "$1" | tail -n 1 | grep . || echo "- - - - - -"
}

echo "pcnrota benchmark: $("$PCNROTA" --version 2>/dev/null | head -n 1)," \
    "$(nproc 2>/dev/null || echo '?') processors," \
    "$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo 2>/dev/null |
	head -n 1)"
echo "Networks: tests/gen_network.py $sites, leave in $leave_weeks;" \
    "planned from $week; time limit ${BENCH_TIME_LIMIT} s."
echo "With Enhanced Access: a quarter of 60 minutes per 1,000 patients a" \
    "week owed by the network's staff, at hubs."
if [ -n "$cbc" ]; then
	echo "Cross-check: $($cbc -quit 2>/dev/null | sed -n 's/^Version: *\([^ ]*\).*/CBC \1/p') on the same model (--write-model), same limit."
else
	echo "Cross-check: CBC not installed (Debian coinor-cbc) or" \
	    "BENCH_CBC=no: skipped."
fi
echo

echo "case,size,seed,weeks,practices,patients,staff,rows,columns,integer,first_s,first_cost,mip1_s,final_s,status,cost,bound,gap,same,rss_kb,exit,cbc_s,cbc_status,cbc_obj,cbc_bound,cbc_rss_kb,cbc_first_s,ratio" >"$csv"
fmt='%-10s %2s %6s %6s %6s %7s %7s %-8s %7s %7s %-5s %7s %7s %-8s %7s %7s %5s\n'
printf "$fmt" case wk rows cols first_s f_cost final_s status cost gap same \
    rss_MB cbc_s cbc_stat cbc_obj cbc_bnd ratio
printf "$fmt" ---------- -- ------ ------ ------- ------- ------- -------- \
    ------- ------- ----- ------- ------- -------- ------- ------- -----

# The cases, "size seed weeks" a line.
cases() {
	for size in $BENCH_SIZES; do
		for weeks in $BENCH_WEEKS; do
			echo "$size 1 $weeks"
		done
	done
	for size in $BENCH_SEEDED_SIZES; do
		for seed in $BENCH_SEEDS; do
			case " $BENCH_SIZES " in
			*" $size "*) [ "$seed" = 1 ] && continue ;;
			esac
			echo "$size $seed 1"
		done
	done
}

cases >"$BENCH_DIR/cases"
while read -r size seed weeks <&3; do
	ini="$BENCH_DIR/networks/$size-s$seed.ini"
	if [ ! -s "$ini" ]; then
		"$PYTHON3" "$gen" --size "$size" --seed "$seed" $sites \
		    --weeks-of-leave "$leave_weeks" >"$ini" || {
			echo "bench: gen_network.py --size $size failed" >&2
			exit 1
		}
		"$PCNROTA" check "$ini" >"$BENCH_DIR/logs/$size-s$seed.check" 2>&1
		rc=$?
		# Only the sizes beyond any real network (264,000 patients for
		# "largest", the biggest English PCN about 90,000) can pass the
		# limit on a week's placements (pcnrota.ini(5), LIMITS): their
		# row says so, and the benchmark goes on.
		if [ "$rc" -eq 3 ] && grep -q "placements (staff, session and place each may work at), more than" \
		    "$BENCH_DIR/logs/$size-s$seed.check"; then
			printf '%-10s %2s over the limit on placements: %s\n' \
			    "$size" "$weeks" "$(sed -n 's/.*would have \([0-9]*\) placements.*/\1/p' \
			    "$BENCH_DIR/logs/$size-s$seed.check")"
			rm -f "$ini"
			continue
		fi
		if [ "$rc" -ne 0 ]; then
			echo "bench: pcnrota check rejects $ini (exit $rc):" >&2
			cat "$BENCH_DIR/logs/$size-s$seed.check" >&2
			exit 1
		fi
	fi
	set -- $(sed -n 's/^; \([0-9]*\) practices, \([0-9]*\) registered patients, \([0-9]*\) staff.*/\1 \2 \3/p' "$ini")
	practices=${1:--} patients=${2:--} staff=${3:--}
	cname=$size-s$seed-${weeks}w
	label=$size
	[ "$seed" != 1 ] && label="$size s$seed"
	log="$BENCH_DIR/logs/$cname"
	model="$BENCH_DIR/models/$cname.lp"

	# The first plan: the least time limit allowed.
	timed "$log.first.time" "$PCNROTA" plan "$ini" --week $week \
	    --weeks "$weeks" --now $now --time-limit 0.1 \
	    >"$log.first" 2>"$log.first.err"
	readtime "$log.first.time"
	crashed "$cname (first plan)" "$t_rc"
	first_s=$t_secs
	set -- $(lastline "$log.first")
	first_cost=$2

	# The final plan, GLPK's log (on stderr) timed line by line as it
	# comes; the rota in $log.out.
	timed "$log.time" "$PCNROTA" plan "$ini" \
	    --week $week --weeks "$weeks" --now $now \
	    --time-limit "$BENCH_TIME_LIMIT" --out "$BENCH_DIR/out/$cname" \
	    --verbose 2>&1 >"$log.out" | "$PYTHON3" -c "$stamp" >"$log"
	readtime "$log.time"
	rc=$t_rc
	final_s=$t_secs
	rss=$t_rss
	crashed "$cname" "$rc"
	set -- $(lastline "$log.out")
	st=$1 cost=$2 bound=$3 rows=$4 cols=$5 ints=$6
	mip1=$(sed -n 's/^\([0-9.]*\) .*mip = *[-0-9].*/\1/p' "$log" |
	    head -n 1)
	set -- $(awk -v c="$cost" -v b="$bound" 'BEGIN {
		if (c == "-" || b == "-" || b + 0 < -1e300)
			print "-", "-"
		else {
			m = c + 0 > 1 ? c + 0 : 1
			printf "%s %.4f\n", b + 0, (c - b) / m
		}
	}')
	bound=$1 gap=$2

	# The same case again: the same rota, byte for byte?
	timed "$log.again.time" "$PCNROTA" plan "$ini" \
	    --week $week --weeks "$weeks" --now $now \
	    --time-limit "$BENCH_TIME_LIMIT" >"$log.again" 2>"$log.again.err"
	readtime "$log.again.time"
	crashed "$cname (again)" "$t_rc"
	if [ "$rc" = 8 ] || [ "$t_rc" = 8 ]; then
		same=clock
	elif cmp -s "$log.out" "$log.again"; then
		same=yes
	else
		same=DIFF
	fi

	# CBC on the same model.
	cs=- cst=- cobj=- cbnd=- crss=- cfirst= ratio=-
	if [ -n "$cbc" ]; then
		timed "$log.export.time" "$PCNROTA" plan "$ini" \
		    --week $week --weeks "$weeks" --now $now \
		    --time-limit 0.1 --write-model "$model" \
		    >/dev/null 2>"$log.export.err"
		readtime "$log.export.time"
		crashed "$cname (--write-model)" "$t_rc"
		if [ -s "$model" ]; then
			# CBC checks its -sec seldom on the largest models
			# (its root LP): at twice the limit it is stopped.
			timed "$log.cbc.time" timeout -s INT -k 10 \
			    "$((2 * ${BENCH_TIME_LIMIT%.*} + 1))" "$cbc" "$model" \
			    -sec "$BENCH_TIME_LIMIT" -solve -quit \
			    >"$log.cbc" 2>&1
			readtime "$log.cbc.time"
			cs=$t_secs
			crss=$t_rss
			cst=$(sed -n 's/^Result - //p' "$log.cbc" |
			    awk '/^Optimal/ { print "optimal"; exit }
				/time/ { print "limit"; exit }
				/nfeasible/ { print "infeas"; exit }
				{ print $1; exit }')
			[ -z "$cst" ] && [ "$t_rc" -ge 124 ] && cst=killed
			cfirst=$(sed -n 's/.*Integer solution of .* (\([0-9.]*\) seconds).*/\1/p' "$log.cbc" | head -n 1)
			cobj=$(sed -n 's/^Objective value: *\([-0-9.e+]*\).*/\1/p' "$log.cbc" | head -n 1)
			cbnd=$(sed -n 's/^Lower bound: *\([-0-9.e+]*\).*/\1/p' "$log.cbc" | head -n 1)
			[ "$cst" = optimal ] && cbnd=$cobj
			: "${cst:=-}" "${cobj:=-}" "${cbnd:=-}"
			cobj=$(awk -v x="$cobj" 'BEGIN {
				if (x == "-") print x; else printf "%.0f\n", x }')
			cbnd=$(awk -v x="$cbnd" 'BEGIN {
				if (x == "-") print x; else printf "%.1f\n", x }')
			ratio=$(awk -v a="$final_s" -v b="$cs" 'BEGIN {
				if (a == "-" || b == "-" || b + 0 <= 0) print "-"
				else printf "%.2f\n", a / b }')
		fi
	fi

	printf "$fmt" "$label" "$weeks" "$rows" "$cols" "$first_s" \
	    "$first_cost" "$final_s" "$st" "$cost" \
	    "$(awk -v g="$gap" 'BEGIN { if (g == "-") print g;
		else printf "%.1f%%\n", 100 * g }')" "$same" \
	    "$(awk -v k="$rss" 'BEGIN { if (k == "-") print k;
		else printf "%.1f\n", k / 1024 }')" \
	    "$cs" "$cst" "$cobj" "$cbnd" "$ratio"
	echo "$cname,$size,$seed,$weeks,$practices,$patients,$staff,$rows,$cols,$ints,$first_s,$first_cost,${mip1:-},$final_s,$st,$cost,$bound,$gap,$same,$rss,$rc,$cs,$cst,$cobj,$cbnd,$crss,$cfirst,$ratio" >>"$csv"
done 3<"$BENCH_DIR/cases"
echo
echo "Table as CSV: $csv"

# The batch: networks of sizes drawn from the real distribution.
if [ "$BENCH_BATCH" -gt 0 ]; then
	bdir="$BENCH_DIR/batch"
	mkdir -p "$bdir/networks"
	i=1
	while [ "$i" -le "$BENCH_BATCH" ]; do
		"$PYTHON3" "$gen" --size random --seed "$i" \
		    >"$bdir/networks/net$(printf %03d "$i").ini" || exit 1
		i=$((i + 1))
	done
	echo
	echo "Batch: $BENCH_BATCH networks (gen_network.py --size random" \
	    "--seed 1..$BENCH_BATCH), $BENCH_JOBS at a time, one process" \
	    "each, --time-limit $BENCH_BATCH_TIME_LIMIT:"
	PCNROTA=$PCNROTA sh "$srcdir/tests/batch.sh" "$bdir/networks" \
	    "$bdir/out" "$BENCH_JOBS" --week $week --now $now \
	    --time-limit "$BENCH_BATCH_TIME_LIMIT" >"$bdir/summary"
	cat "$bdir/summary"
	echo "network,practices,patients,staff,exit,seconds,max_rss_kb,status,cost,bound" \
	    >"$BENCH_DIR/batch.csv"
	for f in "$bdir"/networks/*.ini; do
		n=$(basename "$f" .ini)
		set -- $(sed -n 's/^; \([0-9]*\) practices, \([0-9]*\) registered patients, \([0-9]*\) staff.*/\1 \2 \3/p' "$f")
		sz="$1,$2,$3"
		set -- $(tail -n 1 "$bdir/out/$n.log")
		rc=${3:-?} secs=${5:-} rss=${7:-}
		set -- $(lastline "$bdir/out/$n.log")
		echo "$n,$sz,$rc,$secs,$rss,$1,$2,$(nobound "$3")" \
		    >>"$BENCH_DIR/batch.csv"
		crashed "batch $n" "$rc"
	done
	awk -F, 'NR > 1 {
		n++; s += $6; if ($8 == "optimal") o++
		if ($6 > m) { m = $6; w = $1 " (" $2 " practices)" }
	} END {
		printf "%d optimal, %d stopped by the time limit; mean %.1f s " \
		    "a network, slowest %.1f s: %s\n", o, n - o, s / n, m, w
	}' "$BENCH_DIR/batch.csv"
	echo "Per network: $BENCH_DIR/batch.csv"
fi
exit $status
