"""The practice archive (党员实践活动档案): each member's dated activities outside branch meetings."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Mapping

from sqlalchemy.orm import Session

from dj_desktop.core.books.points_reminders import PRACTICE_KINDS as REMINDER_KINDS, study_reminders
from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import Member, Organisation
from dj_desktop.core.models.points import PracticeActivity
from dj_desktop.core.rules.points import PRACTICE_KINDS
from dj_desktop.core.rules.texts import date_text

MAX_HOURS = 24.0 * 31


def member_problems(s: Session, values: Mapping[str, Any], on: date | None, field: str = "member_id") -> dict:
    """The branch exists and the member belonged to it on ``on`` (arrived, not left, joined the Party)."""
    branch_id = values.get("branch_id")
    branch = s.get(Organisation, branch_id) if isinstance(branch_id, uuid.UUID) else None
    if branch is None or branch.deleted or branch.kind != "branch":
        return {"branch_id": _("Choose the Party branch.")}
    member_id = values.get(field)
    member = s.get(Member, member_id) if isinstance(member_id, uuid.UUID) else None
    if member is None or member.deleted or member.branch_id != branch.id:
        return {field: _("Choose a member of this branch.")}
    if on is not None and (on < max(member.joined_on, member.arrived_on) or (member.left_on and on > member.left_on)):
        return {field: _("{name} was not a member of this branch on {day} (joined the Party {joined}, "
                         "arrived {arrived}).").format(name=member.name, day=date_text(on),
                                                       joined=date_text(member.joined_on),
                                                       arrived=date_text(member.arrived_on))}
    return {}


def _hours(value: Any) -> float | None:
    try:
        hours = float(value or 0)
    except (TypeError, ValueError):
        return None
    return hours if 0 <= hours <= MAX_HOURS else None


def check_activity(s: Session, values: Mapping[str, Any], today: date) -> None:
    problems: dict[str, str] = {}
    done_on = values.get("done_on")
    if not isinstance(done_on, date):
        problems["done_on"] = _("Enter the date of the activity.")
    elif done_on > today:
        problems["done_on"] = _("The activity date {day} is in the future; record an activity after it took "
                                "place.").format(day=date_text(done_on))
    problems.update(member_problems(s, values, done_on if "done_on" not in problems else None))
    if values.get("kind") not in PRACTICE_KINDS:
        problems["kind"] = _("Choose the kind of activity.")
    if not str(values.get("title") or "").strip():
        problems["title"] = _("Enter what the activity was.")
    for field in ("service_hours", "study_hours"):
        if _hours(values.get(field)) is None:
            problems[field] = _("Enter the hours as a number from 0 to {most}.").format(most=int(MAX_HOURS))
    if problems:
        raise ValidationError(problems)


def _title(values: Mapping[str, Any]) -> str:
    return values.get("title") or _(PRACTICE_KINDS.get(values.get("kind"), N_("Practice activity")))


BOOK = register_book(RecordBook(
    key="practice", title=N_("Practice archive"), noun=N_("practice activity"), model=PracticeActivity,
    date_field="done_on", title_of=_title, order=46,
    columns=(
        Column("done_on", N_("Date"), "date", width=12),
        Column("member_id", N_("Member"), "member", width=10),
        Column("kind", N_("Kind"), "vocabulary", PRACTICE_KINDS, width=14),
        Column("title", N_("Activity"), width=30),
        Column("service_hours", N_("Service hours"), "number", width=8),
        Column("study_hours", N_("Study hours"), "number", width=8),
        Column("note", N_("Note"), main=False, width=30),
    ),
    validate=check_activity,
    reminders=study_reminders, reminder_kinds=REMINDER_KINDS,
))
