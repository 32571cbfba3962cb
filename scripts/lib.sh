# Shared by start.sh and test.sh: install what is missing, never what is already there.
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

# Debian packages the app needs to build, run and be tested under a virtual display.
APT_BUILD_PACKAGES=(
  build-essential pkg-config
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev
  fonts-noto-cjk
)
# poppler-utils: the print tests read the PDFs LibreOffice writes (pdftotext) and render them
# (pdftoppm). fonts-crosextra-carlito: Calibri's metric twin, so that LibreOffice measures column
# widths as Excel and WPS do on Windows (a workbook's column unit is its default font's digit).
APT_TEST_PACKAGES=(xvfb xauth webkit2gtk-driver imagemagick libreoffice-calc libreoffice-writer
  poppler-utils fonts-crosextra-carlito python3-xlib)

# The Windows build from this machine: the mingw-w64 cross toolchain, NSIS for the installer,
# and Wine to run budget-cli.exe in the tests.
APT_WINDOWS_PACKAGES=(gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 nsis wine64)

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m错误：\033[0m%s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "需要 root 权限安装系统软件包（$*），请用 root 运行或安装 sudo。"
  fi
}

ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "安装系统软件包：${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

version_at_least() { # version_at_least HAVE WANT
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

ensure_rust() {
  [ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
  command -v cargo >/dev/null || die "没有找到 Rust 工具链（cargo）。请先安装 Rust 1.80 或更高版本。"
  local have
  have="$(rustc --version | awk '{print $2}')"
  version_at_least "$have" "1.80.0" || die "Rust 版本 $have 太旧，需要 1.80 或更高。"
}

ensure_node() {
  if ! command -v node >/dev/null; then
    ensure_apt nodejs npm
  fi
  local have
  have="$(node --version | sed 's/^v//')"
  version_at_least "$have" "20.19.0" || die "Node.js 版本 $have 太旧，界面构建需要 20.19 或更高。"
}

ensure_ui_packages() {
  local stamp="$REPO_ROOT/ui/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$REPO_ROOT/ui/package-lock.json" -nt "$stamp" ]; then
    say "安装界面依赖（npm ci）"
    (cd "$REPO_ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

build_ui() {
  say "构建界面"
  (cd "$REPO_ROOT/ui" && npm run --silent build)
}
