"""The points ledger (党员考核台账): manual monthly entries and each branch's scored months.

Automatic points follow from records (``core/services/points.py``); an entry here is a bonus or
a deduction the committee records by hand, with its reason and evidence.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.books.practice import member_problems
from dj_desktop.core.books.points_reminders import POINTS_KINDS as REMINDER_KINDS, points_reminders
from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import Attendance
from dj_desktop.core.models.points import Pledge, PointEntry, PointMonth, PracticeActivity
from dj_desktop.core.rules.dues import add_months, month_text
from dj_desktop.core.points_scheme import scheme_for


def scores_automatically(s: Session, member_id: uuid.UUID, record_id: uuid.UUID) -> bool | None:
    """True if the record already earns this member automatic points; None if there is no such record."""
    present = s.scalar(select(Attendance.present).where(
        Attendance.meeting_id == record_id, Attendance.member_id == member_id, Attendance.deleted.is_(False)))
    if present is not None:
        return bool(present)
    activity = s.get(PracticeActivity, record_id)
    if activity is not None and not activity.deleted:
        return activity.member_id == member_id
    pledge = s.get(Pledge, record_id)
    if pledge is not None and not pledge.deleted:
        return pledge.member_id == member_id and pledge.end_status == "kept"
    return None


def check_entry(s: Session, values: Mapping[str, Any], today: date) -> None:
    month = values.get("month")
    if not isinstance(month, date) or month.day != 1:
        raise ValidationError({"month": _("Enter the month of the entry, e.g. 2026-03.")})
    if month > today:
        raise ValidationError({"month": _("{month} has not begun; points are recorded for a month under "
                                          "way or past.").format(month=month_text(month))})
    last_day = min(today, date.fromordinal(add_months(month, 1).toordinal() - 1))
    problems = member_problems(s, values, None)
    if not problems and member_problems(s, values, month) and member_problems(s, values, last_day):
        problems = {"member_id": _("The member was not in this branch in {month}; points can only be recorded "
                                   "for a month the member belonged to the branch.").format(month=month_text(month))}
    if problems:
        raise ValidationError(problems)
    content = scheme_for(s, values["branch_id"], month).content
    item, points = values.get("item"), values.get("points")
    spec = content["bonus"].get(item) or content["deductions"].get(item)
    if spec is None:
        raise ValidationError({"item": _("Choose an item of the points scheme.")})
    if not isinstance(points, (int, float)) or isinstance(points, bool) or points <= 0:
        raise ValidationError({"points": _("Enter the points as a number above 0 (a deduction is entered as a "
                                           "positive number under a deduction item).")})
    if points > spec["cap"]:
        raise ValidationError({"points": _("{points} points is beyond the scheme's cap of {cap} for “{item}”.").format(
            points=f"{points:g}", cap=f"{spec['cap']:g}", item=_(ITEM_LABELS.get(item, item)))})
    if not str(values.get("reason") or "").strip():
        raise ValidationError({"reason": _("Enter the reason for the entry.")})
    record_id = values.get("record_id")
    if record_id is not None:
        scored = scores_automatically(s, values["member_id"], record_id)
        if scored is None:
            raise ValidationError({"record_id": _("There is no meeting, practice activity or pledge with this id.")})
        if scored:
            raise ValidationError({"record_id": _("This record already earns the member points automatically; a "
                                                  "manual entry for it would count it twice.")})


ITEM_LABELS = {"study": N_("Study"), "meeting": N_("Meetings attended"), "themed_day": N_("Themed Party days"),
               "practice": N_("Practice activities"), "pledge_kept": N_("Pledge kept"), "other": N_("Other merit"),
               "absence": N_("Absence without reason"), "dues_late": N_("Dues paid late"),
               "misconduct": N_("Misconduct")}

BOOK = register_book(RecordBook(
    key="points", title=N_("Points ledger"), noun=N_("points entry"), model=PointEntry, date_field="month",
    title_of=lambda v: v.get("reason") or _("Points entry"), order=48,
    columns=(
        Column("month", N_("Month"), "date", width=12),
        Column("member_id", N_("Member"), "member", width=10),
        Column("item", N_("Item"), "vocabulary", ITEM_LABELS, width=14),
        Column("points", N_("Points"), "number", width=8),
        Column("reason", N_("Reason"), width=30),
        Column("evidence", N_("Evidence"), main=False, width=30),
    ),
    validate=check_entry,
    reminders=points_reminders, reminder_kinds=REMINDER_KINDS,
))

MONTHS = register_book(RecordBook(
    key="point_months", title=N_("Scored months"), noun=N_("scored month"), model=PointMonth, date_field="month",
    title_of=lambda v: v.get("rules_version") or "", order=49, unique_fields=("branch_id", "month"),
    columns=(Column("month", N_("Month"), "date", width=12), Column("rules_version", N_("Scheme version"), width=16),
             Column("confirmed_on", N_("Confirmed on"), "date", width=12)),
    generic_writes=False,
))
