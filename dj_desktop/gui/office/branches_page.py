"""Branches page of the office window: every branch that sent a bundle, its device, and revocation."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.services import Services
from dj_desktop.gui.office.rows_model import RowsTableModel, make_table_view, selected_key
from dj_desktop.gui.workers import show_error

HEADERS = (N_("Branch name"), N_("Site id"), N_("Device fingerprint"), N_("Device"), N_("Last bundle"),
           N_("Last sequence"), N_("Received up to"), N_("Bundles"))


def site_names(services: Services, branches=None) -> dict[str, str]:
    """``{site id: name}``: the branch units a site sent, else the name in its bundle header."""
    units: dict[str, list[str]] = {}
    for unit in services.office_sites.branch_units():
        units.setdefault(unit.site_id, []).append(unit.name)
    branches = services.office_sites.branches() if branches is None else branches
    return {b.site_id: "、".join(units.get(b.site_id, ())) or b.name or _("(unnamed)") for b in branches}


def _time(value) -> str:
    return value.isoformat(" ", "minutes")[:16] if value else ""   # strftime is 10× slower (10,000 rows)


class BranchesPage(QWidget):
    #: Asks the window to show that branch's books (a site id).
    show_books = Signal(str)
    #: Asks the window to write a return bundle for that branch (a site id).
    write_return = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self._branches: dict[str, object] = {}
        self.model = RowsTableModel(HEADERS, self)
        self.view = make_table_view(self.model, self, empty=_(
            "No branch has sent a bundle yet. Import the bundles from the sticks on the import page."))
        self.summary = QLabel()
        self.books_button = QPushButton(_("View books"))
        self.return_button = QPushButton(_("Write return bundle…"))
        self.revoke_button = QPushButton(_("Revoke device…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (self.books_button, self.return_button, self.revoke_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.view.doubleClicked.connect(lambda _index: self._emit_books())
        self.books_button.clicked.connect(self._emit_books)
        self.return_button.clicked.connect(self._emit_return)
        self.revoke_button.clicked.connect(self._confirm_revoke)
        self._update_buttons()

    def refresh(self) -> None:
        branches = self.services.office_sites.branches()
        self._branches = {b.site_id: b for b in branches}
        names = site_names(self.services, branches)
        self.model.set_rows(
            [(names[b.site_id], b.site_id[:8], b.device_fingerprint,
              _("Revoked") if b.revoked else _("Active"), _time(b.last_bundle_at), b.last_seq_to,
              b.contiguous_seq, b.bundle_count) for b in branches],
            keys=[b.site_id for b in branches], warn=[b.revoked for b in branches])
        revoked = sum(1 for b in branches if b.revoked)
        self.summary.setText(_("{n} branches, {revoked} devices revoked").format(n=len(branches), revoked=revoked))
        self._update_buttons()

    def selected_site(self) -> str | None:
        return selected_key(self.view)

    def select_site(self, site_id: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.key(row) == site_id:
                self.view.selectRow(row)
                self.view.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def _update_buttons(self) -> None:
        site = self.selected_site()
        branch = self._branches.get(site) if site else None
        self.books_button.setEnabled(branch is not None)
        self.return_button.setEnabled(branch is not None)
        self.revoke_button.setEnabled(branch is not None and not branch.revoked and bool(branch.device_id))

    def _emit_books(self) -> None:
        if self.selected_site():
            self.show_books.emit(self.selected_site())

    def _emit_return(self) -> None:
        if self.selected_site():
            self.write_return.emit(self.selected_site())

    def _confirm_revoke(self) -> None:
        branch = self._branches.get(self.selected_site() or "")
        if branch is None:
            return
        answer = QMessageBox.question(self, _("Revoke device"), _(
            "Revoke the device of {branch} (fingerprint {fingerprint})? Every later bundle signed by it will "
            "be refused. Do this when the computer was lost or stolen.").format(
                branch=branch.name or branch.site_id, fingerprint=branch.device_fingerprint))
        if answer == QMessageBox.StandardButton.Yes:
            self.revoke(branch.site_id)

    def revoke(self, site_id: str) -> bool:
        branch = self._branches.get(site_id)
        if branch is None or not branch.device_id:
            return False
        try:
            self.services.office.revoke_device(branch.device_id)
        except UserError as exc:
            show_error(self, exc)
            return False
        self.refresh()
        self.select_site(site_id)
        return True
