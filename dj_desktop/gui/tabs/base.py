"""What every tab shares: the services it was given and a ``refresh()`` template method."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from dj_desktop.core.services import Services


class BaseTab(QWidget):
    #: Position among the main window's tabs (smaller first); see ``gui/tabs/__init__.py``.
    order = 100

    #: Translated title shown on the tab; subclasses set it in ``title()``.
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services

    @classmethod
    def title(cls) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload what the tab shows from the services (called when the tab is shown)."""
