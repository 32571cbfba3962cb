#!/usr/bin/env bash
# Coverage-guided fuzzing (AFL++ through cargo-afl) of everything that reads files or text from
# outside: the workbook reader, the 情况说明 check, the money and indicator-value parsers and the
# lines/targets/自评表 importers. Not part of CI (scripts/test.sh runs a one-minute smoke run).
#
#   scripts/fuzz.sh [target|all] [seconds per target]
#
# Targets: money indicator narrative importers lines sheet_xml workbook (see fuzz/src/lib.rs).
# Corpora are seeded from the repository's fixtures only; results are in fuzz/out/<target>/.
# A crash is reproduced with: fuzz/target/debug/fuzz-tool replay <target> <file>
set -euo pipefail
. "$(dirname "$0")/lib.sh"

target="${1:-all}"
seconds="${2:-300}"
targets=(money indicator narrative importers lines sheet_xml workbook)
if [ "$target" != all ]; then
  printf '%s\n' "${targets[@]}" | grep -qx "$target" || die "未知的模糊测试目标：$target（可用：${targets[*]}）"
  targets=("$target")
fi

ensure_apt build-essential llvm
ensure_rust
if ! command -v cargo-afl >/dev/null; then
  say "安装 cargo-afl（含 AFL++）"
  cargo install cargo-afl --locked
fi
# The AFL++ runtime is built once per Rust version; "already built" is the usual answer.
if ! out="$(cargo afl config --build 2>&1)"; then
  grep -q "already built" <<<"$out" || { echo "$out"; die "AFL++ 运行时构建失败"; }
fi

cd "$REPO_ROOT/fuzz"
say "构建模糊测试目标（fuzz/target，与主构建分开）"
cargo afl build --release --features afl --bin afl-target
cargo build --bin fuzz-tool

say "用仓库中的测试样例生成种子语料"
rm -rf out/seeds
target/debug/fuzz-tool seeds all out/seeds

# No CPU frequency or core-dump tuning on shared machines; a seed that fails is reported below,
# not a reason to stop the whole run.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
  AFL_IGNORE_SEED_PROBLEMS=1 AFL_AUTORESUME=1 AFL_NO_UI=1

for t in "${targets[@]}"; do
  say "模糊测试 $t：${seconds} 秒（超时 2 秒，内存上限 4 GB）"
  cargo afl fuzz -i "out/seeds/$t" -o "out/$t" -t 2000 -m 4096 -V "$seconds" \
    -- target/release/afl-target "$t" >"out/$t.log" 2>&1 || {
    tail -n 30 "out/$t.log"
    die "afl-fuzz 在目标 $t 上异常退出，日志：fuzz/out/$t.log"
  }
done

stat() { sed -n "s/^$2 *: *//p" "out/$1/default/fuzzer_stats"; }
echo
printf '%-10s %12s %8s %8s %6s\n' target execs seconds crashes hangs
for t in "${targets[@]}"; do
  printf '%-10s %12s %8s %8s %6s\n' "$t" "$(stat "$t" execs_done)" "$(stat "$t" run_time)" \
    "$(stat "$t" saved_crashes)" "$(stat "$t" saved_hangs)"
done
found="$(find out/*/default/crashes out/*/default/hangs -type f -name 'id:*' 2>/dev/null || true)"
if [ -n "$found" ]; then
  echo
  say "发现的崩溃或超时输入（先最小化并写成回归测试，再修复）："
  echo "$found"
  exit 1
fi
