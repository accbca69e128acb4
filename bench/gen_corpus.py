#!/usr/bin/env python3
"""Benchmark corpus generator: writes a realistic set of reports and the large cases into a
work folder (never into git), from the truths of tools/make_corpus.py.

What it writes under OUT/:
  docx/own/        .docx from the project's own writer, both templates, plain, numbered and
                   split-run variants
  docx/office/     the same kind of reports re-saved by LibreOffice (soffice --convert-to docx)
  docx/pandoc/     the same kind of reports re-written by pandoc (pandoc -o x.docx)
  docx/official/   filled copies of the official blank template (only when ../shared exists)
  text/<shape>/    UTF-8 text reports, both templates, in every shape make_corpus.py writes
  large/           a 5 MB .docx with images (images.docx), a .docx whose document.xml is
                   60 MB (document-xml.docx), a 20 MB narrative text (narrative.txt); a tenth
                   of those sizes with --quick
  scale/           one report at 1×, 4× and 16× its size, as .docx and as text
  pdf/, html/      a few reports as PDF (LibreOffice) and HTML (pandoc), for the rows that
                   wait for those readers

Usage: /usr/bin/python3 bench/gen_corpus.py --out DIR [--quick] [--template PATH]
python-docx is needed for the official template copies (Debian's python3-docx); soffice and
pandoc for their rows. A missing program leaves its folder empty and says so.
"""

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tools"))
import make_corpus as mc  # noqa: E402  (the project's own writer and its truths)

TEXT_SHAPES_V2021 = ["tika", "pipe", "cell_per_line", "tab", "space", "value_per_line"]
TEXT_SHAPES_V2019 = ["tika", "pipe", "tab"]
DOCX_VARIANTS = [{}, {"numbered": True}, {"split_runs": True}]

# Prose for the narrative parts of the large and scaled cases: varied sentences with
# varied numbers, so the XML inflates at a ratio real reports have (5–20×, Limits).
PROSE = [
    "围绕{n}项重点工作，及时公开机构职能、政策文件、财政预决算等信息{m}条。",
    "全年通过政府门户网站发布信息{n}条，其中政策解读{m}篇，图解{k}件。",
    "依法规范办理政府信息公开申请{n}件，按时答复率{k}%，无一例逾期。",
    "组织业务培训{k}次，参训人员{n}人次，进一步提升了工作人员的业务水平。",
    "召开新闻发布会{k}场，回应社会关切{m}条，开展政府开放日活动{k}次。",
    "更新公开目录{n}项，清理失效文件{m}件，规范性文件备案审查{k}件。",
    "在{place}设置查阅点{k}个，接待群众查阅{n}人次，提供咨询服务{m}次。",
]
PLACES = ["政务服务中心", "档案馆", "图书馆", "便民服务中心", "乡镇综合服务站", "社区服务中心"]


def prose_line(rng):
    s = rng.choice(PROSE)
    return s.format(n=rng.randint(10, 99999), m=rng.randint(1, 9999), k=rng.randint(1, 99),
                    place=rng.choice(PLACES))


def prose_paragraphs(rng, target_bytes):
    out, size = [], 0
    while size < target_bytes:
        p = "".join(prose_line(rng) for _ in range(rng.randint(2, 6)))
        out.append(p)
        size += len(p.encode())
    return out


def truth(name, version, opts=None):
    t = mc.make_truth(name, version)
    t["opts"] = dict(opts or {})
    return t


def write_text(t, path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(mc.text_document(t))


def grow(t, extra_bytes, seed):
    """Adds extra_bytes of narrative to sections 一 and 五, as long reports have."""
    rng = random.Random(seed)
    paras = prose_paragraphs(rng, extra_bytes)
    half = len(paras) // 2
    for s in t["sections"]:
        if s["key"] == "s1_overview":
            s["body"] = s["body"] + paras[:half]
        elif s["key"] == "s5_problems":
            s["body"] = s["body"] + paras[half:]
    return t


# ---------------------------------------------------------------------------------------
# Filled copies of the official template (python-docx)
# ---------------------------------------------------------------------------------------

def fill_official(template, t, path):
    """The official 2021 blank template with the truth's title, prose and every cell filled."""
    import docx  # Debian's python3-docx; imported here so the rest runs without it

    d = docx.Document(template)
    body = {s["key"]: s["body"] for s in t["sections"]}
    s6 = "（文字描述，收取信息处理费情况在此处报告。）"
    seen_first_placeholder = False
    for p in d.paragraphs:
        text = p.text.strip()
        if text == "政府信息公开工作年度报告格式模板":
            set_text(p, t["title"])
        elif text == "（文字描述）":
            # "（文字描述）" appears under 一 and under 五.
            lines = body["s1_overview"] if not seen_first_placeholder else body["s5_problems"]
            seen_first_placeholder = True
            set_text(p, "\n".join(lines))
        elif text == s6:
            set_text(p, "\n".join(body["s6_other"]))
    cells = t["cells"]
    t2 = [cells[k] for k in mc.t2_keys("v2021")]
    t3 = [cells[k] for k in mc.t3_keys("v2021")]
    t4 = [cells[k] for k in mc.t4_keys()]
    tables = d.tables
    # Table 二: value cells of rows 2, 3 (three each), 6, 9, 10, 13 (one merged cell each).
    fill_cells(tables[0], [(2, c) for c in (1, 2, 3)] + [(3, c) for c in (1, 2, 3)] +
               [(6, 1), (9, 1), (10, 1), (13, 1)], t2)
    # Table 三: rows 3–27, columns 3–9 (自然人 … 总计), in the truth's key order.
    fill_cells(tables[1], [(r, c) for r in range(3, 28) for c in range(3, 10)], t3)
    # Table 四: row 3, fifteen cells.
    fill_cells(tables[2], [(3, c) for c in range(15)], t4)
    d.save(path)


def set_text(paragraph, text):
    for r in paragraph.runs[1:]:
        r._element.getparent().remove(r._element)
    if paragraph.runs:
        paragraph.runs[0].text = text
    else:
        paragraph.add_run(text)


def fill_cells(table, positions, values):
    if len(positions) != len(values):
        raise ValueError(f"{len(positions)} cells for {len(values)} values")
    for (r, c), v in zip(positions, values):
        cell = table.rows[r].cells[c]
        set_text(cell.paragraphs[0], v)


# ---------------------------------------------------------------------------------------
# Large cases
# ---------------------------------------------------------------------------------------

IMAGE_REL = ('<Relationship Id="rIdImg{i}" '
             'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
             'Target="media/image{i}.png"/>')
DRAWING = ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
           'drawingml/2006/wordprocessingDrawing"><wp:extent cx="5000000" cy="3000000"/>'
           '<wp:docPr id="{i}" name="图片{i}"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/'
           'drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/'
           '2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/'
           'picture"><pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/'
           'officeDocument/2006/relationships" r:embed="rIdImg{i}"/></pic:blipFill></pic:pic>'
           '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')


def png_bytes(rng, size):
    """A PNG-like blob (signature, then incompressible bytes), as photos in reports are."""
    return b"\x89PNG\r\n\x1a\n" + rng.randbytes(size - 8)


def docx_with_images(t, path, images, image_bytes, seed):
    rng = random.Random(seed)
    tmp = path + ".tmp"
    mc.DocxWriter(t).write(tmp)
    with zipfile.ZipFile(tmp) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    os.remove(tmp)
    out = []
    for name, data in entries:
        text = data.decode("utf-8")
        if name == "word/document.xml":
            pics = "".join(DRAWING.format(i=i) for i in range(1, images + 1))
            text = text.replace("<w:sectPr>", pics + "<w:sectPr>", 1)
        elif name == "word/_rels/document.xml.rels":
            rels = "".join(IMAGE_REL.format(i=i) for i in range(1, images + 1))
            text = text.replace("</Relationships>", rels + "</Relationships>")
        elif name == "[Content_Types].xml":
            text = text.replace("<Default ", '<Default Extension="png" ContentType="image/png"/><Default ', 1)
        out.append((name, text.encode("utf-8")))
    with zipfile.ZipFile(path, "w") as z:
        for name, data in out:
            info = zipfile.ZipInfo(name, date_time=mc.ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=6)
        for i in range(1, images + 1):
            info = zipfile.ZipInfo(f"word/media/image{i}.png", date_time=mc.ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED  # PNGs are stored, being compressed already
            z.writestr(info, png_bytes(rng, image_bytes))


def document_xml_bytes(path):
    with zipfile.ZipFile(path) as z:
        return z.getinfo("word/document.xml").file_size


def sized_docx(name, target_xml_bytes, path):
    """A v2021 report whose document.xml is about target_xml_bytes, by longer narrative: a
    first try, then one correction by the markup it showed per byte of text."""
    mc.DocxWriter(truth(name, "v2021")).write(path)
    have = document_xml_bytes(path)
    extra = target_xml_bytes - have
    seed = zlib.crc32(name.encode())
    for _ in range(2):
        if extra <= 0:
            return
        mc.DocxWriter(grow(truth(name, "v2021"), extra, seed)).write(path)
        got = document_xml_bytes(path)
        extra = int(extra * (target_xml_bytes - have) / (got - have))


def sized_text(name, target_bytes, path, shape="tika"):
    t = truth(name, "v2021", {"shape": shape})
    have = len(mc.text_document(t).encode())
    if target_bytes > have:
        t = grow(t, target_bytes - have, zlib.crc32(name.encode()))
    write_text(t, path)


# ---------------------------------------------------------------------------------------
# Office suites
# ---------------------------------------------------------------------------------------

def soffice_convert(sources, outdir, fmt, tmp):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not sources:
        print(f"note: soffice not found, {outdir} left empty", file=sys.stderr)
        return
    os.makedirs(outdir, exist_ok=True)
    profile = "file://" + os.path.join(tmp, "profile")
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
                    "--outdir", outdir] + sources,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)


def pandoc_convert(sources, outdir, ext):
    pandoc = shutil.which("pandoc")
    if not pandoc:
        print(f"note: pandoc not found, {outdir} left empty", file=sys.stderr)
        return
    os.makedirs(outdir, exist_ok=True)
    for src in sources:
        out = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + ext)
        subprocess.run([pandoc, src, "-s", "-o", out], check=True, timeout=300)


# ---------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--quick", action="store_true", help="fewer reports, smaller large cases")
    parser.add_argument("--template", help="the official blank template (.docx)")
    args = parser.parse_args()
    out = args.out
    if os.path.exists(out):
        shutil.rmtree(out)
    n = 2 if args.quick else 3  # reports per template and variant
    dirs = {k: os.path.join(out, k) for k in
            ("docx/own", "docx/office", "docx/pandoc", "docx/official", "large", "scale", "pdf", "html")}
    for d in dirs.values():
        os.makedirs(d, exist_ok=True)

    own = []
    for version in ("v2021", "v2019"):
        for vi, opts in enumerate(DOCX_VARIANTS):
            for i in range(n):
                name = f"bench_{version}_docx_{vi}_{i}"
                path = os.path.join(dirs["docx/own"], name + ".docx")
                mc.DocxWriter(truth(name, version, opts)).write(path)
                own.append(path)

    with tempfile.TemporaryDirectory() as tmp:
        # Sources for the office suites: plain reports of both templates, not in docx/own.
        sources = []
        for version in ("v2021", "v2019"):
            for i in range(n):
                name = f"bench_{version}_office_{i}"
                path = os.path.join(tmp, name + ".docx")
                mc.DocxWriter(truth(name, version)).write(path)
                sources.append(path)
        soffice_convert(sources, dirs["docx/office"], "docx:MS Word 2007 XML", tmp)
        pandoc_convert(sources, dirs["docx/pandoc"], ".docx")
        # PDF and HTML, for the rows that wait for their readers.
        few = sources[: 2 if args.quick else 6]
        soffice_convert(few, dirs["pdf"], "pdf", tmp)
        pandoc_convert(few, dirs["html"], ".html")

    if args.template and os.path.exists(args.template):
        for i in range(2 * n):
            name = f"bench_official_{i}"
            fill_official(args.template, truth(name, "v2021"), os.path.join(dirs["docx/official"], name + ".docx"))
    else:
        print("note: official template not found, docx/official left empty", file=sys.stderr)

    for version, shapes in (("v2021", TEXT_SHAPES_V2021), ("v2019", TEXT_SHAPES_V2019)):
        for shape in shapes:
            folder = os.path.join(out, "text", shape)
            os.makedirs(folder, exist_ok=True)
            for i in range(n):
                name = f"bench_{version}_{shape}_{i}"
                write_text(truth(name, version, {"shape": shape}), os.path.join(folder, name + ".txt"))

    mb = 1_000_000
    scale = 250_000 if args.quick else mb  # bytes of the 1× report
    # Large cases: a 5 MB .docx with images, a 60 MB document.xml, a 20 MB narrative text.
    t = truth("bench_large_images", "v2021")
    docx_with_images(t, os.path.join(dirs["large"], "images.docx"), 5, mb, 5)
    sized_docx("bench_large_xml", 6 * mb if args.quick else 60 * mb, os.path.join(dirs["large"], "document-xml.docx"))
    sized_text("bench_large_text", 2 * mb if args.quick else 20 * mb, os.path.join(dirs["large"], "narrative.txt"))
    # The cost table: one report at 1×, 4×, 16×.
    for k in (1, 4, 16):
        sized_docx("bench_scale_docx", k * scale, os.path.join(dirs["scale"], f"docx-{k}x.docx"))
        sized_text("bench_scale_text", k * scale, os.path.join(dirs["scale"], f"text-{k}x.txt"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
