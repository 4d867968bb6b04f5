"""The notice board's printing: the selected (approved) item as a poster on A4 or A3 in large type,
written off the UI thread, then previewed, printed or saved as PDF (保存为PDF)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Progress
from dj_desktop.gui.pdf_jobs import PdfJobs

if TYPE_CHECKING:
    from dj_desktop.core.services.notices import Notice
    from dj_desktop.gui.tabs.notices import NoticesTab


class NoticePrinting(PdfJobs):
    def __init__(self, tab: NoticesTab):
        super().__init__(tab)
        self.notice: Notice | None = None
        self.actions = []
        for paper in ("A4", "A3"):
            for label, print_it, save in ((_("Preview the poster on {paper}…"), False, False),
                                          (_("Print the poster on {paper}…"), True, False),
                                          (_("Save the poster on {paper} as PDF…"), False, True)):
                action = self.menu.addAction(label.format(paper=paper))
                action.triggered.connect(lambda _c=False, p=paper, pr=print_it, s=save: self.poster(p, print_it=pr,
                                                                                                   save=s))
                self.actions.append(action)
            self.menu.addSeparator()
        self.set_notice(None)

    def set_notice(self, notice: Notice | None) -> None:
        """Only an approved item goes on the board, so only an approved item can be printed."""
        self.notice = notice
        printable = notice is not None and notice.steps["approved"][1] is not None
        self.button.setEnabled(printable)
        self.button.setToolTip("" if printable else _("Select an approved item to print its poster."))

    def poster(self, paper: str, *, print_it: bool, save: bool = False) -> None:
        if self.notice is None:
            return
        poster = self.tab.services.notices.poster(self.notice.id, paper=paper)

        def write(path: Path, progress: Progress) -> None:
            from dj_desktop.reports.pdf.notice_poster import write_notice_poster
            write_notice_poster(poster, path)

        on = self.notice.steps["posted"][1] or self.notice.steps["approved"][1]
        self._run(_("Preparing the poster for printing"), write, self._target(self.notice.title, on),
                  print_it=print_it, save=save)
