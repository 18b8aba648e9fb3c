#!/bin/sh
# Safe names and paths: nothing is written through a symbolic link planted
# in the output folder (a feed, a report, the feeds folder, the state or
# its lock): a clear message, exit 5, the link and its target untouched.
# Names from the input never become paths; files and folders get safe
# modes whatever the umask; the feeds folder can be read by name but not
# listed by other users, and an old listable one is tightened.
. "${top_srcdir:-.}/tests/lib.sh"
tiny="$srcdir/fixtures/tiny.ini"
now=2026-11-20T09:00

plan() { # plan OUT [OPTIONS...]: exit code in $rc, stderr in $tmp/err
	out=$1
	shift
	"$PCNROTA" plan "$tiny" --week 2026-W49 --now "$now" --out "$out" \
	    "$@" >"$tmp/stdout" 2>"$tmp/err"
	rc=$?
}

# A published folder to plant links in.
plan "$tmp/base"
check "first plan exits $rc ($(cat "$tmp/err"))" [ "$rc" -eq 0 ]
network=$(ls "$tmp/base/feeds" | head -n 1)
check "the feeds folder has feeds" [ -n "$network" ]

# planted NAME PATH-IN-FOLDER MESSAGE-END: PATH replaced by a link to a
# victim outside the folder; a re-plan must refuse and leave it alone.
planted() {
	label=$1 rel=$2 msg=$3
	d="$tmp/$label"
	rm -rf "$d" "$tmp/victim.$label"
	cp -a "$tmp/base" "$d"
	if [ "$rel" = feeds ]; then
		mkdir "$tmp/victim.$label"
		rm -rf "$d/feeds"
		ln -s "$tmp/victim.$label" "$d/feeds"
	else
		printf 'victim %s\n' "$label" >"$tmp/victim.$label"
		rm -f "$d/$rel"
		ln -s "$tmp/victim.$label" "$d/$rel"
	fi
	# A different plan, so every file would change.
	plan "$d" --weeks 2
	check "$label: plan through a link exits $rc, not 5" [ "$rc" -eq 5 ]
	if grep -qF "$d/$rel: $msg" "$tmp/err"; then ok; else
		fail "$label: stderr is '$(cat "$tmp/err")', wanted '$d/$rel: $msg'"
	fi
	check "$label: the link was replaced" [ -L "$d/$rel" ]
	if [ "$rel" = feeds ]; then
		check "$label: something was written through the link" \
		    [ -z "$(ls -A "$tmp/victim.$label")" ]
	else
		check "$label: the victim was changed" \
		    [ "$(cat "$tmp/victim.$label")" = "victim $label" ]
	fi
	# Nothing else changed either (the reports are put in place last).
	for f in rota.txt rota.html assignments.csv; do
		[ "$rel" = "$f" ] && continue
		check "$label: $f changed" cmp -s "$tmp/base/$f" "$d/$f"
	done
}
planted feed "feeds/$network" "is a symbolic link: refusing to replace it"
planted feeds feeds "is a symbolic link: refusing to write through it"
planted report rota.txt "is a symbolic link: refusing to replace it"
planted index index.html "is a symbolic link: refusing to replace it"
planted state state.db "is a symbolic link: refusing to open it as the state"

# A link in place of the state's write-ahead log.
cp -a "$tmp/base" "$tmp/wal"
rm -f "$tmp/wal/state.db-wal"
ln -s "$tmp/victim.wal" "$tmp/wal/state.db-wal"
plan "$tmp/wal" --weeks 2
check "wal: plan exits $rc, not 5" [ "$rc" -eq 5 ]
check "wal: message: $(cat "$tmp/err")" grep -qxF \
    "pcnrota: $tmp/wal/state.db-wal: is a symbolic link: refusing to open it as the state" \
    "$tmp/err"
check "wal: a file was made through the link" [ ! -e "$tmp/victim.wal" ]

# A fresh folder with a link where the state would go, and the lock.
mkdir -p "$tmp/fresh"
ln -s "$tmp/victim.fresh" "$tmp/fresh/state.db"
plan "$tmp/fresh"
check "fresh: plan exits $rc, not 5" [ "$rc" -eq 5 ]
check "fresh: a state was made through the link" [ ! -e "$tmp/victim.fresh" ]
mkdir -p "$tmp/lock"
ln -s "$tmp/victim.lock" "$tmp/lock/state.db.lock"
plan "$tmp/lock"
check "lock: plan exits $rc, not 5" [ "$rc" -eq 5 ]
check "lock: a lock was made through the link" [ ! -e "$tmp/victim.lock" ]

# A directory in place of a feed: refused, nothing renamed over it.
cp -a "$tmp/base" "$tmp/dirfeed"
rm -f "$tmp/dirfeed/feeds/$network"
mkdir "$tmp/dirfeed/feeds/$network"
plan "$tmp/dirfeed" --weeks 2
check "dirfeed: plan exits $rc, not 5" [ "$rc" -eq 5 ]
check "dirfeed: message" grep -qF "feeds/$network: not a regular file" \
    "$tmp/err"

# Hostile names: a staff member, practice and network named like paths.
sed -e 's|^name = Ann Patel|name = ../../../escape-staff|' \
    -e 's|^name = North Road Surgery|name = /tmp/escape-practice/x|' \
    -e 's|^name = Tiny PCN|name = ../escape-network|' \
    "$tiny" >"$tmp/hostile.ini"
mkdir -p "$tmp/jail/out"
"$PCNROTA" plan "$tmp/hostile.ini" --week 2026-W49 --now "$now" \
    --out "$tmp/jail/out" >"$tmp/stdout" 2>"$tmp/err"
rc=$?
check "hostile: plan exits $rc ($(cat "$tmp/err"))" [ "$rc" -eq 0 ]
check "hostile: something was written beside the output folder" \
    [ "$(ls -A "$tmp/jail")" = out ]
check "hostile: a file is named after the input" \
    [ -z "$(find "$tmp/jail" -name '*escape*')" ]
check "hostile: a file outside was made" [ ! -e /tmp/escape-practice ]
# Every published name is fixed or made of identifiers and tokens.
bad=$(cd "$tmp/jail/out" && find . -mindepth 1 | grep -Ev \
    '^\./(feeds|feeds/[a-z0-9_-]+\.ics|[a-z]+\.(txt|html|csv|prom)|state\.db(-wal|-shm|\.lock)?)$')
check "hostile: unexpected names: $bad" [ -z "$bad" ]

# Modes, whatever the umask: the state and the feed index are private.
(umask 000 && "$PCNROTA" plan "$tiny" --week 2026-W49 --now "$now" \
    --out "$tmp/modes/a/b" >/dev/null 2>&1)
mode() { stat -c %a "$1"; }
check "modes: folder $(mode "$tmp/modes/a/b")" [ "$(mode "$tmp/modes/a/b")" = 755 ]
check "modes: parent $(mode "$tmp/modes/a")" [ "$(mode "$tmp/modes/a")" = 755 ]
check "modes: feeds $(mode "$tmp/modes/a/b/feeds"), not 711" \
    [ "$(mode "$tmp/modes/a/b/feeds")" = 711 ]
check "modes: state.db $(mode "$tmp/modes/a/b/state.db")" \
    [ "$(mode "$tmp/modes/a/b/state.db")" = 600 ]
check "modes: feeds.txt $(mode "$tmp/modes/a/b/feeds.txt")" \
    [ "$(mode "$tmp/modes/a/b/feeds.txt")" = 600 ]
check "modes: index.html $(mode "$tmp/modes/a/b/index.html")" \
    [ "$(mode "$tmp/modes/a/b/index.html")" = 600 ]
check "modes: rota.txt $(mode "$tmp/modes/a/b/rota.txt")" \
    [ "$(mode "$tmp/modes/a/b/rota.txt")" = 644 ]
f=$(ls "$tmp/modes/a/b/feeds" | head -n 1)
check "modes: feed $(mode "$tmp/modes/a/b/feeds/$f")" \
    [ "$(mode "$tmp/modes/a/b/feeds/$f")" = 644 ]
check "modes: temporary files left" \
    [ -z "$(find "$tmp/modes" -name '.pcnrota-tmp.*')" ]
(umask 077 && "$PCNROTA" plan "$tiny" --week 2026-W49 --now "$now" \
    --out "$tmp/modes077" >/dev/null 2>&1)
check "umask 077: feeds $(mode "$tmp/modes077/feeds"), not 711" \
    [ "$(mode "$tmp/modes077/feeds")" = 711 ]
check "umask 077: folder $(mode "$tmp/modes077"), not 755" \
    [ "$(mode "$tmp/modes077")" = 755 ]
check "umask 077: state.db $(mode "$tmp/modes077/state.db"), not 600" \
    [ "$(mode "$tmp/modes077/state.db")" = 600 ]
check "umask 077: rota.txt $(mode "$tmp/modes077/rota.txt"), not 644" \
    [ "$(mode "$tmp/modes077/rota.txt")" = 644 ]

# A feeds folder left listable by an older version, or by hand, loses its
# read permissions for group and others, and nothing else.
for old in 700:700 775:731 750:710 755:711; do
	chmod "${old%:*}" "$tmp/base/feeds"
	plan "$tmp/base"
	check "feeds ${old%:*}: plan exits $rc ($(cat "$tmp/err"))" [ "$rc" -eq 0 ]
	check "feeds ${old%:*}: now $(mode "$tmp/base/feeds"), not ${old#*:}" \
	    [ "$(mode "$tmp/base/feeds")" = "${old#*:}" ]
done

# Another local user (nobody) can read a feed whose name it knows, as a
# web server does, but cannot list the secret names; and a folder it may
# write but not chmod is refused, not published into listable.
as_nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}
if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null ||
    ! as_nobody test -x "$tmp/base"; then
	echo "SKIP: not root, no setpriv, or $tmp not reachable by nobody"
else
	check "nobody cannot read the feed $network by name" \
	    as_nobody cmp -s "$tmp/base/feeds/$network" "$tmp/base/feeds/$network"
	as_nobody ls "$tmp/base/feeds" >/dev/null 2>&1
	check "nobody can list the feeds folder" [ $? -ne 0 ]
	mkdir -p "$tmp/shared/feeds"
	chmod 0777 "$tmp/shared" "$tmp/shared/feeds"
	as_nobody "$PCNROTA" plan "$tiny" --week 2026-W49 --now "$now" \
	    --out "$tmp/shared" >/dev/null 2>"$tmp/err"
	rc=$?
	check "someone else's listable feeds folder: exit $rc, not 5" [ "$rc" -eq 5 ]
	check "someone else's listable feeds folder: message $(cat "$tmp/err")" \
	    [ "$(cat "$tmp/err")" = "pcnrota: $tmp/shared/feeds: mode 0777 lets others list it, and it cannot be changed to 0733: Operation not permitted" ]
	check "someone else's listable feeds folder: a feed was written" \
	    [ -z "$(ls "$tmp/shared/feeds")" ]
fi
finish
