#!/usr/bin/env bash
# Cross-builds the Windows program on Debian with mingw-w64 and writes into target/windows/:
#   budget-desk.exe        the app, its UI embedded
#   budget-cli.exe         the command line
#   WebView2Loader.dll     the one library the app loads beside it (the WebView2 runtime itself
#                          comes with Windows 10 1809+ / 11, or from an offline installer)
#   budget-desk-setup.exe  the per-user installer (packaging/windows/installer.nsi, makensis)
# Usage: scripts/build-windows.sh            (SKIP_UI_BUILD=1 when ui/dist is already built)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

TARGET=x86_64-pc-windows-gnu
ensure_apt "${APT_BUILD_PACKAGES[@]}" "${APT_WINDOWS_PACKAGES[@]}"
ensure_rust
if ! rustup target list --installed | grep -qx "$TARGET"; then
  say "安装 Rust 的 Windows 目标（$TARGET）"
  rustup target add "$TARGET"
fi
if [ "${SKIP_UI_BUILD:-}" != 1 ]; then
  ensure_node
  ensure_ui_packages
  build_ui
fi

say "交叉编译 Windows 版程序（release，首次约需 5–8 分钟）"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
# the C runtime and libgcc linked in, so that the program needs no mingw DLL beside it
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-C target-feature=+crt-static"
cargo build --release --locked --target "$TARGET" -p budget-desk -p budget-cli

out="$REPO_ROOT/target/windows"
built="$REPO_ROOT/target/$TARGET/release"
rm -rf "$out"
mkdir -p "$out"
cp "$built/budget-desk.exe" "$built/budget-cli.exe" "$out/"
# symbols are for debuggers, not for the users' download (35 MB → about a third)
x86_64-w64-mingw32-strip "$out/budget-desk.exe" "$out/budget-cli.exe"
loader="$(find "$built" -path '*x64/WebView2Loader.dll' -print -quit)"
[ -n "$loader" ] || die "找不到 WebView2Loader.dll（应由 webview2-com-sys 的构建脚本提供）"
cp "$loader" "$out/"

# Nothing else may be needed beside the program: every DLL it imports must come with Windows.
for exe in "$out/budget-desk.exe" "$out/budget-cli.exe"; do
  extra="$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^\s*DLL Name: //p' |
    grep -viE '^(combase|kernel32|user32|gdi32|advapi32|shell32|ole32|oleaut32|comctl32|comdlg32|ws2_32|bcrypt|bcryptprimitives|ntdll|userenv|dwmapi|uxtheme|shlwapi|version|winmm|imm32|crypt32|secur32|setupapi|api-ms-win-.*|msvcrt|rpcrt4|propsys|uiautomationcore|dbghelp|powrprof|iphlpapi|netapi32|winspool\.drv|d2d1|d3d11|dxgi|dcomp|gdiplus|msimg32|usp10|windowscodecs|webview2loader)\.dll$' || true)"
  [ -z "$extra" ] || die "$(basename "$exe") 还需要这些 DLL：$extra"
done

version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)"
say "生成安装程序（makensis）"
makensis -V2 -INPUTCHARSET UTF8 \
  -DVERSION="$version" -DSOURCE="$out" -DICON="$REPO_ROOT/icons/icon.ico" \
  -DOUTFILE="$out/budget-desk-setup.exe" packaging/windows/installer.nsi

say "Windows 版已生成："
ls -l "$out"
