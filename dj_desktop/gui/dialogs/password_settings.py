"""设置 → 密码: set, change or remove the app password from the window (what ``dj-desktop password``
does, through ``services.passwords``). Problems are shown in the dialog and nothing changes; after
setting or changing, the new recovery key is shown once to be written down."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QVBoxLayout,
)

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _

MODES = ("set", "change", "remove")


class PasswordSettingsDialog(QDialog):
    """``mode`` is set / change / remove. On success :attr:`outcome` holds the reopened database."""

    def __init__(self, services, mode: str, parent=None):
        super().__init__(parent)
        assert mode in MODES
        self.services, self.mode, self.outcome = services, mode, None
        self.setWindowTitle({"set": _("Set a password"), "change": _("Change the password"),
                             "remove": _("Remove the password")}[mode])
        layout = QVBoxLayout(self)
        intro = QLabel({
            "set": _("With a password the database is encrypted and opens only with it. A recovery key "
                     "is shown next: write it down, a forgotten password cannot be bypassed."),
            "change": _("The database is encrypted again under a new key; a new recovery key is shown."),
            "remove": _("The database will be stored unencrypted: anyone with the file can read it."),
        }[mode])
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        labels = {"current": _("Current password"), "new": _("New password"), "confirm": _("New password again")}
        wanted = {"set": ("new", "confirm"), "change": ("current", "new", "confirm"), "remove": ("current",)}[mode]
        for name in wanted:
            edit = QLineEdit()
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(labels[name], edit)
            self.fields[name] = edit
        layout.addLayout(form)
        self.message = QLabel(" ")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _text(self, name: str) -> str:
        return self.fields[name].text()

    def apply(self) -> None:
        passwords = self.services.passwords
        try:
            if self.mode == "set":
                outcome = passwords.set_password(self._text("new"), self._text("confirm"))
            elif self.mode == "change":
                outcome = passwords.change_password(self._text("current"), self._text("new"), self._text("confirm"))
            else:
                outcome = passwords.remove_password(self._text("current"))
        except ValidationError as exc:
            self.message.setText(str(exc))
            field = next(iter(exc.problems), None)
            if field in self.fields:
                self.fields[field].setFocus()
            return
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.outcome = outcome
        self.accept()


def show_recovery_key(parent, recovery_key: str) -> QMessageBox:
    """The recovery key, shown once (non-blocking: the caller decides when it closes)."""
    box = QMessageBox(QMessageBox.Icon.Information, _("Recovery key"),
                      _("Write down this recovery key and keep it apart from the computer. It is shown "
                        "only once; with it a forgotten password can be replaced (\"password change "
                        "--recovery-key-file\").") + "\n\n" + recovery_key, parent=parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box
