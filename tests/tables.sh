#!/bin/sh
# Staff, leave and requests kept in spreadsheets (staff_csv, leave_csv,
# requests_csv): fixtures/csv is fixtures/example.ini with them moved to
# CSV files, and gives the solver exactly the same model; the files read
# the same however Excel or LibreOffice saved them; a changed CSV is new
# input; each mistake in a CSV gets "FILE:LINE:COLUMN: what is wrong",
# exit 3.
. "${top_srcdir:-.}/tests/lib.sh"
ex="$srcdir/fixtures/example.ini"
net="$srcdir/fixtures/csv/network.ini"
checker="$srcdir/tests/check_plan.py"

# 1. The same network: the same summary, the same model, a sound plan.
"$PCNROTA" check "$ex" >"$tmp/ex.check" 2>&1
"$PCNROTA" check "$net" >"$tmp/csv.check" 2>&1
rc=$?
check "check exits $rc: $(head -3 "$tmp/csv.check")" [ $rc -eq 0 ]
check "check summaries differ: $(diff "$tmp/ex.check" "$tmp/csv.check")" \
    cmp -s "$tmp/ex.check" "$tmp/csv.check"
# The same model: the solver is given the same problem. (Plans are
# compared by their model, not their text: among equally good plans the
# search may stop at another on a busy machine.)
"$PCNROTA" plan "$ex" --week 2026-W49 --write-model "$tmp/ex.lp" \
    >/dev/null 2>&1
"$PCNROTA" plan "$net" --week 2026-W49 --out "$tmp/csv" \
    --write-model "$tmp/csv.lp" >"$tmp/csv.out" 2>&1
check "plan exits $?: $(tail -3 "$tmp/csv.out")" [ -s "$tmp/csv.lp" ]
check "the models differ" cmp -s "$tmp/ex.lp" "$tmp/csv.lp"
# The independent checker reads the CSV files too.
if "$PYTHON3" "$checker" "$net" "$tmp/csv" >"$tmp/csv.plancheck"; then ok; else
	fail "check_plan.py: $(cat "$tmp/csv.plancheck")"
fi

# 2. As other programs save them: no byte-order mark and LF line ends,
# every cell quoted, ISO dates, headers in other cases, empty rows and
# columns a spreadsheet leaves behind: the same model.
mkdir "$tmp/saved"
sed '1s/^\xef\xbb\xbf//; s/\r$//' "$srcdir/fixtures/csv/staff.csv" \
    >"$tmp/saved/staff.csv"
"$PYTHON3" - "$srcdir/fixtures/csv/leave.csv" "$tmp/saved/leave.csv" <<'PY'
import csv, re, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
iso = lambda m: "%s-%02d-%02d" % (m[3], int(m[2]), int(m[1]))
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow([h.upper() + "" for h in rows[0]] + [""])
    for r in rows[1:]:
        w.writerow([re.sub(r"^(\d+)/(\d+)/(\d{4})$", iso, c) for c in r] + [""])
    w.writerow([""] * (len(rows[0]) + 1))
PY
cp "$srcdir/fixtures/csv/requests.csv" "$tmp/saved/"
cp "$net" "$tmp/saved/network.ini"
"$PCNROTA" plan "$tmp/saved/network.ini" --week 2026-W49 \
    --write-model "$tmp/saved.lp" >/dev/null 2>&1
check "saved otherwise: the models differ" cmp -s "$tmp/ex.lp" "$tmp/saved.lp"

# 3. The leave in leave.csv is kept: a plan made without it breaks it.
sed '/^leave_csv/d' "$net" >"$tmp/saved/noleave.ini"
"$PCNROTA" plan "$tmp/saved/noleave.ini" --week 2026-W49 --out "$tmp/noleave" \
    >/dev/null 2>&1
"$PYTHON3" "$checker" "$net" "$tmp/noleave" >"$tmp/noleave.check"
check "a plan that ignores leave.csv passes the checker" [ $? -eq 1 ]
check "no leave violation found" grep -qi 'leave' "$tmp/noleave.check"

# 4. A changed spreadsheet is new input for the nightly re-plan.
cp -r "$srcdir/fixtures/csv" "$tmp/night"
chmod -R u+w "$tmp/night"
"$PCNROTA" plan "$tmp/night/network.ini" --week 2026-W49 --out "$tmp/pub" \
    --now 2026-11-23T10:00 >/dev/null 2>&1
"$PCNROTA" replan "$tmp/night/network.ini" --out "$tmp/pub" \
    --now 2026-11-24T02:00 >/dev/null 2>&1
"$PCNROTA" replan "$tmp/night/network.ini" --out "$tmp/pub" \
    --now 2026-11-24T02:00 --verbose >"$tmp/same.out" 2>&1
check "unchanged CSVs are new input: $(cat "$tmp/same.out")" \
    grep -q 'no new input' "$tmp/same.out"
printf 'daniel,1/12/2026,2/12/2026,,sickness\r\n' >>"$tmp/night/leave.csv"
"$PCNROTA" replan "$tmp/night/network.ini" --out "$tmp/pub" \
    --now 2026-11-24T02:00 --verbose >"$tmp/changed.out" 2>&1
check "a new row in leave.csv is not new input: $(cat "$tmp/changed.out")" \
    sh -c "! grep -q 'no new input' '$tmp/changed.out'"
check "daniel's sickness in leave.csv changed nothing" \
    grep -q 'sessions\{0,1\} changed for [1-9]' "$tmp/changed.out"

# 5. Mistakes: every one in the files is reported, where it is.
mkdir "$tmp/bad"
cp "$net" "$tmp/bad/network.ini"
printf '\357\273\277ID,Name,Rol,Sessions\r\n' >"$tmp/bad/staff.csv"
printf 'Staff,From,To,Session,Kind\r\n' >"$tmp/bad/leave.csv"
printf 'practice,role,slot\r\ncastel,pharmacist,mon.am\r\nriverside,pharmacst,mon.am\r\nriverside,physio,mon.lunch\r\n' \
    >"$tmp/bad/requests.csv"
"$PCNROTA" check "$tmp/bad/network.ini" >"$tmp/bad.out" 2>"$tmp/bad.err"
rc=$?
check "bad CSVs: exit $rc, not 3" [ $rc -eq 3 ]
b="$tmp/bad"
for want in \
    "$b/requests.csv:2:1: unknown practice \"castel\": did you mean \"castle\"? (practices: riverside, castle, meadowbank, old-mill, hillside, orchard)" \
    "$b/requests.csv:3:2: unknown role \"pharmacst\": did you mean \"pharmacist\"? (roles: pharmacist, physio, paramedic, social_prescriber, care_coordinator, pharmacy_technician)" \
    "$b/requests.csv:4:3: unknown session \"lunch\" (sessions: am, pm)" \
    "$b/staff.csv:1:3: unknown column \"rol\": did you mean \"role\"? (columns: id, name, role, sessions, works, practices, base, leave, sickness, training, leave_calendar, needs_supervision, enhanced_access, pin, forbid, max_per_day, prefer_practices, prefer_days, start_date, end_date, ... (23 in all))" \
    "$b/staff.csv:1: no column \"role\""; do
	check "bad CSVs: no line '$want' in: $(cat "$tmp/bad.err")" \
	    grep -qxF "$want" "$tmp/bad.err"
done
check "bad CSVs: something on stdout" [ ! -s "$tmp/bad.out" ]

# Cells read by the network file's parsers, with their messages.
printf 'id,name,role,sessions,works,practices\r\nDee,Dee,physiotherapist,40,tuesday,riversde\r\namira,Amira Again,pharmacist,4,,\r\namira,Amira Twice,pharmacist,4,,\r\ndaniel,Daniel,pharmacist,4,,\r\n"bad,id",x,pharmacist,1,,\r\n' \
    >"$b/staff.csv"
printf 'staff,from,to,session,kind\r\ndea,7/12/2026,,,\r\ndaniel,12/14/2026,,,\r\ndaniel,2026-12-14,,,holiday\r\ndaniel,2026-12-14,2026-12-18,am,\r\n' \
    >"$b/leave.csv"
printf 'practice,role,slot\r\nriverside,physio,14/12/2026.am\r\nriverside,physio,"2026-12-01\r\n' \
    >"$b/requests.csv"
"$PCNROTA" check "$b/network.ini" >/dev/null 2>"$tmp/bad.err"
rc=$?
check "bad cells: exit $rc, not 3" [ $rc -eq 3 ]
for want in \
    "$b/staff.csv:2:3: unknown role \"physiotherapist\": did you mean \"physio\"? (roles: pharmacist, physio, paramedic, social_prescriber, care_coordinator, pharmacy_technician)" \
    "$b/staff.csv:2:4: sessions must be a whole number from 0 to 14, not \"40\"" \
    "$b/staff.csv:2:5: bad day \"tuesday\": did you mean \"tue\"? (days: mon tue wed thu fri sat sun, or a range such as mon-fri)" \
    "$b/staff.csv:2:6: unknown practice \"riversde\": did you mean \"riverside\"? (practices: riverside, castle, meadowbank, old-mill, hillside, orchard)" \
    "$b/staff.csv:4:1: staff amira is also at $b/staff.csv:3" \
    "$b/staff.csv:6:1: bad identifier \"bad,id\": use 1-32 of a-z 0-9 _ -" \
    "$b/leave.csv:2:1: unknown staff member \"dea\"" \
    "$b/leave.csv:3:2: bad date \"12/14/2026\": dates are read day/month/year: use YYYY-MM-DD or D/M/YYYY" \
    "$b/leave.csv:4:5: kind must be leave, sickness or training, not \"holiday\"" \
    "$b/leave.csv:5:4: a session is for leave of one day: leave \"to\" empty, or \"session\"" \
    "$b/requests.csv:3:3: a quoted cell has no closing quote"; do
	check "bad cells: no line '$want' in: $(cat "$tmp/bad.err")" \
	    grep -qF "$want" "$tmp/bad.err"
done
finish
