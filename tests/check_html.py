#!/usr/bin/env python3
"""Checks the HTML rota of `pcnrota plan --out DIR` against the plan's CSVs.

Usage: check_html.py OUTDIR [NETWORK.ini]

OUTDIR holds rota.html, assignments.csv, fairness.csv and uncovered.csv.
The page is read as a person reads it, through its table headers and the
text in its cells, not through the program's own data: a cell is placed
by the day and session headers above it and the practice or person at
the left of its row. Checked:

  [doc]    doctype, charset, viewport, A4 landscape print rule, language,
           no script and nothing loaded from elsewhere, a caption on every
           table and a scope on every header cell;
  [head]   the title, dates and totals at the top;
  [cols]   each grid's day and session headers: dates in the week, day
           names right, session times those of the CSVs;
  [grid]   each practice cell lists exactly the staff (name and role) the
           plan puts there, and marks exactly the uncovered requests, with
           their reasons;
  [miss]   the table of uncovered requests, row for row; with the network
           file, the table of requests not needed (on a bank holiday or
           a closure), row for row;
  [people] each person's cell names the practice they are at, or says
           they are not placed, and their row's count of sessions;
  [fair]   the fair-share table and the bar charts: shares, delivered,
           differences, totals, bar lengths in proportion; in a week a
           balance was carried into, the agreed share and the balance
           carried in of each row, and on each bar whose fair share the
           balance moved, the agreed share marked, in text and in place;
  [ea]     the Enhanced Access table: each session's staff counted and
           hours (staff times session length) from assignments.csv, the
           week's delivered hours their sum, hours owed from the network
           file when given (read by check_plan.py's reader, which also
           says which sessions are Enhanced Access: every placement in one
           must be in the table) or else from rota.txt, and hours short;
  [head]   also: a bank-holiday warning (p.warning) exactly when
           rota.txt begins with one, in the same words;
  [num]    every number on the page was checked by one of the above.

Prints one line per problem, then `check_html: N problems`; exit status
0 with none, 1 with some, 2 on usage errors or unreadable files.
"""

import collections
import csv
import datetime
import html.parser
import os
import re
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
MINUS = "\u2212"
DASH = "\u2014"
ENDASH = "\u2013"
SHARE_NAMES = {"weighted": "weighted list", "list": "list size",
               "percent": "agreed percentages", "fixed": "agreed sessions"}
MIXED_SHARES = "each role's agreement"


# ------------------------------------------------------------------ tree

class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.children = []
        self.parent = parent

    def cls(self):
        return self.attrs.get("class", "").split()

    def walk(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.walk()

    def find(self, tag=None, cls=None):
        return [n for n in self.walk()
                if (tag is None or n.tag == tag)
                and (cls is None or cls in n.cls())]

    def kids(self, tag):
        return [c for c in self.children
                if isinstance(c, Node) and c.tag == tag]

    def texts(self):
        for c in self.children:
            if isinstance(c, Text):
                yield c
            else:
                yield from c.texts()

    def text(self):
        return " ".join("".join(t.data for t in self.texts()).split())

    def own_text(self):
        """Text outside child elements."""
        return " ".join("".join(c.data for c in self.children
                                if isinstance(c, Text)).split())

    def mark(self):
        for t in self.texts():
            t.checked = True


class Text:
    def __init__(self, data, parent):
        self.data = data
        self.parent = parent
        self.checked = False


class TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [], None)
        self.cur = self.root
        self.errors = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.cur.tag != tag:
            self.errors.append("</%s> closes <%s> (line %d)"
                               % (tag, self.cur.tag, self.getpos()[0]))
            n = self.cur
            while n is not None and n.tag != tag:
                n = n.parent
            if n is None:
                return
            self.cur = n
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.children.append(Text(data, self.cur))


# ----------------------------------------------------------------- dates

def parse_date(s):
    return datetime.date.fromisoformat(s)


def day_title(d, with_year=False):
    t = "%s %d %s" % (d.strftime("%a"), d.day, d.strftime("%b"))
    return t + (" %d" % d.year if with_year else "")


def iso_week(d):
    y, w, _ = d.isocalendar()
    return "%d-W%02d" % (y, w)


def week_monday(label):
    y, w = label.split("-W")
    return datetime.date.fromisocalendar(int(y), int(w), 1)


def week_title(label):
    mon = week_monday(label)
    return "%s: %s to %s" % (label, day_title(mon),
                             day_title(mon + datetime.timedelta(6), True))


def number(s):
    """An integer as the page writes it: 3, +1, 0 or \u22121."""
    s = s.replace(MINUS, "-")
    if not re.fullmatch(r"[+-]?\d+", s):
        return None
    return int(s)


# --------------------------------------------------------------- checker

class Checker:
    def __init__(self, outdir, network=None):
        self.problems = []
        self.network = network
        self.load(outdir)

    def bad(self, area, msg):
        self.problems.append("[%s] %s" % (area, msg))

    # CSVs, and what the page should show, indexed.
    def load(self, outdir):
        def rows(name):
            with open(os.path.join(outdir, name), newline="",
                      encoding="utf-8-sig") as f:
                return list(csv.DictReader(f))

        with open(os.path.join(outdir, "rota.html"), encoding="utf-8") as f:
            self.raw = f.read()
        self.rota = ""
        if os.path.exists(os.path.join(outdir, "rota.txt")):
            with open(os.path.join(outdir, "rota.txt"),
                      encoding="utf-8") as f:
                self.rota = f.read()
        self.assign = rows("assignments.csv")
        self.fair = rows("fairness.csv")
        self.unc = rows("uncovered.csv")
        self.weeks = sorted({r["week"] for r in self.fair})
        self.practice_name = {}
        self.staff = {}
        self.times = {}
        self.cell = collections.defaultdict(collections.Counter)
        self.need = collections.defaultdict(collections.Counter)
        self.where = {}
        self.placed = collections.Counter()
        for r in self.assign:
            self.staff[r["staff"]] = (r["staff_name"], r["role"])
            # Grid rows: practices, and care homes (no practice) by site.
            row = r["practice"] or "home:" + r["site"]
            name = r["staff_name"]
            if r["practice"]:
                self.practice_name[r["practice"]] = r["practice_name"]
                if r["site"] != r["practice"]:
                    name += " at " + r["site_name"]
            key = (r["date"], r["session"], row)
            self.cell[key][(name, r["role"])] += 1
            self.where[(r["staff"], r["date"], r["session"])] = r
            self.placed[(r["week"], r["staff"])] += 1
        for r in self.assign + self.unc:
            self.times.setdefault(r["session"], set()).add(
                (r["start"], r["end"]))
        for r in self.unc:
            key = (r["date"], r["session"], r["practice"])
            self.need[key][(r["role"], r["reason"])] += 1
        self.roles = []
        for r in self.fair:
            if r["role"] not in self.roles:
                self.roles.append(r["role"])
        self.basis = {r["share_basis"] for r in self.fair}

    def run(self):
        tb = TreeBuilder()
        tb.feed(self.raw)
        tb.close()
        for e in tb.errors:
            self.bad("doc", e)
        self.root = tb.root
        self.check_doc()
        self.check_head()
        sections = [s for s in self.root.find("section", "week")]
        if len(sections) != len(self.weeks):
            self.bad("head", "%d week sections for %d weeks in fairness.csv"
                     % (len(sections), len(self.weeks)))
        for label, sec in zip(self.weeks, sections):
            self.check_week(label, sec)
        self.check_numbers()

    # ---------------------------------------------------------- document
    def check_doc(self):
        if not self.raw.startswith("<!DOCTYPE html>"):
            self.bad("doc", "does not start with <!DOCTYPE html>")
        html_el = self.root.find("html")
        if not html_el or not html_el[0].attrs.get("lang"):
            self.bad("doc", "no lang on <html>")
        metas = self.root.find("meta")
        if not any(m.attrs.get("charset", "").lower() == "utf-8"
                   for m in metas):
            self.bad("doc", "no <meta charset=utf-8>")
        if not any(m.attrs.get("name") == "viewport" for m in metas):
            self.bad("doc", "no viewport <meta>")
        style = " ".join(s.text() for s in self.root.find("style"))
        if not re.search(r"@media print\{@page\{size:A4 landscape", style):
            self.bad("doc", "no @page A4 landscape rule for print")
        if "url(" in style or "@import" in style:
            self.bad("doc", "the style loads something")
        for n in self.root.walk():
            if n.tag in ("script", "link", "iframe", "object", "embed",
                         "img"):
                self.bad("doc", "has <%s>" % n.tag)
            if any(a.startswith("on") for a in n.attrs):
                self.bad("doc", "event handler on <%s>" % n.tag)
            href = n.attrs.get("href")
            if href is not None and not href.startswith("#"):
                self.bad("doc", "link out of the page: %s" % href)
            if n.tag == "th" and n.attrs.get("scope") not in (
                    "row", "col", "rowgroup", "colgroup"):
                self.bad("doc", "<th> without scope: %r" % n.text())
        for t in self.root.find("table"):
            if not t.kids("caption"):
                self.bad("doc", "table without caption (class %s)"
                         % t.attrs.get("class"))

    # ------------------------------------------------------------ header
    def check_head(self):
        first, last = self.weeks[0], self.weeks[-1]
        span = first if first == last else "%s to %s" % (first, last)
        title = self.root.find("title")[0]
        if not title.text().endswith(": rota for " + span):
            self.bad("head", "title %r does not end with the weeks %s"
                     % (title.text(), span))
        title.mark()
        h1 = self.root.find("h1")[0]
        h1.mark()  # the network's name, not in the CSVs
        lead = self.root.find("p", "lead")[0]
        want = week_title(first)
        if first != last:
            want += " to " + last
        if len(self.basis) == 1:
            want += "; fair shares by %s." % SHARE_NAMES.get(
                next(iter(self.basis)), "?")
        elif self.basis:
            want += "; fair shares by %s." % MIXED_SHARES
        if lead.text() != want:
            self.bad("head", "lead %r, expected %r" % (lead.text(), want))
        lead.mark()
        # A bank-holiday warning: on the page exactly when rota.txt has
        # one, with the same words.
        text = re.findall(r"^WARNING: (.*)$", self.rota, re.M)
        warnings = self.root.find("p", "warning")
        got = [w.text() for w in warnings]
        want = ["Warning: %s." % t for t in text[:1]]
        if got != want:
            self.bad("head", "warnings %r, rota.txt says %r" % (got, want))
        for w in warnings:
            w.mark()
        strongs = self.root.find("p", "stats")[0].find("strong")
        got = [number(s.text()) for s in strongs]
        if got != [len(self.assign), len(self.unc)]:
            self.bad("head", "totals %s, expected %d placed and %d not "
                     "covered" % (got, len(self.assign), len(self.unc)))
        for s in strongs:
            s.mark()
        for a in self.root.find("a"):
            if a.attrs.get("href") != "#week-" + a.text() or \
                    a.text() not in self.weeks:
                self.bad("head", "week link %r to %r"
                         % (a.text(), a.attrs.get("href")))
            a.mark()
        key = self.root.find("section", "key")[0]
        ids = [li.find("span", "rb")[0].text()
               for li in key.find("ul", "roles")[0].kids("li")]
        if ids != self.roles:
            self.bad("head", "key lists roles %s, fairness.csv %s"
                     % (ids, self.roles))
        key.mark()

    # ------------------------------------------------------------ a week
    def check_week(self, label, sec):
        h2 = sec.kids("h2")[0]
        if h2.text() != "Week " + week_title(label):
            self.bad("head", "week heading %r for %s" % (h2.text(), label))
        h2.mark()
        tables = {}
        for t in sec.find("table"):
            tables[t.attrs.get("class")] = t
        for t in tables.values():
            cap = t.kids("caption")[0]
            if not cap.text().endswith("week " + label):
                self.bad("cols", "caption %r is not for week %s"
                         % (cap.text(), label))
            cap.mark()
        names = self.check_grid(label, tables.get("grid"))
        self.check_uncovered(label, sec, tables.get("uncovered"))
        self.check_not_needed(label, tables.get("notneeded"))
        self.check_people(label, tables.get("people"))
        self.check_fair(label, tables.get("fair"), names)
        self.check_charts(label, sec, names)
        self.check_ea(label, tables.get("ea"))
        self.check_rounds(label, tables.get("rounds"))

    def check_rounds(self, label, table):
        """Each care home's sessions due, held and by whom, from the
        network file and assignments.csv."""
        net = self.network
        homes = {} if net is None else {
            k: v for k, v in net.sites.items() if v["practice"] == ""}
        held = collections.defaultdict(list)
        for r in self.assign:
            if r["week"] == label and not r["practice"]:
                held[r["site"]].append(r)
        if table is None:
            if homes or held:
                self.bad("rounds", "week %s has no care-home table" % label)
            return
        seen = set()
        for tr in table.kids("tbody")[0].kids("tr"):
            home = tr.attrs.get("data-care-home")
            seen.add(home)
            td = tr.kids("td")
            rows = held.get(home, [])
            due = homes[home]["rounds"] if home in homes else None
            by = ", ".join("%s, %s %s" % (r["staff_name"],
                                          day_title(parse_date(r["date"])),
                                          r["session"]) for r in rows)
            got = [number(td[0].text()), number(td[1].text()), td[2].text()]
            if (due is not None and got[0] != due) or \
                    got[1:] != [len(rows), by] or \
                    (not td[3].text()) != (len(rows) >= got[0]):
                self.bad("rounds", "%s %s: due, held, by %s, short %r; "
                         "expected %s, %d, %r" % (label, home, got,
                                                  td[3].text(), due,
                                                  len(rows), by))
            tr.mark()
        for home in set(homes) | set(held):
            if home not in seen:
                self.bad("rounds", "%s %s: not in the table" % (label, home))

    def columns(self, label, table, area):
        """[(date, session)] for the table's session columns."""
        head = table.kids("thead")[0].kids("tr")
        days = head[0].kids("th")[1:]
        sessions = head[1].kids("th")
        cols = []
        extra = None
        for th in days:
            times = th.find("time")
            if not times:
                extra = th
                continue
            d = parse_date(times[0].attrs["datetime"])
            if times[0].text() != day_title(d):
                self.bad(area, "header %r for %s" % (times[0].text(), d))
            if iso_week(d) != label:
                self.bad(area, "%s in the grid of week %s" % (d, label))
            cols += [d.isoformat()] * int(th.attrs.get("colspan", 1))
            th.mark()
        if len(cols) != len(sessions):
            self.bad(area, "%d day columns, %d session headers"
                     % (len(cols), len(sessions)))
        out = []
        for d, th in zip(cols, sessions):
            sid = th.find("abbr", "sid")[0].text()
            tm = th.find("span", "tm")[0].text()
            m = re.fullmatch(r"(\d\d:\d\d)%s(\d\d:\d\d)" % ENDASH, tm)
            if not m:
                self.bad(area, "session times %r" % tm)
            elif sid in self.times and \
                    (m.group(1), m.group(2)) not in self.times[sid]:
                self.bad(area, "%s %s at %s, CSVs say %s"
                         % (d, sid, tm, sorted(self.times[sid])))
            elif m.group(1) >= m.group(2):
                self.bad(area, "%s %s ends before it starts" % (d, sid))
            th.mark()
            out.append((d, sid))
        if len(set(out)) != len(out) or out != sorted(
                out, key=lambda c: c[0]):
            self.bad(area, "columns repeated or out of order: %s" % out)
        return out, extra

    # -------------------------------------------------- grid of practices
    def check_grid(self, label, table):
        names = {}
        if table is None:
            self.bad("grid", "week %s has no practice grid" % label)
            return names
        cols, _ = self.columns(label, table, "grid")
        seen = set()
        for tr in table.kids("tbody")[0].kids("tr"):
            pid = tr.attrs.get("data-practice")
            th = tr.kids("th")[0]
            if pid is None:
                pid = "home:%s" % tr.attrs.get("data-care-home")
            names[pid] = th.text()
            if pid in self.practice_name and \
                    self.practice_name[pid] != th.text():
                self.bad("grid", "practice %s named %r, CSV %r"
                         % (pid, th.text(), self.practice_name[pid]))
            th.mark()
            tds = tr.kids("td")
            if len(tds) != len(cols):
                self.bad("grid", "%s: %d cells for %d columns"
                         % (pid, len(tds), len(cols)))
            for (d, sid), td in zip(cols, tds):
                key = (d, sid, pid)
                seen.add(key)
                self.check_cell(key, td)
        for key in list(self.cell) + list(self.need):
            if iso_week(parse_date(key[0])) == label and key not in seen:
                self.bad("grid", "%s %s %s: in the CSVs, not in the grid"
                         % key)
        return names

    def check_cell(self, key, td):
        where = "%s %s %s" % key
        staff = collections.Counter()
        need = collections.Counter()
        for grp in td.find("li", "grp"):
            role = grp.find("span", "rb")[0].text()
            for li in grp.find("li", "st"):
                staff[(li.text(), role)] += 1
        for li in td.find("li", "need"):
            abbr = li.find("abbr")[0]
            m = re.fullmatch(r"\[need (.+)\]", abbr.text())
            why = li.find("span", "why")[0].text()
            if not m:
                self.bad("grid", "%s: marker %r" % (where, abbr.text()))
                continue
            if abbr.attrs.get("title") != why:
                self.bad("grid", "%s: reason %r in the title, %r shown"
                         % (where, abbr.attrs.get("title"), why))
            need[(m.group(1), why)] += 1
        if staff != self.cell.get(key, collections.Counter()):
            self.bad("grid", "%s: shows %s, assignments.csv %s"
                     % (where, sorted(staff.elements()),
                        sorted(self.cell.get(key, {}))))
        if need != self.need.get(key, collections.Counter()):
            self.bad("grid", "%s: marks %s, uncovered.csv %s"
                     % (where, sorted(need.elements()),
                        sorted(self.need.get(key, {}))))
        empty = td.find("span", "none")
        if empty and (staff or need or empty[0].text() != DASH):
            self.bad("grid", "%s: marked empty but is not" % where)
        if not empty and not staff and not need and \
                not td.find("span", "closed"):
            self.bad("grid", "%s: an empty cell says nothing" % where)
        td.mark()

    # ------------------------------------------------ uncovered requests
    def check_uncovered(self, label, sec, table):
        want = collections.Counter(
            (r["date"], r["session"], r["start"], r["end"], r["practice"],
             r["role"], r["reason"]) for r in self.unc if r["week"] == label)
        if table is None:
            ok = [p for p in sec.find("p", "ok")]
            if want or not ok:
                self.bad("miss", "week %s: no table of uncovered requests "
                         "for %d rows" % (label, sum(want.values())))
            return
        got = collections.Counter()
        for tr in table.kids("tbody")[0].kids("tr"):
            td = tr.kids("td")
            t = td[0].find("time")[0]
            d = parse_date(t.attrs["datetime"])
            if t.text() != day_title(d):
                self.bad("miss", "day %r for %s" % (t.text(), d))
            m = re.fullmatch(r"(\S+) (\d\d:\d\d)%s(\d\d:\d\d)" % ENDASH,
                             td[1].text())
            if not m:
                self.bad("miss", "session %r" % td[1].text())
                continue
            pid = td[2].attrs.get("data-practice")
            if pid in self.practice_name and \
                    td[2].text() != self.practice_name[pid]:
                self.bad("miss", "practice %s named %r" % (pid, td[2].text()))
            got[(d.isoformat(), m.group(1), m.group(2), m.group(3), pid,
                 td[3].text(), td[4].text())] += 1
            tr.mark()
        if got != want:
            self.bad("miss", "week %s: table %s, uncovered.csv %s"
                     % (label, sorted(got.elements()),
                        sorted(want.elements())))

    # ------------------------------------------ requests not needed
    def check_not_needed(self, label, table):
        """Requests on a bank holiday or a closure, listed apart: with
        the network file, exactly those it asks for on a date that
        closes the place."""
        got = collections.Counter()
        for tr in table.kids("tbody")[0].kids("tr") if table else []:
            td = tr.kids("td")
            d = parse_date(td[0].find("time")[0].attrs["datetime"])
            if td[0].text() != day_title(d):
                self.bad("miss", "day %r for %s" % (td[0].text(), d))
            got[(d, td[1].text().split()[0], td[2].attrs.get("data-place"),
                 td[3].text())] += 1
            tr.mark()
        if self.network is None:
            return
        net, monday = self.network, week_monday(label)
        want = collections.Counter()
        for (place, d, session, role), n in \
                net.requests_in_week(monday, needed=False).items():
            want[(d, session, place, role)] += n
        if got != want:
            self.bad("miss", "week %s: not needed %s, the network's %s"
                     % (label, sorted(got.elements()),
                        sorted(want.elements())))

    # --------------------------------------------------- grid of people
    def check_people(self, label, table):
        if table is None:
            self.bad("people", "week %s has no grid of people" % label)
            return
        cols, extra = self.columns(label, table, "people")
        if extra is None or extra.text() != "Sessions":
            self.bad("people", "no Sessions column")
        else:
            extra.mark()
        seen = set()
        for tr in table.kids("tbody")[0].kids("tr"):
            sid = tr.attrs.get("data-staff")
            th = tr.kids("th")[0]
            name, role = th.own_text(), th.find("span", "rb")[0].text()
            seen.add(sid)
            if sid in self.staff and self.staff[sid] != (name, role):
                self.bad("people", "%s shown as %r, %r; CSV %s"
                         % (sid, name, role, self.staff[sid]))
            th.mark()
            tds = tr.kids("td")
            if len(tds) != len(cols) + 1:
                self.bad("people", "%s: %d cells for %d columns"
                         % (sid, len(tds), len(cols) + 1))
                continue
            for (d, s), td in zip(cols, tds):
                a = self.where.get((sid, d, s))
                text = td.text()
                if a is not None and text != a["site_name"]:
                    self.bad("people", "%s %s %s: %r, assignments.csv %r"
                             % (sid, d, s, text, a["site_name"]))
                if a is None and text not in ("leave", DASH):
                    self.bad("people", "%s %s %s: %r, not placed"
                             % (sid, d, s, text))
                td.mark()
            n = number(tds[-1].text())
            if n != self.placed[(label, sid)]:
                self.bad("people", "%s: %s sessions, assignments.csv %d"
                         % (sid, tds[-1].text(), self.placed[(label, sid)]))
            tds[-1].mark()
        for (week, sid) in self.placed:
            if week == label and sid not in seen:
                self.bad("people", "%s placed in %s, not in the grid"
                         % (sid, label))

    # ------------------------------------------------------- fair shares
    def fair_rows(self, label):
        """Rows shown: every one but a zero share that got nothing."""
        return {(r["role"], r["practice"]): r for r in self.fair
                if r["week"] == label and
                any(r[k] != "0" for k in ("target", "delivered",
                                          "agreed_share", "carried_in"))}

    def carried(self, label):
        """Whether any balance was carried into the week."""
        return any(r["carried_in"] != "0" for r in self.fair
                   if r["week"] == label)

    def check_fair(self, label, table, names):
        if table is None:
            self.bad("fair", "week %s has no fair-share table" % label)
            return
        want = self.fair_rows(label)
        basis = table.kids("caption")[0].text()
        bases = {r["share_basis"] for r in want.values()}
        name = (SHARE_NAMES.get(next(iter(bases)), "?") if len(bases) == 1
                else MIXED_SHARES)
        if bases and "by %s," % name not in basis:
            self.bad("fair", "caption %r, basis %s" % (basis, bases))
        # The columns, by their headers: agreed share and carried in
        # only in a week a balance was carried into.
        carried = self.carried(label)
        heads = [th.text() for th in
                 table.kids("thead")[0].kids("tr")[0].kids("th")]
        cols = ["Fair share", "Delivered", "Difference"]
        if carried:
            cols = ["Agreed share", "Carried in"] + cols
        if heads != ["Role", "Practice"] + cols:
            self.bad("fair", "%s: columns %s, expected %s (carried in: %s)"
                     % (label, heads, ["Role", "Practice"] + cols,
                        "yes" if carried else "no"))
            return
        csv_cols = {"Agreed share": "agreed_share",
                    "Carried in": "carried_in", "Fair share": "target",
                    "Delivered": "delivered", "Difference": "difference"}
        signed = {"Carried in", "Difference"}
        notes = [p for p in table.parent.kids("p") if "note" in p.cls()]
        if carried and not (notes and notes[0].text().startswith(
                "Carried in: sessions a practice got ahead (+) or is owed")):
            self.bad("fair", "%s: no note on the balances carried in"
                     % label)
        if not carried and notes:
            self.bad("fair", "%s: a note on balances, none carried in"
                     % label)
        # Practices a role gets no share of, each role's said once.
        noshare = [p for p in table.parent.kids("p") if "noshare" in p.cls()]
        if self.network is not None:
            net, said = self.network, []
            for role in net.roles:
                out = [net.practices[p]["name"] for p in net.practices
                       if not net.reaches(role, p)]
                if out and len(out) < len(net.practices):
                    said.append("No share of %s at %s: no %s may work "
                                "there." % (role, ", ".join(out), role))
            if [p.text() for p in noshare] != said:
                self.bad("fair", "%s: says no share %s, expected %s"
                         % (label, [p.text() for p in noshare], said))
            for p in noshare:
                p.mark()
        got = set()
        for body in table.kids("tbody"):
            role = None
            for tr in body.kids("tr"):
                ths = tr.kids("th")
                if ths:
                    role = ths[0].text()
                    ths[0].mark()
                pid = tr.attrs.get("data-practice")
                td = tr.kids("td")
                r = want.get((role, pid))
                got.add((role, pid))
                if len(td) != 1 + len(cols):
                    self.bad("fair", "%s %s %s: %d cells for %d columns"
                             % (label, role, pid, len(td), 1 + len(cols)))
                    continue
                vals = [number(t.text()) for t in td[1:]]
                if r is None:
                    self.bad("fair", "%s %s %s: shown, not in fairness.csv "
                             "(or zero)" % (label, role, pid))
                    continue
                if td[0].text() != names.get(pid):
                    self.bad("fair", "%s %s %s: practice %r"
                             % (label, role, pid, td[0].text()))
                expect = [int(r[csv_cols[c]]) for c in cols]
                if vals != expect:
                    self.bad("fair", "%s %s %s: %s %s, fairness.csv %s"
                             % (label, role, pid, cols, vals, expect))
                for c, v, t in zip(cols, vals, td[1:]):
                    if c in signed and v is not None and \
                            t.text()[:1] != ("+" if v > 0 else
                                             MINUS if v < 0 else "0"):
                        self.bad("fair", "%s %s %s: %s %r without its "
                                 "sign" % (label, role, pid, c.lower(),
                                           t.text()))
                tr.mark()
        for k in set(want) - got:
            self.bad("fair", "%s %s %s: in fairness.csv, not in the table"
                     % ((label,) + k))

    def check_charts(self, label, sec, names):
        want = self.fair_rows(label)
        by_role = collections.defaultdict(dict)
        for (role, pid), r in want.items():
            by_role[role][pid] = r
        placed = collections.Counter(r["role"] for r in self.assign
                                     if r["week"] == label and r["practice"])
        charts = sec.find("figure", "chart")
        if [c.find("span", "rb")[0].text() for c in charts] != \
                [r for r in self.roles if r in by_role]:
            self.bad("fair", "%s: charts for %s, expected %s"
                     % (label, [c.find("span", "rb")[0].text()
                                for c in charts], sorted(by_role)))
        for fig in charts:
            cap = fig.kids("figcaption")[0]
            role = cap.find("span", "rb")[0].text()
            rows = by_role.get(role, {})
            total = number(cap.find("span", "total")[0].text())
            if total != sum(int(r["delivered"]) for r in rows.values()) or \
                    total != placed[role]:
                self.bad("fair", "%s %s: total %s, fairness.csv %d, "
                         "assignments.csv %d"
                         % (label, role, total,
                            sum(int(r["delivered"]) for r in rows.values()),
                            placed[role]))
            cap.mark()
            svg = fig.find("svg")[0]
            title = svg.kids("title")[0]
            if not title.text().startswith("%s, week %s:" % (role, label)):
                self.bad("fair", "chart title %r" % title.text())
            title.mark()
            moved = {pid for pid, r in rows.items()
                     if r["agreed_share"] != r["target"]}
            for g in svg.find("g", "legend"):
                if ("agreed share" in g.text()) != bool(moved):
                    self.bad("fair", "%s %s: legend %r, agreed share "
                             "moved for %s" % (label, role, g.text(),
                                               sorted(moved)))
                g.mark()
            scale = []
            seen = set()
            for g in svg.find("g", "bar"):
                pid = g.attrs.get("data-practice")
                seen.add(pid)
                r = rows.get(pid)
                texts = [t for t in g.kids("text") if "ag" not in t.cls()]
                share, dlv = number(texts[1].text()), number(texts[2].text())
                tip = "%s: fair share %s, delivered %s" % (
                    names.get(pid), share, dlv)
                # The agreed share, where a balance moved the fair share.
                ag = [t for t in g.kids("text") if "ag" in t.cls()]
                tick = g.find("rect", "agreed")
                if pid in moved:
                    agreed = None
                    m = re.fullmatch(r"agreed (\d+)",
                                     ag[0].text() if ag else "")
                    if m:
                        agreed = int(m.group(1))
                    if agreed != int(r["agreed_share"]) or len(tick) != 1:
                        self.bad("fair", "%s %s %s: agreed share shown %r "
                                 "(%d ticks), fairness.csv %s"
                                 % (label, role, pid,
                                    ag[0].text() if ag else None,
                                    len(tick), r["agreed_share"]))
                    else:
                        x0 = float(g.find("rect", "share")[0].attrs["x"])
                        x = float(tick[0].attrs["x"]) + 1
                        scale.append((agreed, x - x0))
                    carried = int(r["carried_in"])
                    tip = "%s: agreed share %s, carried in %s%d, fair " \
                        "share %s, delivered %s" % (
                            names.get(pid), r["agreed_share"],
                            "+" if carried > 0 else "", carried, share,
                            dlv)
                elif ag or tick:
                    self.bad("fair", "%s %s %s: agreed share marked, but "
                             "it is the fair share" % (label, role, pid))
                label_text = texts[0].text()
                if g.kids("title")[0].text() != tip or not (
                        label_text == names.get(pid) or
                        (label_text.endswith("\u2026") and
                         names.get(pid, "").startswith(label_text[:-1]))):
                    self.bad("fair", "%s %s %s: bar labelled %r, %r"
                             % (label, role, pid, label_text,
                                g.kids("title")[0].text()))
                if r is None or [share, dlv] != [int(r["target"]),
                                                 int(r["delivered"])]:
                    self.bad("fair", "%s %s %s: bars %s %s, fairness.csv %s"
                             % (label, role, pid, share, dlv,
                                r and (r["target"], r["delivered"])))
                for cls, v in (("share", share), ("delivered", dlv)):
                    w = float(g.find("rect", cls)[0].attrs["width"])
                    scale.append((v, w))
                g.mark()
            if seen != set(rows):
                self.bad("fair", "%s %s: bars for %s, fairness.csv %s"
                         % (label, role, sorted(seen), sorted(rows)))
            top = max(scale, default=(0, 0))
            for v, w in scale:
                if top[0] and abs(w - v * top[1] / top[0]) > 0.2:
                    self.bad("fair", "%s %s: bar of %d is %.1f long, of %d "
                             "%.1f" % (label, role, v, w, top[0], top[1]))

    # --------------------------------------------------- Enhanced Access
    def ea_owed(self, label):
        """Minutes owed in the week: the network's, or rota.txt's."""
        if self.network is not None:
            return self.network.ea_owed
        m = re.search(r"^Enhanced Access, %s: \S+ hours delivered of "
                      r"(\d+):(\d\d) owed" % re.escape(label),
                      self.rota, re.M)
        return int(m.group(1)) * 60 + int(m.group(2)) if m else None

    def check_ea(self, label, table):
        net = self.network
        ea = None if net is None else {
            s for s, v in net.sessions.items() if v["ea"]}
        if table is None:
            if ea:
                self.bad("ea", "week %s has no Enhanced Access table" % label)
            return
        if ea is not None and not ea:
            self.bad("ea", "week %s: Enhanced Access table without EA "
                     "sessions in the network" % label)
        total, seen = 0, set()
        for tr in table.kids("tbody")[0].kids("tr"):
            td = tr.kids("td")
            t = td[0].find("time")[0]
            d = parse_date(t.attrs["datetime"])
            if t.text() != day_title(d) or iso_week(d) != label:
                self.bad("ea", "day %r for %s in week %s"
                         % (t.text(), d, label))
            m = re.fullmatch(r"(\S+) (\d\d):(\d\d)%s(\d\d):(\d\d)"
                             % ENDASH, td[1].text())
            if not m:
                self.bad("ea", "session %r" % td[1].text())
                continue
            sess = m.group(1)
            h1, m1, h2, m2 = (int(x) for x in m.groups()[1:])
            times = ("%02d:%02d" % (h1, m1), "%02d:%02d" % (h2, m2))
            if sess in self.times and times not in self.times[sess]:
                self.bad("ea", "%s shown %s-%s, CSVs %s"
                         % (sess, times[0], times[1], self.times[sess]))
            if ea is not None and sess not in ea:
                self.bad("ea", "%s is not an Enhanced Access session" % sess)
            staff = sum(1 for r in self.assign
                        if r["date"] == d.isoformat()
                        and r["session"] == sess)
            minutes = staff * ((h2 * 60 + m2) - (h1 * 60 + m1))
            want = [str(staff), hhmm(minutes)]
            got = [td[2].text(), td[3].text()]
            if got != want:
                self.bad("ea", "%s %s: staff and hours %s, assignments.csv "
                         "%s" % (d, sess, got, want))
            total += minutes
            seen.add((d.isoformat(), sess))
            tr.mark()
        for r in self.assign:
            if ea and r["week"] == label and r["session"] in ea and \
                    (r["date"], r["session"]) not in seen:
                self.bad("ea", "%s %s: staffed, not in the table"
                         % (r["date"], r["session"]))
        owed = self.ea_owed(label)
        foot = {tr.kids("th")[0].text(): tr
                for tr in table.kids("tfoot")[0].kids("tr")}
        want = {"Delivered": total, "Owed": owed,
                "Short": None if owed is None else max(0, owed - total)}
        for key, minutes in want.items():
            tr = foot.get(key)
            got = tr.kids("td")[0].text() if tr is not None else None
            if minutes is None or got != hhmm(minutes):
                self.bad("ea", "week %s: %s %s, expected %s"
                         % (label, key, got,
                            None if minutes is None else hhmm(minutes)))
            elif tr is not None:
                tr.mark()

    # ----------------------------------------------------------- numbers
    def check_numbers(self):
        def skip(n):
            while n is not None:
                if n.tag == "style":
                    return True
                n = n.parent
            return False

        for node in self.root.walk():
            for c in node.children:
                if isinstance(c, Text) and not c.checked and \
                        re.search(r"\d", c.data) and not skip(node):
                    self.bad("num", "number not checked: %r in <%s>"
                             % (c.data.strip(), node.tag))


def hhmm(minutes):
    return "%d:%02d" % (minutes // 60, minutes % 60)


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: check_html.py OUTDIR [NETWORK.ini]", file=sys.stderr)
        return 2
    network = None
    if len(argv) == 3:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        sys.dont_write_bytecode = True  # the source tree may be read-only
        import check_plan
        try:
            network = check_plan.Network(argv[2])
        except (check_plan.NetworkError, KeyError, ValueError) as e:
            print("check_html: %s: %s" % (argv[2], e), file=sys.stderr)
            return 2
    try:
        c = Checker(argv[1], network)
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        print("check_html: %s" % e, file=sys.stderr)
        return 2
    try:
        c.run()
    except (IndexError, KeyError, ValueError) as e:
        c.bad("doc", "page structure not as expected: %r" % e)
    for p in c.problems:
        print(p)
    print("check_html: %d problems" % len(c.problems))
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
