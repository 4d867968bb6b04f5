"""Members' duty areas (党员责任区) in a Party group: the area, who looks after it, from when to when."""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from sqlalchemy.orm import Session

from dj_desktop.core.books.group_checks import check_group, check_in_group, check_period, text_required
from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models.group_manual import DutyArea


def check_duty_area(s: Session, values: Mapping[str, Any], today: date) -> None:
    problems: dict[str, str] = {}
    group = check_group(s, values, problems)
    text_required(values, "name", problems, _("Enter the name of the duty area."))
    start = check_period(values, today, problems)
    check_in_group(s, values, "member_id", group, start, problems,
                   missing=_("Choose the member responsible for the area."))
    if problems:
        raise ValidationError(problems)


BOOK = register_book(RecordBook(
    key="duty_areas", title=N_("Members' duty areas"), noun=N_("duty area"), model=DutyArea,
    date_field="started_on", title_of=lambda v: v.get("name") or _("Duty area"), order=46,
    columns=(
        Column("group_id", N_("Party group"), "organisation", width=12),
        Column("name", N_("Duty area"), width=20),
        Column("member_id", N_("Responsible member"), "member", width=10),
        Column("scope", N_("Buildings and households"), width=30),
        Column("duties", N_("Duties"), main=False, width=40),
        Column("started_on", N_("From"), "date", width=12),
        Column("ended_on", N_("Until"), "date", width=12),
    ),
    validate=check_duty_area,
))
