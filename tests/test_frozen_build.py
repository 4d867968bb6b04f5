"""CI builds the installable app once (PyInstaller, one folder) and runs the frozen program's checks.

``installer/build.sh`` freezes the program, runs ``--self-test`` (a new database migrated, every tab
built offscreen, a PDF printed, a bundle written and imported by an office), then ``demo``,
``reminders`` and ``report manual`` through the console executable, and packs the Linux tarball.
This test runs that script and then checks what the build carries and that the tarball installs.
Measured on the 2-core build machine: installer/README.md ("Size and time").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYINSTALLER = Path(sys.executable).with_name("pyinstaller")

pytestmark = [
    pytest.mark.skipif(sys.platform != "linux", reason="the Linux build; Windows builds on Windows (installer/README.md)"),
    pytest.mark.skipif(not PYINSTALLER.exists() and not os.environ.get("CI"), reason="PyInstaller not installed"),
]


@pytest.fixture(scope="module")
def frozen(tmp_path_factory):
    base = tmp_path_factory.mktemp("frozen")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    done = subprocess.run(["bash", str(ROOT / "installer" / "build.sh"), str(base / "dist"), str(base / "work")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    shutil.rmtree(base / "work", ignore_errors=True)
    return base / "dist", done.stdout


@pytest.mark.timeout(900)
def test_the_frozen_app_passes_its_self_test_and_commands(frozen):
    _dist, log = frozen
    for line in ("database created and migrated", "main window built", "printed", "bundle written", "encrypted",
                 "self-test ok", "frozen app ok"):
        assert line in log, log
    built = [line for line in log.splitlines() if line.startswith("built in ")]
    print("\n" + built[0])


@pytest.mark.timeout(900)
def test_the_build_carries_its_resources(frozen):
    dist, _log = frozen
    internal = dist / "dj_desktop" / "_internal"
    assert list((internal / "resources" / "fonts").glob("*.tt*"))
    assert (internal / "resources" / "locale" / "zh_CN" / "LC_MESSAGES" / "trust2.po").is_file()
    assert list((internal / "resources" / "rulesets").glob("*/*.json"))
    assert list((internal / "resources" / "templates").iterdir()) if (ROOT / "resources" / "templates").is_dir() else True
    assert list((internal / "dj_desktop" / "core" / "migrations" / "versions").glob("0001_*.py"))
    assert (internal / "docs" / "用户手册.md").is_file()


@pytest.mark.timeout(900)
def test_the_linux_tarball_installs_for_one_user_with_a_menu_entry(frozen, tmp_path):
    dist, _log = frozen
    tarballs = list(dist.glob("dj_desktop-*-linux-*.tar.gz"))
    assert len(tarballs) == 1
    with tarfile.open(tarballs[0]) as tar:
        names = set(tar.getnames())
        assert {"dj_desktop/dj_desktop", "dj_desktop/dj_desktop_cli", "dj_desktop/install.sh",
                "dj_desktop/dj-desktop.desktop", "dj_desktop/dj_desktop.png"} <= names
        tar.extractall(tmp_path / "unpacked", filter="tar")
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    subprocess.run(["sh", str(tmp_path / "unpacked" / "dj_desktop" / "install.sh"), "--user"], env=env, check=True)
    entry = (home / ".local" / "share" / "applications" / "dj-desktop.desktop").read_text(encoding="utf-8")
    assert "Name=支部台账" in entry and f"Exec={home}/.local/opt/dj_desktop/dj_desktop" in entry
    assert (home / ".local" / "bin" / "dj_desktop_cli").resolve().is_file()
    data = home / ".local" / "share" / "dj_desktop"
    data.mkdir(parents=True)
    (data / "branch.db").write_bytes(b"kept")
    subprocess.run(["sh", str(home / ".local" / "opt" / "dj_desktop" / "install.sh"), "--user", "--uninstall"], env=env, check=True)
    assert not (home / ".local" / "opt" / "dj_desktop").exists()
    assert (data / "branch.db").read_bytes() == b"kept"
