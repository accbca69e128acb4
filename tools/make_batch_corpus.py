#!/usr/bin/env python3
"""Batch corpus generator: writes N mixed documents into a folder outside git, for running
`xxgknb batch` at scale, and a manifest of what each one is, to check a batch against.

The documents are made from the golden corpus (corpus/<group>/<case>/input.*), whose
expected.json says what each case reads as (ok, needs review, or which error): .docx and text
of both templates, messy ones (encodings, traditional characters, split labels, wrong sums),
and broken ones (truncated .docx, empty files, PDF and .doc headers, binary data, prose that
is no report, dangling symbolic links), plus exact copies of earlier files (duplicates by
content). Each copy of a case is made distinct by a change the reader ignores: a zip comment
in a .docx, a line of spaces at the end of a text (in the text's own encoding). Names mix
extensions that lie about the content (a .docx named .txt), since formats are told by content.

Usage:
  python3 tools/make_batch_corpus.py --out /tmp/batch-corpus -n 10000 [--seed 1]
  python3 tools/make_batch_corpus.py --out /tmp/batch-corpus --verify data.sqlite
The manifest is written beside the folder, as <out>.manifest.json (never inside it, so a batch
over the folder does not read it). --verify compares a dataset written by
`xxgknb batch <out> --db data.sqlite` with the manifest, file by file, and prints the counts
the batch summary should show. Standard library only.
"""

import argparse
import hashlib
import io
import json
import os
import random
import shutil
import sqlite3
import sys
import zipfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(os.path.dirname(HERE), "corpus")

# Share of each kind of document made (the rest are copies of the golden cases).
SHARE_DUPLICATE = 0.05
SHARE_BROKEN = 0.06
FILES_PER_FOLDER = 200

# Python codec of each encoding expected.json names.
CODECS = {"UTF-8": "utf-8", "GB18030": "gb18030", "UTF-16LE": "utf-16-le", "UTF-16BE": "utf-16-be"}

NOT_A_REPORT = ("关于做好2023年春季农田水利建设工作的通知\n\n各乡镇人民政府：\n"
                "为切实做好春季农田水利建设工作，现将有关事项通知如下。\n")


def golden_cases():
    """Every golden case with an input: (name, input path, what it reads as)."""
    cases = []
    for group in sorted(os.listdir(CORPUS)):
        folder = os.path.join(CORPUS, group)
        if not os.path.isdir(folder):
            continue
        for case in sorted(os.listdir(folder)):
            inputs = [f for f in ("input.docx", "input.txt") if os.path.exists(os.path.join(folder, case, f))]
            expected = os.path.join(folder, case, "expected.json")
            if not inputs or not os.path.exists(expected):
                continue
            with open(expected, encoding="utf-8") as f:
                j = json.load(f)
            if "error" in j:
                want = {"status": "error", "code": j["error"]["code"], "format": None, "template": None}
            else:
                want = {"status": "review" if j["review"]["needs_review"] else "ok",
                        "code": None, "format": j["source"]["format"], "template": j["meta"]["template"]}
            want["encoding"] = j["source"]["encoding"]
            cases.append((f"{group}/{case}", os.path.join(folder, case, inputs[0]), want))
    return cases


def docx_variant(data, n):
    """The same .docx with zip comment n: other bytes, the same parts."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.comment = f"batch copy {n}".encode()
    return out.getvalue()


def text_variant(data, encoding, n):
    """The same text with a last line of n spaces (in its own encoding, after any BOM)."""
    codec = CODECS.get(encoding or "UTF-8", "utf-8")
    return data + (" " * n + "\n").encode(codec)


def broken(rng, docx_bytes):
    """A broken or non-report input: (bytes, extension, what it reads as)."""
    kind = rng.choice(["truncated", "truncated", "pdf", "doc", "binary", "prose", "empty"])
    error = lambda code: {"status": "error", "code": code, "format": None, "template": None}
    if kind == "truncated":
        # "PK\3\4…" cut before the central directory: zip_corrupt.
        cut = rng.randint(len(docx_bytes) * 3 // 10, len(docx_bytes) * 9 // 10)
        return docx_bytes[:cut], ".docx", error("zip_corrupt")
    if kind == "pdf":
        # A PDF header and no %%EOF: pdf_corrupt (unsupported_format in a build without PDF).
        return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + rng.randbytes(rng.randint(100, 2000)), ".pdf", error("pdf_corrupt")
    if kind == "doc":
        # An OLE2 header with no WordDocument stream in it: not_a_report_file.
        return (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(rng.randint(500, 4000)), ".doc",
                error("not_a_report_file"))
    if kind == "binary":
        # NUL bytes and invalid sequences: no text encoding reads it.
        data = rng.randbytes(rng.randint(1000, 3000))
        return b"\x00\x01\x02\xff\xfe\x00" + data, ".bin", error("not_a_report_file")
    if kind == "prose":
        # A notice, not a report: read as text, no template found, so it needs review.
        text = NOT_A_REPORT + "第%d条。\n" % rng.randint(1, 10 ** 9)
        return text.encode("utf-8"), ".txt", {"status": "review", "code": None, "format": "text",
                                              "template": "unknown"}
    return b"", ".txt", error("empty_input")


def generate(out, n, seed):
    repo = os.path.dirname(HERE)
    if os.path.abspath(out).startswith(repo + os.sep):
        sys.exit(f"{out} is inside the repository; write the batch corpus elsewhere")
    rng = random.Random(seed)
    cases = golden_cases()
    if not cases:
        sys.exit(f"no golden cases under {CORPUS}")
    full_docx = open(os.path.join(CORPUS, "v2021-docx", "filled", "input.docx"), "rb").read()
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    files = []          # manifest rows
    made = []           # (bytes, want) of files made so far, for duplicates
    copies = Counter()
    for i in range(n):
        folder = os.path.join(out, f"{i // FILES_PER_FOLDER:03d}")
        os.makedirs(folder, exist_ok=True)
        roll = rng.random()
        if roll < SHARE_DUPLICATE and made:
            data, want, ext = rng.choice(made)
            origin = "duplicate"
        elif roll < SHARE_DUPLICATE + SHARE_BROKEN:
            data, ext, want = broken(rng, full_docx)
            origin = "broken"
            made.append((data, want, ext))
        elif roll < SHARE_DUPLICATE + SHARE_BROKEN + 0.002:
            # A dangling symbolic link: the walk yields it, reading it fails.
            path = os.path.join(folder, f"{i:05d}_gone.txt")
            os.symlink(os.path.join(out, "no-such-file"), path)
            files.append({"path": path, "origin": "dangling", "status": "error", "code": "io_error",
                          "format": None, "template": None, "sha256": None})
            continue
        else:
            name, source, want = rng.choice(cases)
            data = open(source, "rb").read()
            copies[name] += 1
            if source.endswith(".docx"):
                if want["status"] != "error":
                    data = docx_variant(data, copies[name])
                ext = rng.choice([".docx", ".docx", ".docx", ".txt"])
            else:
                if want["status"] != "error":
                    data = text_variant(data, want["encoding"], copies[name])
                ext = rng.choice([".txt", ".txt", ".html", ""])
            origin = name
            made.append((data, want, ext))
        path = os.path.join(folder, f"{i:05d}{'_报告' if i % 7 == 0 else ''}{ext}")
        with open(path, "wb") as f:
            f.write(data)
        files.append({"path": path, "origin": origin, "sha256": hashlib.sha256(data).hexdigest(),
                      **{k: want[k] for k in ("status", "code", "format", "template")}})
    manifest = {"out": out, "n": n, "seed": seed, "files": files, "expected": expected_counts(files)}
    with open(out.rstrip("/") + ".manifest.json", "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    print(json.dumps(manifest["expected"], ensure_ascii=False, indent=1))


def expected_counts(files):
    """What a first batch over the folder (in name order) should count."""
    seen = set()
    c = {"files": len(files), "read": 0, "needs_review": 0, "errors": 0, "duplicates": 0,
         "errors_by_code": Counter(), "by_format": Counter(), "by_template": Counter()}
    for f in sorted(files, key=lambda f: f["path"]):
        if f["sha256"] is not None:
            if f["sha256"] in seen:
                c["duplicates"] += 1
                continue
            seen.add(f["sha256"])
        if f["status"] == "error":
            c["errors"] += 1
            c["errors_by_code"][f["code"]] += 1
        else:
            c["read"] += 1
            c["needs_review"] += f["status"] == "review"
            c["by_template"][f["template"]] += 1
        c["by_format"][f["format"] or "none"] += 1
    return c


def verify(out, db):
    manifest = json.load(open(out.rstrip("/") + ".manifest.json", encoding="utf-8"))
    con = sqlite3.connect(db)
    by_sha = {row[0]: row[1:] for row in con.execute(
        "SELECT sha256, status, error_code, format, template FROM documents")}
    by_path = {row[0]: row[1:] for row in con.execute(
        "SELECT path, status, error_code, format, template FROM documents WHERE sha256 LIKE 'unread:%'")}
    wrong = 0
    for f in manifest["files"]:
        got = by_sha.get(f["sha256"]) if f["sha256"] else by_path.get(f["path"])
        want = (f["status"], f["code"], f["format"], f["template"])
        if got != want:
            wrong += 1
            if wrong <= 20:
                print(f"{f['path']} ({f['origin']}): want {want}, dataset has {got}")
    distinct = len({f["sha256"] or f["path"] for f in manifest["files"]})
    rows = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    print(f"{len(manifest['files'])} files, {distinct} distinct inputs, {rows} documents rows, "
          f"{wrong} files not as the manifest says")
    print("expected summary:", json.dumps(manifest["expected"], ensure_ascii=False))
    return 0 if wrong == 0 and rows == distinct else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="folder to write (replaced), outside git")
    parser.add_argument("-n", type=int, default=10000, help="number of files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verify", metavar="DB", help="check a dataset against the manifest")
    args = parser.parse_args()
    if args.verify:
        sys.exit(verify(args.out, args.verify))
    generate(args.out, args.n, args.seed)


if __name__ == "__main__":
    main()
