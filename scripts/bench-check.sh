#!/usr/bin/env bash
# Benchmark (not a test): how fast `budget-cli check` reviews disclosure workbooks, against
# Python openpyxl merely loading the same files. Measures, in one run:
#   - one standard workbook (the 若羌 fixture), best of several runs, process start included;
#   - a batch of COPIES copies in one `check` call;
#   - openpyxl.load_workbook on the same one file and the same batch;
# and prints the ratios. Usage: scripts/bench-check.sh [COPIES]   (default 200)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COPIES="${1:-200}"
FIXTURE="$REPO_ROOT/tests/fixtures/ruoqiang-2024-budget-tables.xlsx"
TARGET_DIR="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
VENV="$REPO_ROOT/.venv-bench"

[ -f "$FIXTURE" ] || { echo "找不到基准工作簿：$FIXTURE" >&2; exit 1; }

echo "==> 构建 release 版 budget-cli"
(cd "$REPO_ROOT" && cargo build --release -q -p budget-cli)
CLI="$TARGET_DIR/release/budget-cli"

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import openpyxl" 2>/dev/null; then
  echo "==> 在 $VENV 安装 openpyxl"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q openpyxl
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
for i in $(seq -w 1 "$COPIES"); do cp "$FIXTURE" "$WORK/copy-$i.xlsx"; done

"$VENV/bin/python" - "$CLI" "$FIXTURE" "$WORK" "$COPIES" <<'PY'
import glob, subprocess, sys, time
import openpyxl

cli, fixture, work, copies = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
batch = sorted(glob.glob(f"{work}/*.xlsx"))

def best(fn, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)

def check(files):
    result = subprocess.run([cli, "check", "--json", *files], stdout=subprocess.DEVNULL)
    if result.returncode != 0:
        sys.exit(f"budget-cli check exited {result.returncode}: the fixture should check clean")

def load(files):
    for f in files:
        openpyxl.load_workbook(f)

one_ours = best(lambda: check([fixture]), 10)
batch_ours = best(lambda: check(batch), 3)
one_py = best(lambda: load([fixture]), 10)
batch_py = best(lambda: load(batch), 2)

print(f"budget-cli check, 1 workbook:          {one_ours * 1000:8.1f} ms (process start included)")
print(f"budget-cli check, {copies} workbooks:      {batch_ours * 1000:8.1f} ms")
print(f"openpyxl load only, 1 workbook:        {one_py * 1000:8.1f} ms")
print(f"openpyxl load only, {copies} workbooks:    {batch_py * 1000:8.1f} ms")
print(f"ratio, 1 workbook:   {one_py / one_ours:6.1f}x faster than openpyxl loading")
print(f"ratio, {copies} workbooks: {batch_py / batch_ours:6.1f}x faster than openpyxl loading")
PY
