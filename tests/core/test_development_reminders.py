"""Reminders of the development book at their boundaries: due within the window, overdue the day
after the latest date, the probation ending, and a missing calendar for the coming year."""

from __future__ import annotations

from datetime import date

import pytest

from dj_desktop.core.i18n import set_language
from tests.core.development_world import add_person, make_branch, walk


@pytest.fixture
def world(services):
    set_language("zh_CN")
    branch, meeting = make_branch(services)
    yield services, branch, meeting
    set_language("en")


def _kinds(services, on, branch):
    return {(r.kind, r.status) for r in services.reminders.reminders(on, branch_id=branch)
            if r.kind.startswith("development_")}


def test_talk_due_then_overdue_and_the_opener_target(world):
    services, branch, meeting = world
    person = add_person(services, branch, applied=date(2026, 1, 31))
    assert ("development_talk", "due") in _kinds(services, date(2026, 2, 28), branch)
    assert ("development_talk", "overdue") in _kinds(services, date(2026, 3, 1), branch)
    found = next(r for r in services.reminders.reminders(date(2026, 3, 1), branch_id=branch)
                 if r.kind == "development_talk")
    assert found.target.book == "development" and found.target.record_id == person
    assert found.branch_name                                    # the dashboard's branch column is filled
    assert "2026年2月28日" in found.message and "第七条" in found.message


def test_oath_and_probation_ending(world):
    services, branch, meeting = world
    person = add_person(services, branch)
    walk(services, person, meeting, up_to=19)                     # approved 2024-05-06
    assert ("development_oath", "due") in _kinds(services, date(2024, 6, 6), branch)
    assert ("development_oath", "overdue") in _kinds(services, date(2024, 6, 7), branch)
    walk_rest = [n for n in range(20, 23)]
    from tests.core.development_world import TODAY, step_input
    for no in walk_rest:
        services.development.record_step(person, no, step_input(services, person, no)["given"], today=TODAY)
    # The probation ends 2025-04-01: said from 31 days before, not 32.
    assert not any(k == "development_probation" for k, _s in _kinds(services, date(2025, 2, 28), branch))
    assert ("development_probation", "due") in _kinds(services, date(2025, 3, 1), branch)
    assert ("development_probation", "due") in _kinds(services, date(2025, 4, 1), branch)       # on the day
    assert ("development_probation", "overdue") in _kinds(services, date(2025, 4, 2), branch)   # not recorded yet


def test_missing_calendar_for_the_coming_year(world):
    services, branch, meeting = world
    add_person(services, branch, applied=date(2026, 10, 9))
    assert "development_calendar" not in {k for k, _s in _kinds(services, date(2026, 11, 30), branch)}
    assert ("development_calendar", "due") in _kinds(services, date(2026, 12, 1), branch)
    services.development.calendar.add(branch, "holiday", date(2027, 1, 1))
    assert "development_calendar" not in {k for k, _s in _kinds(services, date(2026, 12, 1), branch)}
