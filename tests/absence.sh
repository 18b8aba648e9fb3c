#!/bin/sh
# pcnrota absence: absences recorded in the network's absences file reach
# the next replan; bad input is refused with the file untouched; runs side
# by side lose nothing; --list and --remove.
. "${top_srcdir:-.}/tests/lib.sh"
now=2026-12-02T02:00
sed '/^\[network\]/a absences = absences.ics' "$srcdir/fixtures/tiny.ini" \
    >"$tmp/net.ini"
file="$tmp/absences.ics"

run() {
	_n=$1
	shift
	"$PCNROTA" "$@" >"$tmp/$_n.stdout" 2>"$tmp/$_n.stderr"
	echo $? >"$tmp/$_n.rc"
}
rc() { cat "$tmp/$1.rc"; }
absence() { run "$@"; }
not() { ! "$@"; }
placed() {
	awk -F, -v s="$1" -v d="$2" -v k="${3:-}" \
	    '$7 == s && $1 == d && (k == "" || $4 == k) { n++ } END { print n + 0 }' \
	    "$tmp/out/assignments.csv"
}

# 1. No file yet is no absence; the first night plans.
run first replan "$tmp/net.ini" --out "$tmp/out" --now "$now"
check "first night: exit $(rc first) ($(cat "$tmp/first.stderr"))" \
    [ "$(rc first)" -eq 0 ]
check "ann works on 7 December" [ "$(placed ann 2026-12-07)" -eq 2 ]
check "no file made by reading" [ ! -e "$file" ]

# 2. Recorded: Ann sick all Monday, Ben's Tuesday morning at training.
absence a1 absence "$tmp/net.ini" ann 2026-12-07 --reason sickness
check "record: exit $(rc a1) ($(cat "$tmp/a1.stderr"))" [ "$(rc a1)" -eq 0 ]
check "record: prints the UID" grep -q '@pcnrota$' "$tmp/a1.stdout"
absence a2 absence "$tmp/net.ini" ben 2026-12-08..2026-12-08 --session am \
    --reason training
check "record a session: exit $(rc a2) ($(cat "$tmp/a2.stderr"))" \
    [ "$(rc a2)" -eq 0 ]
check "the file is private" [ "$(stat -c %a "$file")" = 600 ]
run check check "$tmp/net.ini"
check "check reads it back: exit $(rc check) ($(cat "$tmp/check.stderr"))" \
    [ "$(rc check)" -eq 0 ]

# 3. The next night reads them.
run second replan "$tmp/net.ini" --out "$tmp/out" --now "$now"
check "second night: exit $(rc second) ($(cat "$tmp/second.stderr"))" \
    [ "$(rc second)" -eq 0 ]
check "second night: the summary names sickness ($(cat "$tmp/second.stdout"))" \
    grep -q "sickness" "$tmp/second.stdout"
check "ann off on 7 December" [ "$(placed ann 2026-12-07)" -eq 0 ]
check "ben off on 8 December am" [ "$(placed ben 2026-12-08 am)" -eq 0 ]
run third replan "$tmp/net.ini" --out "$tmp/out" --now "$now"
check "third night: quiet" [ ! -s "$tmp/third.stdout" ]

# 4. Bad input: a clear message, non-zero, the file untouched.
cp "$file" "$tmp/before.ics"
bad() {
	_n=$1
	_msg=$2
	shift 2
	absence "$_n" absence "$tmp/net.ini" "$@"
	check "$_n: non-zero exit" [ "$(rc "$_n")" -ne 0 ]
	check "$_n: says \"$_msg\" ($(cat "$tmp/$_n.stderr"))" \
	    grep -qF "$_msg" "$tmp/$_n.stderr"
	check "$_n: file untouched" cmp -s "$file" "$tmp/before.ics"
}
bad unknown-staff 'no staff "zoe"' zoe 2026-12-09
bad bad-date 'bad date "2026-02-30"' ann 2026-02-30
bad bad-range 'ends before it starts' ann 2026-12-09..2026-12-01
bad long-range 'longer than 366 days' ann 2026-01-01..2027-06-01
bad bad-reason 'unknown reason "holiday"' ann 2026-12-09 --reason holiday
bad bad-session 'no session "night"' ann 2026-12-09 --session night
bad twice 'already recorded' ann 2026-12-07 --reason sickness
bad no-such 'no absence "99"' --remove 99
bad usage 'usage:' ann
# A network without an absences file named.
run unnamed absence "$srcdir/fixtures/tiny.ini" ann 2026-12-09
check "no absences key: exit 3, not $(rc unnamed)" [ "$(rc unnamed)" -eq 3 ]
check "no absences key: said" grep -q "no absences file" "$tmp/unnamed.stderr"

# 5. Twenty runs side by side: every one recorded.
i=10
pids=""
while [ $i -lt 30 ]; do
	"$PCNROTA" absence "$tmp/net.ini" cat "2027-01-$i" >/dev/null \
	    2>"$tmp/par.$i.stderr" &
	pids="$pids $!"
	i=$((i + 1))
done
for p in $pids; do wait "$p"; done
run list absence "$tmp/net.ini" --list
check "side by side: 22 listed ($(wc -l <"$tmp/list.stdout"))" \
    [ "$(wc -l <"$tmp/list.stdout")" -eq 22 ]
check "side by side: no errors ($(cat "$tmp"/par.*.stderr))" \
    [ -z "$(cat "$tmp"/par.*.stderr)" ]

# 6. Removed by number and by UID; the next night reads the file again.
uid=$(cat "$tmp/a1.stdout")
absence rm1 absence "$tmp/net.ini" --remove "$uid"
check "remove by UID: exit $(rc rm1) ($(cat "$tmp/rm1.stderr"))" \
    [ "$(rc rm1)" -eq 0 ]
absence rm2 absence "$tmp/net.ini" --remove 1
check "remove by number: exit $(rc rm2)" [ "$(rc rm2)" -eq 0 ]
run list2 absence "$tmp/net.ini" --list
check "two fewer listed" [ "$(wc -l <"$tmp/list2.stdout")" -eq 20 ]
check "ann's absence gone" not grep -q "$uid" "$tmp/list2.stdout"
run fourth replan "$tmp/net.ini" --out "$tmp/out" --now "$now"
check "fourth night: exit $(rc fourth) ($(cat "$tmp/fourth.stderr"))" \
    [ "$(rc fourth)" -eq 0 ]

finish
