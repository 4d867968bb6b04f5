"""The Party-group manual's rules at their boundaries: leaders, members over time, posts, duty areas,
study, co-managed members' cards, the month's group-meeting reminder and finding a group by name."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from dj_desktop.core.books.reminders import ReminderContext, load_branches
from dj_desktop.core.books.group_reminders import group_meeting_reminders
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.models import Meeting, Member, MemberEvent
from dj_desktop.core.rules.cadence_settings import CadenceSettings

from manual_world import build_world

TODAY = date(2026, 11, 20)


@pytest.fixture
def world(db):
    return build_world(db)


def _post(world, who, **extra):
    return {"branch_id": world.branch, "group_id": world.group1, "post": "政策宣传岗", "duties": "宣传政策",
            "member_id": world.members[who], "started_on": date(2026, 3, 1), **extra}


def test_a_leader_must_be_a_full_member_of_the_group_on_the_day(services, db, world):
    gm = services.group_manual
    with db.sessions.begin() as s:       # 吴预备 becomes a full member on 2026-06-01
        member = s.get(Member, world.members["吴预备"])
        member.full_member_on, member.member_type = date(2026, 6, 1), "full"
    with pytest.raises(ValidationError) as probationary:
        gm.appoint(world.group1, member_id=world.members["吴预备"], role="group_leader", started_on=date(2026, 5, 31),
                   today=TODAY)
    assert "还不是正式党员" in probationary.value.problems["member_id"]
    seat = gm.appoint(world.group1, member_id=world.members["吴预备"], role="group_leader",
                      started_on=date(2026, 6, 1), today=TODAY)
    assert seat.role_label == "党小组组长"
    with pytest.raises(ValidationError) as other_group:
        gm.appoint(world.group1, member_id=world.members["赵宣传"], role="deputy_group_leader",
                   started_on=date(2026, 6, 1), today=TODAY)
    assert "不是“第一党小组”的成员" in other_group.value.problems["member_id"]
    with pytest.raises(ValidationError) as future:
        gm.appoint(world.group1, member_id=world.members["钱一"], role="deputy_group_leader",
                   started_on=TODAY + timedelta(days=1), today=TODAY)
    assert "started_on" in future.value.problems
    gm.appoint(world.group1, member_id=world.members["钱一"], role="deputy_group_leader", started_on=TODAY, today=TODAY)


def test_a_new_leader_follows_the_old_one_the_next_day(services, world):
    gm = services.group_manual
    gm.appoint(world.group1, member_id=world.members["钱一"], role="group_leader", started_on=date(2025, 1, 1),
               today=TODAY)
    with pytest.raises(ValidationError):      # the same start day: who led that day?
        gm.appoint(world.group1, member_id=world.members["孙二"], role="group_leader", started_on=date(2025, 1, 1),
                   today=TODAY)
    gm.appoint(world.group1, member_id=world.members["孙二"], role="group_leader", started_on=date(2026, 7, 1),
               today=TODAY)
    officers = gm.manual(world.group1, year=2026).officers
    assert [(o.name, o.started_on, o.ended_on) for o in officers] == [
        ("钱一", date(2025, 1, 1), date(2026, 6, 30)), ("孙二", date(2026, 7, 1), None)]
    with pytest.raises(ValidationError):
        gm.step_down(officers[1].seat_id, on=date(2026, 6, 30))
    gm.step_down(officers[1].seat_id, on=date(2026, 7, 1))
    # The organisation rules still see exactly one group leader seat per day (no second copy).
    assert services.organisation.committee_check(world.group1, today=TODAY) == []


def test_members_over_time_follow_the_roster_history(services, db, world):
    with db.sessions.begin() as s:       # 孙二 moves to group 2 on 2026-08-01, as the roster edit does it
        member = s.get(Member, world.members["孙二"])
        member.group_id = world.group2
        s.add(MemberEvent(member_id=member.id, kind="group_changed", on=date(2026, 8, 1)))
    one = {m.name: (m.start, m.end) for m in services.group_manual.manual(world.group1, year=2026).members}
    two = {m.name: (m.start, m.end) for m in services.group_manual.manual(world.group2, year=2026).members}
    assert one["孙二"] == (date(2015, 3, 1), date(2026, 7, 31)) and two["孙二"] == (date(2026, 8, 1), None)
    assert one["冯转出"] == (date(2015, 3, 1), date(2026, 3, 1))       # left the branch
    assert "冯转出" not in {m.name for m in services.group_manual.manual(world.group1, year=2027).members}
    # A post holder must be in the group on the post's first day: the day before the move, yes; on it, no.
    services.records.create("group_posts", _post(world, "孙二", started_on=date(2026, 7, 31)), today=TODAY)
    with pytest.raises(ValidationError) as moved:
        services.records.create("group_posts", _post(world, "孙二", started_on=date(2026, 8, 1)), today=TODAY)
    assert "不是“第一党小组”的成员" in moved.value.problems["member_id"]


def test_posts_and_duty_areas_refuse_reversed_dates_and_outsiders(services, world):
    records = services.records
    with pytest.raises(ValidationError) as reversed_:
        records.create("group_posts", _post(world, "钱一", ended_on=date(2026, 2, 28)), today=TODAY)
    assert "早于开始日期" in reversed_.value.problems["ended_on"]
    records.create("group_posts", _post(world, "钱一", ended_on=date(2026, 3, 1)), today=TODAY)   # one day: fine
    with pytest.raises(ValidationError) as outsider:
        records.create("group_posts", _post(world, "赵宣传"), today=TODAY)
    assert "member_id" in outsider.value.problems
    with pytest.raises(ValidationError) as wrong_group:
        records.create("duty_areas", {"branch_id": world.branch, "group_id": world.branch, "name": "1号楼",
                                      "member_id": world.members["钱一"], "started_on": date(2026, 3, 1)},
                       today=TODAY)
    assert wrong_group.value.problems["group_id"] == "请选择党小组。"
    area = records.create("duty_areas", {"branch_id": world.branch, "group_id": world.group1, "name": "1号楼责任区",
                                         "member_id": world.members["钱一"], "scope": "1号楼1-3单元",
                                         "started_on": date(2026, 3, 1)}, today=TODAY)
    with pytest.raises(ValidationError):      # an edit that breaks the rules leaves the record as it was
        records.update("duty_areas", area.id, {"ended_on": date(2026, 1, 1)}, today=TODAY)
    assert records.get("duty_areas", area.id).values["ended_on"] is None


def test_study_sessions_are_not_dated_in_the_future(services, world):
    base = {"branch_id": world.branch, "group_id": world.group1, "topic": "学习党章", "hours": 1.5, "attendees": 5}
    with pytest.raises(ValidationError) as future:
        services.records.create("group_study", {**base, "held_on": TODAY + timedelta(days=1)}, today=TODAY)
    assert "在今天之后" in future.value.problems["held_on"]
    services.records.create("group_study", {**base, "held_on": TODAY}, today=TODAY)
    with pytest.raises(ValidationError) as hours:
        services.records.create("group_study", {**base, "held_on": TODAY, "hours": 25}, today=TODAY)
    assert "hours" in hours.value.problems
    assert [s.topic for s in services.group_manual.manual(world.group1, year=2026).studies] == ["学习党章"]


def test_cards_are_for_co_managed_members_and_feedback_names_the_home_organisation(services, db, world):
    card = {"branch_id": world.branch, "group_id": world.group1, "member_id": world.members["钱一"],
            "card": "registration", "on": date(2025, 5, 1), "home_unit": "区税务局机关党支部"}
    with pytest.raises(ValidationError) as self_managed:
        services.records.create("co_managed_cards", card, today=TODAY)
    assert "不是联管党员" in self_managed.value.problems["member_id"]
    with db.sessions.begin() as s:
        s.get(Member, world.members["钱一"]).management = "co"
    services.records.create("co_managed_cards", card, today=TODAY)
    feedback = {**card, "card": "feedback", "on": date(2026, 6, 30), "home_unit": "", "assessment": "good",
                "content": "表现良好"}
    with pytest.raises(ValidationError) as no_home:
        services.records.create("co_managed_cards", feedback, today=TODAY)
    assert set(no_home.value.problems) == {"home_unit"}
    services.records.create("co_managed_cards", {**feedback, "home_unit": "区税务局机关党支部"}, today=TODAY)
    manual = services.group_manual.manual(world.group1, year=2026)
    assert [(m.name, m.home_unit) for m in manual.co_managed] == [("钱一", "区税务局机关党支部")]
    # Last year's registration card stays with the member; the year's feedback card follows it.
    assert [c.card_label for c in manual.cards] == ["基本情况登记卡", "反馈卡"]


def _reminders(db, on, *, due_soon_days):
    settings = replace(CadenceSettings(), due_soon_days=due_soon_days)
    with db.sessions() as s:
        branches = load_branches(s)
        return group_meeting_reminders(ReminderContext(s, on, on - timedelta(days=365), settings), branches)


def test_a_group_without_a_meeting_this_month_is_reminded(db, world):
    on = date(2026, 11, 2)
    subjects = lambda rs: sorted(r.subject for r in rs)  # noqa: E731
    assert subjects(_reminders(db, on, due_soon_days=7)) == ["第一党小组 2026年11月", "第二党小组 2026年11月"]
    with db.sessions.begin() as s:
        s.add(Meeting(branch_id=world.branch, group_id=world.group1, kind="group_meeting",
                      held_on=date(2026, 10, 31)))
    assert len(_reminders(db, on, due_soon_days=7)) == 2          # last month's meeting does not count
    with db.sessions.begin() as s:
        s.add(Meeting(branch_id=world.branch, group_id=world.group1, kind="group_meeting",
                      held_on=date(2026, 11, 1)))
    reminders = _reminders(db, on, due_soon_days=7)
    assert subjects(reminders) == ["第二党小组 2026年11月"]
    assert reminders[0].target.preset == {"kind": "group_meeting", "group_id": world.group2}
    # Once the month's end is within the due-soon window the cadence rule says it; never both.
    assert _reminders(db, date(2026, 11, 23), due_soon_days=7) == []
    assert len(_reminders(db, date(2026, 11, 22), due_soon_days=7)) == 1


def test_an_unknown_group_name_lists_the_known_ones(services, world):
    with pytest.raises(UserError) as unknown:
        services.group_manual.find_group("第九党小组")
    assert "第一党小组、第二党小组" in str(unknown.value)
    assert services.group_manual.find_group("第二党小组").id == world.group2
