"""Reminders of the assessment book: the yearly self-assessment not yet submitted.

The window (due day, how many days before and after) is data in the ``assessment`` rule set.
"""

from __future__ import annotations

from sqlalchemy import select

from dj_desktop.core.books.reminders import ReminderContext, chunks
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.assessment import reminder_window, yearly_reminder
from dj_desktop.core.rules.cadence import BranchFacts, Reminder, ReminderTarget
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.rulesets import store


def reminders(ctx: ReminderContext, branches: list[BranchFacts]) -> list[Reminder]:
    from dj_desktop.core.models.assessment import Assessment
    version = store.version_on(ctx.session, "assessment", ctx.on)
    if version is None or not branches:
        return []
    window = reminder_window(version.content)
    submitted: dict = {}
    for part in chunks([b.id for b in branches]):
        for row in ctx.session.execute(select(Assessment.branch_id, Assessment.period).where(
                Assessment.branch_id.in_(part), Assessment.deleted.is_(False), Assessment.status == "submitted")):
            if row.period.isdigit():
                submitted.setdefault(row.branch_id, set()).add(int(row.period))
    out = []
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
