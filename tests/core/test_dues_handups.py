"""Dues handed up to the upper level (上缴): payments marked with the day, the year's collected /
handed up / held, refusals (future day, nothing left, paid after the day); a voluntary one-off
payment of 1000.00 yuan or more flagged for the Centre (第十一条, "以上" includes 1000)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.rules.dues import parse_months
from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)


def test_hand_up_marks_payments_and_the_year_adds_up(db, services):
    world = build_world(db)
    wang = world.members["王书记"]
    services.dues.set_base(wang, kind="employed", income="4000.00", from_month=date(2026, 1, 1), today=TODAY)
    services.dues.pay(wang, months=parse_months("2026-01..2026-02"), amount="80.00", paid_on=date(2026, 2, 5),
                      today=TODAY)
    services.dues.pay(wang, months=parse_months("2026-03"), amount="40.00", paid_on=date(2026, 4, 3), today=TODAY)
    handups = services.dues_handups
    with pytest.raises(ValidationError):
        handups.hand_up(world.branch, through_month=date(2026, 2, 1), on=TODAY.replace(day=29), today=TODAY)
    with pytest.raises(ValidationError, match="2026年4月1日"):       # the March payment came on 4-3
        handups.hand_up(world.branch, through_month=date(2026, 4, 1), on=date(2026, 4, 1), today=TODAY)
    done = handups.hand_up(world.branch, through_month=date(2026, 3, 1), on=date(2026, 3, 31), today=TODAY)
    assert (done.payments, done.amount) == (1, Decimal("80.00"))      # paid by the end of March: the first
    with pytest.raises(UserError, match="2026-03"):
        handups.hand_up(world.branch, through_month=date(2026, 3, 1), on=date(2026, 4, 1), today=TODAY)
    summary = handups.summary(2026, branch_id=world.branch)
    assert (summary.collected, summary.handed_up, summary.held) == (Decimal("120.00"), Decimal("80.00"),
                                                                    Decimal("40.00"))
    assert summary.handed_up_on == (date(2026, 3, 31),)
    payments = services.records.list("dues_payments", branch_id=world.branch)
    assert sorted(str(p.values["handed_up_on"]) for p in payments) == ["2026-03-31", "None"]


def test_a_voluntary_one_off_payment_of_1000_goes_to_the_centre(db, services):
    world = build_world(db)
    li = world.members["李组织"]
    below = services.dues.pay(li, months=parse_months("2026-05"), amount="999.99", paid_on=date(2026, 5, 2),
                              voluntary=True, today=TODAY)
    at = services.dues.pay(li, months=parse_months("2026-06"), amount="1000.00", paid_on=date(2026, 6, 2),
                           voluntary=True, today=TODAY)
    assert below.flags == () and at.flags == ("to_centre",)
    assert services.dues_handups.summary(2026, branch_id=world.branch).to_centre == Decimal("1000.00")
    assert services.dues.base_fields(TODAY) == {"employed": "income", "annual_salary": "income",
                                                "self_employed": "income", "retired": "income", "farmer": "fixed",
                                                "student": "", "unemployed": "", "allowance": ""}
