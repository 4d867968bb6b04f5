"""Tab 党费和经费: Party dues (党费收缴, ``dues_roll.py``) and the branch funds ledger (党建经费,
``funds_ledger.py``) on two pages; each page refreshes when it is shown."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.gui.tabs.base import BaseTab
from dj_desktop.gui.tabs.dues_roll import DuesRollPage
from dj_desktop.gui.tabs.funds_ledger import FundsLedgerPage


class DuesTab(BaseTab):
    order = 52

    @classmethod
    def title(cls) -> str:
        return _("Dues and funds")

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.pages = QTabWidget(self)
        self.dues = DuesRollPage(services, self.branch_id, self)
        self.funds = FundsLedgerPage(services, self.branch_id, self)
        self.pages.addTab(self.dues, _("Party dues"))
        self.pages.addTab(self.funds, _("Branch funds ledger"))
        self.pages.currentChanged.connect(lambda _i: self.refresh())
        QVBoxLayout(self).addWidget(self.pages)

    def branch_id(self) -> uuid.UUID | None:
        branch = self.services.organisation.first_branch()
        return branch.id if branch else None

    def refresh(self) -> None:
        self.pages.currentWidget().refresh()


TAB = DuesTab
