#!/usr/bin/env python3
"""Independent checks of a re-plan, from the outside: the state database
read with Python's sqlite3, the feeds with python3-icalendar.

check_replan.py compare BEFORE.db AFTER.db SINCE_DATE SICK_IDS SICK_FROM SICK_TO
    past placements (dates before SINCE_DATE) are untouched; nobody sick is
    placed on SICK_FROM..SICK_TO; every difference has one audit row and
    no others were added; prints "forced N changed M late L".
check_replan.py integrity DB
    PRAGMA integrity_check is ok and the schema is readable.
check_replan.py horizon DB DATE
    prints the last day published without a gap from DATE ("None" when
    DATE was never published).
check_replan.py feeds FEEDS_BEFORE FEEDS_AFTER
    an event whose content is unchanged keeps its SEQUENCE; a changed one
    has a higher SEQUENCE; one that went is CANCELLED with a higher one.
"""
import datetime
import os
import sqlite3
import sys

problems = []


def placements(db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = con.execute(
        "SELECT date, session, staff, practice FROM assignments").fetchall()
    audit = con.execute(
        "SELECT date, session, staff, old_practice, new_practice, reason "
        "FROM audit").fetchall()
    con.close()
    return {(d, s, st): p for d, s, st, p in rows}, audit


def compare(before_db, after_db, since, sick, sick_from, sick_to):
    before, audit0 = placements(before_db)
    after, audit1 = placements(after_db)
    sick = set(sick.split(","))
    for key in sorted(set(before) | set(after)):
        if key[0] < since and before.get(key) != after.get(key):
            problems.append("past placement changed: %s %s -> %s" %
                            (key, before.get(key), after.get(key)))
    for (d, s, st), p in after.items():
        if st in sick and sick_from <= d <= sick_to:
            problems.append("%s placed at %s on %s %s while sick" %
                            (st, p, d, s))
    diff = {}
    for key in set(before) | set(after):
        if before.get(key) != after.get(key):
            diff[key] = (before.get(key) or "", after.get(key) or "")
    new_rows = audit1[len(audit0):]
    logged = {}
    for d, s, st, old, new, reason in new_rows:
        if (d, s, st) in logged:
            problems.append("two audit rows for %s %s %s" % (d, s, st))
        logged[(d, s, st)] = (old, new)
        if not reason:
            problems.append("audit row without a reason: %s %s %s" %
                            (d, s, st))
        if st in sick and sick_from <= d <= sick_to and old and \
                reason != "sickness":
            problems.append("%s %s %s: reason %r, not sickness" %
                            (d, s, st, reason))
    if logged != diff:
        problems.append("audit rows %d differ from the changes %d" %
                        (len(logged), len(diff)))
    forced = sum(1 for (d, s, st) in before
                 if st in sick and sick_from <= d <= sick_to)
    late = sum(1 for (d, s, st) in diff if d > sick_to)
    print("forced %d changed %d late %d" % (forced, len(diff), late))


def integrity(db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    result = con.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        problems.append("%s: integrity_check: %s" % (db, result))
    for table in ("events", "assignments", "tokens", "audit", "horizons"):
        con.execute("SELECT count(*) FROM %s" % table).fetchone()
    con.close()


def events(folder):
    from icalendar import Calendar
    out = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".ics"):
            continue
        with open(os.path.join(folder, name), "rb") as f:
            cal = Calendar.from_ical(f.read())
        for ev in cal.walk("VEVENT"):
            content = tuple(ev[k].to_ical() if k in ev else b"" for k in
                            ("DTSTART", "DTEND", "SUMMARY", "LOCATION",
                             "DESCRIPTION", "STATUS"))
            seq = int(ev.get("SEQUENCE", 0))
            out[(name, str(ev["UID"]))] = (content, seq,
                                           str(ev.get("STATUS", "")))
    return out


def feeds(before_dir, after_dir):
    before = events(before_dir)
    after = events(after_dir)
    raised = cancelled = 0
    for key, (content, seq, status) in before.items():
        if key not in after:
            continue  # expired
        content2, seq2, status2 = after[key]
        if content2 == content and seq2 != seq:
            problems.append("%s %s: unchanged but SEQUENCE %d -> %d" %
                            (key[0], key[1], seq, seq2))
        if content2 != content and seq2 <= seq:
            problems.append("%s %s: changed but SEQUENCE %d -> %d" %
                            (key[0], key[1], seq, seq2))
        if content2 != content:
            raised += 1
        if status2 == "CANCELLED" and status != "CANCELLED":
            cancelled += 1
    print("raised %d cancelled %d new %d" %
          (raised, cancelled, len(set(after) - set(before))))


def published_until(db, day):
    """The last day published without a gap from day, or None."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = con.execute("SELECT from_date, to_date FROM horizons "
                       "ORDER BY from_date, to_date").fetchall()
    con.close()
    end = None
    for f, t in rows:
        if end is None:
            if f <= day <= t:
                end = t
        elif f <= str(datetime.date.fromisoformat(end) +
                      datetime.timedelta(1)) and t > end:
            end = t
    return end


def main(argv):
    if argv[1] == "horizon":
        print(published_until(argv[2], argv[3]))
        return 0
    if argv[1] == "compare":
        compare(*argv[2:8])
    elif argv[1] == "integrity":
        integrity(argv[2])
    elif argv[1] == "feeds":
        feeds(argv[2], argv[3])
    for p in problems[:30]:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
