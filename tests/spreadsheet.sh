#!/bin/sh
# Every CSV pcnrota writes opens in LibreOffice as it should: accented
# names intact, names beside identifiers, dates and times as dates, and
# text that a spreadsheet would run as a formula (a name starting with =,
# +, - or @) shown as text, never run (OWASP CSV injection). Each file
# starts with a UTF-8 byte-order mark, which Excel needs to read UTF-8.
#
# A double-click shows LibreOffice's Text Import dialog; converting
# headless skips it, so the options it proposes for these files are given
# as the filter's: comma, double quote, UTF-8 (the byte-order mark's
# encoding), from line 1, the dialog's defaults otherwise.
. "${top_srcdir:-.}/tests/lib.sh"
tiny="$srcdir/fixtures/tiny.ini"

soffice=$(command -v soffice || command -v libreoffice)
if [ -z "$soffice" ]; then
	echo "SKIP: LibreOffice is not installed (Debian package" \
	    "libreoffice-calc-nogui; ./bootstrap --tests installs it)"
	exit 77
fi

# Names a spreadsheet would run, accents, and a comma, in every CSV.
sed -e 's/^name = Ann Patel$/name = Zoë Ó'"'"'Brien-Ngũgĩ/' \
    -e 's/^name = Ben Okafor$/name = =HYPERLINK("http:\/\/x.example","Ben")/' \
    -e 's/^name = Cat Hughes$/name = @Cat Hughes/' \
    -e 's/^name = North Road Surgery$/name = +North Road, Café/' \
    -e 's/^name = South Street Practice$/name = -South Street/' \
    -e 's/^name = Clinical pharmacist$/name = =1+1 pharmacist/' \
    "$tiny" >"$tmp/net.ini"
# South asks for more than the network has, so uncovered.csv has rows.
sed -i 's/^requests = pharmacist@tue.am$/requests = pharmacist@tue.am physio@mon.am physio@mon.pm/' \
    "$tmp/net.ini"
"$PCNROTA" plan "$tmp/net.ini" --week 2026-W49 --weeks 2 --out "$tmp/pub" \
    --now 2026-11-23T10:00 >/dev/null 2>"$tmp/plan.err"
check "plan exits $? ($(cat "$tmp/plan.err"))" [ -s "$tmp/pub/assignments.csv" ]
# A change for changes --format csv: Zoë falls sick.
sed '/^\[staff ann\]/a sickness = 2026-12-01..2026-12-02' "$tmp/net.ini" \
    >"$tmp/sick.ini"
"$PCNROTA" replan "$tmp/sick.ini" --out "$tmp/pub" --now 2026-12-01T02:00 \
    >/dev/null 2>"$tmp/replan.err"
check "replan exits $? ($(cat "$tmp/replan.err"))" [ -f "$tmp/pub/state.db" ]
mkdir "$tmp/csv"
for f in assignments fairness uncovered; do
	cp "$tmp/pub/$f.csv" "$tmp/csv/$f.csv"
done
"$PCNROTA" changes "$tmp/sick.ini" --out "$tmp/pub" --format csv \
    >"$tmp/csv/changes.csv" 2>"$tmp/changes.err"
check "changes exits $? ($(cat "$tmp/changes.err"))" \
    [ "$(wc -l <"$tmp/csv/changes.csv")" -gt 1 ]
check "uncovered.csv has no rows" [ "$(wc -l <"$tmp/csv/uncovered.csv")" -gt 1 ]
check "no name to neutralise reached the CSVs" \
    grep -q "\"'=HYPERLINK" "$tmp/csv/assignments.csv"

HOME="$tmp" "$soffice" -env:UserInstallation="file://$tmp/profile" \
    --headless --infilter="CSV:44,34,76,1" --convert-to fods \
    --outdir "$tmp/fods" "$tmp"/csv/*.csv >"$tmp/lo.out" 2>&1
check "LibreOffice converted nothing: $(cat "$tmp/lo.out")" \
    [ -s "$tmp/fods/changes.fods" ]
if "$PYTHON3" "$srcdir/tests/check_spreadsheet.py" "$tmp/csv" "$tmp/fods" \
    assignments fairness uncovered changes >"$tmp/check"; then ok; else
	fail "LibreOffice reads the CSVs wrong:"
	cat "$tmp/check"
fi
finish
