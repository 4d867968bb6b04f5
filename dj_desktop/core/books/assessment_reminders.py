"""Reminders of the assessment book: the yearly self-assessment not yet submitted.

The window (due day, how many days before and after) is data in the ``assessment`` rule set.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from dj_desktop.core.books.reminders import ReminderContext, chunks
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.assessment import reminder_window, yearly_reminder
from dj_desktop.core.rules.cadence import BranchFacts, Reminder, ReminderTarget
from dj_desktop.core.rules.star_history import star_changes_from, triggers
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.rulesets import store


def reminders(ctx: ReminderContext, branches: list[BranchFacts]) -> list[Reminder]:
    from dj_desktop.core.models.assessment import Assessment
    version = store.version_on(ctx.session, "assessment", ctx.on)
    if version is None or not branches:
        return []
    window = reminder_window(version.content)
    submitted: dict = {}
    stars: dict = {}           # branch → {year: (version_no, stars, record id)} of the star standard
    for part in chunks([b.id for b in branches]):
        for row in ctx.session.execute(select(
                Assessment.id, Assessment.branch_id, Assessment.period, Assessment.standard, Assessment.stars,
                Assessment.version_no).where(
                Assessment.branch_id.in_(part), Assessment.deleted.is_(False), Assessment.status == "submitted")):
            if row.period.isdigit():
                submitted.setdefault(row.branch_id, set()).add(int(row.period))
                if row.standard == "star":
                    years = stars.setdefault(row.branch_id, {})
                    if int(row.period) not in years or years[int(row.period)][0] < row.version_no:
                        years[int(row.period)] = (row.version_no, row.stars, row.id)
    out = _star_triggers(ctx, branches, stars, star_changes_from(version.content))
    for branch in branches:
        found = yearly_reminder(ctx.on, window, submitted.get(branch.id, set()))
        if found is None:
            continue
        year, due, status = found
        message = (_("{branch}: the {year} self-assessment is due by {day}; score it in the assessment handbook.")
                   if status == "due" else
                   _("{branch}: the {year} self-assessment was due on {day} and has not been submitted."))
        out.append(Reminder(kind="assessment", subject=_("{year} self-assessment").format(year=year), due=due,
                            status=status, message=message.format(branch=branch.name, year=year, day=date_text(due)),
                            target=ReminderTarget("assessments", "create", branch.id, preset={"period": str(year)}),
                            branch_name=branch.name))
    return out


def _star_triggers(ctx: ReminderContext, branches: list[BranchFacts], stars: dict, rules) -> list[Reminder]:
    """What last year's (or this year's) stars trigger per seed 003, shown until 31 March after it."""
    out = []
    for branch in branches:
        years = stars.get(branch.id, {})
        for trigger in triggers({y: v[1] for y, v in years.items()}, rules):
            if trigger.year not in (ctx.on.year - 1, ctx.on.year):
                continue
            due = date(trigger.year + 1, 3, 31)
            out.append(Reminder(kind="star_change", subject=_("{year} star level").format(year=trigger.year),
                                due=due, status="due" if ctx.on <= due else "overdue",
                                message=f"{branch.name}：{trigger.text}",
                                target=ReminderTarget("assessments", "open", branch.id,
                                                      record_id=years[trigger.year][2]),
                                branch_name=branch.name))
    return out


def scored_assessments(s, sites) -> list[tuple[str, object]]:
    """``(table, id)`` of the branch's assessments the upper level has scored: the office sends them back
    in the return bundle (``sync/returns.py``) so its scores show at the branch."""
    from dj_desktop.core.models.assessment import Assessment
    return [(Assessment.__tablename__, rid) for rid, in s.execute(select(Assessment.id).where(
        Assessment.origin.in_(list(sites)), Assessment.office_scored_on.is_not(None), Assessment.deleted.is_(False)))]
