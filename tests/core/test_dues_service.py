"""Dues bases and payments over a real database: the probationary start month, refusals of months
already paid, back-payment beyond six months and amounts off the rate, arrears clearing, the flag."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dj_desktop.core.errors import ValidationError
from dj_desktop.core.rules.dues import parse_months
from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)


@pytest.fixture
def world(db):
    return build_world(db)


def _line(services, world, name, month):
    (line,) = [l for l in services.dues.roll(month, branch_id=world.branch) if l.member_id == world.members[name]]
    return line


def test_a_probationary_member_owes_from_the_month_received_and_arrears_clear(services, world):
    wu = world.members["吴预备"]          # received 2025-12-01
    services.dues.set_base(wu, kind="employed", income="3000.00", from_month=date(2025, 12, 1), today=TODAY)
    line = _line(services, world, "吴预备", date(2026, 2, 1))
    assert (line.kind, line.base, line.rate, line.due) == ("employed", Decimal("3000.00"), Decimal("0.005"),
                                                           Decimal("15.00"))
    assert (line.arrears_months, line.paid) == (3, Decimal("0.00"))
    with pytest.raises(ValidationError, match="2025-12"):
        services.dues.pay(wu, months=parse_months("2025-11..2025-12"), amount="30.00", paid_on=date(2026, 2, 5),
                          today=TODAY)
    paid = services.dues.pay(wu, months=parse_months("2025-12..2026-02"), amount="45", paid_on=date(2026, 2, 5),
                             receipt_no="0001", today=TODAY)
    assert (paid.amount, paid.expected, paid.flags) == (Decimal("45.00"), Decimal("45.00"), ())
    line = _line(services, world, "吴预备", date(2026, 2, 1))
    assert (line.arrears_months, line.paid) == (0, Decimal("15.00"))
    with pytest.raises(ValidationError, match="2026-02"):
        services.dues.pay(wu, months=parse_months("2026-02..2026-03"), amount="30.00", paid_on=date(2026, 3, 5),
                          today=TODAY)


def test_a_pay_rise_applies_from_its_month(services, world):
    wu = world.members["吴预备"]
    services.dues.set_base(wu, kind="employed", income="3000.00", from_month=date(2025, 12, 1), today=TODAY)
    services.dues.set_base(wu, kind="employed", income="3000.01", from_month=date(2026, 2, 1), today=TODAY)
    paid = services.dues.pay(wu, months=parse_months("2026-01..2026-02"), amount="45.00",
                             paid_on=date(2026, 2, 5), today=TODAY)
    assert paid.expected == Decimal("45.00")     # 15.00 + 30.00


def test_amount_off_the_rate_and_back_payment_need_a_reason_then_are_flagged(services, world):
    wu = world.members["吴预备"]
    services.dues.set_base(wu, kind="retired", income="5000.01", from_month=date(2025, 12, 1), today=TODAY)
    with pytest.raises(ValidationError, match="50.00"):
        services.dues.pay(wu, months=[date(2026, 1, 1)], amount="40.00", paid_on=date(2026, 1, 5), today=TODAY)
    off = services.dues.pay(wu, months=[date(2026, 1, 1)], amount="40.00", paid_on=date(2026, 1, 5),
                            reason="本人申请按原标准", today=TODAY)
    assert off.flags == ("amount",)
    # Paid in 2026-06: 2025-12 is 6 months back (allowed); paid in 2026-07 it is 7 (refused without reason).
    assert services.dues.pay(wu, months=[date(2025, 12, 1)], amount="50.00", paid_on=date(2026, 6, 30),
                             today=TODAY).flags == ()
    with pytest.raises(ValidationError, match="6"):
        services.dues.pay(wu, months=[date(2026, 2, 1)], amount="50.00", paid_on=date(2026, 9, 1), today=TODAY)
    late = services.dues.pay(wu, months=[date(2026, 2, 1)], amount="50.00", paid_on=date(2026, 9, 1),
                             reason="外出务工返回", today=TODAY)
    assert late.flags == ("back_payment",)


def test_six_unpaid_months_raise_the_flag(services, world):
    wu = world.members["吴预备"]
    services.dues.set_base(wu, kind="student", income=None, from_month=date(2025, 12, 1), today=TODAY)
    assert not _line(services, world, "吴预备", date(2026, 4, 1)).flagged      # 5 months
    six = _line(services, world, "吴预备", date(2026, 5, 1))
    assert (six.flagged, six.arrears_months, six.due) == (True, 6, Decimal("0.20"))
    services.dues.pay(wu, months=parse_months("2025-12..2026-05"), amount="1.20", paid_on=date(2026, 5, 20),
                      today=TODAY)
    assert not _line(services, world, "吴预备", date(2026, 5, 1)).flagged


def test_bad_bases_are_refused_with_messages(services, world):
    wu = world.members["吴预备"]
    for kind, income, fixed, field in [("employed", "-1", None, "income"), ("employed", "99999999", None, "income"),
                                       ("employed", "abc", None, "income"), ("farmer", None, "1.01", "fixed_amount"),
                                       ("pensioner", "100", None, "kind")]:
        with pytest.raises(ValidationError) as caught:
            services.dues.set_base(wu, kind=kind, income=income, fixed=fixed, from_month=date(2026, 1, 1), today=TODAY)
        assert field in caught.value.problems
    services.dues.set_base(wu, kind="farmer", income=None, fixed="0.50", from_month=date(2026, 1, 1), today=TODAY)
    assert _line(services, world, "吴预备", date(2026, 1, 1)).due == Decimal("0.50")


def test_totals_and_voluntary_payments(services, world):
    wu = world.members["吴预备"]
    services.dues.set_base(wu, kind="employed", income="6000", from_month=date(2025, 12, 1), today=TODAY)
    services.dues.pay(wu, months=[date(2026, 1, 1)], amount="90.00", paid_on=date(2026, 1, 5), today=TODAY)
    services.dues.pay(wu, months=[date(2026, 1, 1)], amount="1000.00", paid_on=date(2026, 1, 6), voluntary=True,
                      today=TODAY)
    totals = services.dues.totals(2026, branch_id=world.branch)
    assert (totals["2026-01"], totals["2026-02"], totals["year"]) == (Decimal("1090.00"), Decimal("0.00"),
                                                                      Decimal("1090.00"))
    assert _line(services, world, "吴预备", date(2026, 1, 1)).paid == Decimal("90.00")


def test_reminders_unpaid_this_month_arrears_approaching_six_months_and_the_half_year_list(services, world):
    wu = world.members["吴预备"]                       # owes from 2025-12
    services.dues.set_base(wu, kind="student", income=None, from_month=date(2025, 12, 1), today=TODAY)

    def dues_reminders(on):
        return {(r.kind, r.status) for r in services.reminders.reminders(on) if r.kind.startswith("dues")}

    assert dues_reminders(date(2026, 2, 10)) == {("dues_unpaid", "due"), ("dues_publication", "overdue")}
    assert ("dues_arrears", "due") in dues_reminders(date(2026, 3, 10))       # 4 months: approaching
    assert ("dues_arrears", "overdue") in dues_reminders(date(2026, 5, 10))   # 6 months: flagged
    services.dues.pay(wu, months=parse_months("2025-12..2026-05"), amount="1.20", paid_on=date(2026, 5, 20),
                      today=TODAY)
    n = services.notices.propose_dues_list(branch_id=world.branch, year=2025, half=2, by="李组织",
                                           on=date(2026, 5, 20), today=TODAY)
    assert n.source == "dues:2025H2"
    assert dues_reminders(date(2026, 5, 21)) == set()
