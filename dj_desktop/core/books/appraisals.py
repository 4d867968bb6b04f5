"""The appraisal archive (民主评议党员档案): each member's appraisal of a year, graded by the committee."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from dj_desktop.core.books.appraisal_care_reminders import APPRAISAL_KINDS, appraisal_reminders
from dj_desktop.core.books.practice import member_problems
from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import Meeting, Member
from dj_desktop.core.models.appraisal_care import Appraisal
from dj_desktop.core.rules.appraisal import AppraisalRules, rules_from, within_cap
from dj_desktop.core.rulesets.store import version_on
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.vocabularies.appraisal_care import (
    APPRAISAL_MEETING_KINDS, FOLLOW_UP_GRADES, GRADES, VOTE_FIELDS)
from dj_desktop.core.vocabularies.meeting import MEETING_KINDS

MAX_VOTES = 10000


def appraisal_rules(s: Session, year: int) -> tuple[AppraisalRules, str]:
    version = version_on(s, "appraisal", date(year, 12, 31))
    if version is None:
        raise ValidationError({"year": _("No appraisal rule set is in effect in {year}.").format(year=year)})
    return rules_from(version.content), version.ref


def is_probationary(member: Member, on: date) -> bool:
    if member.full_member_on is not None:
        return member.full_member_on > on
    return member.member_type == "probationary"


def _day(values: Mapping[str, Any]) -> date | None:
    year = values.get("year")
    return values.get("appraised_on") or (date(year, 12, 31) if isinstance(year, int) else None)


def _vote_problems(values: Mapping[str, Any]) -> dict[str, str]:
    problems = {}
    for field in VOTE_FIELDS.values():
        value = values.get(field) or 0
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_VOTES:
            problems[field] = _("Enter the number of votes as a whole number from 0 to {most}.").format(most=MAX_VOTES)
    return problems


def _full_members(s: Session, branch_id: uuid.UUID, on: date) -> int:
    """Full members on the branch's roll on ``on``: the base of the share of 优秀."""
    return s.scalar(select(func.count()).select_from(Member).where(
        Member.branch_id == branch_id, Member.deleted.is_(False), Member.arrived_on <= on,
        Member.joined_on <= on, or_(Member.left_on.is_(None), Member.left_on >= on),
        or_(Member.full_member_on <= on, (Member.full_member_on.is_(None)) & (Member.member_type != "probationary")))) or 0


@dataclass(frozen=True)
class ExcellentQuota:
    """The cap on 优秀 of a branch's year on the appraisal day: at most ``most`` of ``full`` full members."""

    cap_percent: int
    full: int
    most: int
    #: Graded 优秀 this year, the member being edited left out.
    taken: int
    rules_ref: str

    def text(self) -> str:
        return _("优秀 at most {cap}% of {full} full members: {most} people; {taken} already graded 优秀.").format(
            cap=self.cap_percent, full=self.full, most=self.most, taken=self.taken)


def excellent_quota(s: Session, branch_id: uuid.UUID, year: int, on: date,
                    member_id: uuid.UUID | None = None) -> ExcellentQuota:
    rules, ref = appraisal_rules(s, year)
    taken = s.scalar(select(func.count()).select_from(Appraisal).where(
        Appraisal.branch_id == branch_id, Appraisal.year == year, Appraisal.deleted.is_(False),
        Appraisal.grade == "excellent", Appraisal.member_id != member_id)) or 0
    full = _full_members(s, branch_id, on)
    return ExcellentQuota(rules.excellent_cap_percent, full, full * rules.excellent_cap_percent // 100, taken, ref)


def _cap_problems(s: Session, values: Mapping[str, Any], on: date) -> dict[str, str]:
    quota = excellent_quota(s, values["branch_id"], values["year"], on, values["member_id"])
    if within_cap(quota.taken + 1, quota.full, quota.cap_percent):
        return {}
    return {"grade": _("优秀 may be at most {cap}% of the {full} full members ({most} people); {count} are already "
                       "graded 优秀 this year. Choose another grade or review the others.").format(
        cap=quota.cap_percent, full=quota.full, most=quota.most, count=quota.taken)}


def _meeting_problems(s: Session, values: Mapping[str, Any]) -> dict[str, str]:
    meeting = s.get(Meeting, values["meeting_id"])
    if meeting is None or meeting.deleted or meeting.branch_id != values.get("branch_id"):
        return {"meeting_id": _("Choose a meeting of this branch.")}
    if meeting.kind not in APPRAISAL_MEETING_KINDS:
        return {"meeting_id": _("The appraisal is held at a meeting of these kinds: {kinds}; the meeting chosen is "
                                "a {kind}.").format(kinds="、".join(_(MEETING_KINDS[k]) for k in APPRAISAL_MEETING_KINDS),
                                                    kind=_(MEETING_KINDS.get(meeting.kind, meeting.kind)))}
    year = values.get("year")
    if isinstance(year, int) and not year <= meeting.held_on.year <= year + 1:
        return {"meeting_id": _("The meeting on {day} is not in {year} or the year after; choose the meeting "
                                "that appraised {year}.").format(day=date_text(meeting.held_on), year=year)}
    return {}


def _grade_problems(s: Session, values: Mapping[str, Any], member: Member | None, on: date | None) -> dict[str, str]:
    grade = values.get("grade") or ""
    if grade and grade not in GRADES:
        return {"grade": _("Choose a grade: 优秀, 合格, 基本合格 or 不合格.")}
    if member is None or on is None:
        return {}
    if is_probationary(member, on):
        return {"grade": _("{name} is a probationary member on {day}: probationary members take part in the "
                           "appraisal but are not graded. Leave the grade empty.").format(
            name=member.name, day=date_text(on))} if grade else {}
    if not grade:
        return {"grade": _("Choose the committee's grade for {name}.").format(name=member.name)}
    if grade == "excellent":
        return _cap_problems(s, values, on)
    return {}


def _follow_up_problems(values: Mapping[str, Any], today: date) -> dict[str, str]:
    talk_on, has_text = values.get("talk_on"), any(str(values.get(f) or "").strip()
                                                    for f in ("improvement_plan", "outcome"))
    if values.get("grade") not in FOLLOW_UP_GRADES:
        if talk_on or has_text:
            return {"improvement_plan": _("A follow-up (talk, improvement plan, outcome) is kept only for 基本合格 "
                                          "and 不合格; clear it or change the grade.")}
        return {}
    if talk_on and talk_on > today:
        return {"talk_on": _("The talk date {day} is in the future.").format(day=date_text(talk_on))}
    if talk_on and values.get("appraised_on") and talk_on < values["appraised_on"]:
        return {"talk_on": _("The talk on {day} is before the appraisal; the talk follows it.").format(
            day=date_text(talk_on))}
    return {}


def check_appraisal(s: Session, values: Mapping[str, Any], today: date) -> None:
    problems: dict[str, str] = {}
    year, on = values.get("year"), values.get("appraised_on")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= today.year:
        problems["year"] = _("Enter the year appraised, from 2000 to {last}.").format(last=today.year)
    if on is not None and on > today:
        problems["appraised_on"] = _("The appraisal date {day} is in the future.").format(day=date_text(on))
    elif on is not None and isinstance(year, int) and not year <= on.year <= year + 1:
        problems["appraised_on"] = _("The appraisal of {year} is held in {year} or early the next year.").format(
            year=year)
    day = None if problems else min(_day(values), today)
    problems.update(member_problems(s, values, day))
    if values.get("meeting_id") is not None:
        problems.update(_meeting_problems(s, values))
    problems.update(_vote_problems(values))
    if not problems:
        problems.update(_grade_problems(s, values, s.get(Member, values["member_id"]), day))
    if not problems:
        problems.update(_follow_up_problems(values, today))
    if problems:
        raise ValidationError(problems)


def _title(values: Mapping[str, Any]) -> str:
    grade = values.get("grade")
    return _("Appraisal {year}").format(year=values.get("year")) + (f" · {_(GRADES[grade])}" if grade in GRADES else "")


BOOK = register_book(RecordBook(
    key="appraisals", title=N_("Appraisal archive"), noun=N_("appraisal"), model=Appraisal, year_field="year",
    unique_fields=("member_id", "year"), title_of=_title, order=48,
    columns=(
        Column("year", N_("Year"), "number", width=6),
        Column("member_id", N_("Member"), "member", width=10),
        Column("appraised_on", N_("Appraised on"), "date", width=12),
        Column("votes_excellent", N_("Votes: excellent"), "number", width=6),
        Column("votes_qualified", N_("Votes: qualified"), "number", width=6),
        Column("votes_basic", N_("Votes: basically qualified"), "number", width=6),
        Column("votes_unqualified", N_("Votes: unqualified"), "number", width=6),
        Column("grade", N_("Grade"), "vocabulary", GRADES, width=10),
        Column("self_assessment", N_("Self-assessment"), main=False, width=30),
        Column("talk_on", N_("Follow-up talk"), "date", main=False, width=12),
        Column("improvement_plan", N_("Improvement plan"), main=False, width=30),
        Column("outcome", N_("Outcome"), main=False, width=30),
    ),
    validate=check_appraisal, reminders=appraisal_reminders, reminder_kinds=APPRAISAL_KINDS,
))
