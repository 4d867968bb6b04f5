"""Small text helpers shared by the printouts: dates in words, escaped paragraphs."""

from __future__ import annotations

from datetime import date, time
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from dj_desktop.core.i18n import _


def long_date(day: date | None) -> str:
    if day is None:
        return ""
    return _("{month}/{day}/{year}").format(year=day.year, month=day.month, day=day.day)


def time_span(start: time | None, end: time | None) -> str:
    if start is None:
        return ""
    if end is None:
        return start.strftime("%H:%M")
    return f"{start:%H:%M}—{end:%H:%M}"


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text: markup characters are escaped, line breaks kept."""
    return Paragraph(escape(text or "").replace("\n", "<br/>"), style)


def text_blocks(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """One paragraph per non-empty line, so long minutes can break across pages."""
    lines = [line.strip() for line in (text or "").splitlines()]
    return [Paragraph(escape(line), style) for line in lines if line]


def number_text(value: float) -> str:
    """1.0 → "1", 1.5 → "1.5" (study hours)."""
    return f"{value:g}"


#: Left plus right padding of a table cell (reportlab's default 6 + 6).
CELL_PADDING = 12


def fit_cell(text: str, width: float, style: ParagraphStyle) -> str | Paragraph:
    """Plain text when it fits on one line of a ``width`` cell, else a wrapping paragraph.

    A table draws a plain string far faster than a paragraph, and most cells of a
    form (names, dates, counts) are short; the table's own font settings must
    match ``style`` for the two to look alike.
    """
    text = text or ""
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= width - CELL_PADDING:
        return text
    return para(text, style)
