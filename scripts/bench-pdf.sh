#!/usr/bin/env bash
# Benchmark (not a test): the 审核 of published PDFs against Python pypdf merely extracting
# their text, measured in the same run on the same files (the real published PDFs of
# tests/fixtures/pdf). For each file: our whole review (text layer, tables, every rule, the
# narrative and document checks), mean of RUNS after one untimed run, release build; pypdf's
# extract_text of every page, mean of RUNS the same way. Then a batch of BATCH files (the
# files repeated), both ways, and the ratios.
# Usage: scripts/bench-pdf.sh [RUNS] [BATCH]   (defaults 5 and 50)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
BATCH="${2:-50}"
TARGET_DIR="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
VENV="$REPO_ROOT/target/bench-pdf-venv"
mapfile -t FILES < <(ls "$REPO_ROOT"/tests/fixtures/pdf/*.pdf | grep -v -e encrypted -e scanned)

echo "==> 构建 release 版 pdf_bench"
(cd "$REPO_ROOT" && cargo build --release -q -p budget-core --example pdf_bench)
BENCH="$TARGET_DIR/release/examples/pdf_bench"

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pypdf" 2>/dev/null; then
  echo "==> 在 $VENV 安装 pypdf"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pypdf
fi

ours="$("$BENCH" "$RUNS" "$BATCH" "${FILES[@]}")"
"$VENV/bin/python" - "$RUNS" "$BATCH" "$ours" "${FILES[@]}" <<'PY'
import os, sys, time
import pypdf

runs, batch, ours, files = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:]

def extract(path):
    return sum(len(p.extract_text() or "") for p in pypdf.PdfReader(path).pages)

rows = {}
for line in ours.splitlines():
    kv = dict(part.split("=", 1) for part in line.split())
    if "file" in kv:
        rows[kv["file"]] = kv
    else:
        batch_ms = float(kv["batch_ms"])

print(f"{'文件':<58}{'页':>4}{'本程序审核 ms':>14}{'pypdf 提取 ms':>14}{'比值':>8}")
for path in files:
    name = os.path.basename(path)
    extract(path)  # untimed, as on our side
    start = time.perf_counter()
    for _ in range(runs):
        extract(path)
    theirs = (time.perf_counter() - start) * 1000 / runs
    mine = float(rows[name]["ms"])
    print(f"{name:<58}{rows[name]['pages']:>4}{mine:>14.1f}{theirs:>14.1f}{mine / theirs:>8.2f}")

paths = [files[i % len(files)] for i in range(batch)]
start = time.perf_counter()
for p in paths:
    extract(p)
theirs = (time.perf_counter() - start) * 1000
print(f"批量 {batch} 个文件：本程序审核 {batch_ms:.0f} ms，pypdf 提取 {theirs:.0f} ms，比值 {batch_ms / theirs:.2f}")
PY
