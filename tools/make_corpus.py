#!/usr/bin/env python3
"""Golden corpus generator: writes every case under corpus/ from one truth per case.

Each case is a Python dict of values (agency, year, section texts, every table cell as the
string to print). The input file (.docx written by hand as WordprocessingML, or text in one
of the shapes real reports arrive in) and truth.json are both written from that truth,
never from running xxgknb. Deterministic: seeded RNG per case, fixed zip timestamps.
expected.json (the tool's whole output, a regression lock) is not written here: the golden
test writes it when run with XXGKNB_UPDATE_GOLDEN=1.

Usage: python3 tools/make_corpus.py [--out corpus] [--no-office]
Standard library only. The one optional external program is LibreOffice (`soffice`), used
for the "saved by an office suite" case; without it that case is left as committed.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from decimal import Decimal
from xml.sax.saxutils import escape

# ---------------------------------------------------------------------------------------
# Template definitions (templates.md §2.2–2.4, §3.2–3.4)
# ---------------------------------------------------------------------------------------

T3_COLUMNS = ["natural_person", "commercial", "research", "public_welfare",
              "legal_service", "other_org", "total"]
T3_BASE_COLUMNS = T3_COLUMNS[:6]
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_RESULTS = "三、本年度办理结果"

# (row key, L1 label when the row is outside 三, L2 group label, L3 label)
_DENIED = [("state_secret", "1.属于国家秘密"), ("law_prohibited", "2.其他法律行政法规禁止公开"),
           ("security_stability", "3.危及“三安全一稳定”"), ("third_party", "4.保护第三方合法权益"),
           ("internal_affairs", "5.属于三类内部事务信息"), ("process_info", "6.属于四类过程性信息"),
           ("enforcement_file", "7.属于行政执法案卷"), ("admin_query", "8.属于行政查询事项")]
_UNABLE = [("not_held", "1.本机关不掌握相关政府信息"), ("needs_creation", "2.没有现成信息需要另行制作"),
           ("unclear", "3.补正后申请内容仍不明确")]
_NOT_PROCESSED = [("petition", "1.信访举报投诉类申请"), ("repeated", "2.重复申请"),
                  ("publication", "3.要求提供公开出版物"), ("excessive", "4.无正当理由大量反复申请"),
                  ("confirm_reissue", "5.要求行政机关确认或重新出具已获取信息")]
_OTHER_V21 = [("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
              ("fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
              ("other", "3.其他")]


def t3_rows(version):
    """Data rows of table 三 as (key, top label, group label, item label)."""
    rows = [("new_received", "一、本年新收政府信息公开申请数量", None, None),
            ("carried_over", "二、上年结转政府信息公开申请数量", None, None),
            ("results.granted", None, "（一）予以公开", None),
            ("results.partial", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None)]
    for group, label, items in (("denied", "（三）不予公开", _DENIED),
                                ("unable", "（四）无法提供", _UNABLE),
                                ("not_processed", "（五）不予处理", _NOT_PROCESSED)):
        rows += [(f"results.{group}.{k}", None, label, item) for k, item in items]
    if version == "v2021":
        rows += [(f"results.other.{k}", None, "（六）其他处理", item) for k, item in _OTHER_V21]
    else:
        rows.append(("results.other.total", None, "（六）其他处理", None))
    rows.append(("results.total", None, "（七）总计", None))
    rows.append(("carried_forward", "四、结转下年度继续办理", None, None))
    return rows


T4_GROUPS = ["review", "litigation.direct", "litigation.after_review"]
T4_ITEMS = ["upheld", "corrected", "other", "pending", "total"]
T4_ITEM_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

# Table 二, 2021: (caption, header labels, [(row label, [keys])]); value cells span 3 when one.
T2_V21 = [
    ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     [("规章", ["t2.regulations.issued", "t2.regulations.repealed", "t2.regulations.in_force"]),
      ("行政规范性文件", ["t2.normative_docs.issued", "t2.normative_docs.repealed",
                          "t2.normative_docs.in_force"])]),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("行政许可", ["t2.licensing.decisions"])]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"],
     [("行政处罚", ["t2.penalty.decisions"]), ("行政强制", ["t2.coercion.decisions"])]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"],
     [("行政事业性收费", ["t2.admin_fees.amount_wan_yuan"])]),
]

# Table 二, 2019 (试行): 7 grid columns; header and data spans deliberately disagree (§3.2).
T2_V19 = [
    ("第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], [2, 2, 2],
     [("规章", "regulations", ["new_made", "new_published", "total_published"]),
      ("规范性文件", "normative_docs", ["new_made", "new_published", "total_published"])]),
    ("第二十条第（五）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], [1, 3, 2],
     [("行政许可", "licensing", ["prev_items", "change", "decisions"]),
      ("其他对外管理服务事项", "other_services", ["prev_items", "change", "decisions"])]),
    ("第二十条第（六）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], [1, 3, 2],
     [("行政处罚", "penalty", ["prev_items", "change", "decisions"]),
      ("行政强制", "coercion", ["prev_items", "change", "decisions"])]),
    ("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"], [3, 3],
     [("行政事业性收费", "admin_fees", ["prev_items", "change"])]),
    ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"], [3, 3],
     [("政府集中采购", "procurement", ["projects", "total_amount"])]),
]


def t2_keys(version):
    if version == "v2021":
        return [k for _, _, rows in T2_V21 for _, keys in rows for k in keys]
    return [f"t2v19.{name}.{item}" for _, _, _, rows in T2_V19 for _, name, items in rows
            for item in items]


def t3_keys(version):
    return [f"t3.{row[0]}.{c}" for row in t3_rows(version) for c in T3_COLUMNS]


def t4_keys():
    return [f"t4.{g}.{i}" for g in T4_GROUPS for i in T4_ITEMS]


def all_keys(version):
    return t2_keys(version) + t3_keys(version) + t4_keys()


SECTIONS = [("s1_overview", "一", "总体情况"), ("s2_proactive", "二", "主动公开政府信息情况"),
            ("s3_requests", "三", "收到和处理政府信息公开申请情况"),
            ("s4_review_litigation", "四", "政府信息公开行政复议、行政诉讼情况"),
            ("s5_problems", "五", "存在的主要问题及改进情况"), ("s6_other", "六", "其他需要报告的事项")]
S5_V19 = "政府信息公开工作存在的主要问题及改进情况"

# ---------------------------------------------------------------------------------------
# Truth: plausible values that satisfy E1–E4
# ---------------------------------------------------------------------------------------

AGENCIES = ["青石县农业农村局", "临川市东湖区市场监督管理局", "云溪县白沙镇人民政府", "南陵县自然资源局",
            "安平县交通运输局", "柳江区城市管理局", "石塘县水利局", "北川市生态环境局",
            "清河县人力资源和社会保障局", "梅林镇人民政府", "桐乡县卫生健康委员会", "江口县教育局"]


def small(rng, hi, zero_bias=0.5):
    return 0 if rng.random() < zero_bias else rng.randint(1, hi)


def make_t3(rng, version):
    v = {}
    rows = [r[0] for r in t3_rows(version)]
    result_rows = [r for r in rows if r.startswith("results.") and r != "results.total"]
    for ci, col in enumerate(T3_BASE_COLUMNS):
        scale = 40 if ci == 0 else 2
        bias = 0.3 if ci == 0 else 0.92
        total = 0
        for r in result_rows:
            hi = scale if r in ("results.granted", "results.partial") else max(1, scale // 4)
            x = small(rng, hi, bias if r != "results.granted" else bias / 2)
            v[(r, col)] = x
            total += x
        v[("results.total", col)] = total
        fwd = small(rng, 3, 0.6)
        over = rng.randint(0, min(3, total + fwd))
        v[("carried_forward", col)] = fwd
        v[("carried_over", col)] = over
        v[("new_received", col)] = total + fwd - over
    for r in rows:
        v[(r, "total")] = sum(v[(r, c)] for c in T3_BASE_COLUMNS)
    return {f"t3.{r}.{c}": str(x) for (r, c), x in v.items()}


def make_t4(rng):
    out = {}
    for g in T4_GROUPS:
        parts = [small(rng, 3, 0.6) for _ in range(4)]
        for item, x in zip(T4_ITEMS, parts + [sum(parts)]):
            out[f"t4.{g}.{item}"] = str(x)
    return out


def make_t2(rng, version):
    out = {}
    if version == "v2021":
        for kind in ("regulations", "normative_docs"):
            out[f"t2.{kind}.issued"] = str(small(rng, 6, 0.3))
            out[f"t2.{kind}.repealed"] = str(small(rng, 3, 0.6))
            out[f"t2.{kind}.in_force"] = str(rng.randint(0, 45))
        out["t2.licensing.decisions"] = str(rng.randint(0, 900))
        out["t2.penalty.decisions"] = str(rng.randint(0, 260))
        out["t2.coercion.decisions"] = str(small(rng, 30, 0.4))
        out["t2.admin_fees.amount_wan_yuan"] = rng.choice(["0", "0", "1.2", "0.35"])
        return out
    for _, _, _, rows in T2_V19:
        for _, name, items in rows:
            for item in items:
                key = f"t2v19.{name}.{item}"
                if item == "total_amount":
                    out[key] = rng.choice(["0", "11.876", "35.6"])
                elif item == "change":
                    out[key] = str(small(rng, 9, 0.6))
                else:
                    out[key] = str(small(rng, 300, 0.3))
    return out


BODY_S1 = [
    "{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
    "扎实推进政府信息公开工作。",
    "（一）主动公开情况。围绕中心工作，及时公开机构职能、政策文件、财政预决算等信息。",
    "（二）依申请公开情况。依法规范办理政府信息公开申请，畅通受理渠道，按时答复申请人。",
    "（三）政府信息管理情况。严格落实信息发布审核制度，确保公开内容准确、规范。",
    "（四）平台建设情况。持续优化政府门户网站信息公开专栏，及时更新栏目内容。",
    "（五）监督保障情况。明确分管领导和具体工作人员，将政务公开纳入年度工作考核。",
]
BODY_S5 = ["本年度政府信息公开工作取得了一定成效，但仍存在公开内容不够丰富、解读形式较为单一等问题。",
           "下一步，我们将加强业务培训，进一步提升信息公开的规范化水平。"]
BODY_S6 = ["本年度未收取信息处理费。", "无其他需要报告的事项。"]


def make_truth(name, version, year=None, agency=None, title_form=0):
    """The single source of truth of one case; cases then edit cells and options."""
    rng = random.Random(zlib.crc32(name.encode()))
    if year is None:
        year = rng.randint(2021, 2024) if version == "v2021" else rng.choice([2019, 2020])
    agency = agency or rng.choice(AGENCIES)
    title = (f"{agency}{year}年政府信息公开工作年度报告" if title_form == 0
             else f"{agency}{year}年度政府信息公开工作年度报告")
    cells = {}
    cells.update(make_t2(rng, version))
    cells.update(make_t3(rng, version))
    cells.update(make_t4(rng))
    sections = []
    for key, number, heading in SECTIONS:
        if key == "s5_problems" and version == "v2019":
            heading = S5_V19
        if key == "s1_overview":
            body = [p.format(year=year, agency=agency) for p in BODY_S1]
        elif key == "s2_proactive":
            body = []
        elif key == "s3_requests":
            body = []
        elif key == "s4_review_litigation":
            body = []
        elif key == "s5_problems":
            body = list(BODY_S5)
        else:
            body = [BODY_S6[0]]
        sections.append({"key": key, "number": number, "heading": heading, "body": body})
    return {"name": name, "version": version, "year": year, "agency": agency, "title": title,
            "sections": sections, "cells": cells, "opts": {}}


# ---------------------------------------------------------------------------------------
# truth.json from the truth
# ---------------------------------------------------------------------------------------

_NUMBER = re.compile(r"([+-]?)(\d+(?:\.\d+)?)\s*(万元|元)?")
DASHES = {"-", "—", "－", "/", "–"}


def read_cell(printed):
    """(value as Decimal or None, kind, flags) of a cell as printed — output.md "kind"."""
    t = printed.strip(" \t\r\n\u3000\u00a0")
    if t == "":
        return None, "blank", []
    if t in DASHES:
        return None, "dash", []
    if t in ("无", "無"):
        return Decimal(0), "text_zero", []
    m = _NUMBER.fullmatch(t)
    if m:
        value = Decimal(m.group(2))
        if m.group(1) == "-":
            value = -value
        return value, "number", (["unit_stripped"] if m.group(3) else [])
    return None, "text", []


def json_number(d):
    if d is None:
        return None
    if d == d.to_integral_value() and "." not in str(d):
        return int(d)
    return float(str(d))


def check_status(values, lhs_keys, rhs_keys):
    if any(values[k] is None for k in lhs_keys + rhs_keys):
        return "not_assessable"
    return "pass" if sum(values[k] for k in lhs_keys) == sum(values[k] for k in rhs_keys) else "fail"


def truth_checks(truth, values, kinds):
    version = truth["version"]
    rows = [r[0] for r in t3_rows(version)]
    checks = {}
    for col in T3_COLUMNS:
        k = lambda r: f"t3.{r}.{col}"  # noqa: E731
        checks[f"E1:{col}"] = check_status(values, [k("new_received"), k("carried_over")],
                                           [k("results.total"), k("carried_forward")])
        parts = [k(r) for r in rows if r.startswith("results.") and r != "results.total"]
        checks[f"E2:{col}"] = check_status(values, [k("results.total")], parts)
    for r in rows:
        checks[f"E3:{r}"] = check_status(values, [f"t3.{r}.total"],
                                         [f"t3.{r}.{c}" for c in T3_BASE_COLUMNS])
    for g in T4_GROUPS:
        checks[f"E4:{g}"] = check_status(values, [f"t4.{g}.total"],
                                         [f"t4.{g}.{i}" for i in T4_ITEMS[:4]])
    # E5 only where every cell of the table is a printed number (blank cells leave it open).
    t2_name = "t2" if version == "v2021" else "t2v19"
    for table, keys in ((t2_name, t2_keys(version)), ("t3", t3_keys(version)), ("t4", t4_keys())):
        if all(kinds[key] == "number" for key in keys):
            checks[f"E5:{table}"] = "pass"
    checks["E6:"] = "pass"
    present = {s["key"] for s in truth["sections"]}
    for key, _, _ in SECTIONS:
        checks[f"E7:{key}"] = "pass" if key in present else "fail"
    for table in (["t2"] if version == "v2021" else []) + ["t3", "t4"]:
        checks[f"E7:{table}"] = "pass"
    return checks


def printed_title(truth):
    """The title as the input prints it: a traditional-character copy prints it converted."""
    text_fn = truth["opts"].get("text_fn")
    return text_fn(truth["title"]) if text_fn else truth["title"]


def truth_json(truth):
    if truth.get("error"):
        return {"meta": {}, "sections": [], "fields": {}, "checks": {},
                "error": {"code": truth["error"]}}
    version = truth["version"]
    fields, values, kinds = {}, {}, {}
    for key in all_keys(version):
        value, kind, flags = read_cell(truth["cells"][key])
        values[key], kinds[key] = value, kind
        entry = {"value": json_number(value), "kind": kind}
        if flags:
            entry["flags"] = flags
        fields[key] = entry
    present = [s["key"] for s in truth["sections"]]
    out = {"meta": {"template": version, "year": truth["year"], "agency": truth["agency"],
                    "title": printed_title(truth)},
           "sections": present}
    absent = [key for key, _, _ in SECTIONS if key not in present]
    if absent:
        out["sections_absent"] = absent
    out["fields"] = fields
    out["checks"] = truth_checks(truth, values, kinds)
    out["error"] = None
    return out


# ---------------------------------------------------------------------------------------
# Table model: rows of physical cells with the official geometry
# ---------------------------------------------------------------------------------------

class C:
    """One physical cell: text, grid span, vertical merge ("restart"/"continue"), value key."""

    def __init__(self, text="", span=1, vm=None, key=None):
        self.text, self.span, self.vm, self.key = text, span, vm, key


GRID_T2_V21 = [2435] * 4
GRID_T2_V19 = [2000] + [1290] * 6
GRID_T3 = [754, 921, 3271] + [685] * 7
GRID_T4 = [649] * 7 + [650] * 8


def value_cell(truth, key, span=1):
    return C(truth["cells"][key], span, None, key)


def table_t2(truth):
    rows = []
    if truth["version"] == "v2021":
        for caption, header, data in T2_V21:
            rows.append([C(caption, 4)])
            if len(header) == 4:
                rows.append([C(h) for h in header])
            else:
                rows.append([C(header[0]), C(header[1], 3)])
            for label, keys in data:
                span = 1 if len(keys) == 3 else 3
                rows.append([C(label)] + [value_cell(truth, k, span) for k in keys])
        return rows, GRID_T2_V21
    for caption, header, header_spans, data in T2_V19:
        rows.append([C(caption, 7)])
        rows.append([C(header[0])] + [C(h, s) for h, s in zip(header[1:], header_spans)])
        for label, name, items in data:
            span = 2 if len(items) == 3 else 3
            rows.append([C(label)] + [value_cell(truth, f"t2v19.{name}.{i}", span) for i in items])
    return rows, GRID_T2_V19


def t3_header():
    return [[C(T3_NOTE, 3, "restart"), C("申请人情况", 7)],
            [C("", 3, "continue"), C("自然人", 1, "restart"), C("法人或其他组织", 5),
             C("总计", 1, "restart")],
            [C("", 3, "continue"), C("", 1, "continue"), C("商业企业"), C("科研机构"),
             C("社会公益组织"), C("法律服务机构"), C("其他"), C("", 1, "continue")]]


def table_t3(truth):
    rows = t3_header()
    in_results, group = False, None
    for key, top, grp, item in t3_rows(truth["version"]):
        vals = [value_cell(truth, f"t3.{key}.{c}") for c in T3_COLUMNS]
        if top:
            rows.append([C(top, 3)] + vals)
            continue
        first = [C(T3_RESULTS, 1, "restart")] if not in_results else [C("", 1, "continue")]
        in_results = True
        if item is None:
            rows.append(first + [C(grp, 2)] + vals)
            group = None
        elif grp != group:
            rows.append(first + [C(grp, 1, "restart"), C(item)] + vals)
            group = grp
        else:
            rows.append(first + [C("", 1, "continue"), C(item)] + vals)
    return rows, GRID_T3


def table_t4(truth):
    rows = [[C("行政复议", 5), C("行政诉讼", 10)],
            [C(lbl, 1, "restart") for lbl in T4_ITEM_LABELS] + [C("未经复议直接起诉", 5), C("复议后起诉", 5)],
            [C("", 1, "continue") for _ in range(5)] + [C(lbl) for lbl in T4_ITEM_LABELS * 2],
            [value_cell(truth, f"t4.{g}.{i}") for g in T4_GROUPS for i in T4_ITEMS]]
    return rows, GRID_T4


T3_SPLIT_KEY = "results.unable.not_held"
T3_HEADER_ROWS = 3


def split_t3(rows):
    """Table 三 cut before （四）无法提供, the second part with its header repeated."""
    cut = next(i for i, r in enumerate(rows) if any(c.key == f"t3.{T3_SPLIT_KEY}.total" for c in r))
    first = rows[:cut]
    second = [list(r) for r in rows[:T3_HEADER_ROWS]] + [list(r) for r in rows[cut:]]
    # The merged 三、本年度办理结果 column restarts (empty) at the top of the new table.
    second[T3_HEADER_ROWS][0] = C("", 1, "restart")
    return first, second


def relabel(rows, fn):
    for r in rows:
        for c in r:
            if c.key is None and c.text:
                c.text = fn(c.text)
    return rows


# ---------------------------------------------------------------------------------------
# .docx writer (WordprocessingML by hand)
# ---------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ZIP_TIME = (2021, 1, 1, 0, 0, 0)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
{numbering}</Types>"""
NUMBERING_TYPE = ('<Override PartName="/word/numbering.xml" ContentType="application/'
                  'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>')
PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
</Relationships>"""
DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
{numbering}</Relationships>"""
NUMBERING_REL = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
                 '2006/relationships/numbering" Target="numbering.xml"/>')
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"/>\
<w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults>\
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>\
<w:pPr><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr></w:style>\
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>\
<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>\
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>\
<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
</w:tblBorders></w:tblPr></w:style>\
</w:styles>"""
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">\
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>\
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>\
<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>\
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>\
</w:numbering>"""
SECT_PR = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" '
           'w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')


def run(text, rpr=""):
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def split_runs(text, rng):
    """"自然人" → three runs, as Word leaves after edits (rsid changes)."""
    out, i = [], 0
    while i < len(text):
        n = rng.randint(1, 3)
        out.append(run(text[i:i + n]))
        i += n
    return "".join(out)


def paragraph(inner, ppr=""):
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{inner}</w:p>"


class DocxWriter:
    def __init__(self, truth):
        self.truth, self.opts = truth, truth["opts"]
        self.rng = random.Random(zlib.crc32(("docx" + truth["name"]).encode()))
        self.next_id = 1

    def runs(self, text):
        if self.opts.get("split_runs") and len(text) > 1:
            return split_runs(text, self.rng)
        return run(text)

    def value_runs(self, c):
        """The runs of a value cell, with the case's tracked change or field if any."""
        text = c.text
        if c.key in self.opts.get("tracked", {}):
            old = self.opts["tracked"][c.key]
            i, j = self.next_id, self.next_id + 1
            self.next_id += 2
            stamp = 'w:author="审核人" w:date="2022-01-10T09:30:00Z"'
            return (f'<w:del w:id="{i}" {stamp}><w:r><w:delText>{escape(old)}</w:delText></w:r></w:del>'
                    f'<w:ins w:id="{j}" {stamp}>{run(text)}</w:ins>')
        if self.opts.get("field_totals") and c.key and c.key.endswith(".total") and c.key.startswith("t3."):
            return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                    '<w:r><w:instrText xml:space="preserve"> =SUM(LEFT) </w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                    f'{run(text)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')
        return run(text) if text else ""

    def cell(self, c, grid, gi):
        width = sum(grid[gi:gi + c.span])
        tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if c.span > 1:
            tcpr += f'<w:gridSpan w:val="{c.span}"/>'
        if c.vm == "restart":
            tcpr += '<w:vMerge w:val="restart"/>'
        elif c.vm == "continue":
            tcpr += "<w:vMerge/>"
        tcpr += '<w:vAlign w:val="center"/>'
        ppr = '<w:jc w:val="center"/>'
        if c.key is not None:
            paras = paragraph(self.value_runs(c), ppr)
        else:
            paras = "".join(paragraph(self.runs(line) if line else "", ppr)
                            for line in (c.text.split("\n") if c.text else [""]))
        xml = f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{paras}</w:tc>"
        if c.key is not None and c.key in self.opts.get("sdt", ()):
            sid = self.next_id
            self.next_id += 1
            xml = (f'<w:sdt><w:sdtPr><w:alias w:val="数值"/><w:tag w:val="{escape(c.key)}"/>'
                   f'<w:id w:val="{sid}"/></w:sdtPr><w:sdtContent>{xml}</w:sdtContent></w:sdt>')
        return xml

    def table(self, rows, grid, header_rows=0):
        out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
               f'<w:tblW w:w="{sum(grid)}" w:type="dxa"/><w:jc w:val="center"/>'
               '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>']
        out += [f'<w:gridCol w:w="{w}"/>' for w in grid]
        out.append("</w:tblGrid>")
        for ri, r in enumerate(rows):
            trpr = "<w:trPr><w:tblHeader/></w:trPr>" if ri < header_rows else ""
            out.append(f"<w:tr>{trpr}")
            gi = 0
            for c in r:
                out.append(self.cell(c, grid, gi))
                gi += c.span
            assert gi == len(grid), (self.truth["name"], ri, gi, len(grid))
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)

    def heading(self, s):
        if self.opts.get("numbered"):
            ppr = '<w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
            return paragraph(self.runs(s["heading"]), ppr)
        return paragraph(self.runs(f"{s['number']}、{s['heading']}"),
                         '<w:pStyle w:val="Heading1"/>')

    def body(self):
        t = self.truth
        parts = [paragraph(self.runs(t["title"]), '<w:pStyle w:val="Title"/>')]
        tables = {"s2_proactive": table_t2, "s3_requests": table_t3, "s4_review_litigation": table_t4}
        for s in t["sections"]:
            parts.append(self.heading(s))
            for p in s["body"]:
                parts.append(paragraph(self.runs(p), '<w:ind w:firstLine="640"/>'))
            if s["key"] in tables:
                rows, grid = tables[s["key"]](t)
                relabel(rows, self.opts.get("label_fn", lambda x: x))
                if s["key"] == "s3_requests" and self.opts.get("split_t3"):
                    first, second = split_t3(rows)
                    parts.append(self.table(first, grid, T3_HEADER_ROWS))
                    parts.append(paragraph('<w:r><w:br w:type="page"/></w:r>'))
                    parts.append(self.table(second, grid, T3_HEADER_ROWS))
                else:
                    parts.append(self.table(rows, grid))
                parts.append(paragraph(""))
        parts.append(SECT_PR)
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(parts)}</w:body></w:document>')

    def write(self, path):
        numbered = bool(self.opts.get("numbered"))
        entries = [("[Content_Types].xml", CONTENT_TYPES.format(numbering=NUMBERING_TYPE if numbered else "")),
                   ("_rels/.rels", PACKAGE_RELS),
                   ("word/_rels/document.xml.rels", DOCUMENT_RELS.format(numbering=NUMBERING_REL if numbered else "")),
                   ("word/document.xml", self.body()),
                   ("word/styles.xml", STYLES)]
        if numbered:
            entries.append(("word/numbering.xml", NUMBERING))
        write_zip(path, [(n, d.encode("utf-8")) for n, d in entries])


def write_zip(path, entries):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=6)


# ---------------------------------------------------------------------------------------
# Text shapes
# ---------------------------------------------------------------------------------------

def flat(text):
    return text.replace("\n", "")


def visible(row):
    """The cells of a row that a web page or a text export shows (no merge continuations)."""
    return [c for c in row if c.vm != "continue"]


def shape_tika(rows):
    """Apache Tika's .docx text: one cell per line after a tab, a blank line after a row."""
    out = []
    for r in rows:
        for c in r:
            lines = c.text.split("\n") if c.text else [""]
            out.append("\t" + lines[0])
            out += lines[1:]
        out.append("")
    return out


def shape_pipe(rows):
    """"| 第二十条第(一)项 ||||": spans leave empty residue cells; blank values show as "|  |"."""
    out = []
    for r in rows:
        parts = []
        for c in visible(r):
            t = flat(c.text)
            parts.append(f" {t} " if t or c.key else "")
            parts += [""] * (c.span - 1)
        out.append("|" + "|".join(parts) + "|")
    return out


def shape_cell_per_line(rows):
    return [flat(c.text) for r in rows for c in visible(r) if c.text]


def shape_tab(rows):
    return ["\t".join(flat(c.text) for c in visible(r) if c.text or c.key) for r in rows]


def shape_space(rows):
    out = []
    for r in rows:
        cells = [c for c in visible(r) if c.text or c.key]
        labels = [flat(c.text) for c in cells if c.key is None]
        values = [c.text for c in cells if c.key is not None]
        line = "  ".join(labels)
        if values:
            line = line + " " * max(2, 36 - 2 * len(line)) + "".join(v.rjust(6) for v in values)
        out.append(line)
    return out


def shape_value_per_line(rows):
    out = []
    for r in rows:
        for c in visible(r):
            if c.text:
                out += [flat(c.text), ""]
    return out


SHAPES = {"tika": shape_tika, "pipe": shape_pipe, "cell_per_line": shape_cell_per_line,
          "tab": shape_tab, "space": shape_space, "value_per_line": shape_value_per_line}

# Where real Tika output breaks header cells into paragraphs (seed report).
TIKA_BREAKS = {"商业企业": "商业\n企业", "科研机构": "科研\n机构", "结果纠正": "结果\n纠正",
               "其他结果": "其他\n结果", "尚未审结": "尚未\n审结"}


def text_document(truth):
    t, opts = truth, truth["opts"]
    shape = SHAPES[opts["shape"]]
    label_fn = opts.get("label_fn", lambda x: x)
    lines = [t["title"], ""]
    tables = {"s2_proactive": table_t2, "s3_requests": table_t3, "s4_review_litigation": table_t4}
    for s in t["sections"]:
        lines.append(f"{s['number']}、{s['heading']}")
        for p in s["body"]:
            lines.append(p)
        if s["key"] not in tables:
            continue
        rows, _ = tables[s["key"]](t)
        relabel(rows, label_fn)
        if opts["shape"] == "tika":
            relabel(rows, lambda x: TIKA_BREAKS.get(x, x))
            lines.append("\u00a0")
        if s["key"] == "s3_requests" and opts.get("footer_split"):
            first, second = split_t3(rows)
            lines += shape(first) + ["", opts["footer_split"], ""] + shape(second)
        else:
            lines += shape(rows)
        lines += ["", "\u00a0" if opts["shape"] == "tika" else ""]
    if opts["shape"] == "tika":
        last = max(i for i, line in enumerate(lines) if line.strip("\u00a0 "))
        lines[last] = "[bookmark: _GoBack]" + lines[last]
    text = "\n".join(lines) + "\n"
    if opts.get("text_fn"):
        text = opts["text_fn"](text)
    return text


# ---------------------------------------------------------------------------------------
# Traditional characters (hand-written for the characters these cases use)
# ---------------------------------------------------------------------------------------

HANT_PHRASES = [("规范性文件", "規範性檔案"), ("门户网站", "入口網站")]
# Pairs "简繁", one per character these cases use that has a distinct traditional form.
HANT_PAIRS = (
    "万萬 专專 习習 们們 体體 决決 坚堅 围圍 彻徹 时時 机機 构構 将將 废廢 强強 数數 畅暢 监監 稳穩 组組 "
    "织織 绕繞 继繼 续續 缴繳 罚罰 职職 许許 设設 财財 预預 额額 问問 项項 据據 规規 范範 开開 处處 总總 "
    "计計 况況 动動 请請 报報 结結 转轉 办辦 区區 这這 种種 国國 务務 为為 护護 权權 类類 过過 执執 询詢 "
    "关關 现現 没沒 补補 确確 认認 访訪 举舉 诉訴 复復 无無 当當 长長 门門 户戶 发發 贯貫 实實 华華 条條 "
    "严嚴 审審 网網 优優 栏欄 统統 进進 态態 导導 员員 纳納 绩績 岗崗 责責 领領 题題 较較 单單 训訓 业業 "
    "级級 会會 议議 划劃 费費 准準 农農 镇鎮 乡鄉 县縣 环環 卫衛 纠糾 维維 讼訟 经經 后後 论論 阅閱 见見 "
    "众眾 调調 属屬 险險 义義 对對 应應 获獲 样樣 读讀")
HANT_CHARS = {pair[0]: pair[1] for pair in HANT_PAIRS.split()}


def to_hant(text):
    for a, b in HANT_PHRASES:
        text = text.replace(a, b)
    return "".join(HANT_CHARS.get(ch, ch) for ch in text)


# ---------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------

def spaced(text):
    """"自然人" → "自 然 人": labels spaced out to fill a cell (赤壁 2020)."""
    table = {"自然人": "自 然 人", "商业企业": "商业 企业", "科研机构": "科研 机构", "总计": "总 计",
             "（一）予以公开": "（一） 予以公开", "本年制发件数": "本年制发 件数",
             "法人或其他组织": "法人或其他 组织", "（七）总计": "（七）总 计", "行政许可": "行 政 许 可"}
    return table.get(text, text)


def half_width(text):
    return text.replace("（", "(").replace("）", ")").replace("：", ":").replace("，", ",")


def split_lines(text):
    """Long labels broken over two lines inside one cell."""
    if len(text) >= 8 and "\n" not in text:
        cut = len(text) // 2
        return text[:cut] + "\n" + text[cut:]
    return text


def cases():
    out = []

    def add(group, name, truth, kind, notes):
        truth["group"], truth["case"], truth["kind"], truth["notes"] = group, name, kind, notes
        out.append(truth)
        return truth

    def case(group, name, version, kind, notes, opts=None, **truth_args):
        truth = make_truth(f"{group}_{name}".replace("-", "_"), version, **truth_args)
        truth["opts"] = opts or {}
        return add(group, name, truth, kind, notes)

    # v2021 .docx
    case("v2021-docx", "filled", "v2021", "docx",
         "The 2021 template filled in, official geometry (4/10/15 grid columns, gridSpan/vMerge).\n"
         "Plain runs, literal headings \"一、总体情况\"; the base case for every docx variant.")
    case("v2021-docx", "numbered_headings", "v2021", "docx",
         "Section headings come from automatic numbering (w:numPr, numbering.xml chineseCounting \"%1、\").\n"
         "The heading text itself has no \"一、\"; the numbering must supply it.", {"numbered": True})
    case("v2021-docx", "split_runs", "v2021", "docx",
         "Every label and heading split across several w:r runs, some labels spaced out (\"自 然 人\", \"总 计\").\n"
         "Tests run concatenation and whitespace-insensitive label matching.",
         {"split_runs": True, "label_fn": spaced})
    case("v2021-docx", "tracked_changes", "v2021", "docx",
         "Three cells hold a tracked change: w:del with an old number next to w:ins with the new one.\n"
         "The value is the inserted number; deleted text must not leak into the cell.",
         {"tracked": {"t3.new_received.natural_person": "99", "t2.licensing.decisions": "7",
                      "t4.review.total": "8"}})
    case("v2021-docx", "sdt_cell", "v2021", "docx",
         "Three table cells are wrapped in a cell-level content control (w:sdt/w:sdtContent/w:tc).\n"
         "The grid must still have 4/10/15 columns and the values land on their keys.",
         {"sdt": {"t3.results.granted.natural_person", "t2.regulations.issued", "t4.review.upheld"}})
    case("v2021-docx", "field_totals", "v2021", "docx",
         "Every 总计 cell of table 三 is a complex field =SUM(LEFT) whose cached result is the number.\n"
         "The cached result is the value; the instruction text is not.", {"field_totals": True})
    case("v2021-docx", "split_table3", "v2021", "docx",
         "Table 三 split in two w:tbl at a page break before （四）无法提供, header rows repeated (w:tblHeader).\n"
         "The two parts must be joined and the repeated header dropped.", {"split_t3": True})
    add("v2021-docx", "libreoffice_roundtrip", make_truth("v2021_docx_filled", "v2021"), "office",
        "The filled v2021 case saved by LibreOffice (docx → odt → docx); same truth as v2021-docx/filled.\n"
        "Tests the markup an office suite writes (extra properties, its own run and table layout).")

    # v2019 .docx
    case("v2019-docx", "filled", "v2019", "docx",
         "The 2019 (试行) template filled in; table 二 has 7 grid columns whose header and data spans disagree.\n"
         "Table 三 has the single （六）其他处理 row (results.other.total).")
    case("v2019-docx", "numbered_headings", "v2019", "docx",
         "2019 template with headings from automatic numbering and labels split across runs.\n"
         "五 reads \"政府信息公开工作存在的主要问题及改进情况\" as in 2019/2020 reports.",
         {"numbered": True, "split_runs": True}, title_form=1)

    # text shapes, both templates
    text_shapes = [
        ("v2021", "tika", "Apache Tika's docx text (seed shape): tab-started cells, blank line after each row,\n"
                          "multi-paragraph cells without a tab, \"\\t\" for merge continuations, [bookmark: _GoBack]."),
        ("v2021", "pipe", "Pipe rows from a web page: \"| 第二十条第(一)项 ||||\" colspan residue, half-width brackets,\n"
                          "rowspan-covered cells left out (later rows start with \"2.…\")."),
        ("v2021", "cell_per_line", "One cell per line, no separators at all; merged continuations absent.\n"
                                   "Values follow their row label in template order."),
        ("v2021", "tab", "One table row per line, cells separated by tabs; merged continuations absent.\n"
                         "Row labels of merged groups only on the group's first row."),
        ("v2021", "space", "Space-aligned columns: labels on the left, values right-aligned in 6-wide columns.\n"
                           "No separators other than runs of spaces; a group label shares the line of its first row."),
        ("v2021", "value_per_line", "Every cell on its own line with a blank line between lines.\n"
                                    "Labels and values interleaved in row order."),
        ("v2019", "tika", "2019 template in the Tika docx-text shape (tab-started cells, blank line after rows).\n"
                          "Table 二 has 3 value columns for (一)(五)(六) and 2 for (八)(九)."),
        ("v2019", "pipe", "2019 template as pipe rows with colspan residue (after labels and after values) and\n"
                          "half-width brackets; header and data spans of table 二 disagree: map by ordinal position."),
        ("v2019", "tab", "2019 template as tab-separated rows.\n"
                         "（六）其他处理 is one row directly followed by （七）总计."),
    ]
    for version, shape, notes in text_shapes:
        opts = {"shape": shape, "label_fn": half_width} if shape == "pipe" else {"shape": shape}
        case(f"{version}-text", shape, version, "text", notes, opts,
             title_form=1 if (version, shape) == ("v2021", "tika") else 0)

    # messy
    t = case("messy", "blank_legal_person", "v2021", "docx",
             "Only 自然人 and 总计 are filled in table 三; the five legal-person columns are blank (沭阳 2023).\n"
             "Blank is not zero: those fields are kind blank and their E1/E2/E3 checks not_assessable.")
    for key in t3_keys("v2021"):
        if key.rsplit(".", 1)[1] in T3_BASE_COLUMNS[1:]:
            t["cells"][key] = ""
    t = case("messy", "dashes", "v2021", "text",
             "Tab rows where five cells hold a dash (\"-\", \"—\", \"/\") instead of a number (武汉 2020).\n"
             "Dash cells are kind dash, value null; checks over them are not_assessable.", {"shape": "tab"})
    t["cells"].update({"t2.regulations.repealed": "-", "t2.coercion.decisions": "—",
                       "t3.carried_over.research": "-", "t3.results.denied.state_secret.commercial": "/",
                       "t4.litigation.direct.pending": "-"})
    t = case("messy", "text_zero", "v2021", "text",
             "Three cells say \"无\" instead of 0 (Tika shape).\n"
             "\"无\" is kind text_zero with value 0, so table 四's E4 stays assessable and passes.",
             {"shape": "tika"})
    for key in ("t2.regulations.issued", "t2.admin_fees.amount_wan_yuan", "t4.review.pending"):
        t["cells"][key] = "无"
    # keep table 四's sum true with 无 read as 0
    parts = [t["cells"][f"t4.review.{i}"] for i in T4_ITEMS[:4]]
    t["cells"]["t4.review.total"] = str(sum(int(x) for x in parts if x != "无"))
    case("messy", "spaced_labels", "v2021", "text",
         "Pipe rows whose labels are spaced out: \"自 然 人\", \"商业 企业\", \"总 计\", \"（一） 予以公开\".\n"
         "Label matching must ignore whitespace inside labels.", {"shape": "pipe", "label_fn": spaced})
    case("messy", "split_label_lines", "v2021", "text",
         "Tika shape where every long label is broken over two lines (second line without a tab).\n"
         "\"三、本年度\\n办理结果\", \"（二）部分公开（区分处理的，\\n只计这一情形，不计其他情形）\".",
         {"shape": "tika", "label_fn": split_lines})
    case("messy", "traditional", "v2021", "text",
         "A traditional-character mirror copy (pipe rows): 規範性檔案, 開, 處, 總計 and phrase 入口網站.\n"
         "Labels must be matched after Hant→Hans conversion; the agency name reads the same in both.",
         {"shape": "pipe", "label_fn": half_width, "text_fn": to_hant}, agency="杭州市民政局")
    case("messy", "gb18030", "v2021", "text",
         "Tab-row text encoded in GB18030, as saved by a Windows tool.\n"
         "The decoder must detect GB18030 and report it in source.encoding.",
         {"shape": "tab", "encoding": "gb18030"})
    case("messy", "utf16le_bom", "v2021", "text",
         "Tika-shape text encoded as UTF-16LE with a byte-order mark.\n"
         "The decoder must honour the BOM.", {"shape": "tika", "encoding": "utf-16-le", "bom": True})
    case("messy", "t3_split_footer", "v2021", "text",
         "Table 三 split in two by a page footer \"— 4 —\" with its header rows repeated (Shanghai PDFs).\n"
         "The parts must be joined, the footer and the repeated header ignored.",
         {"shape": "tab", "footer_split": "— 4 —"})
    t = case("messy", "wrong_sums", "v2021", "docx",
             "The report's own arithmetic is wrong: carried_forward.natural_person is one too high.\n"
             "E1 fails for natural_person and E3 for carried_forward; values are reported as printed.")
    cell = "t3.carried_forward.natural_person"
    t["cells"][cell] = str(int(t["cells"][cell]) + 1)
    t = case("messy", "missing_s5", "v2021", "text",
             "Section 五 (存在的主要问题及改进情况) is missing entirely; 六 follows 四.\n"
             "E7:s5_problems fails; everything else is as usual.", {"shape": "tika"})
    t["sections"] = [s for s in t["sections"] if s["key"] != "s5_problems"]
    t = case("messy", "fee_unit", "v2021", "docx",
             "The fee cell says \"0.5万元\": value 0.5, kind number, flag unit_stripped.\n"
             "A decimal is allowed there, so E5:t2 passes.")
    t["cells"]["t2.admin_fees.amount_wan_yuan"] = "0.5万元"
    t = case("messy", "v2019_signed_change", "v2019", "docx",
             "2019 table 二 with signed 本年增/减 values \"+3\", \"-2\", \"+1\".\n"
             "Signs are allowed only in t2v19.*.change; E5:t2v19 passes.")
    t["cells"].update({"t2v19.licensing.change": "+3", "t2v19.penalty.change": "-2",
                       "t2v19.admin_fees.change": "+1"})
    t = {"name": "messy_empty_input", "error": "empty_input", "opts": {}}
    add("messy", "empty_input", t, "empty",
        "A zero-byte file.\nMust be refused with error code empty_input.")
    t = make_truth("v2021_docx_filled", "v2021")
    t["error"] = "zip_corrupt"
    add("messy", "truncated_docx", t, "truncated",
        "The filled v2021 .docx cut at 60% of its bytes (no central directory).\n"
        "Must be refused with error code zip_corrupt.")
    return out


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------

def office_roundtrip(truth, folder, use_office):
    """docx → odt → docx through LibreOffice, re-zipped with fixed timestamps."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    target = os.path.join(folder, "input.docx")
    if not use_office or not soffice:
        if os.path.exists(target):
            print(f"note: {folder}: LibreOffice not used, keeping the committed input.docx")
            return True
        print(f"error: {folder}: LibreOffice (soffice) is needed to create this case", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "input.docx")
        DocxWriter(truth).write(src)
        profile = "file://" + os.path.join(tmp, "profile")
        for fmt, infile, outdir in (("odt", src, os.path.join(tmp, "odt")),
                                    ("docx:MS Word 2007 XML", os.path.join(tmp, "odt", "input.odt"),
                                     os.path.join(tmp, "docx"))):
            subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                            "--convert-to", fmt, "--outdir", outdir, infile],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=300)
        with zipfile.ZipFile(os.path.join(tmp, "docx", "input.docx")) as z:
            entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    fixed = []
    for name, data in entries:
        if name.startswith("docProps/"):
            # Only the save timestamps and the editing time vary between runs.
            text = data.decode("utf-8")
            text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", r"\g<1>2022-01-10T09:30:00Z", text)
            text = re.sub(r"(<TotalTime>)[^<]*", r"\g<1>0", text)
            text = re.sub(r"(<cp:revision>)[^<]*", r"\g<1>1", text)
            data = text.encode("utf-8")
        fixed.append((name, data))
    write_zip(target, fixed)
    return True


def write_case(root, truth, use_office):
    folder = os.path.join(root, truth["group"], truth["case"])
    os.makedirs(folder, exist_ok=True)
    kind = truth["kind"]
    for stale in ("input.docx", "input.txt"):
        path = os.path.join(folder, stale)
        keep = (stale == "input.docx") == (kind in ("docx", "office", "truncated"))
        if os.path.exists(path) and not keep:
            os.remove(path)
    ok = True
    if kind == "docx":
        DocxWriter(truth).write(os.path.join(folder, "input.docx"))
    elif kind == "office":
        ok = office_roundtrip(truth, folder, use_office)
    elif kind == "truncated":
        with tempfile.TemporaryDirectory() as tmp:
            full = os.path.join(tmp, "full.docx")
            DocxWriter(truth).write(full)
            data = open(full, "rb").read()
        with open(os.path.join(folder, "input.docx"), "wb") as f:
            f.write(data[: len(data) * 6 // 10])
    elif kind == "empty":
        open(os.path.join(folder, "input.txt"), "wb").close()
    else:
        text = text_document(truth)
        encoding = truth["opts"].get("encoding", "utf-8")
        if truth["opts"].get("bom"):
            text = "\ufeff" + text
        with open(os.path.join(folder, "input.txt"), "wb") as f:
            f.write(text.encode(encoding))
    with open(os.path.join(folder, "truth.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(truth_json(truth), f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(folder, "NOTES.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(truth["notes"].rstrip("\n") + "\n")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--out", default=os.path.join(here, "..", "corpus"))
    parser.add_argument("--no-office", action="store_true",
                        help="do not run LibreOffice; keep the committed round-trip case")
    args = parser.parse_args()
    ok = True
    for truth in cases():
        ok = write_case(args.out, truth, not args.no_office) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
