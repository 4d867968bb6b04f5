"""The database the window will open, read from the preferences without Qt (gui/early_start.py)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from dj_desktop.gui.early_start import _last_database


def test_the_last_database_is_read_as_qt_wrote_it(tmp_path):
    ini = tmp_path / "preferences.ini"
    assert _last_database(ini) is None                       # no preferences yet
    for name in ("branch.db", "台账 2026, 第一支部; 备份=1.db"):
        path = tmp_path / name
        path.touch()
        settings = QSettings(str(ini), QSettings.Format.IniFormat)
        settings.setValue("database/last", str(path))
        settings.sync()
        del settings
        assert _last_database(ini) == str(path)
    (tmp_path / "branch.db").unlink()
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    settings.setValue("database/last", str(tmp_path / "branch.db"))
    settings.sync()
    assert _last_database(ini) is None                       # gone since: the default applies


def test_the_window_command_begins_the_check_of_its_database_before_the_window(db_path, monkeypatch):
    from dj_desktop.cli import main
    from dj_desktop.core import early_check
    from dj_desktop.gui import app as gui_app

    seen = []
    monkeypatch.setattr(gui_app, "run_gui", lambda db_target: seen.append(
        (db_target, db_path.resolve() in early_check._begun)) or 0)
    early_check._begun.clear()
    try:
        assert main(["--db", str(db_path)]) == 0
    finally:
        early_check._begun.clear()
    assert seen == [(str(db_path), True)]
