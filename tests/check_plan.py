#!/usr/bin/env python3
"""Independent checker for the CSV outputs of `pcnrota plan --out DIR`.

Usage: check_plan.py [--no-fair] NETWORK.ini OUTDIR

OUTDIR holds assignments.csv, fairness.csv and uncovered.csv. The network
file is read here from scratch (configparser plus our own list and slot
parsing): no code is shared with the C program, so a bug in one is not
repeated in the other. Weeks checked are those in fairness.csv's week
column (ISO weeks such as 2026-W49).

A day alone in a slot ('mon', 'mon-fri', a date) names the sessions
held that day but the Enhanced Access ones, or on a day with only
Enhanced Access sessions those; in `enhanced_access`, a day's Enhanced
Access sessions.

Rules checked (the letters prefix each violation message):
  [a] nobody twice in the same date and session;
  [b] nobody at more than one place (a practice's site, a further
      [site], a [care_home]) on a date, unless the two are a pair in the
      network's `travel`, and then sessions at the two are at least the
      pair's minutes apart (end of one to start of the next); never three;
  [c] per site, date and session, no more staff than rooms (rooms,
      default 1; rooms_at overrides by day or day.session; closed -> 0,
      weekly, or on a date, the nth weekday of a month ('2nd-wed.pm')
      or in week A or B ('A:fri') only, or by an event of a `closures`
      calendar (of the practice's main site, a [site], or the network's:
      every practice's sites);
      a bank holiday from `bank_holidays`, or by default the `region`'s
      shipped calendar, -> 0 but for the sessions in
      `open_on_bank_holidays`); a care home has one room in its
      `round_at` slots (default weekdays), none otherwise;
  [d] per person and ISO week, no more sessions than contracted, less one
      per leave session, or session closed by a bank holiday, falling on
      a session they work (never below 0);
  [e] nobody placed on leave (`leave`, `sickness`, `training`, and the
      events of `leave_calendar` files, per person or shared, read here by
      our own iCalendar reader with dateutil's rrule: all-day and timed,
      RRULE/EXDATE/RDATE, a timed event taking the sessions it overlaps),
      outside their `works` (in week A or B only for 'A:mon', 'B:tue'), at a practice not in their `practices`, or
      in a session not held that day; at a care home only with one of
      its `roles`;
  [f] every row's staff, role, practice, site, names, week, day and
      times agree with the network file (practice empty at a care home);
  [g] fairness: for each week and role the delivered total is shared
      between practices by the share basis with the largest remainder
      method (ties to the practice first in the file), a practice where
      no staff member of the role may work having no weight; every practice's
      delivered count is within 1 of that share (skipped with --no-fair,
      and when rota.txt says the time limit stopped the search short of
      an optimal plan: fair shares are its goal, not a rule).
      fairness.csv is checked too: one row per week, role and practice,
      share_basis right, delivered equal to the count in assignments.csv,
      difference = delivered - target, and its targets the largest
      remainder shares of their own total;
  [h] every request (weekly slots every week, or in week A or B only
      counted from `week_a`, or on the nth weekday of the month; dated
      slots on their date) not met by an assignment of that role at that
      practice and session is in uncovered.csv, and every row there is
      such an unmet request, counting multiplicity. A [site]'s requests
      are met at that site only (its staff meet them first, the rest at
      the practice meet the practice's own). A request is not needed,
      so never uncovered, when a bank holiday or a closure (`closed` on
      a date, a day of the month or in week A or B) shuts every site
      open to it by the weekly pattern;
  [i] supervision: a person who needs supervision (their role has
      `supervised = yes`, or they have `needs_supervision = yes`) is only
      placed at a practice and session its `supervision` names;
  [j] Enhanced Access: a session with `enhanced_access = yes` is staffed
      only at practices with `ea_hub = yes`, by staff whose
      `enhanced_access` (yes or slots) covers it; EA sessions are never
      in `works` and leave on them costs no contracted session; the
      minutes delivered each week (session length per placement, from
      assignments.csv) and the minutes owed (ea_hours_per_week, or
      ea_minutes_per_1000, default 60, times the registered list total,
      to the nearest minute) match the "Enhanced Access" line of rota.txt
      when OUTDIR has one, and so do the staff and hours it lists for
      each Enhanced Access session held that week; the minutes delivered
      are never over `ea_max_hours_per_week`;
  [k] nobody is placed where their `forbid` says, then (a practice:
      any of its sites; a site: that one); a forbid without a slot, and
      `practices` naming a site rather than its practice, take a place
      away altogether ([e]);
  [l] nobody works more sessions on a date than their `max_per_day`;
  [m] with `no_evening_then_morning = yes`, nobody works a session ending
      after 18:00 and a session starting before 12:00 the next day;
  [n] every `pin` (a slot with a session, or the sessions the person works
      on a pinned day) is placed as pinned, or listed under "Pins not
      kept" in rota.txt (when OUTDIR has one), and only those are listed;
  [o] every practice's `minimum` of a role is met each week, or listed
      with the sessions delivered under "Minimums not met" in rota.txt,
      and only those are listed;
  [p] care homes: only staff of the home's `roles` do its round, and no
      more round sessions are held in a week than its `rounds`;
  [x] file format: header rows, CRLF line ends, readable values.

Prints one line per violation, then `check_plan: N checks, M violations`.
Exit status: 0 no violation, 1 violations, 2 usage or unreadable network.

The checker can fail: tests/data/good-plan/ is a hand-made plan for
fixtures/tiny.ini that passes, and tests/data/broken-plan/ one with a
double booking, a room overbooked and a missing uncovered row, each of
which must be reported (tests/data/broken-plan/expected-violations lists
a pattern per violation; tests/checker.sh runs both).
"""

import argparse
import collections
import configparser
import csv
import datetime
import os
import re
import sys
from fractions import Fraction
from zoneinfo import ZoneInfo

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
          "Oct", "Nov", "Dec"]
SECTION_TYPES = ("network", "session", "practice", "role", "staff",
                 "objective", "site", "care_home")

ASSIGNMENTS_HEADER = ["date", "week", "day", "session", "start", "end",
                      "staff", "staff_name", "role", "role_name", "practice",
                      "practice_name", "site", "site_name"]
FAIRNESS_HEADER = ["week", "role", "role_name", "practice", "practice_name",
                   "share_basis", "target", "delivered", "difference",
                   "agreed_share", "carried_in"]
UNCOVERED_HEADER = ["date", "week", "day", "session", "start", "end",
                    "practice", "practice_name", "role", "role_name",
                    "reason"]


class NetworkError(Exception):
    """The network file cannot be understood; the checker gives up."""


# ---------------------------------------------------------------- values

def clean(value):
    """A value without any comment: ';' and '#' start one anywhere."""
    return re.split(r"[;#]", value, maxsplit=1)[0].strip()


def uk_dates(text):
    """A spreadsheet's D/M/YYYY dates as YYYY-MM-DD; the rest unchanged."""
    def iso(m):
        try:
            return datetime.date(int(m.group(3)), int(m.group(2)),
                                 int(m.group(1))).isoformat()
        except ValueError:
            return m.group(0)
    return re.sub(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", iso, text)


def read_table(ini_path, name):
    """Rows of a CSV file the network file names, as dicts by column."""
    path = os.path.join(os.path.dirname(ini_path), name)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise NetworkError("cannot read %s: %s" % (path, e)) from None
    head = [h.strip().lower().replace(" ", "_") for h in rows[0]]
    return [{k: uk_dates(v.strip()) for k, v in zip(head, row) if v.strip()}
            for row in rows[1:] if any(v.strip() for v in row)]


def add_tables(ini_path, sections):
    """staff_csv, leave_csv and requests_csv, as the sections they stand
    for: a [staff] section per row, leave and requests added to the
    sections' own values."""
    net = sections["network"][0][1]
    if net.get("staff_csv"):
        for row in read_table(ini_path, net["staff_csv"]):
            ident = row.pop("id").lower()
            sections["staff"].append((ident, row))
    staff = {ident: v for ident, v in sections["staff"]}
    if net.get("leave_csv"):
        for row in read_table(ini_path, net["leave_csv"]):
            item = row["from"]
            if row.get("to", item) != item:
                item += ".." + row["to"]
            elif row.get("session"):
                item += "." + row["session"]
            v = staff[row["staff"].lower()]
            kind = row.get("kind", "leave").lower()
            v[kind] = (v.get(kind, "") + " " + item).strip()
    practices = {ident: v for ident, v in sections["practice"]}
    if net.get("requests_csv"):
        for row in read_table(ini_path, net["requests_csv"]):
            v = practices[row["practice"].lower()]
            items = " ".join(row["role"] + "@" + slot
                             for slot in split_list(row["slot"]))
            v["requests"] = (v.get("requests", "") + " " + items).strip()


def split_list(value):
    """Items separated by spaces and/or commas."""
    return [item for item in re.split(r"[\s,]+", value) if item]


def parse_day_range(text):
    """'mon' or 'mon-fri' -> list of weekday numbers (0 = Monday)."""
    text = text.lower()
    if "-" in text:
        first, last = text.split("-", 1)
    else:
        first = last = text
    if first not in DAYS or last not in DAYS:
        raise NetworkError("bad day %r" % text)
    a, b = DAYS.index(first), DAYS.index(last)
    if b < a:
        raise NetworkError("bad day range %r" % text)
    return list(range(a, b + 1))


def parse_date(text):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not m:
        raise NetworkError("bad date %r" % text)
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)),
                             int(m.group(3)))
    except ValueError:
        raise NetworkError("bad date %r" % text) from None


def parse_hhmm(text):
    m = re.fullmatch(r"(\d{2}):(\d{2})", text)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise NetworkError("bad time %r" % text)
    return text


def parse_hhmm_minutes(text):
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def iso_week(date):
    year, week, _ = date.isocalendar()
    return "%04d-W%02d" % (year, week)


def parse_iso_week(text):
    """'2026-W49' -> the Monday of that week, or None."""
    m = re.fullmatch(r"(\d{4})-W(\d{2})", text)
    if not m:
        return None
    try:
        return datetime.date.fromisocalendar(int(m.group(1)),
                                             int(m.group(2)), 1)
    except ValueError:
        return None


def largest_remainder(total, weights):
    """Whole shares of total in proportion to weights (Hamilton method).

    Each gets the whole part of total * w / W; the rest go one each to
    the largest fractional parts, the first listed winning a tie. All
    weights zero: equal shares. Exact arithmetic (Fractions).
    """
    n = len(weights)
    if n == 0:
        return []
    weight_sum = sum(weights)
    if weight_sum > 0:
        exact = [Fraction(total) * w / weight_sum for w in weights]
    else:
        exact = [Fraction(total, n)] * n
    shares = [int(e) for e in exact]  # floor: values are >= 0
    left = total - sum(shares)
    order = sorted(range(n), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[:left]:
        shares[i] += 1
    return shares


# ------------------------------------------------------------- calendars

# Occurrences of recurring events are looked for in these years: wider
# than any plan the tests make.
ICS_WINDOW = (datetime.datetime(2024, 1, 1), datetime.datetime(2029, 1, 1))


def ics_events(path):
    """The VEVENTs of an iCalendar file, each a dict of property name to
    a list of (parameters, value), lines unfolded. Our own reading of RFC
    5545, shared with no C code."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise NetworkError("cannot read %s: %s" % (path, e)) from None
    lines = []
    for raw in re.split(r"\r?\n", text):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    events, cur = [], None
    for line in lines:
        m = re.match(r"([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$", line)
        if not m:
            continue
        name, params, value = m.group(1).upper(), m.group(2), m.group(3)
        if name == "BEGIN" and value.upper() == "VEVENT":
            cur = collections.defaultdict(list)
        elif name == "END" and value.upper() == "VEVENT" and cur is not None:
            events.append(cur)
            cur = None
        elif cur is not None:
            p = {}
            for item in re.findall(r';([^=;]+)=("[^"]*"|[^;]*)', params):
                p[item[0].upper()] = item[1].strip('"')
            cur[name].append((p, value))
    return events


def ics_time(params, value, zone):
    """A date, or an aware datetime (floating ones in the network zone)."""
    if params.get("VALUE", "").upper() == "DATE" or len(value) == 8:
        return datetime.datetime.strptime(value, "%Y%m%d").date()
    t = datetime.datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")
    if value.endswith("Z"):
        return t.replace(tzinfo=datetime.timezone.utc)
    return t.replace(tzinfo=ZoneInfo(params.get("TZID", zone)))


def ics_duration(text):
    """An RFC 5545 DURATION: (nominal days, exact seconds)."""
    m = re.match(r"([+-]?)P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?"
                 r"(?:(\d+)S)?)?$", text)
    sign = -1 if m.group(1) == "-" else 1
    w, d, h, mi, s = (int(x or 0) for x in m.groups()[1:])
    return sign * (7 * w + d), sign * (3600 * h + 60 * mi + s)


def ics_absences(event, zone):
    """Yields (date, start, end) in minutes of local time, or (date, None,
    None) for whole days, of every occurrence of a VEVENT."""
    tz = ZoneInfo(zone)
    if event.get("STATUS") and event["STATUS"][0][1].upper() == "CANCELLED":
        return
    start = ics_time(*event["DTSTART"][0], zone)
    all_day = not isinstance(start, datetime.datetime)
    days, seconds = 0, 0
    if "DTEND" in event:
        end = ics_time(*event["DTEND"][0], zone)
        if all_day:
            days = (end - start).days
        else:
            seconds = (end - start).total_seconds()
    elif "DURATION" in event:
        days, seconds = ics_duration(event["DURATION"][0][1])
    elif all_day:
        days = 1
    starts = [start]
    if "RRULE" in event:
        from dateutil import rrule  # only networks with recurring leave
        base = (datetime.datetime.combine(start, datetime.time())
                if all_day else start.replace(tzinfo=None))
        rule = rrule.rrulestr(event["RRULE"][0][1], dtstart=base)
        starts = [t.date() if all_day else t.replace(tzinfo=start.tzinfo)
                  for t in rule.between(*ICS_WINDOW, inc=True)]
    for p, v in event.get("RDATE", []):
        starts += [ics_time(p, x, zone) for x in v.split(",")]
    excluded = {ics_time(p, x, zone)
                for p, v in event.get("EXDATE", []) for x in v.split(",")}
    for s in starts:
        if s in excluded:
            continue
        if all_day:
            for i in range(max(days, 1)):
                yield s + datetime.timedelta(days=i), None, None
            continue
        # Days nominal (same wall clock), the rest exact.
        e = s + datetime.timedelta(days=days)
        e = (e.astimezone(datetime.timezone.utc)
             + datetime.timedelta(seconds=seconds)).astimezone(tz)
        s = s.astimezone(tz)
        date = s.date()
        while date <= e.date():
            lo = s if date == s.date() else None
            hi = e if date == e.date() else None
            a = lo.hour * 60 + lo.minute if lo else 0
            b = hi.hour * 60 + hi.minute + (hi.second > 0) if hi else 1440
            if b > a:
                yield date, a, b
            date += datetime.timedelta(days=1)


def ics_who(event, staff):
    """The staff ids an event in the shared calendar is for."""
    found = set()
    for p, v in event.get("ATTENDEE", []):
        cn = p.get("CN", "").casefold()
        mail = re.sub(r"(?i)^mailto:", "", v).casefold()
        for ident, st in staff.items():
            if cn and cn in (st["name"].casefold(), ident):
                found.add(ident)
            if mail and (mail == ident or mail.split("@")[0] == ident):
                found.add(ident)
    if found or "SUMMARY" not in event:
        return found
    summary = event["SUMMARY"][0][1].casefold()
    best, who = 0, set()
    for ident, st in staff.items():
        for name in (st["name"].casefold(), ident):
            if (summary.startswith(name)
                    and not summary[len(name):len(name) + 1].isalnum()):
                if len(name) > best:
                    best, who = len(name), {ident}
                elif len(name) == best:
                    who.add(ident)
    return who


# ----------------------------------------------------------- the network

class Network:
    """What the checker needs from the network file."""

    def __init__(self, path):
        parser = configparser.ConfigParser(
            inline_comment_prefixes=(";", "#"), interpolation=None,
            strict=False, delimiters=("=",), default_section="\0none")
        try:
            with open(path, encoding="utf-8") as f:
                # iniparser reads an indented line like any other, where
                # configparser would take it as a continued value.
                parser.read_string("\n".join(line.strip() for line in f),
                                   source=path)
        except (OSError, configparser.Error, UnicodeDecodeError) as e:
            raise NetworkError("cannot read %s: %s" % (path, e)) from None

        # Sections in file order, by type, ids lowercased.
        sections = {t: [] for t in SECTION_TYPES}
        for name in parser.sections():
            parts = name.split(None, 1)
            kind = parts[0].lower()
            ident = parts[1].strip().lower() if len(parts) > 1 else None
            if kind not in sections:
                raise NetworkError("unknown section [%s]" % name)
            values = {k.lower(): clean(v) for k, v in parser[name].items()}
            sections[kind].append((ident, values))

        if len(sections["network"]) != 1:
            raise NetworkError("need exactly one [network] section")
        self.network = sections["network"][0][1]
        add_tables(path, sections)
        self.week_a = None
        if self.network.get("week_a", ""):
            d = parse_date(self.network["week_a"])
            self.week_a = d - datetime.timedelta(days=d.weekday())

        # Sessions: id -> (start, end, set of weekdays); ids in file order.
        self.sessions = collections.OrderedDict()
        for ident, v in sections["session"]:
            days = set()
            for item in split_list(v.get("days", "mon-fri")):
                days.update(parse_day_range(item))
            self.sessions[ident] = {
                "start": parse_hhmm(v["start"]),
                "end": parse_hhmm(v["end"]),
                "days": days,
                "ea": v.get("enhanced_access", "no") == "yes",
            }

        self.roles = [ident for ident, _ in sections["role"]]
        self.role_names = {ident: v.get("name") or ident
                           for ident, v in sections["role"]}
        self.supervised_roles = {ident for ident, v in sections["role"]
                                 if v.get("supervised", "no") == "yes"}

        # Practices, in file order (the tie-break order for shares).
        self.practices = collections.OrderedDict()
        for ident, v in sections["practice"]:
            # Its main site: rooms, rooms_at, closed, supervision.
            p = self.place(v, v["name"])
            p.update({
                "list_size": int(v["list_size"]),
                "weighted": (Fraction(v["weighted_list_size"])
                             if v.get("weighted_list_size", "") != ""
                             else None),
                "weekly_requests": [],  # (role, weekday, session)
                "dated_requests": [],   # (role, date, session)
                "ea_hub": v.get("ea_hub", "no") == "yes",
            })
            for item in split_list(v.get("requests", "")):
                role, slot = item.split("@", 1)
                role = role.lower()
                if re.match(r"\d{4}-", slot):
                    for date, session in sorted(self.dated_slot(slot)):
                        p["dated_requests"].append((role, date, session))
                else:
                    slots, applies = self.when(slot)
                    for day, session in sorted(
                            slots,
                            key=lambda ds: (ds[0], self.session_index(ds[1]))):
                        p["weekly_requests"].append((role, day, session,
                                                     applies))
            p["percent"] = (Fraction(v["share_percent"])
                            if v.get("share_percent", "") != "" else None)
            p["fixed"] = {}
            for item in split_list(v.get("fixed_sessions", "")):
                role, count = item.split(":", 1)
                p["fixed"][role.lower()] = int(count)
            p["minimum"] = {}
            for item in split_list(v.get("minimum", "")):
                role, count = item.split(":", 1)
                p["minimum"][role.lower()] = int(count)
            self.practices[ident] = p

        # Places: each practice's main site (its own id), further sites,
        # care homes. A place has rooms like a practice's, and a practice
        # ("" for a care home).
        self.sites = collections.OrderedDict()
        for pid, p in self.practices.items():
            p["practice"] = pid
            self.sites[pid] = p
        for ident, v in sections["site"]:
            site = self.place(v, v["name"] if v.get("name") else ident)
            site["practice"] = v["practice"].lower()
            # Requests of a site are met at that site alone.
            site["weekly_requests"], site["dated_requests"] = [], []
            for item in split_list(v.get("requests", "")):
                role, slot = item.split("@", 1)
                role = role.lower()
                if re.match(r"\d{4}-", slot):
                    for date, session in sorted(self.dated_slot(slot)):
                        site["dated_requests"].append((role, date, session))
                else:
                    slots, applies = self.when(slot)
                    for day, session in sorted(slots):
                        site["weekly_requests"].append((role, day, session,
                                                        applies))
            site["ea_hub"] = self.practices[site["practice"]]["ea_hub"]
            self.sites[ident] = site
        for ident, v in sections["care_home"]:
            site = self.place(v, v["name"])
            site["practice"] = ""
            site["roles"] = {x.lower() for x in split_list(v["roles"])}
            site["rounds"] = int(v.get("rounds", "1") or "1")
            site["rooms"] = 0
            if "round_at" in v:
                for item in split_list(v["round_at"]):
                    site["rooms_at"].append((self.weekly_slot(item), 1))
            else:
                site["rooms_at"].append(({(d, s) for s in self.sessions
                                          for d in range(5)
                                          if not self.sessions[s]["ea"]},
                                         1))
            self.sites[ident] = site
        # Pairs of places allowed on one day: frozenset -> minutes.
        self.travel = {}
        for item in split_list(self.network.get("travel", "")):
            a, b, minutes = item.lower().split(":")
            self.travel[frozenset((a, b))] = int(minutes)

        share = self.network.get("share", "").lower()
        if share == "":
            share = ("weighted" if self.practices and all(
                p["weighted"] is not None
                for p in self.practices.values()) else "list")
        self.share = share
        # A role's own agreement overrides the network's.
        self.role_share = {ident: v.get("share", share).lower()
                           for ident, v in sections["role"]}

        self.staff = collections.OrderedDict()
        for ident, v in sections["staff"]:
            works = None  # every session held, every day
            if "works" in v:
                # (weekday, session) -> the weeks it is worked ("AB").
                works = collections.defaultdict(str)
                for item in split_list(v["works"]):
                    slots, applies = self.when(item)
                    weeks = item[0].upper() if ":" in item else "AB"
                    for key in slots:
                        works[key] += weeks
            # Enhanced Access sessions come only from enhanced_access.
            ea = set()
            ea_value = v.get("enhanced_access", "no")
            if ea_value == "yes":
                ea = {(d, s) for s in self.sessions for d in range(7)
                      if self.sessions[s]["ea"] and self.held(s, d)}
            elif ea_value != "no":
                for item in split_list(ea_value):
                    ea |= {(d, s) for d, s in self.weekly_slot(item, ea=True)
                           if self.sessions[s]["ea"]}
            practices = None  # all of them
            if "practices" in v:
                practices = {x.lower() for x in split_list(v["practices"])}
            leave_days, leave_sessions = set(), set()
            for item in (split_list(v.get("leave", ""))
                         + split_list(v.get("sickness", ""))
                         + split_list(v.get("training", ""))):
                if ".." in item:
                    first, last = item.split("..", 1)
                    d, last = parse_date(first), parse_date(last)
                    while d <= last:
                        leave_days.add(d)
                        d += datetime.timedelta(days=1)
                elif "." in item:
                    date, session = item.split(".", 1)
                    leave_sessions.add((parse_date(date), session.lower()))
                else:
                    leave_days.add(parse_date(item))
            self.staff[ident] = {
                "name": v["name"],
                "role": v["role"].lower(),
                "sessions": int(v["sessions"]),
                "works": works,
                "practices": practices,
                "leave_days": leave_days,
                "leave_sessions": leave_sessions,
                "ea": ea,
                "pins": [self.where(x) for x in split_list(v.get("pin", ""))],
                "forbids": [self.where(x)
                            for x in split_list(v.get("forbid", ""))
                            if "@" in x],
                # A forbid without a slot: never at that place.
                "barred": {x.lower() for x in split_list(v.get("forbid", ""))
                           if "@" not in x},
                "max_per_day": (int(v["max_per_day"])
                                if v.get("max_per_day", "") != "" else None),
                "needs_supervision": (
                    v.get("needs_supervision", "no") == "yes"
                    or v["role"].lower() in self.supervised_roles),
                "calendar": v.get("leave_calendar", ""),
            }
        self.closure_calendars = [
            (ident, v["closures"]) for kind in ("practice", "site")
            for ident, v in sections[kind] if v.get("closures")]
        if self.network.get("closures"):
            self.closure_calendars.append((None, self.network["closures"]))
        self.read_calendars(path)

        total = sum(p["list_size"] for p in self.practices.values())
        self.ea_owed = 0
        if any(s["ea"] for s in self.sessions.values()):
            if self.network.get("ea_hours_per_week", "") != "":
                hours = Fraction(self.network["ea_hours_per_week"])
                self.ea_owed = int(hours * 60 + Fraction(1, 2))
            else:
                per = int(self.network.get("ea_minutes_per_1000", "60"))
                self.ea_owed = (per * total + 500) // 1000
        self.ea_max = None
        if self.network.get("ea_max_hours_per_week", "") != "":
            hours = Fraction(self.network["ea_max_hours_per_week"])
            self.ea_max = int(hours * 60 + Fraction(1, 2))

    def read_calendars(self, path):
        """Leave from leave_calendar files, per person and shared, and the
        bank holidays, as more leave_days, leave_sessions and holidays."""
        zone = self.network.get("timezone", "") or "Europe/London"

        def resolve(name):
            return os.path.join(os.path.dirname(path), name)

        def hm(text):
            return int(text[:2]) * 60 + int(text[3:5])

        def absent(ident, date, a, b):
            st = self.staff[ident]
            if a is None or (a <= 0 and b >= 1440):
                st["leave_days"].add(date)
                return
            for name, sess in self.sessions.items():
                if (date.weekday() in sess["days"]
                        and a < hm(sess["end"]) and hm(sess["start"]) < b):
                    st["leave_sessions"].add((date, name))

        for ident, st in self.staff.items():
            if st["calendar"]:
                for event in ics_events(resolve(st["calendar"])):
                    for date, a, b in ics_absences(event, zone):
                        absent(ident, date, a, b)
        if self.network.get("leave_calendar", ""):
            for event in ics_events(resolve(self.network["leave_calendar"])):
                who = ics_who(event, self.staff)
                for date, a, b in ics_absences(event, zone):
                    for ident in who:
                        absent(ident, date, a, b)
        self.holidays = set()
        # The network's calendar, none, or its region's shipped one
        # (data/bank-holidays, or $PCNROTA_DATADIR/bank-holidays).
        calendar = self.network.get("bank_holidays", "")
        if not calendar:
            data = os.environ.get("PCNROTA_DATADIR") or os.path.join(
                os.path.dirname(os.path.abspath(__file__)), "..", "data")
            calendar = os.path.join(
                data, "bank-holidays", "%s.ics" % self.network.get(
                    "region", "england-and-wales").lower())
        if calendar.lower() != "none":
            for event in ics_events(resolve(calendar)):
                self.holidays |= {date for date, _, _
                                  in ics_absences(event, zone)}
        self.holiday_open = {x.lower() for x in split_list(
            self.network.get("open_on_bank_holidays", ""))}
        # Closures calendars: each event closes the sessions it overlaps
        # (an all-day one, the whole day) at the site, or at every site of
        # every practice for the network's.
        for site_id, cal in self.closure_calendars:
            for event in ics_events(resolve(cal)):
                for date, a, b in ics_absences(event, zone):
                    shut = {(date, name) for name, sess in
                            self.sessions.items()
                            if date.weekday() in sess["days"]
                            and (a is None or (a < hm(sess["end"])
                                               and hm(sess["start"]) < b))}
                    for k, site in self.sites.items():
                        if site_id == k or (site_id is None
                                            and site["practice"]):
                            site["closures"].append(
                                (shut, lambda date: True))

    def closed_holiday(self, date, session):
        return date in self.holidays and session not in self.holiday_open

    def where(self, text):
        """'castle@mon.am' or 'castle@2026-12-01' -> (practice, f) where
        f(date) is the set of (date, session) it names on that date."""
        pid, slot = text.split("@", 1)
        if re.match(r"\d", slot):
            named = self.dated_slot(slot)

            def slots(date):
                return {x for x in named if x[0] == date}
        else:
            weekly = self.weekly_slot(slot)

            def slots(date):
                return {(date, s) for d, s in weekly if d == date.weekday()}
        slots.text = slot
        return pid.lower(), slots

    def session_index(self, session):
        return list(self.sessions).index(session)

    def held(self, session, weekday):
        s = self.sessions.get(session)
        return s is not None and weekday in s["days"]

    def day_sessions(self, weekday, ea=False):
        """The sessions a day alone names: those held but Enhanced Access
        ones, or on a day of Enhanced Access alone those (ea: the day's
        Enhanced Access sessions, as enhanced_access reads a day)."""
        held = [s for s in self.sessions if self.held(s, weekday)]
        if ea:
            return [s for s in held if self.sessions[s]["ea"]]
        core = [s for s in held if not self.sessions[s]["ea"]]
        return core if core else held

    def weekly_slot(self, text, ea=False):
        """'mon', 'mon-fri', 'mon.am' -> set of (weekday, session) held."""
        day_part, _, session = text.partition(".")
        days = parse_day_range(day_part)
        session = session.lower()
        if session and session not in self.sessions:
            raise NetworkError("unknown session %r" % session)
        return {(d, s) for d in days
                for s in ([session] if session else self.day_sessions(d, ea))
                if self.held(s, d)}

    def dated_slot(self, text):
        """'2026-12-03' or '2026-12-03.am' -> set of (date, session)."""
        date_part, _, session = text.partition(".")
        date = parse_date(date_part)
        session = session.lower()
        names = [session] if session else self.day_sessions(date.weekday())
        return {(date, s) for s in names if self.held(s, date.weekday())}

    def when(self, text):
        """A slot of closed or requests, or one of works: a date, a day
        of the month ('2nd-wed.pm', 'last-fri'), or days in every week,
        in week A or B alone ('A:mon', 'B:tue.pm'). Returns (slots,
        applies) where slots is a set of (weekday, session) (of
        (date, session) for a date) and applies(date) says whether the
        item holds on a date."""
        weeks = None
        m = re.match(r"([ABab]):(.*)$", text)
        if m:
            weeks, text = m.group(1).upper(), m.group(2)
        m = re.match(r"(1st|2nd|3rd|4th|5th|last)-(.*)$", text, re.I)
        nth = None
        if m:
            nth, text = m.group(1).lower(), m.group(2)
        elif weeks is None and re.match(r"\d", text):
            return self.dated_slot(text), lambda date: True
        slots = self.weekly_slot(text)

        def applies(date):
            if weeks is not None and self.parity(date) != weeks:
                return False
            if nth == "last":
                return (date + datetime.timedelta(days=7)).month != date.month
            if nth is not None:
                return (date.day - 1) // 7 + 1 == int(nth[0])
            return True
        applies.weekly = weeks is None and nth is None
        return slots, applies

    def parity(self, date):
        """'A' or 'B': the week a date is in, counted from week_a."""
        if self.week_a is None:
            return "A"
        monday = date - datetime.timedelta(days=date.weekday())
        return "A" if ((monday - self.week_a).days // 7) % 2 == 0 else "B"

    def minutes(self, session):
        s = self.sessions[session]
        h1, m1 = map(int, s["start"].split(":"))
        h2, m2 = map(int, s["end"].split(":"))
        return (h2 * 60 + m2) - (h1 * 60 + m1)

    def place(self, v, name):
        """A site's rooms, rooms_at, closed and supervision (weekday,
        session) sets; ea_hub is a practice's alone."""
        site = {"name": name, "rooms": int(v.get("rooms", "1") or "1"),
                "rooms_at": [], "closed": set(), "supervision": set(),
                "ea_hub": False}
        for item in split_list(v.get("rooms_at", "")):
            slot, count = item.rsplit(":", 1)
            site["rooms_at"].append((self.weekly_slot(slot), int(count)))
        site["closures"] = []  # (slots, applies) by date
        for item in split_list(v.get("closed", "")):
            slots, applies = self.when(item)
            if getattr(applies, "weekly", False):
                site["closed"] |= slots
            else:
                site["closures"].append((slots, applies))
        for item in split_list(v.get("supervision", "")):
            site["supervision"] |= self.weekly_slot(item)
        return site

    def closure(self, site, date, session):
        """Closed on a date, a day of the month or in week A or B."""
        for slots, applies in self.sites[site].get("closures", []):
            if ((date, session) in slots
                    or ((date.weekday(), session) in slots
                        and applies(date))):
                return True
        return False

    def supervised(self, staff, site, date, session):
        return (not self.staff[staff]["needs_supervision"]
                or (date.weekday(), session)
                in self.sites[site]["supervision"])

    def rooms(self, site, date, session, by_date=True):
        """Rooms at a site; by_date=False: by the weekly pattern alone,
        without bank holidays and closures."""
        p = self.sites[site]
        key = (date.weekday(), session)
        if not self.held(session, date.weekday()) or key in p["closed"]:
            return 0
        if by_date and (self.closed_holiday(date, session)
                        or self.closure(site, date, session)):
            return 0
        if self.sessions[session]["ea"] and not p["ea_hub"]:
            return 0
        rooms = p["rooms"]
        for slots, count in p["rooms_at"]:  # later items override earlier
            if key in slots:
                rooms = count
        return rooms

    def works(self, staff, date, session):
        st = self.staff[staff]
        if not self.held(session, date.weekday()):
            return False
        if self.sessions[session]["ea"]:
            return (date.weekday(), session) in st["ea"]
        return (st["works"] is None
                or self.parity(date) in st["works"].get(
                    (date.weekday(), session), ""))

    def on_leave(self, staff, date, session):
        st = self.staff[staff]
        return (date in st["leave_days"]
                or (date, session) in st["leave_sessions"])

    def may_work_at(self, staff, practice):
        """At some site of the practice."""
        return any(self.may_work_at_site(staff, k)
                   for k, site in self.sites.items()
                   if site["practice"] == practice)

    def may_work_at_site(self, staff, site):
        """practices names the site or its practice (all of them without
        the key), and no forbid without a slot names either."""
        pid = self.sites[site]["practice"]
        if pid == "":
            return self.staff[staff]["role"] in self.sites[site]["roles"]
        st = self.staff[staff]
        if site in st["barred"] or pid in st["barred"]:
            return False
        allowed = st["practices"]
        return allowed is None or pid in allowed or site in allowed

    def reaches(self, role, practice):
        """Some staff member of the role may work at the practice."""
        return any(st["role"] == role and self.may_work_at(sid, practice)
                   for sid, st in self.staff.items())

    def contract(self, staff, monday):
        """Sessions contracted in the week of monday, less leave."""
        lost = 0
        for offset in range(7):
            date = monday + datetime.timedelta(days=offset)
            for session in self.sessions:
                if (self.works(staff, date, session)
                        and not self.sessions[session]["ea"]
                        and (self.on_leave(staff, date, session)
                             or self.closed_holiday(date, session))):
                    lost += 1
        return max(0, self.staff[staff]["sessions"] - lost)

    def weights(self, role):
        """The weights a role is shared by, practices in file order: none
        where no staff member of the role may work; equal shares where
        it may when those have no weight at all."""
        reach = [self.reaches(role, p) for p in self.practices]
        w = [self.weight(p, role) if r else Fraction(0)
             for p, r in zip(self.practices, reach)]
        if sum(w) == 0 and any(reach):
            w = [Fraction(int(r)) for r in reach]
        return w

    def weight(self, practice, role):
        p = self.practices[practice]
        share = self.role_share[role]
        if share == "weighted":
            return p["weighted"] if p["weighted"] is not None else Fraction(0)
        if share == "percent":
            return p["percent"] if p["percent"] is not None else Fraction(0)
        if share == "fixed":
            return Fraction(p["fixed"].get(role, 0))
        return Fraction(p["list_size"])

    def requests_in_week(self, monday, needed=True):
        """Counter of (place, date, session, role) asked for, place a
        practice (any of its sites) or a further site (that site), but
        those not needed: on a date when a bank holiday or a closure
        shuts every site of the place open that weekday and session
        (needed=False: those alone)."""
        wanted = collections.Counter()
        sunday = monday + datetime.timedelta(days=6)
        for pid, p in self.sites.items():
            for role, day, session, applies in p.get("weekly_requests", []):
                date = monday + datetime.timedelta(days=day)
                if applies(date) and needed != self.not_needed(
                        pid, date, session):
                    wanted[(pid, date, session, role)] += 1
            for role, date, session in p.get("dated_requests", []):
                if (monday <= date <= sunday
                        and needed != self.not_needed(pid, date, session)):
                    wanted[(pid, date, session, role)] += 1
        return wanted

    def place_sites(self, place):
        """The sites a request of a place may be met at."""
        if place in self.practices:
            return [k for k, s in self.sites.items()
                    if s["practice"] == place]
        return [place]

    def not_needed(self, place, date, session):
        open_weekly = [k for k in self.place_sites(place)
                       if self.rooms(k, date, session, by_date=False) > 0]
        return bool(open_weekly) and all(
            self.rooms(k, date, session) == 0 for k in open_weekly)


# --------------------------------------------------------------- checker

class Checker:
    def __init__(self):
        self.checks = 0
        self.violations = []

    def check(self, ok, tag, message):
        """Counts one check; records a violation when ok is false."""
        self.checks += 1
        if not ok:
            self.violations.append("[%s] %s" % (tag, message))
        return ok


def read_csv(checker, path, header):
    """Rows of a CSV file as dicts (with 'line'); None if unreadable."""
    name = os.path.basename(path)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        checker.check(False, "x", "%s: cannot read: %s" % (name, e.strerror))
        return None
    checker.check(raw.endswith(b"\r\n"), "x",
                  "%s: does not end with CRLF" % name)
    checker.check(raw.count(b"\n") == raw.count(b"\r\n"), "x",
                  "%s: line ends are not all CRLF" % name)
    # A spreadsheet reads UTF-8 only after a byte-order mark.
    checker.check(raw.startswith(b"\xef\xbb\xbf"), "x",
                  "%s: no UTF-8 byte-order mark" % name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        checker.check(False, "x", "%s: not UTF-8" % name)
        return None
    reader = csv.reader(text.splitlines(keepends=True))
    rows = list(reader)
    if not checker.check(rows and rows[0] == header, "x",
                         "%s: header is %s, not %s"
                         % (name, ",".join(rows[0]) if rows else "missing",
                            ",".join(header))):
        return None
    result = []
    for number, row in enumerate(rows[1:], start=2):
        if not checker.check(len(row) == len(header), "x",
                             "%s:%d: %d fields, not %d"
                             % (name, number, len(row), len(header))):
            continue
        record = dict(zip(header, row))
        record["line"] = number
        result.append(record)
    return result


def check_slot_columns(checker, net, name, row, weeks):
    """Checks the date/week/day/session/start/end columns of a row.

    Returns the date, or None when the date or session is unusable.
    """
    where = "%s:%d" % (name, row["line"])
    try:
        date = datetime.date.fromisoformat(row["date"])
    except ValueError:
        checker.check(False, "x", "%s: bad date %r" % (where, row["date"]))
        return None
    checker.check(row["week"] == iso_week(date), "f",
                       "%s: week %s, but %s is in %s"
                       % (where, row["week"], row["date"], iso_week(date)))
    checker.check(row["day"] == DAYS[date.weekday()], "f",
                        "%s: day %s, but %s is a %s"
                        % (where, row["day"], row["date"],
                           DAYS[date.weekday()]))
    checker.check(iso_week(date) in weeks, "f",
                        "%s: %s is outside the weeks of fairness.csv (%s)"
                        % (where, row["date"], " ".join(sorted(weeks))))
    session = net.sessions.get(row["session"])
    if not checker.check(session is not None, "f", "%s: unknown session %r"
                         % (where, row["session"])):
        return None
    checker.check(row["start"] == session["start"]
                  and row["end"] == session["end"], "f",
                  "%s: session %s is %s-%s in the network file, not %s-%s"
                  % (where, row["session"], session["start"], session["end"],
                     row["start"], row["end"]))
    checker.check(net.held(row["session"], date.weekday()), "e",
                  "%s: session %s is not held on %s"
                  % (where, row["session"], DAYS[date.weekday()]))
    return date


def check_assignments(checker, net, rows, weeks):
    """Rules a-f. Returns the valid rows as (date, session, staff, practice),
    practice "" at a care home."""
    name = "assignments.csv"
    placed, sites = [], []
    for row in rows:
        where = "%s:%d" % (name, row["line"])
        date = check_slot_columns(checker, net, name, row, weeks)
        sid, pid, site = row["staff"], row["practice"], row["site"]
        st = net.staff.get(sid)
        if not checker.check(st is not None, "f", "%s: unknown staff %r"
                             % (where, sid)):
            continue
        if not checker.check(site in net.sites, "f",
                             "%s: unknown site %r" % (where, site)):
            continue
        if not checker.check(pid == net.sites[site]["practice"], "f",
                             "%s: site %s is %s, not practice %r"
                             % (where, site,
                                net.sites[site]["practice"] or "a care home",
                                pid)):
            continue
        checker.check(row["staff_name"] == st["name"], "f",
                      "%s: staff_name %r, but %s is %r in the network file"
                      % (where, row["staff_name"], sid, st["name"]))
        checker.check(row["role"] == st["role"], "f",
                      "%s: role %s, but %s is a %s in the network file"
                      % (where, row["role"], sid, st["role"]))
        check_names(checker, net, where, row)
        pname = net.practices[pid]["name"] if pid else ""
        checker.check(row["practice_name"] == pname, "f",
                      "%s: practice_name %r, but %s is %r in the network file"
                      % (where, row["practice_name"], pid, pname))
        checker.check(row["site_name"] == net.sites[site]["name"], "f",
                      "%s: site_name %r, but %s is %r in the network file"
                      % (where, row["site_name"], site,
                         net.sites[site]["name"]))
        if date is None or row["session"] not in net.sessions:
            continue
        session = row["session"]
        checker.check(net.works(sid, date, session), "e",
                      "%s: %s does not work %s %s (works)"
                      % (where, sid, DAYS[date.weekday()], session))
        checker.check(not net.on_leave(sid, date, session), "e",
                      "%s: %s is on leave on %s %s"
                      % (where, sid, date, session))
        checker.check(net.may_work_at_site(sid, site), "e",
                      "%s: %s may not work at %s (practices, or the care "
                      "home's roles)" % (where, sid, site))
        checker.check(net.supervised(sid, site, date, session), "i",
                      "%s: %s needs supervision, %s has none on %s %s"
                      % (where, sid, site, DAYS[date.weekday()], session))
        if net.sessions[session]["ea"]:
            checker.check(net.sites[site]["ea_hub"], "j",
                          "%s: Enhanced Access session %s at %s, not a hub"
                          % (where, session, site))
            checker.check((date.weekday(), session) in st["ea"], "j",
                          "%s: %s has not opted in to Enhanced Access %s %s"
                          % (where, sid, DAYS[date.weekday()], session))
        placed.append((date, session, sid, pid))
        sites.append((date, session, sid, site))

    net.site_at = {(d, s, sid): site for d, s, sid, site in sites}

    # [a] one place per person per session.
    per_session = collections.Counter((d, s, sid) for d, s, sid, _ in placed)
    for (date, session, sid), n in sorted(per_session.items()):
        checker.check(n == 1, "a", "double booking: %s has %d assignments "
                      "on %s %s" % (sid, n, date, session))

    # [b] one site per person per date, or two the network pairs, with
    # the travel time between sessions at the two.
    per_day = collections.defaultdict(list)
    for date, session, sid, site in sites:
        per_day[(date, sid)].append((session, site))
    for (date, sid), worked in sorted(per_day.items()):
        used = sorted({site for _, site in worked})
        minutes = net.travel.get(frozenset(used)) if len(used) == 2 else None
        if not checker.check(len(used) == 1 or minutes is not None, "b",
                             "%s works at %d places on %s (%s), not a pair "
                             "the network allows" % (sid, len(used), date,
                                                    " ".join(used))):
            continue
        for s1, a in worked:
            for s2, b in worked:
                first, second = net.sessions[s1], net.sessions[s2]
                if a == b or first["start"] > second["start"]:
                    continue
                gap = (parse_hhmm_minutes(second["start"])
                       - parse_hhmm_minutes(first["end"]))
                checker.check(gap >= minutes, "b",
                              "%s on %s: %s at %s, then %s at %s, %d "
                              "minutes apart, travel %d"
                              % (sid, date, s1, a, s2, b, gap, minutes))

    # [c] rooms, at each site; a care home holds one round a session.
    per_room = collections.Counter((site, d, s) for d, s, _, site in sites)
    for (site, date, session), n in sorted(per_room.items()):
        rooms = net.rooms(site, date, session)
        checker.check(n <= rooms, "c", "rooms exceeded: %s on %s %s has %d "
                      "staff but %d room(s)" % (site, date, session, n, rooms))

    # [p] no more round sessions at a care home in a week than due.
    per_home = collections.Counter((iso_week(d), site) for d, _, _, site
                                   in sites if not net.sites[site]["practice"])
    for (week, site), n in sorted(per_home.items()):
        due = net.sites[site]["rounds"]
        checker.check(n <= due, "p", "%s: %d round sessions at %s, %d due"
                      % (week, n, site, due))

    # [d] contracts, week by week.
    per_week = collections.Counter((iso_week(d), sid)
                                   for d, _, sid, _ in placed)
    for (week, sid), n in sorted(per_week.items()):
        contract = net.contract(sid, parse_iso_week(week))
        checker.check(n <= contract, "d", "%s works %d sessions in %s, "
                      "contracted %d after leave" % (sid, n, week, contract))
    return placed


def check_names(checker, net, where, row):
    """The names beside the role and practice are the network file's."""
    if row["role"] in net.role_names:
        checker.check(row["role_name"] == net.role_names[row["role"]], "f",
                      "%s: role_name %r, but %s is %r in the network file"
                      % (where, row["role_name"], row["role"],
                         net.role_names[row["role"]]))
    if row["practice"] in net.practices:
        pname = net.practices[row["practice"]]["name"]
        checker.check(row["practice_name"] == pname, "f",
                      "%s: practice_name %r, but %s is %r in the network file"
                      % (where, row["practice_name"], row["practice"], pname))


def check_fairness(checker, net, rows, placed, weeks, fair):
    name = "fairness.csv"
    roles, practices = net.roles, list(net.practices)
    delivered = collections.Counter(
        (iso_week(d), net.staff[sid]["role"], pid) for d, _, sid, pid in placed)
    targets, agreed, carried = {}, {}, {}
    for row in rows:
        where = "%s:%d" % (name, row["line"])
        key = (row["week"], row["role"], row["practice"])
        if not checker.check(row["role"] in roles, "f", "%s: unknown role %r"
                             % (where, row["role"])):
            continue
        if not checker.check(row["practice"] in net.practices, "f",
                             "%s: unknown practice %r"
                             % (where, row["practice"])):
            continue
        check_names(checker, net, where, row)
        if not checker.check(key not in targets, "g", "%s: second row for "
                             "%s %s %s" % ((where,) + key)):
            continue
        basis = net.role_share[row["role"]]
        checker.check(row["share_basis"] == basis, "g",
                      "%s: share_basis %r, but %s is shared by %r"
                      % (where, row["share_basis"], row["role"], basis))
        try:
            target, got, diff = (int(row["target"]), int(row["delivered"]),
                                 int(row["difference"]))
            agreed[key] = int(row["agreed_share"])
            carried[key] = int(row["carried_in"])
        except ValueError:
            checker.check(False, "x", "%s: target, delivered and difference "
                          "must be whole numbers" % where)
            continue
        targets[key] = target
        checker.check(got == delivered[key], "g",
                      "%s: delivered %d for %s %s %s, but assignments.csv "
                      "has %d" % ((where, got) + key + (delivered[key],)))
        checker.check(diff == got - target, "g",
                      "%s: difference %d is not delivered %d - target %d"
                      % (where, diff, got, target))

    for week in sorted(weeks):
        for role in roles:
            weights = net.weights(role)
            missing = [p for p in practices if (week, role, p) not in targets]
            if not checker.check(not missing, "g", "fairness.csv: no row "
                                 "for %s %s at %s"
                                 % (week, role, " ".join(missing))):
                continue
            # The agreed shares are the largest remainder shares of the
            # total; the targets those less what was carried in.
            given = [targets[(week, role, p)] for p in practices]
            agreed_shares = [agreed[(week, role, p)] for p in practices]
            carry = [carried[(week, role, p)] for p in practices]
            expect = largest_remainder(sum(given), weights)
            checker.check(agreed_shares == expect, "g",
                          "fairness.csv: %s %s agreed shares %s are not the "
                          "largest remainder shares of %d (%s)"
                          % (week, role, agreed_shares, sum(given), expect))
            if any(carry):
                expect = largest_remainder(
                    sum(given), [Fraction(max(0, a - c))
                                 for a, c in zip(agreed_shares, carry)])
            checker.check(given == expect, "g",
                          "fairness.csv: %s %s targets %s are not the "
                          "largest remainder shares of %d (%s)"
                          % (week, role, given, sum(given), expect))
            if not fair:
                continue
            # Delivered is within 1 of the shares of what was delivered.
            got = [delivered[(week, role, p)] for p in practices]
            shares = largest_remainder(sum(got), weights)
            for p, d, t in zip(practices, got, shares):
                checker.check(abs(d - t) <= 1, "g",
                              "unfair: %s %s %s delivered %d, fair share "
                              "%d of %d" % (week, role, p, d, t, sum(got)))


def hhmm(minutes):
    return "%d:%02d" % (minutes // 60, minutes % 60)


def day_title(date):
    """'Thu 3 Dec', as the text report names a day."""
    return "%s %d %s" % (date.strftime("%a"), date.day, date.strftime("%b"))


def rota_section(outdir, title):
    """Lines of the rota.txt section that starts 'TITLE: N', or None when
    OUTDIR has no rota.txt; [] when the section is absent."""
    path = os.path.join(outdir, "rota.txt")
    if not os.path.exists(path):
        return None
    lines, inside = [], False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith(title + ": "):
                inside = True
                continue
            if inside and line.startswith("  "):
                lines.append(line[2:])
            elif inside:
                break
    return lines


def check_rules(checker, net, placed, weeks, outdir):
    """Rules k-o: forbids, sessions a day, the rest rule, pins, minimums."""
    at = {(d, s, sid): pid for d, s, sid, pid in placed}
    dates = sorted({parse_iso_week(w) + datetime.timedelta(days=k)
                    for w in weeks for k in range(7)})

    # [k] nobody where they are forbidden.
    for date, session, sid, pid in placed:
        for fpid, fslots in net.staff[sid]["forbids"]:
            # A forbid names a practice (any of its sites) or a site.
            here = fpid in (pid, net.site_at.get((date, session, sid)))
            checker.check(not here or (date, session) not in fslots(date),
                          "k", "%s placed at %s on %s %s, forbidden"
                          % (sid, pid, date, session))

    # [l] sessions a day.
    per_day = collections.Counter((d, sid) for d, _, sid, _ in placed)
    for (date, sid), n in sorted(per_day.items()):
        most = net.staff[sid]["max_per_day"]
        checker.check(most is None or n <= most, "l",
                      "%s works %d sessions on %s, max_per_day %d"
                      % (sid, n, date, most or 0))

    # [m] no late session (ends after 18:00), then a morning session
    # (starts before 12:00) the next day.
    if net.network.get("no_evening_then_morning", "no") == "yes":
        for date, session, sid, _ in placed:
            if net.sessions[session]["end"] <= "18:00":
                continue
            nxt = date + datetime.timedelta(days=1)
            for s2 in net.sessions:
                checker.check(
                    net.sessions[s2]["start"] >= "12:00"
                    or (nxt, s2, sid) not in at, "m",
                    "%s works %s %s (late), then %s %s (morning)"
                    % (sid, date, session, nxt, s2))

    # [n] pins: placed as pinned, or listed under "Pins not kept" (when
    # OUTDIR has a rota.txt); and everything listed there is not kept.
    listed = rota_section(outdir, "Pins not kept")
    broken = set()
    for sid, st in net.staff.items():
        for date in dates:
            for session in net.sessions:
                for pid, pslots in st["pins"]:
                    # A whole-day pin holds the sessions worked that day.
                    if (date, session) not in pslots(date) or (
                            "." not in pslots.text
                            and not net.works(sid, date, session)):
                        continue
                    # A pin names a practice (any site of it) or a site.
                    if pid not in (at.get((date, session, sid)),
                                   net.site_at.get((date, session, sid))):
                        broken.add("%s %s, %s at %s:" % (
                            day_title(date), session, st["name"],
                            net.practices[pid if pid in net.practices
                                          else net.sites[pid]["practice"]]
                            ["name"]))
    if listed is not None:
        shown = {line.split(": ", 1)[0] + ":" for line in listed}
        for b in sorted(broken):
            checker.check(b in shown, "n",
                          "pin not kept and not reported: %s" % b)
        for s in sorted(shown):
            checker.check(s in broken, "n",
                          "rota.txt reports a pin not kept that is: %s" % s)
    else:
        for b in sorted(broken):
            checker.check(False, "n", "pin not kept: %s" % b)

    # [o] minimums: met, or listed with the right counts under "Minimums
    # not met"; and everything listed there is short.
    listed = rota_section(outdir, "Minimums not met")
    short = set()
    for week in sorted(weeks):
        for pid, p in net.practices.items():
            for role, need in p["minimum"].items():
                got = sum(1 for d, _, sid, at_pid in placed
                          if at_pid == pid and iso_week(d) == week
                          and net.staff[sid]["role"] == role)
                if got < need:
                    short.add("%s, %s, %s: %d of %d sessions:" % (
                        week, p["name"], role, got, need))
    if listed is not None:
        shown = {line.split(" sessions: ", 1)[0] + " sessions:"
                 for line in listed}
        for s in sorted(short):
            checker.check(s in shown, "o",
                          "minimum not met and not reported: %s" % s)
        for s in sorted(shown):
            checker.check(s in short, "o",
                          "rota.txt reports a shortfall that is not: %s" % s)
    else:
        for s in sorted(short):
            checker.check(False, "o", "minimum not met: %s" % s)


def check_ea(checker, net, placed, weeks, outdir):
    """Rule j: Enhanced Access minutes delivered and owed, per week."""
    delivered = collections.Counter()
    for date, session, _, _ in placed:
        if net.sessions[session]["ea"]:
            delivered[iso_week(date)] += net.minutes(session)
    # The ceiling, ea_max_hours_per_week, is a rule.
    for week in sorted(weeks):
        checker.check(net.ea_max is None or delivered[week] <= net.ea_max,
                      "j", "%s: %s of Enhanced Access, over the ceiling %s"
                      % (week, hhmm(delivered[week]), hhmm(net.ea_max or 0)))
    path = os.path.join(outdir, "rota.txt")
    if not os.path.exists(path):
        return
    shown, sessions, week = {}, collections.defaultdict(list), None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"Enhanced Access, (\S+): (\d+:\d\d) hours "
                         r"delivered of (\d+:\d\d) owed(?:, (\d+:\d\d) "
                         r"short)?$", line)
            if m:
                week = m.group(1)
                shown[week] = m.groups()[1:]
            elif week is not None and line.startswith("  "):
                sessions[week].append(line)
            else:
                week = None
    staff = collections.Counter((date, session)
                                for date, session, _, _ in placed)
    has_ea = any(s["ea"] for s in net.sessions.values())
    for week in sorted(weeks):
        if not has_ea:
            checker.check(week not in shown, "j", "rota.txt: Enhanced "
                          "Access line for %s without EA sessions" % week)
            continue
        done, owed = delivered[week], net.ea_owed
        want = (hhmm(done), hhmm(owed),
                hhmm(owed - done) if done < owed else None)
        checker.check(shown.get(week) == want, "j",
                      "rota.txt: Enhanced Access %s shows %s, assignments "
                      "give delivered %s of %s owed, short %s"
                      % (week, shown.get(week), *want))
        want_lines = []
        monday = parse_iso_week(week)
        for offset in range(7):
            date = monday + datetime.timedelta(days=offset)
            # A day's sessions by start time, as the rota lists them.
            for sid, s in sorted(net.sessions.items(),
                                 key=lambda kv: kv[1]["start"]):
                if not s["ea"] or not net.held(sid, date.weekday()):
                    continue
                n = staff[(date, sid)]
                want_lines.append(
                    "  %s %d %s %s %s-%s: %d staff, %s hours"
                    % (DAYS[date.weekday()].title(), date.day,
                       MONTHS[date.month - 1], sid, s["start"], s["end"], n,
                       hhmm(n * net.minutes(sid))))
        checker.check(sessions.get(week) == want_lines, "j",
                      "rota.txt: Enhanced Access sessions of %s listed as %s, "
                      "assignments give %s" % (week, sessions.get(week),
                                               want_lines))


def check_uncovered(checker, net, rows, placed, weeks):
    name = "uncovered.csv"
    listed = collections.Counter()
    for row in rows:
        where = "%s:%d" % (name, row["line"])
        date = check_slot_columns(checker, net, name, row, weeks)
        ok = checker.check(row["practice"] in net.practices, "f",
                           "%s: unknown practice %r"
                           % (where, row["practice"]))
        ok &= checker.check(row["role"] in net.roles, "f",
                            "%s: unknown role %r" % (where, row["role"]))
        checker.check(row["reason"].strip() != "", "h",
                      "%s: no reason given" % where)
        check_names(checker, net, where, row)
        if ok and date is not None:
            listed[(row["practice"], date, row["session"], row["role"])] += 1

    # A further site's requests are met there first; the rest of the
    # practice's staff of the role meet its own.
    asked = collections.Counter()
    for week in weeks:
        asked.update(net.requests_in_week(parse_iso_week(week)))
    at_site = collections.Counter()
    for d, s, sid, pid in placed:
        at_site[(net.site_at[(d, s, sid)], d, s, net.staff[sid]["role"])] += 1
    wanted, met, short = (collections.Counter(), collections.Counter(),
                          collections.Counter())
    for (place, date, session, role), n in asked.items():
        pid = place if place in net.practices else net.sites[place]["practice"]
        wanted[(pid, date, session, role)] += n
    for key in wanted:
        pid, date, session, role = key
        spare = 0
        for k in net.place_sites(pid):
            here = at_site[(k, date, session, role)]
            need = asked[(k, date, session, role)] if k != pid else 0
            short[key] += max(0, need - here)
            spare += max(0, here - need)
            met[key] += min(need, here)
        own = asked[(pid, date, session, role)]
        short[key] += max(0, own - spare)
        met[key] += min(own, spare)
    for key in sorted(set(wanted) | set(listed)):
        pid, date, session, role = key
        unmet = short[key]
        what = "%s %s on %s %s" % (pid, role, date, session)
        if listed[key] < unmet:
            checker.check(False, "h", "request missing from uncovered.csv: "
                          "%s asked %d, assigned %d, listed %d"
                          % (what, wanted[key], met[key], listed[key]))
        elif listed[key] > unmet:
            checker.check(False, "h", "uncovered.csv lists %s %d time(s), "
                          "but %d asked, %d assigned"
                          % (what, listed[key], wanted[key], met[key]))
        else:
            checker.check(True, "h", "")


def main(argv):
    ap = argparse.ArgumentParser(
        description="Check a pcnrota plan against its network file.")
    ap.add_argument("--no-fair", action="store_true",
                    help="skip the delivered-within-1-of-fair-share check")
    ap.add_argument("network")
    ap.add_argument("outdir")
    args = ap.parse_args(argv)

    try:
        net = Network(args.network)
    except (NetworkError, KeyError, ValueError) as e:
        if isinstance(e, KeyError):
            e = "missing key %s" % e
        print("check_plan: %s: %s" % (args.network, e), file=sys.stderr)
        return 2

    # Fair shares are the search's goal, not a rule: a plan the time
    # limit stopped short of optimal (a slow or busy machine) is held to
    # the rules alone; one the rota calls optimal to its shares too.
    fair = not args.no_fair
    rota = os.path.join(args.outdir, "rota.txt")
    if fair and os.path.exists(rota) and re.search(
            r"^Plan feasible: ", open(rota, encoding="utf-8").read(), re.M):
        print("check_plan: the time limit stopped the search: fair shares "
              "not checked")
        fair = False

    checker = Checker()
    files = {}
    for name, header in (("assignments.csv", ASSIGNMENTS_HEADER),
                         ("fairness.csv", FAIRNESS_HEADER),
                         ("uncovered.csv", UNCOVERED_HEADER)):
        files[name] = read_csv(checker, os.path.join(args.outdir, name),
                               header)

    if files["fairness.csv"] is not None:
        weeks = set()
        for row in files["fairness.csv"]:
            if checker.check(parse_iso_week(row["week"]) is not None, "x",
                             "fairness.csv:%d: bad week %r"
                             % (row["line"], row["week"])):
                weeks.add(row["week"])
        checker.check(weeks, "x", "fairness.csv: no weeks")
        placed = []
        if files["assignments.csv"] is not None:
            placed = check_assignments(checker, net, files["assignments.csv"],
                                       weeks)
            check_fairness(checker, net, files["fairness.csv"], placed, weeks,
                           fair)
            check_ea(checker, net, placed, weeks, args.outdir)
            check_rules(checker, net, placed, weeks, args.outdir)
        if files["uncovered.csv"] is not None and \
                files["assignments.csv"] is not None:
            check_uncovered(checker, net, files["uncovered.csv"], placed,
                            weeks)

    for line in checker.violations:
        print(line)
    print("check_plan: %d checks, %d violations"
          % (checker.checks, len(checker.violations)))
    return 1 if checker.violations else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
