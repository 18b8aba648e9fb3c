#!/bin/sh
# Nightly re-planning end to end: publish four weeks of the example
# network, fall sick mid-week, replan at a fixed --now and check from the
# outside (tests/check_replan.py) that the past is untouched, few sessions
# moved, the audit log matches, the feeds' SEQUENCE and CANCELLED are
# right, and a second run changes nothing. Then the lock, two runs at
# once, and runs killed at each fault point and at random moments.
. "${top_srcdir:-.}/tests/lib.sh"
ex="$srcdir/fixtures/example.ini"
cr="$srcdir/tests/check_replan.py"
now=2026-12-02T02:00

# sick INI OUT STAFF...: a copy of INI with STAFF sick 2 and 3 December.
sick() {
	in=$1
	out=$2
	shift 2
	cp "$in" "$out"
	for who in "$@"; do
		sed -i "/^\[staff $who\]/a sickness = 2026-12-02..2026-12-03" "$out"
	done
}

# replan NAME INI OPTIONS...: replans $tmp/NAME at $now.
replan() {
	name=$1
	ini=$2
	shift 2
	"$PCNROTA" replan "$ini" --out "$tmp/$name" --now "$now" "$@" \
	    >"$tmp/$name.stdout" 2>"$tmp/$name.stderr"
}

# rows DB SQL: the number the query counts.
rows() {
	"$PYTHON3" -c "import sqlite3,sys
print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$1" "$2"
}

# same A B: two folders hold the same feeds, byte for byte.
same() {
	diff -r "$1/feeds" "$2/feeds" >/dev/null 2>&1
}

# 1. Publish four weeks, before any of it has started.
"$PCNROTA" plan "$ex" --week 2026-W49 --weeks 4 --out "$tmp/pub" \
    --now 2026-11-23T10:00 >/dev/null 2>"$tmp/pub.stderr"
_st=$?
check "plan --out publishes (stderr: $(cat "$tmp/pub.stderr"))" planned $_st
cp -r "$tmp/pub" "$tmp/pub0"

# 2. Nothing new: nothing changes, not a byte.
replan pub "$ex"
_st=$?
check "replan with nothing new exits 0 ($(cat "$tmp/pub.stderr"))" planned $_st
check "nothing new: nothing printed ($(cat "$tmp/pub.stdout" "$tmp/pub.stderr"))" \
    empty "$tmp/pub.stdout" "$tmp/pub.stderr"
check "nothing new: feeds byte-identical" same "$tmp/pub0" "$tmp/pub"
check "nothing new: reports byte-identical" \
    diff -r -x status.prom -x 'state.db*' "$tmp/pub0" "$tmp/pub"
check "nothing new: no audit rows" [ "$("$PYTHON3" -c "
import sqlite3,sys
print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM audit').fetchone()[0])" "$tmp/pub/state.db")" = 0 ]

# 3. Two pharmacists fall sick on Wednesday and Thursday.
sick "$ex" "$tmp/sick.ini" amira tom
cp -r "$tmp/pub" "$tmp/before"
replan pub "$tmp/sick.ini"
_st=$?
check "replan after sickness exits 0 ($(cat "$tmp/pub.stderr"))" planned $_st
check "summary names the changes ($(cat "$tmp/pub.stdout"))" \
    grep -Eq '^[1-9][0-9]* sessions? changed for [1-9][0-9]* staff \(sickness [1-9][0-9]*\); [0-9]+ requests? uncovered$' \
    "$tmp/pub.stdout"
if "$PYTHON3" "$cr" compare "$tmp/before/state.db" "$tmp/pub/state.db" \
    2026-12-02 amira,tom 2026-12-02 2026-12-03 >"$tmp/compare.out"; then
	ok
else
	fail "check_replan.py compare:"
	cat "$tmp/compare.out"
fi
read -r _ forced _ changed _ late <"$tmp/compare.out"
echo "sickness: $forced sessions forced, $changed changed, $late after the sick days"
check "every forced session is changed" [ "${changed:-0}" -ge "${forced:-1}" ]
check "at most one knock-on change per forced one ($changed for $forced)" \
    [ "${changed:-99}" -le $((2 * ${forced:-0})) ]
check "nothing changes after the sick days (late $late)" [ "${late:-1}" -eq 0 ]
check "summary count matches the state" \
    grep -q "^$changed sessions\? changed" "$tmp/pub.stdout"
if "$PYTHON3" "$cr" feeds "$tmp/before/feeds" "$tmp/pub/feeds" \
    >"$tmp/feeds.out"; then ok; else
	fail "SEQUENCE/CANCELLED in the feeds:"
	cat "$tmp/feeds.out"
fi
check "sick sessions are cancelled in the feeds ($(cat "$tmp/feeds.out"))" \
    grep -Eq '^raised [1-9][0-9]* cancelled [1-9]' "$tmp/feeds.out"

# 4. The same night again: nothing changes.
cp -r "$tmp/pub" "$tmp/after1"
replan pub "$tmp/sick.ini"
check "second run exits 0" planned $?
check "second run: nothing printed ($(cat "$tmp/pub.stdout"))" \
    [ ! -s "$tmp/pub.stdout" ]
check "second run: feeds byte-identical" same "$tmp/after1" "$tmp/pub"
check "second run: state assignments identical" [ "$("$PYTHON3" -c "
import sqlite3,sys
q='SELECT * FROM assignments ORDER BY 1,2,3'
a=sqlite3.connect(sys.argv[1]).execute(q).fetchall()
b=sqlite3.connect(sys.argv[2]).execute(q).fetchall()
print(a==b)" "$tmp/after1/state.db" "$tmp/pub/state.db")" = True ]

# 5. What changed, for the manager: text and CSV agree with the audit log.
"$PCNROTA" changes "$tmp/sick.ini" --out "$tmp/pub" --since 2026-12-01T00:00 \
    >"$tmp/changes.txt" 2>&1
check "changes exits 0" [ $? -eq 0 ]
check "changes text counts them" grep -q "^$changed sessions\? changed" "$tmp/changes.txt"
check "changes text lists a sick person by name" grep -q "Amira Hussain (amira)" "$tmp/changes.txt"
check "changes text gives the reason" grep -q "(sickness)" "$tmp/changes.txt"
"$PCNROTA" changes "$tmp/sick.ini" --out "$tmp/pub" --format csv \
    >"$tmp/changes.csv" 2>&1
check "changes --format csv exits 0" [ $? -eq 0 ]
check "changes CSV: one row per change, read by Python's csv" [ "$("$PYTHON3" -c "
import csv,sys
rows=list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8-sig')))
ok=all(r['reason'] and r['date'] and r['staff_id'] for r in rows)
print(len(rows) if ok else -1)" "$tmp/changes.csv")" = "$changed" ]

# 6. After a gap, and with no state at all: the horizon is published.
# horizon_end DB DATE: the last day published without a gap from DATE.
horizon_end() {
	"$PYTHON3" "$cr" horizon "$1" "$2"
}
cp -r "$tmp/pub" "$tmp/gap"
"$PCNROTA" replan "$ex" --out "$tmp/gap" --now 2027-02-03T02:00 \
    >"$tmp/gap.out" 2>"$tmp/gap.err"
rc=$?
check "replan after a gap exits 0 (got $rc: $(cat "$tmp/gap.err"))" planned $rc
check "after a gap: four weeks from that week published" \
    [ "$(horizon_end "$tmp/gap/state.db" 2027-02-03)" = 2027-02-28 ]
check "after a gap: says what it published ($(cat "$tmp/gap.out"))" \
    grep -q "2027-02-03 to 2027-02-28 published" "$tmp/gap.out"
check "after a gap: nothing placed before --now" [ "$(rows "$tmp/gap/state.db" \
    "SELECT count(*) FROM assignments WHERE date > '2026-12-27' AND
     date < '2027-02-03'")" = 0 ]
check "after a gap: the new days are placed" [ "$(rows "$tmp/gap/state.db" \
    "SELECT count(*) FROM assignments WHERE date = '2027-02-03'")" -gt 0 ]
"$PCNROTA" replan "$ex" --out "$tmp/none" --now "$now" >/dev/null 2>&1
check "replan with no state at all exits 0" planned $?
check "with no state: the horizon from --now's week is published" \
    [ "$(horizon_end "$tmp/none/state.db" 2026-12-02)" = 2026-12-27 ]

# 7. The lock: a second run waits, then gives up with exit 7.
if command -v flock >/dev/null 2>&1; then
	flock "$tmp/pub/state.db.lock" sleep 3 &
	holder=$!
	sleep 0.5
	replan pub "$tmp/sick.ini" --wait 1
	rc=$?
	check "a locked network: exit 7 (got $rc)" [ $rc -eq 7 ]
	check "a locked network: clear message" \
	    grep -q "another pcnrota run is still working" "$tmp/pub.stderr"
	wait $holder
else
	echo "SKIP: flock(1) not installed"
fi

# 8. Two runs at once: both finish, one after the other.
cp -r "$tmp/before" "$tmp/twice"
"$PCNROTA" replan "$tmp/sick.ini" --out "$tmp/twice" --now "$now" \
    >"$tmp/twice.1" 2>&1 &
first=$!
"$PCNROTA" replan "$tmp/sick.ini" --out "$tmp/twice" --now "$now" \
    >"$tmp/twice.2" 2>&1
rc2=$?
wait $first
rc1=$?
check "two runs at once both exit 0 ($rc1, $rc2)" [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ]
if empty "$tmp/twice.1" || empty "$tmp/twice.2"; then ok; else
	fail "two runs at once: both printed a summary"
fi
check "two runs at once: feeds as after one run" same "$tmp/twice" "$tmp/after1"

# 9. Killed at each point: the state is whole, and the next run ends as
# an undisturbed run would have.
killed=0
recovered=0
for point in solve solved commit feeds; do
	cp -r "$tmp/before" "$tmp/kill"
	PCNROTA_FAULT="kill@$point" "$PCNROTA" replan "$tmp/sick.ini" \
	    --out "$tmp/kill" --now "$now" >/dev/null 2>&1
	rc=$?
	check "kill@$point: killed by SIGKILL (exit $rc)" [ $rc -eq 137 ]
	killed=$((killed + 1))
	check "kill@$point: state whole" "$PYTHON3" "$cr" integrity "$tmp/kill/state.db"
	replan kill "$tmp/sick.ini"
	check "kill@$point: next run exits 0" planned $?
	if same "$tmp/kill" "$tmp/after1"; then
		recovered=$((recovered + 1))
		ok
	else
		fail "kill@$point: feeds differ from an undisturbed run"
	fi
	rm -rf "$tmp/kill"
done
# At random moments: SIGKILL after 10 ms to 1 s.
for delay in 0.01 0.05 0.1 0.2 0.3 0.5 0.8 1.0; do
	cp -r "$tmp/before" "$tmp/kill"
	timeout -s KILL "$delay" "$PCNROTA" replan "$tmp/sick.ini" \
	    --out "$tmp/kill" --now "$now" >/dev/null 2>&1
	killed=$((killed + 1))
	check "killed after $delay s: state whole" \
	    "$PYTHON3" "$cr" integrity "$tmp/kill/state.db"
	replan kill "$tmp/sick.ini"
	check "killed after $delay s: next run exits 0" planned $?
	if same "$tmp/kill" "$tmp/after1"; then
		recovered=$((recovered + 1))
		ok
	else
		fail "killed after $delay s: feeds differ from an undisturbed run"
	fi
	rm -rf "$tmp/kill"
done
echo "kills: $killed, recovered: $recovered"
# 10. A damaged or hostile state is refused whole (exit 5, a message,
# nothing written): every number and token the state holds is checked.
for damage in \
    "events:UPDATE events SET sequence = 2147483647 WHERE rowid = (SELECT min(rowid) FROM events)" \
    "events:UPDATE events SET sequence = -1 WHERE rowid = (SELECT min(rowid) FROM events)" \
    "events:UPDATE events SET dtstamp = 'soon' WHERE rowid = (SELECT min(rowid) FROM events)" \
    "events:UPDATE events SET dtstamp = 4102444801 WHERE rowid = (SELECT min(rowid) FROM events)" \
    "events:UPDATE events SET cancelled = 99999999999 WHERE rowid = (SELECT min(rowid) FROM events)" \
    "tokens:UPDATE tokens SET token = '../../../../etc/passwd0000000000' WHERE rowid = 1" \
    "balances:UPDATE balances SET delivered = -5 WHERE rowid = 1" \
    "audit:INSERT INTO audit (at, date, session, staff, old_practice, new_practice, reason) VALUES (-1, '', '', '', '', '', '')"; do
	rm -rf "$tmp/damaged"
	cp -r "$tmp/after1" "$tmp/damaged"
	check "damage ${damage#*:} applied" "$PYTHON3" -c "import sqlite3,sys
c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()" \
	    "$tmp/damaged/state.db" "${damage#*:}"
	cp -r "$tmp/damaged" "$tmp/damaged0"
	replan damaged "$tmp/sick.ini"
	rc=$?
	check "damaged ${damage#*:}: exit $rc, not 5" [ $rc -eq 5 ]
	check "damaged ${damage#*:}: says which table ($(cat "$tmp/damaged.stderr"))" \
	    grep -q "damaged state: 1 rows of ${damage%%:*} hold values out of range" \
	    "$tmp/damaged.stderr"
	check "damaged ${damage#*:}: nothing written" \
	    diff -r -x 'state.db*' "$tmp/damaged0" "$tmp/damaged"
	rm -rf "$tmp/damaged0"
done
# --now outside the years feeds can write is a usage error.
for bad in 1999-12-31T23:59 2100-01-01T00:00 9999-12-31T23:59; do
	"$PCNROTA" replan "$ex" --out "$tmp/none" --now "$bad" >/dev/null \
	    2>"$tmp/now.err"
	check "--now $bad: exit 2" [ $? -eq 2 ]
	check "--now $bad: says the range" grep -q "2000 to 2099" "$tmp/now.err"
done
finish
