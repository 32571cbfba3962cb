"""Writes hostile workbooks built from an ordinary one, for the end-to-end tests and the
benchmark: python3 hostile.py FIXTURE.xlsx OUT_DIR

  炸弹.xlsx    the fixture whose first sheet inflates to 3 GB (about 3 MB on disk)
  角落.xlsx    the fixture with one more value in XFD1048576
  百万格.xlsx  the fixture whose first sheet holds 2,100,000 cells
"""
import io
import os
import struct
import sys
import zipfile
import zlib

HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
TAIL = b'</sheetData></worksheet>'
SHEET = 'xl/worksheets/sheet1.xml'


def by_hand(path, members):
    """A zip written member by member: (name, method, crc, inflated size, data), so that a
    member can carry a deflate stream assembled from pieces."""
    out, central = io.BytesIO(), b''
    for name, method, crc, size, data in members:
        offset, raw = out.tell(), name.encode()
        out.write(struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, 0, method, 0, 0x21, crc,
                              len(data), size, len(raw), 0) + raw + data)
        central += struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 20, 20, 0, method, 0, 0x21,
                               crc, len(data), size, len(raw), 0, 0, 0, 0, 0, offset) + raw
    at = out.tell()
    out.write(central)
    out.write(struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, len(members), len(members),
                          len(central), at, 0))
    with open(path, 'wb') as f:
        f.write(out.getvalue())


def deflate(data, last):
    """Deflate blocks: sync-flushed unless last, so that pieces concatenate into one stream."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)


def with_first_sheet(fixture, path, deflated, inflated_size):
    """The fixture with its first sheet replaced by a deflate stream. The CRC is left 0: a
    reader that stops at its limit never gets to check it."""
    z = zipfile.ZipFile(fixture)
    members = []
    for name in z.namelist():
        if name == SHEET:
            members.append((name, 8, 0, inflated_size, deflated))
        else:
            data = z.read(name)
            members.append((name, 0, zlib.crc32(data), len(data), data))
    by_hand(path, members)


def main(fixture, out):
    chunk = deflate(b' ' * (1 << 20), False)
    with_first_sheet(fixture, os.path.join(out, '炸弹.xlsx'),
                     deflate(HEAD, False) + chunk * 3000 + deflate(TAIL, True),
                     len(HEAD) + len(TAIL) + (3000 << 20))

    src = zipfile.ZipFile(fixture)
    corner = src.read(SHEET).replace(
        b'</sheetData>',
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    with zipfile.ZipFile(os.path.join(out, '角落.xlsx'), 'w', zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            z.writestr(name, corner if name == SHEET else src.read(name))

    columns = [bytes([c]) for c in b'ABCDEFG']
    rows = b''.join(b'<row r="%d">' % r
                    + b''.join(b'<c r="%s%d"><v>1</v></c>' % (col, r) for col in columns)
                    + b'</row>'
                    for r in range(1, 300_001))
    xml = HEAD + rows + TAIL
    with_first_sheet(fixture, os.path.join(out, '百万格.xlsx'), deflate(xml, True), len(xml))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
