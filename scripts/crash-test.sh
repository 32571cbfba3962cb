#!/usr/bin/env bash
# The crash-safety tests at full strength: each operation (lines import, targets import, grid
# save of 10,000 lines, migration) is killed with SIGKILL 100 times at random moments, and the
# database is checked after each kill (tests/tests/crash_safety.rs). `cargo test` runs the same
# tests with 8 kills each and 2,000 lines. Release build, one test at a time so that the
# measured duration of an operation is not disturbed by the others.
# Usage: scripts/crash-test.sh [KILLS] [LINES] [SEED]   (defaults 100, 10000 and 20240218)
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
export CRASH_KILLS="${1:-100}" CRASH_LINES="${2:-10000}" CRASH_SEED="${3:-20240218}"
log="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/crash-test.log"
mkdir -p "$(dirname "$log")"
start=$(date +%s)
cargo test --release --locked -q -p budget-tests --test crash_safety -- --nocapture --test-threads=1 2>&1 |
  tee "$log" | grep -oE 'crash [a-z-]+: .*|test result.*|panicked.*|FAILED.*'
echo "crash-test: ${CRASH_KILLS} kills per operation, ${CRASH_LINES} lines, seed ${CRASH_SEED}: $(( $(date +%s) - start )) s"
