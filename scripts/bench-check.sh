#!/usr/bin/env bash
# Benchmark (not a test): how fast `budget-cli check` reviews disclosure workbooks, against
# Python openpyxl merely loading the same files. Measures, in one run:
#   - one standard workbook (the 若羌 fixture), best of several runs, process start included;
#   - a batch of COPIES copies in one `check` call;
#   - openpyxl.load_workbook on the same one file and the same batch;
# and prints the ratios. Usage: scripts/bench-check.sh [COPIES] [预算|决算]   (default 200 预算)
# 决算 reviews the real 2024 决算 of 普陀区规划和自然资源局, which has one real error: check's
# exit code 1 (errors found) is its expected result there.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COPIES="${1:-200}"
KIND="${2:-预算}"
case "$KIND" in
  预算) FIXTURE="$REPO_ROOT/tests/fixtures/ruoqiang-2024-budget-tables.xlsx"; EXPECTED=0 ;;
  决算) FIXTURE="$REPO_ROOT/tests/fixtures/putuo-planning-2024-final-accounts.xlsx"; EXPECTED=1 ;;
  *) echo "用法：scripts/bench-check.sh [份数] [预算|决算]" >&2; exit 2 ;;
esac
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

"$VENV/bin/python" - "$CLI" "$FIXTURE" "$WORK" "$COPIES" "$EXPECTED" <<'PY'
import glob, subprocess, sys, time
import openpyxl

cli, fixture, work, copies = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
expected = int(sys.argv[5])
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
    if result.returncode != expected:
        sys.exit(f"budget-cli check exited {result.returncode}, expected {expected} for this fixture")

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
