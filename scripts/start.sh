#!/usr/bin/env bash
# Installs what is missing, builds, and opens 预算公开助手 on the default database
# (per-user app-data directory; pass --db PATH or set BUDGET_DESK_DB to use another file).
# Usage: scripts/start.sh [--release] [--db PATH]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

profile=debug
app_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --release) profile=release ;;
    *) app_args+=("$1") ;;
  esac
  shift
done

ensure_apt "${APT_BUILD_PACKAGES[@]}"
ensure_rust
ensure_node
ensure_ui_packages
build_ui

say "编译程序（首次约需 3–7 分钟）"
cargo_flags=(-p budget-desk -p budget-cli)
[ "$profile" = release ] && cargo_flags+=(--release)
(cd "$REPO_ROOT" && cargo build "${cargo_flags[@]}")
bin="$REPO_ROOT/target/$profile/budget-desk"

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  say "启动预算公开助手"
  exec "$bin" "${app_args[@]}"
fi

# No screen attached (a server or a container): run on a virtual display and keep a screenshot.
ensure_apt "${APT_TEST_PACKAGES[@]}"
shot="$REPO_ROOT/target/start-screenshot.png"
say "没有图形显示，改在虚拟显示中运行；截图保存在 $shot，按 Ctrl+C 退出"
exec xvfb-run -a -s "-ac -screen 0 1280x800x24 -nolisten tcp" bash -c '
  "$0" "${@}" &
  app=$!
  trap "kill $app 2>/dev/null" INT TERM EXIT
  sleep 8 && import -window root "'"$shot"'" && echo "截图已保存：'"$shot"'"
  wait $app
' "$bin" "${app_args[@]}"
