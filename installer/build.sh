#!/usr/bin/env bash
# Builds the one-folder frozen app and checks it: self-test (main window offscreen)
# and a few commands through the console executable on a throw-away database.
#   bash installer/build.sh [DIST_DIR] [WORK_DIR]     (defaults: /tmp/djdist /tmp/djbuild)
# Then packs the Linux tarball DIST_DIR/dj_desktop-<version>-linux-<arch>.tar.gz (the folder with
# install.sh, the desktop entry and the icon) for UOS / Kylin / Debian.
# Build outside the repository: PyInstaller writes hundreds of MB of files.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8 QT_QPA_PLATFORM=offscreen

dist=${1:-/tmp/djdist}
work=${2:-/tmp/djbuild}
pyinstaller=.venv/bin/pyinstaller
if [ ! -x "$pyinstaller" ]; then
  echo "PyInstaller is missing: run 'bash installer/dev.sh test' once, or .venv/bin/pip install -e '.[dev]'" >&2
  exit 1
fi

start=$(date +%s)
"$pyinstaller" --noconfirm --log-level WARN --distpath "$dist" --workpath "$work" installer/dj_desktop.spec
echo "built in $(( $(date +%s) - start )) s: $dist/dj_desktop ($(du -sh "$dist/dj_desktop" | cut -f1))"

app="$dist/dj_desktop"
"$app/dj_desktop" --self-test

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
last_year=$(( $(date +%Y) - 1 ))
"$app/dj_desktop_cli" demo --db "$scratch/demo.db"
"$app/dj_desktop_cli" reminders --db "$scratch/demo.db" --json > "$scratch/reminders.json"
"$app/dj_desktop_cli" report manual --year "$last_year" -o "$scratch/manual.pdf" --db "$scratch/demo.db"
[ -s "$scratch/reminders.json" ] && [ -s "$scratch/manual.pdf" ]
echo "frozen app ok: self-test, demo, reminders, report manual $last_year"

# The Linux tarball: the one-folder build plus its installer, desktop entry and icon.
cp installer/linux/install.sh installer/dj-desktop.desktop "$app/"
cp resources/icons/dj_desktop.png "$app/dj_desktop.png"
version=$(.venv/bin/python -c 'import dj_desktop; print(dj_desktop.__version__)')
tarball="$dist/dj_desktop-$version-linux-$(uname -m).tar.gz"
tar -C "$dist" -czf "$tarball.partial" dj_desktop && mv "$tarball.partial" "$tarball"
echo "tarball: $tarball ($(du -h "$tarball" | cut -f1))"
