"""Small text helpers shared by the printouts: dates in words, escaped paragraphs."""

from __future__ import annotations

from datetime import date, time
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from dj_desktop.core.rules.texts import date_text


def long_date(day: date | None) -> str:
    if day is None:
        return ""
    return date_text(day)   # one date format in every printout and message


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
#: Punctuation that must not begin a line (禁则): it stays at the end of the line before.
_NO_LINE_START = set("，。、；：！？）》」』”’,.;:!?)]}%—")


@lru_cache(maxsize=8192)
def _char_width(char: str, font: str, size: float) -> float:
    return stringWidth(char, font, size)


@lru_cache(maxsize=4096)
def wrap_text(text: str, width: float, *, font: str, size: float) -> str:
    """``text`` broken into lines no wider than ``width`` (CJK may break between any two
    characters; Latin words are not split when it can be helped), joined with newlines.

    Tables draw such plain strings far faster than paragraphs, which matters in a book of
    hundreds of filled forms. The same labels and names recur on every form, so results are
    cached; a line that fits with room to spare is returned without measuring each character.
    """
    if "\n" not in text and stringWidth(text, font, size) < width - 0.01:
        return text.rstrip()
    lines: list[str] = []
    for source in (text or "").split("\n"):
        line, used, last_space = "", 0.0, -1
        for char in source:
            w = _char_width(char, font, size)
            if used + w > width and line and char not in _NO_LINE_START:
                if char != " " and last_space > 0 and char.isascii() and line[-1].isascii():
                    # Move the unfinished Latin word to the next line.
                    lines.append(line[:last_space].rstrip())
                    line = line[last_space + 1:]
                else:
                    lines.append(line.rstrip())
                    line = ""
                used = sum(_char_width(c, font, size) for c in line)
                last_space = -1
                if char == " " and not line:
                    continue
            line += char
            used += w
            if char == " ":
                last_space = len(line) - 1
        lines.append(line.rstrip())
    return "\n".join(lines)


def wrap_items(items: list[str], width: float, *, font: str, size: float, separator: str = "、") -> str:
    """``items`` (names) joined by ``separator`` and broken into lines no wider than ``width`` only
    between items, never inside one: the separator ends the line. An item wider than a whole line
    (never a name) is wrapped by characters on lines of its own."""
    lines: list[str] = []
    line = ""
    for n, item in enumerate(items):
        piece = item + (separator if n < len(items) - 1 else "")
        if line and stringWidth(line + piece, font, size) > width:
            lines.append(line)
            line = ""
        if not line and stringWidth(piece, font, size) > width:
            *whole, line = wrap_text(piece, width, font=font, size=size).split("\n")
            lines += whole
            continue
        line += piece
    if line:
        lines.append(line)
    return "\n".join(lines)


def fit_items(items: list[str], width: float, style: ParagraphStyle) -> str:
    """:func:`wrap_items` for a table cell of ``width`` (like :func:`fit_cell`)."""
    return wrap_items(items, width - CELL_PADDING, font=style.fontName, size=style.fontSize)


def fit_cell(text: str, width: float, style: ParagraphStyle) -> str:
    """Plain text for a table cell of ``width``, wrapped to it in the style's font and size.

    The table's own FONTSIZE/LEADING must match ``style`` for the cell to look right.
    """
    return wrap_text(text or "", width - CELL_PADDING, font=style.fontName, size=style.fontSize)
