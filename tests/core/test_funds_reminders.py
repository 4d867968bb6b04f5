"""Reminder "经费未达标准": the year's allocations and dues kept back against the standard (rule set
``funds``: a branch 150 yuan a month) for the months gone by; in January, the whole last year."""

from __future__ import annotations

from datetime import date

from tests.core.manual_world import build_world

TODAY = date(2027, 2, 1)


def _add(services, world, day, amount, category="allocation", direction="income"):
    services.funds.add(branch_id=world.branch, entry_on=day, direction=direction, category=category, amount=amount,
                       today=TODAY)


def _below(services, on):
    return [(r.status, r.due, r.subject) for r in services.reminders.reminders(on) if r.kind == "funds_below_standard"]


def test_funding_behind_the_standard_at_its_boundaries(db, services):
    world = build_world(db)
    on = date(2026, 7, 1)                         # six months gone by: 150 × 6 = 900.00 needed
    _add(services, world, date(2026, 6, 30), "899.99")
    _add(services, world, date(2026, 7, 1), "500.00")                         # not in the months gone by
    _add(services, world, date(2026, 6, 1), "300.00", category="other_income")      # not a counted category
    _add(services, world, date(2026, 6, 2), "100.00", category="activities", direction="spending")
    assert _below(services, on) == [("due", date(2026, 12, 31), "2026年：已到位899.99元，应达900.00元")]
    _add(services, world, date(2026, 3, 1), "0.01", category="dues_kept")
    assert _below(services, on) == []                                          # exactly the standard: fine
    assert _below(services, date(2026, 6, 30)) == [                 # five months gone by: June not counted yet
        ("due", date(2026, 12, 31), "2026年：已到位0.01元，应达750.00元")]
    # January looks back at the whole of 2026: 1,400.00 counted of 1,800.00.
    assert _below(services, date(2027, 1, 15)) == [("overdue", date(2026, 12, 31),
                                                    "2026年：已到位1400.00元，应达1800.00元")]
    _add(services, world, date(2026, 12, 31), "400.00")
    assert _below(services, date(2027, 1, 31)) == []


def test_a_ledger_started_during_the_year_is_not_judged(db, services):
    build_world(db, records_start=date(2026, 3, 1))
    assert _below(services, date(2026, 7, 1)) == []
    assert _below(services, date(2027, 2, 1)) != []
