"""The development book (发展党员档案): one file per person, written only through
``services.development`` (steps are checked against the file's rule version), with its reminders:
talks, reviews, one year as activist, notices, approvals, oaths, probation, and the calendar."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from sqlalchemy import select

from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.books.reminders import ReminderContext, chunks
from dj_desktop.core.i18n import N_
from dj_desktop.core.models import DevelopmentFile, DevelopmentStep, WorkCalendarDay
from dj_desktop.core.rules.cadence import BranchFacts
from dj_desktop.core.rules.development import FileFacts, next_step, timeline
from dj_desktop.core.rules.development_reminders import PersonFacts, calendar_reminder, person_reminders
from dj_desktop.core.rules.workdays import WorkCalendar

KINDS = {
    "development_talk": N_("Talk with an applicant"),
    "development_review": N_("Review of an activist"),
    "development_one_year": N_("Activist for one year"),
    "development_notice": N_("Public notice ending"),
    "development_meeting": N_("General meeting on a candidate"),
    "development_approval": N_("Approval deadline"),
    "development_oath": N_("Oath of a new member"),
    "development_probation": N_("Probation ending"),
    "development_calendar": N_("Holiday calendar of the coming year"),
}


def _rules_cache(ctx: ReminderContext):
    from dj_desktop.core.rules.development_rules import rules_from
    from dj_desktop.core.rulesets import store
    from dj_desktop.core.rulesets.types import split_ref
    cache: dict = {}

    def get(ref: str):
        if ref not in cache:
            version = store.find(ctx.session, *split_ref(ref))
            cache[ref] = rules_from(version.content, version.ref)
        return cache[ref]
    return get


def _reminders(ctx: ReminderContext, branches: list[BranchFacts]):
    out = []
    rules_of = _rules_cache(ctx)
    for part in chunks([b.id for b in branches]):
        files = list(ctx.session.scalars(select(DevelopmentFile).where(
            DevelopmentFile.branch_id.in_(part), DevelopmentFile.deleted.is_(False),
            DevelopmentFile.cancelled_reason == "")))
        done: dict = defaultdict(lambda: defaultdict(list))
        for file_id, no, on in ctx.session.execute(select(
                DevelopmentStep.file_id, DevelopmentStep.step_no, DevelopmentStep.done_on).where(
                DevelopmentStep.branch_id.in_(part), DevelopmentStep.deleted.is_(False))):
            done[file_id][no].append(on)
        days: dict = defaultdict(lambda: ([], []))
        for branch_id, day, kind in ctx.session.execute(select(
                WorkCalendarDay.branch_id, WorkCalendarDay.day, WorkCalendarDay.kind).where(
                WorkCalendarDay.branch_id.in_(part), WorkCalendarDay.deleted.is_(False))):
            days[branch_id][0 if kind == "holiday" else 1].append(day)
        calendars = {b: WorkCalendar(holidays=frozenset(h), workdays=frozenset(w)) for b, (h, w) in days.items()}
        active = set()
        for f in files:
            rules = rules_of(f.rules_version)
            facts = FileFacts(applied_on=f.applied_on, birth_date=f.birth_date, done=dict(done[f.id]),
                              extension_months=f.extension_months or 0, extensions=f.extensions or 0)
            nxt = next_step(rules, facts)
            if nxt is None:
                continue
            active.add(f.branch_id)
            calendar = calendars.get(f.branch_id, WorkCalendar())
            out += person_reminders(PersonFacts(f.id, f.branch_id, f.name, nxt,
                                                tuple(timeline(rules, facts, calendar))), ctx.on, ctx.settings)
        for branch_id in part:
            out += calendar_reminder(branch_id, calendars.get(branch_id, WorkCalendar()).years, ctx.on,
                                     branch_id in active)
    names = {b.id: b.name for b in branches}       # the branch column of the dashboard and the office
    return [replace(r, branch_name=names.get(r.target.branch_id, "")) for r in out]


BOOK = register_book(RecordBook(
    key="development", title=N_("Member development"), noun=N_("development file"), model=DevelopmentFile,
    date_field="applied_on", title_of=lambda v: v.get("name") or "", order=60, generic_writes=False,
    columns=(
        Column("applied_on", N_("Applied on"), "date", width=12),
        Column("name", N_("Name"), width=10),
        Column("rules_version", N_("Rule version"), width=16),
        Column("cancelled_reason", N_("Cancelled: {reason}"), main=False, width=30),
    ),
    reminders=_reminders,
    reminder_kinds=KINDS,
))
