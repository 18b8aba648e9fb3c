#!/usr/bin/env python3
"""Runs a command with its stderr on a pseudo-terminal, as on a console.

Usage: pty_run.py STDOUT STDERR COMMAND [ARG...]

The command's stdout goes to the file STDOUT (not a terminal), its stderr
to a new pseudo-terminal, whose output is saved byte for byte in STDERR.
Prints the command's exit status and its wall time in seconds; exits 77
(skip) when no pseudo-terminal can be had.
"""

import os
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 4:
        print("usage: pty_run.py STDOUT STDERR COMMAND [ARG...]",
              file=sys.stderr)
        return 2
    try:
        master, slave = os.openpty()
    except OSError as e:
        print("pty_run: no pseudo-terminal: %s" % e, file=sys.stderr)
        return 77
    started = time.monotonic()
    with open(argv[1], "wb") as out:
        p = subprocess.Popen(argv[3:], stdin=subprocess.DEVNULL, stdout=out,
                             stderr=slave)
    os.close(slave)
    data = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the last writer closed the terminal
            break
        if not chunk:
            break
        data.append(chunk)
    rc = p.wait()
    os.close(master)
    with open(argv[2], "wb") as err:
        err.write(b"".join(data))
    print(rc, "%.2f" % (time.monotonic() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
