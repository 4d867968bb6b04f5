"""The group manual's reminder provider: groups with no group meeting this month, for many branches
with one grouped query over the branch manual's meetings."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from dj_desktop.core.books.reminders import BranchFacts, ReminderContext, chunks
from dj_desktop.core.models import Meeting
from dj_desktop.core.rules.group_meetings import group_month_reminders


def group_meeting_reminders(ctx: ReminderContext, branches: list[BranchFacts]):
    group_ids = [g.id for b in branches for g in b.groups]
    first = ctx.on.replace(day=1)
    last_held: dict[uuid.UUID, object] = {}
    for part in chunks(group_ids):
        for group_id, last in ctx.session.execute(
                select(Meeting.group_id, func.max(Meeting.held_on)).where(
                    Meeting.group_id.in_(part), Meeting.kind == "group_meeting", Meeting.deleted.is_(False),
                    Meeting.held_on <= ctx.on).group_by(Meeting.group_id)):
            last_held[group_id] = last
    held = {g for g, day in last_held.items() if day >= first}
    out = []
    for branch in branches:
        out += group_month_reminders(branch, ctx.on, ctx.settings, held=held, last_held=last_held)
    return out
