"""A Party group with no group meeting this month (党小组会 一般每月召开1次) — the group manual's reminder.

The cadence rules (``cadence.py``) already remind of a month's group meeting once the month's end
is within the due-soon window; this rule covers the rest of the month, so a group leader sees from
the first day that the month's meeting is still to hold, and the dashboard never shows both.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from dj_desktop.core.i18n import _
from dj_desktop.core.rules.cadence import BranchFacts, Reminder, ReminderTarget
from dj_desktop.core.rules.cadence_settings import CadenceSettings
from dj_desktop.core.rules.texts import date_text, period_text


def month_end(on: date) -> date:
    first_next = (on.replace(day=1) + timedelta(days=32)).replace(day=1)
    return first_next - timedelta(days=1)


def group_month_reminders(branch: BranchFacts, on: date, settings: CadenceSettings, *,
                          held: set[uuid.UUID], last_held: dict[uuid.UUID, date]) -> list[Reminder]:
    """One reminder per group of ``branch`` that has members this month and no group meeting in it.

    ``held``: groups with a group meeting this month; ``last_held``: each group's latest meeting."""
    cadence = settings.cadences.get("group_meeting")
    if cadence is None or cadence.count <= 0 or cadence.period != "month":
        return []
    end = month_end(on)
    if (end - on).days <= settings.due_soon_days:
        return []      # the cadence rule says it already
    out: list[Reminder] = []
    for group in branch.groups:
        if group.id in held or (group.founded_on is not None and group.founded_on > on):
            continue
        if not any(m.in_branch_on(on) for m in branch.members_by_group.get(group.id, ())):
            continue
        leader = next((s for s in group.leaders if s.held_on(on)), None)
        leader_name = next((m.name for m in branch.members if leader and m.id == leader.member_id), "")
        last = last_held.get(group.id)
        message = _("{group}: no group meeting is recorded for {month} yet (last one: {last}). "
                    "Group leader {leader}: hold it this month and record it in the branch manual.").format(
            group=group.name, month=period_text(on.replace(day=1), "month"),
            last=date_text(last) if last else _("none recorded"), leader=leader_name or _("(none recorded)"))
        out.append(Reminder(kind="group_meeting_month", subject=f"{group.name} {period_text(on, 'month')}",
                            due=end, status="due", message=message,
                            target=ReminderTarget("meetings", "create", branch.id,
                                                  preset={"kind": "group_meeting", "group_id": group.id}),
                            branch_name=branch.name))
    return out
