"""The group manual tab's printing: the group's book for the year, or one co-managed member's card,
written off the UI thread into a temporary folder, then previewed, printed or saved as PDF."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Progress
from dj_desktop.gui.pdf_jobs import PdfJobs

if TYPE_CHECKING:
    from dj_desktop.gui.tabs.group_manual import GroupManualTab


class GroupManualPrinting(PdfJobs):
    def __init__(self, tab: GroupManualTab):
        super().__init__(tab)
        menu = self.menu
        menu.addAction(_("Preview the group manual of the year…")).triggered.connect(lambda: self.book(print_it=False))
        menu.addAction(_("Print the group manual of the year…")).triggered.connect(lambda: self.book(print_it=True))
        menu.addAction(_("Save the group manual of the year as PDF…")).triggered.connect(
            lambda: self.book(print_it=False, save=True))
        menu.addSeparator()
        self.card_action = menu.addAction(_("Preview the selected card…"))
        self.card_action.triggered.connect(lambda: self.card(print_it=False))

    def book(self, *, print_it: bool, save: bool = False) -> None:
        group_id, year = self.tab.group_id(), self.tab.year_spin.value()
        if group_id is None:
            return
        services = self.tab.services

        def write(path: Path, progress: Progress) -> None:
            from dj_desktop.reports.pdf.group_manual import write_group_manual
            write_group_manual(services.group_manual.manual(group_id, year=year, progress=progress), path,
                               progress=progress)

        self._run(_("Preparing the group manual of {year} for printing").format(year=year), write,
                  self._target(_("Party group manual"), str(year)), print_it=print_it, save=save)

    def card(self, *, print_it: bool, card_id: uuid.UUID | None = None, save: bool = False) -> None:
        card_id = card_id or self.tab.selected_id(self.tab.cards_table)
        if card_id is None:
            return
        services = self.tab.services
        printout = services.records.printout("co_managed_cards", card_id)

        def write(path: Path, progress: Progress) -> None:
            printout.writer(printout.data, path, branch_name=printout.branch_name)

        self._run(_("Preparing the card for printing"), write, self._target(printout.data.card_label,
                                                                              printout.data.on),
                  print_it=print_it, save=save)
