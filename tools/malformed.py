#!/usr/bin/env python3
"""Malformed-input generator: writes N broken copies of seed reports, deterministically.

From seed inputs (files, or folders searched for files) and a seed number, writes N files to
an output folder, each one seed file damaged by one mutation chosen for its format: cut
short (at a random point, or at a zip, XML or PDF structure boundary), bits flipped, bytes
deleted or inserted; .docx packages with entries shuffled, duplicated, renamed, dropped or
given wrong sizes, CRCs or methods, and their document.xml cut at a tag, nested deeply, given
one cell of megabytes, its tables duplicated or shuffled; text in the wrong or mixed
encodings (GBK declared UTF-8 by a BOM, UTF-16 without BOM, halves in two encodings), with
its newlines removed, one line of megabytes, lines shuffled or duplicated; HTML as tag soup,
nested deeply, with a charset that lies, giant cells, duplicated tables; PDF with a broken
xref table, a wrong startxref, a wrong /Length, a truncated Flate stream.

Each output is named NNNNN-<seed file>-<mutation>.<extension of the seed>, so that a
crash names what made it, and the same arguments always write the same bytes (one
random.Random per output, seeded by the seed number and the output's index). Only the
standard library is used (zipfile, zlib, random, codecs). docs/reliability.md shows
how it is run over the project's corpus (tools/malformed-run.sh).

Usage: tools/malformed.py SEED_PATH... --out DIR [-n N] [--seed S] [--giant-bytes B]
"""

import argparse
import codecs
import collections
import io
import os
import random
import re
import struct
import sys
import warnings
import zipfile
import zlib

# Seed files larger than this are left out: a mutation keeps a whole copy in memory.
MAX_SEED_BYTES = 8 << 20


# What a mutation knows besides the bytes: the seed's format and the size of a giant cell.
Context = collections.namedtuple("Context", "kind giant")


def kind_of(data):
    """The format a seed's bytes are in, told as the reader tells it: by content."""
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    head = data[:4096].lower()
    for marker in (b"<html", b"<!doctype html", b"<body", b"<table", b"<meta",
                   b"<\x00h\x00t\x00m\x00l", b"\x00<\x00h\x00t\x00m\x00l"):
        if marker in head:
            return "html"
    return "text"


# ---- byte-level mutations, for every format ----

def truncate_random(rng, data, _):
    return data[: rng.randrange(0, max(1, len(data)))]


def bit_flips(rng, data, _):
    out = bytearray(data)
    for _ in range(rng.choice((1, 2, 8, 64))):
        if out:
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def delete_bytes(rng, data, _):
    if not data:
        return data
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 4096):]


def insert_bytes(rng, data, _):
    at = rng.randrange(len(data) + 1)
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 512)))
    return data[:at] + junk + data[at:]


def duplicate_span(rng, data, _):
    if not data:
        return data
    start = rng.randrange(len(data))
    span = data[start:start + rng.randint(1, 65536)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + span * rng.randint(1, 8) + data[at:]


def structure_offsets(data, patterns):
    offsets = []
    for pattern in patterns:
        offsets += [m.start() for m in re.finditer(pattern, data)]
    return sorted(set(offsets))


def truncate_at_structure(rng, data, ctx):
    """Cut just before, inside or just after a structure marker of the format."""
    kind = ctx.kind
    patterns = {
        "zip": [rb"PK\x03\x04", rb"PK\x01\x02", rb"PK\x05\x06"],
        "pdf": [rb"\bxref\b", rb"trailer", rb"startxref", rb"%%EOF", rb"\bstream\r?\n",
                rb"endstream", rb"\d+ 0 obj"],
        "html": [rb"<table", rb"</table>", rb"<tr", rb"<td", rb"</body>", rb"<meta"],
        "text": [rb"\n", rb"\t", rb"\|"],
        "ole": [rb"\x00\x00\x00\x00"],
    }[kind]
    offsets = structure_offsets(data, patterns)
    if not offsets:
        return truncate_random(rng, data, ctx)
    at = rng.choice(offsets) + rng.choice((-1, 0, 1, 2, 4, 22))
    return data[: max(0, at)]


# ---- .docx packages ----

def zip_entries(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(info, z.read(info.filename)) for info in z.infolist()]


def write_zip(entries, method=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # "Duplicate name": wanted here
        with zipfile.ZipFile(out, "w", method) as z:
            for name, body in entries:
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = method
                z.writestr(info, body)
    return out.getvalue()


def repack(rng, data, change, method=zipfile.ZIP_DEFLATED):
    """data's entries, changed by change(rng, [(name, body)]), zipped again; bits flipped
    instead when data is no zip Python can read (a fuzz corpus's broken one)."""
    try:
        entries = [(info.filename, body) for info, body in zip_entries(data)]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            zlib.error):
        return bit_flips(rng, data, "zip")
    return write_zip(change(rng, entries), method)


def main_part(entries):
    for i, (name, _) in enumerate(entries):
        if name.endswith("document.xml"):
            return i
    return 0 if entries else None


def zip_shuffle(rng, data, _):
    def change(rng, entries):
        rng.shuffle(entries)
        return entries
    return repack(rng, data, change)


def change_one_entry(rng, data, main_share, change):
    """Repacks data after change(rng, entries, i) on one entry: document.xml main_share of
    the time, any entry otherwise."""
    def on_entries(rng, entries):
        if entries:
            i = main_part(entries) if rng.random() < main_share else rng.randrange(len(entries))
            change(rng, entries, i)
        return entries
    return repack(rng, data, on_entries)


def zip_duplicate(rng, data, _):
    def change(rng, entries, i):
        name, body = entries[i]
        other = body[: len(body) // 2] if rng.random() < 0.5 else body
        entries.insert(rng.randrange(len(entries) + 1), (name, other))
    return change_one_entry(rng, data, 0.7, change)


def zip_rename(rng, data, _):
    def change(rng, entries, i):
        name, body = entries[i]
        new = rng.choice((name.upper(), name + ".bak", "../" + name, "/" + name,
                          name.replace("/", "\\"), name.replace(".xml", ".XML"), ""))
        entries[i] = (new, body)
    return change_one_entry(rng, data, 0.7, change)


def zip_drop(rng, data, _):
    def change(rng, entries, i):
        del entries[i]
    return change_one_entry(rng, data, 0.5, change)


def zip_headers(data):
    """Offsets of the local file headers and central directory headers."""
    return ([m.start() for m in re.finditer(rb"PK\x03\x04", data)],
            [m.start() for m in re.finditer(rb"PK\x01\x02", data)])


def patch(data, offset, fmt, value):
    out = bytearray(data)
    if 0 <= offset and offset + struct.calcsize(fmt) <= len(out):
        struct.pack_into(fmt, out, offset, value)
    return bytes(out)


def zip_wrong_sizes(rng, data, _):
    """A stated size that is not the entry's: in the central directory, the local header, or
    both; smaller, larger, zero or huge."""
    local, central = zip_headers(data)
    if not local and not central:
        return bit_flips(rng, data, "zip")
    value = rng.choice((0, 1, 0xFFFFFFFF, 0x7FFFFFFF, rng.randrange(1 << 20)))
    field = rng.choice(("compressed", "uncompressed"))
    out = data
    if central and rng.random() < 0.8:
        at = rng.choice(central)
        out = patch(out, at + (20 if field == "compressed" else 24), "<I", value)
    if local and rng.random() < 0.5:
        at = rng.choice(local)
        out = patch(out, at + (18 if field == "compressed" else 22), "<I", value)
    return out


def zip_wrong_crc(rng, data, _):
    local, central = zip_headers(data)
    out = data
    crc = rng.randrange(1 << 32)
    for at in central:
        if rng.random() < 0.5:
            out = patch(out, at + 16, "<I", crc)
    for at in local:
        if rng.random() < 0.5:
            out = patch(out, at + 14, "<I", crc)
    return out if out != data else patch(data, (central or local or [0])[0] + 16, "<I", crc)


def zip_wrong_method(rng, data, _):
    local, central = zip_headers(data)
    method = rng.choice((0, 1, 9, 12, 14, 99, 0xFFFF))
    out = data
    for at in central + local:
        if rng.random() < 0.4:
            out = patch(out, at + (10 if at in central else 8), "<H", method)
    return out


def zip_stored(rng, data, _):
    """The same entries stored (method 0), one of them cut short inside the archive."""
    out = repack(rng, data, lambda rng, entries: entries, zipfile.ZIP_STORED)
    local, _ = zip_headers(out)
    if local:
        at = rng.choice(local) + 30 + rng.randrange(64)
        out = out[:at] + out[at + rng.randint(1, 2048):]
    return out


def change_main_xml(rng, data, change):
    def on_entries(rng, entries):
        i = main_part(entries)
        if i is None:
            return entries
        name, body = entries[i]
        entries[i] = (name, change(rng, body))
        return entries
    return repack(rng, data, on_entries)


def xml_truncate(rng, data, _):
    def change(rng, body):
        tags = [m.start() for m in re.finditer(rb"<", body)]
        return body[: rng.choice(tags) + rng.choice((0, 1, 3))] if tags else body[:1]
    return change_main_xml(rng, data, change)


def xml_deep_nesting(rng, data, _):
    depth = rng.choice((300, 5000, 100000))
    opener, closer = rng.choice((
        (b"<w:sdt><w:sdtContent>", b"</w:sdtContent></w:sdt>"),
        (b"<w:tbl><w:tr><w:tc>", b"</w:tc></w:tr></w:tbl>"),
        (b"<w:p><w:hyperlink>", b"</w:hyperlink></w:p>"),
        (b"<w:smartTag>", b""),   # never closed
    ))

    def change(rng, body):
        at = body.find(b"<w:body>")
        at = at + len(b"<w:body>") if at >= 0 else len(body) // 2
        return body[:at] + opener * depth + b"<w:r><w:t>x</w:t></w:r>" + closer * depth + body[at:]
    return change_main_xml(rng, data, change)


def giant_text(rng, size):
    unit = rng.choice(("1", "0 ", "政府信息公开", "\t", "&amp;", "一、"))
    return (unit * (size // len(unit.encode()) + 1)).encode()[:size]


def xml_giant_cell(rng, data, ctx):
    giant = ctx.giant
    def change(rng, body):
        cells = [m.end() for m in re.finditer(rb"<w:t(?: [^>]*)?>", body)]
        if not cells:
            return body
        at = rng.choice(cells)
        return body[:at] + giant_text(rng, giant).replace(b"<", b"") + body[at:]
    return change_main_xml(rng, data, change)


def xml_tables(body):
    return [(m.start(), m.end()) for m in re.finditer(rb"<w:tbl>.*?</w:tbl>", body, re.S)]


def shuffle_spans(rng, data, spans):
    """data with the pieces at spans (sorted, apart) in a shuffled order."""
    pieces = [data[s:e] for s, e in spans]
    rng.shuffle(pieces)
    out, last = b"", 0
    for (s, e), piece in zip(spans, pieces):
        out += data[last:s] + piece
        last = e
    return out + data[last:]


def xml_duplicate_tables(rng, data, _):
    def change(rng, body):
        tables = xml_tables(body)
        if not tables:
            return body
        start, end = rng.choice(tables)
        return body[:end] + body[start:end] * rng.randint(1, 4) + body[end:]
    return change_main_xml(rng, data, change)


def xml_shuffle_tables(rng, data, _):
    def change(rng, body):
        tables = xml_tables(body)
        if len(tables) < 2:
            return body
        return shuffle_spans(rng, body, tables)
    return change_main_xml(rng, data, change)


def xml_encoding(rng, data, _):
    def change(rng, body):
        choice = rng.randrange(4)
        if choice == 0:   # declared GBK, written UTF-8
            return re.sub(rb'encoding="[^"]*"', b'encoding="GBK"', body, count=1)
        if choice == 1:   # bytes that are no UTF-8 in the middle of text
            at = body.find(b"<w:t>")
            return body[:at + 5] + b"\xff\xfe\xc0\x80\xed\xa0\x80" + body[at + 5:] if at >= 0 else body
        if choice == 2:   # the whole part in UTF-16 but declared UTF-8
            return body.decode("utf-8", "replace").encode("utf-16-le")
        return body.replace(b"\xe5", b"\xe5\x00", 50)   # NULs inside characters
    return change_main_xml(rng, data, change)


def xml_entities(rng, data, _):
    """A DTD with nested entities (the "billion laughs") or an external one."""
    def change(rng, body):
        dtd = (b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">' +
               b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">' %
                        ((98 + i,) + (97 + i,) * 10) for i in range(9)) +
               b'<!ENTITY x SYSTEM "file:///etc/passwd">]>')
        at = body.find(b"?>")
        at = at + 2 if at >= 0 else 0
        text = body.find(b"<w:t>")
        out = body[:at] + dtd + body[at:]
        if text >= 0:
            text += len(dtd) + 5
            out = out[:text] + rng.choice((b"&j;", b"&x;")) + out[text:]
        return out
    return change_main_xml(rng, data, change)


# ---- text ----

def decoded(data):
    for codec in ("utf-8-sig", "utf-16", "gb18030", "big5"):
        try:
            return data.decode(codec)
        except UnicodeError:
            continue
    return data.decode("utf-8", "replace")


def text_gbk_declared_utf8(rng, data, _):
    return codecs.BOM_UTF8 + decoded(data).encode("gb18030", "replace")


def text_utf16_no_bom(rng, data, _):
    return decoded(data).encode(rng.choice(("utf-16-le", "utf-16-be")))


def text_mixed_halves(rng, data, _):
    text = decoded(data)
    half = len(text) // 2
    first, second = rng.sample(("utf-8", "gb18030", "utf-16-le", "big5"), 2)
    return text[:half].encode(first, "replace") + text[half:].encode(second, "replace")


def text_no_newlines(rng, data, _):
    return data.replace(b"\r", b"").replace(b"\n", rng.choice((b"", b" ", b"\t")))


def text_giant_line(rng, data, ctx):
    giant = ctx.giant
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    lines[i] = lines[i] + giant_text(rng, giant)
    return b"\n".join(lines)


def text_shuffle_lines(rng, data, _):
    lines = data.split(b"\n")
    start = rng.randrange(len(lines))
    block = lines[start:start + rng.randint(2, 200)]
    rng.shuffle(block)
    return b"\n".join(lines[:start] + block + lines[start + len(block):])


def text_duplicate_tables(rng, data, _):
    """The block from a table heading (表二, 表三, 表四) repeated, or every line twice."""
    lines = data.split(b"\n")
    heads = [i for i, line in enumerate(lines)
             if any(t in line for t in ("表二".encode(), "表三".encode(), "表四".encode()))]
    if not heads or rng.random() < 0.3:
        return b"\n".join(line for line in lines for _ in range(2))
    start = rng.choice(heads)
    block = lines[start:start + rng.randint(10, 80)]
    return b"\n".join(lines[:start] + block * rng.randint(2, 5) + lines[start:])


def text_control_bytes(rng, data, _):
    out = bytearray(data)
    for _ in range(rng.randint(1, 200)):
        if out:
            out[rng.randrange(len(out))] = rng.choice((0, 7, 8, 11, 12, 27, 127, 0xFF))
    return bytes(out)


# ---- HTML ----

def html_tag_soup(rng, data, _):
    out = data
    closers = [m.start() for m in re.finditer(rb"</", out)]
    for at in sorted(rng.sample(closers, min(len(closers), rng.randint(1, 400))), reverse=True):
        out = out[:at] + rng.choice((b"<", b"", b"<td", b"<table><tr>", b"</tr></table></td>")) + out[at + 2:]
    soup = [b"<td colspan=99999>", b"<tr rowspan=-1>", b"<table>", b"</table>", b"<p",
            b"<!--", b"<![CDATA[", b"<script>", b"<td rowspan=65535 colspan=65535>"]
    for _ in range(rng.randint(1, 50)):
        at = rng.randrange(len(out) + 1)
        out = out[:at] + rng.choice(soup) + out[at:]
    return out


def html_deep_nesting(rng, data, _):
    depth = rng.choice((300, 5000, 100000))
    opener, closer = rng.choice(((b"<div>", b"</div>"), (b"<table><tr><td>", b"</td></tr></table>"),
                                 (b"<b><i>", b""), (b"<span>", b"</span>")))
    at = data.lower().find(b"<body")
    at = data.find(b">", at) + 1 if at >= 0 else len(data) // 2
    return data[:at] + opener * depth + b"x" + closer * depth + data[at:]


def html_charset_lie(rng, data, _):
    declared = rng.choice((b"gbk", b"utf-8", b"big5", b"utf-16", b"x-no-such-charset", b"iso-2022-cn"))
    out = re.sub(rb'charset=["\']?[A-Za-z0-9_-]+', b"charset=" + declared, data, count=2, flags=re.I)
    if out == data:
        out = b'<meta charset="' + declared + b'">' + data
    text = decoded(out)
    return text.encode(rng.choice(("utf-8", "gb18030", "big5")), "replace")


def html_giant_cell(rng, data, ctx):
    giant = ctx.giant
    cells = [m.end() for m in re.finditer(rb"<td[^>]*>", data, re.I)]
    at = rng.choice(cells) if cells else len(data) // 2
    return data[:at] + giant_text(rng, giant).replace(b"<", b"").replace(b"&", b"") + data[at:]


def html_duplicate_tables(rng, data, _):
    tables = [(m.start(), m.end()) for m in re.finditer(rb"<table.*?</table>", data, re.S | re.I)]
    if not tables:
        return duplicate_span(rng, data, "html")
    start, end = rng.choice(tables)
    return data[:end] + data[start:end] * rng.randint(2, 6) + data[end:]


def html_shuffle_rows(rng, data, _):
    rows = [(m.start(), m.end()) for m in re.finditer(rb"<tr.*?</tr>", data, re.S | re.I)]
    if len(rows) < 2:
        return html_tag_soup(rng, data, "html")
    return shuffle_spans(rng, data, rows)


# ---- PDF ----

def pdf_broken_xref(rng, data, _):
    """Offsets in the xref table changed, its count or its entries cut."""
    m = re.search(rb"xref\r?\n(\d+) (\d+)\r?\n", data)
    if not m:
        return bit_flips(rng, data, "pdf")
    entries = [e.start() for e in re.finditer(rb"\d{10} \d{5} [nf]", data[m.end():])]
    choice = rng.randrange(3)
    if choice == 0 and entries:   # offsets pointing elsewhere
        out = bytearray(data)
        for e in rng.sample(entries, min(len(entries), rng.randint(1, 5))):
            at = m.end() + e
            out[at:at + 10] = b"%010d" % rng.randrange(0, len(data) * 2)
        return bytes(out)
    if choice == 1:   # a count that is not the entries'
        count = b"%d" % rng.choice((0, 1, 999999999, int(m.group(2)) + 50))
        return data[:m.start(2)] + count + data[m.end(2):]
    return data[:m.end()] + data[m.end() + rng.randrange(1, 200):]   # entries cut


def pdf_wrong_startxref(rng, data, _):
    m = re.search(rb"startxref\r?\n(\d+)", data)
    if not m:
        return truncate_at_structure(rng, data, Context("pdf", 0))
    value = b"%d" % rng.choice((0, 1, len(data), len(data) * 100, int(m.group(1)) - 7))
    return data[:m.start(1)] + value + data[m.end(1):]


def pdf_wrong_length(rng, data, _):
    lengths = list(re.finditer(rb"/Length (\d+)", data))
    if not lengths:
        return bit_flips(rng, data, "pdf")
    m = rng.choice(lengths)
    n = int(m.group(1))
    value = b"%d" % rng.choice((0, n // 2, n + 100, 2 ** 31, 2 ** 62))
    return data[:m.start(1)] + value + data[m.end(1):]


def pdf_truncated_flate(rng, data, _):
    """A stream's compressed bytes cut short (its /Length left as it was), or garbled."""
    streams = list(re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S))
    if not streams:
        return bit_flips(rng, data, "pdf")
    m = rng.choice(streams)
    body = m.group(1)
    if rng.random() < 0.6:
        new = body[: rng.randrange(len(body) + 1)] + b"\n"
    else:
        new = bytearray(body)
        for _ in range(rng.randint(1, 16)):
            if new:
                new[rng.randrange(len(new))] ^= 0xFF
        new = bytes(new)
    return data[:m.start(1)] + new + data[m.end(1):]


def pdf_nested_objects(rng, data, _):
    """An array or dictionary nested deeply in the first object."""
    m = re.search(rb"\d+ 0 obj\s*", data)
    if not m:
        return bit_flips(rng, data, "pdf")
    depth = rng.choice((100, 10000))
    opener, closer = rng.choice(((b"[", b"]"), (b"<</A ", b">>")))
    return data[:m.end()] + opener * depth + closer * depth + b"\n" + data[m.end():]


GENERIC = [truncate_random, truncate_at_structure, bit_flips, delete_bytes, insert_bytes,
           duplicate_span]
BY_KIND = {
    "zip": [zip_shuffle, zip_duplicate, zip_rename, zip_drop, zip_wrong_sizes, zip_wrong_crc,
            zip_wrong_method, zip_stored, xml_truncate, xml_deep_nesting, xml_giant_cell,
            xml_duplicate_tables, xml_shuffle_tables, xml_encoding, xml_entities],
    "text": [text_gbk_declared_utf8, text_utf16_no_bom, text_mixed_halves, text_no_newlines,
             text_giant_line, text_shuffle_lines, text_duplicate_tables, text_control_bytes],
    "html": [html_tag_soup, html_deep_nesting, html_charset_lie, html_giant_cell,
             html_duplicate_tables, html_shuffle_rows, text_mixed_halves, text_no_newlines],
    "pdf": [pdf_broken_xref, pdf_wrong_startxref, pdf_wrong_length, pdf_truncated_flate,
            pdf_nested_objects],
    "ole": [],
}


# The extension of an output whose seed file has none (a fuzz corpus's files).
EXTENSIONS = {"zip": ".docx", "pdf": ".pdf", "ole": ".doc", "html": ".html", "text": ".txt"}


def mutation_name(fn):
    return fn.__name__.replace("_", "-")


# In a seed folder, what is no input: expected outputs, notes and the scripts that made them.
SKIPPED_SUFFIXES = (".json", ".md", ".py", ".sh")

# How often each format is drawn, against 4 for .docx, text, HTML and PDF each: a legacy
# Word file only goes through the byte-level mutations (and a converter's process).
KIND_WEIGHTS = {"zip": 4, "text": 4, "html": 4, "pdf": 4, "ole": 1}


def seed_files(paths):
    files = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs.sort()
                files += [os.path.join(root, n) for n in sorted(names)
                          if not n.endswith(SKIPPED_SUFFIXES)]
        elif os.path.isfile(path):
            files.append(path)
        else:
            sys.exit("malformed.py: %s: no such file or folder" % path)
    return sorted(f for f in files if 0 < os.path.getsize(f) <= MAX_SEED_BYTES)


def seed_label(path, roots):
    """A short, file-name-safe name for a seed file: its path under its seed folder."""
    for root in roots:
        if os.path.isdir(root) and os.path.abspath(path).startswith(os.path.abspath(root) + os.sep):
            path = os.path.relpath(path, root)
            break
    stem = os.path.splitext(path)[0]
    stem = re.sub(r"(^|/)input$", "", stem) or "input"
    return re.sub(r"[^A-Za-z0-9_.]+", "_", stem).strip("_")[:60]


def main(argv):
    parser = argparse.ArgumentParser(
        prog="malformed.py",
        description="Write N malformed files made from seed inputs, deterministically: the "
                    "same arguments write the same files.",
        epilog="Example: tools/malformed.py corpus tests/fuzz/corpus --out /tmp/m -n 3000 "
               "--seed 1, then tools/malformed-run.sh runs them through extract and batch "
               "(docs/reliability.md).")
    parser.add_argument("seeds", nargs="+", metavar="SEED_PATH",
                        help="seed files, or folders searched for files (.json, .md, .py and .sh "
                             "left out)")
    parser.add_argument("--out", required=True, metavar="DIR", help="where to write (created)")
    parser.add_argument("-n", type=int, default=1000, help="how many files (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="the seed number (default 1)")
    parser.add_argument("--giant-bytes", type=int, default=4 << 20, metavar="B",
                        help="size of a giant cell or line (default 4 MiB)")
    args = parser.parse_args(argv)
    files = seed_files(args.seeds)
    if not files:
        sys.exit("malformed.py: no seed files under " + " ".join(args.seeds))
    os.makedirs(args.out, exist_ok=True)
    seeds = []
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        seeds.append((path, data, kind_of(data)))
    # Each format as often as KIND_WEIGHTS says, however many seeds it has (a fuzz corpus is
    # mostly text): a format first, then one of its seeds, then one of its mutations.
    by_kind = {}
    for seed in seeds:
        by_kind.setdefault(seed[2], []).append(seed)
    kinds = sorted(by_kind)
    width = max(5, len(str(args.n - 1)))
    for i in range(args.n):
        rng = random.Random(args.seed * 1_000_003 + i)
        kind = rng.choices(kinds, [KIND_WEIGHTS[k] for k in kinds])[0]
        path, data, _ = by_kind[kind][rng.randrange(len(by_kind[kind]))]
        choices = GENERIC + BY_KIND[kind]
        mutate = choices[rng.randrange(len(choices))]
        out = mutate(rng, data, Context(kind, args.giant_bytes))
        ext = os.path.splitext(path)[1] or EXTENSIONS[kind]
        name = "%0*d-%s-%s%s" % (width, i, seed_label(path, args.seeds), mutation_name(mutate), ext)
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
