"""The A4 document every printout uses: running header, "第 N 页 / 共 M 页" footer, cover, table of contents."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Sequence

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from dj_desktop.core.i18n import _
from dj_desktop.core.safe_write import atomic_path
from dj_desktop.core.progress import Progress, step
from dj_desktop.reports.pdf.contents import Contents, ContentsEntry, reserve_pages
from dj_desktop.reports.pdf.fonts import CJK, GRID_GREY, PARTY_RED, register_cjk_font, styles

# Binary streams instead of ASCII85: reportlab's pure-Python ASCII85 encoder took
# most of the time of a book with photos, and made the file a quarter larger.
rl_config.useA85 = 0

PAGE_WIDTH, PAGE_HEIGHT = A4
#: A bound book needs more paper on the spine side; pages alternate so the
#: wide margin is always inside (left on right-hand pages, right on left-hand ones).
INNER_MARGIN = 27 * mm
OUTER_MARGIN = 17 * mm
FLAT_MARGIN = 20 * mm
TOP_MARGIN = 24 * mm
BOTTOM_MARGIN = 22 * mm


class Heading(Paragraph):
    """A heading that becomes a table-of-contents entry and a PDF bookmark."""

    def __init__(self, text: str, *, level: int, style_name: str = "", key: str = "") -> None:
        sheet = styles()
        super().__init__(text, sheet[style_name or ("h1" if level == 0 else "h2")])
        self.toc_level = level
        self.toc_text = text
        self.toc_key = key


class NumberedCanvas(Canvas):
    """Holds every page back until the end so each footer can print the page total.

    Pages whose template asked for no footer (the cover) still count toward the
    total, as they do in a bound book.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict] = []
        self.wants_footer = True
        self.contents: Contents | None = None

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._held_pages.append(dict(self.__dict__))
        self._startPage()
        self.wants_footer = True

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            if self.wants_footer:
                self._draw_footer(number, total)
            if self.contents is not None:
                self.contents.draw_on(self, number)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        self.saveState()
        self.setFont(CJK, 9)
        self.setFillColor(GRID_GREY)
        text = _("Page {page} of {total}").format(page=number, total=total)
        self.drawCentredString(PAGE_WIDTH / 2, 12 * mm, text)
        self.restoreState()


class PrintedDocument(BaseDocTemplate):
    """An A4 document; ``book=True`` gives mirrored margins and a cover page without chrome.

    ``header`` is the running header (branch name · book title) on every page
    but the cover.
    """

    def __init__(self, target: str | Path | BinaryIO, *, header: str, title: str,
                 book: bool = False, progress: Progress | None = None) -> None:
        register_cjk_font()
        filename = str(target) if isinstance(target, Path) else target
        super().__init__(filename, pagesize=A4, title=title, author=header.split(" · ")[0],
                         creator="dj_desktop", leftMargin=FLAT_MARGIN, rightMargin=FLAT_MARGIN,
                         topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN,
                         # Otherwise every page names Helvetica, which has no Chinese and is never embedded.
                         initialFontName=CJK, initialFontSize=10.5)
        self.header = header
        self.book = book
        self._progress = progress
        self._size_estimate = 1
        self.contents = Contents()
        if book:
            self.addPageTemplates([
                self._template("cover", left=INNER_MARGIN, chrome=False, next_id="even"),
                self._template("even", left=OUTER_MARGIN, chrome=True, next_id="odd"),
                self._template("odd", left=INNER_MARGIN, chrome=True, next_id="even"),
            ])
        else:
            self.addPageTemplates([self._template("page", left=FLAT_MARGIN, chrome=True)])
        if progress is not None:
            self.setProgressCallBack(self._on_progress)

    def _template(self, name: str, *, left: float, chrome: bool, next_id: str | None = None) -> PageTemplate:
        right = (INNER_MARGIN + OUTER_MARGIN - left) if self.book else FLAT_MARGIN
        frame = Frame(left, BOTTOM_MARGIN, PAGE_WIDTH - left - right,
                      PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN, id=f"{name}-frame",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        on_page = self._draw_header if chrome else _draw_cover_frame
        return PageTemplate(id=name, frames=[frame], onPage=on_page, autoNextPageTemplate=next_id)

    def _draw_header(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        frame = doc.pageTemplate.frames[0]
        left, right = frame._x1, frame._x1 + frame._width
        y = PAGE_HEIGHT - TOP_MARGIN + 7 * mm
        canvas.saveState()
        canvas.setFont(CJK, 9)
        canvas.setFillColor(GRID_GREY)
        # On a left-hand page of a book the header sits at the outer (left) edge.
        if self.book and canvas.getPageNumber() % 2 == 0:
            canvas.drawString(left, y, self.header)
        else:
            canvas.drawRightString(right, y, self.header)
        canvas.setStrokeColor(PARTY_RED)
        canvas.setLineWidth(0.8)
        canvas.line(left, y - 2.5 * mm, right, y - 2.5 * mm)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        level = getattr(flowable, "toc_level", None)
        if level is None:
            return
        key = flowable.toc_key or f"h{id(flowable)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.toc_text, key, level=level, closed=level > 0)
        self.contents.entries.append(ContentsEntry(level, flowable.toc_text, self.page, key))

    def beforeDocument(self) -> None:  # noqa: N802 - reportlab's name
        self.canv.contents = self.contents

    def _on_progress(self, kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            self._size_estimate = max(1, value)
        elif kind == "PROGRESS":
            step(self._progress, min(value, self._size_estimate), self._size_estimate,
                 _("Laying out pages"))

    def render(self, story: Sequence[Flowable]) -> None:
        """Lays the story out in one pass; the contents and page totals are drawn as the file is saved."""
        frame_height = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
        # The contents title takes about 40 points of the first reserved page.
        story = reserve_pages(list(story), self.contents, first_page_height=frame_height - 40,
                              page_height=frame_height)
        if not isinstance(self.filename, str):
            self.build(story, canvasmaker=NumberedCanvas)
            return
        # A file: written under a temporary name and renamed, so a full disk or a kill never
        # leaves half a PDF behind.
        final = self.filename
        with atomic_path(final) as tmp:
            self.filename = str(tmp)
            try:
                self.build(story, canvasmaker=NumberedCanvas)
            finally:
                self.filename = final


def _draw_cover_frame(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """A red double rule round the cover, as on the printed manuals; the cover has no footer."""
    canvas.wants_footer = False
    canvas.saveState()
    canvas.setStrokeColor(PARTY_RED)
    for inset, width in ((14 * mm, 2.4), (17 * mm, 0.8)):
        canvas.setLineWidth(width)
        canvas.rect(inset, inset, PAGE_WIDTH - 2 * inset, PAGE_HEIGHT - 2 * inset)
    canvas.restoreState()

