"""The app password asked at start (and when another protected database is opened): three wrong
tries, then the dialog waits before it takes another. A forgotten password cannot be bypassed; the
dialog names the recovery key (密码恢复凭据) and the command that uses it."""

from __future__ import annotations

from typing import Callable, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from dj_desktop.core.encryption import PasswordError
from dj_desktop.core.i18n import _

MAX_TRIES = 3
WAIT_SECONDS = 30
T = TypeVar("T")


class PasswordDialog(QDialog):
    """Asks until ``attempt(password)`` succeeds (its result in :attr:`result_value`) or the user cancels."""

    def __init__(self, attempt: Callable[[str], T], *, where: str, parent=None, wait_seconds: int = WAIT_SECONDS):
        super().__init__(parent)
        self.setWindowTitle(_("Password"))
        self._attempt, self._wait_seconds = attempt, wait_seconds
        self.result_value: T | None = None
        self.wrong = 0
        self._left = 0
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("{path} is protected by a password.").format(path=where)))
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.edit)
        self.message = QLabel(" ")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        hint = QLabel(_("Forgot the password? Use the recovery key on the slip printed when it was set."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

    @property
    def waiting(self) -> bool:
        return self._left > 0

    def _try(self) -> None:
        if self.waiting:
            return
        try:
            self.result_value = self._attempt(self.edit.text())
        except PasswordError as exc:
            self.wrong += 1
            self.edit.clear()
            if self.wrong % MAX_TRIES == 0:
                self._left = self._wait_seconds
                self._set_waiting(True)
            else:
                self.message.setText(str(exc))
            return
        self.accept()

    def _set_waiting(self, waiting: bool) -> None:
        self.edit.setEnabled(not waiting)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not waiting)
        if waiting:
            self._show_wait()
            self._timer.start()
        else:
            self._timer.stop()
            self.message.setText(_("You can try again."))
            self.edit.setFocus()

    def _show_wait(self) -> None:
        self.message.setText(_("Three wrong passwords. Wait {seconds} seconds before trying again.")
                             .format(seconds=self._left))

    def _tick(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self._set_waiting(False)
        else:
            self._show_wait()


def ask_password(attempt: Callable[[str], T], *, where: str, parent=None) -> T | None:
    """Run the dialog; the value ``attempt`` returned, or None when the user cancelled."""
    dialog = PasswordDialog(attempt, where=where, parent=parent)
    return dialog.result_value if dialog.exec() else None
