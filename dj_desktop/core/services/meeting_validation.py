"""Checks a meeting before it is saved: date, kind, people on the roster that day, required fields."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import Member, Organisation
from dj_desktop.core.vocabularies.meeting import ABSENCE_REASONS, DECISION_STATUSES, MEETING_KINDS
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.services.meeting_records import MeetingInput
from dj_desktop.core.services.member_queries import rows_on

MAX_STUDY_HOURS = 24.0


def check_meeting(s: Session, data: MeetingInput, *, today: date) -> None:
    """Raises :class:`ValidationError` naming every field that is wrong and how to fix it."""
    problems: dict[str, str] = {}
    if data.kind not in MEETING_KINDS:
        problems["kind"] = _("Choose the kind of meeting.")
    if data.held_on > today:
        problems["held_on"] = _("The meeting date {day} is in the future. Record a meeting after it has been "
                                "held; plan future meetings in the annual work plan.").format(day=date_text(data.held_on))
    branch = s.get(Organisation, data.branch_id)
    if branch is None or branch.deleted or branch.kind != "branch":
        problems["branch_id"] = _("Choose the Party branch the meeting belongs to.")
    elif branch.founded_on is not None and data.held_on < branch.founded_on:
        problems["held_on"] = _("The meeting date {day} is before the branch was founded ({founded}).").format(
            day=date_text(data.held_on), founded=date_text(branch.founded_on))
    if data.kind == "group_meeting":
        group = s.get(Organisation, data.group_id) if data.group_id else None
        if group is None or group.deleted or group.kind != "group" or group.parent_id != data.branch_id:
            problems["group_id"] = _("A Party group meeting needs its Party group; choose one of this branch's groups.")
    if data.kind == "party_lesson":
        if not data.lesson_title.strip():
            problems["lesson_title"] = _("Enter the title of the Party lesson.")
        if data.lecturer_id is None and not data.lecturer_name.strip():
            problems["lecturer"] = _("Enter who gave the Party lesson (a member, or the name of a guest speaker).")
    if data.kind == "themed_day" and not data.theme.strip():
        problems["theme"] = _("Enter the theme of the themed Party day.")
    if data.starts_at and data.ends_at and data.ends_at <= data.starts_at:
        problems["ends_at"] = _("The end time must be after the start time.")
    if not 0 <= data.study_hours <= MAX_STUDY_HOURS:
        problems["study_hours"] = _("Study hours must be between 0 and {most:g}.").format(most=MAX_STUDY_HOURS)
    for field, member_id in (("host_id", data.host_id), ("recorder_id", data.recorder_id),
                             ("lecturer_id", data.lecturer_id)):
        if member_id is not None:
            member = s.get(Member, member_id)
            if member is None or member.deleted:
                problems[field] = _("The chosen person is not on the roster; choose again.")
    _check_attendance(s, data, problems)
    for i, d in enumerate(data.decisions, start=1):
        if not d.text.strip():
            problems[f"decisions.{i}"] = _("Decision {number} has no text; write it or remove it.").format(number=i)
        elif d.follow_up_status not in DECISION_STATUSES:
            problems[f"decisions.{i}"] = _("Decision {number} has an unknown follow-up status.").format(number=i)
    if problems:
        raise ValidationError(problems)


def _check_attendance(s: Session, data: MeetingInput, problems: dict[str, str]) -> None:
    if not data.attendance or "branch_id" in problems:
        return
    on_roster = {r.id for r in rows_on(s, branch_id=data.branch_id, on=data.held_on)}
    ids = [a.member_id for a in data.attendance]
    names = dict(s.execute(select(Member.id, Member.name).where(Member.id.in_(ids))).all())
    seen = set()
    for a in data.attendance:
        name = names.get(a.member_id, _("(unknown member)"))
        key = f"attendance.{a.member_id}"
        if a.member_id in seen:
            problems[key] = _("{name} is listed twice in the attendance; keep one line.").format(name=name)
        elif a.member_id not in on_roster:
            problems[key] = _("{name} was not a member of this branch on {day} (joined later or had already "
                              "left); remove them from the attendance list.").format(
                name=name, day=date_text(data.held_on))
        elif not a.present and a.absence_reason not in ABSENCE_REASONS:
            problems[key] = _("Choose why {name} was absent (sick leave, personal leave, official duty, away, "
                              "or other).").format(name=name)
        seen.add(a.member_id)
