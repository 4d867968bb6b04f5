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
from itertools import groupby
from operator import itemgetter
from datetime import date
from typing import Any, Iterable

from dj_desktop.core.i18n import _, current_language
from dj_desktop.core.rules.cadence_settings import CadenceSettings
from dj_desktop.core.rules.cadence_status import (   # LEADER_ROLES and _status are imported from here too
    LEADER_ROLES, existed as _existed, status as _status, status_in as _status_in, window as _window,
    years as _years,
)
from dj_desktop.core.rules.cadence_texts import meeting_text
from dj_desktop.core.rules.member_cadence import birthday_batches, study_hour_batches, talk_batches
from dj_desktop.core.rules.periods import periods_in
from dj_desktop.core.rules.member_facts import MemberFacts
from dj_desktop.core.rules.records_start import owes_from
from dj_desktop.core.rules.reminder import Reminder, ReminderTarget
from dj_desktop.core.rules.reminder_batch import ReminderBatch, expand
from dj_desktop.core.rules.texts import date_text, period_text


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
        # grouped by the id's int (hashing a UUID is a Python call: 80,000 members at an office)
        out: dict[int, list[MemberFacts]] = {}
        ids: dict[int, uuid.UUID] = {}
        for m in self.members:
            if m.group_id is not None:
                key = m.group_id.int
                if key in out:
                    out[key].append(m)
                else:
                    out[key], ids[key] = [m], m.group_id
        return {ids[key]: tuple(ms) for key, ms in out.items()}


def _create_meeting(branch_id: uuid.UUID, kind: str, group_id: uuid.UUID | None = None) -> ReminderTarget:
    preset: dict[str, Any] = {"kind": kind}
    if group_id is not None:
        preset["group_id"] = group_id
    return ReminderTarget("meetings", "create", branch_id, preset=preset)


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
                     group: GroupFacts | None = None) -> list[ReminderBatch]:
    """The periods of ``kind`` owed, as batches of ``(start, end, due, status, held)`` (one per run of a
    status; each period its own due day) that the engine expands or the office counts (issue 16)."""
    cadence = settings.cadences.get(kind)
    if cadence is None or cadence.count <= 0:
        return []
    founded = branch.starts_on if group is None else owes_from(group.founded_on or branch.founded_on,
                                                               branch.records_start)
    held = tuple(sorted(m.held_on for m in branch.meetings
                        if m.kind == kind and m.held_on <= on and (group is None or m.group_id == group.id)))
    owed = _owed_periods(kind, founded, held, on, cadence.period, cadence.count, _window(on, settings),
                         settings.due_soon_days, settings.themed_day_of_month)
    kept = []
    for period in owed:
        # Only periods still owed need the committee or the group's members (issue 16).
        day = min(period[1], on)
        if (kind == "committee_meeting" and committee_size(branch, day) < settings.min_committee_size
                and not _full_members_at_least(branch, day, settings.committee_from_full_members)):
            # A branch with a secretary only has no committee to meet; one with enough full members
            # for a committee owes its 支委会 even before the committee is recorded.
            continue
        if group is not None and not any(m.in_branch_on(day) for m in branch.members_by_group.get(group.id, ())):
            continue
        kept.append(period)
    if not kept:
        return []
    who = group.name if group is not None else branch.name
    subject_of = partial(_meeting_subject, who, cadence.period, current_language())
    build = partial(_meeting_reminder, branch.id, branch.name, kind, who, cadence.period, cadence.count,
                    group.id if group is not None else None, subject_of)
    return [ReminderBatch(kind, None, status, branch.id.int, list(run), subject_of, build, due_of=_period_due)
            for status, run in groupby(kept, _period_status)]


_period_due, _period_status = itemgetter(2), itemgetter(3)


def _meeting_subject(who: str, period: str, language: str, item: tuple) -> str:
    return f"{who} {_period_label(item[0], period, language)}"


def _meeting_reminder(branch_id: uuid.UUID, branch_name: str, kind: str, who: str, period: str, required: int,
                      group_id: uuid.UUID | None, subject_of, item: tuple) -> Reminder:
    start, _end, due, status, count = item
    return Reminder(kind=kind, subject=subject_of(item), due=due, status=status,
                    message=partial(meeting_text, status, who, start, period, kind, count, required, due),
                    target=_create_meeting(branch_id, kind, group_id), branch_name=branch_name)


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
    return expand(talk_batches(branch, on, settings))


def member_reminders(branch: BranchFacts, on: date, settings: CadenceSettings | None = None) -> list[Reminder]:
    """Political birthdays this quarter (no setting applies)."""
    return expand(birthday_batches(branch, on, settings))


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
    return expand(meeting_rows(branch, on, settings))


def meeting_rows(branch: BranchFacts, on: date, settings: CadenceSettings) -> list[Reminder | ReminderBatch]:
    """``meeting_reminders`` with the study hours as batches (``reminder_batch.py``)."""
    out: list[Reminder | ReminderBatch] = []
    for kind in ("committee_meeting", "general_meeting", "party_lesson", "themed_day",
                 "life_meeting", "appraisal_meeting"):
        out += _meeting_cadence(branch, kind, on, settings)
    for group in branch.groups:
        out += _meeting_cadence(branch, "group_meeting", on, settings, group=group)
    out += _secretary_lesson(branch, on, settings)
    out += study_hour_batches(branch, on, settings)
    return out


def branch_reminders(branch: BranchFacts, on: date, settings: CadenceSettings) -> list[Reminder]:
    """Every cadence reminder for ``branch`` as of ``on``: overdue first, then by due date."""
    out: list[Reminder] = []
    for rule in (meeting_reminders, talk_reminders, member_reminders, term_reminders):
        out += rule(branch, on, settings)
    return sort_reminders(out)


def sort_reminders(reminders: Iterable[Reminder]) -> list[Reminder]:
    return sorted(reminders, key=lambda r: (r.status != "overdue", r.due, r.kind, r.subject))
