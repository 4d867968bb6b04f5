"""Tab 档案: the member archives, one page per section found in ``gui/archives/`` (each a QWidget with
``order``, a ``title()`` class method, a ``(services, parent)`` constructor and ``refresh()``)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.gui.archives import sections
from dj_desktop.gui.tabs.base import BaseTab


class ArchivesTab(BaseTab):
    order = 50

    @classmethod
    def title(cls) -> str:
        return _("Archives")

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.pages = QTabWidget(self)
        self.sections = [section(services, self.pages) for section in sections()]
        for page in self.sections:
            self.pages.addTab(page, page.title())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def refresh(self) -> None:
        for page in self.sections:
            page.refresh()


TAB = ArchivesTab
