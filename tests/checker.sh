#!/bin/sh
# The independent checker itself: a good plan passes, a plan broken on
# purpose is caught, violation by violation.
. "${top_srcdir:-.}/tests/lib.sh"
data="$srcdir/tests/data"
checker="$srcdir/tests/check_plan.py"

"$PYTHON3" "$checker" "$srcdir/fixtures/tiny.ini" "$data/good-plan" >"$tmp/good"
_st=$?
check "good plan rejected: $(cat "$tmp/good")" [ $_st -eq 0 ]

"$PYTHON3" "$checker" "$srcdir/fixtures/tiny.ini" "$data/broken-plan" \
    >"$tmp/broken"
check "broken plan accepted" [ $? -eq 1 ]
while IFS= read -r pattern; do
	[ -n "$pattern" ] || continue
	grep -qi -- "$pattern" "$tmp/broken"
	check "broken plan: no violation matching '$pattern'" [ $? -eq 0 ]
done <"$data/broken-plan/expected-violations"
cat "$tmp/broken"

finish
