"""The group manual tab's printing: the group's book for the year, or one co-managed member's card,
written off the UI thread into a temporary folder, then previewed, printed or saved as PDF."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QTemporaryDir
from PySide6.QtWidgets import QMenu, QToolButton

from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Progress
from dj_desktop.gui import print_preview
from dj_desktop.gui.file_dialogs import dated_name
from dj_desktop.gui.pdf_save import save_pdf_copy
from dj_desktop.gui.workers import runner_for

if TYPE_CHECKING:
    from dj_desktop.gui.tabs.group_manual import GroupManualTab


class GroupManualPrinting:
    def __init__(self, tab: GroupManualTab):
        self.tab = tab
        self._folder = QTemporaryDir()
        self._counter = 0
        self.last_pdf: Path | None = None
        #: ``(pdf, print it)``; tests replace it to avoid modal dialogs.
        self.present: Callable[[Path, bool], None] = self._present
        self.save_as: Callable[[Path], Path | None] = lambda path: save_pdf_copy(path, self.tab)
        self.button = QToolButton(tab)
        self.button.setText(_("Print and preview"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        menu.addAction(_("Preview the group manual of the year…")).triggered.connect(lambda: self.book(print_it=False))
        menu.addAction(_("Print the group manual of the year…")).triggered.connect(lambda: self.book(print_it=True))
        menu.addAction(_("Save the group manual of the year as PDF…")).triggered.connect(
            lambda: self.book(print_it=False, save=True))
        menu.addSeparator()
        self.card_action = menu.addAction(_("Preview the selected card…"))
        self.card_action.triggered.connect(lambda: self.card(print_it=False))
        self.button.setMenu(menu)

    def _target(self, stem: str, on) -> Path:
        self._counter += 1
        folder = Path(self._folder.path()) / str(self._counter)
        folder.mkdir(parents=True, exist_ok=True)
        return folder / dated_name(stem, suffix=".pdf", on=on)

    def _run(self, title: str, write: Callable[[Path, Progress], None], target: Path, *, print_it: bool,
             save: bool) -> None:
        def job(progress: Progress) -> Path:
            write(target, progress)
            return target

        def done(path: Path) -> None:
            self.last_pdf = path
            if save:
                self.save_as(path)
            else:
                self.present(path, print_it)

        runner_for(self.tab).run(job, parent=self.tab, title=title, on_result=done)

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

    def _present(self, path: Path, print_it: bool) -> None:
        if print_it:
            print_preview.print_pdf(path, self.tab)
        else:
            print_preview.show_print_preview(path, self.tab)
