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
expect 2 'pcnrota: bad week "2026-49": use YYYY-Www such as 2026-W49' \
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

finish
