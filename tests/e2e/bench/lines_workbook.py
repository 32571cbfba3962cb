"""Writes a flat budget-line workbook of N lines for the memory benchmark (standard library only).

Usage: python3 lines_workbook.py OUT.xlsx [LINES]   (default 10000)

The header is the import template's. Codes come from the embedded 2024 catalog: every 项-level
功能分类 code, 人员经费 and 公用经费 lines on economic codes of their kind, and 项目支出 lines
spread over 60 projects, so the derived tables, the project list and the targets are all as full
as a large department's.
"""

import csv
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[3]
CATALOG = ROOT / "src-tauri" / "core" / "data" / "catalog" / "2024"
HEADER = ["功能分类科目编码", "经济分类科目编码", "资金来源", "支出类型", "项目编码",
          "金额（万元）", "上年结转", "备注", "项目名称", "项目类别"]
SOURCES = ["一般公共预算", "一般公共预算", "一般公共预算", "政府性基金", "财政专户", "单位资金"]
CATEGORIES = ["人员类", "运转类", "特定目标类"]
PROJECTS = 200  # a 项目支出 line (i % 10 >= 7) takes code i % 200: 60 distinct projects


def catalog():
    with open(CATALOG / "function.csv", encoding="utf-8") as f:
        functions = [r["code"] for r in csv.DictReader(f) if len(r["code"]) == 7]
    with open(CATALOG / "economic.csv", encoding="utf-8") as f:
        economic = [r for r in csv.DictReader(f) if len(r["code"]) == 5]
    personnel = [r["code"] for r in economic if r["kind"] == "人员经费"]
    public = [r["code"] for r in economic if r["kind"] == "公用经费"]
    capital = [r["code"] for r in economic if r["code"].startswith("310")]
    return functions, personnel, public, capital


def lines(n):
    functions, personnel, public, capital = catalog()
    project = public + capital
    for i in range(n):
        function = functions[(i * 7) % len(functions)]
        source = SOURCES[i % len(SOURCES)]
        amount = f"{(i * 37 % 9973) / 100 + 0.5:.2f}"
        carried = "是" if i % 41 == 0 else "否"
        kind = i % 10
        if kind < 4:
            yield [function, personnel[i % len(personnel)], source, "人员经费", "", amount, carried, "", "", ""]
        elif kind < 7:
            yield [function, public[i % len(public)], source, "公用经费", "", amount, carried, "", "", ""]
        else:
            p = i % PROJECTS
            yield [function, project[i % len(project)], source, "项目支出", f"P{p + 1:03d}",
                   amount, carried, f"第{i + 1}行", f"项目{p + 1:03d} 专项经费", CATEGORIES[p % 3]]


def cell(ref, value, numeric):
    if numeric:
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def sheet_xml(rows):
    cols = "ABCDEFGHIJ"
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, start=1):
        cells = "".join(cell(f"{cols[c]}{r}", v, r > 1 and c == 5) for c, v in enumerate(row) if v != "")
        out.append(f'<row r="{r}">{cells}</row>')
    out.append("</sheetData></worksheet>")
    return "".join(out)


def write(path, n):
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '</Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="预算明细" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml([HEADER, *lines(n)]),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)


if __name__ == "__main__":
    write(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10000)
