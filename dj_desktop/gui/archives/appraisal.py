"""Section 民主评议 of the 档案 tab: the members' appraisals of a year, added and opened in a form."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
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

    @property
    def branch_id(self) -> uuid.UUID | None:
        branch = self.services.organisation.first_branch()
        return branch.id if branch else None

    def button(self, text: str, action: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(action)
        self.top.addWidget(button)
        return button

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
        self.list = BookList(services, "appraisals", _("No appraisals recorded for this year. Click \"Add "
                                                       "appraisal…\" after the branch's appraisal meeting."),
                             on_open=lambda rid: self.edit(rid).open(), parent=self)
        self.add_button = self.button(_("Add appraisal…"), lambda: self.edit().open())
        self.layout_.addWidget(self.list, 1)

    def edit(self, record_id: uuid.UUID | None = None) -> AppraisalDialog:
        return self.opened(AppraisalDialog(self.services, branch_id=self.branch_id, record_id=record_id,
                                           preset={"year": self.year_box.value()}, today=self.today(), parent=self))

    def refresh(self) -> None:
        self.list.load(self.branch_id, self.year_box.value())


SECTION = AppraisalSection
