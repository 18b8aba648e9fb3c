#!/bin/sh
# `pcnrota changes` counts people and sessions, not runs of rows: every
# count it prints (text summary, rows by person and by practice, CSV) is
# recounted from the state and from the rows listed (check_changes.py),
# after a real re-plan and over audit logs written to order: two people
# alternating across dates, one person on several dates, and several runs
# whose changes interleave and touch the same session again.
. "${top_srcdir:-.}/tests/lib.sh"
ex="$srcdir/fixtures/example.ini"
cc="$srcdir/tests/check_changes.py"

# agree NAME STATE-FOLDER [SINCE]: `changes` as text and as CSV for the
# latest run (or the changes at or after SINCE) agree with the state.
agree() {
	_n=$1
	_dir=$2
	_since=${3:--}
	if [ "$_since" = - ]; then
		set --
	else
		set -- --since "$_since"
	fi
	"$PCNROTA" changes "$ex" --out "$_dir" "$@" >"$tmp/$_n.txt" \
	    2>"$tmp/$_n.err"
	_rc=$?
	check "$_n: changes exit $_rc ($(cat "$tmp/$_n.err"))" [ $_rc -eq 0 ]
	"$PCNROTA" changes "$ex" --out "$_dir" "$@" --format csv \
	    >"$tmp/$_n.csv" 2>"$tmp/$_n.err"
	_rc=$?
	check "$_n: changes --format csv exit $_rc ($(cat "$tmp/$_n.err"))" \
	    [ $_rc -eq 0 ]
	if "$PYTHON3" "$cc" check "$_dir/state.db" "$_since" "$tmp/$_n.txt" \
	    "$tmp/$_n.csv" >"$tmp/$_n.check"; then
		ok
		echo "$_n: $(head -n 1 "$tmp/$_n.txt"): $(cat "$tmp/$_n.check")"
	else
		fail "$_n: the counts disagree with the state:"
		cat "$tmp/$_n.check" "$tmp/$_n.txt"
	fi
}

# 1. A real re-plan: two pharmacists fall sick on Wednesday and one of
# them on Thursday too; in the audit log's order (date, session, staff)
# they alternate.
"$PCNROTA" plan "$ex" --week 2026-W49 --weeks 4 --out "$tmp/pub" \
    --now 2026-11-23T10:00 >/dev/null 2>"$tmp/pub.err"
rc=$?
check "plan exit $rc ($(cat "$tmp/pub.err"))" planned $rc
cp -r "$tmp/pub" "$tmp/clean"
cp "$ex" "$tmp/sick.ini"
for who in amira tom; do
	sed -i "/^\[staff $who\]/a sickness = 2026-12-02..2026-12-03" \
	    "$tmp/sick.ini"
done
"$PCNROTA" replan "$tmp/sick.ini" --out "$tmp/pub" --now 2026-12-02T02:00 \
    >"$tmp/replan.out" 2>"$tmp/replan.err"
rc=$?
check "replan exit $rc ($(cat "$tmp/replan.err"))" planned $rc
agree sick "$tmp/pub"
agree sick-since "$tmp/pub" 2026-12-01T00:00
# replan's own summary counts the same people and sessions.
staff=$(sed -n 's/^[0-9]* sessions\{0,1\} changed for \([0-9]*\) staff$/\1/p' \
    "$tmp/sick.txt")
check "replan and changes count the same staff ($(cat "$tmp/replan.out"))" \
    grep -Eq "changed for ${staff:-x} staff( \(.*\))?;" "$tmp/replan.out"

# audit NAME: a copy of the clean published state whose audit log holds
# the rows on standard input (check_changes.py audit).
audit() {
	cp -r "$tmp/clean" "$tmp/$1"
	cat >"$tmp/$1.rows"
	"$PYTHON3" "$cc" audit "$tmp/$1/state.db" "$tmp/$1.rows"
	check "$1: audit log written" [ $? -eq 0 ]
}

# 2. Two people alternating across dates, in one run.
tab=$(printf '\t')
audit alternate <<EOF
2026-12-04T02:00${tab}2026-12-07${tab}am${tab}amira${tab}castle${tab}-${tab}sickness
2026-12-04T02:00${tab}2026-12-07${tab}pm${tab}tom${tab}riverside${tab}castle${tab}cover
2026-12-04T02:00${tab}2026-12-08${tab}am${tab}amira${tab}old-mill${tab}-${tab}sickness
2026-12-04T02:00${tab}2026-12-09${tab}am${tab}tom${tab}-${tab}old-mill${tab}cover
2026-12-04T02:00${tab}2026-12-10${tab}pm${tab}amira${tab}castle${tab}riverside${tab}request
2026-12-04T02:00${tab}2026-12-11${tab}am${tab}tom${tab}riverside${tab}-${tab}leave
EOF
agree alternate "$tmp/alternate"

# 3. One person with several sessions on different dates, and one other.
audit several <<EOF
2026-12-04T02:00${tab}2026-12-07${tab}am${tab}priya${tab}meadowbank${tab}-${tab}leave
2026-12-04T02:00${tab}2026-12-07${tab}pm${tab}priya${tab}meadowbank${tab}-${tab}leave
2026-12-04T02:00${tab}2026-12-08${tab}am${tab}priya${tab}hillside${tab}-${tab}leave
2026-12-04T02:00${tab}2026-12-08${tab}pm${tab}gareth${tab}-${tab}hillside${tab}cover
2026-12-04T02:00${tab}2026-12-10${tab}pm${tab}priya${tab}orchard${tab}-${tab}leave
EOF
agree several "$tmp/several"

# 4. Several runs: their changes interleave by date, one session changes
# in three runs (twice in two runs at the same time, as two runs with one
# --now make), and the same people come back run after run.
audit runs <<EOF
2026-12-01T02:00${tab}2026-12-07${tab}am${tab}amira${tab}castle${tab}riverside${tab}cover
2026-12-01T02:00${tab}2026-12-07${tab}pm${tab}tom${tab}riverside${tab}-${tab}sickness
2026-12-01T02:00${tab}2026-12-09${tab}am${tab}amira${tab}old-mill${tab}castle${tab}request
2026-12-02T02:00${tab}2026-12-07${tab}am${tab}amira${tab}riverside${tab}castle${tab}cover
2026-12-02T02:00${tab}2026-12-08${tab}am${tab}tom${tab}-${tab}castle${tab}cover
2026-12-02T02:00${tab}2026-12-08${tab}am${tab}amira${tab}castle${tab}-${tab}sickness
2026-12-03T02:00${tab}2026-12-07${tab}am${tab}amira${tab}castle${tab}-${tab}sickness
2026-12-03T02:00${tab}2026-12-07${tab}am${tab}amira${tab}castle${tab}-${tab}sickness
2026-12-03T02:00${tab}2026-12-08${tab}pm${tab}priya${tab}-${tab}old-mill${tab}cover
2026-12-03T02:00${tab}2026-12-09${tab}am${tab}tom${tab}castle${tab}hillside${tab}cover
EOF
agree runs-all "$tmp/runs" 2026-11-30T00:00
agree runs-later "$tmp/runs" 2026-12-02T02:00
agree runs-latest "$tmp/runs"

# 5. Nothing changed at all.
audit none </dev/null
agree none "$tmp/none"
check "none: the summary says so ($(head -n 1 "$tmp/none.txt"))" \
    [ "$(cat "$tmp/none.txt")" = "0 sessions changed for 0 staff" ]

finish
