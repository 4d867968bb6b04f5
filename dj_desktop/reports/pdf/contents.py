"""A table of contents filled in when the PDF is saved, so a book is laid out in one pass.

The story holds a :class:`ContentsPlaceholder`; the document turns it into as
many reserved pages as the headings need (their number is known before layout).
Headings report their page while the book is laid out, and the canvas, which
holds every page back until the end anyway for the page total, draws the
entries onto the reserved pages before writing them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak

from dj_desktop.reports.pdf.fonts import CJK

#: Line height and font size by heading level.
LINE_HEIGHT = {0: 24.0, 1: 18.0}
FONT_SIZE = {0: 12.0, 1: 10.5}
INDENT = {0: 6.0, 1: 26.0}


@dataclass(frozen=True)
class ContentsEntry:
    level: int
    text: str
    page: int
    key: str


@dataclass
class Contents:
    """The entries found during layout and the page areas reserved for them."""

    entries: list[ContentsEntry] = field(default_factory=list)
    #: (page number, left x, top y, width, height) of each reserved area, in page order.
    areas: list[tuple[int, float, float, float, float]] = field(default_factory=list)

    def draw_on(self, canvas, page_number: int) -> None:
        """Draws the entries that fall on ``page_number`` (called once per page at save time)."""
        remaining = list(self.entries)
        for number, x, top, width, height in self.areas:
            y = top
            while remaining and y - LINE_HEIGHT[min(remaining[0].level, 1)] >= top - height:
                entry = remaining.pop(0)
                y -= LINE_HEIGHT[min(entry.level, 1)]
                if number == page_number:
                    _draw_entry(canvas, entry, x=x, y=y, width=width)


def _draw_entry(canvas, entry: ContentsEntry, *, x: float, y: float, width: float) -> None:
    level = min(entry.level, 1)
    size = FONT_SIZE[level]
    page_text = str(entry.page)
    left = x + INDENT[level]
    right = x + width - 4
    canvas.saveState()
    canvas.setFont(CJK, size)
    canvas.drawString(left, y + 5, entry.text)
    canvas.drawRightString(right, y + 5, page_text)
    # Dot leaders between the title and its page number.
    dots_from = left + stringWidth(entry.text, CJK, size) + 6
    dots_to = right - stringWidth(page_text, CJK, size) - 6
    if dots_to > dots_from:
        dots = "." * int((dots_to - dots_from) / stringWidth(".", CJK, size))
        canvas.drawRightString(dots_to, y + 5, dots)
    canvas.linkRect("", entry.key, (left, y, right, y + LINE_HEIGHT[level] - 4), relative=0)
    canvas.restoreState()


class ContentsPlaceholder(Flowable):
    """Marks where the contents go; :func:`reserve_pages` replaces it before layout."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        raise RuntimeError("ContentsPlaceholder must be replaced by reserve_pages() before layout")


class _ContentsArea(Flowable):
    """Takes the rest of the page and remembers where it was drawn."""

    def __init__(self, contents: Contents) -> None:
        super().__init__()
        self._contents = contents

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # One point short of the frame, so the page break that follows ends this page, not the next.
        self.width, self.height = avail_width, max(0.0, avail_height - 1)
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self._contents.areas.append((self.canv.getPageNumber(), x, y + self.height, self.width, self.height))


def reserve_pages(story: list[Flowable], contents: Contents, *, first_page_height: float,
                  page_height: float) -> list[Flowable]:
    """The story with its placeholder replaced by enough reserved areas for its headings."""
    if not any(isinstance(f, ContentsPlaceholder) for f in story):
        return story
    needed = sum(LINE_HEIGHT[min(f.toc_level, 1)] for f in story if getattr(f, "toc_level", None) is not None)
    pages = 1 + max(0, math.ceil((needed - first_page_height) / page_height))
    reserved: list[Flowable] = []
    for index in range(pages):
        if index:
            reserved.append(PageBreak())
        reserved.append(_ContentsArea(contents))
    out: list[Flowable] = []
    for flowable in story:
        out.extend(reserved if isinstance(flowable, ContentsPlaceholder) else [flowable])
    return out
