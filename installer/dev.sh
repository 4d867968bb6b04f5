#!/usr/bin/env bash
# Developer entry point: sets everything up, then runs the program or the tests.
#   bash installer/dev.sh run [ARGS…]   start the GUI (demo database on first start)
#   bash installer/dev.sh test [ARGS…]  run the whole test suite
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8

QT_DEBS="libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3"
TEST_DEBS="xvfb xauth poppler-utils postgresql"

missing_debs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  echo "${missing[@]:-}"
}

ensure_debs() {
  command -v dpkg-query >/dev/null || return 0   # not Debian/Ubuntu: nothing we can check
  local missing
  missing=$(missing_debs "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "Installing system packages: $missing"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "Missing system packages (Qt needs them): $missing" >&2
    echo "Install them with: sudo apt-get install $missing" >&2
    return 1
  fi
}

ensure_venv() {
  local py=${PYTHON:-python3}
  if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "Python 3.11 or newer is needed (found: $("$py" --version 2>&1))." >&2
    exit 1
  fi
  [ -x .venv/bin/python ] || "$py" -m venv .venv
  local stamp=.venv/.setup-stamp want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing Python packages into .venv …"
    # Some machines configure extra local package indexes that do not exist; pip warns
    # about each one. Drop only those warnings, keep every other message.
    .venv/bin/python -m pip install -q --upgrade pip 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
    # compat mode: a plain path entry; the default editable finder adds ~40 ms to every start.
    .venv/bin/python -m pip install -q -e '.[dev]' --config-settings editable_mode=compat 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
    echo "$want" > "$stamp"
  fi
}

cmd=${1:-run}; shift || true
case "$cmd" in
  run)
    ensure_debs $QT_DEBS
    ensure_venv
    exec .venv/bin/python -m dj_desktop "$@"
    ;;
  test)
    ensure_debs $QT_DEBS $TEST_DEBS
    ensure_venv
    export QT_QPA_PLATFORM=offscreen
    set +e
    # One worker per core; a test file stays on one worker (its module fixtures are built once).
    .venv/bin/python -m pytest -q -n auto --dist loadfile "$@"
    rc=$?
    set -e
    [ "$rc" = 5 ] && { echo "no tests ran" >&2; exit 1; }
    exit "$rc"
    ;;
  *)
    echo "usage: bash installer/dev.sh run|test [ARGS…]" >&2; exit 2 ;;
esac
