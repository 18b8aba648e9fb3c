#!/bin/sh
# Every broken fixture gets exactly its expected messages, exit code 3, and
# nothing on stdout or in an output folder; usage errors exit 2.
. "${top_srcdir:-.}/tests/lib.sh"
cd "$srcdir" || exit 99

for ini in fixtures/bad/*.ini; do
	want="${ini%.ini}.err"
	"$PCNROTA" check "$ini" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "$ini: check exits $rc, not 3" [ "$rc" -eq 3 ]
	check "$ini: check printed on stdout" [ ! -s "$tmp/out" ]
	if cmp -s "$tmp/err" "$want"; then ok; else
		fail "$ini: messages differ from $want:"
		diff "$want" "$tmp/err"
	fi
	"$PCNROTA" plan "$ini" --week 2026-W49 --out "$tmp/plan" \
	    >"$tmp/out" 2>"$tmp/err2"
	rc=$?
	check "$ini: plan exits $rc, not 3" [ "$rc" -eq 3 ]
	check "$ini: plan wrote an output folder" [ ! -e "$tmp/plan" ]
	check "$ini: plan and check disagree" cmp -s "$tmp/err" "$tmp/err2"
done

# Files that are not network files at all.
expect() { # expect CODE MESSAGE COMMAND...
	code=$1 msg=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "$*: exit $rc, not $code" [ "$rc" -eq "$code" ]
	if [ "$(cat "$tmp/err")" = "$msg" ]; then ok; else
		fail "$*: stderr is '$(cat "$tmp/err")', not '$msg'"
	fi
}
ln -s /dev/zero "$tmp/zero.ini"
printf '' >"$tmp/empty.ini"
printf '[network]\nname = \0x\n' >"$tmp/binary.ini"
expect 3 "$tmp/none.ini: cannot read: No such file or directory" \
    "$PCNROTA" check "$tmp/none.ini"
expect 3 "$tmp: not a regular file" "$PCNROTA" check "$tmp"
expect 3 "$tmp/zero.ini: not a regular file" "$PCNROTA" check "$tmp/zero.ini"
expect 3 "$tmp/empty.ini: empty file" "$PCNROTA" check "$tmp/empty.ini"
expect 3 "$tmp/binary.ini: not a text file (contains NUL bytes)" \
    "$PCNROTA" check "$tmp/binary.ini"

# Usage errors.
tiny=fixtures/tiny.ini
expect 2 'pcnrota: bad week "2026-49": use YYYY-Www such as 2026-W49, or a date in the week such as 2026-12-02' \
    "$PCNROTA" plan "$tiny" --week 2026-49
expect 2 'pcnrota: --gap must be a number from 0 to 1, not "x"' \
    "$PCNROTA" plan "$tiny" --gap x
expect 2 'pcnrota: --time-limit must be a number from 0.1 to 86400, not "-1"' \
    "$PCNROTA" plan "$tiny" --time-limit -1
"$PCNROTA" frobnicate >/dev/null 2>&1
check "unknown command exits 2" [ $? -eq 2 ]
"$PCNROTA" check >/dev/null 2>&1
check "check without a file exits 2" [ $? -eq 2 ]
"$PCNROTA" --version | grep -q '^pcnrota [0-9]'
check "--version prints the version" [ $? -eq 0 ]

# --help (and -h) on every command: its usage on stdout, exit 0, nothing
# else read or run (check --help must not read a file named --help).
for cmd in check plan replan changes report token status absence; do
	for opt in --help -h; do
		"$PCNROTA" $cmd $opt >"$tmp/out" 2>"$tmp/err"
		rc=$?
		check "$cmd $opt exits $rc, not 0" [ "$rc" -eq 0 ]
		check "$cmd $opt: no usage on stdout" \
		    grep -q "^usage: pcnrota $cmd " "$tmp/out"
		check "$cmd $opt printed on stderr" [ ! -s "$tmp/err" ]
	done
	"$PCNROTA" $cmd "$tiny" --help >"$tmp/out" 2>&1
	check "$cmd FILE --help exits $?, not 0" [ $? -eq 0 ]
	"$PCNROTA" help $cmd | grep -q "^usage: pcnrota $cmd "
	check "help $cmd gives no usage" [ $? -eq 0 ]
done

# --week takes a date too: any day of a week plans that week.
"$PCNROTA" plan "$tiny" --week 2026-W51 >"$tmp/byweek" 2>&1
check "plan --week 2026-W51 failed" [ $? -eq 0 ]
for day in 2026-12-14 2026-12-17 2026-12-20; do
	"$PCNROTA" plan "$tiny" --week $day >"$tmp/byday" 2>&1
	check "plan --week $day failed" [ $? -eq 0 ]
	check "plan --week $day is not week 2026-W51" \
	    cmp -s "$tmp/byweek" "$tmp/byday"
done
expect 2 'pcnrota: bad week "2026-12-32": use YYYY-Www such as 2026-W49, or a date in the week such as 2026-12-02' \
    "$PCNROTA" plan "$tiny" --week 2026-12-32

# Valid but surely a mistake: warned, and the plan goes on.
sed -e 's/^works = .*/works = tue wed sat/' "$tiny" >"$tmp/sat.ini"
"$PCNROTA" check "$tmp/sat.ini" >"$tmp/out" 2>"$tmp/err"
check "a day with no sessions is not only a warning" [ $? -eq 0 ]
check "no warning for a working day with no sessions" \
    grep -q "^$tmp/sat.ini:43: warning: works names sat, but no session is held on sat: ann is never placed then$" "$tmp/err"
sed -e 's/^rooms = .*/rooms = 0/' -e 's/^list_size = 4000/&\nrooms = 0/' "$tiny" >"$tmp/norooms.ini"
"$PCNROTA" check "$tmp/norooms.ini" >"$tmp/out" 2>"$tmp/err"
check "a person who cannot be placed is not only a warning" [ $? -eq 0 ]
check "no warning for a person who can never be placed" \
    grep -q "^$tmp/norooms.ini:40: warning: ann can never be placed: no session ann works has a room at a practice ann may work at$" "$tmp/err"
sed -e 's/^name = North Road Surgery$/&\naddress = 1 North Road/' \
    -e 's/^name = South Street Practice$/&\naddress = 2 South Street/' \
    "$tiny" >"$tmp/sound.ini"
"$PCNROTA" check "$tmp/sound.ini" >"$tmp/out" 2>"$tmp/err"
check "warnings for a sound file: $(cat "$tmp/err")" [ ! -s "$tmp/err" ]

finish
