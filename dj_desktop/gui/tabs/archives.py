"""Tab 档案 (archives): one page per section found in ``gui/archives`` (发展党员, 民主评议, 关爱服务),
each built with the services like a tab and refreshed when the tab is."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.gui.archives import sections
from dj_desktop.gui.tabs.base import BaseTab


def _title(section) -> str:
    title = section.title
    return title() if callable(title) else _(title)


class ArchivesTab(BaseTab):
    order = 50

    @classmethod
    def title(cls) -> str:
        return _("Archives")

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.pages = QTabWidget(self)
        self.sections = []
        for section in sections():
            page = section(services, self.pages)
            self.sections.append(page)
            self.pages.addTab(page, _title(section))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def refresh(self) -> None:
        for page in self.sections:
            page.refresh()


TAB = ArchivesTab
