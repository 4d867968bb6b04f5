"""A notice-board poster (党务公开栏): A4 or A3 portrait in large type, with the posting period and
the procedure's steps (who and when) in small type at the foot."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from dj_desktop.core.i18n import _
from dj_desktop.core.notice_poster import NoticePoster
from dj_desktop.reports.pdf.fonts import PARTY_RED, register_cjk_font
from dj_desktop.reports.pdf.formatting import long_date


def write_notice_poster(poster: NoticePoster, target: str | Path | BinaryIO) -> None:
    font = register_cjk_font()
    scale = 1.414 if poster.paper == "A3" else 1.0
    size = A3 if poster.paper == "A3" else A4
    title = ParagraphStyle("poster_title", fontName=font, fontSize=30 * scale, leading=40 * scale,
                           alignment=TA_CENTER, textColor=PARTY_RED)
    kind = ParagraphStyle("poster_kind", fontName=font, fontSize=14 * scale, leading=20 * scale, alignment=TA_CENTER)
    body = ParagraphStyle("poster_body", fontName=font, fontSize=18 * scale, leading=30 * scale,
                          firstLineIndent=0, wordWrap="CJK")
    sign = ParagraphStyle("poster_sign", parent=body, alignment=TA_RIGHT)
    small = ParagraphStyle("poster_small", fontName=font, fontSize=9 * scale, leading=13 * scale, wordWrap="CJK")
    story = [Paragraph(escape(poster.title), title), Paragraph(escape(poster.kind_label), kind),
             Spacer(1, 10 * mm * scale)]
    story += [Paragraph(escape(line) or "&nbsp;", body) for line in poster.body.splitlines()]
    story += [Spacer(1, 12 * mm * scale), Paragraph(escape(poster.branch_name), sign)]
    if poster.posted_on:
        story.append(Paragraph(escape(long_date(poster.posted_on)), sign))
    if poster.posted_on and poster.post_until:
        story += [Spacer(1, 6 * mm), Paragraph(escape(_("Posted from {first} to {last}.").format(
            first=long_date(poster.posted_on), last=long_date(poster.post_until))), small)]
    steps = "；".join(f"{label}：{who or '—'} {long_date(when) if when else ''}".strip()
                     for label, who, when in poster.steps)
    story.append(Paragraph(escape(steps), small))
    doc = SimpleDocTemplate(target if not isinstance(target, Path) else str(target), pagesize=size,
                            leftMargin=25 * mm, rightMargin=25 * mm, topMargin=25 * mm, bottomMargin=20 * mm,
                            title=poster.title, author=poster.branch_name)
    doc.build(story)
