"""What the branch has left undone: cadence reminders as pure functions over plain facts and a date.

DESIGN §2 (支部工作条例 2018; 党员教育管理工作条例 2019): monthly committee meeting,
group meeting per group and themed Party day; quarterly general meeting and Party
lesson; the secretary's own yearly lesson; yearly organisational-life meeting and
appraisal; a talk with every member each year; yearly study hours; political
birthdays this quarter; the committee's term ending. Every number comes from
:class:`CadenceSettings` (stored as settings), none is fixed here.

A period is owed only when the branch, group or member existed from the first
day of the period's last month on — a branch founded on 20 June owes no June
committee meeting but does owe the second quarter's general meeting only if
founded by 1 June. The branch's record-keeping start date counts as its founding.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from datetime import date, timedelta
from typing import Any, Iterable

from dj_desktop.core.i18n import _, current_language
from dj_desktop.core.rules.cadence_settings import CadenceSettings
from dj_desktop.core.rules.cadence_texts import birthday_text, meeting_text, study_text, talk_text
from dj_desktop.core.rules.periods import (
    anniversary, full_months_from, last_month_start, period_of, periods_in,
)
from dj_desktop.core.rules.member_facts import MemberFacts
from dj_desktop.core.rules.records_start import owes_from
from dj_desktop.core.rules.reminder import Reminder, ReminderTarget
from dj_desktop.core.rules.texts import date_text, period_text

#: Roles that carry the higher study-hours target (secretaries and committee members).
LEADER_ROLES = frozenset({"secretary", "deputy_secretary", "organisation", "propaganda", "discipline",
                          "youth", "women", "committee_member"})


@dataclass(frozen=True)
class GroupFacts:
    id: uuid.UUID
    name: str
    founded_on: date | None = None
    #: Group leader seats (role ``group_leader``) of the group's terms.
    leaders: tuple["SeatFacts", ...] = ()


@dataclass(frozen=True)
class SeatFacts:
    """A committee role held by a member from ``started_on`` to ``ended_on`` (inclusive)."""

    member_id: uuid.UUID
    role: str
    started_on: date
    ended_on: date | None = None

    def held_on(self, day: date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)

    def overlaps(self, start: date, end: date) -> bool:
        return self.started_on <= end and (self.ended_on is None or self.ended_on >= start)


@dataclass(frozen=True)
class TermFacts:
    id: uuid.UUID
    elected_on: date
    ends_on: date


@dataclass(frozen=True)
class MeetingFacts:
    kind: str
    held_on: date
    group_id: uuid.UUID | None = None
    lecturer_id: uuid.UUID | None = None
    present_ids: frozenset[uuid.UUID] = frozenset()
    study_hours: float = 0.0


@dataclass(frozen=True)
class TalkFacts:
    held_on: date
    talker_id: uuid.UUID
    talkee_id: uuid.UUID


@dataclass(frozen=True)
class BranchFacts:
    id: uuid.UUID
    name: str
    founded_on: date | None = None
    members: tuple[MemberFacts, ...] = ()
    groups: tuple[GroupFacts, ...] = ()
    seats: tuple[SeatFacts, ...] = ()
    terms: tuple[TermFacts, ...] = ()
    meetings: tuple[MeetingFacts, ...] = ()
    talks: tuple[TalkFacts, ...] = ()
    records_start: date | None = None   # 台账起始日期: nothing is owed before it

    @cached_property   # asked once per member and year by the yearly rules (issue 16)
    def starts_on(self) -> date | None:
        return owes_from(self.founded_on, self.records_start)

    @cached_property   # asked once per group and period by the group meeting rule (issue 16)
    def members_by_group(self) -> dict[uuid.UUID, tuple[MemberFacts, ...]]:
        """The members of each Party group (members without a group left out), in roster order."""
        out: dict[uuid.UUID, list[MemberFacts]] = {}
        for m in self.members:
            if m.group_id is not None:
                out.setdefault(m.group_id, []).append(m)
        return {g: tuple(ms) for g, ms in out.items()}


def _create_meeting(branch_id: uuid.UUID, kind: str, group_id: uuid.UUID | None = None) -> ReminderTarget:
    preset: dict[str, Any] = {"kind": kind}
    if group_id is not None:
        preset["group_id"] = group_id
    return ReminderTarget("meetings", "create", branch_id, preset=preset)


def _window(on: date, settings: CadenceSettings) -> date:
    return on - timedelta(days=settings.overdue_lookback_days)


def _status(due: date, on: date, settings: CadenceSettings) -> str | None:
    """"overdue" when past, "due" when within the due-soon window, None when not yet worth saying."""
    return _status_in(due, on, _window(on, settings), settings.due_soon_days)


def _status_in(due: date, on: date, window: date, due_soon_days: int) -> str | None:
    if due < on:
        return "overdue" if due > window else None
    return "due" if (due - on).days <= due_soon_days else None


def _existed(founded: date | None, period_end: date) -> bool:
    return founded is None or founded <= last_month_start(period_end)


def _meeting_due(kind: str, start: date, end: date, themed_day_of_month: int | None) -> date:
    if kind == "themed_day" and themed_day_of_month and end.month == start.month:
        return start.replace(day=min(themed_day_of_month, end.day))
    return end


@lru_cache(maxsize=4096)
def _owed_periods(kind: str, founded: date | None, held: tuple[date, ...], on: date, period: str, required: int,
                  window: date, due_soon_days: int,
                  themed_day: int | None) -> tuple[tuple[date, date, date, str, int], ...]:
    """``(start, end, due, status, held)`` of each period in the window that ``founded`` owes and that
    has fewer than ``required`` of ``held`` — the same for every branch with the same facts, so
    computed once for them (issue 16: an office's branches that hold no meetings owe alike)."""
    out = []
    for start, end in periods_in(window, on, period):
        if not _existed(founded, end):
            continue
        count = sum(1 for d in held if start <= d <= end)
        if count >= required:
            continue
        due = _meeting_due(kind, start, end, themed_day)
        status = _status_in(due, on, window, due_soon_days)
        if status is not None:
            out.append((start, end, due, status, count))
    return tuple(out)


@lru_cache(maxsize=1024)
def _period_label(start: date, period: str, language: str) -> str:
    return period_text(start, period)


def _meeting_cadence(branch: BranchFacts, kind: str, on: date, settings: CadenceSettings, *,
                     group: GroupFacts | None = None) -> list[Reminder]:
    cadence = settings.cadences.get(kind)
    if cadence is None or cadence.count <= 0:
        return []
    founded = branch.starts_on if group is None else owes_from(group.founded_on or branch.founded_on,
                                                               branch.records_start)
    held = tuple(sorted(m.held_on for m in branch.meetings
                        if m.kind == kind and m.held_on <= on and (group is None or m.group_id == group.id)))
    owed = _owed_periods(kind, founded, held, on, cadence.period, cadence.count, _window(on, settings),
                         settings.due_soon_days, settings.themed_day_of_month)
    language, out, target = current_language(), [], None
    for start, end, due, status, count in owed:
        # Only periods still owed need the committee or the group's members (issue 16).
        day = min(end, on)
        if (kind == "committee_meeting" and committee_size(branch, day) < settings.min_committee_size
                and not _full_members_at_least(branch, day, settings.committee_from_full_members)):
            # A branch with a secretary only has no committee to meet; one with enough full members
            # for a committee owes its 支委会 even before the committee is recorded.
            continue
        if group is not None and not any(m.in_branch_on(day) for m in branch.members_by_group.get(group.id, ())):
            continue
        who = group.name if group is not None else branch.name
        message = partial(meeting_text, status, who, start, cadence.period, kind, count, cadence.count, due)
        subject = f"{who} {_period_label(start, cadence.period, language)}"
        # every period of the kind is settled by the same form: one (immutable) target for them all
        target = target or _create_meeting(branch.id, kind, group.id if group else None)
        out.append(Reminder(kind=kind, subject=subject, due=due, status=status, message=message,
                            target=target, branch_name=branch.name))
    return out


def full_members_on(branch: BranchFacts, day: date) -> int:
    return sum(1 for m in branch.members if m.in_branch_on(day) and m.full_on(day))


def _full_members_at_least(branch: BranchFacts, day: date, n: int) -> bool:
    """``full_members_on(branch, day) >= n``, stopping at the n-th full member (issue 16)."""
    for m in branch.members:
        if n <= 0:
            break
        if m.in_branch_on(day) and m.full_on(day):
            n -= 1
    return n <= 0


def committee_size(branch: BranchFacts, day: date) -> int:
    return len({s.member_id for s in branch.seats if s.role in LEADER_ROLES and s.held_on(day)})


def _years(on: date, settings: CadenceSettings) -> Iterable[tuple[date, date]]:
    return periods_in(_window(on, settings), on, "year")


def _secretary_lesson(branch: BranchFacts, on: date, settings: CadenceSettings) -> list[Reminder]:
    if settings.secretary_lessons_per_year <= 0:
        return []
    out = []
    for start, end in _years(on, settings):
        if not _existed(branch.starts_on, end):
            continue
        upto = min(end, on)
        secretaries = {s.member_id for s in branch.seats if s.role == "secretary" and s.overlaps(start, upto)}
        if not secretaries:
            continue
        given = sum(1 for m in branch.meetings if m.kind == "party_lesson" and start <= m.held_on <= upto
                    and m.lecturer_id in secretaries)
        if given >= settings.secretary_lessons_per_year:
            continue
        status = _status(end, on, settings)
        if status is None:
            continue
        params = dict(year=start.year, who=branch.name, due=date_text(end))
        message = (_("{who}: the secretary gave no Party lesson in {year}. Record it if it was given.")
                   if status == "overdue" else
                   _("{who}: the secretary has not yet given this year's Party lesson; give it by {due}."))
        out.append(Reminder(kind="secretary_lesson", subject=f"{branch.name} {period_text(start, 'year')}",
                            due=end, status=status, message=message.format(**params),
                            target=_create_meeting(branch.id, "party_lesson"),
                            branch_name=branch.name))
    return out


def talk_reminders(branch: BranchFacts, on: date, settings: CadenceSettings) -> list[Reminder]:
    if settings.talks_per_year <= 0:
        return []
    out = []
    for start, end in _years(on, settings):
        status = _status(end, on, settings)
        if status is None:
            continue
        counts: dict[uuid.UUID, int] = {}
        for t in branch.talks:
            if start <= t.held_on <= min(end, on):
                for person in {t.talker_id, t.talkee_id}:
                    counts[person] = counts.get(person, 0) + 1
        if not _existed(branch.starts_on, end):
            continue
        by = last_month_start(end)
        for member in branch.members:
            # (an empty dict is not asked: hashing a UUID is a Python call, issue 16)
            if (member.arrived_on > by or not member.in_branch_on(on)
                    or (counts and counts.get(member.id, 0) >= settings.talks_per_year)):
                continue
            out.append(Reminder(kind="talks", subject=member.name, due=end, status=status,
                                message=partial(talk_text, status, member.name, start.year, end),
                                target=ReminderTarget("talks", "create", branch.id, preset={"talkee_id": member.id}),
                                branch_name=branch.name))
    return out


def _study_hours(branch: BranchFacts, on: date, settings: CadenceSettings) -> list[Reminder]:
    out = []
    for start, end in _years(on, settings):
        status = _status(end, on, settings)
        if status is None:
            continue
        upto = min(end, on)
        hours: dict[uuid.UUID, float] = {}
        for m in branch.meetings:
            if start <= m.held_on <= upto and m.study_hours:
                for person in m.present_ids:
                    hours[person] = hours.get(person, 0.0) + m.study_hours
        leaders = {s.member_id for s in branch.seats if s.role in LEADER_ROLES and s.overlaps(start, upto)}
        if not _existed(branch.starts_on, end):
            continue
        by, starts_on = last_month_start(end), branch.starts_on
        whole_year = {full: round(full * full_months_from(start, start, end) / 12, 1)   # here all year
                      for full in (settings.study_hours, settings.study_hours_leaders)}
        for member in branch.members:
            if member.arrived_on > by or not member.in_branch_on(on):
                continue
            full = settings.study_hours_leaders if leaders and member.id in leaders else settings.study_hours
            # A member who arrived mid-year owes only the months they were here.
            here_from = max(member.arrived_on, starts_on or member.arrived_on)
            target = (whole_year[full] if here_from <= start else
                      round(full * full_months_from(here_from, start, end) / 12, 1))
            done = round(hours.get(member.id, 0.0), 1) if hours else 0.0
            if done >= target:
                continue
            out.append(Reminder(kind="study_hours", subject=member.name, due=end, status=status,
                                message=partial(study_text, status, member.name, start.year, done, target, end),
                                target=ReminderTarget("members", "open", branch.id, record_id=member.id),
                                branch_name=branch.name))
    return out


def member_reminders(branch: BranchFacts, on: date, settings: CadenceSettings | None = None) -> list[Reminder]:
    """Political birthdays this quarter (no setting applies)."""
    start, end = period_of(on, "quarter")
    out = []
    for member in branch.members:
        if member.joined_on is None or member.joined_on.year >= on.year or not member.in_branch_on(on):
            continue
        day = anniversary(member.joined_on, on.year)
        if not start <= day <= end:
            continue
        # Due at the quarter's gathering (the seeds hold one for the quarter's birthdays), never
        # on the day itself: a birthday earlier in the quarter is still honoured at the gathering.
        out.append(Reminder(
            kind="political_birthday", subject=member.name, due=end, status="due",
            message=partial(birthday_text, member.name, day, on.year - member.joined_on.year, end),
            target=ReminderTarget("members", "open", branch.id, record_id=member.id), branch_name=branch.name))
    return out


def term_reminders(branch: BranchFacts, on: date, settings: CadenceSettings) -> list[Reminder]:
    if not branch.terms:
        return []
    term = max(branch.terms, key=lambda t: t.elected_on)  # only the current term matters
    days_left = (term.ends_on - on).days
    if days_left > settings.term_warning_days:
        return []
    params = dict(who=branch.name, day=date_text(term.ends_on), days=days_left)
    if days_left < 0:
        status = "overdue"
        message = _("{who}: the committee's term ended on {day} and no new election is recorded. "
                    "Hold the election (换届) or record it.")
    else:
        status = "due"
        message = _("{who}: the committee's term ends on {day} (in {days} days). Apply to the upper "
                    "Party committee and prepare the election (换届).")
    return [Reminder(kind="term_ending", subject=branch.name, due=term.ends_on, status=status,
                     message=message.format(**params),
                     target=ReminderTarget("terms", "open", branch.id, record_id=term.id), branch_name=branch.name)]


def meeting_reminders(branch: BranchFacts, on: date, settings: CadenceSettings) -> list[Reminder]:
    """Meetings owed by their cadence, the secretary's lesson and study hours (from meetings)."""
    out: list[Reminder] = []
    for kind in ("committee_meeting", "general_meeting", "party_lesson", "themed_day",
                 "life_meeting", "appraisal_meeting"):
        out += _meeting_cadence(branch, kind, on, settings)
    for group in branch.groups:
        out += _meeting_cadence(branch, "group_meeting", on, settings, group=group)
    out += _secretary_lesson(branch, on, settings)
    out += _study_hours(branch, on, settings)
    return out


def branch_reminders(branch: BranchFacts, on: date, settings: CadenceSettings) -> list[Reminder]:
    """Every cadence reminder for ``branch`` as of ``on``: overdue first, then by due date."""
    out: list[Reminder] = []
    for rule in (meeting_reminders, talk_reminders, member_reminders, term_reminders):
        out += rule(branch, on, settings)
    return sort_reminders(out)


def sort_reminders(reminders: Iterable[Reminder]) -> list[Reminder]:
    return sorted(reminders, key=lambda r: (r.status != "overdue", r.due, r.kind, r.subject))
