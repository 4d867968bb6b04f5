"""Section 民主评议 of the 档案 tab: the members' appraisals of a year, added and opened in a form."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Callable

from PySide6.QtWidgets import (
    QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.core.services import appraisal_choices
from dj_desktop.core.services.appraisal_care import appraisal_report
from dj_desktop.gui.book_list import BookList
from dj_desktop.gui.dialogs.appraisal_care_dialogs import AppraisalDialog


class YearSection(QWidget):
    """A year chooser over the section's lists; the branch is the installation's own."""

    order = 100

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.today: Callable[[], date] = date.today
        self.year_box = QSpinBox(self)
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(date.today().year)
        self.year_box.valueChanged.connect(lambda _v: self.refresh())
        self.top = QHBoxLayout()
        self.top.addWidget(QLabel(_("Year"), self))
        self.top.addWidget(self.year_box)
        self.top.addStretch(1)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.top)
        self.message = QLabel(self)
        self.message.hide()
        self.layout_.addWidget(self.message)
        #: The section's lists; the delete button acts on the one whose row was selected last.
        self.lists: list[BookList] = []
        self.current: BookList | None = None

    @property
    def branch_id(self) -> uuid.UUID | None:
        branch = self.services.organisation.first_branch()
        return branch.id if branch else None

    def button(self, text: str, action: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(action)
        self.top.addWidget(button)
        return button

    def save_pdf(self, caption: str, name: str, build: Callable[[int], object]) -> None:
        """Asks for a file and writes the year's printout ``build(year)`` there as PDF."""
        from dj_desktop.gui.file_dialogs import PDF, choose_save_file
        from dj_desktop.reports.pdf.tabular import write_report
        path = choose_save_file(self, caption, PDF, name.format(year=self.year_box.value()) + ".pdf")
        if not path:
            return
        try:
            write_report(build(self.year_box.value()), path)
        except (UserError, OSError) as exc:
            QMessageBox.warning(self, caption, str(exc))

    def track(self, view: BookList) -> BookList:
        self.lists.append(view)
        view.itemSelectionChanged.connect(lambda: self._selected(view))
        return view

    def _selected(self, view: BookList) -> None:
        if view.selected_record() is None:
            return
        self.current = view
        for other in self.lists:
            if other is not view:
                other.clearSelection()

    def delete_selected(self, reason: str | None = None) -> bool:
        """Deletes the selected record with a reason (kept in the history); asks for the reason unless given."""
        record = self.current.selected_record() if self.current is not None else None
        if record is None:
            self.say(_("Select a row in a list first, then delete it."))
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(self, _("Delete record"), _(
                "Why is “{title}” being deleted? The record is kept in the history.").format(title=record.title))
            if not ok:
                return False
        try:
            self.services.records.tombstone(self.current.book, record.id, reason=reason)
        except UserError as exc:
            self.say(str(exc))
            return False
        self.refresh()
        self.say(_("“{title}” ({member}) was deleted; the history keeps it and the reason.").format(
            title=record.title, member=record.texts[self._member_column(self.current)]))
        return True

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @staticmethod
    def _member_column(view: BookList) -> int:
        info = view.services.records.book(view.book)
        return next((n for n, i in enumerate(view.columns) if info.columns[i].key == "member_id"), 0)

    def opened(self, dialog):
        dialog.accepted.connect(self.refresh)
        return dialog


class AppraisalSection(YearSection):
    order = 20

    @classmethod
    def title(cls) -> str:
        return _("Democratic appraisal")

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.list = self.track(BookList(services, "appraisals", _("No appraisals recorded for this year. Click \"Add "
                                                       "appraisal…\" after the branch's appraisal meeting."),
                             on_open=lambda rid: self.edit(rid).open(), parent=self))
        self.add_button = self.button(_("Add appraisal…"), lambda: self.edit().open())
        self.delete_button = self.button(_("Delete selected…"), lambda: self.delete_selected())
        self.pdf_button = self.button(_("Save results as PDF…"), lambda: self.save_pdf(
            _("Save the appraisal results"), _("Appraisal results {year}"),
            lambda year: appraisal_report(services, year, printed_on=self.today())))
        self.cap_label = QLabel(self)
        self.cap_label.setWordWrap(True)
        self.layout_.addWidget(self.cap_label)
        self.layout_.addWidget(self.list, 1)

    def edit(self, record_id: uuid.UUID | None = None) -> AppraisalDialog:
        return self.opened(AppraisalDialog(self.services, branch_id=self.branch_id, record_id=record_id,
                                           preset={"year": self.year_box.value()}, today=self.today(), parent=self))

    def refresh(self) -> None:
        year, branch_id = self.year_box.value(), self.branch_id
        self.list.load(branch_id, year)
        self.cap_label.setText(self._cap_text(branch_id, year) if branch_id else "")

    def _cap_text(self, branch_id: uuid.UUID, year: int) -> str:
        """The year's appraisal in one line: how many appraised, and 优秀 against its cap."""
        days = [r.values["appraised_on"] for r in self.list.records if r.values.get("appraised_on")]
        on = min(max(days) if days else date(year, 12, 31), self.today())
        try:
            quota = appraisal_choices.quota(self.services, branch_id, year, on)
        except UserError as exc:
            return str(exc)
        return _("{count} members appraised in {year}.").format(count=len(self.list.records), year=year) + " " + \
            quota.text()


SECTION = AppraisalSection
