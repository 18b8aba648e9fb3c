#!/bin/sh
# The documented limits (pcnrota.ini(5), LIMITS): one past each gets its
# clear message and exit 3 (2 for an option), at once, nothing written;
# exactly at the limit is accepted.
. "${top_srcdir:-.}/tests/lib.sh"

# net KIND N: a network file with N of KIND (practice, staff, role,
# session, request, site: places in all) and as few of the rest as it
# needs.
net() {
	awk -v kind="$1" -v n="$2" 'BEGIN {
	np = kind == "practice" ? n : kind == "request" ? 64 : 1
	ns = kind == "staff" ? n : 1
	nr = kind == "role" ? n : 1
	nse = kind == "session" ? n : 1
	nsite = kind == "site" ? n - 1 : 0
	print "[network]\nname = Limits PCN\n"
	for (i = 0; i < nse; i++)
		printf "[session s%d]\nname = S%d\nstart = %02d:%02d\nend = %02d:%02d\n\n",
		    i, i, int(i * 80 / 60), (i * 80) % 60,
		    int((i * 80 + 60) / 60), (i * 80 + 60) % 60
	for (i = 0; i < nr; i++)
		printf "[role r%d]\nname = R%d\n\n", i, i
	for (i = 0; i < np; i++) {
		printf "[practice p%d]\nname = P%d\nlist_size = 1000\nrooms = 9\n", i, i
		if (kind == "request") {
			# Weekly requests, n in all over the 64 practices (an
			# item given twice asks for two people).
			printf "requests ="
			for (j = i; j < n; j += np)
				printf " r0@mon.s0"
			printf "\n"
		}
		printf "\n"
	}
	for (i = 0; i < nsite; i++)
		printf "[site x%d]\npractice = p0\n\n", i
	for (i = 0; i < ns; i++)
		printf "[staff st%d]\nname = St%d\nrole = r0\nsessions = 1\n\n", i, i
	}' >"$tmp/$1-$2.ini"
}

# limit KIND MAX MESSAGE: MAX is fine, MAX + 1 gets MESSAGE.
limit() {
	net "$1" "$2"
	"$PCNROTA" check "$tmp/$1-$2.ini" >/dev/null 2>"$tmp/err"
	rc=$?
	check "$1: $2 is refused (exit $rc): $(head -n 3 "$tmp/err")" [ "$rc" -eq 0 ]
	over=$(($2 + 1))
	net "$1" "$over"
	"$PCNROTA" plan "$tmp/$1-$over.ini" --week 2026-W49 --out "$tmp/out" \
	    >/dev/null 2>"$tmp/err"
	rc=$?
	check "$1: $over: exit $rc, not 3" [ "$rc" -eq 3 ]
	if grep -Eq "^$tmp/$1-$over.ini:[0-9]+: $3\$" "$tmp/err"; then ok; else
		fail "$1: $over: stderr is '$(head -n 3 "$tmp/err")', not '$3'"
	fi
	check "$1: $over: an output folder was written" [ ! -e "$tmp/out" ]
}
limit practice 64 "more than 64 practices"
limit staff 500 "more than 500 staff"
limit role 32 "more than 32 roles"
limit session 16 "more than 16 sessions"
limit request 4000 "more than 4000 requests"
limit site 128 "more than 128 sites and care homes in all"

# A practice's list size (sums and shares of them cannot overflow).
sed 's/^list_size = 6000$/list_size = 10000001/' "$srcdir/fixtures/tiny.ini" \
    >"$tmp/list.ini"
"$PCNROTA" check "$tmp/list.ini" >/dev/null 2>"$tmp/err"
rc=$?
check "list size: exit $rc, not 3" [ "$rc" -eq 3 ]
check "list size: message: $(cat "$tmp/err")" grep -qx \
    "$tmp/list.ini:[0-9]*: list_size must be a whole number from 0 to 10000000, not \"10000001\"" \
    "$tmp/err"
sed 's/^list_size = 6000$/list_size = 10000000/' "$srcdir/fixtures/tiny.ini" \
    >"$tmp/list.ini"
check "list size 10000000 is refused" "$PCNROTA" check "$tmp/list.ini"

# Weeks planned at once.
"$PCNROTA" plan "$srcdir/fixtures/tiny.ini" --week 2026-W49 --weeks 13 \
    --out "$tmp/out" >/dev/null 2>"$tmp/err"
rc=$?
check "--weeks 13: exit $rc, not 2" [ "$rc" -eq 2 ]
check "--weeks 13: message: $(cat "$tmp/err")" \
    grep -q '^pcnrota: --weeks must be a number from 1 to 12, not "13"$' \
    "$tmp/err"
check "--weeks 13: an output folder was written" [ ! -e "$tmp/out" ]

# File sizes: a network file over 1 MiB, a calendar over 8 MiB (both
# refused before they are read), a line over 1000 bytes.
{ echo '[network]'; echo 'name = Big'; awk 'BEGIN {
	for (i = 0; i < 30000; i++) printf "; padding padding padding padding padding padding\n" }'
} >"$tmp/big.ini"
"$PCNROTA" check "$tmp/big.ini" >/dev/null 2>"$tmp/err"
rc=$?
check "big file: exit $rc, not 3" [ "$rc" -eq 3 ]
check "big file: message: $(cat "$tmp/err")" [ "$(cat "$tmp/err")" = \
    "$tmp/big.ini: file too large (over 1048576 bytes)" ]
printf 'BEGIN:VCALENDAR\r\n' >"$tmp/big.ics"
head -c 9000000 /dev/zero | tr '\0' 'x' | fold -w 70 >>"$tmp/big.ics"
sed "s|^works = mon-wed|works = mon-wed\nleave_calendar = $tmp/big.ics|" \
    "$srcdir/fixtures/tiny.ini" >"$tmp/bigcal.ini"
"$PCNROTA" check "$tmp/bigcal.ini" >/dev/null 2>"$tmp/err"
rc=$?
check "big calendar: exit $rc, not 3" [ "$rc" -eq 3 ]
check "big calendar: message: $(cat "$tmp/err")" \
    grep -q "$tmp/big.ics: file too large (over 8388608 bytes)\$" "$tmp/err"
awk 'BEGIN { printf "[network]\nname = "; for (i = 0; i < 1001; i++) printf "x"; print "" }' \
    >"$tmp/line.ini"
"$PCNROTA" check "$tmp/line.ini" >/dev/null 2>"$tmp/err"
# (The rest of the file's problems are reported too: it has no sessions.)
check "long line: message: $(cat "$tmp/err")" grep -qxF \
    "$tmp/line.ini:2: line too long (over 1000 bytes)" "$tmp/err"
check "long line: its key is said to be missing too" \
    sh -c "! grep -q 'needs' '$tmp/err'"

# Limits that hold alone can multiply into a model no machine solves in
# time: the placements of a week are limited too. 64 practices with rooms
# every session, one weekday session, N staff who may work anywhere:
# 5 x 64 x N placements; 125 staff is the limit (40000), 126 over it.
placements() {
	awk -v n="$1" 'BEGIN {
	print "[network]\nname = Placements PCN\n"
	print "[session am]\nstart = 08:30\nend = 12:30\n"
	print "[role r0]\n"
	for (i = 0; i < 64; i++)
		printf "[practice p%d]\nname = P%d\nlist_size = 1000\nrooms = 9\n\n", i, i
	for (i = 0; i < n; i++)
		printf "[staff st%d]\nname = St%d\nrole = r0\nsessions = 1\n\n", i, i
	}' >"$tmp/placements-$1.ini"
}
placements 125
"$PCNROTA" check "$tmp/placements-125.ini" >"$tmp/check.out" 2>"$tmp/err"
_st=$?
check "placements 40000: refused: $(cat "$tmp/err")" [ $_st -eq 0 ]
check "placements 40000: check does not tell the model's size" grep -qx \
    'Model: 40000 placements in a week without leave (limit 40000)' "$tmp/check.out"
placements 126
"$PCNROTA" plan "$tmp/placements-126.ini" --week 2026-W49 --out "$tmp/out" \
    >/dev/null 2>"$tmp/err"
rc=$?
check "placements 40320: exit $rc, not 3" [ "$rc" -eq 3 ]
check "placements 40320: message: $(cat "$tmp/err")" [ "$(cat "$tmp/err")" = \
    "$tmp/placements-126.ini: a week's model would have 40320 placements (staff, session and place each may work at), more than 40000: plan part of the network, or narrow practices, works or rooms" ]
check "placements 40320: an output folder was written" [ ! -e "$tmp/out" ]
finish
