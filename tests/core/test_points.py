"""The practice archive, pledges and points ledger over a real database: automatic points from attendance,
practice and pledges kept with no double counting, caps, ties, exempt members, a scheme changed mid-year,
study hours from meetings plus practice, and the refusals of bad input at their boundaries."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dj_desktop.core.errors import ValidationError
from dj_desktop.core.models import Attendance, Meeting, Member
from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)
MARCH = date(2026, 3, 1)


@pytest.fixture
def world(db):
    return build_world(db)


def meeting(db, world, kind, held_on, present, hours=0.0):
    with db.sessions.begin() as s:
        m = Meeting(branch_id=world.branch, kind=kind, held_on=held_on, study_hours=hours)
        s.add(m)
        s.flush()
        for name, member_id in world.members.items():
            s.add(Attendance(meeting_id=m.id, member_id=member_id, present=name in present))
        return m.id


def activity(services, world, name, done_on, kind="volunteer", study=0.0):
    return services.records.create("practice", {"branch_id": world.branch, "member_id": world.members[name],
                                                "done_on": done_on, "kind": kind, "title": "社区清扫",
                                                "study_hours": study}, today=TODAY)


def rows(services, world, month=MARCH):
    return {r.name: r for r in services.points.month(world.branch, month).rows}


def test_attendance_practice_and_pledges_score_automatically_capped_and_never_twice(services, world, db):
    for day in (3, 10, 17, 24, 31):       # five general meetings: 5 × 3 = 15, capped at 12
        meeting(db, world, "general_meeting", date(2026, 3, day), {"王书记", "钱一"})
    themed = meeting(db, world, "themed_day", date(2026, 3, 5), {"钱一", "孙二"})
    activity(services, world, "孙二", date(2026, 3, 8))
    r = rows(services, world)
    assert (r["王书记"].automatic, r["钱一"].automatic, r["孙二"].automatic, r["周三"].automatic) == (12, 14, 4, 0)
    assert (r["钱一"].total, r["钱一"].rank, r["王书记"].rank, r["孙二"].rank) == (74, 1, 2, 3)
    # A manual entry for a record that already scores automatically is refused …
    with pytest.raises(ValidationError, match="重复计算"):
        services.records.create("points", {"branch_id": world.branch, "member_id": world.members["孙二"],
                                           "month": MARCH, "item": "themed_day", "points": 2, "reason": "主题党日",
                                           "record_id": themed}, today=TODAY)
    # … but one for a record the member was absent from stands, and that record is not scored twice.
    services.records.create("points", {"branch_id": world.branch, "member_id": world.members["周三"], "month": MARCH,
                                       "item": "other", "points": 5, "reason": "补记：会前请假后参加", "record_id": themed},
                            today=TODAY)
    r = rows(services, world)
    assert (r["周三"].automatic, r["周三"].manual, r["周三"].total) == (0, 5, 65)
    assert r["孙二"].total == 64 and r["周三"].rank == 3 and r["孙二"].rank == 4


def test_ties_share_a_rank_and_exempt_members_are_not_ranked(services, world, db):
    with db.sessions.begin() as s:
        s.get(Member, world.members["周三"]).birth_date = date(1946, 3, 1)   # 80 on 2026-03-01: exempt
        s.get(Member, world.members["孙二"]).birth_date = date(1946, 3, 2)   # 80 the day after: not exempt
    meeting(db, world, "general_meeting", date(2026, 3, 3), {"王书记", "钱一", "周三"})
    r = rows(services, world)
    assert (r["王书记"].rank, r["钱一"].rank, r["孙二"].rank) == (1, 1, 3)
    assert (r["周三"].exempt, r["周三"].rank, r["周三"].total, r["孙二"].exempt) == (True, None, 0, False)


def test_a_scheme_changed_mid_year_leaves_confirmed_months_unchanged(services, world, db):
    meeting(db, world, "general_meeting", date(2026, 3, 3), {"钱一"})
    assert services.points.confirm(world.branch, MARCH, today=TODAY) == "points@2026"
    data = json.loads(open("resources/rulesets/points/2026.json", encoding="utf-8").read())
    data.update(version="2026-07", effective_from="2026-07-01")
    data["content"]["base"] = 50
    data["content"]["bonus"]["meeting"]["points"] = 4
    services.rulesets.add(data)
    meeting(db, world, "general_meeting", date(2026, 7, 3), {"钱一"})
    july = services.points.month(world.branch, date(2026, 7, 1))
    assert july.rules_version == "points@2026-07" and rows(services, world, date(2026, 7, 1))["钱一"].total == 54
    march = services.points.month(world.branch, MARCH)
    assert march.rules_version == "points@2026" and rows(services, world)["钱一"].total == 63
    assert "积分制" in march.source


def test_study_hours_count_meetings_and_practice_against_the_target(services, world, db):
    meeting(db, world, "party_lesson", date(2026, 4, 2), {"钱一", "王书记"}, hours=20)
    activity(services, world, "钱一", date(2026, 5, 2), kind="study", study=12)
    lines = {l.name: l for l in services.points.study(world.branch, date(2026, 1, 1), date(2026, 12, 31))}
    assert (lines["钱一"].meeting_hours, lines["钱一"].practice_hours, lines["钱一"].total) == (20, 12, 32)
    assert (lines["钱一"].target, lines["王书记"].target, lines["王书记"].total) == (32, 56, 20)


def _entry(services, world, name="钱一", **values):
    base = {"branch_id": world.branch, "member_id": world.members[name], "month": MARCH, "item": "misconduct",
            "points": 10, "reason": "迟到早退"}
    return services.records.create("points", {**base, **values}, today=TODAY)


def test_bad_points_entries_are_refused_with_a_clear_message(services, world):
    _entry(services, world, points=20)                                  # the cap itself is allowed
    with pytest.raises(ValidationError, match="超过了积分方案对“违纪或造成不良影响”规定的上限20分"):
        _entry(services, world, points=20.5)
    with pytest.raises(ValidationError, match="2026"):
        _entry(services, world, name="陈转入")                           # arrived 2026-05-01
    _entry(services, world, name="陈转入", month=date(2026, 5, 1))
    _entry(services, world, name="冯转出")                              # left 2026-03-01: in branch that day
    with pytest.raises(ValidationError):
        _entry(services, world, name="冯转出", month=date(2026, 4, 1))
    with pytest.raises(ValidationError):
        _entry(services, world, month=date(2026, 12, 1))
    assert len(services.records.list("points")) == 3


def test_bad_practice_and_pledges_are_refused(services, world):
    with pytest.raises(ValidationError, match="在今天之后"):
        activity(services, world, "钱一", date(2026, 11, 29))
    activity(services, world, "钱一", TODAY)
    with pytest.raises(ValidationError):
        activity(services, world, "陈转入", date(2026, 4, 30))           # arrived the day after
    activity(services, world, "陈转入", date(2026, 5, 1))
    pledge = {"branch_id": world.branch, "member_id": world.members["钱一"], "year": 2026,
              "items": "每月参加一次志愿服务", "published_on": date(2026, 3, 1)}
    with pytest.raises(ValidationError):
        services.records.create("pledges", {**pledge, "mid_review_on": date(2026, 2, 28), "mid_status": "kept"},
                                today=TODAY)
    made = services.records.create("pledges", {**pledge, "mid_review_on": date(2026, 3, 1), "mid_status": "kept"},
                                   today=TODAY)
    services.records.update("pledges", made.id, {"end_review_on": date(2026, 11, 20), "end_status": "kept"})
    assert rows(services, world, date(2026, 11, 1))["钱一"].automatic == 2 + 5
    assert len(services.records.list("practice")) == 2
