"""Small pieces the branch-manual dialogs share: member pickers, the error banner, field marks."""

from __future__ import annotations

import uuid
from typing import Iterable

from typing import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.gui.combo_data import index_of

_INVALID_STYLE = "border: 1px solid #b00020;"


def fill_member_combo(combo: QComboBox, people: Iterable[tuple[uuid.UUID, str]], *,
                      selected: uuid.UUID | None, blank: bool = True, missing_label: str = "") -> None:
    """Fill ``combo`` with ``(member id, name)``; keeps ``selected`` even if no longer listed."""
    combo.blockSignals(True)
    combo.clear()
    if blank:
        combo.addItem("", None)
    for member_id, name in people:
        combo.addItem(name, member_id)
    if selected is not None and index_of(combo, selected) < 0:
        combo.addItem(missing_label or str(selected), selected)
    index = index_of(combo, selected) if selected is not None else (0 if blank else -1)
    combo.setCurrentIndex(max(index, 0) if combo.count() else -1)
    combo.blockSignals(False)


class ErrorBanner(QLabel):
    """Red text at the top of a dialog listing what must be fixed; hidden while all is well."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020; background: #fdecee; padding: 6px;")
        self.hide()

    def show_error(self, error: UserError) -> None:
        if isinstance(error, ValidationError):
            text = "\n".join(f"• {message}" for message in error.problems.values())
        else:
            text = str(error)
        self.setText(text)
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()


def mark_fields(fields: dict[str, QWidget], error: UserError | None) -> None:
    """Outline the widgets named in a :class:`ValidationError`; clear the others."""
    bad = set(error.problems) if isinstance(error, ValidationError) else set()
    for name, widget in fields.items():
        widget.setStyleSheet(_INVALID_STYLE if name in bad else "")
        if name in bad:
            widget.setToolTip(error.problems[name])  # type: ignore[union-attr]


def save_cancel_buttons(dialog: QDialog, *, on_save: Callable[[], object]) -> QDialogButtonBox:
    """The dialog's 保存 / 取消 buttons: Save calls ``on_save`` (which closes the dialog when it
    succeeds), Cancel rejects."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons


class FormDialog(QDialog):
    """A form with the error banner above it and 保存 / 取消 below. A subclass fills ``form`` and
    ``fields`` (field name → widget, for the marks), calls ``finish()``, and gives ``write()``, which
    saves through a service or raises :class:`UserError`; the dialog then stays open with the reason
    shown and nothing typed lost."""

    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        self.banner = ErrorBanner(self)
        self.form = QFormLayout()
        self.fields: dict[str, QWidget] = {}
        #: What ``write()`` returned last (the saved record's view).
        self.saved: object = None

    def finish(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form, 1)
        layout.addWidget(save_cancel_buttons(self, on_save=self.save))

    def write(self) -> object:
        raise NotImplementedError

    def save(self) -> bool:
        try:
            self.saved = self.write()
        except UserError as exc:
            self.banner.show_error(exc)
            mark_fields(self.fields, exc)
            return False
        self.accept()
        return True
