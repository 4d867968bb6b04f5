"""Reminders of the appraisal and care archives at their boundaries: the rule set's month, the day before,
on and after 七一 and 春节 (2027-02-06 from the data table), and a visit settling it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dj_desktop.core.rules.spring_festival import spring_festival
from tests.core.manual_world import build_world


@pytest.fixture
def world(db):
    return build_world(db)


def kinds(services, on, kind):
    return [r for r in services.reminders.reminders(on) if r.kind == kind]


def test_appraisal_missing_from_the_rule_sets_month_until_recorded(services, world):
    assert not kinds(services, date(2026, 11, 30), "appraisal_missing")
    (missing,) = kinds(services, date(2026, 12, 1), "appraisal_missing")
    assert missing.target.book == "appraisals" and missing.target.preset == {"year": 2026}
    services.records.create("appraisals", {"branch_id": world.branch, "member_id": world.members["钱一"],
                                           "year": 2026, "appraised_on": date(2026, 12, 1), "grade": "qualified"},
                            today=date(2026, 12, 1))
    assert not kinds(services, date(2026, 12, 1), "appraisal_missing")


def test_ledger_members_are_reminded_before_july_first_and_spring_festival(services, world):
    services.records.create("care_members", {"branch_id": world.branch, "member_id": world.members["孙二"],
                                             "category": "hardship", "situation": "因病致贫",
                                             "listed_on": date(2026, 1, 5)}, today=date(2026, 1, 5))
    window = services.reminders.settings(date(2026, 6, 1)).due_soon_days
    july = date(2026, 7, 1)
    assert not kinds(services, date.fromordinal(july.toordinal() - window - 1), "care_visit_due")
    assert [r.status for r in kinds(services, date(2026, 6, 30), "care_visit_due")] == ["due"]
    assert [r.status for r in kinds(services, july, "care_visit_due")] == ["due"]
    (late,) = kinds(services, date(2026, 7, 2), "care_visit_due")
    assert late.status == "overdue" and late.target.preset["occasion"] == "july_first"
    assert not kinds(services, date(2026, 7, 17), "care_visit_due")
    services.records.create("care_visits", {"branch_id": world.branch, "member_id": world.members["孙二"],
                                            "visited_on": july, "visitors": "王书记", "occasion": "july_first",
                                            "amount": Decimal("200")}, today=july)
    assert not kinds(services, date(2026, 7, 2), "care_visit_due")
    # 春节 2027 falls on 6 February (data table): the day before and on it due, the day after overdue.
    assert spring_festival(2027) == date(2027, 2, 6)
    statuses = [[r.status for r in kinds(services, date(2027, 2, d), "care_visit_due")] for d in (5, 6, 7)]
    assert statuses == [["due"], ["due"], ["overdue"]]
