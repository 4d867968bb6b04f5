"""Reminders of the notice board: an item whose posting period ends today or has ended — take the
poster down and keep it on file with the record (and, for a candidate's public notice, record what
came of it). An ended item is reminded for ``due_soon_days`` after its last day, then dropped: the
board keeps the item itself for good. One grouped query for all branches."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from dj_desktop.core.books.reminders import ReminderContext, chunks
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models.notice import NoticeItem
from dj_desktop.core.rules.cadence import BranchFacts, Reminder, ReminderTarget
from dj_desktop.core.rules.texts import date_text

KINDS = {"notice_posting_ended": N_("Notice posting period ended")}


def notice_reminders(ctx: ReminderContext, branches: list[BranchFacts]) -> list[Reminder]:
    names = {b.id: b.name for b in branches}
    oldest = ctx.on - timedelta(days=ctx.settings.due_soon_days)
    out: list[Reminder] = []
    for part in chunks(list(names)):
        rows = ctx.session.execute(select(NoticeItem.id, NoticeItem.branch_id, NoticeItem.title,
                                          NoticeItem.post_until).where(
            NoticeItem.branch_id.in_(part), NoticeItem.deleted.is_(False), NoticeItem.posted_on.is_not(None),
            NoticeItem.post_until.is_not(None), NoticeItem.post_until <= ctx.on, NoticeItem.post_until >= oldest))
        for row in rows:
            ended = row.post_until < ctx.on
            message = (_("Its posting period ended on {day}: take the poster down and keep it on file.") if ended
                       else _("Its posting period ends today ({day}): take the poster down tomorrow and keep it "
                              "on file.")).format(day=date_text(row.post_until))
            out.append(Reminder("notice_posting_ended", row.title, row.post_until, "overdue" if ended else "due",
                                message, ReminderTarget("notices", "open", row.branch_id, record_id=row.id),
                                names[row.branch_id]))
    return sorted(out, key=lambda r: (r.due, r.subject))
