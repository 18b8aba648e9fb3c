#!/bin/sh
# Unattended nights (tests/soak.py): 60 nights of `pcnrota replan` on the
# example network while people fall sick, book leave, join and leave,
# and the network, a practice and a person are renamed and a practice
# closes; every night the hard invariants (the past is never rewritten,
# a second run changes nothing, the audit matches the feeds, UIDs hold,
# the horizon is full, the feeds parse in python3-icalendar and ical.js).
# No timings are asserted. `make soak` runs the long version: SOAK_FULL=1,
# 365 nights on the example and SOAK_LARGE_NIGHTS on a large generated
# network, into soak/ (README, developers).
. "${top_srcdir:-.}/tests/lib.sh"
: "${SOAK_NIGHTS:=60}"
: "${SOAK_SEED:=1}"
: "${SOAK_OPTIONS:=}"

icaljs_install
node=
[ "$node_ok" = yes ] && node="--node $deps"

# soak NAME INI NIGHTS: soak.py into $work/NAME, its lines in NAME.log.
soak() {
	echo "soak: $1, $3 nights"
	{
		"$PYTHON3" "$srcdir/tests/soak.py" "$PCNROTA" "$2" "$work/$1" \
		    --nights "$3" --seed "$SOAK_SEED" $node $SOAK_OPTIONS 2>&1
		echo $? >"$work/$1.rc"
	} | if [ "${SOAK_FULL:-}" ]; then tee "$work/$1.log"; else
		cat >"$work/$1.log"
	fi
	_rc=$(cat "$work/$1.rc")
	[ "${SOAK_FULL:-}" ] ||
	    grep -E '^(FAIL|total|sizes|all checks)' "$work/$1.log"
	check "soak $1: soak.py exit $_rc ($work/$1.log)" [ "$_rc" -eq 0 ]
}

if [ -z "${SOAK_FULL:-}" ]; then
	work=$tmp
	soak example "$srcdir/fixtures/example.ini" "$SOAK_NIGHTS"
else
	work=$(pwd)/soak
	rm -rf "$work"
	mkdir -p "$work"
	: "${SOAK_LARGE_NIGHTS:=365}"
	soak example "$srcdir/fixtures/example.ini" 365
	"$PYTHON3" "$srcdir/tests/gen_network.py" --size large --seed 1 \
	    >"$work/large.ini"
	soak large "$work/large.ini" "$SOAK_LARGE_NIGHTS"
fi
finish
