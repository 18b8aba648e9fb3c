#!/usr/bin/python3
"""Check pcnrota's calendar feeds from the outside.

Usage: check_feeds.py NETWORK.ini OUTDIR

Independently of the C code, reads the network file and OUTDIR's
assignments.csv and works out which events each feed should hold, with their
times in UTC (from the local date and times, by zoneinfo) and their
summaries; then parses every feed that OUTDIR/feeds.txt lists with
python3-icalendar and compares. It also checks the bytes (CRLF only, lines
of at most 75 octets, UTF-8), the calendar properties, the VTIMEZONE, the
UIDs, the secret names of every feed, the addresses feeds.txt gives
under feed_url, the phone-facing wording (a person's own feed titled by
place and session, its role in the description; a cancelled session
titled "Cancelled: ..." and TRANSP:TRANSPARENT) and that no feed says
why anyone is away.

Prints one line per problem and a last line
"check_feeds: N events checked, M problems"; exits 1 if there are problems.
Writes the events it parsed, one JSON object a line, to
OUTDIR/../NAME.python.jsonl (NAME being OUTDIR's own name), for comparison
with another parser (tests/js/check_feeds.mjs).
"""

import collections
import configparser
import csv
import datetime
import json
import os
import re
import sys
import zoneinfo

import icalendar

UTC = datetime.timezone.utc
CSV_HEADER = ["date", "week", "day", "session", "start", "end", "staff",
              "staff_name", "role", "role_name", "practice", "practice_name",
              "site",
              "site_name"]
EVENT_PROPERTIES = ["UID", "DTSTAMP", "SEQUENCE", "DTSTART", "DTEND",
                    "SUMMARY", "LOCATION", "DESCRIPTION", "CATEGORIES",
                    "STATUS"]
TOKEN = re.compile(r"^feeds/[0-9a-f]{32}\.ics$")

problems = []
repeats = collections.Counter()


def problem(msg):
    problems.append(msg)
    print(msg)


def once(path, what, msg):
    """A problem shown for the first event of a feed it applies to."""
    if repeats[(path, what)] == 0:
        problem(msg)
    else:
        problems.append(msg)
    repeats[(path, what)] += 1


def ini_value(value):
    """A value as iniparser reads it: up to ';' or '#', trimmed, unquoted."""
    value = re.split(r"[;#]", value, maxsplit=1)[0].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return value


def read_network(path):
    """The parts of the network file the feeds depend on."""
    cp = configparser.ConfigParser(inline_comment_prefixes=(";", "#"),
                                   interpolation=None, strict=False)
    with open(path, encoding="utf-8") as f:
        cp.read_file(f)
    net = {"name": "", "timezone": "Europe/London", "refresh": 60,
           "session": {}, "practice": {}, "role": {}, "staff": {},
           "site": {}, "care_home": {}}
    for section in cp.sections():
        parts = section.strip().lower().split(None, 1)
        kind = parts[0]
        ident = parts[1].strip() if len(parts) > 1 else ""
        keys = {k.lower(): ini_value(v) for k, v in cp.items(section)}
        if kind == "network":
            net["name"] = keys.get("name", "")
            net["feed_url"] = keys.get("feed_url", "").rstrip("/")
            for k in ("feed_away", "feed_uncovered"):
                net[k] = keys.get(k, "no").lower() in ("yes", "true", "1",
                                                       "on")
            net["timezone"] = keys.get("timezone") or "Europe/London"
            if keys.get("feed_refresh_minutes"):
                net["refresh"] = int(keys["feed_refresh_minutes"])
        elif kind in ("session", "practice", "role", "staff", "site",
                      "care_home"):
            net[kind][ident] = keys
    for ident, keys in net["role"].items():
        keys.setdefault("name", ident)
        if not keys["name"]:
            keys["name"] = ident
    for ident, keys in net["session"].items():
        if not keys.get("name"):
            keys["name"] = ident
    # Places: a practice is its own main site; further sites; care homes.
    net["place"] = dict(net["practice"])
    for ident, keys in net["site"].items():
        keys.setdefault("name", ident)
        net["place"][ident] = keys
    net["place"].update(net["care_home"])
    return net


def utc_iso(dt):
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_to_utc(day, hhmm, zone):
    d = datetime.date.fromisoformat(day)
    h, m = (int(x) for x in hhmm.split(":"))
    return datetime.datetime(d.year, d.month, d.day, h, m, tzinfo=zone)


def read_feeds_txt(path):
    feeds = []
    with open(path, "rb") as f:
        data = f.read()
    for n, raw in enumerate(data.decode("utf-8").split("\n"), 1):
        if raw == "":
            continue
        if "\r" in raw:
            problem(f"feeds.txt:{n}: a carriage return: {raw!r}")
        fields = raw.split("\t")
        if len(fields) != 6:
            problem(f"feeds.txt:{n}: {len(fields)} fields, not 6: {raw!r}")
            continue
        fields[3] = unescape_field(fields[3])
        feeds.append(tuple(fields))
    return feeds


def unescape_field(s):
    """feeds.txt's escapes: \\\\, \\t, \\n, \\r."""
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r"}
                  .get(m.group(1), m.group(1)), s)


def extra_event(path, kind, ev, net):
    """A day away or bank holiday (feed_away) in a person's own feed, or a
    request not covered (feed_uncovered) in a practice's: checked here,
    True; False for a session someone works."""
    summary = str(ev.get("SUMMARY", ""))
    base = summary[len("Cancelled: "):] if summary.startswith(
        "Cancelled: ") else summary
    start = ev.get("DTSTART")
    whole = start is not None and not isinstance(start.dt,
                                                 datetime.datetime)
    if whole:
        if not net.get("feed_away"):
            problem(f"{path}: {ev.get('UID')}: an all-day event without "
                    f"feed_away")
        if kind != "staff":
            problem(f"{path}: {ev.get('UID')}: a day away in a {kind} feed")
        if base not in ("Away", "Bank holiday"):
            problem(f"{path}: {ev.get('UID')}: all-day {summary!r}")
        end = ev.get("DTEND")
        if end is None or (end.dt - start.dt).days != 1:
            problem(f"{path}: {ev.get('UID')}: not one whole day")
    elif base.startswith("Not covered: "):
        if not net.get("feed_uncovered"):
            problem(f"{path}: {ev.get('UID')}: a need without "
                    f"feed_uncovered")
        if kind != "practice":
            problem(f"{path}: {ev.get('UID')}: a need in a {kind} feed")
    else:
        return False
    if str(ev.get("TRANSP", "")) != "TRANSPARENT":
        problem(f"{path}: {ev.get('UID')}: {summary!r} is not TRANSPARENT")
    return True


def session_phrase(name):
    """'morning' from 'Morning'; 'EA evening' kept as it is."""
    if name[:1].isascii() and name[:1].isupper() and \
            not (name[1:2].isascii() and name[1:2].isupper()):
        return name[0].lower() + name[1:]
    return name


def check_bytes(name, data):
    """CRLF line endings only, lines of at most 75 octets, UTF-8."""
    if not data.endswith(b"\r\n"):
        problem(f"{name}: does not end with CRLF")
    lines = data.split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for n, line in enumerate(lines, 1):
        if b"\n" in line or b"\r" in line:
            problem(f"{name}:{n}: bare CR or LF in {line[:60]!r}")
        if len(line) > 75:
            problem(f"{name}:{n}: line of {len(line)} octets (over 75)")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as e:
            problem(f"{name}:{n}: not UTF-8 ({e.reason} at octet {e.start})"
                    f": {line!r}")


def raw_events(data):
    """Each VEVENT's content lines, unfolded: {UID: {NAME: raw value}}."""
    text = data.decode("utf-8", errors="replace")
    text = re.sub(r"\r\n[ \t]", "", text)
    events = {}
    cur = None
    for line in text.split("\r\n"):
        if line == "BEGIN:VEVENT":
            cur = {}
        elif line == "END:VEVENT" and cur is not None:
            events.setdefault(cur.get("UID", ""), cur)
            cur = None
        elif cur is not None:
            m = re.match(r"^([A-Za-z0-9-]+)((?:;[^:\"]*(?:\"[^\"]*\")*)*):(.*)$",
                         line)
            if m:
                cur.setdefault(m.group(1).upper(), m.group(3))
    return events


def text_list(value):
    """A TEXT list value (RFC 5545 3.3.11): split on unescaped commas."""
    items, cur, i = [], "", 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            cur += {"n": "\n", "N": "\n"}.get(nxt, nxt)
            i += 2
            continue
        if c == ",":
            items.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    items.append(cur)
    return items


def duration_minutes(value):
    try:
        d = icalendar.prop.vDuration.from_ical(str(value))
    except Exception:
        return None
    return d.total_seconds() / 60


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: check_feeds.py NETWORK.ini OUTDIR\n")
        return 2
    ini, out = sys.argv[1], sys.argv[2].rstrip("/")
    net = read_network(ini)
    zname = net["timezone"]
    zone = zoneinfo.ZoneInfo(zname)
    staff, practices, roles = net["staff"], net["practice"], net["role"]

    # Which feeds there are, and their owners.
    feeds = read_feeds_txt(os.path.join(out, "feeds.txt"))
    by_owner = {}
    titles = {}
    for kind, owner, path, title, https, webcal in feeds:
        base = net.get("feed_url", "")
        want_https = f"{base}/{os.path.basename(path)}" if base else ""
        want_webcal = "webcal://" + want_https[len("https://"):] \
            if base else ""
        if (https, webcal) != (want_https, want_webcal):
            problem(f"feeds.txt: {kind} {owner}: addresses {https!r} "
                    f"{webcal!r}, not {want_https!r} {want_webcal!r}")
        if (kind, owner) in by_owner:
            problem(f"feeds.txt: {kind} {owner} listed twice")
        by_owner[(kind, owner)] = path
        if path in titles:
            problem(f"feeds.txt: {path} listed twice")
        titles[path] = (kind, owner, title)
        # Every feed names people: every one has a secret name.
        if kind not in ("network", "practice", "role", "staff"):
            problem(f"feeds.txt: unknown kind {kind!r}")
            continue
        if not TOKEN.match(path):
            problem(f"feeds.txt: {kind} {owner}: feed {path} is not "
                    f"feeds/ and 32 lowercase hex digits")
    expected_owners = [("network", "network")]
    expected_owners += [("practice", p) for p in practices]
    expected_owners += [("role", r) for r in roles]
    expected_owners += [("staff", s) for s in staff]
    for kind, owner in expected_owners:
        if kind == "network":
            if not any(k == "network" for k, _ in by_owner):
                problem("feeds.txt: no network feed")
        elif (kind, owner) not in by_owner:
            problem(f"feeds.txt: no feed for {kind} {owner}")
    for (kind, owner) in by_owner:
        if kind != "network" and owner not in net.get(kind, {}):
            problem(f"feeds.txt: {kind} {owner} is not in {ini}")
    on_disk = set()
    feeds_dir = os.path.join(out, "feeds")
    for f in sorted(os.listdir(feeds_dir)):
        on_disk.add("feeds/" + f)
        if "feeds/" + f not in titles:
            problem(f"feeds/{f}: not listed in feeds.txt")

    # What each feed should hold, from assignments.csv and the network file.
    expected = collections.defaultdict(collections.Counter)
    infos = {}
    net_feed = by_owner.get(("network", "network"))
    with open(os.path.join(out, "assignments.csv"), encoding="utf-8-sig",
              newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != CSV_HEADER:
        problem(f"assignments.csv: header {rows[:1]}, not {CSV_HEADER}")
        rows = [CSV_HEADER]
    for n, row in enumerate(rows[1:], 2):
        if len(row) != len(CSV_HEADER):
            problem(f"assignments.csv:{n}: {len(row)} fields")
            continue
        a = dict(zip(CSV_HEADER, row))
        st, pr, ro, site = a["staff"], a["practice"], a["role"], a["site"]
        home = site in net["care_home"]
        if st not in staff or ro not in roles or \
                site not in net["place"] or \
                (pr not in practices and not (home and pr == "")):
            problem(f"assignments.csv:{n}: unknown staff, practice, site "
                    f"or role")
            continue
        sname = staff[st].get("name", "")
        pname = practices[pr].get("name", "") if pr else ""
        where = net["place"][site].get("name", "")
        # A round is at a care home, in no practice's feed.
        at = "care-home round at" if home else "at"
        rname = roles[ro]["name"]
        if a["staff_name"] != sname:
            problem(f"assignments.csv:{n}: staff_name {a['staff_name']!r}, "
                    f"not {sname!r}")
        if a["practice_name"] != pname:
            problem(f"assignments.csv:{n}: practice_name "
                    f"{a['practice_name']!r}, not {pname!r}")
        if staff[st].get("role") != ro:
            problem(f"assignments.csv:{n}: {st} is not a {ro}")
        sess = net["session"].get(a["session"])
        if sess is None or (sess.get("start"), sess.get("end")) != (
                a["start"], a["end"]):
            problem(f"assignments.csv:{n}: session {a['session']} is not "
                    f"{a['start']}-{a['end']} in {ini}")
        start = utc_iso(local_to_utc(a["date"], a["start"], zone))
        end = utc_iso(local_to_utc(a["date"], a["end"], zone))
        info = {"role": rname, "place": site}
        phrase = session_phrase(sess["name"] if sess else "")
        infos[("own", by_owner.get(("staff", st)), start, end)] = rname
        for path, summary in (
                (by_owner.get(("staff", st)),
                 f"{where}, {phrase}{' round' if home else ''}"),
                (by_owner.get(("practice", pr)) if pr else None,
                 f"{sname} ({rname})"),
                (by_owner.get(("role", ro)), f"{sname} {at} {where}"),
                (net_feed, f"{sname} ({rname}) {at} {where}")):
            if path is not None:
                expected[path][(start, end, summary)] += 1
                infos[(path, start, end, summary)] = info

    # Parse every feed and compare.
    checked = 0
    uid_feed = {}
    bad_zone = set()
    parsed = []
    away = re.compile(r"\b(leave|sick|sickness|training|holiday|absent)\b",
                      re.I)
    ini_text = open(ini, encoding="utf-8").read()
    for kind, owner, path, title, _, _ in feeds:
        full = os.path.join(out, path)
        try:
            with open(full, "rb") as f:
                data = f.read()
        except OSError as e:
            problem(f"{path}: cannot read: {e.strerror}")
            continue
        check_bytes(path, data)
        try:
            cal = icalendar.Calendar.from_ical(data)
        except Exception as e:
            problem(f"{path}: python icalendar rejects it: {e}")
            continue
        raw = raw_events(data)
        for comp in cal.walk():
            for prop, err in getattr(comp, "errors", []):
                problem(f"{path}: {comp.name} {prop}: {err}")
        if cal.name != "VCALENDAR":
            problem(f"{path}: not a VCALENDAR")
        for prop, want in (("VERSION", "2.0"), ("METHOD", "PUBLISH")):
            if str(cal.get(prop, "")) != want:
                problem(f"{path}: {prop} is {cal.get(prop)!r}, not {want}")
        for prop in ("PRODID", "NAME", "X-WR-CALNAME", "REFRESH-INTERVAL",
                     "X-PUBLISHED-TTL"):
            if not str(cal.get(prop, "")):
                problem(f"{path}: no {prop}")
        for prop in ("NAME", "X-WR-CALNAME"):
            if prop in cal and str(cal[prop]) != title:
                problem(f"{path}: {prop} {str(cal[prop])!r}, but feeds.txt "
                        f"has {title!r}")
        owner_name = {"network": net["name"],
                      "practice": practices.get(owner, {}).get("name"),
                      "role": roles.get(owner, {}).get("name"),
                      "staff": staff.get(owner, {}).get("name")}.get(kind)
        if owner_name and owner_name not in title:
            problem(f"{path}: title {title!r} does not name {owner_name!r}")
        for prop in ("REFRESH-INTERVAL", "X-PUBLISHED-TTL"):
            if prop in cal:
                mins = duration_minutes(cal[prop])
                if mins != net["refresh"]:
                    problem(f"{path}: {prop} {str(cal[prop])!r} is not "
                            f"{net['refresh']} minutes")
        tzs = cal.walk("VTIMEZONE")
        tzids = [str(t.get("TZID")) for t in tzs]
        if tzids != [zname]:
            problem(f"{path}: VTIMEZONE TZIDs {tzids}, not [{zname!r}]")
        embedded = None
        if tzs:
            try:
                embedded = tzs[0].to_tz()
            except Exception as e:
                problem(f"{path}: VTIMEZONE not usable: {e}")

        seen = collections.Counter()
        uids = set()
        for ev in cal.walk("VEVENT"):
            checked += 1
            if extra_event(path, kind, ev, net):
                s, e = ev["DTSTART"].dt, ev["DTEND"].dt
                s, e = (utc_iso(s), utc_iso(e)) if isinstance(
                    s, datetime.datetime) else (ev["DTSTART"].to_ical(
                    ).decode(), ev["DTEND"].to_ical().decode())
                parsed.append({"feed": path, "uid": str(ev.get("UID")),
                               "start_utc": s, "end_utc": e,
                               "summary": str(ev.get("SUMMARY")),
                               "status": str(ev.get("STATUS")),
                               "transp": str(ev.get("TRANSP")),
                               "sequence": int(ev.get("SEQUENCE", 0))})
                continue
            for prop in EVENT_PROPERTIES:
                if prop not in ev or ev[prop] is None:
                    problem(f"{path}: event {ev.get('UID')}: no {prop}")
            uid = str(ev.get("UID", ""))
            if uid in uids:
                problem(f"{path}: UID {uid} twice")
            uids.add(uid)
            if uid in uid_feed and uid_feed[uid] != path:
                problem(f"{path}: UID {uid} also in {uid_feed[uid]}")
            uid_feed.setdefault(uid, path)
            try:
                start, end = ev["DTSTART"], ev["DTEND"]
                sdt, edt = start.dt, end.dt
                stamp = ev["DTSTAMP"].dt
            except (KeyError, AttributeError):
                continue
            bad = False
            for p, v in (("DTSTART", start), ("DTEND", end)):
                if v.params.get("TZID") != zname or not isinstance(
                        v.dt, datetime.datetime) or v.dt.tzinfo is None:
                    problem(f"{path}: {uid}: {p} is not a date-time with "
                            f"TZID={zname}")
                    bad = True
                elif embedded is not None:
                    naive = v.dt.replace(tzinfo=None)
                    mine = embedded.localize(naive)
                    real = naive.replace(tzinfo=zone)
                    if mine.utcoffset() != real.utcoffset() and \
                            path not in bad_zone:
                        bad_zone.add(path)
                        problem(f"{path}: {uid}: the feed's VTIMEZONE gives "
                                f"{naive} offset {mine.utcoffset()}, tzdata "
                                f"{real.utcoffset()} (and maybe more)")
            if bad:
                continue
            if not (isinstance(stamp, datetime.datetime) and stamp.tzinfo
                    and stamp.utcoffset() == datetime.timedelta(0)):
                problem(f"{path}: {uid}: DTSTAMP is not in UTC")
            s, e = utc_iso(sdt), utc_iso(edt)
            summary = str(ev.get("SUMMARY", ""))
            status = str(ev.get("STATUS", ""))
            seq = int(ev.get("SEQUENCE", 0))
            if status not in ("CONFIRMED", "CANCELLED"):
                problem(f"{path}: {uid}: STATUS {status!r}")
            transp = str(ev.get("TRANSP", ""))
            if (status == "CANCELLED") != summary.startswith("Cancelled: "):
                problem(f"{path}: {uid}: STATUS {status} but SUMMARY "
                        f"{summary!r}")
            if transp != ("TRANSPARENT" if status == "CANCELLED"
                          else "OPAQUE"):
                problem(f"{path}: {uid}: STATUS {status} but TRANSP "
                        f"{transp!r}")
            desc = str(ev.get("DESCRIPTION", ""))
            for text in (summary, desc):
                m = away.search(text)
                if m and m.group(0).lower() not in ini_text.lower():
                    problem(f"{path}: {uid}: says why someone is away: "
                            f"{text!r}")
            role = infos.get(("own", path, s, e))
            if kind == "staff" and role and status == "CONFIRMED" and \
                    not desc.startswith(role):
                problem(f"{path}: {uid}: DESCRIPTION {desc!r} does not "
                        f"start with the role {role!r}")
            parsed.append({"feed": path, "uid": uid, "start_utc": s,
                           "end_utc": e, "summary": summary,
                           "status": status, "transp": transp,
                           "sequence": seq})
            if status == "CANCELLED":
                continue
            key = (s, e, summary)
            seen[key] += 1
            if seen[key] > expected[path][key]:
                problem(f"{path}: unexpected event {uid}: {s}..{e} "
                        f"{summary!r}")
                continue
            info = infos.get((path,) + key)
            r = raw.get(uid, {})
            cats = text_list(r.get("CATEGORIES", ""))
            if info and cats != [info["role"]]:
                once(path, "CATEGORIES",
                     f"{path}: {uid}: CATEGORIES:{r.get('CATEGORIES')} "
                     f"reads as {cats}, not the role [{info['role']!r}]")
            pr = net["place"].get(info["place"], {}) if info else {}
            loc = str(ev.get("LOCATION", ""))
            if pr and (not loc.startswith(pr.get("name", "")) or
                       pr.get("address", "") not in loc):
                once(path, "LOCATION",
                     f"{path}: {uid}: LOCATION {loc!r} is not "
                     f"{pr.get('name')!r} with {pr.get('address')!r}")
        for (p, what), count in sorted(repeats.items()):
            if p == path and count > 1:
                print(f"{path}: {count - 1} more events with that "
                      f"{what} problem")
        for key, count in expected[path].items():
            if seen[key] < count:
                problem(f"{path}: missing event {key[0]}..{key[1]} "
                        f"{key[2]!r}")

    parent = os.path.dirname(os.path.abspath(out))
    jsonl = os.path.join(parent, os.path.basename(os.path.abspath(out)) +
                         ".python.jsonl")
    with open(jsonl, "w", encoding="utf-8") as f:
        for ev in parsed:
            f.write(json.dumps(ev, ensure_ascii=False,
                               separators=(",", ":")) + "\n")

    print(f"check_feeds: {checked} events checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
