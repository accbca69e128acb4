#!/usr/bin/env python3
"""Writes PDF cases of corpus/pdf/: a report of tools/make_corpus.py printed by LibreOffice.

    python3 corpus/pdf/make_cases.py blank_legal_person dashes

Each case is one report of the generator (its name there, e.g. "messy_dashes"), written as
.docx by the generator's own DocxWriter and printed to PDF with `soffice --convert-to pdf`.
truth.json is the generator's truth of that report, never from running xxgknb: the PDF says
what the .docx says. expected.json is then written by the golden test's rewrite
(XXGKNB_UPDATE_GOLDEN=1) and reviewed like code. The cases committed before this script
(v2021_filled, v2021_split_table3, v2019_filled, v2021_wrong_sums) were printed from the
committed .docx inputs the same way; they are not rewritten here, so their bytes stay put.

Needs soffice (libreoffice-writer) and python3. Only the cases named are written.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
import make_corpus  # noqa: E402  (the generator: its reports and their truth)

# corpus/pdf/<case> → (generator report, NOTES.md).
CASES = {
    "blank_legal_person": (
        "messy_blank_legal_person",
        "messy/blank_legal_person printed to PDF by LibreOffice: the five 法人或其他组织 columns of table 三 blank in every row, so no value marks their x. Their cells must read blank (kind blank, value null) in their own columns, and 总计 must not shift left into them.\n"
        "Made on a machine without CJK fonts: the labels render as empty boxes (pdftoppm), the values render, and the text layer (ToUnicode) holds every character.\n"),
    "dashes": (
        "messy_dashes",
        "messy/dashes written as .docx by the generator and printed to PDF by LibreOffice: five cells hold a dash (\"-\", \"—\", \"/\") instead of a number. Dash cells are kind dash, value null, in their own columns.\n"
        "Made on a machine without CJK fonts: the labels render as empty boxes (pdftoppm), the values render, and the text layer (ToUnicode) holds every character.\n"),
}


def main(names):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("error: soffice (libreoffice-writer) is needed", file=sys.stderr)
        return 1
    unknown = [n for n in names if n not in CASES]
    if not names or unknown:
        print(f"usage: make_cases.py CASE...; cases: {', '.join(CASES)}", file=sys.stderr)
        return 2
    reports = {f"{t['group']}_{t['case']}".replace("-", "_"): t for t in make_corpus.cases()}
    for name in names:
        report, notes = CASES[name]
        truth = reports[report]
        folder = os.path.join(HERE, name)
        os.makedirs(folder, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            docx = os.path.join(tmp, "input.docx")
            make_corpus.DocxWriter(truth).write(docx)
            subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                            "--convert-to", "pdf", "--outdir", tmp, docx],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=300)
            shutil.copyfile(os.path.join(tmp, "input.pdf"), os.path.join(folder, "input.pdf"))
        with open(os.path.join(folder, "truth.json"), "w", encoding="utf-8", newline="\n") as f:
            json.dump(make_corpus.truth_json(truth), f, ensure_ascii=False, indent=1)
            f.write("\n")
        with open(os.path.join(folder, "NOTES.md"), "w", encoding="utf-8", newline="\n") as f:
            f.write(notes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
