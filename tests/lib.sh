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

# checked_plan NAME INI WEEK [OPTIONS...]: plans WEEK into $tmp/NAME;
# it must succeed, and the independent checkers (check_plan.py,
# check_html.py with the network file) must pass it.
checked_plan() {
	name=$1
	file=$2
	out="$tmp/$name"
	plan_week=$3
	shift 3
	"$PCNROTA" plan "$file" --week "$plan_week" --out "$out" "$@" \
	    >"$out.stdout" 2>"$out.stderr"
	rc=$?
	check "$name: exit $rc (stderr: $(cat "$out.stderr"))" [ "$rc" -eq 0 ]
	if "$PYTHON3" "$srcdir/tests/check_plan.py" "$file" "$out" \
	    >"$out.check"; then ok; else
		fail "$name: check_plan.py found violations:"
		cat "$out.check"
	fi
	if "$PYTHON3" "$srcdir/tests/check_html.py" "$out" "$file" \
	    >"$out.html-check"; then ok; else
		fail "$name: check_html.py found problems:"
		cat "$out.html-check"
	fi
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ] && rm -rf "$tmp"
	[ "$failed" -eq 0 ]
	exit $?
}
