"""Reminder status is consistent on the demo branch for every day of a year: a reminder whose due
date has passed is overdue, never "due soon"; one not yet due is never overdue."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def demo_services(tmp_path_factory, demo_copy):
    db = open_database(demo_copy(tmp_path_factory.mktemp("status") / "demo.db", today=TODAY), create=False)
    yield build_services(db)
    db.dispose()


def test_overdue_exactly_when_the_due_date_has_passed_every_day_of_a_year(demo_services):
    wrong, seen = [], set()
    for offset in range(365):
        on = TODAY - timedelta(days=offset)
        for r in demo_services.reminders.reminders(on):
            seen.add((r.kind, r.status))
            if (r.status == "overdue") != (r.due < on):
                wrong.append((on, r.kind, r.subject, r.due, r.status))
    assert wrong == []
    assert {("political_birthday", "due"), ("committee_meeting", "overdue")} <= seen
