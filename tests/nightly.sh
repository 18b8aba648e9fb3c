#!/bin/sh
# The nightly run over weeks of nights on the example network, checked
# from the outside by tests/nightly.py: the rolling horizon, quiet nights,
# absences, renames, a leaver, history, a foreign state and twenty runs
# at once.
. "${top_srcdir:-.}/tests/lib.sh"
"$PYTHON3" "$srcdir/tests/nightly.py" "$PCNROTA" \
    "$srcdir/fixtures/example.ini" "$tmp/work" >"$tmp/out" 2>&1
rc=$?
cat "$tmp/out"
check "nightly.py exits 0 (exit $rc)" [ "$rc" -eq 0 ]
finish
