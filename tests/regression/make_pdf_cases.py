#!/usr/bin/env python3
"""Writes the hand-placed PDF inputs of the regression cases pdf_running_header_and_footer and
pdf_table_header_on_next_page: every text piece at a position chosen by hand, in a PDF written
here byte by byte (uncompressed, so the file reads as text).

    python3 tests/regression/make_pdf_cases.py

The font is not embedded: a Type0 font with Identity-H encoding whose ToUnicode CMap maps each
glyph id to its character, so a PDF reader's text layer holds the text exactly (the glyphs
render as a substitute font, which the reading never looks at). Standard library only.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PAGE_W, PAGE_H = 595, 842

# Columns of table 三's seven values (x of each value's left edge), rows' labels at x 60.
VALUE_X = [300, 335, 370, 405, 440, 475, 510]


def row(y, label, values):
    items = [(60, y, 8, label)]
    items += [(x, y, 10, v) for x, v in zip(VALUE_X, values.split())]
    return items


def header(y):
    """Table 三's header as printed above its rows: 申请人情况 over 自然人, 法人或其他组织 (over its
    five columns) and 总计."""
    return [(360, y, 8, "申请人情况"),
            (300, y + 14, 8, "自然人"), (380, y + 14, 8, "法人或其他组织"), (510, y + 14, 8, "总计"),
            (335, y + 28, 8, "商业企业"), (370, y + 28, 8, "科研机构"), (405, y + 28, 8, "社会公益"),
            (440, y + 28, 8, "法律服务"), (475, y + 28, 8, "其他")]


def running_header_and_footer():
    top = (200, 40, 9, "青河县政府信息公开工作年度报告")       # running header, top band
    foot = (230, 750, 9, "青河县人民政府办公室")               # running footer, bottom band
    one = [top,
           (100, 110, 12, "青河县人民政府2024年政府信息公开工作年度报告"),
           (60, 150, 10, "三、收到和处理政府信息公开申请情况")]
    one += header(600)
    one += row(690, "一、本年新收政府信息公开申请数量", "20 1 0 0 0 0 21")
    one += row(712, "二、上年结转政府信息公开申请数量", "2 0 0 0 0 0 2")
    one += row(738, "（一）予以公开", "12 1 0 0 0 0 13")
    one += [foot, (285, 800, 10, "- 1 -")]
    two = [top]
    two += row(100, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "4 0 0 0 0 0 4")
    two += row(122, "1.属于国家秘密", "0 0 0 0 0 0 0")
    two += [foot, (285, 800, 10, "- 2 -")]
    return [one, two]


def table_header_on_next_page():
    one = [(100, 110, 12, "青河县人民政府2024年政府信息公开工作年度报告"),
           (60, 150, 10, "三、收到和处理政府信息公开申请情况")]
    one += header(640)
    one += row(710, "一、本年新收政府信息公开申请数量", "20 1 0 0 0 0 21")
    one += row(732, "二、上年结转政府信息公开申请数量", "2 0 0 0 0 0 2")
    one += [(285, 800, 10, "- 1 -")]
    two = header(60)                                           # printed again over the rest
    two += row(130, "（一）予以公开", "12 1 0 0 0 0 13")
    two += row(152, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "4 0 0 0 0 0 4")
    two += [(285, 800, 10, "- 2 -")]
    return [one, two]


def write_pdf(path, pages):
    chars = sorted({ch for page in pages for *_, text in page for ch in text})
    gid = {ch: i + 1 for i, ch in enumerate(chars)}
    objects = []  # bodies, numbered from 1

    def add(body):
        objects.append(body)
        return len(objects)

    def stream(data):
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    cmap = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange"]
    for start in range(0, len(chars), 100):
        chunk = chars[start:start + 100]
        cmap.append("%d beginbfchar" % len(chunk))
        cmap += ["<%04X> <%04X>" % (gid[ch], ord(ch)) for ch in chunk]
        cmap.append("endbfchar")
    cmap += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    to_unicode = add(stream("\n".join(cmap).encode("ascii")))
    descriptor = add(b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -140 1000 860] "
                     b"/ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 700 /StemV 80 >>")
    # CJK glyphs a square, ASCII ones (digits, "-", ".") half as wide.
    half_width = " ".join("%d [500]" % gid[ch] for ch in chars if ord(ch) < 128).encode("ascii")
    cid_font = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo "
                   b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R "
                   b"/DW 1000 /W [" % descriptor + half_width + b"] /CIDToGIDMap /Identity >>")
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
               b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, to_unicode))
    pages_id = len(objects) + 1 + 2 * len(pages)  # after the pages and their contents
    page_ids = []
    for page in pages:
        ops = []
        for x, y_top, size, text in page:
            glyphs = "".join("%04X" % gid[ch] for ch in text)
            ops.append("BT /F1 %d Tf 1 0 0 1 %g %g Tm <%s> Tj ET" % (size, x, PAGE_H - y_top, glyphs))
        contents = add(stream("\n".join(ops).encode("ascii")))
        page_ids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "
                            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                            % (pages_id, PAGE_W, PAGE_H, font, contents)))
    kids = " ".join("%d 0 R" % i for i in page_ids).encode("ascii")
    assert add(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages)) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, xref)
    with open(path, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    for name, pages in (("pdf_running_header_and_footer", running_header_and_footer()),
                        ("pdf_table_header_on_next_page", table_header_on_next_page())):
        folder = os.path.join(HERE, name)
        os.makedirs(folder, exist_ok=True)
        write_pdf(os.path.join(folder, "input.pdf"), pages)
