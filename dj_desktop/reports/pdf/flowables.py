"""Two form parts drawn straight onto the canvas: a titled box of text lines, and signature lines.

A book prints one of each per meeting; as platypus tables they were a fifth of the
time of a 150-record manual, drawn directly they cost little more than their text.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from dj_desktop.reports.pdf.fonts import CJK, GRID_GREY, LABEL_FILL, PARTY_RED

_PAD = 8          # left/right padding inside the box
_TITLE_H = 22     # height of the title bar


class BoxedLines(Flowable):
    """A ruled box with a shaded title bar and lines of text (already wrapped to the box).

    It splits between lines; the part on the next page repeats the title bar.
    """

    def __init__(self, title: str, lines: list[str], *, width: float, font_size: float = 10.5,
                 leading: float = 16) -> None:
        super().__init__()
        self.title, self.lines = title, lines
        self.box_width, self.font_size, self.leading = width, font_size, leading
        self.hAlign = "CENTER"

    def _height(self, count: int) -> float:
        return _TITLE_H + count * self.leading + 6

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.box_width, self._height(len(self.lines))
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int((avail_height - _TITLE_H - 6) // self.leading)
        if fits < 2 or fits >= len(self.lines):
            return []
        make = lambda part: BoxedLines(self.title, part, width=self.box_width,  # noqa: E731
                                       font_size=self.font_size, leading=self.leading)
        return [make(self.lines[:fits]), make(self.lines[fits:])]

    def draw(self) -> None:
        c = self.canv
        w, h = self.width, self.height
        c.saveState()
        c.setFillColor(LABEL_FILL)
        c.rect(0, h - _TITLE_H, w, _TITLE_H, stroke=0, fill=1)
        c.setStrokeColor(GRID_GREY)
        c.setLineWidth(0.6)
        c.line(0, h - _TITLE_H, w, h - _TITLE_H)
        c.setStrokeColor(colors.black)
        c.setLineWidth(1.2)
        c.rect(0, 0, w, h, stroke=1, fill=0)
        c.setFillColor(PARTY_RED)
        c.setFont(CJK, 11)
        c.drawString(_PAD, h - _TITLE_H + 7, self.title)
        c.setFillColor(colors.black)
        text = c.beginText(_PAD, h - _TITLE_H - self.leading + 3)
        text.setFont(CJK, self.font_size, self.leading)
        for line in self.lines:
            text.textLine(line)
        c.drawText(text)
        c.restoreState()


class SignatureLines(Flowable):
    """Each label followed by a blank line to sign on, two to a row."""

    def __init__(self, labels: list[str], *, width: float, font_size: float = 10.5) -> None:
        super().__init__()
        self.labels, self.box_width, self.font_size = labels, width, font_size
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        rows = (len(self.labels) + 1) // 2
        self.width, self.height = self.box_width, rows * 28
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        half = self.width / 2
        c.saveState()
        c.setFont(CJK, self.font_size)
        c.setLineWidth(0.6)
        for index, label in enumerate(self.labels):
            x = 6 + (index % 2) * half
            y = self.height - 28 * (index // 2 + 1) + 8
            c.drawString(x, y, label)
            start = x + 34 * 2.8346
            c.line(start, y - 2, x + half - 14, y - 2)
        c.restoreState()


class Cell:
    """One cell of a :class:`FormGrid`: text already wrapped with newlines, spanning columns."""

    __slots__ = ("text", "span", "label", "align", "color")

    def __init__(self, text: str, *, span: int = 1, label: bool = False, align: str = "center",
                 color=None) -> None:
        self.text, self.span, self.label, self.align, self.color = text, span, label, align, color


class FormGrid(Flowable):
    """A ruled grid of text cells, like a table of the paper form, drawn straight onto the canvas.

    Cells may span columns (not rows); label cells are shaded. It splits between rows and
    repeats the first ``repeat_rows`` rows on the next page.
    """

    def __init__(self, rows: list[list[Cell]], widths: list[float], *, font_size: float = 9.5,
                 leading: float = 13, padding: float = 4, repeat_rows: int = 0) -> None:
        super().__init__()
        self.rows, self.widths = rows, widths
        self.font_size, self.leading, self.padding, self.repeat_rows = font_size, leading, padding, repeat_rows
        self.heights = [max(c.text.count("\n") + 1 for c in row) * leading + 2 * padding for row in rows]
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = sum(self.widths), sum(self.heights)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        used, fits = 0.0, 0
        for height in self.heights:
            if used + height > avail_height:
                break
            used += height
            fits += 1
        if fits <= self.repeat_rows or fits >= len(self.rows):
            return []
        make = lambda rows: FormGrid(rows, self.widths, font_size=self.font_size,  # noqa: E731
                                     leading=self.leading, padding=self.padding, repeat_rows=self.repeat_rows)
        return [make(self.rows[:fits]), make(self.rows[:self.repeat_rows] + self.rows[fits:])]

    def draw(self) -> None:
        """The rules and shaded label cells first, then every text in one text object.

        A text object per string (``drawString``) repeats the font, the colour and a save/restore
        of the graphics state each time; one text object per grid halves the grid's drawing time.
        """
        c = self.canv
        c.saveState()
        c.setLineWidth(0.6)
        c.setStrokeColor(GRID_GREY)
        c.setFillColor(LABEL_FILL)
        placed: list[tuple[float, float, float, float, Cell]] = []   # (x, bottom, width, height, cell)
        top = self.height
        for row, height in zip(self.rows, self.heights):
            bottom, x, column = top - height, 0.0, 0
            for cell in row:
                width = sum(self.widths[column:column + cell.span])
                c.rect(x, bottom, width, height, stroke=1, fill=1 if cell.label else 0)
                placed.append((x, bottom, width, height, cell))
                x += width
                column += cell.span
            top = bottom
        c.setStrokeColor(colors.black)
        c.setLineWidth(1.2)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        text = c.beginText()
        text.setFont(CJK, self.font_size)
        color = colors.black
        text.setFillColor(color)
        for x, bottom, width, height, cell in placed:
            if (cell.color or colors.black) != color:
                color = cell.color or colors.black
                text.setFillColor(color)
            lines = cell.text.split("\n")
            # Vertically centred, as reportlab's tables do with VALIGN MIDDLE.
            y = bottom + (height + len(lines) * self.leading) / 2 - self.font_size
            for line in lines:
                if cell.align == "left":
                    text.setTextOrigin(x + 6, y)
                else:
                    text.setTextOrigin(x + width / 2 - stringWidth(line, CJK, self.font_size) / 2, y)
                text.textOut(line)
                y -= self.leading
        c.drawText(text)
        c.restoreState()
