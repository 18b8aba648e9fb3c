#!/bin/sh
# batch.sh - plan every network file in a folder, several at a time.
#
# usage: tests/batch.sh DIR OUTROOT [JOBS [PLAN-OPTION...]]
#
# Runs `pcnrota plan DIR/NAME.ini --out OUTROOT/NAME PLAN-OPTION...` for
# every DIR/*.ini, JOBS at a time (default: the number of processors),
# one process per network, so that a network that fails stops no other.
# Everything a run prints goes to OUTROOT/NAME.log, and its last line is
#
#   batch: exit CODE seconds S max_rss_kb K NAME
#
# (K is "-" without GNU time, /usr/bin/time). Then one line for each
# network that failed and a summary line. Exit status: 0 if every network
# was planned, 1 if any failed, 2 on bad usage. PCNROTA names the program
# (default: pcnrota on the PATH). For example:
#
#   tests/batch.sh networks out 2 --week 2026-W49 --time-limit 30
set -uf

usage() {
	echo "usage: batch.sh DIR OUTROOT [JOBS [PLAN-OPTION...]]" >&2
	exit 2
}

: "${PCNROTA:=pcnrota}"

# Plans one network: batch.sh --one OUTROOT INI [PLAN-OPTION...]. Always
# exits 0 (xargs stops everything on 255); the log says how it went.
if [ "${1:-}" = --one ]; then
	outroot=$2
	ini=$3
	shift 3
	name=$(basename "$ini" .ini)
	log="$outroot/$name.log"
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %M' -o "$log.time" \
		    "$PCNROTA" plan "$ini" --out "$outroot/$name" "$@" \
		    >"$log" 2>&1
		rc=$?
		set -- $(tail -n 1 "$log.time" 2>/dev/null) - -
		secs=$1
		rss=$2
		rm -f "$log.time"
	else
		start=$(date +%s.%N)
		"$PCNROTA" plan "$ini" --out "$outroot/$name" "$@" >"$log" 2>&1
		rc=$?
		secs=$(awk -v a="$start" -v b="$(date +%s.%N)" \
		    'BEGIN { printf "%.2f", b - a }')
		rss=-
	fi
	echo "batch: exit $rc seconds $secs max_rss_kb $rss $name" >>"$log"
	exit 0
fi

[ $# -ge 2 ] || usage
case ${1:-} in -*) usage ;; esac
dir=$1
outroot=$2
shift 2
jobs=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
if [ $# -ge 1 ]; then
	jobs=$1
	shift
fi
case $jobs in '' | *[!0-9]* | 0) echo "batch.sh: bad JOBS \"$jobs\"" >&2; usage ;; esac
[ -d "$dir" ] || { echo "batch.sh: $dir: not a folder" >&2; exit 2; }
mkdir -p "$outroot" || exit 2
self=$0
case $self in /*) ;; *) self="$(pwd)/$self" ;; esac

list="$outroot/.batch-list"
find "$dir" -maxdepth 1 -type f -name '*.ini' | LC_ALL=C sort >"$list"
total=$(wc -l <"$list" | tr -d ' ')
if [ "$total" -eq 0 ]; then
	echo "batch.sh: no *.ini in $dir" >&2
	rm -f "$list"
	exit 2
fi

start=$(date +%s.%N)
tr '\n' '\0' <"$list" |
    xargs -0 -P "$jobs" -I{} sh "$self" --one "$outroot" {} "$@"
end=$(date +%s.%N)

failed=0
peak=0
while IFS= read -r ini; do
	name=$(basename "$ini" .ini)
	last=$(tail -n 1 "$outroot/$name.log" 2>/dev/null)
	set -- $last
	if [ "${1:-}" != batch: ] || [ "${3:-}" != 0 ]; then
		failed=$((failed + 1))
		echo "FAILED: $name (exit ${3:-?}), see $outroot/$name.log"
	fi
	case ${7:-} in
	'' | *[!0-9]*) ;;
	*) [ "$7" -gt "$peak" ] && peak=$7 ;;
	esac
done <"$list"
rm -f "$list"

awk -v n="$total" -v f="$failed" -v a="$start" -v b="$end" -v j="$jobs" \
    -v p="$peak" 'BEGIN {
	s = b - a
	rate = s > 0 ? n * 60 / s : 0
	rss = p > 0 ? sprintf("%.1f MB", p / 1024) : "unknown"
	printf "batch: %d networks, %d planned, %d failed, ", n, n - f, f
	printf "%.1f s with %d jobs: %.1f networks/minute, ", s, j, rate
	printf "peak RSS %s\n", rss
}'
[ "$failed" -eq 0 ]
