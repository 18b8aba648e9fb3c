#!/bin/sh
# The solver's log and progress (pcnrota(1), DIAGNOSTICS): with --verbose,
# GLPK's log and pcnrota's own on stderr and nothing more on stdout; on a
# terminal, one line updated in place with \r, at most four times a
# second, and cleared at the end; in a pipe or a file (cron), nothing.
# In every case stdout is the same, byte for byte.
. "${top_srcdir:-.}/tests/lib.sh"
ex="$srcdir/fixtures/example.ini"
large="$srcdir/fixtures/large.ini"
pty="$srcdir/tests/pty_run.py"
week="--week 2026-W49 --now 2026-11-23T10:00"

# 1. No terminal, no --verbose: the rota on stdout, nothing on stderr.
"$PCNROTA" plan "$ex" $week >"$tmp/quiet.out" 2>"$tmp/quiet.err"
_st=$?
check "plan exits 0 ($(head -c 300 "$tmp/quiet.err"))" [ $_st -eq 0 ]
check "no terminal: stderr is empty" [ ! -s "$tmp/quiet.err" ]
"$PCNROTA" plan "$ex" $week 2>&1 >/dev/null | cat >"$tmp/pipe.err"
check "stderr a pipe: nothing on it ($(head -c 200 "$tmp/pipe.err"))" \
    [ ! -s "$tmp/pipe.err" ]

# 2. --verbose: stdout exactly as without; the logs on stderr.
"$PCNROTA" plan "$ex" $week --verbose >"$tmp/verbose.out" \
    2>"$tmp/verbose.err"
check "plan --verbose exits 0" [ $? -eq 0 ]
check "--verbose: stdout differs from a quiet run's" \
    cmp -s "$tmp/quiet.out" "$tmp/verbose.out"
grep -q -e 'obj = ' -e 'mip = ' -e 'GLPK' "$tmp/verbose.out"
check "--verbose: GLPK's log is on stdout" [ $? -ne 0 ]
check "--verbose: no simplex log on stderr" grep -q ' obj = ' "$tmp/verbose.err"
# The example is proven before branch and bound; the stages are logged.
check "--verbose: no stage after the root LP logged" grep -q \
    '^pcnrota: solving 2026-W49: [A-Za-z ]* from the root LP, plan ' \
    "$tmp/verbose.err"
check "--verbose: no root LP line of pcnrota's own" grep -Eq \
    '^pcnrota: solving 2026-W49: root LP, plan [0-9]+, (at most [0-9.]+% from )?the best possible, [0-9.]+ s$' \
    "$tmp/verbose.err"
# A bound is told in words, never as a number nobody can use.
check "--verbose: a bound or gap in figures" \
    [ "$(grep '^pcnrota: ' "$tmp/verbose.err" | grep -c -e bound -e gap)" -eq 0 ]
cost=$(sed -n 's/^Plan optimal: cost \([0-9]*\),.*/\1/p' "$tmp/verbose.out")
check "--verbose: the last line of the log is not the plan's ($cost)" \
    [ "$(grep '^pcnrota: solving' "$tmp/verbose.err" | tail -n 1)" = \
    "pcnrota: solving 2026-W49: search ended: optimal, plan $cost, the best possible, $(grep '^pcnrota: solving' "$tmp/verbose.err" | tail -n 1 | sed 's/.* \([0-9.]* s\)$/\1/')" ]
tr -d '\n' <"$tmp/verbose.err" | grep -q "$(printf '\r')"
check "--verbose: a carriage return on stderr" [ $? -ne 0 ]

# replan --verbose: the one summary line on stdout, the rest on stderr.
"$PCNROTA" plan "$ex" $week --weeks 2 --out "$tmp/pub" >/dev/null 2>&1
check "plan --out exits 0" [ $? -eq 0 ]
"$PCNROTA" replan "$ex" --out "$tmp/pub" --now 2026-12-02T02:00 --verbose \
    >"$tmp/replan.out" 2>"$tmp/replan.err"
_st=$?
check "replan --verbose exits 0 ($(tail -n 3 "$tmp/replan.err"))" [ $_st -eq 0 ]
check "replan --verbose: stdout is not one line ($(head -c 300 "$tmp/replan.out"))" \
    [ "$(wc -l <"$tmp/replan.out")" -eq 1 ]
check "replan --verbose: no GLPK log on stderr" grep -q ' obj = ' \
    "$tmp/replan.err"
check "replan --verbose: no log line of its own" grep -q \
    '^pcnrota: re-planning 2026-W49 to 2026-W52: search ended: ' \
    "$tmp/replan.err"
"$PCNROTA" replan "$ex" --out "$tmp/pub" --now 2026-12-02T02:00 \
    >"$tmp/replan2.out" 2>"$tmp/replan2.err"
check "replan, no terminal: stderr is not empty ($(head -c 200 "$tmp/replan2.err"))" \
    [ ! -s "$tmp/replan2.err" ]

# 3. stderr on a terminal: a progress line, redrawn in place.
set -- $("$PYTHON3" "$pty" "$tmp/tty.out" "$tmp/tty.err" "$PCNROTA" plan \
    "$large" $week --weeks 4 --effort 1000 --time-limit 120)
if [ "${1:-}" = "" ]; then
	echo "SKIP: no pseudo-terminal"
	finish
fi
rc=$1 secs=$2
check "on a terminal: plan exits $rc" [ "$rc" -eq 0 ]
check "on a terminal: the rota is not on stdout" \
    grep -q '^Plan [a-z]*: cost ' "$tmp/tty.out"
# The updates, one a line; the last is the clearing one.
tr '\r' '\n' <"$tmp/tty.err" | sed '/^$/d' >"$tmp/tty.lines"
updates=$(grep -c '^pcnrota: solving 2026-W49 to 2026-W52: plan ' \
    "$tmp/tty.lines")
echo "on a terminal: $updates updates in $secs s"
check "on a terminal: no progress line" [ "$updates" -ge 1 ]
# Before the first plan (a slow or busy machine) the line names the stage.
line='^pcnrota: solving 2026-W49 to 2026-W52: ([a-zA-Z0-9 :-]+, |plan [0-9]+, ((at most [0-9.]+% from )?the best possible, )?)[0-9.]+ s *$'
other=$(grep -Ev -e "$line" -e '^ *$' "$tmp/tty.lines" | head -n 1)
check "on a terminal: a line that is not progress: $other" [ -z "$other" ]
check "on a terminal: $updates updates in $secs s is more than 4 a second" \
    awk -v u="$updates" -v s="$secs" 'BEGIN { exit !(u <= 4 * s + 1) }'
check "on a terminal: the line does not start with a carriage return" \
    [ "$(head -c 1 "$tmp/tty.err")" = "$(printf '\r')" ]
check "on a terminal: the line is not cleared at the end" \
    [ -z "$(tail -n 1 "$tmp/tty.lines" | tr -d ' ')" ]
check "on a terminal: a new line on stderr" \
    [ "$(wc -l <"$tmp/tty.err")" -eq 0 ]
# The same deterministic plan, on a terminal and off it: the same stdout.
set -- $("$PYTHON3" "$pty" "$tmp/tty2.out" "$tmp/tty2.err" "$PCNROTA" plan \
    "$ex" $week)
check "on a terminal: stdout differs from a run without one" \
    cmp -s "$tmp/quiet.out" "$tmp/tty2.out"
# --verbose on a terminal: the log, no line redrawn.
set -- $("$PYTHON3" "$pty" "$tmp/tty3.out" "$tmp/tty3.err" "$PCNROTA" plan \
    "$ex" $week --verbose)
check "--verbose on a terminal: stdout differs" \
    cmp -s "$tmp/quiet.out" "$tmp/tty3.out"
check "--verbose on a terminal: no log" grep -q \
    '^pcnrota: solving 2026-W49: search ended: ' "$tmp/tty3.err"
# The terminal ends lines with \r\n: any other \r redraws a line.
check "--verbose on a terminal: a line redrawn in place" [ "$(sed 's/\r$//' \
    "$tmp/tty3.err" | grep -c "$(printf '\r')")" -eq 0 ]
finish
