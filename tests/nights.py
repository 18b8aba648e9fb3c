#!/usr/bin/env python3
"""Night after night: publish four weeks of a network, then re-plan every
night at 02:00 for a fortnight while people fall sick (one to three a
night, one to three days each) and a practice asks for extra cover, and
count the sessions each night changed against those it had to change
(the sick people's published sessions). Prints one line a night and the
totals; exits non-zero if a run fails, the past changes or a second run
changes anything. Seeded, so the nights are the same every time.

nights.py PCNROTA NETWORK.ini WORKDIR [NIGHTS] [SEED]
"""
import datetime
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys


def placements(db):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT date, session, staff, practice "
                       "FROM assignments").fetchall()
    con.close()
    return {(d, s, st): p for d, s, st, p in rows}


def main(argv):
    pcnrota, network, work = argv[1:4]
    nights = int(argv[4]) if len(argv) > 4 else 14
    rng = random.Random(int(argv[5]) if len(argv) > 5 else 1)
    text = open(network).read()
    # Calendars named relative to the network file stay where they are.
    here = os.path.dirname(os.path.abspath(network))
    text = re.sub(r"^((?:bank_holidays|leave_calendar) *= *)([^/;#\n]\S*)",
                  lambda m: m.group(1) + os.path.join(here, m.group(2)),
                  text, flags=re.M)
    staff = re.findall(r"^\[staff ([a-z0-9_-]+)\]", text, re.M)
    practices = re.findall(r"^\[practice ([a-z0-9_-]+)\]", text, re.M)
    roles = re.findall(r"^\[role ([a-z0-9_-]+)\]", text, re.M)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    ini = os.path.join(work, "network.ini")
    out = os.path.join(work, "out")
    open(ini, "w").write(text)
    first = datetime.date(2026, 11, 30)
    subprocess.run([pcnrota, "plan", ini, "--week", "2026-W49", "--weeks",
                    "4", "--out", out, "--now", "2026-11-23T10:00"],
                   check=True, stdout=subprocess.DEVNULL)
    sick = {}  # staff -> list of (from, to)
    extra = []  # (practice, role@date.session)
    total_forced = total_changed = 0
    failures = 0
    for night in range(nights):
        today = first + datetime.timedelta(days=night)
        if today.weekday() >= 5:
            continue
        for _ in range(rng.randint(1, 3)):
            who = rng.choice(staff)
            days = rng.randint(1, 3)
            sick.setdefault(who, []).append(
                (today, today + datetime.timedelta(days=days - 1)))
        if rng.random() < 0.5:
            when = today + datetime.timedelta(days=rng.randint(2, 6))
            if when.weekday() < 5:
                extra.append((rng.choice(practices), "%s@%s.%s" % (
                    rng.choice(roles), when.isoformat(),
                    rng.choice(["am", "pm"]))))
        body = text
        for who, spans in sick.items():
            value = " ".join("%s..%s" % (a.isoformat(), b.isoformat())
                             for a, b in spans)
            body = re.sub(r"^(\[staff %s\]\n)" % re.escape(who),
                          r"\1sickness = %s\n" % value, body, flags=re.M)
        for practice, item in extra:
            body = re.sub(r"^(\[practice %s\]\n)" % re.escape(practice),
                          r"\1requests = %s\n" % item, body, count=1,
                          flags=re.M)
        # Two requests lines in one section would be a duplicate key:
        # gather them into one.
        body = merge_requests(body)
        open(ini, "w").write(body)
        before = placements(os.path.join(out, "state.db"))
        now = "%sT02:00" % today.isoformat()
        run = subprocess.run([pcnrota, "replan", ini, "--out", out,
                              "--now", now], capture_output=True, text=True)
        if run.returncode != 0:
            print("night %s: exit %d: %s" % (today, run.returncode,
                                            run.stderr.strip()))
            failures += 1
            continue
        after = placements(os.path.join(out, "state.db"))
        past = [k for k in set(before) | set(after)
                if k[0] < today.isoformat() and before.get(k) != after.get(k)]
        changed = [k for k in set(before) | set(after)
                   if before.get(k) != after.get(k)]
        forced = [k for k in before
                  if any(a.isoformat() <= k[0] <= b.isoformat()
                         for a, b in sick.get(k[2], []))
                  and k[0] >= today.isoformat()]
        # The same night again changes nothing (and, a quiet night, says
        # nothing: cron would mail it): told by the state, not the words.
        again = subprocess.run([pcnrota, "replan", ini, "--out", out,
                                "--now", now], capture_output=True, text=True)
        final = placements(os.path.join(out, "state.db"))
        moved = [k for k in set(after) | set(final)
                 if after.get(k) != final.get(k)]
        print("%s: %-55s forced %3d changed %3d past %d again: exit %d, "
              "%d changed%s" % (
                  today, run.stdout.strip(), len(forced), len(changed),
                  len(past), again.returncode, len(moved),
                  ", said: " + again.stdout.strip().split(";")[0]
                  if again.stdout.strip() else ""))
        total_forced += len(forced)
        total_changed += len(changed)
        if past or again.returncode != 0 or moved:
            failures += 1
    print("total: %d sessions forced by sickness, %d changed (%.2f per "
          "forced), %d failures" % (total_forced, total_changed,
                                     total_changed / max(1, total_forced),
                                     failures))
    return 1 if failures else 0


def merge_requests(body):
    out, section, seen = [], None, {}
    for line in body.split("\n"):
        m = re.match(r"^\[(.*)\]", line)
        if m:
            section = m.group(1)
        if line.startswith("requests = ") and section in seen:
            out[seen[section]] += " " + line[len("requests = "):]
            continue
        if line.startswith("requests = "):
            seen[section] = len(out)
        out.append(line)
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
