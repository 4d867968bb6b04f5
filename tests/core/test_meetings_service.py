"""MeetingService, TalkService and PlanService against a real SQLite file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from sqlalchemy import select

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.models import Attendance, RecordHistory
from dj_desktop.core.services.meeting_records import AttendanceInput, DecisionInput, MeetingInput, TalkInput

from manual_world import build_world

TODAY = date(2026, 11, 20)


@pytest.fixture
def world(db):
    return build_world(db)


def _general(world, *, present, absent=(), day=date(2026, 4, 10), decisions=("通过吴预备同志转正的决议",)):
    m = world.members
    attendance = tuple(AttendanceInput(m[n]) for n in present) + tuple(
        AttendanceInput(m[n], present=False, absence_reason="sick_leave", absence_note="住院") for n in absent)
    return MeetingInput(branch_id=world.branch, kind="general_meeting", held_on=day, starts_at=time(9, 0),
                        ends_at=time(11, 0), place="村委会会议室", host_id=m["王书记"], recorder_id=m["李组织"],
                        theme="第二季度党员大会", minutes="王书记传达上级会议精神。", study_hours=2,
                        attendance=attendance, decisions=tuple(DecisionInput(d) for d in decisions))


def test_expected_attendees_follow_the_roster_on_the_day(services, world):
    names = lambda rows: sorted(r.name for r in rows)  # noqa: E731
    everyone = services.meetings.expected_attendees(world.branch, kind="general_meeting", on=date(2026, 4, 10))
    assert names(everyone) == sorted(["王书记", "李组织", "赵宣传", "钱一", "孙二", "周三", "吴预备", "郑预备"])
    assert {r.name for r in everyone if not r.votes} == {"吴预备", "郑预备"}
    later = services.meetings.expected_attendees(world.branch, kind="general_meeting", on=date(2026, 10, 10))
    assert "陈转入" in names(later) and {r.name for r in later if not r.votes} == {"吴预备"}
    earlier = services.meetings.expected_attendees(world.branch, kind="general_meeting", on=date(2026, 2, 10))
    assert "冯转出" in names(earlier) and "陈转入" not in names(earlier)
    group = services.meetings.expected_attendees(world.branch, kind="group_meeting", on=date(2026, 4, 10),
                                                  group_id=world.group1)
    assert names(group) == sorted(["王书记", "李组织", "钱一", "孙二", "吴预备"])
    committee = services.meetings.expected_attendees(world.branch, kind="committee_meeting", on=date(2026, 4, 10))
    assert names(committee) == sorted(["王书记", "李组织", "赵宣传"])


def test_create_with_quorum(services, world):
    detail = services.meetings.create(
        _general(world, present=["王书记", "李组织", "赵宣传", "钱一", "吴预备"], absent=["孙二"]), today=TODAY)
    assert detail.kind_label == "支部党员大会" and detail.host_name == "王书记"
    assert (detail.quorum.entitled, detail.quorum.present, detail.quorum.needed) == (6, 4, 4)
    assert detail.quorum.met and all(d.valid for d in detail.decisions)
    absent = detail.absent
    assert [(a.name, a.absence_reason_label, a.absence_note) for a in absent] == [("孙二", "病假", "住院")]
    assert services.meetings.get(detail.id).present_count == 5


def test_quorum_not_met_is_saved_and_flagged(services, world):
    detail = services.meetings.create(_general(world, present=["王书记", "李组织", "赵宣传", "吴预备", "郑预备"]),
                                      today=TODAY)
    assert not detail.quorum.met and detail.quorum.present == 3 and detail.quorum.needed == 4
    assert [d.valid for d in detail.decisions] == [False]
    [row] = services.meetings.list(world.branch, year=2026)
    assert row.quorum_met is False and row.present == 5 and row.expected == 8


def test_meeting_in_the_future_is_refused(services, world):
    with pytest.raises(ValidationError) as err:
        services.meetings.create(_general(world, present=["王书记"], day=date(2026, 11, 21)), today=TODAY)
    assert "held_on" in err.value.problems and "将来" in str(err.value)
    assert services.meetings.list(world.branch) == []


def test_attendee_not_in_the_branch_on_that_day_is_refused(services, world):
    with pytest.raises(ValidationError) as err:
        services.meetings.create(_general(world, present=["王书记", "陈转入", "冯转出"]), today=TODAY)
    text = str(err.value)
    assert "陈转入" in text and "冯转出" in text and "不是本支部党员" in text
    # Before he left, 冯转出 may attend.
    ok = services.meetings.create(_general(world, present=["王书记", "冯转出"], day=date(2026, 2, 10)), today=TODAY)
    assert "冯转出" in [a.name for a in ok.attendance]


def test_absence_needs_a_reason_and_lesson_needs_title(services, world):
    m = world.members
    data = _general(world, present=["王书记"])
    data = replace(data, attendance=data.attendance + (AttendanceInput(m["钱一"], present=False),))
    with pytest.raises(ValidationError, match="缺席原因"):
        services.meetings.create(data, today=TODAY)
    lesson = MeetingInput(branch_id=world.branch, kind="party_lesson", held_on=date(2026, 5, 1))
    with pytest.raises(ValidationError) as err:
        services.meetings.create(lesson, today=TODAY)
    assert {"lesson_title", "lecturer"} <= set(err.value.problems)


def test_update_tombstone_restore_with_history(services, world, db):
    detail = services.meetings.create(_general(world, present=["王书记", "李组织", "赵宣传", "钱一"]), today=TODAY)
    attendance_id = db.sessions().scalar(select(Attendance.id).where(
        Attendance.meeting_id == detail.id, Attendance.member_id == world.members["钱一"]))
    changed = _general(world, present=["王书记", "李组织", "赵宣传"], absent=["钱一"],
                       decisions=("通过吴预备同志转正的决议", "开展冬季走访慰问"))
    changed = replace(changed, minutes="王书记传达上级会议精神，钱一因病请假。",
                      decisions=(replace(changed.decisions[0], id=detail.decisions[0].id), changed.decisions[1]))
    updated = services.meetings.update(detail.id, changed, reason="补记缺席人员", today=TODAY)
    assert [a.name for a in updated.absent] == ["钱一"] and len(updated.decisions) == 2
    assert updated.decisions[0].id == detail.decisions[0].id and updated.version == 2
    with db.sessions() as s:
        actions = s.scalars(select(RecordHistory.action).where(RecordHistory.record_id == attendance_id)).all()
    assert actions == ["create", "update"]

    with pytest.raises(UserError):
        services.meetings.tombstone(detail.id, reason="  ")
    services.meetings.tombstone(detail.id, reason="重复录入")
    assert services.meetings.list(world.branch) == []
    assert [m.id for m in services.meetings.list(world.branch, deleted=True)] == [detail.id]
    assert services.meetings.get(detail.id).deleted
    restored = services.meetings.restore(detail.id, reason="误删恢复")
    assert not restored.deleted and len(restored.attendance) == 4
    history = services.meetings.history(detail.id)
    assert [h.action for h in history] == ["create", "update", "delete", "restore"]
    assert history[2].reason == "重复录入" and history[1].reason == "补记缺席人员"
    assert history[2].changes == {"deleted": [False, True]}


def test_decision_follow_up_and_listing(services, world):
    m = world.members
    committee = MeetingInput(branch_id=world.branch, kind="committee_meeting", held_on=date(2026, 6, 3),
                             attendance=(AttendanceInput(m["王书记"]), AttendanceInput(m["李组织"]),
                                         AttendanceInput(m["赵宣传"], present=False, absence_reason="official_duty")),
                             decisions=(DecisionInput("修缮党员活动室", responsible_id=m["李组织"]),))
    detail = services.meetings.create(committee, today=TODAY)
    assert detail.quorum.met and detail.quorum.entitled == 3
    row = services.meetings.set_decision_status(detail.decisions[0].id, status="done", note="7月完工")
    assert row.follow_up_status_label == "已落实" and row.responsible_name == "李组织"
    group = MeetingInput(branch_id=world.branch, kind="group_meeting", held_on=date(2026, 6, 5),
                         group_id=world.group2, theme="学习党章")
    services.meetings.create(group, today=TODAY)
    listed = services.meetings.list(world.branch, year=2026)
    assert [r.kind for r in listed] == ["committee_meeting", "group_meeting"]
    assert listed[1].quorum_met is None and listed[1].title == "学习党章"
    assert [r.kind for r in services.meetings.list(world.branch, kind="group_meeting")] == ["group_meeting"]
    assert services.meetings.list(world.branch, year=2025) == []
    with pytest.raises(ValidationError, match="党小组"):
        services.meetings.create(replace(group, group_id=None), today=TODAY)


def test_talks(services, world):
    m = world.members
    talk = services.talks.create(TalkInput(world.branch, date(2026, 3, 5), m["王书记"], m["钱一"], topic="思想动态",
                                           summary="谈了近期工作和家庭情况。"), today=TODAY)
    assert (talk.talker_name, talk.talkee_name) == ("王书记", "钱一")
    with pytest.raises(ValidationError, match="将来"):
        services.talks.create(TalkInput(world.branch, date(2026, 12, 1), m["王书记"], m["钱一"], topic="x"), today=TODAY)
    with pytest.raises(ValidationError):
        services.talks.create(TalkInput(world.branch, date(2026, 3, 5), m["王书记"], m["王书记"], topic="x"), today=TODAY)
    with pytest.raises(ValidationError, match="不是本支部党员"):
        services.talks.create(TalkInput(world.branch, date(2026, 3, 5), m["王书记"], m["陈转入"], topic="x"), today=TODAY)
    assert [t.id for t in services.talks.list(world.branch, year=2026, member_id=m["钱一"])] == [talk.id]
    services.talks.tombstone(talk.id, reason="录错人")
    assert services.talks.list(world.branch) == []
    assert services.talks.restore(talk.id).deleted is False


def test_plans_one_per_year_and_kind(services, world):
    first = services.plans.save(world.branch, year=2026, kind="plan", title="2026年党支部工作计划", body="一、加强理论学习")
    again = services.plans.save(world.branch, year=2026, kind="plan", title="2026年党支部工作计划",
                                body="一、加强理论学习\n二、规范组织生活", reason="补充第二条")
    assert again.id == first.id and "规范组织生活" in services.plans.get(world.branch, year=2026, kind="plan").body
    services.plans.save(world.branch, year=2026, kind="summary", title="2026年工作总结", body="全年召开党员大会4次。")
    assert [p.kind_label for p in services.plans.list(world.branch, year=2026)] == ["年度工作计划", "年终工作总结"]
    with pytest.raises(ValidationError):
        services.plans.save(world.branch, year=2026, kind="plan", title="", body=" ")
