#!/usr/bin/python3
"""Generate a made-up Primary Care Network file for pcnrota.

Writes a network file in the format of pcnrota.ini(5) on standard output,
built from a seeded random generator: the same options give the same bytes.
The sizes follow the real spread of English PCNs (see DOMAIN.md): list
sizes are drawn from the distribution of practice list sizes, then scaled
to the total asked for; staff are shared between roles in the national
mix of the Additional Roles Reimbursement Scheme (pharmacists the most,
then care coordinators, link workers, pharmacy technicians, physios,
physician associates, paramedics, health and wellbeing coaches, GP
assistants).

What a network holds:
  - sessions am (08:30-12:30) and pm (13:30-17:30), Monday to Friday;
  - practices with list_size and weighted_list_size, 1 to 4 rooms for
    network staff (by list size), some with rooms_at or closed sessions,
    and about two requests a week each (mostly weekly, some one-off on a
    date in a leave week);
  - staff with sessions a week; part-timers work fixed days (or mornings
    or afternoons only); about 20% may work at only some practices; most
    have a base practice; one in ten (at least one) has leave in each
    week given by --weeks-of-leave: a day, several days or a session;
  - Enhanced Access: sessions on weekday evenings (18:30-20:00) and
    Saturday morning and afternoon at hubs (the largest third of the
    practices, at least one); about three staff in ten opt in (at least
    one); the network's own staff owe a quarter of the national 60
    minutes per 1,000 patients (ea_hours_per_week), the practices' GPs
    and nurses the rest. These are drawn from their own seeded generator,
    so the rest of a network is as it was before they were added.

Examples:
  gen_network.py --size median --seed 7 > median.ini
  gen_network.py --practices 9 --patients 80000 --staff 40 --seed 1 \\
      --weeks-of-leave 2026-W49..2026-W52 > nine.ini
  gen_network.py --size random --seed 42 > drawn.ini
"""

import argparse
import datetime
import math
import random
import re
import sys

# Presets: practices, patients, staff (DOMAIN.md: 10th percentile, median,
# 90th percentile, a stress size, and the largest real network).
PRESETS = {
    "small": (2, 15000, 6),
    "median": (5, 44000, 20),
    "large": (8, 68000, 35),
    "stress": (12, 95000, 60),
    "largest": (32, 264000, 120),
    # A big network of the benchmark (issue 18): 26 practices, three hubs.
    "big": (26, 256500, 102),
}

# Practice list sizes (DOMAIN.md, Jan 2021): percentile -> patients. The
# ends (0 and 100) are guesses at the tails; the maximum is the real one.
LIST_SIZE_QUANTILES = [
    (0.00, 1000), (0.10, 3388), (0.25, 5086), (0.50, 7931),
    (0.75, 11608), (0.90, 15756), (0.99, 40000), (1.00, 89786),
]

# Practices per PCN (DOMAIN.md, Jan 2022); 52 of 1,250 are one practice.
PRACTICES_QUANTILES = [
    (0.00, 1), (0.042, 1.99), (0.10, 2), (0.25, 3), (0.50, 5),
    (0.75, 6), (0.90, 8), (0.995, 14), (1.00, 32),
]

# Staff per network by role (April 2024 FTE per PCN), the weights of the mix.
ROLES = [
    ("pharmacist", "Clinical pharmacist", 4.2),
    ("care_coordinator", "Care coordinator", 3.8),
    ("link_worker", "Social prescribing link worker", 2.3),
    ("pharmacy_technician", "Pharmacy technician", 1.5),
    ("physio", "First-contact physiotherapist", 1.3),
    ("physician_associate", "Physician associate", 0.9),
    ("paramedic", "Community paramedic", 0.9),
    ("wellbeing_coach", "Health and wellbeing coach", 0.9),
    ("gp_assistant", "General practice assistant", 0.9),
]

# People per 1,000 patients: about 19 FTE for the mean 47,568 patients,
# and more people than FTE since many are part-time.
STAFF_PER_PATIENT = 0.00046
# Of the Enhanced Access owed (60 minutes per 1,000 patients a week), the
# part the network's additional-roles staff deliver; GPs and practice
# nurses deliver the rest. An assumption: DOMAIN.md says only that any
# suitable clinician may deliver it.
EA_STAFF_SHARE = 0.25
EA_OPT_IN = 0.3  # staff who opt in to Enhanced Access

DAYS = ["mon", "tue", "wed", "thu", "fri"]
SESSIONS = ["am", "pm"]

PLACES = [
    "Abbey", "Ashford", "Beacon", "Birchwood", "Bridge", "Brook", "Castle",
    "Cedar", "Chapel", "Church", "Clifton", "Coldharbour", "Corn Exchange",
    "Dale", "Eastgate", "Elm", "Fairfield", "Fenside", "Forge", "Glebe",
    "Granary", "Green Lane", "Hawthorn", "Heath", "Highfield", "Hill Top",
    "Holly", "Kingsway", "Larch", "Lime Tree", "Low Moor", "Manor",
    "Market", "Meadow", "Mill", "Minster", "New Road", "Northgate", "Oak",
    "Orchard", "Park", "Priory", "Quay", "Queen Street", "Riverside",
    "Rowan", "St Mary's", "St Luke's", "Station", "Southgate", "Sycamore",
    "Tannery", "Tower", "Vale", "Victoria", "Water Lane", "Well Street",
    "Westgate", "Wharf", "Willow", "Windmill", "Woodland", "York Road",
]
KINDS = ["Surgery", "Medical Centre", "Health Centre", "Medical Practice",
         "Family Practice", "Group Practice"]
TOWNS = ["Northam", "Southby", "Easton", "Westwick", "Ridley", "Marston",
         "Felbridge", "Ashcombe", "Holme", "Kirkby", "Thornley", "Aldwick"]
FIRST = [
    "aisha", "adam", "alfie", "amira", "ben", "bethan", "carys", "chloe",
    "conor", "daisy", "dana", "daniel", "dev", "ellie", "emma", "ethan",
    "faith", "farid", "fiona", "freya", "gareth", "gavin", "george",
    "grace", "hana", "hannah", "harry", "holly", "imran", "isaac", "ivan",
    "jade", "jas", "jess", "joe", "joy", "karl", "kieran", "kwame", "leah",
    "liam", "lily", "lucy", "marek", "matt", "mei", "mohammed", "nadia",
    "niamh", "nina", "olly", "olu", "oscar", "owen", "paula", "poppy",
    "priya", "qasim", "rachel", "reece", "rosa", "sam", "sana", "sofia",
    "stefan", "tara", "theo", "tom", "umar", "una", "vicky", "vikram",
    "wendy", "will", "xander", "yasmin", "yusuf", "zainab", "zara", "zoe",
]
LAST = [
    "Adeyemi", "Ahmed", "Bankole", "Barker", "Brooks", "Chen", "Doyle",
    "Evans", "Gill", "Hughes", "Hussain", "Jones", "Khan", "Kowalski",
    "Lloyd", "Marques", "Mensah", "Morgan", "Nair", "Nowak", "Okafor",
    "Osei", "Patel", "Price", "Reid", "Shaw", "Singh", "Smith", "Taylor",
    "Turner", "Walsh", "Whitfield", "Williams", "Wilson", "Wright", "Young",
]


def from_quantiles(table, u):
    """Inverse of a piecewise-linear distribution given by quantiles."""
    for (p0, v0), (p1, v1) in zip(table, table[1:]):
        if u <= p1:
            return v0 + (v1 - v0) * (u - p0) / (p1 - p0)
    return table[-1][1]


def largest_remainder(total, weights):
    """Whole numbers in proportion to weights, adding up to total."""
    wsum = sum(weights)
    exact = [total * w / wsum for w in weights]
    whole = [int(math.floor(x)) for x in exact]
    order = sorted(range(len(weights)),
                   key=lambda i: (-(exact[i] - whole[i]), i))
    for i in order[:total - sum(whole)]:
        whole[i] += 1
    return whole


def iso_week_monday(text):
    m = re.fullmatch(r"(\d{4})-W(\d{2})", text)
    if not m:
        raise ValueError("bad ISO week %r: use YYYY-Www, such as 2026-W49"
                         % text)
    try:
        return datetime.date.fromisocalendar(int(m[1]), int(m[2]), 1)
    except ValueError:
        raise ValueError("no such ISO week %r" % text) from None


def parse_weeks(text):
    """2026-W49, 2026-W49,2026-W51 or 2026-W49..2026-W52: their Mondays."""
    mondays = []
    for item in re.split(r"[,\s]+", text.strip()):
        if not item:
            continue
        if ".." in item:
            a, b = item.split("..", 1)
            d, end = iso_week_monday(a), iso_week_monday(b)
            if end < d:
                raise ValueError("week range %r ends before it starts"
                                 % item)
            while d <= end:
                mondays.append(d)
                d += datetime.timedelta(days=7)
        else:
            mondays.append(iso_week_monday(item))
    if len(mondays) > 52:
        raise ValueError("more than 52 weeks of leave")
    return sorted(set(mondays))


def draw_list_sizes(rng, practices, patients):
    """List sizes with the real spread, scaled to add up to patients."""
    raw = sorted((from_quantiles(LIST_SIZE_QUANTILES, rng.random())
                  for _ in range(practices)), reverse=True)
    if patients is None:
        return [int(round(x / 10.0)) * 10 for x in raw]
    sizes = largest_remainder(patients, raw)
    return sizes


def generate(args, out):
    rng = random.Random(args.seed)

    practices, patients, staff = None, None, None
    if args.size == "random":
        practices = int(round(from_quantiles(PRACTICES_QUANTILES,
                                             rng.random())))
    elif args.size:
        practices, patients, staff = PRESETS[args.size]
    if args.practices is not None:
        practices = args.practices
    if args.patients is not None:
        patients = args.patients
    if args.staff is not None:
        staff = args.staff
    if practices is None:
        practices = 5
    lists = draw_list_sizes(rng, practices, patients)
    patients = sum(lists)
    if staff is None:
        staff = max(1, int(round(patients * STAFF_PER_PATIENT)))
    leave_weeks = parse_weeks(args.weeks_of_leave)
    # Its own generator: the draws above and below stay as they were.
    ea_rng = random.Random("enhanced-access %d" % args.seed)
    ea_hours = round(patients / 1000 * EA_STAFF_SHARE, 1)

    buf = []
    w = buf.append
    town = rng.choice(TOWNS)
    netname = "%s %s PCN" % (town, rng.choice(["North", "South", "East",
                                                "West", "Central", "Rural",
                                                "Town", "Valley"]))
    w("; %s: a made-up network by tests/gen_network.py\n" % netname)
    w("; %s\n" % " ".join(["gen_network.py"] + args.argv))
    w("; %d practices, %d registered patients, %d staff; Enhanced Access\n"
      "; %.1f hours a week by the network's staff. Leave and one-off\n"
      "; requests fall in %s.\n"
      % (practices, patients, staff, ea_hours,
         ", ".join("%d-W%02d" % m.isocalendar()[:2] for m in leave_weeks)
         or "no week"))
    w("\n[network]\nname = %s\ntimezone = Europe/London\nshare = weighted\n"
      "ea_hours_per_week = %.1f\n@TRAVEL@" % (netname, ea_hours))
    w("\n[session am]\nname = Morning\nstart = 08:30\nend = 12:30\n"
      "days = mon-fri\n")
    w("\n[session pm]\nname = Afternoon\nstart = 13:30\nend = 17:30\n"
      "days = mon-fri\n")
    w("\n[session evening]\nname = Evening (Enhanced Access)\n"
      "start = 18:30\nend = 20:00\ndays = mon-fri\nenhanced_access = yes\n")
    w("\n[session sat_am]\nname = Saturday morning (Enhanced Access)\n"
      "start = 09:00\nend = 13:00\ndays = sat\nenhanced_access = yes\n")
    w("\n[session sat_pm]\nname = Saturday afternoon (Enhanced Access)\n"
      "start = 13:00\nend = 17:00\ndays = sat\nenhanced_access = yes\n")

    # Roles: the national mix, shared out by largest remainder; every
    # role that gets nobody is left out.
    counts = largest_remainder(staff, [r[2] for r in ROLES])
    roles = [(r[0], r[1], c) for r, c in zip(ROLES, counts) if c > 0]
    role_ids = [r[0] for r in roles]
    role_weight = [c for _, _, c in roles]

    # Practices: biggest first, unique identifiers, names and ODS codes.
    places = rng.sample(PLACES, min(practices, len(PLACES)))
    while len(places) < practices:
        places.append("%s %d" % (rng.choice(PLACES), len(places)))
    ods_letter = rng.choice("ABCDEFGHJKLMNPY")
    ods_base = rng.randrange(10000, 80000)
    present = staff * 0.75  # people in any one session, roughly
    prac = []
    used_ids = set()
    for i in range(practices):
        place = places[i]
        pid = re.sub(r"[^a-z0-9]+", "-", place.lower()).strip("-")[:28]
        while pid in used_ids:
            pid = "%s-%d" % (pid[:26], i)
        used_ids.add(pid)
        share = lists[i] / patients if patients else 1.0 / practices
        rooms = int(math.ceil(present * share * 1.25 + rng.random() - 0.5))
        rooms = max(1, min(4, rooms))
        prac.append({
            "id": pid,
            "name": "%s %s" % (place, rng.choice(KINDS)),
            "ods": "%s%05d" % (ods_letter, ods_base + i),
            "address": "%d %s Road, %s" % (rng.randrange(1, 120), place,
                                           rng.choice(TOWNS)),
            "list": lists[i],
            "weighted": round(lists[i] * rng.uniform(0.85, 1.15), 1),
            "rooms": rooms,
            "closed": [],
            "rooms_at": [],
            "requests": [],
        })

    for p in prac:
        u = rng.random()
        if u < 0.25:
            # Protected learning time: one half-day closed to network staff.
            p["closed"].append("%s.pm" % rng.choice(DAYS))
        elif u < 0.35:
            p["closed"].append(rng.choice(DAYS))
        u = rng.random()
        if u < 0.2:
            p["rooms_at"].append("%s.%s:%d" % (
                rng.choice(DAYS), rng.choice(SESSIONS),
                max(0, p["rooms"] - 1)))
        elif u < 0.35:
            p["rooms_at"].append("%s:%d" % (rng.choice(DAYS),
                                            min(50, p["rooms"] + 1)))

    def is_closed(p, day, sess):
        return "%s.%s" % (day, sess) in p["closed"] or day in p["closed"]

    # Requests: about two a practice a week. Mostly weekly; about one in
    # four a one-off on a date in a leave week.
    for p in prac:
        n = max(0, int(round(rng.gauss(2.0, 0.8))))
        for _ in range(n):
            role = rng.choices(role_ids, weights=role_weight)[0]
            day, sess = rng.choice(DAYS), rng.choice(SESSIONS)
            if is_closed(p, day, sess):  # one more try for an open session
                day, sess = rng.choice(DAYS), rng.choice(SESSIONS)
            if rng.random() < 0.25 and leave_weeks:
                monday = rng.choice(leave_weeks)
                date = monday + datetime.timedelta(days=DAYS.index(day))
                p["requests"].append("%s@%s.%s" % (role, date.isoformat(),
                                                   sess))
            elif rng.random() < 0.1:
                p["requests"].append("%s@%s" % (role, day))  # whole day
            else:
                p["requests"].append("%s@%s.%s" % (role, day, sess))

    # Hubs: the largest third of the practices, at least one.
    by_size = sorted(range(practices), key=lambda i: (-lists[i], i))
    hubs = set(by_size[:max(1, (practices + 2) // 3)])

    w("\n; %s\n" % ("-" * 63 + " practices"))
    for i, p in enumerate(prac):
        w("\n[practice %s]\n" % p["id"])
        w("name = %s\nods = %s\naddress = %s\n" % (p["name"], p["ods"],
                                                   p["address"]))
        w("list_size = %d\nweighted_list_size = %.1f\nrooms = %d\n"
          % (p["list"], p["weighted"], p["rooms"]))
        if p["closed"]:
            w("closed = %s\n" % " ".join(p["closed"]))
        if p["rooms_at"]:
            w("rooms_at = %s\n" % " ".join(p["rooms_at"]))
        if p["requests"]:
            w("requests = %s\n" % " ".join(p["requests"]))
        if i in hubs:
            w("ea_hub = yes\n")

    travel = write_sites(w, args, prac, role_ids) if args.sites else []

    w("\n; %s\n" % ("-" * 67 + " roles"))
    for rid, rname, _ in roles:
        w("\n[role %s]\nname = %s\n" % (rid, rname))

    w("\n; %s\n" % ("-" * 67 + " staff"))
    pweights = [p["list"] or 1 for p in prac]
    ids = set()
    # Leave: one in ten staff (at least one) in each leave week.
    on_leave = [set(rng.sample(range(staff), max(1, round(staff / 10))))
                for _ in leave_weeks]
    opted = [ea_rng.random() < EA_OPT_IN for _ in range(staff)]
    if not any(opted):
        opted[ea_rng.randrange(staff)] = True
    person = -1
    for rid, _, count in roles:
        for _ in range(count):
            person += 1
            first = rng.choice(FIRST)
            sid = first
            k = 2
            while sid in ids:
                sid = "%s%d" % (first, k)
                k += 1
            ids.add(sid)
            name = "%s %s" % (first.capitalize(), rng.choice(LAST))
            lines = ["name = %s" % name, "role = %s" % rid]

            # Contract and working pattern.
            u = rng.random()
            if u < 0.45:
                sessions = rng.choice([8, 9, 9, 10])
                works = None
                workslots = [(d, s) for d in DAYS for s in SESSIONS]
            elif u < 0.55:
                half = rng.choice(SESSIONS)
                sessions = rng.choice([4, 5])
                works = "mon-fri.%s" % half
                workslots = [(d, half) for d in DAYS]
            else:
                sessions = rng.choice([4, 5, 6, 6, 7, 8])
                ndays = min(5, (sessions + 1) // 2 + (rng.random() < 0.3))
                days = sorted(rng.sample(range(5), ndays))
                works = " ".join(DAYS[d] for d in days)
                workslots = [(DAYS[d], s) for d in days for s in SESSIONS]
            lines.append("sessions = %d" % sessions)
            if works:
                lines.append("works = %s" % works)

            # Where they may work: about one in five at only some practices.
            allowed = list(range(practices))
            if practices > 1 and rng.random() < 0.2:
                k = rng.randint(1, min(5, practices - 1))
                allowed = sorted(rng.sample(range(practices), k))
                lines.append("practices = %s" % " ".join(
                    prac[i]["id"] for i in allowed))
            if rng.random() < 0.7:
                base = rng.choices(allowed,
                                   weights=[pweights[i] for i in allowed])[0]
                lines.append("base = %s" % prac[base]["id"])

            leave = []
            for monday, who in zip(leave_weeks, on_leave):
                if person not in who:
                    continue
                u = rng.random()
                if u < 0.4:
                    start = rng.randrange(5)
                    length = rng.randint(2, 5 - start) if start < 4 else 1
                    a = monday + datetime.timedelta(days=start)
                    b = a + datetime.timedelta(days=length - 1)
                    leave.append(a.isoformat() if a == b else
                                 "%s..%s" % (a.isoformat(), b.isoformat()))
                elif u < 0.8:
                    d = monday + datetime.timedelta(days=rng.randrange(5))
                    leave.append(d.isoformat())
                else:
                    day, sess = rng.choice(workslots)
                    d = monday + datetime.timedelta(days=DAYS.index(day))
                    leave.append("%s.%s" % (d.isoformat(), sess))
            if leave:
                lines.append("leave = %s" % " ".join(leave))
            if opted[person]:
                lines.append("enhanced_access = yes")
            w("\n[staff %s]\n%s\n" % (sid, "\n".join(lines)))
    out.write("".join(buf).replace(
        "@TRAVEL@", "travel = %s\n" % " ".join(travel) if travel else ""))
    return 0


# Roles that hold care-home rounds (Enhanced Health in Care Homes).
ROUND_ROLES = ["pharmacist", "pharmacy_technician", "paramedic",
               "physician_associate"]


def write_sites(w, args, prac, role_ids):
    """With --sites: branch surgeries, care homes and the travel allowed
    between places, from a generator of their own (the rest of the network
    is as without). Returns the travel pairs."""
    rng = random.Random("sites %d" % args.seed)
    travel = []
    w("\n; %s\n" % ("-" * 51 + " sites and care homes"))
    # A branch surgery at about one practice in four, 10-25 minutes away.
    for p in prac:
        if rng.random() >= 0.25:
            continue
        sid = "%s-branch" % p["id"][:40]
        w("\n[site %s]\npractice = %s\nname = %s Branch Surgery\n"
          "address = %d Church Lane, %s\nrooms = 1\n"
          % (sid, p["id"], p["name"], rng.randrange(1, 60),
             rng.choice(TOWNS)))
        if rng.random() < 0.5:
            w("closed = %s\n" % rng.choice(DAYS))
        travel.append("%s:%s:%d" % (p["id"], sid, rng.randrange(10, 26)))
    # About one care home per 30,000 patients, each with a round or two
    # a week by one of the round roles present, 15-90 minutes from a
    # practice or two.
    roles = [r for r in ROUND_ROLES if r in role_ids]
    patients = sum(p["list"] for p in prac)
    homes = max(1, int(round(patients / 30000.0))) if roles else 0
    for k in range(homes):
        hid = "care-home-%d" % (k + 1)
        who = sorted(rng.sample(roles, min(len(roles), rng.randint(1, 2))))
        days = sorted(rng.sample(range(5), 2))
        w("\n[care_home %s]\nname = %s Care Home\naddress = %d %s Road\n"
          "roles = %s\nrounds = %d\nround_at = %s\n"
          % (hid, rng.choice(PLACES), rng.randrange(1, 90),
             rng.choice(PLACES), ", ".join(who), rng.randint(1, 2),
             " ".join("%s.%s" % (DAYS[d], rng.choice(SESSIONS))
                      for d in days)))
        for p in rng.sample(prac, min(len(prac), 2)):
            travel.append("%s:%s:%d" % (hid, p["id"],
                                        rng.choice([15, 30, 45, 90])))
    # Neighbouring practices: about one pair per three practices.
    if len(prac) > 1:
        for _ in range(len(prac) // 3):
            a, b = rng.sample(prac, 2)
            pair = "%s:%s:" % (a["id"], b["id"])
            if not any(t.startswith(pair) for t in travel):
                travel.append(pair + str(rng.randrange(15, 50)))
    # A line holds 1,000 bytes at most (pcnrota.ini(5), LIMITS).
    while len(" ".join(travel)) > 980:
        travel.pop()
    return travel


def main(argv):
    ap = argparse.ArgumentParser(
        prog="gen_network.py",
        description="Write a made-up Primary Care Network file "
        "(pcnrota.ini(5)) on standard output, with list sizes, rooms, "
        "roles, part-timers, restricted staff, leave and requests drawn "
        "like real networks, and Enhanced Access at hubs. The same "
        "options give the same bytes.",
        epilog="Presets (practices, patients, staff): " + "; ".join(
            "%s %d, %d, %d" % ((k,) + v) for k, v in PRESETS.items())
        + ". 'random' draws the number of practices from the real "
        "distribution (DOMAIN.md). --practices, --patients and --staff "
        "override a preset. Without --patients the list sizes are drawn "
        "unscaled; without --staff there are about 0.46 staff per 1,000 "
        "patients.")
    ap.add_argument("--size", choices=sorted(PRESETS) + ["random"],
                    help="a preset size")
    ap.add_argument("--practices", type=int, metavar="N",
                    help="number of practices, 1 to 64")
    ap.add_argument("--patients", type=int, metavar="N",
                    help="registered patients in all (sum of list sizes)")
    ap.add_argument("--staff", type=int, metavar="N",
                    help="number of staff, 1 to 500")
    ap.add_argument("--seed", type=int, default=1, metavar="N",
                    help="random seed (default 1)")
    ap.add_argument("--sites", action="store_true",
                    help="add branch surgeries, care homes with weekly "
                    "rounds, and the travel allowed between places "
                    "(from a generator of their own: the rest of the "
                    "network is the same as without)")
    ap.add_argument("--weeks-of-leave", default="2026-W49", metavar="WEEKS",
                    help="ISO weeks in which leave and one-off requests "
                    "fall: 2026-W49, a list 2026-W49,2026-W51 or a range "
                    "2026-W49..2026-W52 (default 2026-W49)")
    args = ap.parse_args(argv)
    args.argv = argv
    if args.practices is not None and not 1 <= args.practices <= 64:
        ap.error("--practices must be from 1 to 64")
    if args.staff is not None and not 1 <= args.staff <= 500:
        ap.error("--staff must be from 1 to 500")
    if args.patients is not None and args.patients < 0:
        ap.error("--patients must be 0 or more")
    try:
        parse_weeks(args.weeks_of_leave)
    except ValueError as e:
        ap.error("--weeks-of-leave: %s" % e)
    return generate(args, sys.stdout)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
