"""设置 → 密码 over a real SQLite file: set (too short, mismatch, then right), the window moves to the
encrypted database; change (wrong current password, then right); remove. Each refusal is a Chinese
message in the dialog and changes nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from dj_desktop.core.db import SQLITE_HEADER, open_database
from dj_desktop.core.services import build_services
from dj_desktop.core.sqlite_connect import forget_key
from dj_desktop.gui import app as app_module
from dj_desktop.gui.app import build_window
from dj_desktop.gui.dialogs.password_settings import PasswordSettingsDialog

FIRST, SECOND = "门前大桥下游过一群鸭", "快来快来数一数二四六七八"


def _dialog(qtbot, window, mode) -> PasswordSettingsDialog:
    dialog = PasswordSettingsDialog(window.services, mode, parent=window)
    qtbot.addWidget(dialog)
    return dialog


def _ok(dialog, **values) -> None:
    for name, text in values.items():
        dialog.fields[name].setText(text)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _head(path) -> bytes:
    return path.read_bytes()[:len(SQLITE_HEADER)]


def test_set_change_and_remove_the_password_from_the_window(qtbot, qapp, tmp_path, preferences, job_runner):
    path = tmp_path / "branch.db"
    db = open_database(path)
    build_services(db).organisation.create_first_branch("东风村党支部")
    window = build_window(build_services(db), preferences=preferences, job_runner=job_runner)
    qtbot.addWidget(window)
    opened = []
    try:
        actions = window.password_actions
        assert actions["set"].isEnabled() and not actions["change"].isEnabled()
        dialog = _dialog(qtbot, window, "set")
        _ok(dialog, new="短密码", confirm="短密码")
        assert "至少" in dialog.message.text() and dialog.result() == 0
        _ok(dialog, new=FIRST, confirm=FIRST + "x")
        assert "两次" in dialog.message.text() and _head(path) == SQLITE_HEADER
        _ok(dialog, new=FIRST, confirm=FIRST)
        assert dialog.result() == 1 and len(dialog.outcome.recovery_key) > 20
        assert _head(path) != SQLITE_HEADER
        window.database_reopened.emit(dialog.outcome.db)
        window = app_module._keep_alive[-1]
        opened.append(window)
        assert window.services.db is dialog.outcome.db
        assert not window.password_actions["set"].isEnabled() and window.password_actions["change"].isEnabled()
        assert window.idle_lock.timer.isActive()          # a protected database locks when idle

        dialog = _dialog(qtbot, window, "change")
        _ok(dialog, current="不是这个密码", new=SECOND, confirm=SECOND)
        assert "当前密码不正确" in dialog.message.text() and dialog.result() == 0
        _ok(dialog, current=FIRST, new=SECOND, confirm=SECOND)
        assert dialog.result() == 1
        window.database_reopened.emit(dialog.outcome.db)
        window = app_module._keep_alive[-1]
        opened.append(window)
        assert [b.name for b in window.services.organisation.branches()] == ["东风村党支部"]

        dialog = _dialog(qtbot, window, "remove")
        _ok(dialog, current=FIRST)
        assert "当前密码不正确" in dialog.message.text()
        _ok(dialog, current=SECOND)
        assert dialog.result() == 1 and _head(path) == SQLITE_HEADER
        window.database_reopened.emit(dialog.outcome.db)
        window = app_module._keep_alive[-1]
        opened.append(window)
        assert window.password_actions["set"].isEnabled()
        assert [b.name for b in window.services.organisation.branches()] == ["东风村党支部"]
    finally:
        for w in opened:
            w.close()
            w.services.db.dispose()
            if w in app_module._keep_alive:
                app_module._keep_alive.remove(w)
        forget_key(path)
