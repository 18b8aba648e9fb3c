#!/bin/sh
# Builds the libFuzzer harnesses (clang, ASan, UBSan) and runs each for
# FUZZ_TIME seconds (default 60), all at once when FUZZ_JOBS > 1.
# Usage: make fuzz [FUZZ_TIME=s] [FUZZ_JOBS=n] [FUZZ_TARGETS="cfg ..."], or
# top_srcdir=... sh tests/fuzz/fuzz.sh [harness...]; FUZZ_OUT: the work folder.
# Harnesses: cfg (network file), store (state.db), leavecal (leave
# calendar). A crash, leak, hang or sanitizer report fails the run and
# leaves the input in tests/fuzz/out/NAME/crash-*: copy it into
# tests/fuzz/regress/NAME/ so the plain test suite replays it.
set -eu
src=${top_srcdir:-.}
out=${FUZZ_OUT:-tests/fuzz/out}
time=${FUZZ_TIME:-60}
jobs=${FUZZ_JOBS:-1}
cc=${FUZZ_CC:-clang}
targets=${*:-${FUZZ_TARGETS:-cfg store leavecal}}

command -v "$cc" >/dev/null || {
	echo "fuzz: $cc not found (apt-get install clang libclang-rt-14-dev," \
	    "or ./bootstrap --fuzz)" >&2
	exit 1
}
flags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined
-fno-sanitize-recover=undefined -D_GNU_SOURCE -std=c11 -I. -I$src/src
$(pkg-config --cflags libical sqlite3 libcurl)"
libs="$(pkg-config --libs libical sqlite3 libcurl) -liniparser -lunistring -lglpk -lm"

# The library, built once with coverage for the fuzzer.
mkdir -p "$out/obj"
objs=""
for c in "$src"/src/*.c "$src"/solver/*.c; do
	case "$c" in */main.c) continue ;; esac
	o="$out/obj/$(basename "$(dirname "$c")")_$(basename "$c" .c).o"
	if [ ! -f "$o" ] || [ "$c" -nt "$o" ]; then
		rm -f "$o"
		# shellcheck disable=SC2086
		$cc $flags -fsanitize=fuzzer-no-link -c "$c" -o "$o" \
		    2>"$o.log" || echo "fuzz: $c does not build: skipped" >&2
	fi
	[ -f "$o" ] && objs="$objs $o"
done
# An archive: a harness links only the members it needs.
rm -f "$out/libfuzz.a"
# shellcheck disable=SC2086
ar cr "$out/libfuzz.a" $objs

# Seeds from the fixtures (and, for the state, databases made by a run).
seed() {
	name=$1
	mkdir -p "$out/$name/corpus"
	case $name in
	cfg)
		# fixtures/ and fixtures/bad/ share some names.
		cp "$src"/fixtures/*.ini "$out/$name/corpus/"
		for f in "$src"/fixtures/bad/*.ini; do
			cp "$f" "$out/$name/corpus/bad-$(basename "$f")"
		done ;;
	leavecal)
		# The first byte picks the zone: '@' is Europe/London.
		for f in "$src"/fixtures/*.ics "$src"/fixtures/*/*.ics \
		    "$src"/tests/data/*.ics; do
			[ -f "$f" ] || continue
			{ printf @ && cat "$f"; } \
			    >"$out/$name/corpus/$(basename "$f")"
		done
		: ;;
	store)
		ls "$src"/tests/fuzz/seeds/store/* >/dev/null 2>&1 &&
		    cp "$src"/tests/fuzz/seeds/store/* "$out/$name/corpus/"
		: ;;
	esac
	if [ -d "$src/tests/fuzz/regress/$name" ]; then
		cp "$src/tests/fuzz/regress/$name"/* "$out/$name/corpus/" \
		    2>/dev/null || :
	fi
}

status=0
pids=""
for name in $targets; do
	h="$src/tests/fuzz/fuzz_$name.c"
	if [ ! -f "$h" ]; then
		echo "fuzz: no harness $h" >&2
		status=1
		continue
	fi
	# shellcheck disable=SC2086
	$cc $flags -fsanitize=fuzzer "$h" "$out/libfuzz.a" $libs -o "$out/fuzz_$name"
	seed "$name"
	set -- "$out/fuzz_$name" -max_total_time="$time" -timeout=10 \
	    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix="$out/$name/" "$out/$name/corpus"
	[ -f "$src/tests/fuzz/$name.dict" ] &&
	    set -- "$@" -dict="$src/tests/fuzz/$name.dict"
	echo "fuzz: $name for ${time}s"
	if [ "$jobs" -gt 1 ]; then
		"$@" >"$out/$name.log" 2>&1 &
		pids="$pids $!"
	else
		"$@" >"$out/$name.log" 2>&1 || {
			status=1
			tail -40 "$out/$name.log"
		}
		grep -E '^stat::number_of_executed_units' "$out/$name.log" |
		    sed "s/^/fuzz: $name: /"
	fi
done
for p in $pids; do
	wait "$p" || status=1
done
if [ "$jobs" -gt 1 ]; then
	for name in $targets; do
		[ -f "$out/$name.log" ] || continue
		grep -E '^stat::number_of_executed_units' "$out/$name.log" |
		    sed "s/^/fuzz: $name: /"
		grep -qE 'ERROR: |SUMMARY: ' "$out/$name.log" &&
		    tail -40 "$out/$name.log"
	done
fi
exit "$status"
