"""Writes a copy of an .xlsx with one cell changed to a number or a text (standard library only).

Usage: set_cell.py SRC DST SHEET_NAME CELL VALUE
Used by the end-to-end tests to make a workbook that breaks one check.
"""
import re
import sys
import zipfile


def sheet_part(book: zipfile.ZipFile, name: str) -> str:
    workbook = book.read("xl/workbook.xml").decode()
    rels = book.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(r'<sheet [^>]*name="%s"[^>]*r:id="([^"]+)"' % re.escape(name), workbook)
    if not rid:
        sys.exit(f"no sheet {name!r}")
    target = re.search(r'<Relationship [^>]*Id="%s"[^>]*Target="([^"]+)"' % rid.group(1), rels)
    if not target:
        target = re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="%s"' % rid.group(1), rels)
    path = target.group(1).lstrip("/")
    return path if path.startswith("xl/") else "xl/" + path


def main() -> None:
    src, dst, sheet, cell, value = sys.argv[1:6]
    with zipfile.ZipFile(src) as book:
        part = sheet_part(book, sheet)
        xml = book.read(part).decode()
        pattern = re.compile(r'<c r="%s"([^>]*?)(?:/>|>.*?</c>)' % cell, re.S)
        if not pattern.search(xml):
            sys.exit(f"no cell {cell} in {sheet}")
        try:
            float(value)
            body = "<v>%s</v>" % value
            kind = ""
        except ValueError:
            body = "<is><t>%s</t></is>" % value.replace("&", "&amp;").replace("<", "&lt;")
            kind = ' t="inlineStr"'
        xml = pattern.sub(
            lambda m: '<c r="%s"%s%s>%s</c>' % (cell, re.sub(r'\s*t="[^"]*"', "", m.group(1)), kind, body),
            xml,
            count=1,
        )
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
            for item in book.infolist():
                out.writestr(item, xml if item.filename == part else book.read(item.filename))


if __name__ == "__main__":
    main()
