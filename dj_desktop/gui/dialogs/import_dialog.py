"""Importing the roster from Excel (off the UI thread) with its row-by-row report, and undoing imports."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.core.services.roster_report import ImportReport, UndoResult
from dj_desktop.gui import file_dialogs
from dj_desktop.gui.workers import runner_for

_ERROR_BRUSH = QBrush(QColor("#c62828"))
_WARNING_BRUSH = QBrush(QColor("#9a6700"))


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    return table


def _undo_text(result: UndoResult) -> str:
    return _("Import undone: {removed} added members removed, {restored} updated members restored.").format(
        removed=result.removed, restored=result.restored)


class ImportDialog(QDialog):
    """Choose a workbook, import it, read the report, and undo the import if it was wrong."""

    def __init__(self, services: Services, *, branch_id: uuid.UUID | None, parent: QWidget | None = None):
        super().__init__(parent)
        self._services, self._branch_id = services, branch_id
        self.report: ImportReport | None = None
        self.changed = False
        self.setWindowTitle(_("Import roster from Excel"))
        self.resize(820, 560)

        self.path = QLineEdit(self)
        self.path.setPlaceholderText(_("Choose an .xlsx file with the roster template's columns"))
        browse = QPushButton(_("Choose file…"), self)
        browse.clicked.connect(self.choose_file)
        template = QPushButton(_("Save an empty template…"), self)
        template.clicked.connect(self.save_template)
        self.create_groups = QCheckBox(_("Create Party groups named in the file that do not exist yet"), self)
        self.clear_blank = QCheckBox(_("Blank cells clear saved values"), self)
        self.clear_blank.setToolTip(_("Without this, a blank cell keeps what is saved (a phone, an address); "
                                      "the report lists every value kept."))
        self.import_button = QPushButton(_("Import"), self)
        self.import_button.clicked.connect(self.start_import)
        self.path.textChanged.connect(lambda text: self.import_button.setEnabled(bool(text.strip())))
        self.import_button.setEnabled(False)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.problems = _table(self, [_("Row"), _("Column"), _("Problem")])
        self.undo_button = QPushButton(_("Undo this import"), self)
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.setEnabled(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        file_row.addWidget(template)
        action_row = QHBoxLayout()
        action_row.addWidget(self.create_groups, 1)
        action_row.addWidget(self.clear_blank)
        action_row.addWidget(self.import_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.undo_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(action_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addLayout(bottom)

    def choose_file(self) -> None:
        path = file_dialogs.choose_open_file(self, _("Import roster from Excel"), file_dialogs.EXCEL)
        if path:
            self.path.setText(path)

    def save_template(self) -> None:
        path = file_dialogs.choose_save_file(self, _("Save an empty template"), file_dialogs.EXCEL,
                                             _("roster template.xlsx"))
        if path:
            written = self._services.roster_import.write_template(path)
            self.summary.setText(_("Template written to {path}").format(path=written))

    # -- import --------------------------------------------------------------------------
    def start_import(self) -> None:
        path = Path(self.path.text().strip())
        create_groups = self.create_groups.isChecked()
        clear_blank = self.clear_blank.isChecked()
        self.import_button.setEnabled(False)
        self.summary.setText(_("Importing {file}…").format(file=path.name))
        runner_for(self).run(
            lambda progress: self._services.roster_import.import_file(
                path, branch_id=self._branch_id, create_groups=create_groups, progress=progress,
                clear_blank=clear_blank),
            parent=self, title=_("Importing the roster"),
            on_result=self.show_report, on_error=self._failed,
            on_finished=lambda: self.import_button.setEnabled(bool(self.path.text().strip())))

    def _failed(self, exc: BaseException) -> None:
        from dj_desktop.gui.workers import show_error
        self.summary.setText(str(exc))
        show_error(self, exc)

    def show_report(self, report: ImportReport) -> None:
        self.report = report
        lines = [report.summary()]
        if report.ignored_headers:
            lines.append(_("These columns are not part of the roster and were not read: {headers}.").format(
                headers="、".join(report.ignored_headers)))
        lines += report.blank_lines()
        self.summary.setText("\n".join(lines))
        problems = [*report.errors, *report.warnings]
        self.problems.setRowCount(len(problems))
        for r, p in enumerate(problems):
            text = p.message if p.is_error else _("(warning) {line}").format(line=p.message)
            for c, value in enumerate((str(p.row), p.column, text)):
                item = QTableWidgetItem(value)
                item.setForeground(_ERROR_BRUSH if p.is_error else _WARNING_BRUSH)
                item.setToolTip(value)
                self.problems.setItem(r, c, item)
        self.problems.resizeColumnToContents(0)
        self.problems.resizeColumnToContents(1)
        self.problems.setWordWrap(True)  # long messages (the list of existing groups) wrap
        self.problems.resizeRowsToContents()
        self.undo_button.setEnabled(report.committed and report.batch_id is not None)
        if report.committed:
            self.changed = True

    def undo(self) -> None:
        if self.report is None or self.report.batch_id is None:
            return
        batch_id = self.report.batch_id
        runner_for(self).run(
            lambda progress: self._services.roster_import.undo_import(batch_id),
            parent=self, title=_("Undoing the import"), on_result=self._undone)

    def _undone(self, result: UndoResult) -> None:
        self.summary.setText(_undo_text(result))
        self.undo_button.setEnabled(False)
        self.changed = True


class ImportHistoryDialog(QDialog):
    """The past roster imports; the selected one can be undone."""

    def __init__(self, services: Services, *, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.changed = False
        self.setWindowTitle(_("Undo an import"))
        self.resize(760, 400)
        self.table = _table(self, [_("Imported at"), _("File"), _("Branch"), _("Added"), _("Updated"), _("Undone")])
        self.table.itemSelectionChanged.connect(self._update)
        self.undo_button = QPushButton(_("Undo the selected import"), self)
        self.undo_button.clicked.connect(self.undo_selected)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addWidget(self.undo_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.imports = self._services.roster_import.list_imports()
        self.table.setRowCount(len(self.imports))
        for r, imp in enumerate(self.imports):
            undone = f"{imp.undone_at:%Y-%m-%d %H:%M}" if imp.undone_at else ""
            for c, value in enumerate((f"{imp.created_at:%Y-%m-%d %H:%M}", imp.file_name, imp.branch_name,
                                       str(imp.added), str(imp.updated), undone)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        if not self.imports:
            self.message.setText(_("No roster has been imported yet."))
        self._update()

    def _selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.imports[rows[0].row()] if rows else None

    def _update(self) -> None:
        chosen = self._selected()
        self.undo_button.setEnabled(chosen is not None and not chosen.is_undone)

    def undo_selected(self) -> None:
        chosen = self._selected()
        if chosen is None or chosen.is_undone:
            return
        answer = QMessageBox.question(self, _("Undo an import"), _(
            "Undo the import of {file}? Members it added are removed and members it updated get their "
            "earlier values back.").format(file=chosen.file_name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        runner_for(self).run(lambda progress: self._services.roster_import.undo_import(chosen.batch_id),
                             parent=self, title=_("Undoing the import"), on_result=self._undone)

    def _undone(self, result: UndoResult) -> None:
        self.changed = True
        self.reload()
        self.message.setText(_undo_text(result))
