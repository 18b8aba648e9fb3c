# Shared by the shell tests: counters, a scratch folder, the closing line.
# Tests run from the build folder; fixtures are read from $top_srcdir.
set -u
: "${top_srcdir:=.}"
: "${PCNROTA:=$(pwd)/pcnrota}"
: "${PYTHON3:=python3}"
srcdir=$(cd "$top_srcdir" && pwd)
name=$(basename "$0" .sh)
tmp="$(pwd)/tests/tmp.$name"
rm -rf "$tmp"
mkdir -p "$tmp"
passed=0
failed=0

ok() {
	passed=$((passed + 1))
}

fail() {
	failed=$((failed + 1))
	echo "FAIL: $*"
}

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
	desc=$1
	shift
	if "$@"; then ok; else fail "$desc"; fi
}

# planned RC: RC is a plan's exit: 0, or 8 (a plan all the same, the
# clock stopped its search: a slow or busy machine, or a sanitizer).
planned() {
	[ "$1" -eq 0 ] || [ "$1" -eq 8 ]
}

# plan_into NAME INI [OPTIONS...]: `pcnrota plan INI --out $tmp/NAME
# OPTIONS...`, its output in $tmp/NAME.stdout and $tmp/NAME.stderr; it
# must exit 0, or 8 (a plan all the same: on a slow or busy machine,
# or under a sanitizer, --time-limit stopped the search before its
# effort was spent). (Variables of the helpers start with _: callers
# keep theirs.)
plan_into() {
	_name=$1
	_ini=$2
	shift 2
	"$PCNROTA" plan "$_ini" --out "$tmp/$_name" "$@" \
	    >"$tmp/$_name.stdout" 2>"$tmp/$_name.stderr"
	_rc=$?
	check "$_name: plan exit $_rc (stderr: $(cat "$tmp/$_name.stderr"))" \
	    [ "$_rc" -eq 0 -o "$_rc" -eq 8 ]
}

# plan_passes NAME INI [CHECK-PLAN-OPTION...]: the independent checker
# (check_plan.py) finds nothing wrong with $tmp/NAME against INI.
plan_passes() {
	_name=$1
	_ini=$2
	shift 2
	if "$PYTHON3" "$srcdir/tests/check_plan.py" "$@" "$_ini" \
	    "$tmp/$_name" >"$tmp/$_name.check"; then ok; else
		fail "$_name: check_plan.py found violations:"
		cat "$tmp/$_name.check"
	fi
}

# checked_plan NAME INI WEEK [OPTIONS...]: plans WEEK into $tmp/NAME;
# it must succeed, and the independent checkers (check_plan.py,
# check_html.py with the network file) must pass it.
checked_plan() {
	_cp_name=$1
	_cp_ini=$2
	_cp_week=$3
	shift 3
	plan_into "$_cp_name" "$_cp_ini" --week "$_cp_week" "$@"
	plan_passes "$_cp_name" "$_cp_ini"
	if "$PYTHON3" "$srcdir/tests/check_html.py" "$tmp/$_cp_name" \
	    "$_cp_ini" >"$tmp/$_cp_name.html-check"; then ok; else
		fail "$_cp_name: check_html.py found problems:"
		cat "$tmp/$_cp_name.html-check"
	fi
}

# run NAME ARGS...: pcnrota ARGS, its stdout, stderr and exit code in
# $tmp/NAME.stdout, .stderr and .rc; rc NAME prints the code.
run() {
	_n=$1
	shift
	"$PCNROTA" "$@" >"$tmp/$_n.stdout" 2>"$tmp/$_n.stderr"
	echo $? >"$tmp/$_n.rc"
}
rc() { cat "$tmp/$1.rc"; }

# empty FILE...: every file is empty (or missing).
empty() {
	for _f in "$@"; do [ ! -s "$_f" ] || return 1; done
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ] && rm -rf "$tmp"
	[ "$failed" -eq 0 ]
	exit $?
}

# unavailable WHY: under CI a sub-check that cannot run is a failure,
# elsewhere it is skipped.
unavailable() {
	if [ -n "${CI:-}" ]; then
		fail "$1 (CI is set, so this cannot be skipped)"
	else
		echo "SKIP: $1"
	fi
}

# icaljs_install: ical.js, installed from tests/js's lock file into the
# build tree (the source tree may be read-only), with check_feeds.mjs
# beside it in $deps; node_ok=yes when it can be used.
icaljs_install() {
	node_ok=no
	deps="$(pwd)/tests/js-deps"
	grep '"resolved"' "$srcdir/tests/js/package-lock.json" |
	    grep -v '"https://registry\.npmjs\.org/' >"$tmp/resolved"
	check "package-lock.json fetches from elsewhere: $(cat "$tmp/resolved")" \
	    [ ! -s "$tmp/resolved" ]
	if ! command -v node >/dev/null 2>&1; then
		unavailable "ical.js: node is not installed (apt-get install nodejs npm)"
		return
	elif ! command -v npm >/dev/null 2>&1; then
		unavailable "ical.js: npm is not installed (apt-get install npm)"
		return
	fi
	mkdir -p "$deps"
	for _f in package.json package-lock.json check_feeds.mjs; do
		rm -f "$deps/$_f"
		cp "$srcdir/tests/js/$_f" "$deps/$_f"
	done
	(cd "$deps" && timeout 300 npm ci --prefer-offline --no-audit \
	    --no-fund --ignore-scripts --fetch-retries=1 \
	    --fetch-timeout=30000) >"$tmp/npm.log" 2>&1
	_rc=$?
	if [ $_rc -eq 0 ]; then
		node_ok=yes
		ok
	elif [ $_rc -eq 124 ] || grep -Eq 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ENOTCACHED|network' "$tmp/npm.log"; then
		unavailable "ical.js: npm ci cannot reach the registry: $(grep -m 1 -i 'err' "$tmp/npm.log")"
	else
		fail "ical.js: npm ci failed:"
		tail -n 20 "$tmp/npm.log"
	fi
}
