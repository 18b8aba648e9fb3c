#!/bin/sh
# The bad-input catalogue (tests/bad_inputs.tsv): each class of bad input
# gets its exact message, its exit code and no output; the classes of
# the state and the run (another network's state, numbers out of range,
# --now past 2099, umask, read-only folders, leave outside the window,
# text taken rather than refused) each by a scenario; and every fixture
# in fixtures/bad is in the catalogue, so a new one cannot be left out.
. "${top_srcdir:-.}/tests/lib.sh"
cd "$srcdir" || exit 99
cat="$srcdir/tests/bad_inputs.tsv"

# The made inputs (@NAME).
printf '' >"$tmp/empty.ini"
printf '[network]\nname = \0x\n' >"$tmp/binary.ini"
printf '[network]\nname = Caf\351\n' >"$tmp/latin1.ini"
printf '[network]\nname = X\nleave_calendar = latin1.ics\n' >"$tmp/latin1cal.ini"
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Zo\353 leave\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
    >"$tmp/latin1.ics"
printf '[network]\nname = X\n' >"$tmp/unreadable.ini"
chmod 000 "$tmp/unreadable.ini"
mkdir "$tmp/folder.ini"
printf '[network]\nname = X\nleave_calendar = @secret.url\n' >"$tmp/secret.ini"
echo https://calendar.example.org/s3cret >"$tmp/secret.url"
chmod 644 "$tmp/secret.url"
ln -s /dev/zero "$tmp/zero.ini"
awk 'BEGIN { print "[network]\nname = X\n[session am]\nstart = 08:30"
	print "end = 12:30\n[role r0]"
	for (i = 0; i < 64; i++)
		printf "[practice p%d]\nname = P\nlist_size = 1\nrooms = 9\n", i
	for (i = 0; i < 126; i++)
		printf "[staff s%d]\nname = S\nrole = r0\nsessions = 1\n", i
}' >"$tmp/placements.ini"
{ echo '[network]'; awk 'BEGIN { for (i = 0; i < 30000; i++)
	print "; padding padding padding padding padding padding" }'; } \
    >"$tmp/big.ini"

# The classes of the state and the run (FILE !NAME): scenario_NAME runs
# them, leaving the exit status in $rc and stderr in $tmp/err, and checks
# what it must; LINE - expects no particular line.
now=2026-11-30T02:00
# snapshot DIR: every file's mode, size and bytes, to tell a write.
snapshot() { find "$1" -type f -exec stat -c '%n %a' {} + | sort; find "$1" -type f -exec cksum {} + | sort; }
# run_into NAME ARGS...: pcnrota ARGS, stderr in $tmp/err, exit in $rc.
run_into() {
	_n=$1
	shift
	"$PCNROTA" "$@" >"$tmp/$_n.out" 2>"$tmp/err"
	rc=$?
}
tiny_into() { # tiny_into DIR: the tiny network planned into DIR
	"$PCNROTA" plan fixtures/tiny.ini --week 2026-W49 --now "$now" \
	    --out "$1" >/dev/null 2>&1 ||
	    fail "tiny_into $1: plan failed"
}
# Another network's state is refused, and nothing is written.
scenario_foreign_state() {
	tiny_into "$tmp/foreign"
	snapshot "$tmp/foreign" >"$tmp/before"
	run_into foreign plan fixtures/example.ini --week 2026-W49 \
	    --now "$now" --out "$tmp/foreign"
	snapshot "$tmp/foreign" >"$tmp/after"
	check "another network's state: the folder was written to" \
	    cmp -s "$tmp/before" "$tmp/after"
}
# A SEQUENCE of 2^31-1 in the state would overflow: refused.
scenario_state_range() {
	tiny_into "$tmp/range"
	"$PYTHON3" -c "import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute('UPDATE events SET sequence = 2147483647 WHERE rowid = (SELECT min(rowid) FROM events)')
c.commit()" "$tmp/range/state.db"
	snapshot "$tmp/range" >"$tmp/before"
	run_into range replan fixtures/tiny.ini --now "$now" --out "$tmp/range"
	snapshot "$tmp/range" >"$tmp/after"
	check "number out of range in the state: the folder was written to" \
	    cmp -s "$tmp/before" "$tmp/after"
}
# --now past 2099 would write DTSTAMP:00000000T000000: refused.
scenario_now_range() {
	run_into now plan fixtures/tiny.ini --week 2026-W49 \
	    --now 9999-12-31T23:59 --out "$tmp/now"
	check "--now outside the years: an output folder" [ ! -e "$tmp/now" ]
}
# Under umask 277 the lock, the state and its -wal and -shm are 0600
# all the same, and a second run under the usual umask works.
scenario_umask() {
	(umask 277 && tiny_into "$tmp/umask")
	for _f in state.db state.db.lock state.db-wal state.db-shm; do
		[ -e "$tmp/umask/$_f" ] || continue
		check "umask 277: $_f is $(stat -c %a "$tmp/umask/$_f"), not 600" \
		    [ "$(stat -c %a "$tmp/umask/$_f")" = 600 ]
	done
	run_into umask replan fixtures/tiny.ini --now "$now" --out "$tmp/umask"
}
# report and changes only read: they work in a folder they cannot write
# to (run as nobody when root, who writes anywhere).
scenario_read_only() {
	_as=""
	if [ "$(id -u)" -eq 0 ]; then
		_as="setpriv --reuid=65534 --regid=65534 --clear-groups"
		chmod 777 "$tmp"
	fi
	tiny_into "$tmp/ro"
	chmod -R a+rX "$tmp/ro"
	chmod 555 "$tmp/ro"
	snapshot "$tmp/ro" >"$tmp/before"
	$_as "$PCNROTA" report fixtures/tiny.ini --week 2026-W49 \
	    --out "$tmp/ro" >"$tmp/ro.report" 2>"$tmp/ro.err"
	_st=$?
	check "read-only folder: report exits $_st: $(cat "$tmp/ro.err")" [ $_st -eq 0 ]
	$_as "$PCNROTA" changes fixtures/tiny.ini --out "$tmp/ro" \
	    >"$tmp/ro.changes" 2>"$tmp/err"
	rc=$?
	snapshot "$tmp/ro" >"$tmp/after"
	check "read-only folder: report or changes wrote to it" \
	    cmp -s "$tmp/before" "$tmp/after"
	chmod 755 "$tmp/ro"
}
# Leave outside the window calendars are read in: named, not lost.
scenario_window() {
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:far\r\nSUMMARY:Ann Patel leave\r\nDTSTART;VALUE=DATE:20300107\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$tmp/far.ics"
	sed "s|^name = Tiny PCN\$|&\\nleave_calendar = $tmp/far.ics|" \
	    fixtures/tiny.ini >"$tmp/far.ini"
	run_into window plan "$tmp/far.ini" --week 2030-W02 --now "$now"
}
# A comment ending in a backslash does not hide the next line.
scenario_comment_backslash() {
	awk '{ print } /^\[staff ann\]/ {
	    print "; leave agreed, see C:\\HR\\"
	    print "leave = 2026-12-01..2026-12-04" }' fixtures/tiny.ini \
	    >"$tmp/comment.ini"
	run_into comment plan "$tmp/comment.ini" --week 2026-W49 \
	    --now "$now" --out "$tmp/comment"
	check "comment ending in a backslash: Ann placed on her leave" \
	    [ "$(awk -F, '$7 == "ann" && $1 == "2026-12-02"' \
	    "$tmp/comment/assignments.csv" | wc -l)" -eq 0 ]
}
# A name a spreadsheet would run is written as text.
scenario_formula() {
	sed '/^\[staff ann\]/,/^name/s/^name = .*/name = =HYPERLINK("http:\/\/x")/' \
	    fixtures/tiny.ini >"$tmp/formula.ini"
	run_into formula plan "$tmp/formula.ini" --week 2026-W49 \
	    --now "$now" --out "$tmp/formula"
	check "formula in a name: not neutralised in assignments.csv" \
	    grep -q ",\"'=HYPERLINK" "$tmp/formula/assignments.csv"
	check "formula in a name: a cell starts with =" \
	    not grep -q ',"\?=' "$tmp/formula/assignments.csv"
}
# A calendar names Ann in full-width capitals: NFKC and case folding
# match her, and her leave is planned for.
scenario_unicode_name() {
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:wide\r\nSUMMARY:\357\274\241\357\274\256\357\274\256 \357\274\260\357\274\241\357\274\264\357\274\245\357\274\254 leave\r\nDTSTART;VALUE=DATE:20261202\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$tmp/wide.ics"
	sed "s|^name = Tiny PCN\$|&\\nleave_calendar = $tmp/wide.ics\\nunmatched_events = error|" \
	    fixtures/tiny.ini >"$tmp/wide.ini"
	run_into wide plan "$tmp/wide.ini" --week 2026-W49 --now "$now" \
	    --out "$tmp/wide"
	check "name in another form: Ann placed on her leave" \
	    [ "$(awk -F, '$7 == "ann" && $1 == "2026-12-02"' \
	    "$tmp/wide/assignments.csv" | wc -l)" -eq 0 ]
}
# A byte-order mark and CRLF: the same network as without.
scenario_bom() {
	{ printf '\357\273\277'; sed 's/$/\r/' fixtures/tiny.ini; } \
	    >"$tmp/bom.ini"
	"$PCNROTA" check fixtures/tiny.ini >"$tmp/plain.out" 2>/dev/null
	run_into bom check "$tmp/bom.ini"
	check "byte-order mark: check reads another network" \
	    cmp -s "$tmp/plain.out" "$tmp/bom.out"
}
not() { ! "$@"; }

classes=0
tab=$(printf '\t')
while IFS="$tab" read -r class file code line; do
	case "$class" in '#'* | '') continue ;; esac
	classes=$((classes + 1))
	# Listed in pcnrota.ini(5) too.
	title=$(printf '%s' "$class" | awk '{ print toupper(substr($0, 1, 1)) substr($0, 2) }')
	check "$class: not in pcnrota.ini(5), Classes of bad input" \
	    grep -qxF ".It $title" "$srcdir/man/pcnrota.ini.5"
	line=$(printf '%s' "$line" | sed "s|\\\$TMP|$tmp|g")
	case "$file" in
	@*) file="$tmp/${file#@}" ;;
	!*)
		"scenario_$(printf '%s' "${file#!}" | tr - _)"
		check "$class: exits $rc, not $code" [ "$rc" -eq "$code" ]
		if [ "$line" = - ] || grep -qxF "$line" "$tmp/err"; then ok; else
			fail "$class: no line '$line' in:"
			cat "$tmp/err"
		fi
		continue
		;;
	esac
	# Root reads any file: that class is run as nobody, where it can.
	as=""
	if [ "$file" = "$tmp/unreadable.ini" ] && [ "$(id -u)" -eq 0 ]; then
		as="setpriv --reuid=65534 --regid=65534 --clear-groups"
		if ! $as "$PCNROTA" --version >/dev/null 2>&1; then
			echo "SKIP: $class (root reads any file; nobody cannot run $PCNROTA)"
			continue
		fi
		chmod 777 "$tmp"
	fi
	$as "$PCNROTA" check "$file" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "$class: check exits $rc, not $code" [ "$rc" -eq "$code" ]
	check "$class: check printed on stdout" [ ! -s "$tmp/out" ]
	if grep -qxF "$line" "$tmp/err"; then ok; else
		fail "$class: no line '$line' in:"
		cat "$tmp/err"
	fi
	$as "$PCNROTA" plan "$file" --week 2026-W49 --out "$tmp/plan" \
	    >"$tmp/out" 2>"$tmp/err2"
	rc=$?
	check "$class: plan exits $rc, not $code" [ "$rc" -eq "$code" ]
	check "$class: plan wrote an output folder" [ ! -e "$tmp/plan" ]
	check "$class: plan and check disagree" cmp -s "$tmp/err" "$tmp/err2"
done <"$cat"
check "the catalogue has $classes classes" [ "$classes" -ge 40 ]

# Every broken fixture is catalogued.
for ini in fixtures/bad/*.ini; do
	case $(basename "$ini") in multi.ini) continue ;; esac
	if grep -qF "$tab$ini$tab" "$cat"; then ok; else
		fail "$ini is not in tests/bad_inputs.tsv"
	fi
done
chmod 644 "$tmp/unreadable.ini"
finish
