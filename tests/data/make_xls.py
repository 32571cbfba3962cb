"""Writes ruoqiang-2024-budget-tables.xls: the 若羌 fixture (.xlsx) in the old .xls
format, cells and merged regions unchanged, so the reader's .xls path is tested on real
content. Rust has no .xls writer, hence this one-off script; rerun it if the fixture changes:

    python3 -m venv /tmp/xls && /tmp/xls/bin/pip install xlwt
    /tmp/xls/bin/python tests/data/make_xls.py tests/fixtures/ruoqiang-2024-budget-tables.xlsx \
        tests/data/ruoqiang-2024-budget-tables.xls
"""
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

import xlwt

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}


def position(ref):
    letters, digits = re.match(r"([A-Z]+)(\d+)", ref).groups()
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - ord("A") + 1
    return int(digits) - 1, col - 1


def main(source, target):
    z = zipfile.ZipFile(source)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out = xlwt.Workbook(encoding="utf-8")
    for sheet in book.find("m:sheets", NS):
        path = "xl/" + targets[sheet.get(f"{{{NS['r']}}}id")].lstrip("/").removeprefix("xl/")
        xml = ET.fromstring(z.read(path))
        values = {}
        for c in xml.iter(f"{{{NS['m']}}}c"):
            kind, v = c.get("t"), c.find("m:v", NS)
            if kind == "s":
                value = shared[int(v.text)]
            elif kind == "inlineStr":
                value = "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t"))
            elif v is not None:
                value = float(v.text)
            else:
                continue
            values[position(c.get("r"))] = value
        ws = out.add_sheet(sheet.get("name"))
        merged = set()
        merges = xml.find("m:mergeCells", NS)
        for m in merges if merges is not None else []:
            first, last = m.get("ref").split(":")
            (r1, c1), (r2, c2) = position(first), position(last)
            ws.write_merge(r1, r2, c1, c2, values.get((r1, c1), ""))
            merged.add((r1, c1))
        for (row, col), value in values.items():
            if (row, col) not in merged:
                ws.write(row, col, value)
    out.save(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
