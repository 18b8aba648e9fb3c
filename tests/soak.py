#!/usr/bin/python3
"""A year of unattended nights, measured (issue 14, item 8).

soak.py [options] PCNROTA NETWORK.ini WORKDIR

Runs `pcnrota replan NETWORK --out WORKDIR/out --now DAYT02:00` once a
night for --nights nights from --start, on a copy of the network file that
a seeded random manager edits between nights: sickness (one to three
people on some nights, one to five days, sometimes from today), leave
booked weeks ahead, one-off requests, a person joining and one leaving
every few weeks, one rename each of the network, a practice and a person,
a practice removed and another closed on a weekday. After every night it
checks, and counts the failures of:

  exit       the run exits 0 (7, the lock, is a failure here: nothing
             else runs);
  stdout     nothing printed on a night when no feed changed, no
             session changed and no week was published; one line at most
             otherwise, and one when sessions changed or a week entered;
  horizon    events (or the state's horizons) reach the Sunday of the
             last week of the horizon (weeks_ahead, default 4);
  started    every event whose DTSTART <= now is byte-identical, in every
             feed, to the night before, unless it left by retention
             (history_weeks) or as a cancellation kept_cancelled_days old;
  vanished   an unstarted event never disappears without being cancelled;
  retention  no event of a week that ended more than history_weeks ago;
  again      a second run the same night, with no new input, changes
             nothing: no audit rows, no output, every file but status.prom
             byte-identical;
  status     DIR/status.prom holds the six pcnrota_* metrics;
  audit      every audit row of the night matches a new, moved or
             cancelled event in that person's own feed on that date and
             session, and every such change in a week published before
             has an audit row;
  uid        a (feed, date, session, staff) keeps its UID (renames too);
  left       a removed person has no confirmed unstarted event in any
             feed, their own feed serves the cancellations for
             keep_cancelled_days and then goes, their rows say "left";
  closed     no confirmed unstarted event at a removed practice, or at a
             closed practice on its closed weekday;
  absence    no session cancelled outside the person's absences (unless
             they left, the practice closed, or the person gained a
             session that week: a move, as covering a request is);
  parse      every feed parses in python3-icalendar and (with --node) in
             ical.js (tests/js/check_feeds.mjs, one node a night).

Prints one line a night (date, seconds, CPU seconds of pcnrota, sessions
forced by absences, removals and closures, sessions changed, the run's
own line) and the totals; each failure as "FAIL night N DATE CHECK:
example" (the first two of each kind in full, then counted) and a last
line per check. Exits 1 on any failure. Seeded: the same options give
the same nights. Never asserts a duration.

--legacy exercises what exists before the rolling horizon: `plan --out`
of the first weeks_ahead weeks before the first night, and of the week
entering the horizon on every Monday, then `replan`.
"""

import argparse
import collections
import datetime
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time

import icalendar

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
METRICS = ["pcnrota_last_success_timestamp_seconds",
           "pcnrota_weeks_published_ahead", "pcnrota_uncovered_requests",
           "pcnrota_plan_cost", "pcnrota_plan_gap",
           "pcnrota_sessions_changed"]
ABSENCE_KEYS = ("leave", "sickness", "training")
FIRST_NAMES = ["Ada", "Bilal", "Carys", "Dev", "Efua", "Finn", "Gita",
               "Hamza", "Iris", "Jonah", "Kemi", "Lars", "Maya", "Niall",
               "Orla", "Pavel", "Qadira", "Rhys", "Saoirse", "Tariq"]
SHOW = 2  # failures of a kind shown in full


# ------------------------------------------------------------ the network

class Ini:
    """A network file as ordered sections of ordered keys; comments go."""

    def __init__(self, text):
        self.sections = []  # [header, [[key, value], ...]]
        for raw in text.split("\n"):
            line = re.split(r"\s[;#]|^[;#]", raw, maxsplit=1)[0].strip()
            if not line:
                continue
            m = re.match(r"^\[(.*)\]$", line)
            if m:
                self.sections.append([m.group(1).strip(), []])
            elif "=" in line and self.sections:
                k, v = line.split("=", 1)
                self.sections[-1][1].append([k.strip().lower(), v.strip()])

    def text(self):
        return "".join("[%s]\n%s\n" % (h, "".join(
            "%s = %s\n" % (k, v) for k, v in kv))
            for h, kv in self.sections)

    def ids(self, kind):
        return [h.split(None, 1)[1] for h, _ in self.sections
                if h.split(None, 1)[0].lower() == kind and " " in h]

    def section(self, header):
        for h, kv in self.sections:
            if h == header:
                return kv
        return None

    def get(self, header, key, default=None):
        for k, v in self.section(header) or []:
            if k == key:
                return v
        return default

    def set(self, header, key, value):
        kv = self.section(header)
        for pair in kv:
            if pair[0] == key:
                if value is None:
                    kv.remove(pair)
                else:
                    pair[1] = value
                return
        if value is not None:
            kv.append([key, value])

    def add(self, header, key, item):
        old = self.get(header, key)
        self.set(header, key, item if not old else old + " " + item)

    def remove(self, header):
        self.sections = [s for s in self.sections if s[0] != header]

    def network_int(self, key, default):
        v = self.get("network", key)
        return int(v) if v is not None else default


def parse_days(value):
    """Weekday numbers named by a days list: mon-fri, sat, "mon wed"."""
    out = set()
    for item in re.split(r"[\s,]+", value.strip()):
        if not item:
            continue
        a, _, b = item.partition("-")
        i, j = DAYS.index(a), DAYS.index(b or a)
        out.update(range(i, j + 1))
    return out


def session_table(ini):
    """(weekday, "HHMM") -> session id, from the [session] sections."""
    table = {}
    for sid in ini.ids("session"):
        h = "session " + sid
        days = parse_days(ini.get(h, "days", "mon-fri"))
        start = ini.get(h, "start", "").replace(":", "")
        for d in days:
            table[(d, start)] = sid
    return table


def places(ini):
    """LOCATION text -> place id (practices, sites, care homes)."""
    out = {}
    for kind in ("practice", "site", "care_home"):
        for pid in ini.ids(kind):
            h = "%s %s" % (kind, pid)
            name = ini.get(h, "name", pid)
            addr = ini.get(h, "address")
            out[name] = pid
            if addr:
                out["%s, %s" % (name, addr)] = pid
    return out


def absences(ini, staff):
    """[(from, to, session or None, kind)] of a person."""
    out = []
    for key in ABSENCE_KEYS:
        for item in (ini.get("staff " + staff, key) or "").replace(
                ",", " ").split():
            m = re.match(r"^(\d{4}-\d\d-\d\d)(?:\.\.(\d{4}-\d\d-\d\d))?"
                         r"(?:\.([a-z0-9_-]+))?$", item)
            if m:
                out.append((m.group(1), m.group(2) or m.group(1),
                            m.group(3), key))
    return out


def absent(spans, date, session):
    return any(a <= date <= b and (s is None or s == session)
               for a, b, s, _ in spans)


# --------------------------------------------------------------- the feeds

def unfold(data):
    return data.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def unescape(v):
    return re.sub(r"\\([\\,;nN])",
                  lambda m: "\n" if m.group(1) in "nN" else m.group(1), v)


def vevents(data):
    """uid -> {block, dtstart, status, location} of one feed's bytes."""
    out = {}
    text = data.decode("utf-8", "replace")
    for block in re.findall(r"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", text,
                            re.S):
        ev = {"block": block}
        for line in unfold(block):
            name, _, value = line.partition(":")
            prop = name.split(";")[0]
            if prop in ("UID", "DTSTART", "STATUS", "LOCATION"):
                ev[prop.lower()] = value
        out[ev.get("uid", "")] = ev
    return out


def snapshot(out):
    """Every file of the output folder (state and lock aside): bytes."""
    files = {}
    for root, _, names in os.walk(out):
        for n in names:
            p = os.path.join(root, n)
            rel = os.path.relpath(p, out)
            if rel.startswith("state.db") or rel.startswith(".pcnrota-tmp"):
                continue
            with open(p, "rb") as f:
                files[rel] = f.read()
    return files


def feeds_of(files):
    return {p: vevents(b) for p, b in files.items()
            if p.startswith("feeds/") and p.endswith(".ics")}


def read_state(db):
    st = {"events": {}, "audit_max": 0, "audit": [], "assign": {},
          "tokens": {}, "feed_tokens": {}, "until": ""}
    if not os.path.exists(db):
        return st
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        tables = {r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}
        if "events" in tables:
            for uid, feed, d, s, staff, canc in con.execute(
                    "SELECT uid, feed, date, session, staff, cancelled "
                    "FROM events"):
                st["events"][uid] = (feed, d, s, staff, canc)
        if "audit" in tables:
            st["audit_max"] = con.execute(
                "SELECT coalesce(max(rowid), 0) FROM audit").fetchone()[0]
        if "assignments" in tables:
            for d, s, staff, p in con.execute(
                    "SELECT date, session, staff, practice "
                    "FROM assignments"):
                st["assign"][(d, s, staff)] = p
        if "tokens" in tables:
            # A person's token is kept under their ID, the other feeds'
            # under KIND:ID ("network:" for the network's).
            every = dict(con.execute("SELECT staff, token FROM tokens"))
            st["feed_tokens"] = every
            st["tokens"] = {k: v for k, v in every.items() if ":" not in k}
        if "horizons" in tables:
            st["until"] = con.execute(
                "SELECT coalesce(max(to_date), '') FROM horizons"
            ).fetchone()[0]
    finally:
        con.close()
    return st


def audit_since(db, after):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute(
            "SELECT rowid, date, session, staff, old_practice, "
            "new_practice, reason FROM audit WHERE rowid > ? ORDER BY rowid",
            (after,)).fetchall()
    finally:
        con.close()


def published_until(st, feeds):
    """The last date published: the horizons table, else the events."""
    dates = [e[1] for e in st["events"].values() if not e[4]]
    return max([st["until"]] + dates) if (st["until"] or dates) else ""


# ---------------------------------------------------------------- the soak

class Soak:
    def __init__(self, args):
        self.a = args
        self.rng = random.Random(args.seed)
        self.fail_count = collections.Counter()
        self.fail_nights = collections.defaultdict(set)
        self.first_fail = {}
        self.kinds = collections.Counter()
        self.place_ids = {}
        text = open(args.network, encoding="utf-8").read()
        here = os.path.dirname(os.path.abspath(args.network))
        text = re.sub(
            r"^((?:bank_holidays|leave_calendar) *= *)([^/;#\n]\S*)",
            lambda m: m.group(1) + os.path.join(here, m.group(2)),
            text, flags=re.M)
        self.ini = Ini(text)
        for kv in args.network_key:
            k, _, v = kv.partition("=")
            self.ini.set("network", k.strip(), v.strip())
        shutil.rmtree(args.workdir, ignore_errors=True)
        os.makedirs(args.workdir)
        self.path = os.path.join(args.workdir, "network.ini")
        self.out = os.path.join(args.workdir, "out")
        self.db = os.path.join(self.out, "state.db")
        self.joined = 0
        self.leavers = {}     # staff -> (night removed, token)
        self.removed = {}     # practice -> (date, LOCATION texts)
        self.closed_days = []  # (practice, weekday, from date)
        self.night = 0
        self.date = None

    # -- failures
    def fail(self, check, msg):
        self.fail_count[check] += 1
        self.fail_nights[check].add(self.night)
        if check not in self.first_fail:
            self.first_fail[check] = "night %d %s: %s" % (
                self.night, self.date, msg)
        # Shown in full: the first few of each kind of failure.
        kind = (check, re.sub(r"[0-9]+", "N", re.sub(
            r"^\S+ (left|has)", "X", msg).split(", e.g.")[0])[:50])
        self.kinds[kind] += 1
        if self.kinds[kind] <= SHOW:
            print("FAIL night %d %s %s: %s" % (self.night, self.date,
                                               check, msg))
            sys.stdout.flush()

    def fails(self, check, items, what):
        """One failure per night for a list of problems of one kind."""
        if items:
            self.fail(check, "%d %s, e.g. %s" % (len(items), what,
                                                 "; ".join(items[:3])))

    # -- the manager's edits
    def staff(self):
        return [s for s in self.ini.ids("staff")]

    def edit(self, today):
        """The night's input: returns a list of what changed."""
        ini, rng, n = self.ini, self.rng, self.night
        did = []
        iso = today.isoformat()

        def day(k):
            return (today + datetime.timedelta(days=k)).isoformat()
        # Tidying: absences and one-off requests that ended five weeks
        # ago leave the file (lines are at most 1000 bytes).
        cut = day(-35)
        for h, kv in ini.sections:
            for pair in kv:
                if pair[0] in ABSENCE_KEYS + ("requests",):
                    items = [i for i in pair[1].replace(",", " ").split()
                             if not re.match(r"^(?:[a-z0-9_-]+@)?(\d{4}-\d\d-"
                                             r"\d\d\.\.)?(\d{4}-\d\d-\d\d)",
                                             i) or
                             re.match(r"^(?:[a-z0-9_-]+@)?(?:\d{4}-\d\d-\d\d"
                                      r"\.\.)?(\d{4}-\d\d-\d\d)",
                                      i).group(1) >= cut]
                    pair[1] = " ".join(items)
            kv[:] = [p for p in kv if p[1] != ""]
        if today.weekday() < 5 and rng.random() < 0.6:
            for _ in range(rng.randint(1, 3)):
                who = rng.choice(self.staff())
                start = 0 if rng.random() < 0.4 else rng.randint(1, 3)
                length = rng.randint(1, 5)
                item = day(start) if length == 1 else "%s..%s" % (
                    day(start), day(start + length - 1))
                ini.add("staff " + who, "sickness", item)
                did.append("%s sick %s" % (who, item))
        if rng.random() < 0.3:
            who = rng.choice(self.staff())
            start = rng.randint(14, 60)
            length = rng.randint(1, 5)
            item = "%s..%s" % (day(start), day(start + length - 1))
            ini.add("staff " + who, "leave", item)
            did.append("%s leave %s" % (who, item))
        if rng.random() < 0.3:
            practice = rng.choice(ini.ids("practice"))
            role = rng.choice(ini.ids("role"))
            when = today + datetime.timedelta(days=rng.randint(2, 20))
            if when.weekday() < 5:
                item = "%s@%s.%s" % (role, when.isoformat(),
                                     rng.choice(["am", "pm"]))
                ini.add("practice " + practice, "requests", item)
                did.append("request %s at %s" % (item, practice))
        if n % 21 == 10:
            did.append(self.join())
        if n % 21 == 17:
            did.append(self.leave())
        if n == 20:
            old = ini.get("network", "name")
            ini.set("network", "name", old + " (renamed)")
            did.append("network renamed")
        if n == 27:
            p = ini.ids("practice")[0]
            ini.set("practice " + p, "name",
                    ini.get("practice " + p, "name") + " & Partners")
            did.append("practice %s renamed" % p)
        if n == 34:
            s = self.staff()[1]
            ini.set("staff " + s, "name", "Renamed " +
                    ini.get("staff " + s, "name", s))
            did.append("staff %s renamed" % s)
        if n == 41:
            did.append(self.close_practice(iso))
        if n == 48:
            p = self.ini.ids("practice")[-1]
            wd = 4  # Friday
            ini.add("practice " + p, "closed", DAYS[wd])
            self.closed_days.append((p, wd, iso))
            did.append("practice %s closed on %ss" % (p, DAYS[wd]))
        return did

    def join(self):
        self.joined += 1
        sid = "joiner%d" % self.joined
        role = self.rng.choice(self.ini.ids("role"))
        name = "%s Newman" % FIRST_NAMES[self.joined % len(FIRST_NAMES)]
        self.ini.sections.append(["staff " + sid, [
            ["name", name], ["role", role],
            ["sessions", str(self.rng.randint(4, 8))]]])
        return "%s joins (%s)" % (sid, role)

    def leave(self):
        keep = [s for s in self.staff() if not s.startswith("joiner")]
        who = self.rng.choice(keep[2:])  # not the renamed person
        self.ini.remove("staff " + who)
        token = read_state(self.db)["tokens"].get(who)
        self.leavers[who] = (self.night, token)
        return "%s leaves" % who

    def close_practice(self, iso):
        ini = self.ini
        ps = ini.ids("practice")
        # The smallest practice, not the renamed (first) nor the one
        # that closes on a weekday (last).
        p = min(ps[1:-1], key=lambda x: float(
            ini.get("practice " + x, "list_size", "0")))
        locs = {t for t, i in places(ini).items() if i == p}
        ini.remove("practice " + p)
        for h, kv in ini.sections:
            if h.split(None, 1)[0] != "staff":
                continue
            for pair in list(kv):
                k, v = pair
                items = v.replace(",", " ").split()
                if k == "base" and v == p:
                    kv.remove(pair)
                elif k in ("practices", "prefer_practices", "pin",
                           "forbid"):
                    keep = [i for i in items if i != p and
                            not i.startswith(p + "@")]
                    if keep:
                        pair[1] = " ".join(keep)
                    else:
                        kv.remove(pair)
        self.removed[p] = (iso, locs)
        return "practice %s removed" % p

    # -- running pcnrota
    def run(self, args, now):
        cmd = [self.a.pcnrota] + args + ["--now", now]
        if self.a.time_limit:
            cmd += ["--time-limit", str(self.a.time_limit)]
        return subprocess.run(cmd, capture_output=True, text=True)

    def replan(self, now):
        return self.run(["replan", self.path, "--out", self.out], now)

    def legacy_plan(self, today, now, weeks):
        monday = today - datetime.timedelta(days=today.weekday())
        if self.night == 0:
            week, n = monday, weeks
        elif today.weekday() == 0:
            week, n = monday + datetime.timedelta(weeks=weeks - 1), 1
        else:
            return None
        y, w, _ = week.isocalendar()
        return self.run(["plan", self.path, "--out", self.out, "--week",
                         "%d-W%02d" % (y, w), "--weeks", str(n)], now)

    # -- one night
    def night_run(self, night, today):
        self.night, self.date = night, today
        a = self.a
        iso = today.isoformat()
        now = iso + "T02:00"
        now_key = today.strftime("%Y%m%d") + "T020000"
        now_unix = None
        did = self.edit(today)
        ini = self.ini
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(ini.text())
        weeks = ini.network_int("weeks_ahead", 4)
        hist = ini.network_int("history_weeks", 8)
        keep = ini.network_int("keep_cancelled_days", 14)
        table = session_table(ini)

        before_files = snapshot(self.out) if os.path.isdir(self.out) else {}
        before_feeds = getattr(self, "feeds", None) or feeds_of(before_files)
        before = read_state(self.db)
        until_before = published_until(before, before_feeds)

        # Forced: unstarted published placements an input rules out.
        spans = {s: absences(ini, s) for s in ini.ids("staff")}
        forced = 0
        for (d, s, st), p in before["assign"].items():
            if d < iso:
                continue
            if st not in spans or p in self.removed or \
                    absent(spans[st], d, s) or any(
                        p == cp and datetime.date.fromisoformat(
                            d).weekday() == wd and d >= f
                        for cp, wd, f in self.closed_days):
                forced += 1

        t0, c0 = time.monotonic(), os.times()
        if a.legacy:
            r = self.legacy_plan(today, now, weeks)
            if r is not None and r.returncode != 0:
                self.fail("exit", "plan --out (legacy) exit %d: %s" % (
                    r.returncode, r.stderr.strip()[:300]))
        run = self.replan(now)
        secs = time.monotonic() - t0
        c1 = os.times()
        cpu = c1.children_user + c1.children_system - \
            c0.children_user - c0.children_system
        if run.returncode != 0:
            self.fail("exit", "replan exit %d: %s" % (
                run.returncode, run.stderr.strip()[:300]))
        after_files = snapshot(self.out) if os.path.isdir(self.out) else {}
        feeds = feeds_of(after_files)
        after = read_state(self.db) if os.path.exists(self.db) else before
        rows = audit_since(self.db, before["audit_max"]) \
            if os.path.exists(self.db) else []
        until_after = published_until(after, feeds)
        new_week = until_after > until_before

        # stdout
        lines = [l for l in run.stdout.split("\n") if l]
        fed = any(before_files.get(p) != b for p, b in after_files.items()
                  if p.startswith("feeds/")) or any(
                      p not in after_files for p in before_files
                      if p.startswith("feeds/"))
        if run.returncode == 0:
            if not rows and not new_week and not fed and lines:
                self.fail("stdout", "a night without changes or a new week "
                          "printed %r" % run.stdout.strip()[:200])
            elif len(lines) > 1:
                self.fail("stdout", "%d lines printed: %r" % (
                    len(lines), run.stdout.strip()[:200]))
            elif (rows or new_week) and len(lines) != 1:
                self.fail("stdout", "%d audit rows%s but %d lines printed" %
                          (len(rows), ", a new week" if new_week else "",
                           len(lines)))

        # horizon
        monday = today - datetime.timedelta(days=today.weekday())
        last_monday = monday + datetime.timedelta(weeks=weeks - 1)
        last_sunday = (last_monday + datetime.timedelta(days=6)).isoformat()
        in_last = [u for u, e in after["events"].items()
                   if e[0] == "network" and not e[4] and
                   last_monday.isoformat() <= e[1] <= last_sunday]
        if after["until"] < last_sunday and not in_last:
            self.fail("horizon", "published until %s (horizons) / %s "
                      "(events), not through %s" % (
                          after["until"] or "-", until_after or "-",
                          last_sunday))

        # started, vanished, retention, uid
        self.check_feeds_between(before_feeds, feeds, before, after, now_key,
                                 today, hist, keep)
        # audit against the person's own feed
        self.check_audit(rows, before_feeds, feeds, before, after,
                         until_before, table, ini)
        # removed people, closed practices, absences
        self.check_rules(rows, feeds, after, now_key, today, keep, spans,
                         table, ini)
        # status.prom
        prom = after_files.get("status.prom", b"").decode("utf-8", "replace")
        missing = [m for m in METRICS
                   if not re.search(r"^%s(\{[^}]*\})? \S+$" % m, prom,
                                    re.M)]
        if missing:
            self.fail("status", "status.prom %s" % (
                "missing" if "status.prom" not in after_files else
                "lacks " + " ".join(missing)))

        # parsers
        self.parse(feeds, after_files)

        # the same night again, with nothing new
        again = self.replan(now)
        again_files = snapshot(self.out) if os.path.isdir(self.out) else {}
        again_rows = audit_since(self.db, after["audit_max"]) \
            if os.path.exists(self.db) else []
        problems = []
        if again.returncode != 0:
            problems.append("exit %d: %s" % (again.returncode,
                                             again.stderr.strip()[:200]))
        if again.stdout.strip():
            problems.append("printed %r" % again.stdout.strip()[:120])
        if again_rows:
            problems.append("%d audit rows, e.g. %s" % (len(again_rows),
                                                         again_rows[0][1:]))
        diff = sorted(p for p in set(after_files) | set(again_files)
                      if p != "status.prom" and
                      after_files.get(p) != again_files.get(p))
        if diff:
            problems.append("%d files changed: %s" % (
                len(diff), " ".join(diff[:5])))
        if problems:
            self.fail("again", "; ".join(problems))
        self.feeds = feeds_of(again_files)

        changed = len(rows)
        print("%3d %s %s %6.2fs (cpu %6.2fs) forced %3d changed %3d | %s%s"
              % (night, iso, DAYS[today.weekday()], secs, cpu, forced,
                 changed,
            " ".join(lines)[:70] or "-",
            (" [own feeds %d; %s]" % (self.own_changes, "; ".join(did)))
            if a.verbose else ""))
        sys.stdout.flush()
        return secs, cpu, forced, changed

    def check_feeds_between(self, bf, af, bst, ast, now_key, today, hist,
                            keep):
        iso = today.isoformat()
        monday = today - datetime.timedelta(days=today.weekday())
        # Weeks that ended more than hist weeks ago: Sundays before this.
        oldest = (monday - datetime.timedelta(weeks=hist)).isoformat()
        now_unix = int(datetime.datetime.fromisoformat(
            iso + "T02:00").timestamp())  # only for cancellations' age
        started, vanished, retained = [], [], []
        for path, evs in bf.items():
            cur = af.get(path)
            for uid, ev in evs.items():
                d = ev.get("dtstart", "")
                day = "%s-%s-%s" % (d[:4], d[4:6], d[6:8])
                new = cur.get(uid) if cur is not None else None
                if new is not None and new["block"] == ev["block"]:
                    continue
                if new is None:
                    retention = day < oldest
                    canc = bst["events"].get(uid, (0, 0, 0, 0, 0))[4]
                    kept = ev.get("status") == "CANCELLED" and canc and \
                        now_unix - canc >= (keep - 1) * 86400
                    # The feed of a person or practice that left goes
                    # whole once its cancellations have been kept.
                    leaver = cur is None and (any(
                        t and path == "feeds/%s.ics" % t
                        for _, t in self.leavers.values()) or any(
                        path == "feeds/%s.ics" % bst["feed_tokens"].get(
                            "practice:" + p)
                        for p in self.removed))
                    if retention or kept or leaver:
                        continue
                    if d <= now_key:
                        started.append("%s %s %s gone" % (path, uid, d))
                    elif ev.get("status") != "CANCELLED":
                        vanished.append("%s %s %s" % (path, uid, d))
                elif d <= now_key:
                    started.append("%s %s %s changed: %s" % (
                        path, uid, d, first_diff(ev["block"],
                                                 new["block"])))
        for path, evs in af.items():
            for uid, ev in evs.items():
                d = ev.get("dtstart", "")
                day = "%s-%s-%s" % (d[:4], d[4:6], d[6:8])
                if day < (datetime.date.fromisoformat(oldest) -
                          datetime.timedelta(days=1)).isoformat():
                    retained.append("%s %s %s" % (path, uid, day))
                # A feed that was there before gains no started event
                # (the first publication may show the week's first days).
                if path in bf and uid not in bf[path] and d <= now_key:
                    started.append("%s %s %s added though started" % (
                        path, uid, d))
        self.fails("started", started, "started events not as before")
        self.fails("vanished", vanished,
                   "unstarted events gone without a cancellation")
        self.fails("retention", retained,
                   "events of weeks ended over history_weeks ago")
        # UIDs: the state's events by (feed, date, session, staff).
        # Standing events only: a cancelled one may sit beside its key's
        # standing event.
        bykey = {}
        for uid, e in bst["events"].items():
            if not e[4]:
                bykey[e[:4]] = uid
        moved = []
        for uid, e in ast["events"].items():
            old = bykey.get(e[:4]) if not e[4] else None
            if old is not None and old != uid:
                moved.append("%s %s %s %s: %s -> %s" % (e[:4] + (old, uid)))
        self.fails("uid", moved, "UIDs changed for the same (feed, date, "
                   "session, staff)")

    def own(self, feeds, st, staff, fallback=None):
        t = st["tokens"].get(staff) or fallback
        return feeds.get("feeds/%s.ics" % t, {}) if t else {}

    def check_audit(self, rows, bf, af, bst, ast, until_before, table, ini):
        # Every place text ever published -> its id: ids never change,
        # names do (renames), and removed practices stay known.
        self.place_ids.update(places(ini))
        pb = pa = self.place_ids
        def where(ev, table_of):
            loc = unescape(ev.get("location", ""))
            return table_of.get(loc, loc)

        def key_of(ev):
            d = ev.get("dtstart", "")
            try:
                wd = datetime.date(int(d[:4]), int(d[4:6]),
                                   int(d[6:8])).weekday()
            except ValueError:
                return None
            return ("%s-%s-%s" % (d[:4], d[4:6], d[6:8]),
                    table.get((wd, d[9:13]), d[9:13]))
        audited = {}
        for _, d, s, staff, old, new, reason in rows:
            audited[(staff, d, s)] = (old, new, reason)
        people = set(bst["tokens"]) | set(ast["tokens"])
        changes = {}
        for staff in people:
            b = self.own(bf, bst, staff)
            a = self.own(af, ast, staff, bst["tokens"].get(staff))
            for uid, ev in a.items():
                k = key_of(ev)
                if k is None:
                    continue
                old = b.get(uid)
                kind = None
                if ev.get("status") == "CANCELLED":
                    if old is not None and old.get("status") != "CANCELLED":
                        kind = "cancelled"
                elif old is None or old.get("status") == "CANCELLED":
                    kind = "new"
                elif where(old, pb) != where(ev, pa):
                    kind = "moved %s->%s" % (where(old, pb)[:30],
                                             where(ev, pa)[:30])
                if kind:
                    changes[(staff, k[0], k[1])] = kind
            for uid, ev in b.items():
                if uid not in a and ev.get("status") != "CANCELLED" and \
                        ev.get("dtstart", "") > \
                        self.date.strftime("%Y%m%dT020000"):
                    k = key_of(ev)
                    if k:
                        changes.setdefault((staff, k[0], k[1]), "dropped")
        self.own_changes = len(changes)
        unmatched, unaudited, mismatched = [], [], []
        for k, (old, new, reason) in sorted(audited.items()):
            kind = changes.get(k)
            if kind is None:
                unmatched.append("%s %s.%s %s->%s (%s)" % (
                    k + (old or "-", new or "-", reason)))
                continue
            want = "new" if not old else "cancelled" if not new else "moved"
            if kind.split()[0] != want and not (kind == "dropped" and want ==
                                     "cancelled"):
                mismatched.append("%s %s.%s audit %s->%s, feed %s" % (
                    k + (old or "-", new or "-", kind)))
        for k, kind in sorted(changes.items()):
            if k not in audited and k[1] <= until_before:
                unaudited.append("%s %s.%s %s" % (k + (kind,)))
        self.fails("audit", unmatched, "audit rows without a change in "
                   "the person's own feed")
        self.fails("audit", unaudited, "own-feed changes in published "
                   "weeks without an audit row")
        self.fails("audit", mismatched, "audit rows of another kind than "
                   "the feed's change")

    def check_rules(self, rows, feeds, ast, now_key, today, keep, spans,
                    table, ini):
        iso = today.isoformat()
        ev_staff = {uid: e for uid, e in ast["events"].items()}
        confirmed = []  # (path, uid, dtstart, staff, location)
        for path, evs in feeds.items():
            for uid, ev in evs.items():
                if ev.get("status") == "CANCELLED" or \
                        ev.get("dtstart", "") <= now_key:
                    continue
                e = ev_staff.get(uid)
                confirmed.append((path, uid, ev.get("dtstart", ""),
                                  e[3] if e else None,
                                  unescape(ev.get("location", ""))))
        bad = []
        for path, uid, d, staff, loc in confirmed:
            if staff in self.leavers:
                bad.append("%s %s %s of %s" % (path, uid, d, staff))
        self.fails("left", bad, "confirmed unstarted events of people "
                   "removed from the file")
        for who, (night, token) in self.leavers.items():
            age = self.night - night
            path = "feeds/%s.ics" % token if token else None
            if path is None:
                continue
            if age < keep and path not in feeds:
                self.fail("left", "%s left %d nights ago: own feed %s gone "
                          "before keep_cancelled_days (%d)" % (
                              who, age, path, keep))
            if age > keep + 1 and path in feeds:
                self.fail("left", "%s left %d nights ago: own feed %s "
                          "still served (keep_cancelled_days %d)" % (
                              who, age, path, keep))
            if age == 0:
                reasons = collections.Counter(
                    r[6] for r in rows if r[3] == who)
                if set(reasons) - {"left"}:
                    self.fail("left", "%s's audit rows give reasons %s, "
                              "not only \"left\"" % (who, dict(reasons)))
        bad = []
        for p, (since, locs) in self.removed.items():
            for path, uid, d, staff, loc in confirmed:
                if loc in locs:
                    bad.append("%s %s %s at %s" % (path, uid, d, p))
        for p, wd, since in self.closed_days:
            locs = {t for t, i in places(ini).items() if i == p}
            for path, uid, d, staff, loc in confirmed:
                if loc in locs and datetime.date(
                        int(d[:4]), int(d[4:6]), int(d[6:8])).weekday() == wd:
                    bad.append("%s %s %s at %s on a %s" % (
                        path, uid, d, p, DAYS[wd]))
        for p, (since, _) in self.removed.items():
            age = (today - datetime.date.fromisoformat(since)).days
            path = "feeds/%s.ics" % ast["feed_tokens"].get("practice:" + p)
            if age < keep and path not in feeds:
                bad.append("%s gone %d days after the practice closed "
                           "(keep_cancelled_days %d)" % (path, age, keep))
            if age > keep + 1 and path in feeds:
                bad.append("%s still served %d days after the practice "
                           "closed (keep_cancelled_days %d)" % (path, age,
                                                                keep))
        self.fails("closed", bad, "confirmed unstarted events at a closed "
                   "practice, or its feed kept too short or too long")
        bad = []
        # A session dropped for one added in the same week is a move (to
        # cover a request, priced as two changes), not a contract that
        # the absence made the week count again.
        added = {(staff, datetime.date.fromisoformat(d).isocalendar()[:2])
                 for _, d, s, staff, old, new, reason in rows
                 if new and not old}
        for _, d, s, staff, old, new, reason in rows:
            week = datetime.date.fromisoformat(d).isocalendar()[:2]
            if (staff, week) in added:
                continue
            if new or staff not in spans or old in self.removed or any(
                    old == cp and datetime.date.fromisoformat(
                        d).weekday() == wd for cp, wd, _ in self.closed_days):
                continue
            if not absent(spans[staff], d, s):
                bad.append("%s %s.%s at %s (%s)" % (staff, d, s, old,
                                                    reason))
        self.fails("absence", bad, "sessions cancelled outside the person's "
                   "absences")

    def parse(self, feeds, files):
        problems = []
        for path in sorted(feeds):
            try:
                cal = icalendar.Calendar.from_ical(files[path])
                for ev in cal.walk("VEVENT"):
                    for p in ("UID", "DTSTART", "DTEND", "DTSTAMP",
                              "SEQUENCE", "STATUS"):
                        if p not in ev:
                            raise ValueError("an event without %s" % p)
                    ev["DTSTART"].dt
            except Exception as e:  # noqa: the parser's own errors
                problems.append("%s: %s" % (path, e))
        self.fails("parse", problems, "feeds python3-icalendar rejects")
        if self.a.node:
            r = subprocess.run(
                ["node", os.path.join(self.a.node, "check_feeds.mjs"),
                 self.out], capture_output=True, text=True)
            if r.returncode != 0:
                self.fail("parse", "ical.js: %s" % " | ".join(
                    r.stdout.strip().split("\n")[:3]))


def first_diff(a, b):
    """What differs between two events: the properties, and the first
    that is not a stamp (DTSTAMP, SEQUENCE) as old -> new."""
    def props(block):
        out = collections.OrderedDict()
        for line in unfold(block):
            name = line.partition(":")[0].split(";")[0]
            out.setdefault(name, line)
        return out
    pa, pb = props(a), props(b)
    names = [n for n in list(pa) + [n for n in pb if n not in pa]
             if pa.get(n) != pb.get(n)]
    main = [n for n in names if n not in ("DTSTAMP", "SEQUENCE")]
    show = main[0] if main else (names[0] if names else None)
    if show is None:
        return "same properties, other bytes"
    return "%s: %r -> %r" % (" ".join(names), (pa.get(show) or "-")[:70],
                             (pb.get(show) or "-")[:70])


def spans(nights):
    """Night numbers as ranges: 3-5 9 12-20."""
    out, run = [], []
    for n in sorted(nights):
        if run and n == run[-1] + 1:
            run.append(n)
        else:
            if run:
                out.append(run)
            run = [n]
    if run:
        out.append(run)
    return "nights " + " ".join(
        str(r[0]) if len(r) == 1 else "%d-%d" % (r[0], r[-1]) for r in out)


def main(argv):
    ap = argparse.ArgumentParser(prog="soak.py", description=__doc__.split(
        "\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pcnrota")
    ap.add_argument("network")
    ap.add_argument("workdir")
    ap.add_argument("--nights", type=int, default=60)
    ap.add_argument("--start", default="2026-11-25",
                    help="the first night's date (default 2026-11-25)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--node", metavar="DIR",
                    help="a folder with check_feeds.mjs and ical.js in "
                    "node_modules: parse every night's feeds with it too")
    ap.add_argument("--time-limit", type=float,
                    help="--time-limit for each run")
    ap.add_argument("--legacy", action="store_true",
                    help="publish with plan --out first and on Mondays")
    ap.add_argument("--network-key", action="append", default=[],
                    metavar="KEY=VALUE", help="set a [network] key, such "
                    "as history_weeks=2 (repeatable)")
    ap.add_argument("--verbose", action="store_true",
                    help="show each night's edits")
    a = ap.parse_args(argv[1:])
    soak = Soak(a)
    start = datetime.date.fromisoformat(a.start)
    total_forced = total_changed = 0
    max_secs = max_cpu = 0.0
    sizes = {}
    for night in range(a.nights):
        today = start + datetime.timedelta(days=night)
        secs, cpu, forced, changed = soak.night_run(night, today)
        max_cpu = max(max_cpu, cpu)
        total_forced += forced
        total_changed += changed
        max_secs = max(max_secs, secs)
        if night + 1 == 60 or night + 1 == a.nights:
            sizes[night + 1] = tuple(
                os.path.getsize(p) if os.path.exists(p) else 0
                for p in (soak.db, os.path.join(
                    soak.out, "feeds", "%s.ics" % read_state(soak.db)[
                        "feed_tokens"].get("network:"))))
    print("total: %d nights, %d sessions forced, %d changed (%.2f per "
          "forced), max %.2f s a night (cpu %.2f s)" % (
              a.nights, total_forced, total_changed,
              total_changed / max(1, total_forced), max_secs, max_cpu))
    for n, (db, ics) in sorted(sizes.items()):
        print("sizes at night %d: state.db %d bytes, network.ics %d bytes"
              % (n, db, ics))
    if soak.fail_count:
        for check in sorted(soak.fail_count):
            print("FAILED %s: on %d nights (%s; first %s)" % (
                check, len(soak.fail_nights[check]),
                spans(soak.fail_nights[check]), soak.first_fail[check]))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
