#!/usr/bin/env python3
"""The unattended nightly run, from the outside: pcnrota replan night
after night on the example network, each property of the rolling horizon
checked against the state (sqlite3) and the feeds (python3-icalendar):

- the first run on an empty folder publishes the horizon, nothing in the
  past; a new week enters on Monday; a gap is filled;
- a run with nothing new prints nothing and changes no byte of any output
  (status.prom aside) and writes no audit row, the same night or later;
- sickness from Thursday never cancels the person's earlier sessions;
- renames change no UID; a leaver's sessions are cancelled in every feed
  and their own feed stays until the cancellations expire; nothing that
  has started changes;
- history leaves the feeds and the state after history_weeks;
- a state of another network is refused;
- twenty runs at once (plan, replan, token) each exit 0 or 7, never 5,
  and the feeds on disk match the state after them;
- every count the summary line prints matches the audit log.

nightly.py PCNROTA NETWORK.ini WORKDIR
Prints a line per failed check and "N passed, M failed".
"""
import datetime
import glob
import os
import re
import shutil
import sqlite3
import subprocess
import sys

import icalendar

from check_replan import published_until as published_until_db

passed = failed = 0


def check(what, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s%s" % (what, (": " + str(detail)) if detail else ""))


class Net:
    """A network file we edit between nights."""

    def __init__(self, text, path):
        self.text = text
        self.path = path
        self.write()

    def write(self):
        with open(self.path, "w") as f:
            f.write(self.text)

    def add(self, section, line):
        self.text = re.sub(r"^(\[%s\]\n)" % re.escape(section),
                           lambda m: m.group(1) + line + "\n", self.text,
                           count=1, flags=re.M)
        self.write()

    def set(self, section, key, value):
        body = self.section(section)
        new = re.sub(r"^%s *=.*$" % re.escape(key),
                     "%s = %s" % (key, value), body, flags=re.M)
        self.text = self.text.replace(body, new)
        self.write()

    def section(self, name):
        m = re.search(r"^\[%s\]\n(?:(?!\[).*\n?)*" % re.escape(name),
                      self.text, re.M)
        return m.group(0)

    def remove(self, name):
        self.text = self.text.replace(self.section(name), "")
        self.write()


def run(pcnrota, *args):
    p = subprocess.run([pcnrota] + list(args), capture_output=True,
                       text=True)
    return p.returncode, p.stdout, p.stderr


def snapshot(out):
    """Every output's bytes but the status file and the state."""
    files = {}
    for path in glob.glob(os.path.join(out, "**"), recursive=True):
        name = os.path.relpath(path, out)
        if os.path.isdir(path) or name == "status.prom" or \
                name.startswith("state.db"):
            continue
        with open(path, "rb") as f:
            files[name] = f.read()
    return files


def query(out, sql, *args):
    con = sqlite3.connect(os.path.join(out, "state.db"))
    rows = con.execute(sql, args).fetchall()
    con.close()
    return rows


def placements(out):
    return {(d, s, st): site for d, s, st, site in
            query(out, "SELECT date, session, staff, site FROM assignments")}


def audit_count(out):
    return query(out, "SELECT count(*) FROM audit")[0][0]


def published_until(out, day):
    return published_until_db(os.path.join(out, "state.db"), day)


def feed_events(path):
    """{uid: (sequence, status, dtstart)} of one feed file."""
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    events = {}
    for ev in cal.walk("VEVENT"):
        events[str(ev["UID"])] = (int(ev.get("SEQUENCE", 0)),
                                  str(ev.get("STATUS", "CONFIRMED")),
                                  ev.decoded("DTSTART").strftime(
                                      "%Y%m%dT%H%M%S"))
    return events


def feed_path(out, staff):
    token = query(out, "SELECT token FROM tokens WHERE staff = ?", staff)
    return os.path.join(out, "feeds", token[0][0] + ".ics") if token \
        else None


def feeds_match_state(out):
    """Every feed file holds exactly the state's events of its feed."""
    problems = []
    tokens = dict(query(out, "SELECT token, staff FROM tokens"))
    for path in sorted(glob.glob(os.path.join(out, "feeds", "*.ics"))):
        name = os.path.basename(path)[:-4]
        if name == "network":
            feed = "network"
        elif name.startswith(("practice-", "role-")):
            kind, _, owner = name.partition("-")
            feed = kind + ":" + owner
        else:
            feed = "staff:" + tokens.get(name, "?")
        want = {uid: (seq, "CANCELLED" if cancelled else "CONFIRMED")
                for uid, seq, cancelled in query(
                    out, "SELECT uid, sequence, cancelled FROM events "
                    "WHERE feed = ?", feed)}
        got = {uid: v[:2] for uid, v in feed_events(path).items()}
        if got != want:
            problems.append(name)
    return problems


def summary_counts(line):
    m = re.match(r"^(\d+) sessions? changed for (\d+) staff", line)
    return (int(m.group(1)), int(m.group(2))) if m else None


def main(argv):
    pcnrota, network, work = argv[1:4]
    text = open(network).read()
    here = os.path.dirname(os.path.abspath(network))
    text = re.sub(r"^((?:bank_holidays|leave_calendar) *= *)([^/;#\n]\S*)",
                  lambda m: m.group(1) + os.path.join(here, m.group(2)),
                  text, flags=re.M)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    net = Net(text, os.path.join(work, "network.ini"))
    out = os.path.join(work, "out")

    # The default search (20 s of effort) with the clock's cap far off:
    # a busy machine or a sanitizer must not make a quiet night loud.
    def replan(now, *extra):
        return run(pcnrota, "replan", net.path, "--out", out, "--now",
                   now, "--effort", "10000", "--time-limit", "300", *extra)

    # 1. The first night, on an empty folder (a Wednesday).
    rc, so, se = replan("2026-12-02T02:00")
    check("first night exits 0", rc == 0, se)
    check("first night: one summary line", len(so.splitlines()) == 1, so)
    check("first night: four weeks from this week published",
          published_until(out, "2026-12-02") == "2026-12-27",
          published_until(out, "2026-12-02"))
    early = query(out, "SELECT count(*) FROM events WHERE dtstart <= "
                  "'20261202T020000'")[0][0]
    check("first night: nothing published in the past", early == 0, early)

    # 2. Nothing new, the same night and the nights after: no change.
    before, audits = snapshot(out), audit_count(out)
    for now in ("2026-12-02T02:00", "2026-12-02T05:00", "2026-12-03T02:00",
                "2026-12-06T02:00"):
        rc, so, se = replan(now)
        check("quiet %s exits 0" % now, rc == 0, se)
        check("quiet %s prints nothing" % now, so == "" and se == "",
              so + se)
        check("quiet %s: outputs byte-identical" % now,
              snapshot(out) == before)
        check("quiet %s: no audit row" % now, audit_count(out) == audits)
    rc, so, se = run(pcnrota, "status", out)
    check("status exits 0", rc == 0, se)
    check("status says when", "last success:       2026-12-06T02:00:00Z"
          in so, so)
    prom = open(os.path.join(out, "status.prom")).read()
    check("status.prom: weeks ahead from Sunday",
          re.search(r'^pcnrota_weeks_published_ahead\{network="out"\} '
                    r'3\.1428', prom, re.M), prom)

    # 3. Monday: a new week enters; nothing published moves.
    was = placements(out)
    rc, so, se = replan("2026-12-07T02:00")
    check("Monday exits 0", rc == 0, se)
    check("Monday: says the new week is published",
          "2026-12-28 to 2027-01-03 published" in so, so)
    check("Monday: 0 sessions changed", summary_counts(so) == (0, 0), so)
    now_ = placements(out)
    moved = [k for k in was if k[0] >= "2026-12-07" and was[k] != now_.get(k)]
    check("Monday: no published session moved", not moved, moved[:5])
    check("Monday: the new week is placed",
          any(k[0] >= "2026-12-28" for k in now_))
    check("Monday: no audit row", audit_count(out) == audits)

    # 4. Sickness from Thursday, on Monday night: earlier sessions stay.
    sick = ["kwame", "hannah", "amira", "mei"]
    for who in sick:
        net.add("staff " + who, "sickness = 2026-12-10..2026-12-11")
    was = placements(out)
    rc, so, se = replan("2026-12-07T03:00")
    check("sickness exits 0", rc == 0, se)
    now_ = placements(out)
    for who in sick:
        early = [k for k in was if k[2] == who and
                 "2026-12-07" <= k[0] <= "2026-12-09" and
                 was[k] != now_.get(k)]
        check("sickness from Thursday keeps %s's Mon-Wed" % who,
              not early, early)
        during = [k for k in now_ if k[2] == who and
                  "2026-12-10" <= k[0] <= "2026-12-11"]
        check("%s placed on no sick day" % who, not during, during)
    rows = query(out, "SELECT date, session, staff, reason FROM audit "
                 "WHERE at = (SELECT max(at) FROM audit)")
    counts = summary_counts(so)
    check("sickness: summary counts the audit rows and people",
          counts == (len(rows), len({r[2] for r in rows})),
          "%s against %d rows, %d staff" % (so.strip(), len(rows),
                                            len({r[2] for r in rows})))
    changed = {k for k in set(was) | set(now_)
               if k[0] >= "2026-12-07" and was.get(k) != now_.get(k)}
    check("sickness: every changed session has its audit row",
          changed == {r[:3] for r in rows},
          changed ^ {r[:3] for r in rows})
    forced = [k for k in was if k[2] in sick and
              "2026-12-10" <= k[0] <= "2026-12-11"]
    check("sickness: at most one knock-on change per forced one",
          len(changed) <= 2 * len(forced), (len(changed), len(forced)))
    before = snapshot(out)
    rc, so, se = replan("2026-12-07T04:00")
    check("after sickness, nothing new: nothing printed", so == "", so)
    check("after sickness, nothing new: byte-identical",
          snapshot(out) == before)

    # 5. Renames: the network, a practice, a person. No UID changes.
    uids = {r[0] for r in query(out, "SELECT uid FROM events")}
    seqs = dict(query(out, "SELECT uid, sequence FROM events"))
    net.set("network", "name", "Riverside and Castle PCN")
    net.set("practice castle", "name", "Castle Street Medical Practice")
    net.set("staff kwame", "name", "Kwame Mensah-Boateng")
    audits = audit_count(out)
    rc, so, se = replan("2026-12-08T02:00")
    check("renames exit 0", rc == 0, se)
    after = query(out, "SELECT uid, sequence, summary, description "
                  "FROM events WHERE cancelled = 0 AND date >= "
                  "'2026-12-08'")
    check("renames: no UID is new",
          {r[0] for r in after} <= uids, {r[0] for r in after} - uids)
    renamed = [r for r in after if "Kwame Mensah-Boateng" in r[2] + r[3]]
    check("renames: the new name is in the feeds", renamed)
    check("renames: renamed events have SEQUENCE raised",
          all(r[1] == seqs[r[0]] + 1 for r in renamed),
          [(r[1], seqs[r[0]]) for r in renamed][:3])
    check("renames: no session moved", audit_count(out) == audits)

    # 6. A leaver, Tuesday 02:00: sessions from now on are cancelled
    # everywhere, started ones stay; their feed stays, then goes.
    leaver_feed = feed_path(out, "rachel")
    theirs = {k: v for k, v in placements(out).items() if k[2] == "rachel"}
    net.remove("staff rachel")
    rc, so, se = replan("2026-12-08T09:00")
    check("leaver exits 0", rc == 0, se)
    check("leaver: their feed is still served",
          leaver_feed and os.path.exists(leaver_feed))
    if leaver_feed and os.path.exists(leaver_feed):
        evs = feed_events(leaver_feed)
        later = [v for v in evs.values() if v[2] > "20261208T090000"]
        past = [v for v in evs.values() if v[2] <= "20261208T090000"]
        check("leaver: every later session cancelled in their feed",
              later and all(v[1] == "CANCELLED" for v in later))
        check("leaver: no started session cancelled",
              all(v[1] != "CANCELLED" for v in past))
    net_evs = feed_events(os.path.join(out, "feeds", "network.ics"))
    rachel = query(out, "SELECT uid, cancelled, dtstart FROM events "
                   "WHERE feed = 'network' AND staff = 'rachel'")
    check("leaver: cancelled in the network feed too",
          all((r[1] != 0) == (r[2] > "20261208T090000") and
              net_evs[r[0]][1] == ("CANCELLED" if r[1] else "CONFIRMED")
              for r in rachel))
    left = query(out, "SELECT count(*) FROM audit WHERE staff = 'rachel' "
                 "AND reason = 'left'")[0][0]
    expected = sum(1 for k in theirs if k[0] > "2026-12-08" or
                   (k[0] == "2026-12-08" and k[1] != "am"))
    check("leaver: one 'left' audit row per session not started",
          left == expected, (left, expected))
    check("leaver: the summary counts them", summary_counts(so) is not None
          and summary_counts(so)[0] >= left, so)
    # keep_cancelled_days (14) later, the feed is gone.
    rc, so, se = replan("2026-12-23T02:00")
    check("two weeks on exits 0", rc == 0, se)
    check("leaver: feed gone after keep_cancelled_days",
          leaver_feed and not os.path.exists(leaver_feed))
    problems = feeds_match_state(out)
    check("feeds match the state", not problems, problems)

    # 7. After a long gap: the horizon is published, history is dropped.
    audits = audit_count(out)
    rc, so, se = replan("2027-03-03T02:00")
    check("after a gap exits 0", rc == 0, se)
    check("after a gap: horizon published",
          published_until(out, "2027-03-03") == "2027-03-28",
          published_until(out, "2027-03-03"))
    old = query(out, "SELECT count(*) FROM events WHERE date < "
                "'2027-01-04'")[0][0]
    check("history_weeks: old sessions leave the state", old == 0, old)
    check("history_weeks: the audit log stays",
          audit_count(out) >= audits)
    rc, so, se = run(pcnrota, "changes", net.path, "--out", out, "--since",
                     "2026-12-01T00:00")
    check("changes still reads the old audit rows", rc == 0 and
          "Kwame" in so, se)
    problems = feeds_match_state(out)
    check("feeds match the state after pruning", not problems, problems)

    # 8. Another network's state is refused, and nothing is written.
    other = os.path.join(os.path.dirname(os.path.abspath(network)),
                         "tiny.ini")
    before = snapshot(out)
    rc, so, se = run(pcnrota, "replan", other, "--out", out, "--now",
                     "2027-03-04T02:00")
    check("another network's state: exit 5", rc == 5, (rc, se))
    check("another network's state: says so",
          "the state of another network" in se, se)
    check("another network's state: nothing written",
          snapshot(out) == before)

    # 9. Twenty runs at once on one folder.
    busy = os.path.join(work, "busy")
    procs = []
    for i in range(20):
        kind = i % 4
        if kind == 0:
            args = ["plan", net.path, "--week", "2027-W10", "--out", busy,
                    "--now", "2027-03-03T02:00"]
        elif kind == 3:
            args = ["token", net.path, "--out", busy, "--rotate", "kwame"]
        else:
            args = ["replan", net.path, "--out", busy, "--now",
                    "2027-03-0%dT02:00" % (3 + i % 3)]
        if i % 2:
            args += ["--wait", "0.2"] if kind != 3 else []
        os.makedirs(busy, exist_ok=True)
        procs.append((args[0], subprocess.Popen(
            [pcnrota] + args, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True)))
    codes = []
    for kind, p in procs:
        _, err = p.communicate()
        codes.append(p.returncode)
        check("concurrent %s exits 0 or 7 (%d)" % (kind, p.returncode),
              p.returncode in (0, 7), err)
    check("concurrent: some run succeeded", 0 in codes, codes)
    problems = feeds_match_state(busy)
    check("concurrent: feeds match the state", not problems, problems)
    leftovers = glob.glob(os.path.join(busy, "**", ".pcnrota-tmp*"),
                          recursive=True)
    check("concurrent: no temporary files left", not leftovers, leftovers)

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
