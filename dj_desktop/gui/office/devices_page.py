"""Devices page of the office window (issue 9): every branch device, pending ones first, with the
fingerprint to compare with the branch's registration slip; approve merges what a pending device
sent, revoke refuses it; and whether first bundles wait for approval."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from dj_desktop.core.errors import UserError, WrongPassphrase
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.services import Services
from dj_desktop.gui.office.branches_page import site_names
from dj_desktop.gui.office.rows_model import RowsTableModel, make_table_view, selected_key
from dj_desktop.gui.workers import runner_for, show_error

HEADERS = (N_("State"), N_("Branch name"), N_("Device fingerprint"), N_("Bundles held"), N_("Registered"),
           N_("Site id"))
_ORDER = {"pending": 0, "active": 1, "revoked": 2}


class DevicesPage(QWidget):
    #: Held bundles were merged: the other pages show new records.
    approved = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 ask_passphrase: Callable[[], str | None] = lambda: None,
                 forget_passphrase: Callable[[], None] = lambda: None):
        super().__init__(parent)
        self.services = services
        self._ask_passphrase = ask_passphrase
        self._forget_passphrase = forget_passphrase
        self._devices: dict[str, object] = {}
        self.model = RowsTableModel(HEADERS, self)
        self.view = make_table_view(self.model, self, empty=_(
            "No devices yet. A branch's computer is listed here when its first bundle is imported."))
        self.summary = QLabel()
        self.accept_box = QCheckBox(_("Merge the first bundle of a new device at once (the office accepts the "
                                      "risk; otherwise it waits for approval)"))
        self.approve_button = QPushButton(_("Approve device…"))
        self.revoke_button = QPushButton(_("Revoke device…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.revoke_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.accept_box)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.approve_button.clicked.connect(self._confirm_approve)
        self.revoke_button.clicked.connect(self._confirm_revoke)
        self.accept_box.toggled.connect(lambda accept: self.services.office.set_accept_new_devices(accept))
        self._update_buttons()

    def refresh(self) -> None:
        devices = sorted(self.services.office.devices(), key=lambda d: (_ORDER[d.state], d.registered_at))
        self._devices = {d.device_id: d for d in devices}
        names = site_names(self.services)
        states = {"pending": _("Pending approval"), "active": _("Active"), "revoked": _("Revoked")}
        self.model.set_rows(
            [(states[d.state], names.get(d.site_id) or d.site_name or _("(unnamed)"), d.fingerprint, d.held,
              d.registered_at.strftime("%Y-%m-%d %H:%M"), d.site_id[:8]) for d in devices],
            keys=[d.device_id for d in devices], warn=[d.state != "active" for d in devices])
        pending = sum(1 for d in devices if d.state == "pending")
        self.summary.setText(_("{n} devices, {pending} waiting for approval").format(n=len(devices), pending=pending))
        self.accept_box.blockSignals(True)
        self.accept_box.setChecked(self.services.office.accepts_new_devices())
        self.accept_box.blockSignals(False)
        self._update_buttons()

    def select_device(self, device_id: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.key(row) == device_id:
                self.view.selectRow(row)
                self.view.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def _selected(self):
        return self._devices.get(selected_key(self.view) or "")

    def _update_buttons(self) -> None:
        device = self._selected()
        self.approve_button.setEnabled(device is not None and device.state == "pending")
        self.revoke_button.setEnabled(device is not None and device.state != "revoked")

    def _confirm_approve(self) -> None:
        device = self._selected()
        if device is None:
            return
        answer = QMessageBox.question(self, _("Approve device"), _(
            "Approve the device with fingerprint {fingerprint} ({branch})? Compare the fingerprint with the "
            "one on the branch's registration slip first. The {count} bundle(s) it sent will be merged.").format(
                fingerprint=device.fingerprint, branch=device.site_name or device.site_id, count=device.held))
        if answer == QMessageBox.StandardButton.Yes:
            self.approve(device.device_id)

    def approve(self, device_id: str) -> list | None:
        """Merges the held bundles off the UI thread (a progress dialog); returns the results when the
        job runner is synchronous (tests), else None (the page refreshes when the job ends)."""
        passphrase = self._ask_passphrase()
        if not passphrase:
            return None
        finished: list = []

        def done(results) -> None:
            finished.append(results)
            self.refresh()
            self.approved.emit()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, WrongPassphrase):
                self._forget_passphrase()
            show_error(self, exc)

        runner_for(self).run(lambda progress: self.services.office.approve_device(device_id, passphrase=passphrase),
                             parent=self, title=_("Merging the bundles held for the device"), on_result=done,
                             on_error=failed, cancellable=False)
        return finished[0] if finished else None

    def _confirm_revoke(self) -> None:
        device = self._selected()
        if device is None:
            return
        answer = QMessageBox.question(self, _("Revoke device"), _(
            "Revoke the device with fingerprint {fingerprint}? Every later bundle signed by it is refused, and "
            "the bundles held for it are dropped.").format(fingerprint=device.fingerprint))
        if answer == QMessageBox.StandardButton.Yes:
            self.revoke(device.device_id)

    def revoke(self, device_id: str) -> bool:
        try:
            self.services.office.revoke_device(device_id)
        except UserError as exc:
            show_error(self, exc)
            return False
        self.refresh()
        return True
