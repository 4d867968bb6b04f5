"""ReminderService: the open reminders engine — every registered book's reminder provider over the
branches' facts, loaded for all branches at once in a few queries."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from dj_desktop.core.books import books
from dj_desktop.core.books.reminders import ReminderContext, load_branches, run_providers
from dj_desktop.core.db import Database, set_setting, settings_with_prefix
from dj_desktop.core.rules.cadence import Reminder, ReminderTarget
from dj_desktop.core.rules.cadence_settings import (
    CADENCE_PREFIX, CadenceSettings, from_settings, to_settings,
)

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


def _load_settings(s: Session) -> CadenceSettings:
    values = settings_with_prefix(s, CADENCE_PREFIX)
    values.update(settings_with_prefix(s, "reminders."))
    return from_settings(values)


class ReminderService:
    def __init__(self, db: Database):
        self._db = db

    def settings(self) -> CadenceSettings:
        with self._db.sessions.begin() as s:
            return _load_settings(s)

    def save_settings(self, settings: CadenceSettings) -> None:
        """Stores every cadence and target, so later rule revisions are a settings change."""
        with self._db.sessions.begin() as s:
            for key, value in to_settings(settings).items():
                set_setting(s, key, value)

    def reminders(self, on: date, *, branch_id: uuid.UUID | None = None) -> list[Reminder]:
        """What is overdue or due as of ``on``, for one branch or every branch in the database."""
        with self._db.sessions.begin() as s:
            settings = _load_settings(s)
            # Facts from one year before the oldest period the rules may look at.
            since = date((on - timedelta(days=settings.overdue_lookback_days)).year - 1, 1, 1)
            ctx = ReminderContext(session=s, on=on, since=since, settings=settings)
            providers = [b.reminders for b in books() if b.reminders is not None]
            return run_providers(ctx, load_branches(s, branch_id), providers)

    def counts_by_month(self, on: date, *, branch_id: uuid.UUID | None = None) -> list[MonthCount]:
        """How many reminders fall due in each month (by due date), oldest month first."""
        counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
        for r in self.reminders(on, branch_id=branch_id):
            counts[(r.due.year, r.due.month)][0 if r.status == "overdue" else 1] += 1
        return [MonthCount(year=y, month=m, overdue=c[0], due=c[1]) for (y, m), c in sorted(counts.items())]
