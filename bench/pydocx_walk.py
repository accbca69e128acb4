#!/usr/bin/env python3
"""Benchmark, python-docx contender: reads one .docx as a user of python-docx does — every
body paragraph and table in document order, every cell's text — and prints the characters
seen, so the walk is real. Usage: /usr/bin/python3 bench/pydocx_walk.py FILE"""

import sys

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph


def main(path):
    d = docx.Document(path)
    chars = 0
    for child in d.element.body.iterchildren():
        if child.tag == docx.oxml.ns.qn("w:p"):
            chars += len(Paragraph(child, d).text)
        elif child.tag == docx.oxml.ns.qn("w:tbl"):
            for row in Table(child, d).rows:
                for cell in row.cells:
                    chars += len(cell.text)
    print(chars)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
