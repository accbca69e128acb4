"""Dataset export tests, run by dataset_export_test.cpp: loads an export back with Python's
csv module, pandas or zipfile and compares it with the corpus cases' own truth.json.

usage: dataset_export_test.py FORMAT SHAPE EXPORT CASES_JSON
CASES_JSON: {"documents": N, "fields": M, "truth": {"<document_id>": "<truth.json path>"}}
Exits 0 when every comparison holds, else prints what differs and exits 1.
"""
import csv
import json
import sys
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal

fmt, shape, path, cases_path = sys.argv[1:5]
cases = json.load(open(cases_path, encoding="utf-8"))
truth = {int(k): json.load(open(v, encoding="utf-8"))["fields"] for k, v in cases["truth"].items()}
problems = []


def expect(ok, what):
    if not ok:
        problems.append(what)


def same_number(cell, value):
    return cell not in ("", None) and Decimal(str(cell)) == Decimal(str(value))


def compare_wide(rows):
    """rows: {document_id: {column: text or None}}"""
    checked = 0
    for doc, fields in truth.items():
        row = rows.get(doc)
        expect(row is not None, f"document {doc} has no row")
        if row is None:
            continue
        for key, t in fields.items():
            if t["kind"] not in ("number", "blank"):
                continue
            cell = row.get(key)
            if t["value"] is None:
                expect(cell in ("", None), f"{doc} {key}: blank in the document, {cell!r} in the export")
            else:
                expect(same_number(cell, t["value"]), f"{doc} {key}: {t['value']} in the document, {cell!r} in the export")
            checked += 1
    expect(checked > 100, f"only {checked} cells compared")
    return checked


def compare_long(records):
    """records: list of {column: text or None}"""
    by = {(int(r["document_id"]), r["key"]): r for r in records}
    checked = 0
    for doc, fields in truth.items():
        for key, t in fields.items():
            if t["kind"] not in ("number", "blank"):
                continue
            r = by.get((doc, key))
            expect(r is not None, f"{doc} {key}: no row")
            if r is None:
                continue
            value = r.get("value")   # an XLSX sheet has no cell at all for an empty one
            expect(r["kind"] == t["kind"], f"{doc} {key}: kind {r['kind']!r}, the document {t['kind']!r}")
            if t["value"] is None:
                expect(value in ("", None), f"{doc} {key}: blank in the document, {value!r} in the export")
            else:
                expect(same_number(value, t["value"]), f"{doc} {key}: {t['value']} vs {value!r}")
            checked += 1
    expect(checked > 100, f"only {checked} cells compared")


if fmt == "csv":
    with open(path, newline="", encoding="utf-8") as f:
        text = f.read()
    if cases.get("bom"):
        expect(text.startswith("\ufeff"), "no byte order mark")
        text = text[1:]
    else:
        expect(not text.startswith("\ufeff"), "a byte order mark nobody asked for")
    rows = list(csv.reader(text.splitlines(keepends=True)))
    header, body = rows[0], rows[1:]
    expect(all(len(r) == len(header) for r in body), "rows of different lengths")
    expected_rows = cases["documents"] if shape == "wide" else cases["fields"]
    expect(len(body) == expected_rows, f"{len(body)} rows, expected {expected_rows}")
    records = [dict(zip(header, r)) for r in body]
    if shape == "wide":
        compare_wide({int(r["document_id"]): r for r in records})
    else:
        compare_long(records)
    try:
        import pandas as pd
    except ImportError:
        pd = None
    if pd is not None:
        df = pd.read_csv(path, encoding="utf-8-sig" if cases.get("bom") else "utf-8")
        expect(df.shape == (expected_rows, len(header)), f"pandas shape {df.shape}")
        if shape == "wide":
            pdrows = {}
            for _, r in df.iterrows():
                pdrows[int(r["document_id"])] = {k: (None if pd.isna(v) else v) for k, v in r.items()}
            compare_wide(pdrows)
            expect(str(df["t3.new_received.natural_person"].dtype).startswith(("int", "float")),
                   "a count column is not numeric in pandas")
        else:
            recs = [{k: (None if pd.isna(v) else v) for k, v in r.items()} for _, r in df.iterrows()]
            compare_long(recs)
elif fmt == "jsonl":
    lines = open(path, encoding="utf-8").read().splitlines()
    records = [json.loads(line) for line in lines]
    expected_rows = cases["documents"] if shape == "wide" else cases["fields"]
    expect(len(records) == expected_rows, f"{len(records)} lines, expected {expected_rows}")
    if shape == "wide":
        compare_wide({r["document_id"]: r for r in records})
    else:
        compare_long(records)
        expect(all(isinstance(r["flags"], list) for r in records), "flags not an array")
elif fmt == "xlsx":
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
        styles = z.read("xl/styles.xml").decode("utf-8")
        strings = []
        if "xl/sharedStrings.xml" in z.namelist():
            sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
            strings = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t")) for si in sst]
    def col_of(ref):
        letters = "".join(c for c in ref if c.isalpha())
        n = 0
        for c in letters:
            n = n * 26 + ord(c) - 64
        return n - 1
    grid, styled = [], []
    for row in sheet.iter(f"{{{ns['m']}}}row"):
        cells, marks = {}, {}
        for c in row.findall("m:c", ns):
            i = col_of(c.get("r"))
            v = c.find("m:v", ns)
            t = c.find("m:is/m:t", ns)
            if c.get("t") == "s" and v is not None:
                cells[i] = strings[int(v.text)]
            elif t is not None:
                cells[i] = t.text
            elif v is not None:
                cells[i] = v.text
            marks[i] = c.get("s")
        grid.append(cells)
        styled.append(marks)
    header = grid[0]
    names = {i: h.split("\n")[-1] for i, h in header.items()}
    expected_rows = cases["documents"] if shape == "wide" else cases["fields"]
    expect(len(grid) - 1 == expected_rows, f"{len(grid) - 1} data rows, expected {expected_rows}")
    if shape == "wide":
        expect(any(h.startswith("表二 规章 本年制发件数\n") for h in header.values()),
               "no Chinese header for t2.regulations.issued")
    records = [{names[i]: v for i, v in cells.items()} for cells in grid[1:]]
    if shape == "wide":
        compare_wide({int(r["document_id"]): r for r in records})
    else:
        compare_long(records)
    expect("FFEB9C" in styles.upper(), "no highlight fill in styles.xml")
    expect(any(s is not None for marks in styled[1:] for s in marks.values()), "no cell highlighted")

if problems:
    print("\n".join(problems[:30]))
    print(f"{len(problems)} problems")
    sys.exit(1)
print("ok")
