#!/bin/sh
# File modes whatever the umask (issue 16): the lock, the state and its
# -wal and -shm are 0600 after a run under umask 277, a lock or state left
# read-only by one does not stop the next, and the commands that only read
# (report, changes, status) work in a folder they cannot write to, and
# leave nothing behind in one they can.
. "${top_srcdir:-.}/tests/lib.sh"

# Root writes anywhere: the runs are made as nobody, where they can be.
as=""
if [ "$(id -u)" -eq 0 ]; then
	as="setpriv --reuid=65534 --regid=65534 --clear-groups"
	if ! $as "$PCNROTA" --version >/dev/null 2>&1; then
		echo "SKIP: root writes anywhere, and nobody cannot run $PCNROTA"
		rm -rf "$tmp"
		exit 77
	fi
	chmod 777 "$tmp"
fi
{
	printf '[network]\nname = Modes PCN\n'
	printf '[session am]\nstart = 08:30\nend = 12:30\n'
	printf '[practice north]\nname = North\nlist_size = 6000\n'
	printf '[role pharmacist]\n'
	printf '[staff ann]\nname = Ann Patel\nrole = pharmacist\nsessions = 5\n'
} >"$tmp/net.ini"
chmod 644 "$tmp/net.ini"
out="$tmp/out"

# not_there FILE...: none of them exists.
not_there() {
	for _f in "$@"; do [ ! -e "$_f" ] || return 1; done
}

# mode FILE: its permission bits, as stat prints them (600).
mode() { stat -c %a "$1"; }

# as_run NAME UMASK ARGS...: pcnrota ARGS under UMASK (as nobody if root).
as_run() {
	_n=$1 _u=$2
	shift 2
	$as sh -c 'umask "$1"; shift; exec "$@"' sh "$_u" "$PCNROTA" "$@" \
	    >"$tmp/$_n.stdout" 2>"$tmp/$_n.stderr"
	echo $? >"$tmp/$_n.rc"
}

as_run first 277 plan "$tmp/net.ini" --week 2026-W50 --out "$out"
check "first: plan under umask 277 exits $(rc first): $(cat "$tmp/first.stderr")" \
    [ "$(rc first)" -eq 0 ]
for f in "$out/state.db" "$out/state.db.lock" "$out/state.db-wal" \
    "$out/state.db-shm"; do
	[ -e "$f" ] || continue
	check "umask 277: $f is $(mode "$f"), not 600" [ "$(mode "$f")" = 600 ]
done
as_run second 277 plan "$tmp/net.ini" --week 2026-W51 --out "$out"
check "second: plan after umask 277 exits $(rc second): $(cat "$tmp/second.stderr")" \
    [ "$(rc second)" -eq 0 ]

# A lock and a state left read-only: the next run sets them back.
$as chmod 400 "$out/state.db" "$out/state.db.lock"
as_run third 022 plan "$tmp/net.ini" --week 2026-W52 --out "$out"
check "third: plan of a 0400 state exits $(rc third): $(cat "$tmp/third.stderr")" \
    [ "$(rc third)" -eq 0 ]
for f in "$out/state.db" "$out/state.db.lock" "$out/state.db-wal" \
    "$out/state.db-shm"; do
	[ -e "$f" ] || continue
	check "0400 state: $f is $(mode "$f") after a run, not 600" \
	    [ "$(mode "$f")" = 600 ]
done

# Reading in a read-only folder: report, changes and status work, and
# write nothing.
$as chmod 555 "$out"
# Every file and the folder itself (not its parent, which the test writes
# to), to the nanosecond.
find "$out" -printf '%p %m %s %T@\n' | sort >"$tmp/before"
as_run report 022 report "$tmp/net.ini" --week 2026-W50 --out "$out"
check "report in a read-only folder exits $(rc report): $(cat "$tmp/report.stderr")" \
    [ "$(rc report)" -eq 0 ]
check "report: no rota" grep -q 'Ann Patel' "$tmp/report.stdout"
as_run changes 022 changes "$tmp/net.ini" --out "$out"
check "changes in a read-only folder exits $(rc changes): $(cat "$tmp/changes.stderr")" \
    [ "$(rc changes)" -eq 0 ]
as_run status 022 status "$out"
check "status in a read-only folder exits $(rc status): $(cat "$tmp/status.stderr")" \
    [ "$(rc status)" -eq 0 ]
find "$out" -printf '%p %m %s %T@\n' | sort >"$tmp/after"
check "reading changed the folder" cmp -s "$tmp/before" "$tmp/after"
$as chmod 755 "$out"
# In a folder it may write to, reading leaves no -wal or -shm behind (one
# made by another user, root say, would lock the nightly run out).
as_run report2 022 report "$tmp/net.ini" --week 2026-W50 --out "$out"
check "report exits $(rc report2)" [ "$(rc report2)" -eq 0 ]
check "report left a -wal or -shm: $(ls "$out")" \
    not_there "$out/state.db-wal" "$out/state.db-shm"
finish
