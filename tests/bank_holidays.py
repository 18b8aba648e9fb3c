#!/usr/bin/env python3
"""Cross-checks the shipped bank-holiday calendars (data/bank-holidays).

Usage: bank_holidays.py DIR

Each region's file must list, for every year from its first event to its
X-PCNROTA-COMPLETE-UNTIL (31 December of its last year), exactly the
weekdays that two independent sources give:
  - the statutory rules, computed here (Banking and Financial Dealings Act
    1971, schedule 1, with the royal proclamations that add Easter Monday
    and the May days, and the substitute-day rules GOV.UK applies);
  - Debian's python3-holidays, when it is installed, less the days its
    version (0.10) does not know: it has no substitute day for St
    Andrew's Day or 12 July, which are added here by the same rule as the
    others (a weekend day moves to the next Monday).
Prints one line per problem and exits 1 when there is any.
"""
import datetime
import os
import re
import sys

ONE = datetime.timedelta(days=1)


def easter(year):
    """Gregorian Easter Sunday (the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def monday(year, month, nth):
    """The nth Monday of the month (nth -1: the last)."""
    if nth > 0:
        day = datetime.date(year, month, 1)
        day += datetime.timedelta(days=(7 - day.weekday()) % 7)
        return day + datetime.timedelta(weeks=nth - 1)
    day = datetime.date(year + month // 12, month % 12 + 1, 1) - ONE
    return day - datetime.timedelta(days=day.weekday())


def substitutes(days):
    """Fixed dates on a weekend move to the next weekday not already a
    bank holiday (so 25-26 December on a weekend become 27-28)."""
    out = set()
    for day in sorted(days):
        while day.weekday() >= 5 or day in out:
            day += ONE
        out.add(day)
    return out


def statutory(region, year):
    def day(month, dom):
        return datetime.date(year, month, dom)

    # Fixed dates, substituted together within each group.
    groups = [[day(1, 1)], [day(12, 25), day(12, 26)]]
    if region == "scotland":
        groups[0].append(day(1, 2))
        groups.append([day(11, 30)])
    if region == "northern-ireland":
        groups += [[day(3, 17)], [day(7, 12)]]
    days = set().union(*(substitutes(g) for g in groups))
    days.add(easter(year) - 2 * ONE)
    if region != "scotland":
        days.add(easter(year) + ONE)
    days.add(monday(year, 5, 1))
    days.add(monday(year, 5, -1))
    days.add(monday(year, 8, 1) if region == "scotland"
             else monday(year, 8, -1))
    return days


def library(region, year):
    """python3-holidays' weekdays for the region; None when missing."""
    try:
        import holidays
    except ImportError:
        return None
    cls = {"england-and-wales": holidays.England,
           "scotland": holidays.Scotland,
           "northern-ireland": holidays.NorthernIreland}[region]
    days = set()
    for day in cls(years=year):
        if (day.month, day.day) in ((11, 30), (7, 12)):
            while day.weekday() >= 5:
                day += ONE
        if day.weekday() < 5:
            days.add(day)
    return days


def read(path):
    text = open(path, encoding="utf-8").read().replace("\r\n", "\n")
    until = re.search(r"^X-PCNROTA-COMPLETE-UNTIL:(\d{8})$", text, re.M)
    days = []
    for event in re.findall(r"BEGIN:VEVENT\n(.*?)END:VEVENT", text, re.S):
        start = re.search(r"^DTSTART;VALUE=DATE:(\d{8})$", event, re.M)
        end = re.search(r"^DTEND;VALUE=DATE:(\d{8})$", event, re.M)
        if not start or not end:
            raise ValueError("%s: an event is not one whole day" % path)
        a = datetime.datetime.strptime(start.group(1), "%Y%m%d").date()
        b = datetime.datetime.strptime(end.group(1), "%Y%m%d").date()
        if b != a + ONE:
            raise ValueError("%s: %s is not one day" % (path, a))
        days.append(a)
    if not until:
        raise ValueError("%s: no X-PCNROTA-COMPLETE-UNTIL" % path)
    return days, datetime.datetime.strptime(until.group(1), "%Y%m%d").date()


def main():
    problems = 0
    checked = 0
    if library("scotland", 2000) is None:
        print("python3-holidays is not installed: statutory rules only")
    for region in ("england-and-wales", "scotland", "northern-ireland"):
        path = os.path.join(sys.argv[1], region + ".ics")
        try:
            days, until = read(path)
        except (OSError, ValueError) as e:
            print(e)
            problems += 1
            continue
        if len(set(days)) != len(days):
            print("%s: a date twice" % path)
            problems += 1
        if (until.month, until.day) != (12, 31):
            print("%s: complete until %s, not a year's end" % (path, until))
            problems += 1
        for year in range(min(days).year, until.year + 1):
            listed = {d for d in days if d.year == year}
            sources = [("the statutory rules", statutory(region, year))]
            lib = library(region, year)
            if lib is not None:
                sources.append(("python3-holidays", lib))
            for name, want in sources:
                checked += 1
                for d in sorted(want - listed):
                    print("%s: %s (%s) is missing, says %s"
                          % (path, d, d.strftime("%a"), name))
                    problems += 1
                for d in sorted(listed - want):
                    print("%s: %s (%s) is not a bank holiday, says %s"
                          % (path, d, d.strftime("%a"), name))
                    problems += 1
    print("%d region-years checked, %d problems" % (checked, problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
