"""The Party group's study sessions (党小组学习), a section of the group manual."""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from sqlalchemy.orm import Session

from dj_desktop.core.books.group_checks import check_day, check_group, check_in_group, text_required
from dj_desktop.core.books.group_reminders import group_meeting_reminders
from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models.group_manual import GroupStudy


def check_study(s: Session, values: Mapping[str, Any], today: date) -> None:
    problems: dict[str, str] = {}
    group = check_group(s, values, problems)
    day = check_day(values, "held_on", today, problems, missing=_("Enter the date of the study session."))
    text_required(values, "topic", problems, _("Enter what was studied."))
    if values.get("leader_id") is not None:
        check_in_group(s, values, "leader_id", group, day, problems, missing=_("Choose who led the study."))
    hours = values.get("hours") or 0
    if not isinstance(hours, (int, float)) or hours < 0 or hours > 24:
        problems["hours"] = _("Study hours are a number from 0 to 24.")
    attendees = values.get("attendees") or 0
    if not isinstance(attendees, int) or attendees < 0:
        problems["attendees"] = _("The number present is a whole number, 0 or more.")
    if problems:
        raise ValidationError(problems)


BOOK = register_book(RecordBook(
    key="group_study", title=N_("Party group study sessions"), noun=N_("group study session"), model=GroupStudy,
    date_field="held_on", title_of=lambda v: v.get("topic") or _("Study session"), order=45,
    columns=(
        Column("held_on", N_("Date"), "date", width=12),
        Column("group_id", N_("Party group"), "organisation", width=12),
        Column("topic", N_("Study topic"), width=30),
        Column("leader_id", N_("Led by"), "member", width=10),
        Column("hours", N_("Study hours"), "number", width=8),
        Column("attendees", N_("Present"), "number", width=8),
        Column("place", N_("Place"), main=False, width=16),
        Column("notes", N_("Notes"), main=False, width=40),
    ),
    validate=check_study,
    reminders=group_meeting_reminders,
    reminder_kinds={"group_meeting_month": N_("Group meeting this month")},
))
