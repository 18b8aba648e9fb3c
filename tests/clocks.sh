#!/bin/sh
# Times that exist once: `check` (and every command that reads the file)
# refuses, at the line of its start or end, a session whose start or end
# the clocks skip or repeat on one of its days in the network's time
# zone, around both clock changes and in zones that change at other
# hours or on other days; sessions next to the change pass. And a
# practice, site or care home without an address is a warning, not an
# error.
. "${top_srcdir:-.}/tests/lib.sh"

# net ZONE DAYS START END: a small network with one session as given.
net() {
	cat <<-EOF
	[network]
	name = Clocks
	timezone = $1

	[session s]
	name = Night
	start = $3
	end = $4
	days = $2

	[practice a]
	name = A
	address = 1 High Street
	list_size = 1000
	rooms = 1

	[role p]
	name = P

	[staff x]
	name = X
	role = p
	sessions = 1
	EOF
}

# refused ZONE DAYS START END LINE: check exits 3 with FILE:LINE naming
# the session's start (LINE 7) or end (LINE 8).
refused() {
	net "$1" "$2" "$3" "$4" >"$tmp/n.ini"
	"$PCNROTA" check "$tmp/n.ini" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "$1 $2 $3-$4: exit $rc, not 3 ($(cat "$tmp/err"))" [ "$rc" -eq 3 ]
	check "$1 $2 $3-$4: no $tmp/n.ini:$5: error about the clocks: $(cat "$tmp/err")" \
	    grep -q "^$tmp/n.ini:$5: session s .* which the clocks \(skip\|pass twice\) on " \
	    "$tmp/err"
}

# accepted ZONE DAYS START END: check exits 0, no error.
accepted() {
	net "$1" "$2" "$3" "$4" >"$tmp/n.ini"
	"$PCNROTA" check "$tmp/n.ini" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "$1 $2 $3-$4: exit $rc, not 0 ($(cat "$tmp/err"))" [ "$rc" -eq 0 ]
}

# London: 01:00-02:00 on the last Sunday of March is skipped, of October
# repeated.
refused Europe/London sun 01:30 03:00 7
refused Europe/London sun 00:30 01:30 8
refused Europe/London sun 01:00 04:00 7
refused Europe/London sun 00:00 01:00 8
refused Europe/London sat,sun 01:59 06:00 7
accepted Europe/London sun 02:00 06:00
accepted Europe/London sun 00:00 00:59
accepted Europe/London mon,tue,wed,thu,fri,sat 01:30 03:00
# New York: 02:00-03:00 skipped in March, 01:00-02:00 repeated in November.
refused America/New_York sun 02:30 04:00 7
refused America/New_York sun 00:30 01:30 8
accepted America/New_York sun 03:00 05:00
# Santiago changes at midnight (24:00 Saturday is 01:00 Sunday in
# September; 00:00 Sunday is 23:00 Saturday in April).
refused America/Santiago sun 00:00 02:00 7
refused America/Santiago sat 22:00 23:30 8
accepted America/Santiago sun 01:00 03:00
# Lord Howe Island moves its clocks by half an hour.
refused Australia/Lord_Howe sun 01:45 03:00 7
accepted Australia/Lord_Howe sun 02:30 04:00
# A zone without daylight saving has no such hour.
accepted Asia/Tokyo sun 01:30 03:00
accepted UTC sun 01:30 03:00

# plan refuses the same file, before planning.
net Europe/London sun 01:30 03:00 >"$tmp/n.ini"
"$PCNROTA" plan "$tmp/n.ini" --week 2026-W13 --out "$tmp/p" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "plan: exit $rc, not 3" [ "$rc" -eq 3 ]
check "plan: something was published" [ ! -e "$tmp/p/feeds" ]

# The shipped networks' sessions all exist once.
for f in example tiny ea sites; do
	"$PCNROTA" check "$srcdir/fixtures/$f.ini" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "fixtures/$f.ini: check exits $rc ($(cat "$tmp/err"))" [ "$rc" -eq 0 ]
done

# No address: a warning with FILE:LINE, exit 0; with one, no warning.
net Europe/London mon 08:30 12:30 | sed '/^address = /d' >"$tmp/n.ini"
"$PCNROTA" check "$tmp/n.ini" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "no address: exit $rc, not 0" [ "$rc" -eq 0 ]
check "no address: no warning: $(cat "$tmp/err")" \
    grep -q "^$tmp/n.ini:11: warning: practice a has no address" "$tmp/err"
net Europe/London mon 08:30 12:30 >"$tmp/n.ini"
"$PCNROTA" check "$tmp/n.ini" >"$tmp/out" 2>"$tmp/err"
check "with an address: stderr $(cat "$tmp/err")" [ ! -s "$tmp/err" ]

finish
