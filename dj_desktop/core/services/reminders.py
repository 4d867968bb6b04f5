"""ReminderService: the open reminders engine — every registered book's reminder provider over the
branches' facts, loaded for all branches at once in a few queries."""

from __future__ import annotations

import uuid
from collections import defaultdict
from itertools import groupby
from operator import attrgetter
from dataclasses import dataclass, replace
from typing import Iterator
from datetime import date, timedelta

from sqlalchemy.orm import Session

from dj_desktop.core.books import books
from dj_desktop.core.books.reminders import (
    BranchFacts, ReminderContext, branch_units, facts_of, load_branches, run_providers,
)
from dj_desktop.core.db import Database, set_setting, settings_with_prefix
from dj_desktop.core.gc_pause import collections_paused
from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Progress, step
from dj_desktop.core.rules.cadence import Reminder, ReminderTarget
from dj_desktop.core.rules.reminder_batch import branch_int
from dj_desktop.core.rules.cadence_settings import (
    LOCAL_PREFIX, CadenceSettings, content_of, local_values_of, settings_from,
)
from dj_desktop.core.rulesets import store as rule_store

__all__ = ["MonthCount", "Reminder", "ReminderService", "ReminderTarget"]


@dataclass(frozen=True)
class MonthCount:
    year: int
    month: int
    overdue: int
    due: int

    @property
    def total(self) -> int:
        return self.overdue + self.due


def _load_settings(s: Session, on: date | None = None) -> CadenceSettings:
    """The targets of rule set ``cadence`` in effect on ``on`` (default today; before the first
    version: the first version) with this installation's display knobs."""
    versions = rule_store.versions(s, "cadence")
    version = rule_store.version_on(s, "cadence", on or date.today()) or (versions[0] if versions else None)
    settings = settings_from(version.content if version else None, settings_with_prefix(s, LOCAL_PREFIX))
    from dj_desktop.core.books.terms import organisation_rules_on
    return replace(settings, committee_from_full_members=organisation_rules_on(s, on or date.today())[
        "committee_from_full_members"])


def _context(s: Session, on: date) -> ReminderContext:
    settings = _load_settings(s, on)
    # Facts from one year before the oldest period the rules may look at.
    since = date((on - timedelta(days=settings.overdue_lookback_days)).year - 1, 1, 1)
    return ReminderContext(session=s, on=on, since=since, settings=settings)


def _run(ctx: ReminderContext, branches: list[BranchFacts], ordered: bool = True,
         batched: bool = False) -> list[Reminder]:
    """Every registered book's provider over ``branches``. A branch with no members yet owes
    nothing: the dashboard shows its first steps instead."""
    providers = [b.reminders for b in books() if b.reminders is not None]
    return run_providers(ctx, [b for b in branches if b.members], providers, ordered=ordered, batched=batched)


_branch_key = attrgetter("target.branch_id.int")


class ReminderService:
    def __init__(self, db: Database):
        self._db = db

    def settings(self, on: date | None = None) -> CadenceSettings:
        """The settings in effect on ``on`` (default today)."""
        with self._db.sessions.begin() as s:
            return _load_settings(s, on)

    def save_settings(self, settings: CadenceSettings, *, effective_from: date | None = None) -> None:
        """Stores the display knobs as settings; changed rule targets become a new local version of
        rule set ``cadence`` in effect from ``effective_from`` (default today), so older ones stay on record."""
        on = effective_from or date.today()
        with self._db.sessions.begin() as s:
            for key, value in local_values_of(settings).items():
                set_setting(s, key, value)
            content = content_of(settings)
            current = rule_store.version_on(s, "cadence", on)
            if current is not None and content == content_of(settings_from(current.content, {})):
                return
            taken = {v.version for v in rule_store.versions(s, "cadence")}
            name = next(n for n in (f"local-{on.isoformat()}" + (f"-{i}" if i else "") for i in range(1000))
                        if n not in taken)
            rule_store.add(s, {
                "rule_set": "cadence", "version": name, "effective_from": on.isoformat(),
                "sources": [{"document": _("Changed on this computer"), "articles": []}],
                "note": _("Targets changed in the program's settings; the source of the change is not recorded."),
                "content": content}, origin="local")

    def reminders(self, on: date, *, branch_id: uuid.UUID | None = None) -> list[Reminder]:
        """What is overdue or due as of ``on``, for one branch or every branch in the database."""
        with self._db.sessions.begin() as s:
            return _run(_context(s, on), load_branches(s, branch_id))

    def reminders_by_branch(self, on: date, *, branch_ids: list[uuid.UUID] | None = None, chunk: int = 200,
                            progress: Progress | None = None,
                            ordered: bool = True,
                            batched: bool = False) -> Iterator[tuple[BranchFacts, list[Reminder]]]:
        """Every branch's reminders as of ``on``, one branch at a time, computed ``chunk`` branches per
        grouped run: the providers read their records for a whole chunk at once (a few queries per
        chunk, not per branch), and only one chunk's facts and reminders are held in memory. ``ordered=False``
        skips sorting each branch's list (counting needs no order); ``batched=True`` leaves the providers'
        ``ReminderBatch`` values unexpanded, in provider order (``reminder_batch.tally`` counts them).
        The cyclic garbage collector is paused until the generator finishes or is closed: iterate it through."""
        # Bulk allocations that hold no cycles: no collector passes until the last branch (core/gc_pause.py).
        with collections_paused(), self._db.sessions.begin() as s:
            ctx = _context(s, on)
            units = branch_units(s)  # an empty branch is listed with no reminders
            if branch_ids is not None:
                wanted = set(branch_ids)
                units = [u for u in units if u.id in wanted]
            for start in range(0, len(units), chunk):
                step(progress, start, len(units), "")
                part = facts_of(s, units[start:start + chunk])   # one chunk's facts at a time
                # keyed by the id's int (hashing a UUID is a Python call); a provider lists a branch's
                # reminders together, so runs of one branch are moved at once (420,000 at an office)
                found: dict[int, list[Reminder]] = {b.id.int: [] for b in part}
                for key, run in groupby(_run(ctx, part, ordered, batched), branch_int if batched else _branch_key):
                    found[key].extend(run)
                for branch in part:
                    yield branch, found[branch.id.int]
                del found
            step(progress, len(units), len(units), "")

    def counts_by_month(self, on: date, *, branch_id: uuid.UUID | None = None) -> list[MonthCount]:
        """How many reminders fall due in each month (by due date), oldest month first."""
        counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
        for r in self.reminders(on, branch_id=branch_id):
            counts[(r.due.year, r.due.month)][0 if r.status == "overdue" else 1] += 1
        return [MonthCount(year=y, month=m, overdue=c[0], due=c[1]) for (y, m), c in sorted(counts.items())]
