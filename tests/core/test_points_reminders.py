"""The reminders of the practice, pledge and points books, each on the day before, on and after its date."""

from __future__ import annotations

from datetime import date

import pytest

from tests.core.manual_world import build_world
from tests.core.test_points import activity, meeting

TODAY = date(2026, 11, 28)


@pytest.fixture
def world(db):
    return build_world(db)


def kinds(services, on, kind):
    return {(r.subject, r.status) for r in services.reminders.reminders(on) if r.kind == kind}


def test_pledges_not_made_by_the_set_date_and_reviews_due(services, world):
    assert ("钱一", "due") in kinds(services, date(2026, 3, 31), "pledge_missing")
    assert ("钱一", "overdue") in kinds(services, date(2026, 4, 1), "pledge_missing")
    assert not kinds(services, date(2026, 2, 27), "pledge_missing")          # 32 days before: not yet
    assert ("钱一", "due") in kinds(services, date(2026, 2, 28), "pledge_missing")
    assert "陈转入" not in {s for s, _ in kinds(services, date(2026, 5, 2), "pledge_missing")}   # arrived after
    pledge = services.records.create("pledges", {"branch_id": world.branch, "member_id": world.members["钱一"],
                                                 "year": 2026, "items": "结对帮扶一户", "published_on": date(2026, 3, 1)},
                                     today=TODAY)
    assert "钱一" not in {s for s, _ in kinds(services, date(2026, 4, 1), "pledge_missing")}
    assert ("钱一", "due") in kinds(services, date(2026, 7, 31), "pledge_review")
    assert ("钱一", "overdue") in kinds(services, date(2026, 8, 1), "pledge_review")
    services.records.update("pledges", pledge.id, {"mid_review_on": date(2026, 7, 20), "mid_status": "partly"})
    assert not kinds(services, date(2026, 8, 1), "pledge_review")
    assert ("钱一", "due") in kinds(services, date(2026, 12, 1), "pledge_review")


def test_study_hours_below_the_quarters_share_of_the_target(services, world, db):
    meeting(db, world, "party_lesson", date(2026, 2, 10), {"钱一", "孙二", "王书记"}, hours=5)
    activity(services, world, "钱一", date(2026, 3, 31), kind="study", study=3)      # 8 = 32 / 4
    activity(services, world, "孙二", date(2026, 3, 31), kind="study", study=2.9)    # 7.9
    assert not kinds(services, date(2026, 3, 31), "study_quarter")
    after = {s for s, _ in kinds(services, date(2026, 4, 1), "study_quarter")}
    assert "孙二" in after and "钱一" not in after
    assert "王书记" in after                          # 5 of the secretary's 14 (56 / 4)
    activity(services, world, "孙二", date(2026, 4, 1), kind="study", study=0.1)     # after the quarter: no help
    assert "孙二" in {s for s, _ in kinds(services, date(2026, 4, 2), "study_quarter")}


def test_last_months_points_not_confirmed(services, world):
    assert ("红星社区党支部", "due") in kinds(services, date(2026, 4, 10), "points_unconfirmed")
    assert ("红星社区党支部", "overdue") in kinds(services, date(2026, 4, 11), "points_unconfirmed")
    services.points.confirm(world.branch, date(2026, 3, 1), today=date(2026, 4, 11))
    assert not kinds(services, date(2026, 4, 11), "points_unconfirmed")
