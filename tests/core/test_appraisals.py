"""The appraisal archive over a real database: probationary members appraised but not graded, the cap on
优秀 exactly at its limit and one over, the follow-up of 基本合格/不合格, and the refusals of bad input."""

from __future__ import annotations

from datetime import date

import pytest

from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import set_language
from dj_desktop.core.models import Meeting
from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)


@pytest.fixture
def world(db):
    set_language("zh_CN")
    return build_world(db)


def appraise(services, world, name, grade="qualified", **extra):
    values = {"branch_id": world.branch, "member_id": world.members[name], "year": 2026,
              "appraised_on": date(2026, 11, 20), "self_assessment": "认真学习，履行义务", "votes_excellent": 3,
              "votes_qualified": 5, "votes_basic": 0, "votes_unqualified": 0, "grade": grade, **extra}
    return services.records.create("appraisals", values, today=TODAY)


def cap(services, percent):
    services.rulesets.add({"rule_set": "appraisal", "version": f"local-{percent}", "effective_from": "2026-01-01",
                           "sources": [{"document": "上级党委民主评议党员实施办法", "articles": ["第五条"]}],
                           "note": "", "content": {"excellent_cap_percent": percent, "reminder_month": 12}})


def test_shipped_rule_set_says_where_the_cap_comes_from(services):
    version = services.rulesets.in_effect("appraisal", date(2026, 6, 1))
    assert version.content["excellent_cap_percent"] == 30 and "未能" in version.note


def test_excellent_is_capped_exactly_at_the_limit_and_refused_one_over(services, world):
    cap(services, 25)          # 8 full members on the roll on 2026-11-20: 25% is exactly 2
    appraise(services, world, "王书记", "excellent")
    appraise(services, world, "钱一", "excellent")
    with pytest.raises(ValidationError, match="优秀.*25%") as refused:
        appraise(services, world, "孙二", "excellent")
    assert "grade" in refused.value.problems
    third = appraise(services, world, "孙二", "qualified")
    # Editing one already 优秀 does not count it twice; changing a third to 优秀 is refused.
    services.records.update("appraisals", third.id, {"votes_excellent": 4}, today=TODAY)
    with pytest.raises(ValidationError):
        services.records.update("appraisals", third.id, {"grade": "excellent"}, today=TODAY)
    assert [r.values["grade"] for r in services.records.list("appraisals", year=2026)].count("excellent") == 2


def test_probationary_members_are_appraised_but_not_graded(services, world):
    with pytest.raises(ValidationError, match="预备党员"):
        appraise(services, world, "吴预备", "qualified")
    assert appraise(services, world, "吴预备", "").values["grade"] == ""
    # 郑预备 becomes a full member on 2026-09-01: the day before he is not graded, from that day he is.
    with pytest.raises(ValidationError, match="预备党员"):
        appraise(services, world, "郑预备", "qualified", year=2025, appraised_on=date(2026, 8, 31))
    assert appraise(services, world, "郑预备", "qualified", appraised_on=date(2026, 9, 1))
    with pytest.raises(ValidationError, match="等次"):
        appraise(services, world, "钱一", "")


def test_follow_up_only_for_basic_and_unqualified(services, world):
    with pytest.raises(ValidationError, match="基本合格"):
        appraise(services, world, "钱一", "qualified", improvement_plan="加强学习")
    with pytest.raises(ValidationError, match="谈话"):
        appraise(services, world, "钱一", "basic", talk_on=date(2026, 11, 19))
    row = appraise(services, world, "钱一", "basic", talk_on=date(2026, 11, 20), improvement_plan="每月参加组织生活",
                   outcome="已整改")
    assert row.values["outcome"] == "已整改"


def test_bad_input_is_refused_with_chinese_messages(services, world, db):
    with db.sessions.begin() as s:
        other = build_world(db).branch
        s.add(meeting := Meeting(branch_id=other, kind="appraisal_meeting", held_on=date(2026, 11, 20)))
        s.flush()
        meeting_id = meeting.id
    cases = [({"year": 2027}, "year"), ({"appraised_on": date(2026, 11, 29)}, "appraised_on"),
             ({"votes_basic": -1}, "votes_basic"), ({"grade": "good"}, "grade"), ({"meeting_id": meeting_id}, "meeting_id"),
             ({"appraised_on": date(2028, 1, 5)}, "appraised_on")]
    for extra, field in cases:
        with pytest.raises(ValidationError) as refused:
            appraise(services, world, "孙二", **extra)
        assert field in refused.value.problems, (extra, refused.value.problems)
    # The appraisal on the day itself is accepted, and one per member and year.
    appraise(services, world, "孙二", appraised_on=TODAY)
    with pytest.raises(Exception):
        appraise(services, world, "孙二")


def test_the_linked_meeting_is_an_appraisal_kind_held_in_the_year_or_the_next(services, world, db):
    days = {"committee": date(2025, 6, 1), "before": date(2024, 12, 31), "first": date(2025, 1, 1),
            "last": date(2026, 12, 31), "after": date(2027, 1, 1)}
    kinds = {"committee": "committee_meeting", "first": "life_meeting", "last": "general_meeting"}
    with db.sessions.begin() as s:
        meetings = {key: Meeting(branch_id=world.branch, kind=kinds.get(key, "appraisal_meeting"), held_on=day)
                    for key, day in days.items()}
        s.add_all(meetings.values())
        s.flush()
        ids = {key: m.id for key, m in meetings.items()}
    for key, needle in (("committee", "支委会"), ("before", "2024年12月31日"), ("after", "2027年1月1日")):
        with pytest.raises(ValidationError, match=needle) as refused:
            appraise(services, world, "钱一", year=2025, appraised_on=date(2025, 12, 20), meeting_id=ids[key])
        assert list(refused.value.problems) == ["meeting_id"]
    first = appraise(services, world, "钱一", year=2025, appraised_on=date(2025, 12, 20), meeting_id=ids["first"])
    services.records.update("appraisals", first.id, {"meeting_id": ids["last"]}, today=TODAY)
    # The form offers the appraisal kinds of the year and the next, in date order.
    from dj_desktop.core.services.appraisal_choices import appraisal_meetings
    assert [m.held_on for m in appraisal_meetings(services, world.branch, 2025)] == [days["first"], days["last"]]


def test_the_quota_shows_the_cap_and_what_is_taken(services, world):
    from dj_desktop.core.services.appraisal_choices import probationary, quota
    cap(services, 25)
    appraise(services, world, "王书记", "excellent")
    taken = quota(services, world.branch, 2026, date(2026, 11, 20))
    assert (taken.full, taken.most, taken.taken) == (8, 2, 1)
    # The member being edited is left out of what is taken.
    assert quota(services, world.branch, 2026, date(2026, 11, 20), world.members["王书记"]).taken == 0
    assert "最多 2 人" in taken.text() and "已评优秀 1 人" in taken.text()
    assert [probationary(services, world.members["郑预备"], day) for day in
            (date(2026, 8, 31), date(2026, 9, 1))] == [True, False]
