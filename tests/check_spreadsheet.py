#!/usr/bin/python3
"""Checks CSV files pcnrota wrote against LibreOffice's reading of them.

usage: check_spreadsheet.py CSV-DIR FODS-DIR NAME...

Each NAME.csv in CSV-DIR was converted by LibreOffice to NAME.fods (flat
OpenDocument) in FODS-DIR. Each CSV must start with a UTF-8 byte-order
mark (Excel reads UTF-8 only after one); LibreOffice must read the header
without stray characters, every text cell as the CSV gives it (accented
names intact), no cell as a formula, and the date and time columns as
dates. Prints the problems; exit 1 when there are any.
"""
import csv
import os
import sys
import xml.etree.ElementTree as ET

NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
DATE_COLUMNS = {"date", "changed_at"}
problems = []


def cells(path):
    """Rows of (value type, text, formula) as LibreOffice read them."""
    rows = []
    table = ET.parse(path).getroot().find(".//table:table", NS)
    for row in table.findall("table:table-row", NS):
        repeat = int(row.get("{%s}number-rows-repeated" % NS["table"], "1"))
        out = []
        for c in row.findall("table:table-cell", NS):
            n = int(c.get("{%s}number-columns-repeated" % NS["table"], "1"))
            text = "\n".join("".join(p.itertext())
                             for p in c.findall("text:p", NS))
            out += [(c.get("{%s}value-type" % NS["office"]), text,
                     c.get("{%s}formula" % NS["table"]))] * min(n, 64)
        while out and out[-1][0] is None:
            out.pop()
        if out:
            rows += [out] * min(repeat, 1)
    return rows


def check(csv_dir, fods_dir, name):
    with open(os.path.join(csv_dir, name + ".csv"), "rb") as f:
        raw = f.read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        problems.append("%s.csv: no UTF-8 byte-order mark" % name)
    want = list(csv.reader(raw.decode("utf-8-sig").splitlines(True)))
    got = cells(os.path.join(fods_dir, name + ".fods"))
    if len(got) != len(want):
        problems.append("%s: LibreOffice reads %d rows, the CSV has %d"
                        % (name, len(got), len(want)))
        return
    header = want[0]
    for r, (wrow, grow) in enumerate(zip(want, got), start=1):
        where = "%s.csv:%d" % (name, r)
        grow = grow + [(None, "", None)] * (len(wrow) - len(grow))
        for col, field, (kind, text, formula) in zip(header, wrow, grow):
            if formula is not None:
                problems.append("%s: %s %r runs as formula %s"
                                % (where, col, field, formula))
            elif r > 1 and col in DATE_COLUMNS and field:
                if kind != "date":
                    problems.append("%s: %s %r read as %s, not a date"
                                    % (where, col, field, kind))
            elif kind in ("string", None) and text != field:
                problems.append("%s: %s %r read as %r"
                                % (where, col, field, text))
        if r == 1:
            continue
        # Names beside identifiers: each ID column has its name next.
    for i, col in enumerate(header):
        if col in ("staff", "staff_id", "role", "practice", "site",
                   "from_practice", "to_practice"):
            beside = header[i + 1] if i + 1 < len(header) else ""
            if not beside.endswith("_name"):
                problems.append("%s: %s has no name beside it (%r)"
                                % (name, col, beside))


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    for name in sys.argv[3:]:
        check(sys.argv[1], sys.argv[2], name)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
