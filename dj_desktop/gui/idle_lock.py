"""The idle lock (issue 11): after N minutes without keyboard or mouse input the main window hides
its contents behind a password panel and unlocks with the database's app password.

Only a database with an app password locks (a plain one has no password to unlock with). The
minutes are a preference (``Preferences.idle_lock_minutes``, default 10, 0 = never). The timer is a
QTimer (:attr:`IdleLock.timer`) that tests trigger directly. Three wrong passwords make the panel
wait before it takes another, as at start.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QLineEdit, QMainWindow, QPushButton, QVBoxLayout, QWidget,
)

from dj_desktop.core.encryption import PasswordError
from dj_desktop.core.i18n import _
from dj_desktop.gui.password_prompt import MAX_TRIES, WAIT_SECONDS

DEFAULT_MINUTES = 10
_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
          QEvent.Type.TouchBegin}


class LockPanel(QWidget):
    """What the window shows while locked: the database's password, nothing of its contents."""

    def __init__(self, lock: "IdleLock", parent: QWidget | None = None, wait_seconds: int = WAIT_SECONDS):
        super().__init__(parent)
        self._lock, self._wait_seconds = lock, wait_seconds
        self.wrong = 0
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(_("The window was locked after a time without use. Enter the password of the "
                         "database to continue."))
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        row = QHBoxLayout()
        row.addStretch(1)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setMinimumWidth(260)
        self.edit.returnPressed.connect(self.try_unlock)
        row.addWidget(self.edit)
        self.unlock_button = QPushButton(_("Unlock"))
        self.unlock_button.clicked.connect(self.try_unlock)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = QLabel(" ")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(2)
        self.wait_timer = QTimer(self)
        self.wait_timer.setSingleShot(True)
        self.wait_timer.timeout.connect(self._end_wait)

    def try_unlock(self) -> None:
        if self.wait_timer.isActive():
            return
        text = self.edit.text()
        self.edit.clear()
        if not text:
            self.message.setText(_("Enter the password."))
            return
        try:
            self._lock.services.app_lock.check(text)
        except PasswordError:
            self.wrong += 1
            if self.wrong % MAX_TRIES == 0:
                self.edit.setEnabled(False)
                self.unlock_button.setEnabled(False)
                self.message.setText(_("Three wrong passwords. Wait {seconds} seconds before trying again.")
                                     .format(seconds=self._wait_seconds))
                self.wait_timer.start(self._wait_seconds * 1000)
            else:
                self.message.setText(_("Wrong password. Nothing was opened or changed."))
            return
        self._lock.unlock()

    def _end_wait(self) -> None:
        self.edit.setEnabled(True)
        self.unlock_button.setEnabled(True)
        self.message.setText(_("You can try again."))
        self.edit.setFocus()


class IdleLock(QObject):
    """Watches the application's input; locks ``window`` when the timer runs out."""

    def __init__(self, window: QMainWindow, services, minutes: int = DEFAULT_MINUTES):
        super().__init__(window)
        self.window, self.services = window, services
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.panel: LockPanel | None = None
        self._contents: QWidget | None = None
        self.minutes = 0
        self._armed = False
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.panel is not None

    def set_minutes(self, minutes: int) -> None:
        """0 turns the lock off; a database without a password never locks."""
        self.minutes = max(0, int(minutes))
        self._armed = bool(self.minutes) and self.services.app_lock.protected()
        if self._armed:
            self.timer.start(self.minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() in _INPUT and self._armed and not self.locked:
            self.timer.start(self.minutes * 60_000)     # input restarts the count
        return False

    def lock(self) -> None:
        if self.locked or not self.services.app_lock.protected():
            return
        if QApplication.activeModalWidget() is not None:
            # Hiding a dialog would end it and lose what was typed: lock once it is closed.
            self.timer.start(60_000)
            return
        self._contents = self.window.takeCentralWidget()
        self.panel = LockPanel(self)
        self.window.setCentralWidget(self.panel)
        self.window.menuBar().setEnabled(False)
        self.panel.edit.setFocus()

    def unlock(self) -> None:
        if not self.locked:
            return
        self.window.takeCentralWidget()
        self.panel.deleteLater()
        self.panel = None
        self.window.setCentralWidget(self._contents)
        self._contents = None
        self.window.menuBar().setEnabled(True)
        self.set_minutes(self.minutes)
