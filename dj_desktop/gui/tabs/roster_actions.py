"""The roster tab's file and print buttons (import, export, the printed 花名册) and the removal of a
member entered by mistake, with the list from which such a removal is undone.

Removal by mistake is a tombstone with a reason in the history (``MemberService.delete``), for
a record that should never have been entered: a member who leaves is 转出 / 去世 / 出党 in the
member's details instead. Everything that names the member (meetings, talks) is kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QTemporaryDir, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QInputDialog, QMenu, QMessageBox,
    QPushButton, QTableWidget, QTableWidgetItem, QToolButton, QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Progress
from dj_desktop.gui import print_preview
from dj_desktop.gui.empty_hint import empty_hint
from dj_desktop.gui.file_dialogs import dated_name
from dj_desktop.gui.pdf_save import save_pdf_copy
from dj_desktop.gui.workers import runner_for, show_error

if TYPE_CHECKING:
    from dj_desktop.gui.tabs.roster import RosterTab


class RosterActions:
    """Owns the import / export / print buttons and the removal actions of one roster tab."""

    def __init__(self, tab: RosterTab):
        self.tab = tab
        self._folder: QTemporaryDir | None = None   # made on the first printout, not at start-up
        self._counter = 0
        #: The last roster PDF written (tests read it).
        self.last_pdf: Path | None = None
        #: How a finished PDF is shown (preview) or saved; tests replace them to avoid modal dialogs.
        self.present: Callable[[Path], None] = lambda path: print_preview.show_print_preview(path, tab)
        self.save_as: Callable[[Path], Path | None] = lambda path: save_pdf_copy(path, tab)
        self.import_button = QPushButton(_("Import from Excel…"), tab)
        self.import_button.clicked.connect(self._import)
        self.export_button = QPushButton(_("Export to Excel…"), tab)
        self.export_button.clicked.connect(self._export)
        self.print_button = QToolButton(tab)
        self.print_button.setText(_("Print the roster"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.print_button)
        for text, masked, save in (
                (_("Preview and print the roster…"), False, False),
                (_("Preview and print the roster for display (ID and phone numbers partly hidden)…"), True, False),
                (_("Save the roster as PDF…"), False, True),
                (_("Save the roster for display as PDF…"), True, True)):
            menu.addAction(text).triggered.connect(lambda _c=False, m=masked, s=save: self.print_roster(
                masked=m, save=s))
        menu.addSeparator()
        #: The selected member's file (一人一档): enabled when a member is selected.
        self.member_file_actions = []
        for text, masked, save in (
                (_("Preview and print the selected member's file…"), False, False),
                (_("Preview and print the selected member's file for display (partly hidden)…"), True, False),
                (_("Save the selected member's file as PDF…"), False, True)):
            action = menu.addAction(text)
            action.triggered.connect(lambda _c=False, m=masked, s=save: self.print_member_file(masked=m, save=s))
            self.member_file_actions.append(action)
        self.print_button.setMenu(menu)
        self.remove_button = QPushButton(_("Remove (entered by mistake)…"), tab)
        self.remove_button.setToolTip(_("For a member entered twice or by mistake. A member who leaves is "
                                        "transferred out or marked deceased in the member's details instead."))
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.removed_button = QPushButton(_("Removed by mistake…"), tab)
        self.removed_button.clicked.connect(lambda: self.show_removed())

    def buttons(self) -> list[QWidget]:
        return [self.import_button, self.export_button, self.print_button, self.remove_button, self.removed_button]

    def update(self, *, has_branch: bool, selected: bool) -> None:
        for button in (self.import_button, self.export_button, self.print_button, self.removed_button):
            button.setEnabled(has_branch)
        self.remove_button.setEnabled(selected)
        for action in self.member_file_actions:
            action.setEnabled(selected)

    # -- file buttons: the main window's File menu does the same -----------------------------
    def _main_window(self):
        window = self.tab.window()
        return window if hasattr(window, "import_roster") else None

    def _import(self) -> None:
        window = self._main_window()
        if window is not None:
            window.import_roster()

    def _export(self) -> None:
        window = self._main_window()
        if window is not None:
            window.export_roster()

    # -- printing ------------------------------------------------------------------------------
    def print_roster(self, *, masked: bool, save: bool = False) -> None:
        """Write the 花名册 off the UI thread, then preview it (print from there) or save it."""
        branch_id = self.tab.branch_id
        if branch_id is None:
            return
        services = self.tab.services
        stem = _("Roster of Party members") + (_(" (for display)") if masked else "")

        def write(target: Path, progress: Progress) -> Path:
            from dj_desktop.reports.pdf.roster_book import write_roster
            return write_roster(services.printing.roster(branch_id=branch_id, masked=masked), target,
                                progress=progress)

        self._print(stem, write, save=save, title=_("Preparing the roster for printing"))

    def print_member_file(self, *, masked: bool, save: bool = False) -> None:
        """The selected member's whole file (一人一档), or its masked copy for display."""
        member_id = self.tab.selected_member_id()
        if member_id is None:
            return
        services = self.tab.services
        name = services.members.get(member_id).name
        stem = _("Party member file") + f" {name}" + (_(" (for display)") if masked else "")

        def write(target: Path, progress: Progress) -> Path:
            from dj_desktop.reports.pdf.member_file import write_member_file
            write_member_file(services.member_file.file(member_id, mask=masked), target)
            return target

        self._print(stem, write, save=save, title=_("Preparing the member's file for printing"))

    def _print(self, stem: str, write: Callable[[Path, Progress], Path], *, save: bool, title: str) -> None:
        """Write a PDF off the UI thread into a fresh folder (named as it will be saved), then preview or save it."""
        if self._folder is None:
            self._folder = QTemporaryDir()
        self._counter += 1
        folder = Path(self._folder.path()) / str(self._counter)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / dated_name(stem, suffix=".pdf")

        def done(path: Path) -> None:
            self.last_pdf = path
            if save:
                self.save_as(path)
            else:
                self.present(path)

        runner_for(self.tab).run(lambda progress: write(target, progress), parent=self.tab, title=title,
                                 on_result=done)

    # -- removal by mistake ----------------------------------------------------------------------
    def remove_selected(self, reason: str | None = None) -> bool:
        """Ask for the reason (unless given), then tombstone the selected member."""
        member_id = self.tab.selected_member_id()
        if member_id is None:
            return False
        member = self.tab.services.members.get(member_id)
        if reason is None:
            reason, ok = QInputDialog.getText(self.tab, _("Remove a member entered by mistake"), _(
                "Remove {name} ({number}) from the roster as entered by mistake?\n"
                "Meetings and other records that name the member are kept, and the removal can be undone "
                "under “Removed by mistake…”. A member who leaves the branch is transferred out or marked "
                "deceased in the member's details instead.\n\nReason (required):").format(
                name=member.name, number=member.id_number))
            if not ok:
                return False
        try:
            self.tab.services.members.delete(member_id, reason=reason)
        except UserError as exc:
            show_error(self.tab, exc)
            return False
        self.tab.after_change()
        self.tab.show_message(_("{name} was removed from the roster. It can be restored under “Removed by "
                                "mistake…”.").format(name=member.name))
        return True

    def show_removed(self) -> QDialog | None:
        if self.tab.branch_id is None:
            return None
        dialog = RemovedMembersDialog(self.tab.services, self.tab.branch_id, self.tab)
        dialog.restored.connect(lambda member_id: self.tab.after_change(member_id))
        dialog.open()
        return dialog


class RemovedMembersDialog(QDialog):
    """Members removed as entered by mistake, with when and why; 恢复 brings one back."""

    #: A member was restored (their id).
    restored = Signal(object)

    def __init__(self, services, branch_id, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.branch_id = services, branch_id
        self.setWindowTitle(_("Members removed by mistake"))
        self.resize(720, 360)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([_("Name"), _("ID number"), _("Removed on"), _("Reason")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.empty_hint = empty_hint(self.table, _("No member was removed by mistake."))
        self.restore_button = QPushButton(_("Restore…"), self)
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.restore_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.table.itemSelectionChanged.connect(self._update)
        self.reload()

    def reload(self) -> None:
        self.rows = self.services.members.removed_by_mistake(self.branch_id)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            when = r.removed_at.strftime("%Y-%m-%d %H:%M") if r.removed_at else ""
            for column, text in enumerate((r.name, r.id_number, when, r.reason)):
                self.table.setItem(i, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._update()

    def _update(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def restore_selected(self, reason: str | None = None) -> bool:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        removed = self.rows[rows[0].row()]
        if reason is None:
            reason, ok = QInputDialog.getText(self, _("Restore a member"), _(
                "Bring {name} back into the roster? Reason (kept in the history):").format(name=removed.name))
            if not ok:
                return False
        try:
            self.services.members.restore(removed.id, reason=reason)
        except UserError as exc:
            QMessageBox.warning(self, _("Restore a member"), str(exc))
            return False
        self.reload()
        self.restored.emit(removed.id)
        return True
