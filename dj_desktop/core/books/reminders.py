"""The open reminders engine: the organisation facts every provider may use, loaded for many
branches at once, and the context a book's reminder provider receives.

A provider (``RecordBook.reminders``) takes a :class:`ReminderContext` and the
:class:`BranchFacts` of the branches asked about, reads its own records for all of them
with a few grouped queries, and returns :class:`Reminder` values, or :class:`ReminderBatch` values
(many reminders of one kind, due day and status: ``core/rules/reminder_batch.py``). The engine
(``services/reminders.py``) calls every registered book's provider, expands the batches and sorts the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from sqlalchemy.orm import Session

from dj_desktop.core.books.branch_facts import branch_units, chunks, facts_of, load_branches
from dj_desktop.core.rules.cadence import BranchFacts, Reminder, sort_reminders
from dj_desktop.core.rules.cadence_settings import CadenceSettings
from dj_desktop.core.rules.reminder_batch import ReminderBatch, expand

__all__ = ["BranchFacts", "ReminderContext", "branch_units", "chunks", "facts_of", "load_branches", "per_branch"]


@dataclass(frozen=True)
class ReminderContext:
    session: Session
    #: The day the reminders are for, and the first day a provider needs records from.
    on: date
    since: date
    settings: CadenceSettings


def per_branch(rule, ctx: ReminderContext, branches: Iterable[BranchFacts]) -> list[Reminder | ReminderBatch]:
    """Runs a pure rule ``(branch, on, settings) -> reminders or batches`` over each branch."""
    out: list[Reminder | ReminderBatch] = []
    for branch in branches:
        out += rule(branch, ctx.on, ctx.settings)
    return out


def run_providers(ctx: ReminderContext, branches: list[BranchFacts], providers, *,
                  ordered: bool = True, batched: bool = False) -> list[Reminder] | list[Reminder | ReminderBatch]:
    """Every provider's reminders over ``branches``; ``batched`` keeps the batches (for counting, in
    provider order: ``ordered`` does not apply), else they are expanded."""
    out: list[Reminder | ReminderBatch] = []
    for provider in providers:
        out += provider(ctx, branches)
    if batched:
        return out
    out = expand(out)
    return sort_reminders(out) if ordered else out
