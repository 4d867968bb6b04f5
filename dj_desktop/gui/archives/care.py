"""Section 关爱服务 of the 档案 tab: the ledger of elderly, ill and hardship members, the year's visits and
the aid they received, with the year's summary line; the yearly care printout from the section."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QLabel, QWidget

from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.core.services.appraisal_care import care_report, summarise
from dj_desktop.gui.archives.appraisal import YearSection
from dj_desktop.gui.book_list import BookList
from dj_desktop.gui.dialogs.appraisal_care_dialogs import AidDialog, CareMemberDialog, VisitDialog


class CareSection(YearSection):
    order = 30

    @classmethod
    def title(cls) -> str:
        return _("Care services")

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.ledger = self.track(BookList(services, "care_members", _("No member is on the care ledger. Click \"Add to "
                                                           "ledger…\" for an elderly, ill or hardship member."),
                               on_open=lambda rid: self.edit_ledger(rid).open(), parent=self))
        self.visits = self.track(BookList(services, "care_visits", _("No visits recorded this year. Click \"Record visit…\" "
                                                          "after visiting a member (七一, 春节, illness)."),
                               on_open=lambda rid: self.edit_visit(rid).open(), parent=self))
        self.aid = self.track(BookList(services, "care_aid", _("No aid recorded this year. Click \"Record aid…\" when a member "
                                                    "on the ledger receives aid (money, goods, medical help)."),
                            on_open=lambda rid: self.edit_aid(rid).open(), parent=self))
        self.ledger_button = self.button(_("Add to ledger…"), lambda: self.edit_ledger().open())
        self.visit_button = self.button(_("Record visit…"), lambda: self.edit_visit().open())
        self.aid_button = self.button(_("Record aid…"), lambda: self.edit_aid().open())
        self.delete_button = self.button(_("Delete selected…"), lambda: self.delete_selected())
        self.pdf_button = self.button(_("Save ledger as PDF…"), lambda: self.save_pdf(
            _("Save the care ledger"), _("Care ledger {year}"),
            lambda year: care_report(services, year, printed_on=self.today())))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.layout_.addWidget(self.summary)
        for title, view in ((_("Care ledger"), self.ledger), (_("Visits of the year"), self.visits),
                            (_("Aid received this year"), self.aid)):
            self.layout_.addWidget(QLabel(title, self))
            self.layout_.addWidget(view, 1)

    def _dialog(self, cls, record_id):
        return self.opened(cls(self.services, branch_id=self.branch_id, record_id=record_id, today=self.today(),
                               parent=self))

    def edit_ledger(self, record_id: uuid.UUID | None = None) -> CareMemberDialog:
        return self._dialog(CareMemberDialog, record_id)

    def edit_visit(self, record_id: uuid.UUID | None = None) -> VisitDialog:
        return self._dialog(VisitDialog, record_id)

    def edit_aid(self, record_id: uuid.UUID | None = None) -> AidDialog:
        return self._dialog(AidDialog, record_id)

    def refresh(self) -> None:
        year = self.year_box.value()
        self.ledger.load(self.branch_id, None)
        self.visits.load(self.branch_id, year)
        self.aid.load(self.branch_id, year)
        self.summary.setText(summarise(year, self.ledger.records, self.visits.records, self.aid.records).text())


SECTION = CareSection
