"""When a cadence period is worth a reminder (DESIGN §2): the look-back window, "overdue" / "due" / not
yet, and whether the branch existed for a period. Shared by ``cadence.py`` and ``member_cadence.py``."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable

from dj_desktop.core.rules.cadence_settings import CadenceSettings
from dj_desktop.core.rules.periods import last_month_start, periods_in

#: Roles that carry the higher study-hours target (secretaries and committee members).
LEADER_ROLES = frozenset({"secretary", "deputy_secretary", "organisation", "propaganda", "discipline",
                          "youth", "women", "committee_member"})


def window(on: date, settings: CadenceSettings) -> date:
    return on - timedelta(days=settings.overdue_lookback_days)


def status(due: date, on: date, settings: CadenceSettings) -> str | None:
    """"overdue" when past, "due" when within the due-soon window, None when not yet worth saying."""
    return status_in(due, on, window(on, settings), settings.due_soon_days)


def status_in(due: date, on: date, since: date, due_soon_days: int) -> str | None:
    if due < on:
        return "overdue" if due > since else None
    return "due" if (due - on).days <= due_soon_days else None


def existed(founded: date | None, period_end: date) -> bool:
    return founded is None or founded <= last_month_start(period_end)


def years(on: date, settings: CadenceSettings) -> Iterable[tuple[date, date]]:
    return periods_in(window(on, settings), on, "year")
