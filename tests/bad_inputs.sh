#!/bin/sh
# The bad-input catalogue (tests/bad_inputs.tsv): each class of bad input
# gets its exact message, its exit code and no output; and every fixture
# in fixtures/bad is in the catalogue, so a new one cannot be left out.
. "${top_srcdir:-.}/tests/lib.sh"
cd "$srcdir" || exit 99
cat="$srcdir/tests/bad_inputs.tsv"

# The made inputs (@NAME).
printf '' >"$tmp/empty.ini"
printf '[network]\nname = \0x\n' >"$tmp/binary.ini"
printf '[network]\nname = Caf\351\n' >"$tmp/latin1.ini"
printf '[network]\nname = X\n' >"$tmp/unreadable.ini"
chmod 000 "$tmp/unreadable.ini"
mkdir "$tmp/folder.ini"
printf '[network]\nname = X\nleave_calendar = @secret.url\n' >"$tmp/secret.ini"
echo https://calendar.example.org/s3cret >"$tmp/secret.url"
chmod 644 "$tmp/secret.url"
ln -s /dev/zero "$tmp/zero.ini"
awk 'BEGIN { print "[network]\nname = X\n[session am]\nstart = 08:30"
	print "end = 12:30\n[role r0]"
	for (i = 0; i < 64; i++)
		printf "[practice p%d]\nname = P\nlist_size = 1\nrooms = 9\n", i
	for (i = 0; i < 126; i++)
		printf "[staff s%d]\nname = S\nrole = r0\nsessions = 1\n", i
}' >"$tmp/placements.ini"
{ echo '[network]'; awk 'BEGIN { for (i = 0; i < 30000; i++)
	print "; padding padding padding padding padding padding" }'; } \
    >"$tmp/big.ini"

classes=0
tab=$(printf '\t')
while IFS="$tab" read -r class file code line; do
	case "$class" in '#'* | '') continue ;; esac
	classes=$((classes + 1))
	# Listed in pcnrota.ini(5) too.
	title=$(printf '%s' "$class" | awk '{ print toupper(substr($0, 1, 1)) substr($0, 2) }')
	check "$class: not in pcnrota.ini(5), Classes of bad input" \
	    grep -qxF ".It $title" "$srcdir/man/pcnrota.ini.5"
	case "$file" in
	@*) file="$tmp/${file#@}" ;;
	esac
	line=$(printf '%s' "$line" | sed "s|\\\$TMP|$tmp|g")
	# Root reads any file: that class is run as nobody, where it can.
	as=""
	if [ "$file" = "$tmp/unreadable.ini" ] && [ "$(id -u)" -eq 0 ]; then
		as="setpriv --reuid=65534 --regid=65534 --clear-groups"
		if ! $as "$PCNROTA" --version >/dev/null 2>&1; then
			echo "SKIP: $class (root reads any file; nobody cannot run $PCNROTA)"
			continue
		fi
		chmod 777 "$tmp"
	fi
	$as "$PCNROTA" check "$file" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "$class: check exits $rc, not $code" [ "$rc" -eq "$code" ]
	check "$class: check printed on stdout" [ ! -s "$tmp/out" ]
	if grep -qxF "$line" "$tmp/err"; then ok; else
		fail "$class: no line '$line' in:"
		cat "$tmp/err"
	fi
	$as "$PCNROTA" plan "$file" --week 2026-W49 --out "$tmp/plan" \
	    >"$tmp/out" 2>"$tmp/err2"
	rc=$?
	check "$class: plan exits $rc, not $code" [ "$rc" -eq "$code" ]
	check "$class: plan wrote an output folder" [ ! -e "$tmp/plan" ]
	check "$class: plan and check disagree" cmp -s "$tmp/err" "$tmp/err2"
done <"$cat"
check "the catalogue has $classes classes" [ "$classes" -ge 40 ]

# Every broken fixture is catalogued.
for ini in fixtures/bad/*.ini; do
	case $(basename "$ini") in multi.ini) continue ;; esac
	if grep -qF "$tab$ini$tab" "$cat"; then ok; else
		fail "$ini is not in tests/bad_inputs.tsv"
	fi
done
chmod 644 "$tmp/unreadable.ini"
finish
