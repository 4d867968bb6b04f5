"""Organisation rules as reminders (rule set ``organisation``, version 2018), each at its boundary."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest

from dj_desktop.core.rules.cadence import (
    BranchFacts, GroupFacts, MemberFacts, SeatFacts, TermFacts, meeting_reminders,
)
from dj_desktop.core.rules.cadence_settings import CadenceSettings
from dj_desktop.core.rules.organisation_rules import organisation_reminders, validate_content
from dj_desktop.core.rulesets.loader import shipped_versions

ON = date(2026, 11, 28)
RULES = dict(shipped_versions("organisation")[0].content)


def _members(full: int, probationary: int = 0, group: uuid.UUID | None = None) -> tuple[MemberFacts, ...]:
    people = [MemberFacts(uuid.uuid4(), f"正式{i}", date(2010, 1, 1), group_id=group, full_member_on=date(2011, 1, 1))
              for i in range(full)]
    people += [MemberFacts(uuid.uuid4(), f"预备{i}", date(2026, 1, 1), group_id=group, member_type="probationary")
               for i in range(probationary)]
    return tuple(people)


def _branch(members, committee: int = 0, groups=()) -> BranchFacts:
    seats = tuple(SeatFacts(members[i].id, "secretary" if i == 0 else "committee_member", date(2024, 1, 1))
                  for i in range(committee))
    return BranchFacts(uuid.uuid4(), "红星社区党支部", date(2015, 1, 1), members=members, seats=seats,
                       groups=tuple(groups), terms=(TermFacts(uuid.uuid4(), date(2024, 1, 1), date(2029, 1, 1)),))


def _kinds(branch) -> list[str]:
    return [r.kind for r in organisation_reminders(branch, ON, RULES)]


def test_the_shipped_version_is_valid_and_sourced():
    version = shipped_versions("organisation")[0]
    assert validate_content(version.content) == {} and version.sources and version.note
    assert validate_content({**RULES, "committee_min": 9}) and validate_content({**RULES, "committee_max": "5"})


@pytest.mark.parametrize("full, probationary, expected", [(2, 3, True), (3, 0, False), (4, 0, False)])
def test_fewer_than_three_full_members(full, probationary, expected):
    assert ("too_few_members" in _kinds(_branch(_members(full, probationary)))) is expected


@pytest.mark.parametrize("full, expected", [(6, False), (7, True), (8, True)])
def test_seven_full_members_and_no_committee(full, expected):
    branch = _branch(_members(full, probationary=3))
    assert ("committee_missing" in _kinds(branch)) is expected
    # ... and the monthly 支委会 is still owed even before the committee is recorded.
    owed = [r for r in meeting_reminders(branch, ON, CadenceSettings()) if r.kind == "committee_meeting"]
    assert bool(owed) is expected


@pytest.mark.parametrize("size, expected", [(2, True), (3, False), (5, False), (7, False), (8, True)])
def test_committee_size(size, expected):
    branch = _branch(_members(12), committee=size)
    kinds = _kinds(branch)
    assert ("committee_size" in kinds) is expected and "committee_missing" not in kinds


def test_a_small_branch_with_a_secretary_only_is_fine():
    assert _kinds(_branch(_members(5), committee=1)) == []


@pytest.mark.parametrize("total, expected", [(50, False), (51, True)])
def test_more_than_fifty_members(total, expected):
    branch = _branch(_members(total - 5, probationary=5), committee=5)
    assert ("too_many_members" in _kinds(branch)) is expected


def test_a_group_without_a_leader():
    group = uuid.uuid4()
    members = _members(9, group=group)
    leaderless = _branch(members, committee=3, groups=[GroupFacts(group, "第一党小组")])
    messages = {r.kind: r for r in organisation_reminders(leaderless, ON, RULES)}
    assert "第一党小组" in messages["group_without_leader"].message
    assert messages["group_without_leader"].target.book == "terms"
    led = GroupFacts(group, "第一党小组", leaders=(SeatFacts(members[3].id, "group_leader", date(2025, 1, 1)),))
    assert "group_without_leader" not in _kinds(_branch(members, committee=3, groups=[led]))
    left = replace(led, leaders=(SeatFacts(members[3].id, "group_leader", date(2025, 1, 1), date(2026, 6, 1)),))
    assert "group_without_leader" in _kinds(_branch(members, committee=3, groups=[left]))
    empty = GroupFacts(uuid.uuid4(), "空党小组")
    assert "group_without_leader" not in _kinds(_branch(members, committee=3, groups=[empty]))


def test_an_empty_branch_gets_no_warnings():
    assert _kinds(_branch(())) == []


def test_through_the_engine(services, db):
    from tests.core.manual_world import build_world
    world = build_world(db)
    got = {r.kind: r for r in services.reminders.reminders(ON, branch_id=world.branch)}
    # 红星社区党支部: 9 members on the day, 8 full, a committee of 3, two groups without leaders.
    assert "committee_missing" not in got and "too_few_members" not in got
    assert got["group_without_leader"].status == "due" and got["group_without_leader"].due == ON
    assert services.records.reminder_kind_labels()["group_without_leader"]
