#!/usr/bin/env python3
"""Checks that the shipped operations files agree with each other and with
the configured bindir, read as text (no systemd needed).

check_ops.py BINDIR SERVICE TIMER FAILURE SYSUSERS TMPFILES NGINX CRON

SERVICE and CRON are the files make built from their .in (with BINDIR);
the others are as shipped. Prints each disagreement, one a line, and
exits 1 if there is any.
"""
import os
import re
import shlex
import sys

problems = []


def problem(fmt, *args):
    problems.append(fmt % args)


def unit(path):
    """A unit file as {section: [(key, value), ...]}, and the commented
    key=value lines as (section, key, value)."""
    sections, commented, section = {}, [], None
    with open(path) as f:
        for line in f:
            line = line.strip()
            m = re.match(r"^[#;]\s*([A-Za-z]+)=(.*)$", line)
            if m:
                commented.append((section, m.group(1), m.group(2)))
                continue
            if not line or line[0] in "#;":
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1]
                sections.setdefault(section, [])
                continue
            key, _, value = line.partition("=")
            sections.setdefault(section, []).append((key.strip(),
                                                     value.strip()))
    return sections, commented


def values(sections, section, key):
    return [v for k, v in sections.get(section, []) if k == key]


def one(sections, section, key, what):
    v = values(sections, section, key)
    if len(v) != 1:
        problem("%s: %d %s= lines in [%s], not 1", what, len(v), key,
                section)
        return None
    return v[0]


def fields(path):
    """The lines of a sysusers.d or tmpfiles.d file, split as they are."""
    out = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(shlex.split(line))
    return out


def option(argv, name):
    for i, a in enumerate(argv[:-1]):
        if a == name:
            return argv[i + 1]
    return None


def check(bindir, service, timer, failure, sysusers, tmpfiles, nginx,
          cron):
    program = os.path.join(bindir, "pcnrota")

    # The service: what it runs, as whom, where, and what counts as success.
    s, commented = unit(service)
    user = one(s, "Service", "User", "service")
    group = one(s, "Service", "Group", "service")
    if one(s, "Service", "Type", "service") != "oneshot":
        problem("service: Type is not oneshot")
    exec_start = one(s, "Service", "ExecStart", "service") or ""
    argv = shlex.split(exec_start.lstrip("-@:+!"))
    if not argv or argv[0] != program:
        problem("service: ExecStart runs %s, not %s (bindir)",
                argv[0] if argv else "nothing", program)
    if argv[1:2] != ["replan"]:
        problem("service: ExecStart is not pcnrota replan: %s", exec_start)
    out = option(argv, "--out") or ""
    if "%i" not in out:
        problem("service: the --out folder %r is not per instance (%%i)", out)
    ini = argv[2] if len(argv) > 2 else ""
    statuses = set()
    for v in values(s, "Service", "SuccessExitStatus"):
        statuses |= set(v.split())
    if "7" not in statuses:
        problem("service: SuccessExitStatus does not include 7 (another "
                "run held the lock)")
    # 8: the clock ended the search, and its plan was published.
    wrong = statuses - {"0", "7", "8"}
    if wrong:
        problem("service: SuccessExitStatus takes %s as success, which "
                "are failures", " ".join(sorted(wrong)))
    state = one(s, "Service", "StateDirectory", "service") or ""
    if os.path.join("/var/lib", state) != out:
        problem("service: StateDirectory /var/lib/%s is not the --out "
                "folder %s", state, out)
    base = os.path.dirname(out)

    # OnFailure=: set or shown commented, naming the shipped template.
    refs = values(s, "Unit", "OnFailure") + \
        [v for sec, k, v in commented if sec == "Unit" and k == "OnFailure"]
    template = os.path.basename(failure)
    if not refs:
        problem("service: no OnFailure= line, set or commented")
    for r in refs:
        if not re.match(r"^%s%%[nNi]\.service$" %
                        re.escape(template[:-len(".service")]), r):
            problem("service: OnFailure=%s is not %s with the unit's name",
                    r, template)
    f, _ = unit(failure)
    if not values(f, "Service", "ExecStart"):
        problem("failure unit: no ExecStart")
    if not any("%i" in v for v in values(f, "Service", "ExecStart")):
        problem("failure unit: ExecStart does not name the failed unit "
                "(%%i)")

    # The timer starts this service.
    t, _ = unit(timer)
    if os.path.splitext(os.path.basename(timer))[0] != \
            os.path.splitext(os.path.basename(service))[0]:
        problem("timer: %s does not start %s", os.path.basename(timer),
                os.path.basename(service))
    for v in values(t, "Timer", "Unit"):
        problem("timer: Unit=%s in place of its service", v)
    if not values(t, "Timer", "OnCalendar"):
        problem("timer: no OnCalendar=")
    if "timers.target" not in values(t, "Install", "WantedBy"):
        problem("timer: not WantedBy=timers.target")

    # tmpfiles.d makes the base folder for the user, and the network
    # files' folder readable by the group.
    dirs = {l[1]: l for l in fields(tmpfiles) if l[0] in ("d", "D")}
    d = dirs.get(base)
    if d is None:
        problem("tmpfiles.d: no d line for the --out folders' base %s", base)
    else:
        if d[3:5] != [user, group]:
            problem("tmpfiles.d: %s belongs to %s, not %s:%s (User=, "
                    "Group=)", base, ":".join(d[3:5]), user, group)
        if int(d[2], 8) & 0o005 != 0o005:
            problem("tmpfiles.d: %s mode %s: the web server cannot reach "
                    "the feeds", base, d[2])
    etc = os.path.dirname(ini)
    d = dirs.get(etc)
    if d is None:
        problem("tmpfiles.d: no d line for the network files' folder %s "
                "(ExecStart reads %s)", etc, ini)
    else:
        if d[4] != group:
            problem("tmpfiles.d: %s has group %s, not %s", etc, d[4], group)
        if int(d[2], 8) & 0o050 != 0o050:
            problem("tmpfiles.d: %s mode %s is not readable by the group",
                    etc, d[2])

    # sysusers.d makes that user, its group and home.
    users = [l for l in fields(sysusers) if l[0] == "u"]
    if [u[1] for u in users] != [user]:
        problem("sysusers.d: makes users %s, not %s (User=)",
                " ".join(u[1] for u in users) or "none", user)
    elif group != user:
        problem("service: Group=%s is not the group sysusers.d makes "
                "with user %s", group, user)
    elif len(users[0]) < 5 or users[0][4] != base:
        problem("sysusers.d: %s's home is %s, not %s", user,
                users[0][4] if len(users[0]) > 4 else "unset", base)

    # nginx serves the feeds folder of every instance, and nothing else.
    with open(nginx) as fh:
        conf = re.sub(r"#.*", "", fh.read())
    paths = re.findall(r"\b(root|alias)\s+([^;\s]+)\s*;", conf)
    want = out.replace("%i", "$1") + "/feeds/$2"
    if ("alias", want) not in paths:
        problem("nginx: no alias %s (the unit's feeds folder)", want)
    for kind, p in paths:
        if (kind, p) != ("alias", want):
            problem("nginx: %s %s: serves more than the feeds", kind, p)

    # The cron example: the same program, user and folders.
    jobs = []
    with open(cron) as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#") and \
                    not re.match(r"^[A-Z_]+=", line):
                jobs.append(line.split(None, 6))
    if len(jobs) != 1 or len(jobs[0]) != 7:
        problem("cron: %d jobs, not one job line", len(jobs))
        return
    cuser, cargv = jobs[0][5], shlex.split(jobs[0][6])
    if cuser != user:
        problem("cron: runs as %s, not %s", cuser, user)
    if cargv[0] != program or cargv[1:2] != ["replan"]:
        problem("cron: runs %s, not %s replan (bindir)", cargv[0], program)
    cout = option(cargv, "--out") or ""
    if os.path.dirname(cout) != base:
        problem("cron: --out %s is not in %s", cout, base)
    if os.path.dirname(cargv[2] if len(cargv) > 2 else "") != etc:
        problem("cron: reads %s, not a file in %s", cargv[2:3], etc)


def main(argv):
    if len(argv) != 9:
        print(__doc__.strip().split("\n\n")[1])
        return 2
    check(*argv[1:])
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
