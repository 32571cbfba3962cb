#!/usr/bin/env bash
# Tests the Windows build (target/windows, from scripts/build-windows.sh) under Wine:
#   - budget-cli.exe runs the command-line scenarios from C:\用户 数据\预算 2024\ (Chinese and a
#     space in the path, the database there too) and prints what the Linux binary prints;
#   - a 情况说明 .txt with Windows line endings, and one saved as GBK, read as the UTF-8 one;
#   - the official 科目表 listed and applied;
#   - published PDFs reviewed as on Linux, and the 公开情况检查表 written;
#   - the installer refuses to install without the WebView2 runtime, installs per user with it,
#     and its uninstaller removes the program but keeps the user's data.
# The app window itself needs WebView2, which Wine lacks: it is not run here.
# Prints "ok - …" / "not ok - …" per check and "# pass N" / "# fail N" at the end.
# Usage: scripts/test-windows.sh [LINUX_BUDGET_CLI]   (default target/debug/budget-cli)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

ensure_apt wine64
WINE="$(command -v wine64 || echo /usr/lib/wine/wine64)"
[ -x "$WINE" ] || die "找不到 wine64"
# Debian puts wineserver beside wine64, not on the PATH
wineserver() { "$(dirname "$(realpath "$WINE")")/wineserver" "$@"; }
linux_cli="$(realpath "${1:-target/debug/budget-cli}")"
win="$REPO_ROOT/target/windows"
[ -f "$win/budget-cli.exe" ] || die "缺少 $win/budget-cli.exe：请先运行 scripts/build-windows.sh"
[ -x "$linux_cli" ] || die "缺少 Linux 版 budget-cli：$linux_cli"

tmp="$(mktemp -d)"
trap 'WINEPREFIX="$tmp/prefix" wineserver -k 2>/dev/null || true; rm -rf "$tmp"' EXIT
export WINEPREFIX="$tmp/prefix" WINEDEBUG=-all WINEARCH=win64
# no Mono or Gecko prompts (nothing here needs .NET or the HTML engine), and no menu entries
# on this machine for the shortcuts the installer makes
export WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe=d"
say "准备 Wine 环境"
"$WINE" wineboot --init >/dev/null 2>&1
wineserver -w 2>/dev/null || true
# Wine 8.0 lacks bcryptprimitives.dll, which every Windows 10/11 has and Rust programs load at
# start: a stand-in for this Wine prefix only (packaging/windows/wine/bcryptprimitives.c)
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  packaging/windows/wine/bcryptprimitives.c -ladvapi32

pass=0
fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
not_ok() { echo "not ok - $1"; fail=$((fail + 1)); }

drive_c="$WINEPREFIX/drive_c"
work="$drive_c/用户 数据/预算 2024"
mkdir -p "$work"
cp tests/fixtures/*.xlsx "$work/"

# The same command by both binaries, in the same folder: stdout (Windows line endings removed)
# and exit code must be identical.
same() {
  local name="$1" dir="$2"
  shift 2
  local linux_out wine_out linux_code=0 wine_code=0
  linux_out="$(cd "$dir" && "$linux_cli" "$@")" || linux_code=$?
  wine_out="$(cd "$dir" && "$WINE" "$win/budget-cli.exe" "$@" 2>/dev/null | tr -d '\r')" || wine_code=$?
  if [ "$linux_out" = "$wine_out" ] && [ "$linux_code" = "$wine_code" ] && [ -n "$linux_out" ]; then
    ok "$name"
  else
    not_ok "$name (退出码 Linux $linux_code / Windows $wine_code)"
    diff <(echo "$linux_out") <(echo "$wine_out") | head -20 || true
  fi
}

for f in "$work"/*.xlsx; do
  same "check --json $(basename "$f")" "$work" check --json "$(basename "$f")"
done
same "check (文字输出) 若羌公开表" "$work" check ruoqiang-2024-budget-tables.xlsx
same "score --json 自评表" "$work" score --json seni-2023-self-evaluation.xlsx

# a 情况说明 as Notepad saves it: CRLF, and GBK; read as the UTF-8 original
for form in utf8 crlf gbk; do
  mkdir -p "$work/$form"
  cp tests/fixtures/putuo-planning-2024-final-accounts.xlsx "$work/$form/决算.xlsx"
done
cp tests/fixtures/putuo-planning-2024-final-accounts-narrative.txt "$work/utf8/情况说明.txt"
sed 's/$/\r/' tests/fixtures/putuo-planning-2024-final-accounts-narrative.txt > "$work/crlf/情况说明.txt"
iconv -f UTF-8 -t GBK tests/fixtures/putuo-planning-2024-final-accounts-narrative.txt > "$work/gbk/情况说明.txt"
for form in utf8 crlf gbk; do
  same "情况说明（$form）与决算表一起审核" "$work/$form" check --json 决算.xlsx 情况说明.txt
done
reference="$(cd "$work/utf8" && "$linux_cli" check --json 决算.xlsx 情况说明.txt || true)"
for form in crlf gbk; do
  got="$(cd "$work/$form" && "$WINE" "$win/budget-cli.exe" check --json 决算.xlsx 情况说明.txt 2>/dev/null | tr -d '\r' || true)"
  if [ "$got" = "$reference" ]; then ok "情况说明（$form）的审核结果与 UTF-8 原文相同"; else not_ok "情况说明（$form）的审核结果与 UTF-8 原文不同"; fi
done

# from nothing to an exported workbook, the database in the Chinese folder
python3 tests/e2e/bench/lines_workbook.py "$work/预算明细.xlsx" 300
run_win() { (cd "$work" && "$WINE" "$win/budget-cli.exe" "$@" 2>&1 | tr -d '\r'); }
steps_ok=1
run_win init --db "库 2024.sqlite" | grep -q "已新建数据库" || steps_ok=0
run_win unit add --db "库 2024.sqlite" --code 101 --name "若羌县人民政府办公室" --type 行政 | grep -q "已添加单位" || steps_ok=0
run_win import 预算明细.xlsx --db "库 2024.sqlite" --unit 101 --year 2024 | grep -q "已导入 300 条预算明细" || steps_ok=0
run_win export --db "库 2024.sqlite" --unit 101 --year 2024 --out "导出 公开表.xlsx" >/dev/null || steps_ok=0
if [ "$steps_ok" = 1 ] && [ -f "$work/库 2024.sqlite" ] && [ -f "$work/导出 公开表.xlsx" ]; then
  ok "init、unit add、import、export：数据库与导出文件在中文路径下"
else
  not_ok "init、unit add、import、export 在中文路径下未完成"
fi
# what Windows exported reviews as what Linux exports from the same lines
mkdir -p "$work/linux"
(cd "$work/linux" && "$linux_cli" init --db l.sqlite >/dev/null &&
  "$linux_cli" unit add --db l.sqlite --code 101 --name "若羌县人民政府办公室" >/dev/null &&
  "$linux_cli" import ../预算明细.xlsx --db l.sqlite --unit 101 --year 2024 >/dev/null &&
  "$linux_cli" export --db l.sqlite --unit 101 --year 2024 --out "../导出 公开表-linux.xlsx" >/dev/null)
windows_review="$(cd "$work" && "$linux_cli" check --json "导出 公开表.xlsx" | sed 's/导出 公开表.xlsx/X/' || true)"
linux_review="$(cd "$work" && "$linux_cli" check --json "导出 公开表-linux.xlsx" | sed 's/导出 公开表-linux.xlsx/X/' || true)"
if [ -n "$windows_review" ] && [ "$windows_review" = "$linux_review" ]; then
  ok "Windows 导出的公开表与 Linux 导出的审核结果相同"
else
  not_ok "Windows 导出的公开表与 Linux 导出的审核结果不同"
fi
same "units --json" "$work" units --json --db "库 2024.sqlite"

# the 报送包 between a department and the bureau, both on Windows paths with Chinese and spaces;
# a package made on Windows is received on Linux and the reverse, and a changed byte is refused
steps_ok=1
run_win package export --db "库 2024.sqlite" --unit 101 --year 2024 --out "报送 包.bdpkg" | grep -q "已导出" || steps_ok=0
run_win init --db "财政局 库.sqlite" >/dev/null || steps_ok=0
run_win unit add --db "财政局 库.sqlite" --code 101 --name "若羌县人民政府办公室" >/dev/null || steps_ok=0
run_win package import "报送 包.bdpkg" --db "财政局 库.sqlite" | grep -q "已接收" || steps_ok=0
run_win board --db "财政局 库.sqlite" --year 2024 | grep -q "若羌县人民政府办公室.*已报送" || steps_ok=0
if [ "$steps_ok" = 1 ]; then ok "报送包：Windows 上导出、导入，县级汇总显示已报送"; else not_ok "报送包在 Windows 上未完成"; fi
(cd "$work/linux" && "$linux_cli" init --db b.sqlite >/dev/null &&
  "$linux_cli" unit add --db b.sqlite --code 101 --name "若羌县人民政府办公室" >/dev/null)
if (cd "$work/linux" && "$linux_cli" package import "../报送 包.bdpkg" --db b.sqlite | grep -q "已接收"); then
  ok "Windows 导出的报送包在 Linux 上通过校验并接收"
else
  not_ok "Windows 导出的报送包在 Linux 上未能接收"
fi
(cd "$work/linux" && "$linux_cli" package export --db l.sqlite --unit 101 --year 2024 --out linux.bdpkg >/dev/null)
out="$(run_win package import linux/linux.bdpkg --db "财政局 库.sqlite" --dry-run || true)"
if echo "$out" | grep -q "与上次报送相比没有变化"; then
  ok "Linux 导出的报送包在 Windows 上通过校验，与上次报送相同"
else
  not_ok "Linux 导出的报送包在 Windows 上：$out"
fi
python3 - "$work/linux/linux.bdpkg" "$work/改过的包.bdpkg" <<'PY'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w") as b:
    for item in a.infolist():
        data = a.read(item.filename)
        if item.filename == "data.json":
            data = data.replace(b'"2024"', b'"2025"', 1) if b'"2024"' in data else data[:-2] + b" \n"
        b.writestr(item.filename, data)
PY
before="$(sha256sum "$work/财政局 库.sqlite")"
out="$(run_win package import 改过的包.bdpkg --db "财政局 库.sqlite" || true)"
if echo "$out" | grep -q "与清单记录的校验值不符" && [ "$(sha256sum "$work/财政局 库.sqlite")" = "$before" ]; then
  ok "改过一个字节的报送包被拒绝，数据库未动"
else
  not_ok "改过的报送包：$out"
fi

# the official yearly 科目表: listed, then applied, on a Chinese path, as on Linux
python3 - "$work/2025 科目表.xlsx" <<'PY'
import sys
sys.path.insert(0, "tests/e2e/bench")
import lines_workbook as book  # its stdlib xlsx writer, with a catalog's two columns
book.HEADER = ["科目编码", "科目名称"]
book.lines = lambda n: [["201", "一般公共服务支出"], ["2010361", "数字政府建设"], ["2011301", "行政运行"]]
book.write(sys.argv[1], 0)
PY
(cd "$work" && "$linux_cli" init --db "科目 linux.sqlite" >/dev/null && "$WINE" "$win/budget-cli.exe" init --db "科目 库.sqlite" >/dev/null 2>&1) || true
same "catalog 列出新增的科目" "$work" catalog "2025 科目表.xlsx" --db "科目 linux.sqlite" --year 2025
out="$(cd "$work" && "$WINE" "$win/budget-cli.exe" catalog "2025 科目表.xlsx" --db "科目 库.sqlite" --year 2025 --apply 2>&1 | tr -d '\r')" || true
again="$(cd "$work" && "$WINE" "$win/budget-cli.exe" catalog "2025 科目表.xlsx" --db "科目 库.sqlite" --year 2025 2>&1 | tr -d '\r')" || true
if echo "$out" | grep -q "已写入数据库" && echo "$again" | grep -q "新增 0 个"; then
  ok "catalog --apply：写入中文路径下的数据库，再列出时已无新增"
else
  not_ok "catalog --apply 在 Windows 上：$out / $again"
fi

# published PDFs: the same 审核 as on Linux (pdf-extract built for Windows), a scanned and an
# encrypted one answered in Chinese without stopping the batch, and the 公开情况检查表 written
# with the same sheets
mkdir -p "$work/公开 PDF"
cp tests/fixtures/pdf/*.pdf "$work/公开 PDF/"
for f in "$work/公开 PDF"/*.pdf; do
  same "check --json $(basename "$f")" "$work/公开 PDF" check --json "$(basename "$f")"
done
same "check（文字输出）规划和自然资源局决算 PDF" "$work/公开 PDF" check putuo-planning-2024-department-final-accounts.pdf
sheets() { python3 -c 'import re, sys, zipfile; print("|".join(re.findall(r"<sheet [^>]*name=\"([^\"]+)\"", zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode())))' "$1"; }
(cd "$work/公开 PDF" && "$linux_cli" checklist ./*.pdf --out "$tmp/检查表 linux.xlsx" >/dev/null 2>&1) || true
(cd "$work/公开 PDF" && "$WINE" "$win/budget-cli.exe" checklist ./*.pdf --out "公开情况 检查表.xlsx" >/dev/null 2>&1) || true
if [ -f "$work/公开 PDF/公开情况 检查表.xlsx" ] && [ "$(sheets "$work/公开 PDF/公开情况 检查表.xlsx" | tr '|' '\n' | sort)" = "$(sheets "$tmp/检查表 linux.xlsx" | tr '|' '\n' | sort)" ]; then
  ok "checklist：中文路径下写出公开情况检查表，工作表与 Linux 相同"
else
  not_ok "checklist 在 Windows 上未写出相同的检查表"
fi

# a workbook Excel holds open: named as such, on reading and on writing, and nothing half-written
x86_64-w64-mingw32-gcc -municode -O2 -o "$tmp/hold_open.exe" packaging/windows/wine/hold_open.c
hold() { # hold FILE SECONDS: returns once the file is held
  (cd "$work" && "$WINE" "$tmp/hold_open.exe" "$1" "$2" > "$tmp/held.log" 2>/dev/null) &
  for _ in $(seq 50); do grep -q held "$tmp/held.log" 2>/dev/null && return 0; sleep 0.2; done
  return 1
}
locked="文件正被其他程序（如 Excel、Word 或 WPS）打开，请关闭后重试"
hold ruoqiang-2024-budget-tables.xlsx 8
out="$(cd "$work" && "$WINE" "$win/budget-cli.exe" check ruoqiang-2024-budget-tables.xlsx 2>&1 | tr -d '\r')" || true
if echo "$out" | grep -q "$locked"; then ok "审核被 Excel 打开的工作簿：提示关闭后重试"; else not_ok "审核被占用的工作簿：$out"; fi
out="$(cd "$work" && "$WINE" "$win/budget-cli.exe" import ruoqiang-2024-budget-tables.xlsx --db "库 2024.sqlite" --unit 101 --year 2024 2>&1 | tr -d '\r')" || true
if echo "$out" | grep -q "$locked"; then ok "导入被 Excel 打开的工作簿：提示关闭后重试"; else not_ok "导入被占用的工作簿：$out"; fi
wait
before="$(sha256sum "$work/导出 公开表.xlsx")"
hold "导出 公开表.xlsx" 8
code=0
out="$(cd "$work" && "$WINE" "$win/budget-cli.exe" export --db "库 2024.sqlite" --unit 101 --year 2024 --out "导出 公开表.xlsx" 2>&1 | tr -d '\r')" || code=$?
wait
if [ "$code" -ne 0 ] && echo "$out" | grep -q "$locked" && [ "$(sha256sum "$work/导出 公开表.xlsx")" = "$before" ]; then
  ok "导出到被 Excel 打开的文件：提示关闭后重试，原文件未动"
else
  not_ok "导出到被占用的文件（退出码 $code）：$out"
fi

# the installer
setup="$win/budget-desk-setup.exe"
user="${USER:-$(id -un)}"
programs="$drive_c/users/$user/AppData/Local/Programs/预算公开助手"
[ -d "$drive_c/users/$user" ] || programs="$(find "$drive_c/users" -maxdepth 1 -mindepth 1 -type d ! -name Public | head -n1)/AppData/Local/Programs/预算公开助手"
code=0
"$WINE" "$setup" /S >/dev/null 2>&1 || code=$?
wineserver -w 2>/dev/null || true
if [ "$code" -ne 0 ] && [ ! -e "$programs/budget-desk.exe" ]; then
  ok "没有 WebView2 运行时：安装程序拒绝安装（退出码 $code）"
else
  not_ok "没有 WebView2 运行时却安装了（退出码 $code）"
fi
"$WINE" reg add 'HKCU\Software\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}' \
  /v pv /t REG_SZ /d 120.0.2210.91 /f >/dev/null 2>&1
code=0
"$WINE" "$setup" /S >/dev/null 2>&1 || code=$?
wineserver -w 2>/dev/null || true
installed=0
if [ "$code" -eq 0 ] && [ -f "$programs/budget-desk.exe" ] && [ -f "$programs/budget-cli.exe" ] &&
  [ -f "$programs/WebView2Loader.dll" ] && [ -f "$programs/uninstall.exe" ] &&
  find "$drive_c/users/$user" -name "预算公开助手.lnk" | grep -q .; then
  installed=1
  ok "有 WebView2 运行时：按用户安装到 %LOCALAPPDATA%\\Programs\\预算公开助手，并建了快捷方式"
else
  not_ok "安装后缺少文件（退出码 $code）：$(ls "$programs" 2>&1 | tr '\n' ' ')"
fi
installed_cli="$(cd "$work" && "$WINE" "$programs/budget-cli.exe" --version 2>/dev/null | tr -d '\r' || true)"
if [ "$installed_cli" = "budget-cli $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)" ]; then
  ok "安装的 budget-cli.exe 可以运行"
else
  not_ok "安装的 budget-cli.exe 无法运行：$installed_cli"
fi
data="$(dirname "$(dirname "$(dirname "$programs")")")/Roaming/cn.budgetdesk.app"
mkdir -p "$data"
echo "用户的数据" > "$data/budget.sqlite"
"$WINE" "$programs/uninstall.exe" /S "_?=$(WINEDEBUG=-all "$WINE" winepath -w "$programs" 2>/dev/null | tr -d '\r')" >/dev/null 2>&1 || true
wineserver -w 2>/dev/null || true
if [ "$installed" = 1 ] && [ ! -e "$programs/budget-desk.exe" ] && [ -f "$data/budget.sqlite" ] &&
  ! find "$drive_c/users/$user" -name "预算公开助手.lnk" | grep -q .; then
  ok "卸载删除程序和快捷方式，保留用户数据"
else
  not_ok "卸载后：程序 $( [ -e "$programs/budget-desk.exe" ] && echo 仍在 || echo 已删)，数据 $( [ -f "$data/budget.sqlite" ] && echo 仍在 || echo 丢失)"
fi

echo "# pass $pass"
echo "# fail $fail"
[ "$fail" -eq 0 ]
