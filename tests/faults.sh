#!/bin/sh
# Fault injection: a re-plan that fails (fail@POINT: the write fails as
# ENOSPC), is killed (kill@POINT, and SIGKILL at random moments), runs
# out of disk (a small tmpfs) or meets a read-only folder must leave every
# published file whole: each is the previous run's or the new run's,
# byte for byte, never torn; failures exit 5 with a message and change
# no feed or report; a later run recovers. Prints the counts.
# FAULT_ROUNDS (default 1) repeats every point; FAULT_RANDOM (default 10)
# is the number of random-moment kills per round.
. "${top_srcdir:-.}/tests/lib.sh"
# Copies, so that the inputs stay the same throughout.
cp -R "$srcdir/fixtures" "$tmp/fixtures"
chmod -R u+w "$tmp/fixtures"
tiny="$tmp/fixtures/tiny.ini"
ex="$tmp/fixtures/example.ini"
now=2026-11-20T09:00
rounds=${FAULT_ROUNDS:-1}
randoms=${FAULT_RANDOM:-10}
injected=0 recovered=0 torn=0 stale=0 moved=0 movedat=""

# The fail points: every write or rename, or that of one file. Every
# file is written before any is renamed, so a failed write, or a failed
# first rename, changes nothing.
# (network.ics stands for the network feed's name, once it is known.)
fails="publish-write publish-fsync publish-rename write:network.ics
write:feeds.txt write:rota.txt rename:network.ics"
# Renames after the first (feeds, then the index, then the reports): a
# failure there leaves some files new, every one whole.
late="rename:index.html rename:rota.txt"
# The kill points: the lead's (solved, commit, feeds) and publish's.
kills="solved commit feeds publish-write publish-rename publish-renamed
write:network.ics rename:network.ics rename:assignments.csv rename:rota.txt"

plan_run() { # plan_run INI DIR [OPTIONS...]: the re-plan; exit code in $rc
	ini=$1 dir=$2
	shift 2
	"$PCNROTA" plan "$ini" --week 2026-W49 --weeks 2 --now "$now" \
	    --out "$dir" "$@" >"$tmp/stdout" 2>"$tmp/err"
	rc=$?
}

# published DIR: the published files, state and lock aside, one a line.
published() {
	(cd "$1" && find . -type f ! -name 'state.db*' \
	    ! -name '.pcnrota-tmp.*' | sort)
}

# alike A B: the files are the same; status.prom's network label is the
# folder's name, which differs between the copies compared here.
alike() {
	case $1 in
	*/status.prom)
		[ "$(sed 's/network="[^"]*"//' "$1" 2>/dev/null)" = \
		    "$(sed 's/network="[^"]*"//' "$2" 2>/dev/null)" ] &&
		    [ -e "$1" ] && [ -e "$2" ] ;;
	*) cmp -s "$1" "$2" ;;
	esac
}

# whole LABEL DIR OLD NEW: every file in DIR is OLD's or NEW's, whole.
whole() {
	for f in $(published "$2") $(published "$3"); do
		if alike "$2/$f" "$3/$f" || alike "$2/$f" "$4/$f"; then
			continue
		fi
		[ -e "$2/$f" ] || [ ! -e "$3/$f" ] || [ ! -e "$4/$f" ] ||
		    continue
		torn=$((torn + 1))
		fail "$1: $f is torn (neither the old nor the new file)"
	done
	state_ok "$1" "$2"
}

sql() { # sql DB QUERY: the rows, one a line (python3's sqlite3)
	"$PYTHON3" -c 'import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join(map(str, row)))' "$1" "$2" 2>&1
}

state_ok() { # state_ok LABEL DIR
	integrity=$(sql "$2/state.db" 'PRAGMA integrity_check')
	check "$1: state.db integrity: $integrity" [ "$integrity" = ok ]
}

same() { # same LABEL DIR REF: DIR's published files are REF's exactly
	delta=$(diff -r -x 'state.db*' -x '.pcnrota-tmp.*' "$3" "$2" 2>&1)
	check "$1: differs from $3: $delta" [ -z "$delta" ]
}

assigns() { sql "$1/state.db" 'SELECT * FROM assignments ORDER BY 1, 2, 3'; }

# recover LABEL DIR REF: a plain run afterwards gives the new feeds and
# placements (the rota's closing line gives the model's size, which
# differs when the run that was stopped had committed the state).
recover() {
	plan_run "$ini" "$2"
	if [ "$rc" -eq 0 ] && [ -z "$(diff -r "$3/feeds" "$2/feeds")" ] &&
	    cmp -s "$3/assignments.csv" "$2/assignments.csv" &&
	    cmp -s "$3/feeds.txt" "$2/feeds.txt" &&
	    [ "$(assigns "$2")" = "$(assigns "$3")" ]
	then
		recovered=$((recovered + 1))
		ok
	else
		fail "$1: no recovery: rerun exit $rc, $(cat "$tmp/err")"
		diff -r -x 'state.db*' "$3" "$2" | head -n 5
	fi
}

# Before (one week) and the reference after (two weeks), for each input.
for n in tiny ex; do
	eval "ini=\$$n"
	"$PCNROTA" plan "$ini" --week 2026-W49 --now "$now" \
	    --out "$tmp/$n.old" >/dev/null 2>"$tmp/err"
	check "$n: first plan: $(cat "$tmp/err")" [ -f "$tmp/$n.old/state.db" ]
	cp -a "$tmp/$n.old" "$tmp/$n.new"
	plan_run "$ini" "$tmp/$n.new"
	check "$n: reference plan exits $rc: $(cat "$tmp/err")" [ "$rc" -eq 0 ]
done
ini=$tiny
old=$tmp/tiny.old new=$tmp/tiny.new
# The network's feed has a secret name, made by the first plan.
netfeed=$(awk -F '\t' '$1 == "network" { sub("^feeds/", "", $3); print $3 }' \
    "$old/feeds.txt")
check "no network feed in feeds.txt" [ -n "$netfeed" ]
fails=$(echo "$fails" | sed "s/network\.ics/$netfeed/g")
kills=$(echo "$kills" | sed "s/network\.ics/$netfeed/g")
check "the re-plan changes the feeds" [ -n "$(diff -r "$old" "$new")" ]

r=0
while [ "$r" -lt "$rounds" ]; do
	r=$((r + 1))
	for p in $fails; do
		d="$tmp/d"
		rm -rf "$d"
		cp -a "$old" "$d"
		PCNROTA_FAULT="fail@$p" plan_run "$ini" "$d"
		injected=$((injected + 1))
		check "fail@$p: exit $rc, not 5" [ "$rc" -eq 5 ]
		check "fail@$p: message: $(cat "$tmp/err")" \
		    grep -q '^pcnrota: .*: No space left on device$' "$tmp/err"
		same "fail@$p" "$d" "$old"
		check "fail@$p: temporary files left" \
		    [ -z "$(find "$d" -name '.pcnrota-tmp.*')" ]
		state_ok "fail@$p" "$d"
		# Every file is written before the state commits, so a failed
		# write leaves the state as it was; a failed rename comes after.
		if [ "$(assigns "$d")" != "$(assigns "$old")" ]; then
			moved=$((moved + 1)) movedat="$movedat fail@$p"
			case $p in
			*rename*) ;;
			*) fail "fail@$p: the state was changed" ;;
			esac
		fi
		recover "fail@$p" "$d" "$new"
	done
	for p in $late; do
		d="$tmp/d"
		rm -rf "$d"
		cp -a "$old" "$d"
		PCNROTA_FAULT="fail@$p" plan_run "$ini" "$d"
		injected=$((injected + 1))
		check "fail@$p: exit $rc, not 5" [ "$rc" -eq 5 ]
		check "fail@$p: message: $(cat "$tmp/err")" \
		    grep -q '^pcnrota: .*: No space left on device$' "$tmp/err"
		whole "fail@$p" "$d" "$old" "$new"
		recover "fail@$p" "$d" "$new"
	done
	for p in $kills; do
		d="$tmp/d"
		rm -rf "$d"
		cp -a "$old" "$d"
		PCNROTA_FAULT="kill@$p" plan_run "$ini" "$d"
		check "kill@$p: exit $rc: the point was not reached" \
		    [ "$rc" -eq 137 ]
		injected=$((injected + 1))
		whole "kill@$p" "$d" "$old" "$new"
		[ -z "$(find "$d" -name '.pcnrota-tmp.*')" ] ||
		    stale=$((stale + 1))
		recover "kill@$p" "$d" "$new"
		check "kill@$p: temporary files left after recovery" \
		    [ -z "$(find "$d" -name '.pcnrota-tmp.*')" ]
	done
	# SIGKILL at random moments of a larger re-plan.
	ini=$ex
	i=0
	while [ "$i" -lt "$randoms" ]; do
		i=$((i + 1))
		d="$tmp/d"
		rm -rf "$d"
		cp -a "$tmp/ex.old" "$d"
		ms=$(awk -v s="$r$i$$" 'BEGIN { srand(s); print int(rand() * 900) }')
		plan_run "$ini" "$d" &
		pid=$!
		sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
		# The plan itself, not the subshell: the run function forks none.
		pkill -KILL -P "$pid" -x pcnrota 2>/dev/null
		wait "$pid"
		injected=$((injected + 1))
		whole "random kill at ${ms}ms" "$d" "$tmp/ex.old" "$tmp/ex.new"
		recover "random kill at ${ms}ms" "$d" "$tmp/ex.new"
	done
	ini=$tiny
done

# A full disk and a read-only folder: a small tmpfs when we may mount.
mnt="$tmp/mnt"
mkdir -p "$mnt"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=512k tmpfs "$mnt" \
    2>/dev/null; then
	cp -a "$old" "$mnt/out"
	dd if=/dev/zero of="$mnt/fill" bs=4k 2>/dev/null
	plan_run "$tiny" "$mnt/out"
	injected=$((injected + 1))
	check "full disk: exit $rc, not 5" [ "$rc" -eq 5 ]
	check "full disk: message: $(cat "$tmp/err")" \
	    grep -q '^pcnrota: .*' "$tmp/err"
	same "full disk" "$mnt/out" "$old"
	check "full disk: temporary files left" \
	    [ -z "$(find "$mnt/out" -name '.pcnrota-tmp.*')" ]
	rm -f "$mnt/fill"
	# Read with room on the disk again: SQLite needs it for its -shm.
	state_ok "full disk" "$mnt/out"
	check "full disk: the state was changed" \
	    [ "$(assigns "$mnt/out")" = "$(assigns "$old")" ]
	ini=$tiny
	recover "full disk" "$mnt/out" "$new"

	rm -rf "$mnt/out"
	cp -a "$old" "$mnt/out"
	mount -o remount,ro "$mnt"
	plan_run "$tiny" "$mnt/out"
	injected=$((injected + 1))
	check "read-only: exit $rc, not 5" [ "$rc" -eq 5 ]
	check "read-only: message: $(cat "$tmp/err")" \
	    grep -q '^pcnrota: .*' "$tmp/err"
	same "read-only" "$mnt/out" "$old"
	mount -o remount,rw "$mnt"
	recover "read-only" "$mnt/out" "$new"
	umount "$mnt"
elif [ "$(id -u)" -ne 0 ]; then
	# Not root: a plain read-only folder stops us.
	cp -a "$old" "$tmp/ro"
	chmod 0555 "$tmp/ro" "$tmp/ro/feeds"
	plan_run "$tiny" "$tmp/ro"
	injected=$((injected + 1))
	check "read-only: exit $rc, not 5" [ "$rc" -eq 5 ]
	same "read-only" "$tmp/ro" "$old"
	chmod 0755 "$tmp/ro" "$tmp/ro/feeds"
	echo "SKIP: full disk (needs root to mount a tmpfs)"
else
	echo "SKIP: full disk and read-only (cannot mount a tmpfs here)"
fi

echo "faults: $injected injected, $recovered recovered, $torn files torn," \
    "$stale runs left temporary files (swept by the next)," \
    "$moved failed renames came after the state committed${movedat:+ (}${movedat# }${movedat:+)}"
finish
