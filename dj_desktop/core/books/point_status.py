"""Two small books of the points ledger: exemptions (a member excused from the points for a period,
e.g. a long illness, as the scheme's ``exempt_reasons`` allow; exemption by age follows from the
birth date) and members' sign-offs of their month's points (本人确认)."""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from sqlalchemy.orm import Session

from dj_desktop.core.books.practice import member_problems
from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models.points import PointExemption, PointSignoff
from dj_desktop.core.rules.dues import month_text
from dj_desktop.core.rules.texts import date_text


def _first_of_month(value: Any) -> bool:
    return isinstance(value, date) and value.day == 1


def check_exemption(s: Session, values: Mapping[str, Any], today: date) -> None:
    problems = member_problems(s, values, None)
    start, until = values.get("from_month"), values.get("until_month")
    if not _first_of_month(start):
        problems["from_month"] = _("Enter the first month of the exemption, e.g. 2026-03.")
    elif until is not None and (not _first_of_month(until) or until < start):
        problems["until_month"] = _("The last month must be a month on or after {month}, or left empty while the "
                                    "exemption lasts.").format(month=month_text(start))
    if not str(values.get("reason") or "").strip():
        problems["reason"] = _("Enter the reason for the exemption (e.g. a long illness, as the scheme allows).")
    if problems:
        raise ValidationError(problems)


def check_signoff(s: Session, values: Mapping[str, Any], today: date) -> None:
    month, signed = values.get("month"), values.get("signed_on")
    problems = member_problems(s, values, None)
    if not _first_of_month(month):
        problems["month"] = _("Enter the month signed off, e.g. 2026-03.")
    elif not isinstance(signed, date) or signed < month or signed > today:
        problems["signed_on"] = _("The sign-off date must be between {first} and today.").format(
            first=date_text(month))
    if problems:
        raise ValidationError(problems)


EXEMPTIONS = register_book(RecordBook(
    key="point_exemptions", title=N_("Points exemptions"), noun=N_("exemption"), model=PointExemption,
    date_field="from_month", title_of=lambda v: v.get("reason") or _("Exemption"), order=49,
    columns=(
        Column("member_id", N_("Member"), "member", width=10),
        Column("from_month", N_("From month"), "date", width=12),
        Column("until_month", N_("Last month"), "date", width=12),
        Column("reason", N_("Reason"), width=30),
    ),
    validate=check_exemption,
))

SIGNOFFS = register_book(RecordBook(
    key="point_signoffs", title=N_("Points sign-offs"), noun=N_("sign-off"), model=PointSignoff,
    date_field="month", title_of=lambda v: month_text(v["month"]) if v.get("month") else "", order=50,
    columns=(
        Column("member_id", N_("Member"), "member", width=10),
        Column("month", N_("Month"), "date", width=12),
        Column("signed_on", N_("Signed on"), "date", width=12),
        Column("note", N_("Note"), main=False, width=30),
    ),
    validate=check_signoff, unique_fields=("member_id", "month"),
))
