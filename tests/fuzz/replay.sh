#!/bin/sh
# Replays every input the fuzzers ever crashed on (tests/fuzz/regress/)
# through the plain build, which the CI also runs under ASan, UBSan and
# valgrind: each must get a clean, non-crash exit with a message or none.
#   cfg/*       a network file:  pcnrota check (exit 0 or 3)
#   leavecal/*  a leave calendar (first byte: the fuzzer's zone pick) of
#               a staff member of fixtures/tiny.ini: pcnrota check (0 or 3)
#   store/*     a state.db: pcnrota report and token (0, 5 or 6)
. "${top_srcdir:-.}/tests/lib.sh"
reg="$srcdir/tests/fuzz/regress"

# expect LABEL CODES COMMAND...: runs it; its exit is one of CODES.
expect() {
	label=$1 codes=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	case " $codes " in
	*" $rc "*) ok ;;
	*)
		fail "$label: exit $rc, not one of $codes"
		head -n 20 "$tmp/err"
		;;
	esac
	# A crash or sanitizer report never counts as a clean exit.
	if grep -qE 'ERROR: AddressSanitizer|runtime error:|LeakSanitizer' \
	    "$tmp/err"; then
		fail "$label: sanitizer report"
		head -n 20 "$tmp/err"
	else ok; fi
}

n=0
for f in "$reg"/cfg/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	expect "cfg/$(basename "$f")" "0 3" "$PCNROTA" check "$f"
done
for f in "$reg"/leavecal/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	tail -c +2 "$f" >"$tmp/leave.ics"
	sed "s|^works = mon-wed|works = mon-wed\nleave_calendar = $tmp/leave.ics|" \
	    "$srcdir/fixtures/tiny.ini" >"$tmp/net.ini"
	grep -q '^leave_calendar' "$tmp/net.ini" || fail "no leave_calendar"
	expect "leavecal/$(basename "$f")" "0 3" "$PCNROTA" check "$tmp/net.ini"
done
for f in "$reg"/store/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	rm -rf "$tmp/out.d"
	mkdir -p "$tmp/out.d"
	cp "$f" "$tmp/out.d/state.db"
	expect "store/$(basename "$f"): report" "0 5 6" "$PCNROTA" report \
	    "$srcdir/fixtures/tiny.ini" --week 2026-W49 --out "$tmp/out.d"
	expect "store/$(basename "$f"): token" "0 5 6" "$PCNROTA" token \
	    "$srcdir/fixtures/tiny.ini" ann --out "$tmp/out.d"
done
check "no regression inputs found in $reg" [ "$n" -gt 0 ]
finish
