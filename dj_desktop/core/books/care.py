"""The care archive (关爱服务党员档案): the ledger of elderly, ill and hardship members (老党员和生活困难党员
台账), the visits to them (七一, 春节, illness, bereavement) and the aid they received."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from dj_desktop.core.books.appraisal_care_reminders import CARE_KINDS, care_reminders
from dj_desktop.core.books.practice import member_problems
from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import Member
from dj_desktop.core.models.appraisal_care import CareAid, CareMember, CareVisit
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.vocabularies.appraisal_care import CARE_CATEGORIES, OCCASIONS

MAX_AMOUNT = Decimal("1000000")


def money(value: Any) -> Decimal | None:
    """The amount as Decimal to the fen, or None when it is not a number from 0 to MAX_AMOUNT."""
    try:
        amount = Decimal(str(value if value not in (None, "") else "0")).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return None
    return amount if amount.is_finite() and Decimal(0) <= amount <= MAX_AMOUNT else None


def _dated(values: Mapping[str, Any], field: str, today: date, what: str) -> dict[str, str]:
    day = values.get(field)
    if not isinstance(day, date):
        return {field: _("Enter the date of the {what}.").format(what=what)}
    if day > today:
        return {field: _("The date {day} is in the future; record it after it took place.").format(
            day=date_text(day))}
    return {}


def _amount_problems(values: Mapping[str, Any]) -> dict[str, str]:
    if money(values.get("amount")) is None:
        return {"amount": _("Enter the amount in yuan, a number from 0 to {most}, at most two decimals.").format(
            most=MAX_AMOUNT)}
    amount = values.get("amount")
    if amount not in (None, "") and Decimal(str(amount)) != money(amount):
        return {"amount": _("Enter the amount to the fen (at most two decimals).")}
    return {}


def check_care_member(s: Session, values: Mapping[str, Any], today: date) -> None:
    problems = _dated(values, "listed_on", today, _("listing"))
    if values.get("category") not in CARE_CATEGORIES:
        problems["category"] = _("Choose why the member is cared for: elderly, ill, hardship or disabled.")
    if not str(values.get("situation") or "").strip():
        problems["situation"] = _("Describe the member's situation (health, family, income, needs).")
    removed, listed = values.get("removed_on"), values.get("listed_on")
    if removed is not None and isinstance(listed, date) and removed < listed:
        problems["removed_on"] = _("The member leaves the ledger on {day}, before being listed.").format(
            day=date_text(removed))
    problems.update(member_problems(s, values, listed if "listed_on" not in problems else None))
    if problems:
        raise ValidationError(problems)


def check_visit(s: Session, values: Mapping[str, Any], today: date) -> None:
    problems = _dated(values, "visited_on", today, _("visit"))
    if values.get("occasion") not in OCCASIONS:
        problems["occasion"] = _("Choose the occasion: 七一, 春节, illness, bereavement or other.")
    if not str(values.get("visitors") or "").strip():
        problems["visitors"] = _("Enter who made the visit.")
    problems.update(_amount_problems(values))
    problems.update(member_problems(s, values, values.get("visited_on") if "visited_on" not in problems else None))
    if problems:
        raise ValidationError(problems)


def on_care_ledger(s: Session, member_id: Any, day: date) -> bool:
    """The member is on the care ledger on ``day``: listed on or before it, not removed before it."""
    return s.scalar(select(CareMember.id).where(
        CareMember.member_id == member_id, CareMember.deleted.is_(False), CareMember.listed_on <= day,
        or_(CareMember.removed_on.is_(None), CareMember.removed_on >= day)).limit(1)) is not None


def check_aid(s: Session, values: Mapping[str, Any], today: date) -> None:
    problems = _dated(values, "received_on", today, _("aid"))
    if not str(values.get("source") or "").strip():
        problems["source"] = _("Enter where the aid came from.")
    if not str(values.get("given") or "").strip():
        problems["given"] = _("Enter what was received, e.g. 慰问金, 米面油 or 医疗救助.")
    problems.update(_amount_problems(values))
    day = values.get("received_on") if "received_on" not in problems else None
    problems.update(member_problems(s, values, day))
    if day is not None and "member_id" not in problems and not on_care_ledger(s, values["member_id"], day):
        member = s.get(Member, values["member_id"])
        problems["member_id"] = _("{name} is not on the care ledger on {day}: aid is recorded for members on the "
                                  "ledger. Add them to the ledger first, or check the date.").format(
            name=member.name if member else "", day=date_text(day))
    if problems:
        raise ValidationError(problems)


register_book(RecordBook(
    key="care_members", title=N_("Care ledger"), noun=N_("care ledger entry"), model=CareMember,
    date_field="listed_on", title_of=lambda v: _(CARE_CATEGORIES.get(v.get("category"), N_("Care ledger"))),
    order=49,
    columns=(
        Column("member_id", N_("Member"), "member", width=10),
        Column("category", N_("Category"), "vocabulary", CARE_CATEGORIES, width=10),
        Column("situation", N_("Situation"), width=40),
        Column("listed_on", N_("Listed on"), "date", width=12),
        Column("removed_on", N_("Left the ledger on"), "date", width=12),
    ),
    validate=check_care_member,
))

register_book(RecordBook(
    key="care_visits", title=N_("Care visits"), noun=N_("visit"), model=CareVisit, date_field="visited_on",
    title_of=lambda v: _(OCCASIONS.get(v.get("occasion"), N_("Other"))), order=49,
    columns=(
        Column("visited_on", N_("Date"), "date", width=12),
        Column("member_id", N_("Member"), "member", width=10),
        Column("occasion", N_("Occasion"), "vocabulary", OCCASIONS, width=10),
        Column("visitors", N_("Visited by"), width=16),
        Column("given", N_("Given"), width=20),
        Column("amount", N_("Amount (yuan)"), "number", width=10),
        Column("note", N_("Note"), main=False, width=30),
    ),
    validate=check_visit, reminders=care_reminders, reminder_kinds=CARE_KINDS,
))

register_book(RecordBook(
    key="care_aid", title=N_("Aid received"), noun=N_("aid"), model=CareAid, date_field="received_on",
    title_of=lambda v: str(v.get("source") or _("Aid")), order=49,
    columns=(
        Column("received_on", N_("Date"), "date", width=12),
        Column("member_id", N_("Member"), "member", width=10),
        Column("source", N_("Aid from"), width=20),
        Column("given", N_("What was received"), width=20),
        Column("amount", N_("Amount (yuan)"), "number", width=10),
        Column("note", N_("Note"), main=False, width=30),
    ),
    validate=check_aid,
))
