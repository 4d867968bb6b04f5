"""The cadence rules owed per member (DESIGN §2): a heart-to-heart talk with every member each year,
the yearly study hours, political birthdays this quarter. Each returns :class:`ReminderBatch` values
(one per kind, due day and status: ``reminder_batch.py``) that the engine expands into reminders or
the office's compliance check counts (issue 16); ``cadence.py`` lists them as reminders."""

from __future__ import annotations

import uuid
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from dj_desktop.core.rules.cadence_settings import CadenceSettings
from dj_desktop.core.rules.cadence_status import LEADER_ROLES, existed, status as status_of, years
from dj_desktop.core.rules.cadence_texts import birthday_text, study_text, talk_text
from dj_desktop.core.rules.member_facts import MemberFacts
from dj_desktop.core.rules.periods import anniversary, full_months_from, last_month_start, period_of
from dj_desktop.core.rules.reminder import Reminder, ReminderTarget
from dj_desktop.core.rules.reminder_batch import ReminderBatch, first_member_subject, member_subject

if TYPE_CHECKING:
    from dj_desktop.core.rules.cadence import BranchFacts

def talk_batches(branch: BranchFacts, on: date, settings: CadenceSettings) -> list[ReminderBatch]:
    if settings.talks_per_year <= 0:
        return []
    out = []
    for start, end in years(on, settings):
        status = status_of(end, on, settings)
        if status is None:
            continue
        counts: dict[uuid.UUID, int] = {}
        for t in branch.talks:
            if start <= t.held_on <= min(end, on):
                for person in {t.talker_id, t.talkee_id}:
                    counts[person] = counts.get(person, 0) + 1
        if not existed(branch.starts_on, end):
            continue
        by = last_month_start(end)
        # (an empty dict is not asked: hashing a UUID is a Python call, issue 16)
        owing = [m for m in branch.members if not (m.arrived_on > by or not m.in_branch_on(on) or (
            counts and counts.get(m.id, 0) >= settings.talks_per_year))]
        if owing:
            out.append(ReminderBatch("talks", end, status, branch.id.int, owing, member_subject,
                                     partial(_talk, branch.id, branch.name, status, start.year, end)))
    return out


def _talk(branch_id: uuid.UUID, branch_name: str, status: str, year: int, due: date,
          member: MemberFacts) -> Reminder:
    return Reminder(kind="talks", subject=member.name, due=due, status=status,
                    message=partial(talk_text, status, member.name, year, due),
                    target=ReminderTarget("talks", "create", branch_id, preset={"talkee_id": member.id}),
                    branch_name=branch_name)


def study_hour_batches(branch: BranchFacts, on: date, settings: CadenceSettings) -> list[ReminderBatch]:
    out = []
    for start, end in years(on, settings):
        status = status_of(end, on, settings)
        if status is None:
            continue
        upto = min(end, on)
        hours: dict[uuid.UUID, float] = {}
        for m in branch.meetings:
            if start <= m.held_on <= upto and m.study_hours:
                for person in m.present_ids:
                    hours[person] = hours.get(person, 0.0) + m.study_hours
        leaders = {s.member_id for s in branch.seats if s.role in LEADER_ROLES and s.overlaps(start, upto)}
        if not existed(branch.starts_on, end):
            continue
        by, starts_on = last_month_start(end), branch.starts_on
        whole_year = {full: round(full * full_months_from(start, start, end) / 12, 1)   # here all year
                      for full in (settings.study_hours, settings.study_hours_leaders)}
        owing = []
        for member in branch.members:
            if member.arrived_on > by or not member.in_branch_on(on):
                continue
            full = settings.study_hours_leaders if leaders and member.id in leaders else settings.study_hours
            # A member who arrived mid-year owes only the months they were here.
            here_from = max(member.arrived_on, starts_on or member.arrived_on)
            target = (whole_year[full] if here_from <= start else
                      round(full * full_months_from(here_from, start, end) / 12, 1))
            done = round(hours.get(member.id, 0.0), 1) if hours else 0.0
            if done < target:
                owing.append((member, done, target))
        if owing:
            out.append(ReminderBatch("study_hours", end, status, branch.id.int, owing, first_member_subject,
                                     partial(_study, branch.id, branch.name, status, start.year, end)))
    return out


def _study(branch_id: uuid.UUID, branch_name: str, status: str, year: int, due: date,
           item: tuple[MemberFacts, float, float]) -> Reminder:
    member, done, target = item
    return Reminder(kind="study_hours", subject=member.name, due=due, status=status,
                    message=partial(study_text, status, member.name, year, done, target, due),
                    target=ReminderTarget("members", "open", branch_id, record_id=member.id),
                    branch_name=branch_name)


def birthday_batches(branch: BranchFacts, on: date, settings: CadenceSettings | None = None) -> list[ReminderBatch]:
    """Political birthdays this quarter (no setting applies)."""
    start, end = period_of(on, "quarter")
    owing = []
    first, last = start.month, end.month
    for member in branch.members:
        joined = member.joined_on
        # the anniversary keeps the month (29 February → 28 February): the month tells the quarter
        if joined is None or joined.year >= on.year or not first <= joined.month <= last:
            continue
        if member.in_branch_on(on) and start <= anniversary(joined, on.year) <= end:
            owing.append(member)
    # Due at the quarter's gathering (the seeds hold one for the quarter's birthdays), never
    # on the day itself: a birthday earlier in the quarter is still honoured at the gathering.
    return [ReminderBatch("political_birthday", end, "due", branch.id.int, owing, member_subject,
                          partial(_birthday, branch.id, branch.name, on, end))] if owing else []


def _birthday(branch_id: uuid.UUID, branch_name: str, on: date, due: date, member: MemberFacts) -> Reminder:
    day = anniversary(member.joined_on, on.year)
    return Reminder(
        kind="political_birthday", subject=member.name, due=due, status="due",
        message=partial(birthday_text, member.name, day, on.year - member.joined_on.year, due),
        target=ReminderTarget("members", "open", branch_id, record_id=member.id), branch_name=branch_name)
