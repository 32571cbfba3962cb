#!/usr/bin/env bash
# Benchmark (not a test): cold start to the first painted UI, and idle memory (RSS and PSS of the
# app and its WebKit processes) after opening a LINES-line 预算 disclosure and visiting every
# tab, every table and 审核工作簿 — the real app driven through WebKitWebDriver on a virtual
# display, RUNS times, medians reported. Builds only what is missing (the app embeds ui/dist:
# rebuild it after changing the UI). BUDGET_DESK_BIN and BUDGET_CLI_BIN select other binaries,
# BUDGET_DESK_UI_DIST the ui/dist they embed (only to report the size of what the page loads).
# The app is single-instance: runs wait for /tmp/budget-desk-app.lock, as other app runs should.
# Usage: scripts/bench-memory.sh [RUNS] [LINES] [--floor] [--screenshots]   (defaults 5 and 10000)
# --floor also measures WebKitGTK's MiniBrowser on about:blank; --screenshots keeps a picture of
# each screen of the first tour in tests/e2e/artifacts.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

extra=()
positional=()
for arg in "$@"; do
  case "$arg" in
    --floor | --screenshots) extra+=("$arg") ;;
    *) positional+=("$arg") ;;
  esac
done
runs="${positional[0]:-5}"
lines="${positional[1]:-10000}"

ensure_apt xvfb xauth webkit2gtk-driver
ensure_rust
ensure_node
bin="${BUDGET_DESK_BIN:-$REPO_ROOT/target/debug/budget-desk}"
cli="${BUDGET_CLI_BIN:-$REPO_ROOT/target/debug/budget-cli}"
if [ ! -x "$bin" ] || [ ! -x "$cli" ]; then
  if [ ! -f "$REPO_ROOT/ui/dist/index.html" ]; then
    ensure_ui_packages
    build_ui
  fi
  say "编译程序"
  cargo build -p budget-desk -p budget-cli
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 tests/e2e/bench/lines_workbook.py "$work/lines.xlsx" "$lines"

say "测量启动时间与内存（$runs 次，$lines 条明细）"
flock /tmp/budget-desk-app.lock \
  env BUDGET_DESK_BIN="$bin" BUDGET_CLI_BIN="$cli" \
  xvfb-run -a -s "-ac -screen 0 1366x768x24 -nolisten tcp" \
  node tests/e2e/bench/memory.mjs "$work/lines.xlsx" --runs "$runs" "${extra[@]}"
