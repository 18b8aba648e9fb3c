#!/bin/sh
# Calendar feeds end to end: plan the example network across both clock
# changes of 2026, check every feed from the outside with python3-icalendar
# (tests/check_feeds.py) and ical.js (tests/js), and check that the two
# agree; same input, same bytes; a changed plan raises SEQUENCE and cancels
# what went; nothing private leaks into the feed folder.
. "${top_srcdir:-.}/tests/lib.sh"
ex="$srcdir/fixtures/example.ini"

# publish NAME INI NOW OPTIONS...: plans into $tmp/NAME.
publish() {
	_pub_name=$1
	_pub_ini=$2
	_pub_now=$3
	shift 3
	plan_into "$_pub_name" "$_pub_ini" --now "$_pub_now" "$@"
}

# feeds NAME INI: the independent checker on $tmp/NAME.
feeds() {
	if "$PYTHON3" "$srcdir/tests/check_feeds.py" "$2" "$tmp/$1" \
	    >"$tmp/$1.check" 2>&1; then ok; else
		fail "$1: check_feeds.py found problems:"
		head -n 40 "$tmp/$1.check"
	fi
}

# (a) Across the clock change of 29 March, across that of 25 October, and
# the example's own week. A time limit is enough for the two-week plans:
# any plan will do, as long as its feeds match it.
publish w13 "$ex" 2026-03-16T10:00 --week 2026-W13 --weeks 2 --time-limit 5
publish w43 "$ex" 2026-10-12T10:00 --week 2026-W43 --weeks 2 --time-limit 5
publish w49 "$ex" 2026-11-23T10:00 --week 2026-W49 --gap 0.01
# Names with commas, quotes, a backslash and characters beyond ASCII, long
# enough to be folded in the middle of them.
sed -e "s/^name = Riverside PCN\$/name = Riverside PCN, Zoë's \"network\"/" \
    -e "s/^name = Liam O'Connor\$/name = Liam O'Connor-Ólafsson, \"Li\" Żółć 日本/" \
    -e "s/^name = Castle Street Surgery\$/name = Castle Street Surgery, Zoë's \"Corner\" — Ŵales ☃☃☃☃☃☃☃☃☃☃☃☃☃☃☃☃☃/" \
    -e "s/^name = First-contact physiotherapist\$/name = First-contact physiotherapist, MSK \\\\ (Ärzte) «Ω»/" \
    -e "s/^name = Priya Nair\$/name = Priya\tNair \\\\t/" \
    -e "s|^timezone = Europe/London\$|&\\
feed_url = https://rota.example.nhs.uk:8443/feeds/river_side-1/|" \
    "$ex" >"$tmp/names.ini"
check "names.ini: sed changed $(grep -c 'Zoë\|Ólafsson\|MSK\|Priya	Nair\|feed_url' "$tmp/names.ini") of 6 lines" \
    [ "$(grep -c 'Zoë\|Ólafsson\|MSK\|Priya	Nair\|feed_url' "$tmp/names.ini")" -eq 6 ]
publish names "$tmp/names.ini" 2026-11-23T10:00 --week 2026-W49 --gap 0.01
# Sites and care homes: a branch surgery's and a home's own LOCATION,
# rounds in the staff, role and network feeds but no practice's.
publish sites "$srcdir/fixtures/sites.ini" 2026-11-23T10:00 --week 2026-W49
# feed_away and feed_uncovered: Tom's leave (1 December) and sickness
# (4 December) both read "Away", in his own feed only; Christmas is a bank
# holiday there; requests not covered are in the practices' feeds.
sed -e 's/^name = Riverside PCN$/&\
feed_away = yes\
feed_uncovered = yes/' -e '/^\[staff tom\]$/a\
leave = 2026-12-01\
sickness = 2026-12-04' "$ex" >"$tmp/away.ini"
publish away "$tmp/away.ini" 2026-11-23T10:00 --week 2026-W49 --weeks 4 \
    --time-limit 5
feeds away "$tmp/away.ini"
tomfeed=$(awk -F '\t' '$1 == "staff" && $2 == "tom" { print $3 }' \
    "$tmp/away/feeds.txt")
days=$(grep -A4 '^DTSTART;VALUE=DATE:' "$tmp/away/$tomfeed" |
    sed -n 's/^\(DTSTART;VALUE=DATE\|SUMMARY\):\(.*\)\r$/\2/p' | tr '\n' ' ')
check "away: Tom's own feed has days $days" \
    [ "$days" = "20261201 Away 20261204 Away 20261225 Bank holiday " ]
others=$(grep -l '^DTSTART;VALUE=DATE:' "$tmp/away/feeds/"*.ics | wc -l)
staffs=$(awk -F '\t' '$1 == "staff"' "$tmp/away/feeds.txt" | wc -l)
check "away: $others feeds have whole days, not the $staffs staff feeds" \
    [ "$others" -le "$staffs" ]
tomdays=$(awk -F '\t' '$1 != "staff" { print $3 }' "$tmp/away/feeds.txt" |
    (cd "$tmp/away" && xargs grep -l '^DTSTART;VALUE=DATE:'))
check "away: whole days outside a person's own feed: $tomdays" [ -z "$tomdays" ]
need=$(awk -F, 'NR > 1 && $9 !~ /closed/' \
    "$tmp/away/uncovered.csv" | wc -l)
got=$(cat "$tmp/away/feeds/"*.ics | grep -c '^SUMMARY:Not covered: ')
check "away: $got needs in the practice feeds, uncovered.csv has $need" \
    [ "$got" -eq "$need" ]
feeds w13 "$ex"
feeds w43 "$ex"
feeds w49 "$ex"
feeds names "$tmp/names.ini"
feeds sites "$srcdir/fixtures/sites.ini"

# (b) ical.js (installed into the build tree by icaljs_install, lib.sh)
# reads the same events as python3-icalendar.
icaljs_install
if [ $node_ok = yes ]; then
	for n in w13 w43 w49 names sites away; do
		if node "$deps/check_feeds.mjs" "$tmp/$n" >"$tmp/$n.node" 2>&1
		then ok; else
			fail "$n: ical.js found problems:"
			head -n 20 "$tmp/$n.node"
		fi
		LC_ALL=C sort "$tmp/$n.python.jsonl" >"$tmp/$n.python.sorted"
		LC_ALL=C sort "$tmp/$n.node.jsonl" >"$tmp/$n.node.sorted"
		if cmp -s "$tmp/$n.python.sorted" "$tmp/$n.node.sorted"; then
			ok
		else
			fail "$n: python3-icalendar (<) and ical.js (>) disagree:"
			diff "$tmp/$n.python.sorted" "$tmp/$n.node.sorted" |
			    head -n 20
		fi
		check "$n: no events parsed" [ -s "$tmp/$n.python.sorted" ]
	done
fi

# (c) 08:30 in London is 08:30Z in winter and 07:30Z in summer, in both
# parsers: the network feed's starts on each side of both clock changes.
# starts NAME PARSER DATE: the UTC start times that day, on one line.
starts() {
	_net=$(awk -F '\t' '$1 == "network" { print $3 }' "$tmp/$1/feeds.txt")
	grep "\"feed\":\"$_net\"" "$tmp/$1.$2.jsonl" |
	    grep '"status":"CONFIRMED"' |
	    sed -n "s/.*\"start_utc\":\"$3T\([0-9:]*\)Z\".*/\1/p" |
	    LC_ALL=C sort -u | tr '\n' ' '
}
parsers=python
[ $node_ok = yes ] && parsers="python node"
for p in $parsers; do
	for c in "w13 2026-03-23 08:30:00 13:30:00" \
	    "w13 2026-03-30 07:30:00 12:30:00" \
	    "w43 2026-10-23 07:30:00 12:30:00" \
	    "w43 2026-10-26 08:30:00 13:30:00"; do
		set -- $c
		got=$(starts "$1" "$p" "$2")
		check "$p: sessions of $2 at 08:30 and 13:30 in London start at ${got:-nothing}, not $3 $4 UTC" \
		    [ "$got" = "$3 $4 " ]
	done
done

# (d) The same plan again, into the same folder at the same time: every
# feed and the index byte for byte, and unchanged files not even rewritten.
cp -R "$tmp/w49" "$tmp/w49.before"
ls -i "$tmp/w49/feeds" >"$tmp/w49.inodes"
publish w49 "$ex" 2026-11-23T10:00 --week 2026-W49 --gap 0.01
(cd "$tmp/w49.before/feeds" && ls) >"$tmp/before.list"
(cd "$tmp/w49/feeds" && ls) >"$tmp/after.list"
check "re-run: the feed folder holds other files" \
    cmp -s "$tmp/before.list" "$tmp/after.list"
for f in $(cat "$tmp/before.list"); do
	check "re-run: feeds/$f changed" \
	    cmp -s "$tmp/w49.before/feeds/$f" "$tmp/w49/feeds/$f"
done
check "re-run: feeds.txt changed" \
    cmp -s "$tmp/w49.before/feeds.txt" "$tmp/w49/feeds.txt"
check "re-run: index.html changed" \
    cmp -s "$tmp/w49.before/index.html" "$tmp/w49/index.html"
ls -i "$tmp/w49/feeds" >"$tmp/w49.inodes2"
check "re-run: unchanged feeds were written again (new inodes)" \
    cmp -s "$tmp/w49.inodes" "$tmp/w49.inodes2"

# (e) Published again a day later after Tom books Tuesday 1 December off:
# his sessions that day are cancelled with a higher SEQUENCE, events that
# changed get a higher SEQUENCE and the new DTSTAMP, and the rest keep
# SEQUENCE 0 and their first DTSTAMP.
check "example.ini: Tom is not placed on 1 December" \
    grep -q '^2026-12-01,.*,tom,' "$tmp/w49/assignments.csv"
sed '/^\[staff tom\]$/a\
leave = 2026-12-01' "$ex" >"$tmp/changed.ini"
check "changed.ini: no leave added" \
    [ "$(grep -c '^leave = 2026-12-01$' "$tmp/changed.ini")" -eq 1 ]
publish w49 "$tmp/changed.ini" 2026-11-24T09:00 --week 2026-W49 --gap 0.01
check "changed.ini: Tom is still placed on 1 December" \
    [ -z "$(grep '^2026-12-01,.*,tom,' "$tmp/w49/assignments.csv")" ]
feeds w49 "$tmp/changed.ini"
tom=$(awk -F '\t' '$1 == "staff" && $2 == "tom" { print $3 }' \
    "$tmp/w49/feeds.txt")
"$PYTHON3" - "$tmp/w49.before" "$tmp/w49" "$tom" >"$tmp/republish" 2>&1 <<'EOF'
import os, re, sqlite3, sys
import icalendar

before, after, tom = sys.argv[1:4]
OLD, NEW = "20261123T100000Z", "20261124T090000Z"
CONTENT = ("DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION",
           "CATEGORIES")
bad = 0


def problem(msg):
    global bad
    bad += 1
    print(msg)


def load(folder):
    events = {}
    for f in sorted(os.listdir(os.path.join(folder, "feeds"))):
        with open(os.path.join(folder, "feeds", f), "rb") as fh:
            cal = icalendar.Calendar.from_ical(fh.read())
        for ev in cal.walk("VEVENT"):
            events[("feeds/" + f, str(ev["UID"]))] = {
                "content": tuple(ev[p].to_ical() for p in CONTENT),
                "status": str(ev["STATUS"]),
                "sequence": int(ev["SEQUENCE"]),
                "dtstamp": ev["DTSTAMP"].to_ical().decode(),
                "date": ev["DTSTART"].dt.date().isoformat(),
            }
    return events


old, new = load(before), load(after)
n = {"untouched": 0, "changed": 0, "cancelled": 0, "added": 0}
for key, o in old.items():
    e = new.get(key)
    if o["status"] != "CONFIRMED" or o["sequence"] != 0 or \
            o["dtstamp"] != OLD:
        problem(f"{key}: first publication not CONFIRMED, 0, {OLD}")
    if e is None:
        problem(f"{key}: gone instead of cancelled")
    elif e["status"] == "CANCELLED":
        n["cancelled"] += 1
        if e["sequence"] <= o["sequence"] or e["dtstamp"] != NEW:
            problem(f"{key}: cancelled with SEQUENCE {e['sequence']} "
                    f"and DTSTAMP {e['dtstamp']}")
    elif e["content"] != o["content"]:
        n["changed"] += 1
        if e["sequence"] <= o["sequence"] or e["dtstamp"] != NEW:
            problem(f"{key}: changed with SEQUENCE {e['sequence']} "
                    f"and DTSTAMP {e['dtstamp']}")
    else:
        n["untouched"] += 1
        if e["sequence"] != 0 or e["dtstamp"] != OLD:
            problem(f"{key}: unchanged but SEQUENCE {e['sequence']} and "
                    f"DTSTAMP {e['dtstamp']}")
for key, e in new.items():
    if key not in old:
        n["added"] += 1
        if e["status"] != "CONFIRMED" or e["sequence"] != 0 or \
                e["dtstamp"] != NEW:
            problem(f"{key}: new, but {e['status']}, SEQUENCE "
                    f"{e['sequence']}, DTSTAMP {e['dtstamp']}")
toms = [k for k in old if k[0] == tom and old[k]["date"] == "2026-12-01"]
if not toms:
    problem("Tom had no sessions on 1 December to cancel")
for key in toms:
    if new.get(key, {}).get("status") != "CANCELLED":
        problem(f"{key}: Tom's session on 1 December is not cancelled")
for what in ("untouched", "cancelled"):
    if n[what] == 0:
        problem(f"no {what} events")
db = sqlite3.connect(f"file:{after}/state.db?mode=ro", uri=True)
cols = [r[1] for r in db.execute("PRAGMA table_info(events)")]
want = ["uid", "feed", "date", "session", "staff", "dtstart", "dtend",
        "summary", "location", "description", "categories", "sequence",
        "dtstamp", "cancelled"]
if sorted(cols) != sorted(want):
    problem(f"state.db: events has columns {cols}")
else:
    gone = db.execute("SELECT count(*) FROM events WHERE cancelled != 0")
    gone = gone.fetchone()[0]
    if gone != n["cancelled"]:
        problem(f"state.db: {gone} cancelled events, feeds {n['cancelled']}")
print(", ".join(f"{v} {k}" for k, v in n.items()))
sys.exit(1 if bad else 0)
EOF
if [ $? -eq 0 ]; then ok; else
	fail "re-publish after a change:"
	head -n 20 "$tmp/republish"
fi

# (f) Privacy: staff feeds are named by secret tokens, the index is private
# and no feed speaks of absence.
"$PYTHON3" - "$ex" "$tmp/w49/feeds" >"$tmp/names.leak" <<'EOF'
import configparser, os, re, sys
cp = configparser.ConfigParser(inline_comment_prefixes=(";", "#"),
                               interpolation=None)
cp.read(sys.argv[1], encoding="utf-8")
words = set()
for s in cp.sections():
    kind, _, ident = s.lower().partition(" ")
    if kind == "staff":
        words.add(ident.strip())
        name = cp[s].get("name", "").lower()
        for sep in ("", " ", "-", "_", "."):
            words.add(sep.join(name.split()))
        words.update(w for w in re.split(r"\W+", name) if len(w) > 2)
for f in os.listdir(sys.argv[2]):
    for w in sorted(words):
        if w and w in f.lower():
            print(f"feeds/{f} contains {w!r}")
EOF
check "feed names give staff away: $(cat "$tmp/names.leak")" \
    [ ! -s "$tmp/names.leak" ]
for f in feeds.txt index.html state.db; do
	check "$f: mode $(stat -c %a "$tmp/w49/$f"), not 600" \
	    [ "$(stat -c %a "$tmp/w49/$f")" = 600 ]
done
for f in "$tmp/w49/feeds/"*.ics; do
	check "feeds/${f##*/}: mode $(stat -c %a "$f"), not 644" \
	    [ "$(stat -c %a "$f")" = 644 ]
done
# Every feed names people: every one, the network's too, has a secret name.
awk -F '\t' '{ print $3 }' "$tmp/w49/feeds.txt" |
    grep -Ev '^feeds/[0-9a-f]{32}\.ics$' >"$tmp/untokened"
check "feeds not named by a token: $(cat "$tmp/untokened")" \
    [ ! -s "$tmp/untokened" ]
ls "$tmp/w49/feeds" | grep -Ev '^[0-9a-f]{32}\.ics$' >"$tmp/guessable"
check "guessable feed files: $(cat "$tmp/guessable")" [ ! -s "$tmp/guessable" ]

# (g) Addresses: with feed_url, feeds.txt (checked by check_feeds.py),
# index.html (a link and a QR code for each feed, XML-clean SVG) and
# pcnrota token give https:// and webcal:// addresses; Priya's TAB and
# backslashes are escaped in feeds.txt, so each line keeps six fields.
base=https://rota.example.nhs.uk:8443/feeds/river_side-1
check "names: feeds.txt lines of other than 6 fields" \
    [ -z "$(awk -F '\t' 'NF != 6' "$tmp/names/feeds.txt")" ]
check "names: Priya's TAB not escaped in feeds.txt" \
    grep -qF 'Priya\tNair \\t' "$tmp/names/feeds.txt"
nfeeds=$(wc -l <"$tmp/names/feeds.txt")
nqr=$(grep -o '<svg ' "$tmp/names/index.html" | wc -l)
check "names: index.html has $nqr QR codes for $nfeeds feeds" [ "$nqr" -eq "$nfeeds" ]
nlinks=$(grep -o "href=\"webcal://rota.example.nhs.uk:8443/feeds/river_side-1/[0-9a-f]\{32\}\.ics\"" \
    "$tmp/names/index.html" | wc -l)
check "names: index.html has $nlinks webcal:// links for $nfeeds feeds" \
    [ "$nlinks" -eq "$nfeeds" ]
if command -v xmllint >/dev/null; then
	sed -n 's/.*\(<svg .*<\/svg>\).*/\1/p' "$tmp/names/index.html" |
	    head -n 1 >"$tmp/qr.svg"
	check "names: a QR code is not well-formed SVG" \
	    xmllint --noout "$tmp/qr.svg"
fi
"$PCNROTA" token "$tmp/names.ini" --out "$tmp/names" practice:castle \
    >"$tmp/token.out" 2>&1
castle=$(awk -F '\t' '$1 == "practice" && $2 == "castle" { print $3 }' \
    "$tmp/names/feeds.txt")
check "token practice:castle: $(cat "$tmp/token.out")" [ "$(cat "$tmp/token.out")" = \
    "$tmp/names/$castle
$base/${castle#feeds/}
webcal://${base#https://}/${castle#feeds/}" ]
for n in w13 w43 w49 names; do
	grep -liw leave "$tmp/$n/feeds/"*.ics >"$tmp/leave" 2>/dev/null
	check "$n: feeds mention leave: $(cat "$tmp/leave")" [ ! -s "$tmp/leave" ]
done

# A feed_url that is not a plain https:// address is refused at its line.
for u in "http://x.example/f" "https://x.example/a?b=1" "https:///f" \
    "https://x.example/a b" "https://x.example/é" "https://x_y/f" \
    "https://x.example/a\"b"; do
	sed "s|^name = Riverside PCN\$|&\\
feed_url = $u|" "$ex" >"$tmp/badurl.ini"
	"$PCNROTA" check "$tmp/badurl.ini" >/dev/null 2>"$tmp/badurl.err"
	rc=$?
	check "feed_url $u: exit $rc, not 3: $(cat "$tmp/badurl.err")" \
	    [ "$rc" -eq 3 ] &&
	    grep -q "^$tmp/badurl.ini:[0-9]*: feed_url " "$tmp/badurl.err"
done

finish
