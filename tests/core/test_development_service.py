"""The development file service over a real SQLite file: add, record steps, refusals, timeline."""

from __future__ import annotations

from datetime import date

import pytest

from dj_desktop.core.i18n import set_language
from dj_desktop.core.rules.development import StepInput, StepRefused
from dj_desktop.core.rules.id_number import make_id_number
from dj_desktop.core.services.development import DevelopmentService

TODAY = date(2026, 11, 28)


@pytest.fixture
def dev(services, db):
    set_language("zh_CN")
    branch = services.organisation.create_first_branch("幸福里社区党支部")
    yield DevelopmentService(db), branch.id
    set_language("en")


def test_add_records_the_application_and_the_talk_is_bounded_to_one_month(dev):
    service, branch = dev
    person = service.add(branch, name="周申请", id_number=make_id_number("110101", date(1998, 3, 4), 12,
                                                                         gender="female"),
                         applied_on=date(2026, 1, 31), rules_version="2014", today=TODAY)
    rows = service.timeline(person)
    assert len(rows) == 25 and rows[0].actual == (date(2026, 1, 31),)
    assert rows[1].bounds.latest == date(2026, 2, 28) and rows[1].planned is not None
    with pytest.raises(StepRefused, match="2026年2月28日"):
        service.record_step(person, 2, StepInput(on=date(2026, 3, 1), people=("王书记",)), today=TODAY)
    service.record_step(person, 2, StepInput(on=date(2026, 2, 28), people=("王书记",)), today=TODAY)
    rows = service.timeline(person)
    assert rows[1].actual == (date(2026, 2, 28),) and rows[1].planned is None
    assert rows[0].actual == (date(2026, 1, 31),)        # recomputing leaves actual dates alone


def test_an_applicant_under_18_is_refused(dev):
    service, branch = dev
    young = make_id_number("110101", date(2008, 6, 1), 15, gender="male")
    with pytest.raises(StepRefused, match="18"):
        service.add(branch, name="小李", id_number=young, applied_on=date(2026, 5, 31), today=TODAY)
    service.add(branch, name="小李", id_number=young, applied_on=date(2026, 6, 1), today=TODAY)


# -- the whole walk, over the services ---------------------------------------------------------
from tests.core.development_world import (  # noqa: E402
    DAYS, SPONSORS, add_person, make_branch, step_input, walk,
)


@pytest.fixture
def world(services):
    set_language("zh_CN")
    branch, meeting = make_branch(services)
    yield services, branch, meeting
    set_language("en")


def test_a_person_walks_through_all_five_stages_and_joins_the_roster_once(world):
    services, branch, meeting = world
    person = add_person(services, branch)
    assert services.development.person(person).stage == "applicant"
    # Fresh walk to the end, stage by stage.
    seen = {}
    for no in range(2, 26):
        plan = step_input(services, person, no)
        services.development.record_step(person, no, plan["given"], today=TODAY,
                                          meeting_id=meeting if plan["meeting"] else None)
        seen[no] = services.development.person(person).stage
    assert (seen[3], seen[7], seen[17], seen[24]) == ("activist", "candidate", "probationary", "full")
    assert services.development.person(person).next_step is None
    roster = [m for m in services.members.roster(branch) if m.name == "周申请"]
    assert len(roster) == 1
    assert roster[0].joined_on == DAYS[15] and roster[0].full_member_on == date(2025, 4, 1)
    assert roster[0].member_type == "full"
    steps = services.development.steps(person)
    assert steps[8]["sponsors"] == list(SPONSORS) and steps[14]["votes"]["in_favour"] == 3


def test_sponsors_must_be_two_full_members_and_a_meeting_and_votes_are_needed(world):
    services, branch, meeting = world
    person = add_person(services, branch)
    walk(services, person, meeting, up_to=8)
    with pytest.raises(StepRefused, match="赵预备"):
        services.development.record_step(person, 9, StepInput(on=DAYS[9], sponsors=("王书记", "赵预备")), today=TODAY)
    with pytest.raises(StepRefused, match="两"):
        services.development.record_step(person, 9, StepInput(on=DAYS[9], sponsors=("王书记", "王书记")), today=TODAY)
    for no in range(9, 15):
        plan = step_input(services, person, no)
        services.development.record_step(person, no, plan["given"], today=TODAY,
                                          meeting_id=meeting if plan["meeting"] else None)
    from dj_desktop.core.rules.development import Votes
    with pytest.raises(StepRefused, match="--meeting"):
        services.development.record_step(person, 15, StepInput(on=DAYS[15], votes=Votes(3, 3, 3)), today=TODAY)
    with pytest.raises(StepRefused):
        services.development.record_step(person, 15, StepInput(on=DAYS[15], votes=Votes(4, 2, 2)), today=TODAY,
                                          meeting_id=meeting)
    with pytest.raises(StepRefused):   # quorum, but 2 of 4 entitled is not more than half
        services.development.record_step(person, 15, StepInput(on=DAYS[15], votes=Votes(4, 4, 2)), today=TODAY,
                                          meeting_id=meeting)
    services.development.record_step(person, 15, StepInput(on=DAYS[15], votes=Votes(4, 3, 3)), today=TODAY,
                                      meeting_id=meeting)


def test_cancellation_keeps_the_steps_and_refuses_further_ones(world):
    services, branch, meeting = world
    person = add_person(services, branch)
    walk(services, person, meeting, up_to=17)
    with pytest.raises(StepRefused, match="原因"):
        services.development.cancel(person, reason=" ", on=TODAY, today=TODAY)
    services.development.cancel(person, reason="预备期内违反纪律", on=date(2024, 9, 1), today=TODAY)
    summary = services.development.person(person)
    assert summary.stage == "cancelled" and summary.next_step is None and summary.last_step == 17
    with pytest.raises(StepRefused, match="取消"):
        services.development.record_step(person, 18, StepInput(on=DAYS[18]), today=TODAY)
    member = next(m for m in services.members.roster(branch, include_left=True) if m.name == "周申请")
    assert member.status == "removed" and member.left_on == date(2024, 9, 1)


def test_probation_extension_once_moves_the_conversion_bounds(world):
    services, branch, meeting = world
    person = add_person(services, branch)
    walk(services, person, meeting, up_to=22)
    with pytest.raises(StepRefused, match="2025年4月1日"):   # decided when the probation ends
        services.development.extend_probation(person, months=6, on=date(2025, 3, 31), today=TODAY)
    with pytest.raises(StepRefused, match="6"):
        services.development.extend_probation(person, months=5, on=date(2025, 4, 1), today=TODAY)
    end = services.development.extend_probation(person, months=6, on=date(2025, 4, 1), today=TODAY)
    assert end == date(2025, 10, 1)
    with pytest.raises(StepRefused, match="一次"):
        services.development.extend_probation(person, months=6, on=date(2025, 4, 2), today=TODAY)
    assert services.development.person(person).next_step.earliest == date(2025, 10, 1)


def test_the_notice_counts_working_days_in_the_stored_calendar(world):
    services, branch, meeting = world
    person = add_person(services, branch)
    walk(services, person, meeting, up_to=12)                       # notice posted 2024-03-11
    assert services.development.person(person).next_step.provisional is True
    services.development.calendar.add(branch, "holiday", date(2024, 3, 13), date(2024, 3, 14))
    services.development.calendar.add(branch, "workday", date(2024, 3, 16))   # a Saturday, 调休
    nxt = services.development.person(person).next_step
    # 11, 12, (13, 14 off), 15, 16 (make-up), 18 → the fifth working day is the 18th; pre-review from the 19th.
    assert nxt.no == 13 and nxt.earliest == date(2024, 3, 19) and nxt.provisional is False
    with pytest.raises(StepRefused, match="2024年3月19日"):
        services.development.record_step(person, 13, StepInput(on=date(2024, 3, 18)), today=TODAY)
    services.development.record_step(person, 13, StepInput(on=date(2024, 3, 19)), today=TODAY)
    assert [d.kind for d in services.development.calendar.days(branch, 2024)] == ["holiday", "holiday", "workday"]
