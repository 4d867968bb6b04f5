"""The idle lock over a real encrypted database: the timer (triggered directly, no sleeps) hides the
tabs behind a password panel; a wrong password says so in Chinese and keeps it locked; the right one
brings the same tabs back. Input restarts the timer; 0 minutes and a plain database never lock."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dj_desktop.core.db import open_database
from dj_desktop.core.password import set_password
from dj_desktop.core.services import build_services
from dj_desktop.core.sqlite_connect import forget_key
from dj_desktop.gui.idle_lock import LockPanel
from dj_desktop.gui.main_window import MainWindow

PASSWORD = "门前大桥下游过一群鸭"


def _window(qtbot, services, preferences) -> MainWindow:
    window = MainWindow(services, preferences=preferences)
    qtbot.addWidget(window)
    window.show()
    return window


def test_idle_time_locks_the_window_and_the_database_password_unlocks_it(qtbot, qapp, tmp_path, preferences):
    path = tmp_path / "branch.db"
    db = open_database(path)
    build_services(db).organisation.create_first_branch("东风村党支部")
    db.dispose()
    set_password(path, PASSWORD)
    forget_key(path)
    services = build_services(open_database(path, create=False, password=PASSWORD))
    preferences.idle_lock_minutes = 1
    window = _window(qtbot, services, preferences)
    lock = window.idle_lock
    try:
        assert lock.minutes == 1 and lock.timer.isActive() and lock.timer.interval() == 60_000
        tabs = window.centralWidget()
        lock.timer.stop()
        qtbot.keyClick(window, Qt.Key.Key_Shift)        # input restarts the timer
        assert lock.timer.isActive()
        lock.timer.timeout.emit()                        # the minute has passed
        assert lock.locked and isinstance(window.centralWidget(), LockPanel)
        assert not tabs.isVisible() and not window.menuBar().isEnabled()
        panel = window.centralWidget()
        panel.unlock_button.click()
        assert panel.message.text() == "请输入密码。"
        panel.edit.setText("wrong password")
        panel.unlock_button.click()
        assert "密码错误" in panel.message.text() and lock.locked
        panel.edit.setText(PASSWORD)
        qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
        assert not lock.locked and window.centralWidget() is tabs and window.menuBar().isEnabled()
        assert lock.timer.isActive()
        # Three wrong passwords make the panel wait.
        lock.lock()
        panel = window.centralWidget()
        for n in range(3):
            panel.edit.setText(f"wrong {n}")
            panel.try_unlock()
        assert not panel.edit.isEnabled() and "等待" in panel.message.text()
        panel.wait_timer.timeout.emit()
        panel.wait_timer.stop()
        assert panel.edit.isEnabled()
        panel.edit.setText(PASSWORD)
        panel.try_unlock()
        assert not lock.locked
        lock.set_minutes(0)                              # off
        assert not lock.timer.isActive()
    finally:
        services.db.dispose()
        forget_key(path)


def test_a_database_without_password_never_locks(main_window):
    lock = main_window.idle_lock
    assert not lock.timer.isActive()
    lock.lock()
    assert not lock.locked
