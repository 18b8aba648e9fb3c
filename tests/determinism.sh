#!/bin/sh
# Same input, same plan (DESIGN.md): the search counts its effort, so the
# same network and options give the same files, byte for byte, run after
# run, alone or beside two CPU hogs. Plans that end by reaching the
# optimum and plans that end when the effort is spent (--effort) are both
# compared. No timing is asserted. DETERM_BUDGET replaces the options
# that end a search early (e.g. "--time-limit 1" with an older pcnrota,
# whose budget was wall-clock time: it fails here).
. "${top_srcdir:-.}/tests/lib.sh"
: "${DETERM_BUDGET:=--effort 1500}"
fx="$srcdir/fixtures"
week=2026-W49
now=2026-11-23T09:00
hogs=

stop_hogs() {
	for _p in $hogs; do
		kill "$_p" 2>/dev/null
		wait "$_p" 2>/dev/null
	done
	hogs=
}
trap 'stop_hogs' EXIT
trap 'stop_hogs; exit 1' HUP INT TERM

"$PYTHON3" "$srcdir/tests/gen_network.py" --size median --seed 3 \
    >"$tmp/median.ini" || exit 99

# run CASE RUN INI [OPTIONS...]: plans week $week of INI into a new
# $tmp/CASE.RUN, at most five minutes.
run() {
	_dir="$tmp/$1.$2"
	_ini=$3
	shift 3
	rm -rf "$_dir"
	timeout 300 "$PCNROTA" plan "$_ini" --week $week --now $now \
	    --out "$_dir" "$@" >"$_dir.stdout" 2>"$_dir.stderr"
	_rc=$?
	check "$1 run $2: exit $_rc ($(cat "$_dir.stderr"))" [ "$_rc" -eq 0 ]
	# A run the clock stopped proves nothing either way.
	if grep -q 'stopped by the time limit' "$_dir/rota.txt" 2>/dev/null; then
		fail "$1 run $2: stopped by the time limit, not by its effort"
	fi
}

# feed DIR KIND ID: DIR's feed of KIND and ID (feeds.txt) without its
# UIDs, its lines sorted: each new state has its own secret feed names
# and UID key, and events go in the order of their UIDs.
feed() {
	_path=$(awk -F '\t' -v k="$2" -v i="$3" \
	    '$1 == k && $2 == i { print $3 }' "$1/feeds.txt")
	grep -v '^UID:' "$1/$_path" | LC_ALL=C sort
}

# same CASE RUN: the files of run RUN are those of run 1.
same() {
	for _f in rota.txt assignments.csv fairness.csv uncovered.csv; do
		check "$1 run $2: $_f differs from run 1" \
		    cmp -s "$tmp/$1.1/$_f" "$tmp/$1.$2/$_f"
	done
	cut -f 1,2 "$tmp/$1.1/feeds.txt" >"$tmp/$1.feeds"
	check "$1 run $2: no feeds" [ -s "$tmp/$1.feeds" ]
	while read -r _kind _id; do
		feed "$tmp/$1.1" "$_kind" "$_id" >"$tmp/a.ics"
		feed "$tmp/$1.$2" "$_kind" "$_id" >"$tmp/b.ics"
		check "$1 run $2: feed $_kind $_id differs from run 1" \
		    cmp -s "$tmp/a.ics" "$tmp/b.ics"
	done <"$tmp/$1.feeds"
}

# case NAME INI [OPTIONS...]: a case to plan.
cases=
case_() {
	_name=$1
	_ini=$2
	shift 2
	eval "opts_$_name=\"\$*\" ini_$_name=\"\$_ini\""
	cases="$cases $_name"
}

case_ example "$fx/example.ini" --weeks 2
case_ large "$fx/large.ini"
case_ median "$tmp/median.ini"
case_ example_budget "$fx/example.ini" --weeks 2 $DETERM_BUDGET
case_ large_budget "$fx/large.ini" $DETERM_BUDGET
case_ median_budget "$tmp/median.ini" $DETERM_BUDGET

runs() {
	for c in $cases; do
		eval "run $c $1 \"\$ini_$c\" \$opts_$c --time-limit 120"
	done
}
runs 1
runs 2
# Two busy processors: the planner gets a fraction of one.
for _i in 1 2; do
	sh -c 'while :; do :; done' &
	hogs="$hogs $!"
done
runs 3
runs 4
stop_hogs
for c in $cases; do
	for r in 2 3 4; do
		same "$c" "$r"
	done
done
finish
