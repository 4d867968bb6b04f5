"""The three cards of a co-managed member (联管党员): 基本情况登记卡, 活动记录卡 and 反馈卡 (addressed
to the member's home organisation), kept by the Party group the member serves in."""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from sqlalchemy.orm import Session

from dj_desktop.core.books.group_checks import check_day, check_group, check_in_group, text_required
from dj_desktop.core.books.registry import Column, RecordBook, RecordForm, register_book
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models.group_manual import CoManagedCard
from dj_desktop.core.vocabularies import label
from dj_desktop.core.vocabularies.group_manual import ASSESSMENTS, CARD_KINDS


def check_card(s: Session, values: Mapping[str, Any], today: date) -> None:
    problems: dict[str, str] = {}
    group = check_group(s, values, problems)
    card = values.get("card")
    if card not in CARD_KINDS:
        problems["card"] = _("Choose which of the three cards this is.")
    day = check_day(values, "on", today, problems, missing=_("Enter the date of the card."))
    member = check_in_group(s, values, "member_id", group, day, problems, missing=_("Choose the co-managed member."))
    if member is not None and member.management != "co":
        problems["member_id"] = _("{name} is not a co-managed member; mark the member as co-managed (联管) in the "
                                  "roster first.").format(name=member.name)
    if card in ("registration", "feedback"):
        text_required(values, "home_unit", problems,
                      _("Enter the member's home organisation (the Party organisation of the work unit)."))
    if card == "activity":
        text_required(values, "content", problems, _("Enter what the member did."))
        hours = values.get("hours") or 0
        if not isinstance(hours, (int, float)) or hours < 0 or hours > 24:
            problems["hours"] = _("Hours are a number from 0 to 24.")
    if card == "feedback":
        if values.get("assessment") not in ASSESSMENTS:
            problems["assessment"] = _("Choose the assessment for the home organisation.")
        text_required(values, "content", problems, _("Enter the feedback for the home organisation."))
    if problems:
        raise ValidationError(problems)


def _assemble(db, record_id):
    from dj_desktop.core.services.group_cards import card_sheet
    return card_sheet(db, record_id)


BOOK = register_book(RecordBook(
    key="co_managed_cards", title=N_("Co-managed members' cards"), noun=N_("co-managed member's card"),
    model=CoManagedCard, date_field="on", order=48,
    title_of=lambda v: label(CARD_KINDS, v.get("card") or ""),
    columns=(
        Column("on", N_("Date"), "date", width=12),
        Column("card", N_("Card"), "vocabulary", vocabulary=CARD_KINDS, width=14),
        Column("member_id", N_("Member"), "member", width=10),
        Column("group_id", N_("Party group"), "organisation", width=12),
        Column("home_unit", N_("Home organisation"), width=24),
        Column("home_contact", N_("Contact at the home organisation"), main=False, width=20),
        Column("content", N_("Content"), width=40),
        Column("hours", N_("Hours"), "number", main=False, width=8),
        Column("assessment", N_("Assessment"), "vocabulary", vocabulary=ASSESSMENTS, main=False, width=10),
    ),
    validate=check_card,
    form=RecordForm(assemble=_assemble, writer="dj_desktop.reports.pdf.co_managed_card:write_card"),
))
