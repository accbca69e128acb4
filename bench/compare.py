#!/usr/bin/env python3
"""Benchmark, whole processes side by side: times `xxgknb extract` against pandoc, python-docx,
the inflate-and-parse floor (floor_docx) and the NFKC floor (uconv) on the corpus that
gen_corpus.py wrote, and prints the table of docs/performance.md.

Every contender runs as whole processes, as users run it: xxgknb as one process over all the
files of a row (and once per file, to show its start cost), pandoc and python-docx once per
file, the floors as one process. Runs alternate — run 1 of every contender of a row, then
run 2, each run starting with the next contender — and a row's figure is the median of its
runs; its ratios come from the same runs. Wall time and CPU time (user + system) of the child
processes are both kept: on a shared machine CPU time is the steadier of the two. Peak RSS is
GNU time's %M, from one more untimed pass (the first three processes of a per-file contender).

Run it pinned to one core, as bench/run.sh does: `taskset -c 0 /usr/bin/python3
bench/compare.py --corpus DIR --xxgknb BIN --floor BIN --out DIR [--runs N]`.
Writes OUT/summary.json and OUT/summary.md (the figures section of docs/performance.md);
`compare.py --render OUT/summary.json` prints those tables again without running anything.
"""

import argparse
import datetime
import glob
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import zipfile

PYTHON = "/usr/bin/python3"  # Debian's, which has python-docx
HERE = os.path.dirname(os.path.abspath(__file__))


class Contender:
    """One way of reading a row's files: the processes of one run."""

    def __init__(self, name, invocations, ok_status=(0,)):
        self.name = name
        self.invocations = invocations  # list of argv lists, run one after the other
        self.ok_status = ok_status
        self.wall, self.cpu, self.rss_kib, self.failures = [], [], 0, []

    def run_once(self):
        wall = cpu = 0.0
        for argv in self.invocations:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            stderr = proc.stderr.read()
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            wall += time.perf_counter() - start
            cpu += usage.ru_utime + usage.ru_stime
            if proc.returncode not in self.ok_status and len(self.failures) < 3:
                self.failures.append(f"{' '.join(argv[:3])}…: exit {proc.returncode}: "
                                     f"{stderr.decode(errors='replace').strip()[:200]}")
        self.wall.append(wall)
        self.cpu.append(cpu)

    def measure_rss(self, tmp):
        """Peak RSS with GNU time, untimed, over the first processes of a run (a per-file
        contender's processes are alike). Not from wait4: a child forked from Python counts
        Python's own pages in its ru_maxrss."""
        out = os.path.join(tmp, "rss")
        for argv in self.invocations[:3]:
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out] + argv,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with open(out) as f:
                self.rss_kib = max(self.rss_kib, int(f.read().split()[-1]))

    def median(self, what):
        return statistics.median(self.wall if what == "wall" else self.cpu)


class Row:
    """Files read alike by several contenders. `bytes` is what MB/s counts: the files' sizes,
    or for one .docx the size of its word/document.xml (what every reader must parse)."""

    def __init__(self, key, title, files, contenders, per_xml=False):
        self.key, self.title, self.files, self.contenders = key, title, files, contenders
        self.bytes = sum(document_xml_bytes(f) if per_xml else os.path.getsize(f) for f in files)
        self.skipped = None

    def run(self, runs, tmp):
        for c in self.contenders:
            c.measure_rss(tmp)
        for r in range(runs):
            order = self.contenders[r % len(self.contenders):] + self.contenders[:r % len(self.contenders)]
            for c in order:
                c.run_once()

    def get(self, name):
        return next(c for c in self.contenders if c.name == name)


def document_xml_bytes(path):
    with zipfile.ZipFile(path) as z:
        return z.getinfo("word/document.xml").file_size


def files_in(corpus, pattern):
    return sorted(glob.glob(os.path.join(corpus, pattern), recursive=True))


def per_file(prefix, files):
    return [prefix + [f] for f in files]


def json_format_of(xxgknb, path):
    """The source.format xxgknb gives a file, or its error code."""
    out = subprocess.run([xxgknb, "extract", path], capture_output=True, text=True)
    try:
        d = json.loads(out.stdout)
    except json.JSONDecodeError:
        return "no_json"
    if "error" in d:
        return d["error"]["code"]
    return d["source"]["format"]


def build_rows(a):
    x, floor, c = a.xxgknb, a.floor, a.corpus
    rows = []
    docx = files_in(c, "docx/*/*.docx")
    rows.append(Row("docx", "template .docx corpus (all kinds)", docx, [
        Contender("xxgknb", [[x, "extract"] + docx]),
        Contender("xxgknb per file", per_file([x, "extract"], docx)),
        Contender("floor", [[floor] + docx]),
        Contender("pandoc", per_file(["pandoc", "-f", "docx", "-t", "json", "-o", "/dev/null"], docx)),
        Contender("python-docx", per_file([PYTHON, os.path.join(HERE, "pydocx_walk.py")], docx)),
    ]))
    for kind in ("own", "office", "pandoc", "official"):
        f = files_in(c, f"docx/{kind}/*.docx")
        if f:
            rows.append(Row(f"docx_{kind}", f"template .docx written by {kind}", f, [
                Contender("xxgknb", [[x, "extract"] + f]), Contender("floor", [[floor] + f])]))
    text = files_in(c, "text/*/*.txt")
    rows.append(Row("text", "template text corpus (every shape)", text, [
        Contender("xxgknb", [[x, "extract"] + text]),
        Contender("xxgknb per file", per_file([x, "extract"], text)),
        Contender("uconv", [["uconv", "-f", "utf-8", "-t", "utf-8", "-x", "Any-NFKC", "-o", "/dev/null"] + text]),
    ]))
    everything = docx + text
    rows.append(Row("all", "every report, one process", everything,
                    [Contender("xxgknb", [[x, "extract"] + everything])]))
    rows.append(Row("start", "process start (xxgknb --version, 20 processes)", [],
                    [Contender("xxgknb", [[x, "--version"]] * 20)]))
    for f in files_in(c, "large/*") + files_in(c, "scale/*"):
        name = os.path.relpath(f, c)
        docx_file = f.endswith(".docx")
        ref = (Contender("floor", [[floor, f]]) if docx_file else
               Contender("uconv", [["uconv", "-f", "utf-8", "-t", "utf-8", "-x", "Any-NFKC", "-o", "/dev/null", f]]))
        title = name + (" (MB of document.xml)" if docx_file else "")
        rows.append(Row(name, title, [f], [Contender("xxgknb", [[x, "extract", f]]), ref], per_xml=docx_file))
    pdf = files_in(c, "pdf/*.pdf")
    if pdf:
        row = Row("pdf", "PDF reports vs pdftotext -bbox", pdf, [
            Contender("xxgknb", [[x, "extract"] + pdf]),
            Contender("pdftotext -bbox", [["pdftotext", "-bbox", f, "/dev/null"] for f in pdf])])
        got = json_format_of(x, pdf[0])
        if got != "pdf":
            row.skipped = f"xxgknb does not read PDF yet (it answers {got})"
        rows.append(row)
    html = files_in(c, "html/*.html")
    if html:
        # The same reports as .docx (the office sources) for the per-byte comparison.
        row = Row("html", "HTML reports, cost per byte vs .docx", html,
                  [Contender("xxgknb", [[x, "extract"] + html]),
                   Contender("xxgknb docx", [[x, "extract"] + files_in(c, "docx/office/*.docx")])])
        got = json_format_of(x, html[0])
        if got != "html":
            row.skipped = f"xxgknb reads HTML as {got} today (its tables are not rebuilt)"
        rows.append(row)
    return rows


def fmt_s(v):
    return f"{v * 1000:.1f} ms" if v < 10 else f"{v:.2f} s"


def summarise(rows, runs, quick):
    out = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
           "machine": machine(), "runs": runs, "quick": quick, "rows": []}
    for row in rows:
        r = {"key": row.key, "title": row.title, "files": len(row.files), "bytes": row.bytes,
             "skipped": row.skipped, "contenders": []}
        for c in row.contenders:
            if row.skipped:
                break
            r["contenders"].append({
                "name": c.name, "wall_s": c.median("wall"), "cpu_s": c.median("cpu"),
                "wall_runs": c.wall, "cpu_runs": c.cpu, "peak_rss_kib": c.rss_kib,
                "failures": c.failures})
        out["rows"].append(r)
    return out


def machine():
    model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def find(summary, key, name):
    for r in summary["rows"]:
        if r["key"] == key:
            for c in r["contenders"]:
                if c["name"] == name:
                    return r, c
    return None, None


def ratio(summary, key, a, b, what):
    _, ca = find(summary, key, a)
    _, cb = find(summary, key, b)
    if not ca or not cb or ca[what] == 0:
        return None
    return cb[what] / ca[what]


def targets(s):
    """(what, target, measured wall, measured cpu, met) — docs/performance.md's targets, met
    or not by CPU time: on a shared machine wall time counts the other processes too."""
    out = []

    def add(what, target, wall, cpu, met):
        out.append((what, target, wall, cpu, met))

    def times(key, a, b, lo=None, hi=None, label=""):
        w, c = ratio(s, key, a, b, "wall_s"), ratio(s, key, a, b, "cpu_s")
        if w is None:
            return
        if lo is not None:
            add(label, f"≥ {lo}×", f"{w:.1f}×", f"{c:.1f}×", c >= lo)
        else:
            # Within hi× of a floor: xxgknb's time over the floor's.
            add(label, f"≤ {hi}×", f"{1 / w:.2f}×", f"{1 / c:.2f}×", 1 / c <= hi)

    times("docx", "xxgknb", "pandoc", lo=100, label=".docx: faster than pandoc (per file)")
    times("docx", "xxgknb", "python-docx", lo=30, label=".docx: faster than python-docx (per file)")
    times("docx", "xxgknb", "floor", hi=3, label=".docx: time over the inflate-and-parse floor")
    r, c = find(s, "text", "xxgknb")
    if c:
        add("text: reports per second, one core", "≥ 1,000", f"{r['files'] / c['wall_s']:.0f}/s",
            f"{r['files'] / c['cpu_s']:.0f}/s", r["files"] / c["cpu_s"] >= 1000)
    times("text", "xxgknb", "uconv", hi=3, label="text: time over the NFKC floor")
    r, c = find(s, "large/narrative.txt", "xxgknb")
    if c:
        mb = r["bytes"] / 1e6
        add(f"{mb:.0f} MB narrative text: MB/s", "≥ 30", f"{mb / c['wall_s']:.1f}", f"{mb / c['cpu_s']:.1f}",
            mb / c["cpu_s"] >= 30)
    r, c = find(s, "start", "xxgknb")
    if c:
        w, u = c["wall_s"] / 20 * 1000, c["cpu_s"] / 20 * 1000
        add("process start (--version)", "< 5 ms", f"{w:.1f} ms", f"{u:.1f} ms", u < 5)
    start = first_document_cost(s)
    if start:
        add("start cost before the first document (per file − one process, per file)", "< 5 ms",
            f"{start[0]:.1f} ms", f"{start[1]:.1f} ms", start[1] < 5)
    r, c = find(s, "all", "xxgknb")
    if c:
        mib = c["peak_rss_kib"] / 1024
        add(f"peak RSS, one process over {r['files']} reports", "< 64 MB", f"{mib:.1f} MiB", "", mib < 64)
    return out


def first_document_cost(s):
    """ms each process pays beyond the documents: (per-file run − one-process run) / files,
    averaged over the .docx and text rows."""
    vals = []
    for key in ("docx", "text"):
        r, one = find(s, key, "xxgknb")
        _, each = find(s, key, "xxgknb per file")
        if one and each:
            n = r["files"]
            vals.append(((each["wall_s"] - one["wall_s"]) / n * 1000,
                         (each["cpu_s"] - one["cpu_s"]) / n * 1000))
    if not vals:
        return None
    return (statistics.mean(v[0] for v in vals), statistics.mean(v[1] for v in vals))


def markdown(s):
    lines = [f"Measured {s['date']} on {s['machine']}, pinned to one core (`taskset -c 0`), "
             f"median of {s['runs']} alternating runs{' (quick mode)' if s['quick'] else ''}.", ""]
    lines += ["| Row | Files | MB | Contender | Wall | CPU | Per second (wall / CPU) | "
              "Time ÷ xxgknb's (wall / CPU) | Peak RSS |",
              "|---|---:|---:|---|---:|---:|---:|---:|---:|"]
    for r in s["rows"]:
        mb = r["bytes"] / 1e6
        if r["skipped"]:
            lines.append(f"| {r['title']} | {r['files']} | {mb:.2f} | — | — | — | — | "
                         f"skipped: {r['skipped']} | — |")
            continue
        base = next((c for c in r["contenders"] if c["name"] == "xxgknb"), None)
        for c in r["contenders"]:
            if r["key"] == "start":
                per = f"{c['wall_s'] / 20 * 1000:.1f} / {c['cpu_s'] / 20 * 1000:.1f} ms each"
            elif r["files"] == 1:
                per = f"{mb / c['wall_s']:.1f} / {mb / c['cpu_s']:.1f} MB/s"
            else:
                per = f"{r['files'] / c['wall_s']:.0f} / {r['files'] / c['cpu_s']:.0f} reports/s"
            rat = "1" if c is base else (f"{c['wall_s'] / base['wall_s']:.1f}× / "
                                         f"{c['cpu_s'] / base['cpu_s']:.1f}×")
            fail = f" (failed: {c['failures'][0]})" if c["failures"] else ""
            lines.append(f"| {r['title'] if c is r['contenders'][0] else ''} | {r['files']} | {mb:.2f} | "
                         f"{c['name']}{fail} | {fmt_s(c['wall_s'])} | {fmt_s(c['cpu_s'])} | {per} | {rat} | "
                         f"{c['peak_rss_kib'] / 1024:.1f} MiB |")
    lines += ["", "| Target | Wanted | Measured (wall) | Measured (CPU) | Met |", "|---|---|---:|---:|---|"]
    for what, want, w, c, met in targets(s):
        lines.append(f"| {what} | {want} | {w} | {c} | {'yes' if met else '**no**'} |")
    lines += ["", "Cost against input size (xxgknb, one file, one process; start cost included):", "",
              "| Input | Size | MB (of document.xml for .docx) | Wall | CPU | CPU ms per MB |", "|---|---|---:|---:|---:|---:|"]
    for kind, ext in (("docx", "docx"), ("text", "txt")):
        for k in (1, 4, 16):
            r, c = find(s, f"scale/{kind}-{k}x.{ext}", "xxgknb")
            if c:
                mb = r["bytes"] / 1e6
                lines.append(f"| {kind} | {k}× | {mb:.2f} | {fmt_s(c['wall_s'])} | {fmt_s(c['cpu_s'])} | "
                             f"{c['cpu_s'] * 1000 / mb:.0f} |")
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus")
    p.add_argument("--xxgknb")
    p.add_argument("--floor")
    p.add_argument("--out")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--only", help="comma-separated contenders to keep (the others are left out)")
    p.add_argument("--render", metavar="SUMMARY_JSON",
                   help="run nothing: print the tables of an earlier run's summary.json")
    a = p.parse_args()
    if a.render:
        with open(a.render) as f:
            print(markdown(json.load(f)), end="")
        return 0
    if not (a.corpus and a.xxgknb and a.floor and a.out):
        p.error("--corpus, --xxgknb, --floor and --out are needed to run")
    os.makedirs(a.out, exist_ok=True)
    rows = build_rows(a)
    if a.only:
        keep = set(a.only.split(","))
        for row in rows:
            row.contenders = [c for c in row.contenders if c.name in keep]
        rows = [row for row in rows if row.contenders and (row.files or row.key == "start")]
    for row in rows:
        if row.skipped:
            print(f"{row.title}: skipped: {row.skipped}", file=sys.stderr)
            continue
        t0 = time.perf_counter()
        row.run(a.runs, a.out)
        print(f"{row.title}: {len(row.files)} files, {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    s = summarise(rows, a.runs, a.quick)
    with open(os.path.join(a.out, "summary.json"), "w") as f:
        json.dump(s, f, indent=1, ensure_ascii=False)
    md = markdown(s)
    with open(os.path.join(a.out, "summary.md"), "w") as f:
        f.write(md)
    print(md)
    failed = [c for r in rows for c in r.contenders if c.failures and not r.skipped]
    for c in failed:
        print(f"failed: {c.name}: {c.failures[0]}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
