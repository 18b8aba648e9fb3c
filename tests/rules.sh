#!/bin/sh
# End to end: pins, forbids, minimums, sessions a day, the rest rule,
# preferences and the objective's weights. Each rule is shown binding on a
# small network made here, and fixtures/rules.ini (every key at once) is
# planned, checked from the outside and solved again by CBC.
. "${top_srcdir:-.}/tests/lib.sh"
week=2026-W49

# plan NAME INI: plans into $tmp/NAME; the rota is $tmp/NAME/rota.txt.
plan() {
	plan_into "$1" "$2" --week $week
	plan_passes "$1" "$2" --no-fair
}

# has NAME TEXT: the rota of NAME has a line with TEXT.
has() {
	if grep -qF -- "$2" "$tmp/$1/rota.txt"; then ok; else
		fail "$1: no line with '$2' in rota.txt:"
		sed -n '/^Requested sessions/,$p' "$tmp/$1/rota.txt"
	fi
}

# term NAME LABEL: the value of one term of the Objective block.
term() {
	sed -n "/^Objective:/,/^\$/s/^  $2  *\\([0-9-]*\\)\$/\\1/p" \
	    "$tmp/$1/rota.txt"
}

# A network of one practice, one pharmacist and what a test adds.
net() {
	cat <<EOF
[network]
name = Rule test
$1
[session am]
start = 08:30
end = 12:30
[session pm]
start = 13:30
end = 17:30
[session eve]
start = 18:30
end = 20:00
[practice p1]
name = One
list_size = 5000
$2
[practice p2]
name = Two
list_size = 5000
[role pharmacist]
[staff ann]
name = Ann
role = pharmacist
$3
EOF
}

# The rest rule: a late Monday rules out Tuesday morning, so one of two
# requests is left, with that reason; without the rule both are covered.
net "no_evening_then_morning = yes" \
    "requests = pharmacist@mon.eve pharmacist@tue.am" \
    "sessions = 2
works = mon.eve tue.am" >"$tmp/rest.ini"
plan rest "$tmp/rest.ini"
has rest "Requested sessions not covered: 1"
has rest "would work a morning after a late session"
sed 's/^no_evening_then_morning = yes/no_evening_then_morning = no/' \
    "$tmp/rest.ini" >"$tmp/rest-off.ini"
plan rest-off "$tmp/rest-off.ini"
has rest-off "Every requested session is covered."

# max_per_day: three sessions asked on Monday, two allowed.
net "" "requests = pharmacist@mon.am pharmacist@mon.pm pharmacist@mon.eve" \
    "sessions = 3
works = mon
max_per_day = 2" >"$tmp/perday.ini"
plan perday "$tmp/perday.ini"
has perday "Requested sessions not covered: 1"
has perday "has reached their sessions a day"
check "perday: more than 2 sessions on Monday" \
    [ "$(grep -c ',ann,' "$tmp/perday/assignments.csv")" -eq 2 ]

# forbid: the only pharmacist may not be at p1 on Mondays.
net "" "requests = pharmacist@mon.am pharmacist@tue.am" \
    "sessions = 2
works = mon.am tue.am
forbid = p1@mon" >"$tmp/forbid.ini"
plan forbid "$tmp/forbid.ini"
has forbid "Requested sessions not covered: 1"
has forbid "Mon 30 Nov am, One, pharmacist: everyone of this role who could work then is forbidden there then"

# pin: pinned to p2 on Monday morning, so p1's request goes uncovered,
# pinned elsewhere, though p1 asks and p2 does not.
net "" "requests = pharmacist@mon.am" \
    "sessions = 1
works = mon.am
pin = p2@mon.am" >"$tmp/pin.ini"
plan pin "$tmp/pin.ini"
grep -q '^2026-11-30,.*,am,.*,ann,.*,p2,' "$tmp/pin/assignments.csv"
check "pin: ann not at p2 on Monday morning" [ $? -eq 0 ]
has pin "Mon 30 Nov am, One, pharmacist: everyone of this role free then is pinned elsewhere"
check "pin: pins term not 0" [ "$(term pin 'pins broken')" = 0 ]

# A pin that cannot hold (a dated pin on a day of leave) is reported,
# not an error, and costs nothing (there is no choice to make).
net "" "" "sessions = 2
works = mon tue
leave = 2026-12-01
pin = p2@2026-12-01.pm" >"$tmp/pinleave.ini"
plan pinleave "$tmp/pinleave.ini"
has pinleave "Pins not kept: 1"
has pinleave "Tue 1 Dec pm, Ann at Two: on leave"

# A minimum: p2 needs 3 sessions a week and asks nothing, p1 asks for 2;
# the one pharmacist works 3, so the minimum wins over the requests.
net "" "requests = pharmacist@mon.am pharmacist@tue.am" \
    "sessions = 3
works = mon.am tue.am wed.am" >"$tmp/min.ini"
sed 's/^\[practice p2\]$/[practice p2]\nminimum = pharmacist:3/' \
    "$tmp/min.ini" >"$tmp/min2.ini"
plan min "$tmp/min2.ini"
check "min: p2 got $(grep -c ',p2,' "$tmp/min/assignments.csv") of 3" \
    [ "$(grep -c ',p2,' "$tmp/min/assignments.csv")" -eq 3 ]
has min "Requested sessions not covered: 2"
check "min: minimums term $(term min 'minimums short')" \
    [ "$(term min 'minimums short')" = 0 ]
# ... and one it cannot meet is reported with the reason, at its weight.
sed 's/^minimum = pharmacist:3/minimum = pharmacist:5/' "$tmp/min2.ini" \
    >"$tmp/min5.ini"
printf '[objective]\nminimum = 700\n' >>"$tmp/min5.ini"
plan min5 "$tmp/min5.ini"
has min5 "Minimums not met: 1"
has min5 "2026-W49, Two, pharmacist: 3 of 5 sessions: fewer sessions of this role could be worked there this week than the minimum"
check "min5: minimums term $(term min5 'minimums short'), not 2 x 700" \
    [ "$(term min5 'minimums short')" = 1400 ]

# Preferences: Ann would rather be at p2 and on Tuesdays; nothing else
# matters, so she is, and the preference term is 0.
net "" "" "sessions = 1
works = mon.am tue.am
prefer_practices = p2
prefer_days = tue" >"$tmp/pref.ini"
plan pref "$tmp/pref.ini"
grep -q '^2026-12-01,.*,ann,.*,p2,' "$tmp/pref/assignments.csv"
check "pref: Ann not at p2 on Tuesday" [ $? -eq 0 ]
check "pref: preference term $(term pref 'preferences missed')" \
    [ "$(term pref 'preferences missed')" = 0 ]
# A request elsewhere outweighs both preferences (cost 2 x weight).
awk '{ print } /^\[practice p1\]$/ { print "requests = pharmacist@mon.am" }' \
    "$tmp/pref.ini" >"$tmp/pref2.ini"
printf '[objective]\npreference = 7\n' >>"$tmp/pref2.ini"
plan pref2 "$tmp/pref2.ini"
has pref2 "Every requested session is covered."
check "pref2: preference term $(term pref2 'preferences missed'), not 14" \
    [ "$(term pref2 'preferences missed')" = 14 ]

# The shipped fixture: every key, checked from the outside; the terms
# add up to the cost, and CBC reaches the same optimum on the export.
ini="$srcdir/fixtures/rules.ini"
plan rules "$ini"
has rules "Pins not kept: 1"
has rules "Thu 3 Dec am, Ben Okafor at Castle Surgery: on leave"
has rules "2026-W49, Meadow Surgery, paramedic: 2 of 3 sessions"
awk '/^Objective: cost/ { cost = $3; on = 1; next }
	on && /^  / { sum += $NF; next }
	on { exit }
	END { exit !(cost != "" && sum == cost) }' "$tmp/rules/rota.txt"
check "rules: the Objective terms do not add up to its cost" [ $? -eq 0 ]
ours=$(sed -n 's/^Plan optimal: cost \([0-9]*\),.*/\1/p' \
    "$tmp/rules/rota.txt")
check "rules: plan not proved optimal" [ -n "$ours" ]
check "rules: Objective block and plan line disagree" \
    [ "$(sed -n 's/^Objective: cost //p' "$tmp/rules/rota.txt")" = "$ours" ]
for ext in lp mps; do
	"$PCNROTA" plan "$ini" --week $week --write-model "$tmp/rules.$ext" \
	    >/dev/null 2>&1
	check "rules: --write-model $ext failed" [ -s "$tmp/rules.$ext" ]
done
if command -v cbc >/dev/null; then
	theirs=$(cbc "$tmp/rules.lp" -solve -quit |
	    sed -n 's/^Objective value: *\([0-9.-]*\)/\1/p')
	check "rules: CBC finds ${theirs:-nothing}, pcnrota $ours" \
	    awk -v a="$ours" -v b="$theirs" \
	    'BEGIN { exit !(b != "" && a - b < 0.5 && b - a < 0.5) }'
	for f in perday rest min5 pref2; do
		"$PCNROTA" plan "$tmp/$f.ini" --week $week \
		    --write-model "$tmp/$f.lp" >"$tmp/$f.rota" 2>/dev/null
		a=$(sed -n 's/^Plan optimal: cost \([0-9]*\),.*/\1/p' \
		    "$tmp/$f.rota")
		b=$(cbc "$tmp/$f.lp" -solve -quit |
		    sed -n 's/^Objective value: *\([0-9.-]*\)/\1/p')
		check "$f: CBC finds ${b:-nothing}, pcnrota ${a:-no optimum}" \
		    awk -v a="$a" -v b="$b" \
		    'BEGIN { exit !(a != "" && b != "" && a - b < 0.5 &&
			b - a < 0.5) }'
	done
fi

# report gives a stored plan's minimums and pins again (not its
# Objective block: that is the solver's).
"$PCNROTA" report "$ini" --out "$tmp/rules" --week $week \
    >"$tmp/report.txt" 2>&1
check "rules: report exit $?" [ -s "$tmp/report.txt" ]
sed -n '/^Minimums not met/,/^$/p' "$tmp/rules/rota.txt" |
    sed '/^Objective/,$d' >"$tmp/rules.rules"
sed -n '/^Minimums not met/,/^$/p' "$tmp/report.txt" >"$tmp/report.rules"
check "rules: report's minimums and pins differ from the plan's" \
    cmp -s "$tmp/rules.rules" "$tmp/report.rules"
check "rules: no minimums in the report" [ -s "$tmp/report.rules" ]
grep -q '^Objective' "$tmp/report.txt"
check "rules: report shows an Objective it cannot know" [ $? -ne 0 ]

# Same input, same bytes.
"$PCNROTA" plan "$ini" --week $week --out "$tmp/again" >/dev/null 2>&1
for f in rota.txt assignments.csv uncovered.csv; do
	check "rules: $f differs between two runs" \
	    cmp -s "$tmp/rules/$f" "$tmp/again/$f"
done

finish
