"""The main window's tab bar, built lazily: every tab's title is shown at start (from
:data:`dj_desktop.gui.tabs.TABS`), but a tab's module is imported and its widget built only when the
tab is first shown or asked for (start-up budget, issue 10). Until then its place holds an empty
widget; building swaps the real tab in at the same index without emitting ``currentChanged``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget

from dj_desktop.core.i18n import _
from dj_desktop.gui.tabs import TABS, tab_class, tab_module


class TabSlots:
    def __init__(self, tabs: QTabWidget, build: Callable[[type], QWidget]):
        self.tabs = tabs
        self._build = build
        self._modules = [module for module, _title in TABS]
        self._built: dict[str, QWidget] = {}
        for _module, title in TABS:
            tabs.addTab(QWidget(tabs), _(title))

    def ensure(self, index: int) -> QWidget | None:
        """The tab at ``index``, built now if it was not yet (None for an index out of range)."""
        if not 0 <= index < len(self._modules):
            return None
        module = self._modules[index]
        if module not in self._built:
            widget = self._build(tab_class(module))
            self._built[module] = widget
            self._swap_in(index, widget)
        return self._built[module]

    def tab(self, cls: type) -> QWidget:
        """The tab of class ``cls``, built if needed; LookupError when the window has none."""
        module = tab_module(cls)
        if module not in self._modules or tab_class(module) is not cls:
            raise LookupError(cls.__name__)
        return self.ensure(self._modules.index(module))

    def built(self, cls: type) -> QWidget | None:
        """The tab of class ``cls`` if it was built already (never builds it)."""
        widget = self._built.get(tab_module(cls))
        return widget if isinstance(widget, cls) else None

    def _swap_in(self, index: int, widget: QWidget) -> None:
        tabs = self.tabs
        current = tabs.currentIndex()
        placeholder = tabs.widget(index)
        title = tabs.tabText(index)
        blocked = tabs.blockSignals(True)
        try:
            tabs.removeTab(index)
            tabs.insertTab(index, widget, title)
            tabs.setCurrentIndex(current)
        finally:
            tabs.blockSignals(blocked)
        placeholder.deleteLater()
