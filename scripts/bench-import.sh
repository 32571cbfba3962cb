#!/usr/bin/env bash
# Benchmark (not a test): importing LINES budget lines from a flat workbook (read, normalise and
# check every line) against calamine's bare read of the same file, in one run (release build).
# Usage: scripts/bench-import.sh [LINES] [RUNS]   (defaults 100000 and 5)
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
cargo build --release -q -p budget-core --example import_bench
"${CARGO_TARGET_DIR:-$REPO_ROOT/target}/release/examples/import_bench" "${1:-100000}" "${2:-5}"
