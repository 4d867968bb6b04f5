"""A tab's printing jobs: each PDF is written off the UI thread (``gui/workers.py``, with progress and
cancel) into a fresh folder of a temporary directory, named as it will be saved, then shown in the
print preview, sent to the print dialog, or saved as a vector PDF (保存为PDF).

A tab's printing class (``ManualPrinting``, ``GroupManualPrinting``) subclasses :class:`PdfJobs`
and adds its menu; tests replace ``present`` and ``save_as`` to avoid modal dialogs."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QTemporaryDir
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Progress
from dj_desktop.gui import print_preview
from dj_desktop.gui.file_dialogs import dated_name
from dj_desktop.gui.pdf_save import save_pdf_copy
from dj_desktop.gui.workers import runner_for

#: ``(pdf path, print it)``: shows the preview, or the print dialog when ``print it`` is true.
Presenter = Callable[[Path, bool], None]


class PdfJobs:
    def __init__(self, tab: QWidget):
        self.tab = tab
        self._folder = QTemporaryDir()
        self._counter = 0
        #: The last PDF written (tests read it; the next job overwrites nothing, names are unique).
        self.last_pdf: Path | None = None
        #: How a finished PDF is shown.
        self.present: Presenter = self._present
        #: How a finished PDF is saved (asks where, copies the vector file).
        self.save_as: Callable[[Path], Path | None] = lambda path: save_pdf_copy(path, self.tab)
        #: The tab's "打印与预览" button; the subclass fills ``menu``.
        self.button = QToolButton(tab)
        self.button.setText(_("Print and preview"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.button.setMenu(self.menu)

    def _target(self, stem: str, on: date | str) -> Path:
        """A fresh file in its own folder, named as it will be saved (e.g. 支委会记录-2026-11-28.pdf)."""
        self._counter += 1
        folder = Path(self._folder.path()) / str(self._counter)
        folder.mkdir(parents=True, exist_ok=True)
        return folder / dated_name(stem, suffix=".pdf", on=on)

    def _run(self, title: str, write: Callable[[Path, Progress], None], target: Path, *, print_it: bool,
             save: bool = False) -> None:
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

    def _present(self, path: Path, print_it: bool) -> None:
        if print_it:
            print_preview.print_pdf(path, self.tab)
        else:
            print_preview.show_print_preview(path, self.tab)
