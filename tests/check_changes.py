#!/usr/bin/env python3
"""Recounts what `pcnrota changes` reports, independently: from the state
database (Python's sqlite3) and from the rows the command lists.

check_changes.py audit DB ROWS
    replaces DB's audit log with ROWS, one change a line, tab-separated:
    LOCAL-TIME DATE SESSION STAFF FROM TO REASON (FROM or TO "-" for
    none; LOCAL-TIME as YYYY-MM-DDTHH:MM in Europe/London).
check_changes.py check DB SINCE TEXT CSV
    TEXT and CSV are the command's output for the same window: the changes
    at or after SINCE (a local time as above), or, with SINCE "-", those
    of the latest run. Sessions are distinct (date, session, staff),
    staff distinct people; the summary line, the rows listed by person
    and by practice, and the CSV must all agree with the state. Prints
    "rows R sessions S staff P"; exits 1 naming each disagreement.
"""
import collections
import csv
import re
import sqlite3
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/London")
problems = []


def unix(local):
    t = datetime.strptime(local, "%Y-%m-%dT%H:%M").replace(tzinfo=ZONE)
    return int(t.timestamp())


def local_unix(text):
    """changed_at, local time YYYY-MM-DDTHH:MM:SS, as Unix time."""
    t = datetime.strptime(text, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=ZONE)
    return int(t.timestamp())


def audit(db, rows_file):
    rows = []
    with open(rows_file) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            at, date, session, staff, old, new, reason = line.split("\t")
            rows.append((unix(at), date, session, staff,
                         "" if old == "-" else old,
                         "" if new == "-" else new, reason))
    con = sqlite3.connect(db)
    con.execute("DELETE FROM audit")
    con.executemany(
        "INSERT INTO audit (at, date, session, staff, old_practice, "
        "new_practice, reason) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    con.commit()
    con.close()


def window(db, since):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    if since == "-":
        start = con.execute("SELECT max(at) FROM audit").fetchone()[0] or 0
    else:
        start = unix(since)
    rows = con.execute(
        "SELECT at, date, session, staff, old_practice, new_practice "
        "FROM audit WHERE at >= ?", (start,)).fetchall()
    con.close()
    return rows


def agree(what, got, want):
    if got != want:
        problems.append("%s: %s, the state has %s" % (what, got, want))


def read_text(path):
    """The summary's counts, the by-person rows as (staff id, date, session
    name) and the by-practice lines."""
    with open(path) as f:
        lines = f.read().split("\n")
    m = re.match(r"^(\d+) sessions? changed for (\d+) staff$", lines[0])
    if not m:
        problems.append("text: no summary line: %r" % lines[0])
        return None, None, [], [], 0
    headers, listed, section, by_practice = [], [], None, 0
    person = None
    for line in lines[1:]:
        if line in ("By person", "By practice",
                    "By practice or care home"):
            section = line
            continue
        if section == "By person":
            h = re.match(r"^  \S.* \(([^()]+)\)$", line)
            r = re.match(r"^    \S+ (\d{4}-\d\d-\d\d) (\S+) ", line)
            if h:
                person = h.group(1)
                headers.append(person)
            elif r:
                if person is None:
                    problems.append("text: a row before any person: %r" %
                                    line)
                listed.append((person, r.group(1), r.group(2)))
        elif section is not None and line.startswith("    "):
            by_practice += 1
    return (int(m.group(1)), int(m.group(2)), headers, listed,
            by_practice)


def check(db, since, text, csv_path):
    rows = window(db, since)
    sessions = {(d, s, st) for _, d, s, st, _, _ in rows}
    staff = {st for _, _, _, st, _, _ in rows}
    # A change is listed under the practice it leaves and the one it
    # comes to (once when both are the same).
    places = sum(len({p for p in (old, new) if p}) for
                 _, _, _, _, old, new in rows)

    n_sessions, n_staff, headers, listed, by_practice = read_text(text)
    if n_sessions is not None:
        agree("text summary: sessions", n_sessions, len(sessions))
        agree("text summary: staff", n_staff, len(staff))
    agree("text by person: rows", len(listed), len(rows))
    agree("text by person: people", sorted(headers), sorted(staff))
    twice = [p for p, k in collections.Counter(headers).items() if k > 1]
    if twice:
        problems.append("text by person: listed twice: %s" %
                        ", ".join(sorted(twice)))
    agree("text by person: distinct sessions", len(set(listed)),
          len(sessions))
    agree("text by person: distinct staff", len({p for p, _, _ in listed}),
          len(staff))
    agree("text by practice: rows", by_practice, places)

    with open(csv_path, "rb") as f:
        if not f.read().startswith(b"\xef\xbb\xbf"):
            problems.append("csv: no UTF-8 byte-order mark")
    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        crows = list(csv.DictReader(f))
    agree("csv: rows", len(crows), len(rows))
    agree("csv: distinct sessions",
          len({(r["date"], r["session"], r["staff_id"]) for r in crows}),
          len(sessions))
    agree("csv: distinct staff", len({r["staff_id"] for r in crows}),
          len(staff))
    agree("csv: rows as in the state",
          sorted((local_unix(r["changed_at"]), r["date"], r["session"],
                  r["staff_id"], r["from_practice"], r["to_practice"])
                 for r in crows), sorted(rows))
    print("rows %d sessions %d staff %d" %
          (len(rows), len(sessions), len(staff)))


def main(argv):
    if argv[1] == "audit":
        audit(argv[2], argv[3])
    elif argv[1] == "check":
        check(*argv[2:6])
    for p in problems[:30]:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
