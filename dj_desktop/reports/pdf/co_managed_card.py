"""A co-managed member's card (联管党员 基本情况登记卡 / 活动记录卡 / 反馈卡) as a printed form; the
feedback card is addressed to the member's home organisation."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from dj_desktop.core.group_printouts import CardSheet
from dj_desktop.core.i18n import _
from dj_desktop.reports.pdf.document import PrintedDocument
from dj_desktop.reports.pdf.flowables import Cell, FormGrid, SignatureLines
from dj_desktop.reports.pdf.fonts import styles
from dj_desktop.reports.pdf.formatting import fit_cell, long_date, number_text, para

_WIDTHS = [36 * mm, 130 * mm]


def card_flowables(card: CardSheet) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [para(_("Co-managed Party member · {card}").format(card=card.card_label), s["form_title"])]
    if card.card == "feedback":
        out.append(para(_("To: {home}").format(home=card.home_unit or "—"), s["h3"]))
    fields = [(_("Name"), card.member), (_("Work unit"), card.work_unit), (_("Home organisation"), card.home_unit),
              (_("Contact at the home organisation"), card.home_contact), (_("Serving in"),
                                                                            f"{card.branch} {card.group}"),
              (_("Date"), long_date(card.on))]
    if card.card == "registration":
        fields += [(_("Phone"), card.phone), (_("Service the member offers"), card.content)]
    elif card.card == "activity":
        fields += [(_("Activity"), card.content), (_("Hours"), number_text(card.hours))]
    else:
        fields += [(_("Assessment"), card.assessment), (_("Feedback"), card.content)]
    out += [Spacer(1, 3 * mm), FormGrid([[Cell(fit_cell(label, _WIDTHS[0], s["body"]), label=True),
                                          Cell(fit_cell(value or "—", _WIDTHS[1], s["body"]), align="left")]
                                         for label, value in fields], _WIDTHS, font_size=10.5, leading=16, padding=6)]
    signers = [_("Party group leader:"), _("Date:")]
    if card.card == "feedback":
        signers = [_("Community Party organisation (seal):"), _("Date:")]
    return out + [Spacer(1, 10 * mm), SignatureLines(signers, width=sum(_WIDTHS))]


def write_card(card: CardSheet, target: str | Path | BinaryIO, *, branch_name: str = "") -> None:
    header = _("{branch} · {book}").format(branch=branch_name or card.branch, book=card.card_label)
    doc = PrintedDocument(target, header=header, title=f"{card.card_label} {card.member}")
    doc.render(card_flowables(card))
