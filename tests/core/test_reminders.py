"""ReminderService over a real database: records clear reminders, settings change them, the demo shows its gaps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from dj_desktop.core.db import open_database
from dj_desktop.core.rules.cadence_settings import Cadence
from dj_desktop.core.services import build_services
from dj_desktop.core.services.meeting_records import AttendanceInput, MeetingInput, TalkInput

from manual_world import build_world

ON = date(2026, 11, 3)


@pytest.fixture
def world(db):
    return build_world(db)


def _kinds(reminders):
    return {(r.kind, r.subject) for r in reminders}


def test_recording_a_meeting_clears_its_reminder(services, world):
    before = services.reminders.reminders(ON)
    assert ("committee_meeting", "红星社区党支部 2026年11月") in _kinds(before)
    assert ("committee_meeting", "红星社区党支部 2026年10月") in _kinds(before)
    m = world.members
    meeting = services.meetings.create(MeetingInput(
        branch_id=world.branch, kind="committee_meeting", held_on=date(2026, 10, 30),
        attendance=tuple(AttendanceInput(m[n]) for n in ("王书记", "李组织", "赵宣传"))), today=ON)
    after = _kinds(services.reminders.reminders(ON))
    assert ("committee_meeting", "红星社区党支部 2026年10月") not in after
    assert ("committee_meeting", "红星社区党支部 2026年11月") in after
    # A deleted meeting no longer counts.
    services.meetings.tombstone(meeting.id, reason="日期录错")
    assert ("committee_meeting", "红星社区党支部 2026年10月") in _kinds(services.reminders.reminders(ON))


def test_group_talk_birthday_and_term_reminders(services, world):
    got = services.reminders.reminders(ON)
    groups = {r.subject for r in got if r.kind == "group_meeting" and r.due == date(2026, 11, 30)}
    assert groups == {"第一党小组 2026年11月", "第二党小组 2026年11月"}
    term = [r for r in got if r.kind == "term_ending"]
    assert [(r.due, r.status) for r in term] == [(date(2027, 1, 9), "due")]
    assert (term[0].target.book, term[0].target.record_id) == ("terms", world.term)
    # Full members joined on 15 June; only 吴预备 (joined 1 December last year) has a birthday this quarter.
    assert [(r.subject, r.due) for r in got if r.kind == "political_birthday"] == [("吴预备", date(2026, 12, 31))]
    in_june = [r for r in services.reminders.reminders(date(2026, 5, 2)) if r.kind == "political_birthday"]
    assert {r.subject for r in in_june} >= {"王书记", "李组织"}
    assert "冯转出" not in {r.subject for r in in_june}   # left the branch in March
    december = date(2026, 12, 2)
    talks = {r.subject for r in services.reminders.reminders(december) if r.kind == "talks" and r.due.year == 2026}
    assert "钱一" in talks and "冯转出" not in talks
    services.talks.create(TalkInput(world.branch, date(2026, 11, 5), world.members["王书记"], world.members["钱一"],
                                    topic="思想动态"), today=december)
    talks = {r.subject for r in services.reminders.reminders(december) if r.kind == "talks" and r.due.year == 2026}
    assert "钱一" not in talks and "王书记" not in talks


def test_settings_change_the_cadence(services, world):
    assert any(r.kind == "themed_day" and r.due == date(2026, 11, 30) for r in services.reminders.reminders(ON))
    settings = services.reminders.settings()
    services.reminders.save_settings(replace(settings, cadences={**settings.cadences, "themed_day": Cadence("year")},
                                             due_soon_days=10))
    reloaded = services.reminders.settings()
    assert reloaded.cadences["themed_day"] == Cadence("year") and reloaded.due_soon_days == 10
    got = services.reminders.reminders(ON)
    assert not any(r.kind == "themed_day" and r.status == "due" for r in got)
    assert not any(r.kind == "committee_meeting" and r.due == date(2026, 11, 30) for r in got)


def test_counts_by_month_add_up(services, world):
    reminders = services.reminders.reminders(ON)
    counts = services.reminders.counts_by_month(ON)
    assert sum(c.total for c in counts) == len(reminders)
    nov = next(c for c in counts if (c.year, c.month) == (2026, 11))
    assert nov.due == sum(1 for r in reminders if r.due.year == 2026 and r.due.month == 11 and r.status == "due")
    assert [(c.year, c.month) for c in counts] == sorted((c.year, c.month) for c in counts)


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_copy):
    today = date(2026, 11, 22)
    db = open_database(demo_copy(tmp_path_factory.mktemp("demo") / "demo.db", today=today), create=False)
    yield build_services(db), today
    db.dispose()


def test_demo_has_three_years_of_records_and_its_gaps_show(demo):
    services, today = demo
    branch = services.organisation.first_branch()
    last_year = services.meetings.list(branch.id, year=today.year - 1)
    kinds = {m.kind for m in last_year}
    assert kinds == {"committee_meeting", "group_meeting", "themed_day", "general_meeting", "party_lesson",
                     "life_meeting", "appraisal_meeting"}
    assert len(services.meetings.list(branch.id, year=today.year - 3)) > 50
    assert any(m.quorum_met is False for m in last_year)
    assert sum(m.attachment_count for m in last_year) >= 3
    detail = services.meetings.get(next(m.id for m in last_year if m.kind == "general_meeting"))
    assert detail.minutes and detail.absent and all(a.absence_reason_label for a in detail.absent)
    assert services.talks.list(branch.id, year=today.year - 1)
    assert services.plans.get(branch.id, year=today.year - 1, kind="summary") is not None
    got = services.reminders.reminders(today)
    overdue = {r.kind for r in got if r.status == "overdue"}
    assert {"committee_meeting", "group_meeting", "party_lesson", "talks"} <= overdue
    # Nothing is reminded for the periods the demo keeps complete, e.g. last year's themed days.
    assert not [r for r in got if r.kind == "themed_day" and r.due.year == today.year - 1]
    assert all(r.due >= today - timedelta(days=365) for r in got if r.status == "overdue")
