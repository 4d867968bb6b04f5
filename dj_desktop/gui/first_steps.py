"""The dashboard's guide for a branch that has no members yet: the first steps instead of a
list of overdue meetings nobody could have held."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from dj_desktop.core.i18n import _


class FirstStepsGuide(QFrame):
    """Three steps with a button each; the buttons call into the main window's tabs."""

    def __init__(self, host: QWidget):
        super().__init__(host)
        self.host = host
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(_("Getting started: this branch has no members yet"), self)
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        text = QLabel(_(
            "Reminders start once the branch has members. Three steps set the branch up:<ol>"
            "<li><b>Members</b> — import the roster from an Excel file (a template with the right columns "
            "is in the Roster tab), or add members one by one.</li>"
            "<li><b>Party groups</b> — set up the groups and who leads them.</li>"
            "<li><b>Committee and term</b> — record the secretary (and, with 7 or more full members, the "
            "committee) and the term's dates, so the program reminds you of the next election.</li></ol>"), self)
        text.setWordWrap(True)
        self.import_button = QPushButton(_("Import the roster from Excel…"), self)
        self.add_button = QPushButton(_("Add a member…"), self)
        self.organisation_button = QPushButton(_("Set up groups and the committee…"), self)
        self.import_button.clicked.connect(self.import_roster)
        self.add_button.clicked.connect(self.add_member)
        self.organisation_button.clicked.connect(self.open_organisation)
        buttons = QHBoxLayout()
        for button in (self.import_button, self.add_button, self.organisation_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def _tab(self, name: str):
        import importlib
        window = self.host.window()
        module, cls = {"roster": ("dj_desktop.gui.tabs.roster", "RosterTab"),
                       "organisation": ("dj_desktop.gui.tabs.organisation", "OrganisationTab")}[name]
        try:
            tab = window.tab(getattr(importlib.import_module(module), cls))  # type: ignore[attr-defined]
        except (AttributeError, LookupError):
            return None
        window.tabs.setCurrentWidget(tab)  # type: ignore[attr-defined]
        return tab

    def import_roster(self) -> None:
        window = self.host.window()
        if hasattr(window, "import_roster"):
            self._tab("roster")
            window.import_roster()

    def add_member(self) -> None:
        tab = self._tab("roster")
        if tab is not None:
            tab.add_member()

    def open_organisation(self) -> None:
        self._tab("organisation")
