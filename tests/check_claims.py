#!/usr/bin/python3
"""Recompute a month's ARRS claim and recharge statement from outside.

From the network file, the absences file it names, the bank holidays, the
state (sqlite3) and the session times, independently of pcnrota's C code,
this checks:

  - every delivered record's reason (sickness, leave, training, left,
    bank holiday, closed, or none), its length, and that every started
    placement was recorded;
  - every figure of `pcnrota report --month M --format claims`;
  - every figure of `--format recharges`, that each split adds up to its
    total to the penny, and that the settlements add up to zero.

  - every row of `--format delivered`: each placement of the month, its
    hours, status and reason.

Usage: check_claims.py NETWORK.ini STATE.db MONTH HOLIDAYS.ics CLAIMS.csv
       RECHARGES.csv DELIVERED.csv
Exit 0 when everything agrees; 1 with one line per difference.
"""

import calendar
import configparser
import csv
import datetime as dt
import os
import sqlite3
import sys
from decimal import Decimal
from fractions import Fraction

import icalendar

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
AREA_KEYS = {"national": "arrs_max", "outer-london": "arrs_max_outer_london",
             "inner-london": "arrs_max_inner_london"}
errors = []


def fail(msg):
    errors.append(msg)


def half_up(q):
    """A non-negative Fraction rounded to the nearest whole, halves up."""
    q = Fraction(q)
    sign = -1 if q < 0 else 1
    q = abs(q)
    whole = q.numerator // q.denominator
    if q - whole >= Fraction(1, 2):
        whole += 1
    return sign * whole


def pence(text):
    return int(Decimal(text) * 100)


def pounds(p):
    sign = "-" if p < 0 else ""
    p = abs(p)
    return "%s%d.%02d" % (sign, p // 100, p % 100)


def largest_remainder(total, weights):
    """Parts of total in proportion to weights (Fractions), adding up."""
    if total < 0:
        return [-x for x in largest_remainder(-total, weights)]
    n = len(weights)
    s = sum(weights)
    if s == 0:
        return [total // n + (1 if i < total % n else 0) for i in range(n)]
    exact = [Fraction(total) * w / s for w in weights]
    parts = [e.numerator // e.denominator for e in exact]
    rem = [e - p for e, p in zip(exact, parts)]
    left = total - sum(parts)
    order = sorted(range(n), key=lambda i: (-rem[i], i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def hhmm(v):
    h, m = v.split(":")
    return int(h) * 60 + int(m)


def day_range(item):
    if "-" in item:
        a, b = item.split("-")
        return DAYS[DAYS.index(a):DAYS.index(b) + 1]
    return [item]


def parse_date(text):
    return dt.date.fromisoformat(text)


class Network:
    def __init__(self, path):
        cp = configparser.ConfigParser(
            comment_prefixes=(";", "#"), inline_comment_prefixes=(";", "#"),
            interpolation=None, strict=True)
        with open(path, encoding="utf-8") as f:
            cp.read_file(f)
        self.cp = cp
        self.dir = os.path.dirname(path)
        net = cp["network"]
        self.net = net
        self.area = net.get("arrs_area", "national")
        self.wte = half_up(Fraction(Decimal(net.get("wte_hours", "37.5")))
                           * 60)
        self.sessions_rule = net.get("recharge", "agreement") == "sessions"
        self.sessions = {}
        for sec in cp.sections():
            kind, _, ident = sec.partition(" ")
            if kind == "session":
                s = cp[sec]
                days = []
                for item in s.get("days", "mon-fri").replace(",", " ").split():
                    days += day_range(item)
                self.sessions[ident] = (hhmm(s["start"]), hhmm(s["end"]),
                                        set(days),
                                        s.get("enhanced_access", "no"))
        self.practices = [s.partition(" ")[2] for s in cp.sections()
                          if s.startswith("practice ")]
        self.roles = [s.partition(" ")[2] for s in cp.sections()
                      if s.startswith("role ")]
        self.staff = [s.partition(" ")[2] for s in cp.sections()
                      if s.startswith("staff ")]
        self.closures = {}
        for p in self.practices:
            for item in cp["practice " + p].get("closed", "").replace(
                    ",", " ").split():
                if item[0].isdigit():
                    d, _, sess = item.partition(".")
                    self.closures.setdefault(p, []).append(
                        (parse_date(d), sess or None))
        self.absences = {s: [] for s in self.staff}
        for s in self.staff:
            sec = cp["staff " + s]
            for key in ("leave", "sickness", "training"):
                for item in sec.get(key, "").replace(",", " ").split():
                    if ".." in item:
                        a, b = item.split("..")
                        self.absences[s].append(
                            (parse_date(a), parse_date(b), None, key))
                    else:
                        d, _, sess = item.partition(".")
                        self.absences[s].append(
                            (parse_date(d), parse_date(d), sess or None, key))
        if "absences" in net:
            self.read_absences(os.path.join(self.dir, net["absences"]))

    def read_absences(self, path):
        if not os.path.exists(path):
            return
        with open(path, "rb") as f:
            cal = icalendar.Calendar.from_ical(f.read())
        for ev in cal.walk("VEVENT"):
            who = ev["ATTENDEE"].params["CN"]
            kind = str(ev["CATEGORIES"].cats[0]).lower()
            start = ev["DTSTART"].dt
            if isinstance(start, dt.datetime):
                minute = start.hour * 60 + start.minute
                sess = [k for k, v in self.sessions.items()
                        if v[0] == minute][0]
                self.absences[who].append((start.date(), start.date(), sess,
                                           kind))
            else:
                end = ev["DTEND"].dt - dt.timedelta(days=1)
                self.absences[who].append((start, end, None, kind))

    def staff_sec(self, s):
        return self.cp["staff " + s]

    def employed(self, s, d):
        sec = self.staff_sec(s)
        if "start_date" in sec and d < parse_date(sec["start_date"]):
            return False
        if "end_date" in sec and d > parse_date(sec["end_date"]):
            return False
        return True

    def works(self, s, d, sess):
        day = DAYS[d.weekday()]
        if day not in self.sessions[sess][2]:
            return False
        spec = self.staff_sec(s).get("works")
        if spec is None:
            return True
        for item in spec.replace(",", " ").split():
            days, _, only = item.partition(".")
            if day in day_range(days) and (not only or only == sess):
                return True
        return False

    def minutes(self, sess):
        return self.sessions[sess][1] - self.sessions[sess][0]

    def reason(self, s, d, sess, site, holidays):
        if not self.employed(s, d):
            return "left"
        for a, b, only, kind in self.absences[s]:
            if a <= d <= b and (only is None or only == sess):
                return kind
        if d in holidays:
            return "bank holiday"
        for cd, only in self.closures.get(site, []):
            if cd == d and (only is None or only == sess):
                return "closed"
        return ""

    def contract_minutes(self, s):
        sec = self.staff_sec(s)
        if "hours" in sec:
            return half_up(Fraction(Decimal(sec["hours"])) * 60)
        lengths = [self.minutes(k) for k, v in self.sessions.items()
                   if v[3] != "yes"]
        return (int(sec["sessions"]) * sum(lengths) + len(lengths) // 2) \
            // len(lengths)

    def weight(self, role, p):
        share = self.cp["role " + role].get("share",
                                             self.net.get("share", None))
        sec = self.cp["practice " + p]
        if share is None:
            # The network's default: weighted when every practice has one.
            share = "weighted" if all(
                "weighted_list_size" in self.cp["practice " + q]
                for q in self.practices) else "list"
        if share == "weighted":
            return Fraction(Decimal(sec["weighted_list_size"]))
        if share == "percent":
            return Fraction(Decimal(sec["share_percent"]))
        if share == "fixed":
            raise SystemExit("check_claims.py: share = fixed not checked")
        return Fraction(int(sec["list_size"]))


def holidays_of(path):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    return {ev["DTSTART"].dt for ev in cal.walk("VEVENT")}


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def expect(where, col, got, want):
    if got != want:
        fail("%s: %s is %r, expected %r" % (where, col, got, want))


def main():
    if len(sys.argv) != 8:
        sys.exit(__doc__)
    ini, state, month, hol, claims_path, recharges_path, delivered_path = \
        sys.argv[1:]
    n = Network(ini)
    holidays = holidays_of(hol)
    year, mon = map(int, month.split("-"))
    ndays = calendar.monthrange(year, mon)[1]
    first = dt.date(year, mon, 1)
    last = dt.date(year, mon, ndays)
    db = sqlite3.connect(state)
    rows = db.execute(
        "SELECT date, session, staff, practice, site, minutes, reason "
        "FROM delivered WHERE date BETWEEN ? AND ?",
        (first.isoformat(), last.isoformat())).fetchall()
    delivered = {}
    for date, sess, staff, practice, site, minutes, reason in rows:
        d = parse_date(date)
        where = "delivered %s %s %s" % (date, sess, staff)
        if staff in n.staff:
            expect(where, "reason", reason,
                   n.reason(staff, d, sess, site, holidays))
            expect(where, "minutes", minutes, n.minutes(sess))
        delivered[(date, sess, staff)] = (practice, reason)
    planned = db.execute(
        "SELECT date, session, staff, practice FROM assignments WHERE "
        "date BETWEEN ? AND ?", (first.isoformat(),
                                 last.isoformat())).fetchall()
    to_come = {}
    for date, sess, staff, practice in planned:
        if (date, sess, staff) not in delivered:
            to_come[(date, sess, staff)] = practice

    # Every placement of the month, as recorded or to come.
    want = {}
    for (date, sess, staff), (practice, why) in delivered.items():
        want[(date, sess, staff)] = (
            practice, pounds(half_up(Fraction(n.minutes(sess) * 100, 60))),
            "delivered" if why == "" else "not delivered", why)
    for (date, sess, staff), practice in to_come.items():
        want[(date, sess, staff)] = (
            practice, pounds(half_up(Fraction(n.minutes(sess) * 100, 60))),
            "to come", "")
    got = {}
    for r in read_csv(delivered_path):
        got[(r["date"], r["session"], r["staff"])] = (
            r["practice"], r["hours"], r["status"], r["reason"])
    for key in sorted(set(want) | set(got)):
        expect("delivered.csv %s" % " ".join(key), "row", got.get(key),
               want.get(key))

    # The claim, person by person.
    claims = read_csv(claims_path)
    by_staff = {r["staff"]: r for r in claims}
    tot = {"max": 0, "cost": 0, "claimable": 0, "paid": {}, "claim": {}}
    sums = [0, 0, 0, 0, 0, 0]
    for s in n.staff:
        sec = n.staff_sec(s)
        start = parse_date(sec["start_date"]) if "start_date" in sec else None
        end = parse_date(sec["end_date"]) if "end_date" in sec else None
        if (start and start > last) or (end and end < first):
            if s in by_staff:
                fail("claims: %s is not employed in %s" % (s, month))
            continue
        if s not in by_staff:
            fail("claims: no row for %s" % s)
            continue
        r = by_staff[s]
        where = "claims " + s
        lo = max(start or first, first)
        hi = min(end or last, last)
        days = max((hi - lo).days + 1, 0)
        expect(where, "days_employed", r["days_employed"], str(days))
        cm = n.contract_minutes(s)
        expect(where, "contract_hours_per_week",
               r["contract_hours_per_week"], pounds(half_up(Fraction(cm *
                                                                    100, 60))))
        w = half_up(Fraction(cm * 10000, n.wte))
        expect(where, "wte", r["wte"], "%d.%04d" % (w // 10000, w % 10000))
        mine = [(k, v[1]) for k, v in delivered.items() if k[2] == s]
        come = [k for k in to_come if k[2] == s]
        done = [k for k, why in mine if why == ""]
        missed = [k for k, why in mine if why != ""]
        counts = [len(mine) + len(come), len(done), len(missed), len(come)]
        for col, v in zip(["sessions_planned", "sessions_delivered",
                           "sessions_not_delivered", "sessions_to_come"],
                          counts):
            expect(where, col, r[col], str(v))
        mins_planned = sum(n.minutes(k[1]) for k, _ in mine) + \
            sum(n.minutes(k[1]) for k in come)
        mins_done = sum(n.minutes(k[1]) for k in done)
        expect(where, "hours_planned", r["hours_planned"],
               pounds(half_up(Fraction(mins_planned * 100, 60))))
        expect(where, "hours_delivered", r["hours_delivered"],
               pounds(half_up(Fraction(mins_done * 100, 60))))
        for i, v in enumerate(counts + [mins_planned, mins_done]):
            if i in (0, 1, 2, 3):
                sums[i] += v
            else:
                sums[i] += v
        absent = {"leave": 0, "sickness": 0, "training": 0,
                  "bank holiday": 0}
        d = first
        while d <= last:
            for k in n.sessions:
                if n.works(s, d, k):
                    why = n.reason(s, d, k, None, holidays)
                    if why in absent:
                        absent[why] += 1
            d += dt.timedelta(days=1)
        for kind, v in absent.items():
            expect(where, kind.replace(" ", "_") + "_sessions",
                   r[kind.replace(" ", "_") + "_sessions"], str(v))
        role = sec["role"]
        key = AREA_KEYS[n.area]
        rsec = n.cp["role " + role]
        if "arrs_max" in rsec:
            year_amount = pence(rsec[key])
            mx = half_up(Fraction(year_amount * min(cm, n.wte) * days,
                                  n.wte * 12 * ndays))
            expect(where, "arrs_max_per_wte_year", r["arrs_max_per_wte_year"],
                   pounds(year_amount))
            expect(where, "arrs_max_pro_rata", r["arrs_max_pro_rata"],
                   pounds(mx))
        else:
            mx = 0
            expect(where, "arrs_max_per_wte_year",
                   r["arrs_max_per_wte_year"], "")
        cost = None
        if "salary" in sec:
            salary = pence(sec["salary"])
            on = sec.get("on_costs", "0")
            if on.endswith("%"):
                on = half_up(Fraction(salary) * Fraction(Decimal(on[:-1]))
                             / 100)
            else:
                on = pence(on)
            cost = half_up(Fraction((salary + on) * days, 12 * ndays))
        expect(where, "actual_cost", r["actual_cost"],
               "" if cost is None else pounds(cost))
        claim = mx if cost is None else min(mx, cost)
        expect(where, "claimable", r["claimable"], pounds(claim))
        tot["max"] += mx
        tot["cost"] += cost or 0
        tot["claimable"] += claim
        paid = claim if cost is None else cost
        tot["paid"][role] = tot["paid"].get(role, 0) + paid
        tot["claim"][role] = tot["claim"].get(role, 0) + claim
    total = [r for r in claims if r["staff"] == "TOTAL"]
    if len(total) != 1:
        fail("claims: no TOTAL row")
    else:
        t = total[0]
        expect("claims TOTAL", "arrs_max_pro_rata", t["arrs_max_pro_rata"],
               pounds(tot["max"]))
        expect("claims TOTAL", "actual_cost", t["actual_cost"],
               pounds(tot["cost"]))
        expect("claims TOTAL", "claimable", t["claimable"],
               pounds(tot["claimable"]))
        expect("claims TOTAL", "sessions_planned", t["sessions_planned"],
               str(sums[0]))
        expect("claims TOTAL", "sessions_delivered", t["sessions_delivered"],
               str(sums[1]))
        if sum(pence(r["claimable"]) for r in claims
               if r["staff"] != "TOTAL") != pence(t["claimable"]):
            fail("claims: the rows do not add up to the TOTAL")

    # The planner's balances carried out of the month's last week.
    carried = {}
    if n.net.get("carry_balances", "yes") == "yes":
        after = last - dt.timedelta(days=last.weekday()) + \
            dt.timedelta(days=7)
        since = after - dt.timedelta(weeks=12)
        for role in n.roles:
            for p in n.practices:
                carried[(role, p)] = "0"
        for role, p, ahead in db.execute(
                "SELECT role, practice, sum(delivered) - sum(share) FROM "
                "balances WHERE week >= ? AND week < ? GROUP BY role, "
                "practice", (since.isoformat(), after.isoformat())):
            if (role, p) in carried:
                carried[(role, p)] = str(ahead)

    # The recharge statement.
    rech = read_csv(recharges_path)
    lines = {(r["practice"], r["role"]): r for r in rech}
    due_total = 0
    part_by_p = {p: 0 for p in n.practices}
    adj_by_p = {p: 0 for p in n.practices}
    uncovered_total = 0
    for role in n.roles:
        staff_of = [s for s in n.staff if n.staff_sec(s)["role"] == role]
        got = []
        for p in n.practices:
            got.append(sum(1 for k, v in delivered.items()
                           if v[1] == "" and v[0] == p and k[2] in staff_of))
        weights = [n.weight(role, p) for p in n.practices]
        cost = tot["paid"].get(role, 0)
        claim = tot["claim"].get(role, 0)
        uncovered = cost - claim
        uncovered_total += uncovered
        share = largest_remainder(sum(got), weights)
        share_value = largest_remainder(cost, weights)
        got_value = largest_remainder(
            cost, [Fraction(g) for g in got] if sum(got) else weights)
        part = largest_remainder(uncovered, weights)
        if sum(part) != uncovered or sum(share_value) != cost or \
                sum(got_value) != cost:
            fail("recharges %s: a split does not add up" % role)
        for i, p in enumerate(n.practices):
            r = lines.get((p, role))
            where = "recharges %s %s" % (p, role)
            if r is None:
                fail("%s: no row" % where)
                continue
            adj = got_value[i] - share_value[i] if n.sessions_rule else 0
            expect(where, "sessions_share", r["sessions_share"],
                   str(share[i]))
            expect(where, "sessions_received", r["sessions_received"],
                   str(got[i]))
            expect(where, "value_share", r["value_share"],
                   pounds(share_value[i]))
            expect(where, "value_received", r["value_received"],
                   pounds(got_value[i]))
            expect(where, "role_cost", r["role_cost"], pounds(cost))
            expect(where, "role_claimable", r["role_claimable"],
                   pounds(claim))
            expect(where, "role_not_covered", r["role_not_covered"],
                   pounds(uncovered))
            expect(where, "part", r["part"], pounds(part[i]))
            expect(where, "adjustment", r["adjustment"], pounds(adj))
            expect(where, "due", r["due"], pounds(part[i] + adj))
            expect(where, "balance_carried", r["balance_carried"],
                   carried.get((role, p), ""))
            part_by_p[p] += part[i]
            adj_by_p[p] += adj
    for p in n.practices:
        r = lines.get((p, "ALL"))
        where = "recharges %s ALL" % p
        if r is None:
            fail("%s: no row" % where)
            continue
        expect(where, "part", r["part"], pounds(part_by_p[p]))
        expect(where, "adjustment", r["adjustment"], pounds(adj_by_p[p]))
        expect(where, "due", r["due"], pounds(part_by_p[p] + adj_by_p[p]))
        due_total += part_by_p[p] + adj_by_p[p]
    if sum(adj_by_p.values()) != 0:
        fail("recharges: the settlements add up to %s, not 0" %
             pounds(sum(adj_by_p.values())))
    if due_total != uncovered_total:
        fail("recharges: practices owe %s, the costs not covered are %s" %
             (pounds(due_total), pounds(uncovered_total)))
    r = lines.get(("TOTAL", ""))
    if r is None:
        fail("recharges: no TOTAL row")
    else:
        expect("recharges TOTAL", "due", r["due"], pounds(uncovered_total))
    for e in errors:
        print("check_claims.py: " + e)
    if not errors:
        print("check_claims.py: %s: %d people, %d practices, %d deliveries "
              "checked; claimable %s; practices owe %s" %
              (month, len(by_staff) - 1, len(n.practices), len(rows),
               pounds(tot["claimable"]), pounds(uncovered_total)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
