"""文件 → 备份与恢复: the automatic backups with their check result, a backup on demand (to the
backups folder or a chosen folder or stick), and a restore that first shows what the backup holds.

After a restore the window asks the composition root to reopen the database
(:attr:`BackupDialog.restored` holds the database path), since the file under it was replaced.
"""

from __future__ import annotations


from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
    QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from dj_desktop.core.backup_labels import counts_text, reason_label
from dj_desktop.core.backups import BackupInfo
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.services import Services
from dj_desktop.gui.workers import runner_for
from dj_desktop.gui.empty_hint import empty_hint

HEADERS = (N_("Taken"), N_("Why"), N_("Branch"), N_("Records"), N_("Check"))


def backup_summary(info: BackupInfo) -> str:
    return _("Backup of {when} ({reason})\nBranch: {branch}\n{counts}\nAttachments: {files}\nIntegrity check: {check}"
             ).format(when=info.created_at.strftime("%Y-%m-%d %H:%M"), reason=reason_label(info.reason),
                      branch=info.branch or "—", counts=counts_text(info.counts), files=info.files,
                      check=_("passed") if info.verified else _("not passed"))


class BackupDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        #: The database path after a successful restore (the window reopens it).
        self.restored: str | None = None
        self.setWindowTitle(_("Backups and restore"))
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        self.folder_label = QLabel(_("Automatic backups (daily, and before imports, upgrades and restores) "
                                     "are kept in {path}").format(path=services.backups.folder), self)
        self.folder_label.setWordWrap(True)
        layout.addWidget(self.folder_label)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        empty_hint(self.table, _("No backups yet. Click \"{button}\"; the program also backs up once a day "
                                 "when it starts.").format(button=_("Back up now")))
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(_("Back up now"), self)
        self.backup_to_button = QPushButton(_("Back up to a folder or stick…"), self)
        self.restore_button = QPushButton(_("Restore the selected backup…"), self)
        self.restore_file_button = QPushButton(_("Restore from a file…"), self)
        for button in (self.backup_button, self.backup_to_button, self.restore_button, self.restore_file_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.backup_button.clicked.connect(lambda: self.back_up(None))
        self.backup_to_button.clicked.connect(self._choose_folder)
        self.restore_button.clicked.connect(self._restore_selected)
        self.restore_file_button.clicked.connect(self._choose_file)
        self.backups: list[BackupInfo] = []
        self.reload()

    def reload(self) -> None:
        self.backups = self.services.backups.list()
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            cells = (info.created_at.strftime("%Y-%m-%d %H:%M"), reason_label(info.reason), info.branch,
                     counts_text(info.counts), _("passed") if info.verified else _("not passed"))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(info.path))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.restore_button.setEnabled(bool(self.backups))
        if self.backups:
            self.table.selectRow(0)

    # -- backing up ----------------------------------------------------------------------
    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Back up to a folder or stick"))
        if folder:
            self.back_up(folder)

    def back_up(self, folder: str | None) -> None:
        runner_for(self).run(lambda progress: self.services.backups.take(folder, progress=progress),
                             parent=self, title=_("Backing up"), on_result=self._backed_up)

    def _backed_up(self, info: BackupInfo) -> None:
        self.reload()
        QMessageBox.information(self, _("Backup written"), _("The backup was written and checked:\n{path}\n\n{summary}")
                                .format(path=info.path, summary=backup_summary(info)))

    # -- restoring -----------------------------------------------------------------------
    def _restore_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.backups):
            self.restore(str(self.backups[row].path))

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Restore from a backup"), "",
                                                    _("Backups (*.djbackup);;All files (*)"))
        if path:
            self.restore(path)

    def restore(self, path: str) -> None:
        """Show what the backup holds, ask, then restore (the current state is backed up first)."""
        try:
            info = self.services.backups.inspect(path)
        except UserError as exc:
            QMessageBox.warning(self, _("Cannot restore"), str(exc))
            return
        answer = QMessageBox.question(
            self, _("Restore this backup?"),
            _("{summary}\n\nThe database will be replaced by this backup. The current state is backed up "
              "first, so this restore can be undone. Continue?").format(summary=backup_summary(info)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        password = None
        try:
            if self.services.backups.needs_password(path):
                password = self._ask_backup_password(path)
                if password is None:
                    return
        except UserError as exc:
            QMessageBox.warning(self, _("Cannot restore"), str(exc))
            return
        target = str(self.services.db.path)
        runner_for(self).run(lambda progress: self.services.backups.restore(path, progress=progress,
                                                                            password=password),
                             parent=self, title=_("Restoring"), cancellable=False,
                             on_result=lambda result: self._restored(target, result))

    def _ask_backup_password(self, path: str) -> str | None:
        """The password the database had when the backup was made (None: cancelled)."""
        from dj_desktop.gui.password_prompt import PasswordDialog
        check = self.services.backups.check_backup_password
        self.password_dialog = PasswordDialog(lambda pw: (check(path, pw), pw)[1], where=path, parent=self)
        self.password_dialog.setWindowTitle(_("Password of the backup"))
        self.password_dialog.message.setText(_("This backup was made under another password. Enter the "
                                               "password the database had then."))
        return self.password_dialog.result_value if self.password_dialog.exec() else None

    def _restored(self, target: str, result) -> None:
        self.restored = target
        QMessageBox.information(self, _("Restored"), _(
            "The database was restored from the backup of {when}. The state before the restore was "
            "backed up to {previous}.").format(when=result.restored.created_at.strftime("%Y-%m-%d %H:%M"),
                                               previous=result.previous or "—"))
        self.accept()
