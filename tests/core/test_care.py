"""The care archive over a real database: the ledger, visits with Decimal amounts, aid, and refusals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import set_language
from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)


@pytest.fixture
def world(db):
    set_language("zh_CN")
    return build_world(db)


def visit(services, world, **extra):
    values = {"branch_id": world.branch, "member_id": world.members["钱一"], "visited_on": date(2026, 6, 30),
              "visitors": "王书记、李组织", "occasion": "july_first", "given": "米、油", "amount": Decimal("300.50"),
              **extra}
    return services.records.create("care_visits", values, today=TODAY)


def test_ledger_visits_and_aid_are_kept(services, world):
    services.records.create("care_members", {"branch_id": world.branch, "member_id": world.members["钱一"],
                                             "category": "elderly", "situation": "82岁，独居，行动不便",
                                             "listed_on": date(2026, 1, 5)}, today=TODAY)
    visit(services, world)
    visit(services, world, visited_on=TODAY, occasion="illness", amount="200")
    services.records.create("care_aid", {"branch_id": world.branch, "member_id": world.members["钱一"],
                                         "received_on": date(2026, 2, 1), "source": "县委组织部党内关怀资金",
                                         "given": "慰问金", "amount": Decimal("1000")}, today=TODAY)
    visits = services.records.list("care_visits", year=2026)
    assert sorted(v.values["amount"] for v in visits) == [Decimal("200.00"), Decimal("300.50")]
    assert [v.values["situation"] for v in services.records.list("care_members")] == ["82岁，独居，行动不便"]


@pytest.mark.parametrize("extra, field", [
    ({"visited_on": date(2026, 11, 29)}, "visited_on"), ({"occasion": "birthday"}, "occasion"),
    ({"visitors": " "}, "visitors"), ({"amount": "-1"}, "amount"), ({"amount": "12.345"}, "amount"),
    ({"amount": "abc"}, "amount"), ({"amount": "NaN"}, "amount"), ({"member_id": None}, "member_id"),
    ({"member_id": "冯转出", "visited_on": date(2026, 3, 2)}, "member_id"),
])
def test_bad_visits_are_refused(services, world, extra, field):
    if extra.get("member_id") == "冯转出":
        extra = {**extra, "member_id": world.members["冯转出"]}
    with pytest.raises(ValidationError) as refused:
        visit(services, world, **extra)
    assert field in refused.value.problems
    assert not services.records.list("care_visits")


def test_a_member_who_left_can_be_visited_on_the_last_day(services, world):
    assert visit(services, world, member_id=world.members["冯转出"], visited_on=date(2026, 3, 1))


def aid(services, world, **extra):
    values = {"branch_id": world.branch, "member_id": world.members["孙二"], "received_on": date(2026, 3, 1),
              "source": "街道党工委", "given": "米面油", "amount": Decimal("0"), **extra}
    return services.records.create("care_aid", values, today=TODAY)


def test_aid_is_for_members_on_the_care_ledger_on_the_day(services, world):
    # 孙二 is on the ledger from 2026-03-01 to 2026-10-31 (both days included).
    services.records.create("care_members", {"branch_id": world.branch, "member_id": world.members["孙二"],
                                             "category": "hardship", "situation": "因病致贫",
                                             "listed_on": date(2026, 3, 1), "removed_on": date(2026, 10, 31)},
                            today=TODAY)
    for day in (date(2026, 2, 28), date(2026, 11, 1)):
        with pytest.raises(ValidationError, match="关爱台账") as refused:
            aid(services, world, received_on=day)
        assert list(refused.value.problems) == ["member_id"]
    assert aid(services, world).values["amount"] == Decimal("0.00")        # the listing day, amount 0 allowed
    assert aid(services, world, received_on=date(2026, 10, 31), amount="0.01").values["given"] == "米面油"
    assert [r.values["received_on"] for r in services.records.list("care_aid", year=2026)] == [
        date(2026, 3, 1), date(2026, 10, 31)]


@pytest.mark.parametrize("extra, field", [
    ({"received_on": date(2026, 11, 29)}, "received_on"), ({"amount": "-0.01"}, "amount"),
    ({"given": " "}, "given"), ({"source": ""}, "source"), ({"member_id": None}, "member_id"),
])
def test_bad_aid_is_refused(services, world, extra, field):
    services.records.create("care_members", {"branch_id": world.branch, "member_id": world.members["孙二"],
                                             "category": "hardship", "situation": "因病致贫",
                                             "listed_on": date(2026, 1, 1)}, today=TODAY)
    with pytest.raises(ValidationError) as refused:
        aid(services, world, **extra)
    assert field in refused.value.problems
    assert aid(services, world, received_on=TODAY)      # today itself is not in the future
