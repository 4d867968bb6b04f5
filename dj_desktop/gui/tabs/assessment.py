"""考核手册 (assessment handbook): score a period against a standard — automatic scores with the
records behind them (opened from here), the secretary's scores and comments, vetoes, total and
stars; save, submit (frozen), new version, print the handbook."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QTemporaryDir, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.cadence import ReminderTarget
from dj_desktop.core.services import Services
from dj_desktop.gui.books import open_target
from dj_desktop.gui.empty_hint import empty_hint
from dj_desktop.gui.tabs.assessment_files import EvidenceFiles
from dj_desktop.gui.tabs.base import BaseTab
from dj_desktop.gui.workers import runner_for

COL_CATEGORY, COL_ITEM, COL_MAX, COL_AUTO, COL_SCORE, COL_COMMENT, COL_EVIDENCE = range(7)
EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _num(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


class AssessmentTab(BaseTab):
    order = 55

    @classmethod
    def title(cls) -> str:
        return _("Assessment handbook")

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.sheet = None
        #: The record dialog opened last from the evidence list (tests drive it).
        self.active_dialog = None
        self.today: Callable[[], date] = date.today
        #: How a finished PDF is shown; tests replace it to avoid the modal preview.
        self.present: Callable[[Path], None] = self._present
        self.last_pdf: Path | None = None
        self._folder = QTemporaryDir()
        self.standard_box = QComboBox(self)
        self.period_edit = QLineEdit(self)
        self.period_edit.setPlaceholderText(_("2025, 2025-H1, 2025-Q3 or 2025-03"))
        self.period_edit.setText(str(date.today().year - 1))
        self.score_button = QPushButton(_("Score from the records"), self)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels([_("Assessment category"), _("Item"), _("Points"), _("From the records"),
                                              _("Score"), _("Comment"), _("Evidence")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Stretch)
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.evidence_list = QListWidget(self)
        self.evidence_list.setMaximumHeight(130)
        empty_hint(self.table, _("Choose a standard and a period, then click \"Score from the records\"."))
        empty_hint(self.evidence_list, _("Select an item above to see the records it was scored from."))
        self.open_button = QPushButton(_("Open the record"), self)
        self.files = EvidenceFiles(self, self.evidence_list)
        self.veto_row = QHBoxLayout()
        self.veto_checks: dict[str, QCheckBox] = {}
        self.comment_edit = QLineEdit(self)
        self.comment_edit.setPlaceholderText(_("The branch's comment on the period"))
        self.save_button = QPushButton(_("Save"), self)
        self.submit_button = QPushButton(_("Submit (freezes this version)"), self)
        self.new_version_button = QPushButton(_("Make a new version"), self)
        self.print_button = QPushButton(_("Print the handbook…"), self)
        #: What just happened or went wrong, in one line (never a blocking box).
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self._layout()
        self.score_button.clicked.connect(self.load)
        self.standard_box.currentIndexChanged.connect(lambda _i: self.load())
        self.period_edit.returnPressed.connect(self.load)
        self.table.itemSelectionChanged.connect(self._show_evidence)
        self.evidence_list.itemDoubleClicked.connect(lambda _item: self.open_evidence())
        self.open_button.clicked.connect(self.open_evidence)
        self.save_button.clicked.connect(self.save)
        self.submit_button.clicked.connect(self.submit)
        self.new_version_button.clicked.connect(self.new_version)
        self.print_button.clicked.connect(self.print_handbook)

    def _layout(self) -> None:
        top = QHBoxLayout()
        for widget in (QLabel(_("Standard"), self), self.standard_box, QLabel(_("Period"), self), self.period_edit,
                       self.score_button):
            top.addWidget(widget)
        top.addStretch(1)
        evidence = QHBoxLayout()
        evidence.addWidget(self.evidence_list, 1)
        evidence.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        evidence.addWidget(self.files.attach_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.comment_edit, 1)
        for b in (self.save_button, self.submit_button, self.new_version_button, self.print_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note_label)
        layout.addLayout(evidence)
        layout.addLayout(self.veto_row)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)

    # --- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.standard_box.count() == 0:
            try:
                standards = self.services.assessment.standards(self.today())
            except UserError as exc:
                self.message_label.setText(str(exc))
                return
            self.standard_box.blockSignals(True)
            for s in standards:
                self.standard_box.addItem(s.title, s.name)
            self.standard_box.blockSignals(False)
        self.load()

    def _args(self) -> dict:
        return dict(period=self.period_edit.text(), standard=self.standard_box.currentData(), today=self.today())

    def load(self) -> None:
        if self.standard_box.currentData() is None:
            return
        try:
            self.show_sheet(self.services.assessment.sheet(**self._args()))
        except UserError as exc:
            self.message_label.setText(str(exc))
            return
        self.message_label.setText("")

    def show_sheet(self, sheet) -> None:
        self.sheet = sheet
        self.files.load(sheet)
        self.table.blockSignals(True)
        self.table.setRowCount(len(sheet.items))
        for row, item in enumerate(sheet.items):
            manual_editable = not sheet.frozen and not item.automatic
            cells = [(item.category, READ_ONLY), (item.title, READ_ONLY), (_num(item.max), READ_ONLY),
                     (_num(item.auto_score) if item.automatic else _("by hand"), READ_ONLY),
                     (_num(item.score) if not item.automatic else _num(item.final),
                      EDITABLE if manual_editable else READ_ONLY),
                     (item.comment, READ_ONLY if sheet.frozen else EDITABLE),
                     (str(len(item.evidence) + self.files.count(item.id))
                      if item.automatic or self.files.count(item.id) else "—", READ_ONLY)]
            for col, (text, flags) in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setFlags(flags)
                cell.setToolTip(item.how)
                self.table.setItem(row, col, cell)
        self.table.blockSignals(False)
        while self.veto_row.count():
            widget = self.veto_row.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.veto_checks = {}
        if sheet.vetoes:
            self.veto_row.addWidget(QLabel(_("Veto items (one vote):"), self))
        for veto in sheet.vetoes:
            check = QCheckBox(veto.title, self)
            check.setChecked(veto.found)
            check.setEnabled(not sheet.frozen)
            self.veto_checks[veto.id] = check
            self.veto_row.addWidget(check)
        self.comment_edit.setText(sheet.comment)
        self.comment_edit.setReadOnly(sheet.frozen)
        self.save_button.setEnabled(not sheet.frozen)
        self.submit_button.setEnabled(sheet.status == "draft")
        self.new_version_button.setEnabled(sheet.frozen)
        self.summary_label.setText(self.summary_text(sheet))
        self._show_evidence()

    @staticmethod
    def summary_text(sheet) -> str:
        if sheet.vetoed:
            stars = _("vetoed, no star")
        elif sheet.stars:
            stars = _("{n} stars").format(n=sheet.stars) + (f"（{sheet.tier}）" if sheet.tier else "")
        else:
            stars = _("no star level")
        state = {"new": _("not saved yet"), "draft": _("draft, version {no}").format(no=sheet.version_no),
                 "submitted": _("submitted on {day}, version {no} (frozen)").format(
                     day=sheet.submitted_on.isoformat() if sheet.submitted_on else "", no=sheet.version_no)}
        text = _("{branch} · {period}: total {total} of {max} points; {stars}; {state}").format(
            branch=sheet.branch_name, period=sheet.period, total=_num(sheet.total), max=_num(sheet.standard.total),
            stars=stars, state=state[sheet.status])
        lines = [text, *sheet.notes]
        if sheet.office_scored_on:
            lines.append(_("Upper level's score ({day}): total {total}; final star level {stars}. {comment}").format(
                day=sheet.office_scored_on.isoformat(), total=_num(sheet.office_total),
                stars=_("{n} stars").format(n=sheet.office_stars) if sheet.office_stars else "—",
                comment=sheet.office_comment))
        return "\n".join(lines)

    def _selected_item(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or self.sheet is None:
            return None
        return self.sheet.items[rows[0].row()]

    def _show_evidence(self) -> None:
        self.evidence_list.clear()
        item = self._selected_item()
        self.note_label.setText("" if item is None else " ".join(t for t in (item.note, item.how) if t))
        self.files.show(item, self.sheet is not None and self.sheet.frozen)
        if item is None:
            self.open_button.setEnabled(False)
            return
        titles = self.services.assessment.evidence_titles(item.evidence)
        for (book, record_id), text in zip(item.evidence, titles):
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, (book, record_id))
            self.evidence_list.insertItem(self.evidence_list.count() - self.files.count(item.id), entry)
        if self.evidence_list.count():
            self.evidence_list.setCurrentRow(0)
        self.open_button.setEnabled(self.evidence_list.count() > 0)

    def select_item(self, item_id: str) -> None:
        row = next(i for i, item in enumerate(self.sheet.items) if item.id == item_id)
        self.table.selectRow(row)

    def open_evidence(self):
        """Opens the chosen record behind the selected item's score with the book's own form."""
        entry = self.evidence_list.currentItem()
        if entry is None or self.sheet is None:
            return None
        if self.files.is_file(entry):
            return self.files.open(entry)
        book, record_id = entry.data(Qt.ItemDataRole.UserRole)
        target = ReminderTarget(book, "open", self.sheet.branch_id, record_id=record_id)
        dialog = open_target(self, self.services, target, on=self.today(), message=entry.text())
        if dialog is not None:
            self.active_dialog = dialog
            dialog.finished.connect(lambda _result: self.load())
            dialog.open()
        return dialog

    # --- writing -------------------------------------------------------------------------------
    def _typed(self) -> tuple[dict, dict]:
        scores, comments = {}, {}
        for row, item in enumerate(self.sheet.items):
            if not item.automatic:
                scores[item.id] = self.table.item(row, COL_SCORE).text().strip()
            comments[item.id] = self.table.item(row, COL_COMMENT).text()
        return scores, comments

    def _write(self, call, done: str) -> None:
        try:
            sheet = call()
        except ValidationError as exc:
            titles = {i.id: i.title for i in self.sheet.items} if self.sheet else {}
            self.message_label.setText("\n".join(f"{titles.get(k, k)}：{m}" if k else m
                                                 for k, m in exc.problems.items()))
            return
        except UserError as exc:
            self.message_label.setText(str(exc))
            return
        self.show_sheet(sheet)
        self.message_label.setText(done)

    def save(self) -> None:
        if self.sheet is None:
            return
        scores, comments = self._typed()
        vetoes = {k for k, check in self.veto_checks.items() if check.isChecked()}
        self._write(lambda: self.services.assessment.save(scores=scores, comments=comments, vetoes=vetoes,
                                                          comment=self.comment_edit.text(), **self._args()),
                    _("Saved."))

    def submit(self) -> None:
        self._write(lambda: self.services.assessment.submit(**self._args()),
                    _("Submitted: this version is frozen; a change makes a new version."))

    def new_version(self) -> None:
        self._write(lambda: self.services.assessment.new_version(**self._args()),
                    _("A new draft version was made from the submitted one."))

    def print_handbook(self) -> None:
        if self.sheet is None:
            return
        sheet, services = self.sheet, self.services
        target = Path(self._folder.path()) / f"{_('Branch work assessment handbook')}-{sheet.period}.pdf"

        def job(progress) -> Path:
            from dj_desktop.reports.pdf.assessment_handbook import write_assessment_handbook
            write_assessment_handbook(services.assessment.handbook(sheet), target)
            return target

        def done(path: Path) -> None:
            self.last_pdf = path
            self.present(path)

        runner_for(self).run(job, parent=self, title=_("Preparing the assessment handbook for printing"),
                             on_result=done)

    def _present(self, path: Path) -> None:
        from dj_desktop.gui import print_preview
        print_preview.show_print_preview(path, self)


TAB = AssessmentTab
