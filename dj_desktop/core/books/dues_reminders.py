"""Reminders of the dues books: dues unpaid this month, arrears approaching (and reaching) six months,
and the half-year dues list due on the notice board. One grouped query per table for all branches."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy import select

from dj_desktop.core.books.reminders import ReminderContext, chunks
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models.money import DuesBase, DuesPayment
from dj_desktop.core.models.notice import NoticeItem
from dj_desktop.core.rules import dues
from dj_desktop.core.rules.cadence import BranchFacts, Reminder, ReminderTarget
from dj_desktop.core.rules.periods import month_end
from dj_desktop.core.rulesets import store

KINDS = {"dues_unpaid": N_("Dues unpaid this month"), "dues_arrears": N_("Dues in arrears"),
         "dues_publication": N_("Half-year dues list")}


def _publication_due(on: date) -> tuple[int, int, date]:
    """The half-year whose list is due now: published in the month after the half ends."""
    if on.month <= 6:
        return on.year - 1, 2, date(on.year, 1, 31)
    return on.year, 1, date(on.year, 7, 31)


def dues_reminders(ctx: ReminderContext, branches: list[BranchFacts]) -> list[Reminder]:
    version = store.version_on(ctx.session, "dues", ctx.on)
    if version is None:
        return []
    rates = dues.rates_from(version.content, version.ref)
    month = dues.month_of(ctx.on)
    ids = [b.id for b in branches]
    based: dict[uuid.UUID, date] = {}
    paid: dict[uuid.UUID, set[date]] = defaultdict(set)
    published: set[tuple[uuid.UUID, str]] = set()
    for part in chunks(ids):
        for member_id, from_month in ctx.session.execute(select(DuesBase.member_id, DuesBase.from_month).where(
                DuesBase.branch_id.in_(part), DuesBase.deleted.is_(False), DuesBase.from_month <= month)):
            based[member_id] = min(from_month, based.get(member_id, from_month))
        for p in ctx.session.execute(select(DuesPayment.member_id, DuesPayment.first_month, DuesPayment.last_month)
                                     .where(DuesPayment.branch_id.in_(part), DuesPayment.deleted.is_(False),
                                            DuesPayment.voluntary.is_(False))):
            paid[p.member_id].update(dues.month_range(p.first_month, p.last_month))
        published |= {(n.branch_id, n.source) for n in ctx.session.execute(
            select(NoticeItem.branch_id, NoticeItem.source).where(NoticeItem.branch_id.in_(part),
                                                                  NoticeItem.deleted.is_(False)))}
    out: list[Reminder] = []
    for branch in branches:
        unpaid_now = []
        for m in branch.members if based else ():   # no dues base at all: no member is asked (issue 16)
            if m.id not in based or not m.in_branch_on(ctx.on):
                continue
            start = max(dues.dues_start(max(m.joined_on or m.arrived_on, m.arrived_on)), based[m.id])
            if branch.starts_on is not None:   # months before the books start owe nothing here
                start = max(start, dues.month_of(branch.starts_on))
            standing = dues.standing(start, paid[m.id], month, flag_months=rates.unpaid_flag_months)
            if month in standing.unpaid:
                unpaid_now.append(m.name)
            if standing.unpaid_run >= rates.unpaid_flag_months - 2:
                flagged = standing.unpaid_run >= rates.unpaid_flag_months
                out.append(Reminder(
                    "dues_arrears", m.name, month_end(month.year, month.month), "overdue" if flagged else "due",
                    _("{name} has not paid dues for {count} months in a row (from {first}); at {limit} months "
                      "without a good reason the general meeting must deal with it.").format(
                        name=m.name, count=standing.unpaid_run, first=dues.month_text(standing.unpaid[-standing.unpaid_run]),
                        limit=rates.unpaid_flag_months),
                    ReminderTarget("dues_payments", "create", branch.id, preset={"member_id": m.id}), branch.name))
        if unpaid_now:
            out.append(Reminder(
                "dues_unpaid", _("{count} members").format(count=len(unpaid_now)), month_end(month.year, month.month),
                "due", _("Dues of {month} not yet paid: {names}.").format(
                    month=dues.month_text(month), names="、".join(unpaid_now[:20]) + ("…" if len(unpaid_now) > 20 else "")),
                ReminderTarget("dues_payments", "create", branch.id), branch.name))
        year, half, due = _publication_due(ctx.on)
        half_ended = date(year, 6 if half == 1 else 12, 30 if half == 1 else 31)
        if branch.starts_on is not None and half_ended < branch.starts_on:
            continue
        if (based and based.keys() & {m.id for m in branch.members}
                and (branch.id, f"dues:{year}H{half}") not in published):
            out.append(Reminder(
                "dues_publication", _("{year}, {half} half-year").format(
                    year=year, half=_("first") if half == 1 else _("second")), due,
                "overdue" if due < ctx.on else "due",
                _("Publish the dues collected in the half-year on the notice board."),
                ReminderTarget("notices", "create", branch.id, preset={"kind": "dues"}), branch.name))
    return out
