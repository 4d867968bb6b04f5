"""The funds ledger: running balance after edits and tombstones, the negative-balance warning,
refusals, and the yearly statement against seed 000's standard."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dj_desktop.core.errors import ValidationError
from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)


@pytest.fixture
def world(db):
    return build_world(db)


def _add(services, world, on, direction, category, amount, **kw):
    return services.funds.add(branch_id=world.branch, entry_on=on, direction=direction, category=category,
                              amount=amount, today=TODAY, **kw)


def test_balance_after_edits_and_tombstones(services, world):
    _add(services, world, date(2025, 12, 20), "income", "allocation", "1200.00")
    grant, _ = _add(services, world, date(2026, 1, 10), "income", "allocation", "1800.00", voucher_no="2026-01")
    spent, warnings = _add(services, world, date(2026, 2, 1), "spending", "activities", "350.50", payee="文具店")
    assert warnings == []
    assert [l.balance for l in services.funds.ledger(branch_id=world.branch)] == [
        Decimal("1200.00"), Decimal("3000.00"), Decimal("2649.50")]
    services.records.update("funds", spent, {"amount": Decimal("400.00")}, reason="按发票更正", today=TODAY)
    assert services.funds.balance(branch_id=world.branch) == Decimal("2600.00")
    services.records.tombstone("funds", grant, reason="重复录入")
    assert services.funds.balance(branch_id=world.branch) == Decimal("800.00")
    _, warnings = _add(services, world, date(2026, 3, 1), "spending", "care", "900.00")
    assert warnings and "-100.00" in warnings[0]
    statement = services.funds.statement(2026, branch_id=world.branch)
    assert (statement.opening, statement.income, statement.spending, statement.closing) == (
        Decimal("1200.00"), Decimal("0.00"), Decimal("1300.00"), Decimal("-100.00"))
    assert statement.standard == Decimal("1800.00") and statement.short     # a branch: 150 a month


def test_bad_entries_are_refused(services, world):
    for kw, field in [({"amount": "0"}, "amount"), ({"amount": "-5"}, "amount"), ({"amount": "1.234"}, "amount"),
                      ({"category": "activities"}, "category"), ({"on": date(2026, 12, 1)}, "entry_on")]:
        args = {"on": date(2026, 1, 1), "direction": "income", "category": "allocation", "amount": "10", **kw}
        with pytest.raises(ValidationError) as caught:
            _add(services, world, args.pop("on"), args.pop("direction"), args.pop("category"), args.pop("amount"))
        assert field in caught.value.problems, kw
    assert services.funds.ledger(branch_id=world.branch) == []


def test_the_standard_is_a_rule_set_with_its_source():
    from dj_desktop.core.rules.funds import standard_from
    from dj_desktop.core.rulesets.loader import shipped_versions
    (version,) = shipped_versions("funds")
    rule = standard_from(version.content, version.ref)
    assert "三有四化" in version.sources[0].document and "不是全国统一规定" in version.note
    assert rule.yearly("branch", 10) == Decimal("1800.00")           # 150 × 12 above 10 × 10
    assert rule.yearly("general_branch", 10) == Decimal("2400.00")
    assert rule.yearly("branch", 181) == Decimal("1810.00")          # 10 × 181 above 1800
