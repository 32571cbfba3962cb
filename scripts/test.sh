#!/usr/bin/env bash
# Installs what is missing and runs every test: formatting and lints, the Rust unit and
# integration tests, the UI's type check, lint and unit tests, and the end-to-end tests that
# drive the real app window through WebDriver under a virtual display.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

logs="$REPO_ROOT/target/test-logs"
mkdir -p "$logs"
passed=0
failed=0

# Adds a suite's counts to the totals: count_results PASSED FAILED
count_results() { passed=$((passed + $1)); failed=$((failed + $2)); }

finish() {
  local status=$?
  echo
  if [ "$status" -eq 0 ]; then say "全部测试通过"; else say "测试未通过（退出码 $status），日志在 $logs"; fi
  echo "total: $passed passed, $failed failed"
}
trap finish EXIT

ensure_apt "${APT_BUILD_PACKAGES[@]}" "${APT_TEST_PACKAGES[@]}"
ensure_rust
ensure_node
ensure_ui_packages

say "界面：类型检查并构建（程序会内嵌构建结果）"
build_ui

say "界面：代码检查（eslint）"
(cd ui && npm run --silent lint)

say "界面：单元测试（vitest）"
(cd ui && npx --no-install vitest run --reporter=default --reporter=json --outputFile="$logs/vitest.json")
read -r vp vf < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests)' "$logs/vitest.json")
count_results "$vp" "$vf"

say "Rust：格式与 clippy"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

say "Rust：编译并运行单元与集成测试"
cargo build --workspace --locked
cargo test --workspace --locked 2>&1 | tee "$logs/cargo-test.log"
read -r cp cf < <(sed 's/\x1b\[[0-9;]*m//g' "$logs/cargo-test.log" |
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } } END { print p+0, f+0 }')
count_results "$cp" "$cf"

say "模糊测试冒烟：测试样例及其变异各读一遍（约一分钟，完整模糊测试见 scripts/fuzz.sh）"
(cd fuzz && cargo build --bin fuzz-tool)
# A memory cap turns a runaway allocation into a failure here instead of on the machine.
(ulimit -v 4194304 && fuzz/target/debug/fuzz-tool smoke 60)

if git -C "$REPO_ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  say "检查 ui/src/bindings 与 Rust 类型一致"
  stale="$(git -C "$REPO_ROOT" status --porcelain -- ui/src/bindings)"
  if [ -n "$stale" ]; then
    echo "$stale"
    die "ui/src/bindings 已过期：请运行 cargo test 重新生成并提交。"
  fi
fi

say "Windows：交叉编译程序与安装程序，在 Wine 中测试 budget-cli.exe 与安装程序"
windows_status=0
SKIP_UI_BUILD=1 bash scripts/build-windows.sh 2>&1 | tee "$logs/windows-build.log" || windows_status=1
if [ "$windows_status" -eq 0 ]; then
  bash scripts/test-windows.sh target/debug/budget-cli 2>&1 | tee "$logs/windows.log" || windows_status=1
  wp="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$logs/windows.log" | tail -n1)"
  wf="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$logs/windows.log" | tail -n1)"
  count_results "${wp:-0}" "${wf:-1}"
else
  count_results 0 1
fi

say "端到端测试：在虚拟显示中通过 WebDriver 操作真实程序窗口"
BUDGET_DESK_BIN="$REPO_ROOT/target/debug/budget-desk" \
  xvfb-run -a -s "-ac -screen 0 1280x800x24 -nolisten tcp" \
  node --test --test-concurrency=1 tests/e2e/ 2>&1 | tee "$logs/e2e.log"
ep="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$logs/e2e.log" | tail -n1)"
ef="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$logs/e2e.log" | tail -n1)"
count_results "${ep:-0}" "${ef:-0}"
[ "${ef:-1}" -eq 0 ] || exit 1
[ "$windows_status" -eq 0 ] || exit 1
