#!/bin/sh
# Installs 支部台账 from the unpacked tarball (UOS, Kylin, Debian, Ubuntu …).
#   sudo ./install.sh            → /opt/dj_desktop, menu entry for every user
#   ./install.sh                 → ~/.local/opt/dj_desktop, menu entry for this user only
#   ./install.sh --user          per-user install even as root
#   ./install.sh [--user] --uninstall   removes the program; the branch's data is kept
# The branch's data (database, backups, attachments) lives in ~/.local/share/dj_desktop and is
# never touched by installing, upgrading or uninstalling.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
per_user=no
if [ "${1:-}" = "--user" ]; then per_user=yes; shift; fi
if [ "$(id -u)" = 0 ] && [ "$per_user" = no ]; then
  prefix=/opt/dj_desktop; bin=/usr/local/bin; apps=/usr/share/applications
  icons=/usr/share/icons/hicolor/256x256/apps
else
  prefix=$HOME/.local/opt/dj_desktop; bin=$HOME/.local/bin; apps=$HOME/.local/share/applications
  icons=$HOME/.local/share/icons/hicolor/256x256/apps
fi

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$prefix"
  rm -f "$bin/dj_desktop" "$bin/dj_desktop_cli" "$apps/dj-desktop.desktop" "$icons/dj_desktop.png"
  echo "支部台账已卸载；数据保留在 ~/.local/share/dj_desktop"
  exit 0
fi

mkdir -p "$prefix" "$bin" "$apps" "$icons"
# An upgrade replaces the whole program folder: no stale module from an older build stays.
rm -rf "$prefix/_internal"
cp -R "$here/." "$prefix/"
ln -sf "$prefix/dj_desktop" "$bin/dj_desktop"
ln -sf "$prefix/dj_desktop_cli" "$bin/dj_desktop_cli"
cp "$here/dj_desktop.png" "$icons/dj_desktop.png"
sed "s|^Exec=.*|Exec=$prefix/dj_desktop|" "$here/dj-desktop.desktop" > "$apps/dj-desktop.desktop"
chmod 644 "$apps/dj-desktop.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" >/dev/null 2>&1 || true
echo "支部台账已安装到 $prefix（开始菜单：办公 → 支部台账）"
