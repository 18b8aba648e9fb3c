#!/bin/sh
# The HTML rota: well-formed as HTML and as XML, every cell and number as
# in the plan's CSVs, names escaped, the same bytes for the same plan, and
# it renders in a real browser, on screen and on A4 landscape paper.
. "${top_srcdir:-.}/tests/lib.sh"
fx="$srcdir/fixtures"
week=2026-W49

# A tool the test cannot do without in CI; elsewhere its checks are
# skipped with a note.
have() {
	command -v "$1" >/dev/null && return 0
	if [ -n "${CI:-}" ]; then
		fail "$1 is not installed (./bootstrap --tests installs it)"
	else
		echo "SKIP: $1 is not installed: $2"
	fi
	return 1
}

# HTML5 elements that libxml2's HTML 4 parser does not know; anything
# else it reports is a real fault.
html4_noise='Tag (figcaption|figure|footer|g|header|main|nav|rect|section|svg|text|time|title|wbr) invalid'

# page NAME FIXTURE [OPTIONS...]: plans into $tmp/NAME and checks rota.html.
page() {
	name=$1
	out="$tmp/$1"
	ini=$2
	shift 2
	"$PCNROTA" plan "$ini" --week $week --out "$out" "$@" \
	    >/dev/null 2>"$out.stderr"
	rc=$?
	check "$name: plan exit $rc (stderr: $(cat "$out.stderr"))" \
	    [ "$rc" -eq 0 -o "$rc" -eq 8 ]
	check "$name: no rota.html" [ -s "$out/rota.html" ]
	if [ -n "$xmllint" ]; then
		check "$name: rota.html is not well-formed XML" \
		    xmllint --noout "$out/rota.html"
		xmllint --html --noout "$out/rota.html" 2>&1 |
		    grep -E 'error|warning' | grep -Ev "$html4_noise" \
		    >"$out.html4"
		check "$name: the HTML parser complains: $(head -3 "$out.html4")" \
		    [ ! -s "$out.html4" ]
	fi
	if "$PYTHON3" "$srcdir/tests/check_html.py" "$out" >"$out.check"; then
		ok
	else
		fail "$name: rota.html does not match the plan's CSVs:"
		cat "$out.check"
	fi
	grep -qi '<script' "$out/rota.html"
	check "$name: rota.html has a script" [ $? -ne 0 ]
}

xmllint=""
have xmllint "well-formedness not checked" && xmllint=xmllint

page example "$fx/example.ini"
page example2 "$fx/example.ini" --weeks 2
page large "$fx/large.ini" --time-limit 5
# A branch site named beside the person, care homes as rows and a table
# of rounds held against due.
page sites "$fx/sites.ini"
check "sites: no branch site shown" \
    grep -q '<span class="site">at Millbrook Village Branch Surgery</span>' \
    "$tmp/sites/rota.html"
check "sites: no care-home row" \
    grep -q '<tr data-care-home="oaklands"><th scope="row">Oaklands Care Home' \
    "$tmp/sites/rota.html"
check "sites: no rounds table" grep -q '<table class="rounds">' \
    "$tmp/sites/rota.html"

# The example has a closed session, leave and an uncovered request.
html="$tmp/example/rota.html"
check "no closed session shown" grep -q '>closed<' "$html"
check "no leave shown" grep -q '>leave<' "$html"
check "no [need paramedic] marker" grep -q '\[need paramedic\]' "$html"
check "no fair-share chart" grep -q '<svg ' "$html"
grep -q '@media print{@page{size:A4 landscape' "$html"
check "no A4 landscape print rule" [ $? -eq 0 ]

# Same plan, same bytes.
page again "$fx/example.ini"
check "rota.html differs between two identical runs" \
    cmp -s "$html" "$tmp/again/rota.html"

# Names with markup characters, quotes and text beyond ASCII come out
# escaped, and the page still checks against the CSVs; a Saturday
# session gets its own column.
sed -e "s/^name = Ann Patel/name = O'Brien \& <Sons> \"Ltd\"/" \
    -e 's/^name = South Street Practice/name = Meddygfa Tŷ Gwyn — Zoë’s/' \
    -e 's/^name = Tiny PCN/name = Tiny <PCN> \& Co/' \
    "$fx/tiny.ini" >"$tmp/awkward.ini"
printf '\n[session sat]\nname = Saturday\nstart = 09:00\nend = 12:00\n%s\n' \
    'days = sat' >>"$tmp/awkward.ini"
page awkward "$tmp/awkward.ini"
html="$tmp/awkward/rota.html"
check "the awkward name is not escaped" \
    grep -q 'O&#39;Brien &amp; &lt;Sons&gt; &quot;Ltd&quot;' "$html"
check "the non-ASCII name is not there as UTF-8" \
    grep -q 'Meddygfa Tŷ Gwyn — Zoë’s' "$html"
grep -q '<Sons>\|<PCN>' "$html"
check "markup from a name reached the page" [ $? -ne 0 ]
check "no Saturday column" grep -q '<time datetime="2026-12-05">Sat 5 Dec<' \
    "$html"

# Bytes that are not UTF-8, or control characters, in a name never reach
# a page: the network file is refused, with the line, and nothing written.
sed "s/^name = Ben Okafor/name = Ben $(printf '\377\001')Okafor/" \
    "$fx/tiny.ini" >"$tmp/bytes.ini"
line=$(grep -an '^name = Ben' "$tmp/bytes.ini" | cut -d: -f1)
"$PCNROTA" plan "$tmp/bytes.ini" --week $week --out "$tmp/bytes" \
    >/dev/null 2>"$tmp/bytes.err"
check "bytes: plan exit $?, not 3" [ $? -eq 3 ]
check "bytes: message is '$(cat "$tmp/bytes.err")'" [ "$(cat "$tmp/bytes.err")" = \
    "$tmp/bytes.ini:$line: not UTF-8 text (Latin-1 or Windows-1252?): save the file as UTF-8" ]
check "bytes: an output folder was written" [ ! -e "$tmp/bytes" ]

# The checker can fail: a number, a name and a session time changed in
# an otherwise good page are each reported.
broken() {
	rm -rf "$tmp/broken"
	cp -R "$tmp/example" "$tmp/broken"
	awk -v re="$2" -v to="$3" '!done && sub(re, to) { done = 1 } { print }' \
	    "$tmp/example/rota.html" >"$tmp/broken/rota.html"
	cmp -s "$tmp/example/rota.html" "$tmp/broken/rota.html"
	check "broken ($1): the page was not changed" [ $? -ne 0 ]
	"$PYTHON3" "$srcdir/tests/check_html.py" "$tmp/broken" \
	    >"$tmp/broken.check"
	check "broken ($1): check_html.py exit $?, not 1" [ $? -eq 1 ]
}
broken "fair share" '<td class="num">' '<td class="num">9'
broken "staff name" '<li class="st">[^<]*</li>' ''
broken "session time" '12:30</span>' '12:35</span>'
broken "leave" '"lv">leave<' '"lv">Old Mill Surgery<'

# Headless Chromium renders the page to a PNG, at desktop and phone sizes,
# and prints it on A4 landscape.
chromium_run() {
	profile=$(mktemp -d "$tmp/chromium.XXXXXX")
	HOME="$profile" timeout 120 chromium --headless --no-sandbox \
	    --disable-gpu --disable-quic --no-first-run \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --hide-scrollbars --user-data-dir="$profile" \
	    "$@" >>"$tmp/chromium.log" 2>&1
	rc=$?
	rm -rf "$profile"
	return $rc
}

# png FILE WIDTH HEIGHT: a PNG of that size, and not a blank one.
png() {
	[ "$(od -An -c -j1 -N3 "$1" | tr -d ' ')" = PNG ] || return 1
	size=$(od -An -tu1 -j16 -N8 "$1" |
	    awk '{ print $1*16777216 + $2*65536 + $3*256 + $4 "x" \
		$5*16777216 + $6*65536 + $7*256 + $8 }')
	[ "$size" = "$2x$3" ] && [ "$(wc -c <"$1")" -gt 20000 ]
}

if have chromium "rota.html not rendered"; then
	url="file://$tmp/example/rota.html"
	chromium_run --screenshot="$tmp/desktop.png" --window-size=1600,1200 \
	    "$url"
	check "chromium: no desktop screenshot (see $tmp/chromium.log)" \
	    png "$tmp/desktop.png" 1600 1200
	chromium_run --screenshot="$tmp/phone.png" --window-size=390,844 \
	    "$url"
	check "chromium: no phone screenshot" png "$tmp/phone.png" 390 844
	chromium_run --print-to-pdf="$tmp/rota.pdf" --no-pdf-header-footer \
	    "$url"
	check "chromium: no PDF" [ -s "$tmp/rota.pdf" ]
	# A4 landscape is 842 by 595 points.
	grep -ao 'MediaBox *\[[^]]*\]' "$tmp/rota.pdf" |
	    grep -Eqv 'MediaBox \[0 0 841\.9[0-9]* 59[45]\.[0-9]*\]'
	check "chromium: pages not A4 landscape" [ $? -ne 0 ]
	check "chromium: PDF has no page" grep -aq 'MediaBox' "$tmp/rota.pdf"
	chromium_run --screenshot="$tmp/sites.png" --window-size=1600,1200 \
	    "file://$tmp/sites/rota.html"
	check "chromium: no screenshot of the sites page" \
	    png "$tmp/sites.png" 1600 1200
fi

finish
