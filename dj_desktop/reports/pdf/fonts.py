"""The bundled CJK font registered with reportlab once, and the paragraph styles every printout uses."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import TableStyle

from dj_desktop import assets

#: The name the font is registered under; every style uses it.
CJK = "CJK"


@lru_cache(maxsize=1)
def register_cjk_font() -> str:
    """Registers WenQuanYi Micro Hei (face 0 of the TTC) once per process.

    reportlab embeds a subset of a TTF font (a /FontFile2), so the PDF shows
    Chinese on machines that have no CJK font installed.
    """
    pdfmetrics.registerFont(TTFont(CJK, str(assets.cjk_font_path()), subfontIndex=0))
    # Bold and italic map to the same face: the TTC has no bold, and <b> in a
    # paragraph must not fall back to Helvetica (which has no Chinese glyphs).
    pdfmetrics.registerFontFamily(CJK, normal=CJK, bold=CJK, italic=CJK, boldItalic=CJK)
    return CJK


#: Dark red used for titles and rules, as on the paper manuals.
PARTY_RED = colors.HexColor("#B5121B")
GRID_GREY = colors.HexColor("#555555")
LABEL_FILL = colors.HexColor("#F4EDE4")


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles by name; all use the CJK font and CJK line breaking."""
    register_cjk_font()
    base = ParagraphStyle("body", fontName=CJK, fontSize=10.5, leading=16, wordWrap="CJK",
                          alignment=TA_LEFT)

    def derive(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    sheet = {
        "body": base,
        "body_indent": derive("body_indent", firstLineIndent=21),
        "small": derive("small", fontSize=9, leading=12),
        "cell": derive("cell", fontSize=9.5, leading=13),
        "cell_center": derive("cell_center", fontSize=9.5, leading=13, alignment=TA_CENTER),
        "label": derive("label", fontSize=9.5, leading=13, alignment=TA_CENTER),
        "form_title": derive("form_title", fontSize=18, leading=26, alignment=TA_CENTER,
                             spaceAfter=8, textColor=PARTY_RED),
        "h1": derive("h1", fontSize=17, leading=24, alignment=TA_CENTER, spaceBefore=4,
                     spaceAfter=10, textColor=PARTY_RED),
        "h2": derive("h2", fontSize=13, leading=19, spaceBefore=8, spaceAfter=6),
        "h3": derive("h3", fontSize=11.5, leading=17, spaceBefore=6, spaceAfter=4),
        "warning": derive("warning", fontSize=10.5, leading=15, textColor=PARTY_RED),
        "cover_title": derive("cover_title", fontSize=34, leading=46, alignment=TA_CENTER,
                              textColor=PARTY_RED),
        "cover_line": derive("cover_line", fontSize=16, leading=26, alignment=TA_CENTER),
        "cover_small": derive("cover_small", fontSize=12, leading=20, alignment=TA_CENTER),
        "toc_title": derive("toc_title", fontSize=17, leading=24, alignment=TA_CENTER,
                            spaceAfter=14, textColor=PARTY_RED),
        "caption": derive("caption", fontSize=8.5, leading=11, alignment=TA_CENTER,
                          textColor=GRID_GREY),
    }
    return sheet


def table_style(commands: list[tuple]) -> TableStyle:
    """A table style whose plain-string cells also use the CJK font (reportlab defaults to Helvetica)."""
    register_cjk_font()
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), CJK)] + list(commands))
