"""The notice board procedure 提出 → 保密审查 → 审批 → 实施, each step with who and when, in order;
no posting without approval; the half-year dues list and the funds statement from the records."""

from __future__ import annotations

from datetime import date

import pytest

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.rules.dues import parse_months
from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)


@pytest.fixture
def world(db):
    return build_world(db)


def test_the_procedure_runs_in_order_with_who_and_when(services, world):
    n = services.notices.propose(branch_id=world.branch, kind="decision", title="关于开展志愿服务的决定",
                                 body="全体党员参加。", by="李组织", on=date(2026, 3, 1), today=TODAY)
    assert n.stage == "proposed"
    with pytest.raises(UserError, match="未经审批"):        # posted without approval: refused
        services.notices.advance(n.id, "posted", by="王书记", on=date(2026, 3, 2), post_until=date(2026, 3, 9),
                                 today=TODAY)
    with pytest.raises(UserError, match="顺序"):
        services.notices.advance(n.id, "approved", by="王书记", on=date(2026, 3, 2), today=TODAY)
    with pytest.raises(ValidationError):             # before the proposal
        services.notices.advance(n.id, "reviewed", by="赵宣传", on=date(2026, 2, 28), today=TODAY)
    services.notices.advance(n.id, "reviewed", by="赵宣传", on=date(2026, 3, 1), today=TODAY)
    services.notices.advance(n.id, "approved", by="王书记", on=date(2026, 3, 2), today=TODAY)
    with pytest.raises(ValidationError):             # the posting period ends before it starts
        services.notices.advance(n.id, "posted", by="王书记", on=date(2026, 3, 3), post_until=date(2026, 3, 2),
                                 today=TODAY)
    posted = services.notices.advance(n.id, "posted", by="王书记", on=date(2026, 3, 3), post_until=date(2026, 3, 10),
                                      today=TODAY)
    assert posted.stage == "posted" and posted.steps["reviewed"] == ("赵宣传", date(2026, 3, 1))
    assert not posted.posting_ended(date(2026, 3, 10)) and posted.posting_ended(date(2026, 3, 11))
    with pytest.raises(UserError):
        services.notices.advance(n.id, "posted", by="王书记", on=date(2026, 3, 4), post_until=date(2026, 3, 10),
                                 today=TODAY)
    history = services.records.history("notices", n.id)
    assert len(history) >= 4


def test_the_half_year_dues_list_and_funds_statement_come_from_the_records(services, world):
    wu = world.members["吴预备"]
    services.dues.set_base(wu, kind="employed", income="4000", from_month=date(2025, 12, 1), today=TODAY)
    services.dues.pay(wu, months=parse_months("2026-01..2026-04"), amount="160.00", paid_on=date(2026, 4, 2),
                      today=TODAY)
    dues_notice = services.notices.propose_dues_list(branch_id=world.branch, year=2026, half=1, by="李组织",
                                                     on=date(2026, 7, 2), today=TODAY)
    assert dues_notice.kind == "dues" and dues_notice.source == "dues:2026H1"
    assert "吴预备" in dues_notice.body and "160.00" in dues_notice.body and "2026-05" in dues_notice.body
    services.funds.add(branch_id=world.branch, entry_on=date(2026, 1, 5), direction="income", category="allocation",
                       amount="1800", today=TODAY)
    funds_notice = services.notices.propose_funds_statement(branch_id=world.branch, year=2026, by="李组织",
                                                            on=date(2026, 11, 1), today=TODAY)
    assert funds_notice.kind == "funds" and "1800.00" in funds_notice.body
    assert [n.id for n in services.notices.list(branch_id=world.branch)] == [funds_notice.id, dues_notice.id]
