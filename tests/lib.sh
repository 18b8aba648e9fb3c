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

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ] && rm -rf "$tmp"
	[ "$failed" -eq 0 ]
	exit $?
}
