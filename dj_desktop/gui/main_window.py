"""The main window: wires the tabs listed in :mod:`dj_desktop.gui.tabs` and the menu actions."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.gui.tabs import tab_classes


class MainWindow(QMainWindow):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(_("Branch record books"))
        self.resize(1280, 800)
        self.tabs = QTabWidget(self)
        self.setCentralWidget(self.tabs)
        for cls in tab_classes():
            tab = cls(services, self)
            self.tabs.addTab(tab, cls.title())
        self.tabs.currentChanged.connect(self._on_tab_changed)
        if self.tabs.count():
            self.tabs.widget(0).refresh()

    def _on_tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is not None:
            widget.refresh()

    def tab(self, cls: type) -> QWidget:
        for i in range(self.tabs.count()):
            if isinstance(self.tabs.widget(i), cls):
                return self.tabs.widget(i)
        raise LookupError(cls.__name__)
