#!/usr/bin/env bash
# Benchmark (not a test): how fast the standard disclosure workbook is written, against Python
# xlsxwriter writing the very same cells. Measures, in one run:
#   - xlsx::write::write_disclosure_workbook on the tables of the 若羌 fixture (county-11
#     template, 11 sheets), in memory, RUNS times after one untimed run (release build);
#   - xlsxwriter writing the same cells, merges, formats, widths, row heights and print setup
#     (read beforehand, untimed, from the workbook the Rust side wrote), in memory, RUNS times;
# and prints the ratio. It does so for the fixture as it is, and for a stand-in for a large
# department (the rows of T3, T5 and T6 repeated COPIES times), where the cells rather than the
# fixed cost of a workbook dominate.
# Usage: scripts/bench-export.sh [RUNS] [COPIES]   (defaults 200 and 50)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-200}"
COPIES="${2:-50}"
FIXTURE="$REPO_ROOT/tests/fixtures/ruoqiang-2024-budget-tables.xlsx"
TARGET_DIR="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
VENV="$REPO_ROOT/target/bench-export-venv"

[ -f "$FIXTURE" ] || { echo "找不到基准工作簿：$FIXTURE" >&2; exit 1; }

echo "==> 构建 release 版 export_bench"
(cd "$REPO_ROOT" && cargo build --release -q -p budget-core --example export_bench)
BENCH="$TARGET_DIR/release/examples/export_bench"

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import xlsxwriter, openpyxl" 2>/dev/null; then
  echo "==> 在 $VENV 安装 xlsxwriter 与 openpyxl"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q xlsxwriter openpyxl
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
compare() { # compare LABEL RUNS COPIES
  local ours
  ours="$("$BENCH" "$FIXTURE" "$WORK/export.xlsx" "$2" "$3")"
  echo "== $1"
  "$VENV/bin/python" - "$WORK/export.xlsx" "$2" "$ours" <<'PY'
import io, sys, time
import openpyxl, xlsxwriter
from openpyxl.utils import range_boundaries

path, runs, ours = sys.argv[1], int(sys.argv[2]), dict(kv.split("=") for kv in sys.argv[3].split())

def style(cell):
    f, a = cell.font, cell.alignment
    return (f.name, float(f.sz or 11), bool(f.b), cell.number_format,
            cell.border.left.style == "thin", a.horizontal, a.vertical, bool(a.wrap_text))

# Untimed: the cells, merges, formats and settings the Rust side wrote.
sheets = []
for ws in openpyxl.load_workbook(path).worksheets:
    merged = [range_boundaries(str(r)) for r in ws.merged_cells.ranges]
    inside = {(r, c) for (c1, r1, c2, r2) in merged
              for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    cells = [(c.row - 1, c.column - 1, c.value, style(c))
             for row in ws.iter_rows() for c in row
             if (c.row, c.column) not in inside and (c.value is not None or c.has_style)]
    merges = [(r1 - 1, c1 - 1, r2 - 1, c2 - 1, ws.cell(r1, c1).value or "", style(ws.cell(r1, c1)))
              for (c1, r1, c2, r2) in merged]
    widths = {k: d.width for k, d in ws.column_dimensions.items() if d.width}
    heights = {k - 1: d.height for k, d in ws.row_dimensions.items() if d.height}
    repeat = ws.print_title_rows  # "3:5"
    freeze = ws.freeze_panes
    sheets.append((ws.title, cells, merges, widths, heights, repeat, freeze))

def write_all():
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    formats = {}
    def fmt(key):
        if key not in formats:
            name, size, bold, num, border, h, v, wrap = key
            props = {"font_name": name, "font_size": size, "bold": bold, "num_format": num,
                     "border": 1 if border else 0, "text_wrap": wrap}
            if h: props["align"] = {"centerContinuous": "center_across"}.get(h, h)
            if v: props["valign"] = {"center": "vcenter"}.get(v, v)
            formats[key] = wb.add_format(props)
        return formats[key]
    for name, cells, merges, widths, heights, repeat, freeze in sheets:
        ws = wb.add_worksheet(name)
        for r1, c1, r2, c2, value, key in merges:
            ws.merge_range(r1, c1, r2, c2, value, fmt(key))
        for r, c, value, key in cells:
            if value is None:
                ws.write_blank(r, c, None, fmt(key))
            elif isinstance(value, (int, float)):
                ws.write_number(r, c, value, fmt(key))
            else:
                ws.write_string(r, c, value, fmt(key))
        for letter, width in widths.items():
            ws.set_column(f"{letter}:{letter}", width)
        for row, height in heights.items():
            ws.set_row(row, height)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        if repeat:
            first, last = (int(x) - 1 for x in repeat.replace("$", "").split(":"))
            ws.repeat_rows(first, last)
        if freeze:
            ws.freeze_panes(freeze)
    wb.close()
    return out.getvalue()

size = len(write_all())  # untimed, as on the Rust side
times = []
for _ in range(runs):
    start = time.perf_counter()
    write_all()
    times.append(time.perf_counter() - start)
py_best, py_mean = min(times) * 1000, sum(times) / len(times) * 1000
rs_best, rs_mean = float(ours["best_ms"]), float(ours["mean_ms"])
print(f"workbook: {len(sheets)} sheets, {sum(len(s[1]) for s in sheets)} cells, {sum(len(s[2]) for s in sheets)} merges")
print(f"budget-core write_disclosure_workbook: best {rs_best:7.2f} ms, mean {rs_mean:7.2f} ms  ({runs} runs)")
print(f"Python xlsxwriter, same cells:         best {py_best:7.2f} ms, mean {py_mean:7.2f} ms  ({runs} runs)")
print(f"file size: {int(ours['bytes'])} bytes (budget-core, zip level 1), {size} bytes (xlsxwriter, zlib default)")
print(f"ratio (mean): {py_mean / rs_mean:6.1f}x faster than xlsxwriter   (best: {py_best / rs_best:.1f}x)")
PY
}

compare "若羌 2024 fixture as it is" "$RUNS" 1
compare "large department: rows of T3/T5/T6 x $COPIES" "$(( RUNS / 10 > 5 ? RUNS / 10 : 5 ))" "$COPIES"
