"""The main window shell: tabs, status bar, language setting, switching databases, the self-test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from dj_desktop.gui import app as gui_app
from dj_desktop.gui.preferences import Preferences
from dj_desktop.gui.tabs.organisation import OrganisationTab
from dj_desktop.gui.tabs.roster import RosterTab

REPO = Path(__file__).resolve().parents[2]


def test_window_has_the_roster_and_organisation_tabs(main_window, demo_db_path):
    titles = [main_window.tabs.tabText(i) for i in range(main_window.tabs.count())]
    assert "花名册" in titles and "组织设置" in titles
    assert isinstance(main_window.tab(RosterTab), RosterTab)
    assert isinstance(main_window.tab(OrganisationTab), OrganisationTab)
    assert str(demo_db_path) in main_window.database_label.text()
    menus = [a.text() for a in main_window.menuBar().actions()]
    assert menus[0].startswith("文件")
    assert main_window.import_action.text() and main_window.undo_import_action.text()


def test_language_choice_is_saved_for_the_next_start(main_window, preferences, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    assert preferences.language == "zh_CN"
    main_window.language_actions["en"].trigger()
    assert shown and "下次启动" in shown[0]
    assert Preferences(preferences.path).language == "en"


def test_open_database_switches_to_a_new_window(qtbot, main_window, tmp_path, demo_copy):
    other = demo_copy(tmp_path / "other.db")
    gui_app.switch_database(main_window, str(other))
    new_window = gui_app._keep_alive[-1]
    qtbot.addWidget(new_window)
    assert new_window is not main_window and new_window.isVisible()
    assert str(other) in new_window.database_label.text()
    assert not main_window.isVisible()
    assert new_window.job_runner is main_window.job_runner
    assert main_window.preferences.last_database == str(other)
    gui_app._keep_alive.remove(new_window)
    new_window.services.db.dispose()


def test_open_a_file_that_is_not_a_database_says_so(main_window, tmp_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    bogus = tmp_path / "notes.db"
    bogus.write_text("hello", encoding="utf-8")
    gui_app.switch_database(main_window, str(bogus))
    assert shown and "notes.db" in shown[0]
    assert main_window.isVisible()


def test_self_test_command_exits_zero(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8", "HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-m", "dj_desktop", "--self-test"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "self-test ok" in done.stdout
    assert not (tmp_path / "data").exists()  # it touched no user database


class _Opened(Exception):
    """Stops run_gui right after it chose which database to open."""


def _start_and_see_which_database(preferences, monkeypatch) -> str:
    def refuse(target, **_options):
        raise _Opened(str(target))

    monkeypatch.setattr(gui_app, "open_database", refuse)
    try:
        gui_app.run_gui(preferences=preferences)
    except _Opened as opened:
        return str(opened)
    raise AssertionError("run_gui opened no database")


def test_next_start_opens_the_database_chosen_last_time(tmp_path, demo_copy, monkeypatch):
    chosen = demo_copy(tmp_path / "office-copy.db")
    default = demo_copy(tmp_path / "default.db")
    monkeypatch.setattr(gui_app, "default_database_path", lambda: default)
    preferences = Preferences(tmp_path / "preferences.ini")
    preferences.last_database = str(chosen)
    assert _start_and_see_which_database(preferences, monkeypatch) == str(chosen)
    chosen.unlink()  # moved away or deleted: back to the default file
    assert _start_and_see_which_database(preferences, monkeypatch) == str(default)


def test_the_days_first_backup_is_taken_after_the_window_shows_and_a_failure_is_said(
        main_window, demo_db_path, monkeypatch):
    from dj_desktop.core.errors import UserError
    from dj_desktop.gui.app import back_up_daily

    folder = demo_db_path.parent / (demo_db_path.name + ".backups")
    before = set(folder.glob("*.djbackup")) if folder.exists() else set()
    back_up_daily(main_window)
    taken = set(folder.glob("*.djbackup")) - before
    assert len(taken) == 1 and "daily" in next(iter(taken)).name
    assert main_window.statusBar().currentMessage() == f"今日备份已完成：{next(iter(taken)).name}"
    back_up_daily(main_window)                      # once a day
    assert set(folder.glob("*.djbackup")) - before == taken

    warned = []
    monkeypatch.setattr(gui_app.QMessageBox, "warning", lambda *args: warned.append(args[1:]))

    def full_disk():
        raise UserError("磁盘已满")
    monkeypatch.setattr(main_window.services.backups, "daily_if_due", full_disk)
    back_up_daily(main_window)
    assert warned == [("每日备份失败", "磁盘已满")]


class _Check:
    """An integrity check the test finishes by hand."""

    def __init__(self, error=None):
        self.running, self._error = True, error

    def wait(self):
        if self._error is not None:
            raise self._error

    def finish_quietly(self):
        pass


def test_a_window_shown_before_its_file_is_checked_works_and_says_so_until_the_check_passes(
        qtbot, main_window, preferences, monkeypatch):
    """Reads go ahead during the check and a save waits for its verdict (tests/core/test_write_gate.py);
    the window stays usable and its status bar says why a save may wait."""
    from dataclasses import replace
    from types import SimpleNamespace

    from dj_desktop.core.db_files import DatabaseDamagedError

    check = _Check()
    real = main_window.services.db
    monkeypatch.setattr(main_window, "services", SimpleNamespace(db=replace(real, integrity=check)))
    main_window.statusBar().showMessage("台账：demo.db")
    done = []
    gui_app.when_intact(main_window, preferences, then=done.append)
    assert main_window.isEnabled() and not done
    assert main_window.statusBar().currentMessage() == "正在检查台账文件，检查完成前的保存会稍候…"
    check.running = False
    qtbot.waitUntil(lambda: done == [main_window])
    assert main_window.isEnabled() and main_window.statusBar().currentMessage() == "台账：demo.db"

    # A message shown meanwhile (a save's) stays when the check ends.
    check.running = True
    gui_app.when_intact(main_window, preferences, then=done.append)
    main_window.statusBar().showMessage("已保存")
    check.running = False
    qtbot.waitUntil(lambda: len(done) == 2)
    assert main_window.statusBar().currentMessage() == "已保存"

    # A damaged file: the window closes and the backup is offered instead (here: declined).
    offered = []
    monkeypatch.setattr(gui_app, "offer_restore", lambda exc: offered.append(exc))
    damaged = _Check(DatabaseDamagedError("台账文件已损坏", Path("demo.db")))
    monkeypatch.setattr(main_window, "services", SimpleNamespace(db=replace(real, integrity=damaged)))
    damaged.running = False
    gave_up = []
    gui_app.when_intact(main_window, preferences, then=done.append, give_up=lambda: gave_up.append(2))
    qtbot.waitUntil(lambda: len(offered) == 1)
    assert gave_up == [2] and not main_window.isVisible() and len(done) == 2
