"""Reminder of the funds ledger: the year's funding (allocations and dues kept back, the rule set's
counted categories) is behind the standard (seed 000, rule set ``funds``) for the months gone by.
In January the whole of last year is checked instead. One grouped query for all branches."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from dj_desktop.core.books.reminders import ReminderContext, chunks
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import Organisation
from dj_desktop.core.models.money import FundsEntry
from dj_desktop.core.rules.cadence import BranchFacts, Reminder, ReminderTarget
from dj_desktop.core.rules.dues import money_text, to_fen
from dj_desktop.core.rules.funds import standard_from
from dj_desktop.core.rulesets import store

KINDS = {"funds_below_standard": N_("Funding below the standard")}


def funds_reminders(ctx: ReminderContext, branches: list[BranchFacts]) -> list[Reminder]:
    on = ctx.on
    # The months that must be covered: those gone by this year, or (in January) all of last year.
    year, months = (on.year - 1, 12) if on.month == 1 else (on.year, on.month - 1)
    version = store.version_on(ctx.session, "funds", date(year, months, 1))
    if version is None:
        return []
    rule = standard_from(version.content, version.ref)
    end = date(year + 1, 1, 1) if months == 12 else date(year, months + 1, 1)
    counted: dict = defaultdict(Decimal)
    kinds: dict = {}
    for part in chunks([b.id for b in branches]):
        kinds.update((r.id, r.kind) for r in ctx.session.execute(
            select(Organisation.id, Organisation.kind).where(Organisation.id.in_(part))))
        for branch_id, total in ctx.session.execute(
                select(FundsEntry.branch_id, func.sum(FundsEntry.amount)).where(
                    FundsEntry.branch_id.in_(part), FundsEntry.deleted.is_(False),
                    FundsEntry.category.in_(rule.counted_categories), FundsEntry.entry_on >= date(year, 1, 1),
                    FundsEntry.entry_on < end)
                .group_by(FundsEntry.branch_id)):
            counted[branch_id] = Decimal(total or 0)
    out: list[Reminder] = []
    for branch in branches:
        if branch.starts_on is not None and branch.starts_on > date(year, 1, 1):
            continue                      # the ledger does not hold the whole period
        members = sum(1 for m in branch.members if m.in_branch_on(on))
        needed = to_fen(rule.yearly(kinds.get(branch.id, ""), members) * months / 12)
        have = to_fen(counted[branch.id])
        if not members or have >= needed:
            continue
        due = date(year, 12, 31)
        out.append(Reminder(
            "funds_below_standard", _("{year}: {have} of {needed} yuan").format(
                year=year, have=money_text(have), needed=money_text(needed)), due,
            "overdue" if due < on else "due",
            _("Funding recorded for {period} of {year}: {have} yuan, below the standard's {needed} yuan "
              "({source}). Ask the upper level for the allocation, or record what was received.").format(
                period=_("the whole year") if months == 12 else _("the first {n} months").format(n=months),
                year=year, have=money_text(have), needed=money_text(needed), source=version.ref),
            ReminderTarget("funds", "create", branch.id, preset={"direction": "income", "category": "allocation"}),
            branch.name))
    return out
