"""OrganisationService: first branch, tree, groups, committee terms and seats, grid."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.rules.id_number import make_id_number
from dj_desktop.core.services.member_records import MemberInput

TODAY = date(2026, 11, 22)


@pytest.fixture
def org(services):
    return services.organisation


def add_members(services, branch_id, count, *, group_id=None, probationary=0, start=0):
    ids = []
    for i in range(start, start + count):
        gender = "male" if i % 2 else "female"
        joined = date(2000 + i % 20, 3, 1)
        full = None if i < probationary else joined + timedelta(days=366)
        if i < probationary:
            joined = TODAY - timedelta(days=100)
        ids.append(services.members.add(branch_id, MemberInput(
            name=f"党员{i}", id_number=make_id_number("110101", date(1970, 1, 1) + timedelta(days=i), i, gender=gender),
            joined_on=joined, full_member_on=full, group_id=group_id), today=TODAY))
    return ids


def test_first_branch_once(org):
    assert not org.has_branch() and org.first_branch() is None
    branch = org.create_first_branch("  幸福里社区党支部 ", parent_name="东城街道党工委")
    assert branch.name == "幸福里社区党支部" and branch.kind == "branch" and branch.setting == "community"
    assert org.first_branch() == branch
    [root] = org.tree()
    assert root.unit.name == "东城街道党工委" and [c.unit for c in root.children] == [branch]
    with pytest.raises(UserError, match="已有党支部"):
        org.create_first_branch("第二个支部")


def test_tree_add_rename_move(org):
    upper = org.add_unit("某公司党委", kind="committee", parent_id=None, setting="enterprise")
    general = org.add_unit("生产党总支", kind="general_branch", parent_id=upper.id)
    a = org.add_unit("一车间党支部", kind="branch", parent_id=general.id)
    b = org.add_unit("二车间党支部", kind="branch", parent_id=upper.id)
    assert a.setting == "enterprise"   # inherited from the parent
    g = org.add_unit("第一党小组", kind="group", parent_id=a.id)
    assert org.rename_unit(g.id, "甲班党小组").name == "甲班党小组"
    assert org.groups(a.id) == [org.get_unit(g.id)]
    moved = org.move_unit(b.id, parent_id=general.id)
    assert moved.parent_id == general.id
    [root] = org.tree()
    assert [c.unit.name for c in root.children[0].children] == ["一车间党支部", "二车间党支部"]
    with pytest.raises(UserError):
        org.move_unit(general.id, parent_id=a.id)          # a branch cannot hold a general branch
    with pytest.raises(UserError):
        org.move_unit(upper.id, parent_id=upper.id)
    with pytest.raises(ValidationError, match="党小组必须隶属于党支部"):
        org.add_unit("孤立小组", kind="group", parent_id=None)
    with pytest.raises(ValidationError):
        org.add_unit("  ", kind="branch", parent_id=None)


def test_remove_unit_refused_with_members(services, org):
    branch = org.create_first_branch("支部")
    group = org.add_unit("小组", kind="group", parent_id=branch.id)
    add_members(services, branch.id, 1, group_id=group.id)
    with pytest.raises(UserError, match="还有党员"):
        org.remove_unit(group.id)
    empty = org.add_unit("空小组", kind="group", parent_id=branch.id)
    org.remove_unit(empty.id, reason="建错了")
    assert [g.name for g in org.groups(branch.id)] == ["小组"]


def test_term_and_seats_with_rules(services, org):
    branch = org.create_first_branch("支部", setting="enterprise")
    ids = add_members(services, branch.id, 5)
    term = org.start_term(branch.id, elected_on=date(2024, 6, 1))
    assert term.ends_on == date(2027, 6, 1)   # enterprise: 3 years
    org.add_seat(term.id, member_id=ids[0], role="secretary")
    org.add_seat(term.id, member_id=ids[1], role="deputy_secretary")
    with pytest.raises(ValidationError, match="不设支部委员会"):
        org.add_seat(term.id, member_id=ids[2], role="organisation")   # only 5 full members
    ids += add_members(services, branch.id, 4, start=5)
    result = org.add_seat(term.id, member_id=ids[2], role="organisation")
    assert result.seat.member_name == "党员2" and result.warnings == ()
    with pytest.raises(ValidationError, match="书记只能有一名"):
        org.add_seat(term.id, member_id=ids[3], role="secretary")
    current = org.current_term(branch.id, on=TODAY)
    assert [s.role for s in current.seats] == ["secretary", "deputy_secretary", "organisation"]
    assert org.committee_check(branch.id, today=TODAY) == []
    warnings = org.committee_check(branch.id, today=date(2027, 4, 1))
    assert [p.field for p in warnings] == ["term"] and "换届" in warnings[0].message


def test_new_term_closes_the_previous_one(services, org):
    branch = org.create_first_branch("支部")
    ids = add_members(services, branch.id, 3)
    first = org.start_term(branch.id, elected_on=date(2019, 5, 1))
    assert first.ends_on == date(2024, 5, 1)   # community: 5 years
    org.add_seat(first.id, member_id=ids[0], role="secretary")
    second = org.start_term(branch.id, elected_on=date(2024, 4, 20))
    org.add_seat(second.id, member_id=ids[1], role="secretary")
    old, = [t for t in org.terms(branch.id) if t.id == first.id]
    assert old.ends_on == date(2024, 4, 19) and old.seats[0].ended_on == date(2024, 4, 19)
    assert org.current_term(branch.id, on=TODAY).seats[0].member_id == ids[1]
    assert org.current_term(branch.id, on=date(2020, 1, 1)).id == first.id


def test_small_branch_warning_in_check(services, org):
    branch = org.create_first_branch("支部")
    add_members(services, branch.id, 3, probationary=2)
    messages = [p.message for p in org.committee_check(branch.id, today=TODAY)]
    assert any("3" in m and "正式党员" in m for m in messages)


def test_group_leader_and_member_must_belong(services, org):
    branch = org.create_first_branch("支部")
    group = org.add_unit("第一党小组", kind="group", parent_id=branch.id)
    inside = add_members(services, branch.id, 1, group_id=group.id)[0]
    outside = services.members.add(branch.id, MemberInput(
        name="组外党员", id_number=make_id_number("110101", date(1960, 1, 1), 1, gender="male"),
        joined_on=date(1990, 1, 1), full_member_on=date(1991, 1, 1)), today=TODAY)
    term = org.start_term(group.id, elected_on=date(2024, 1, 1))
    with pytest.raises(ValidationError, match="不是"):
        org.add_seat(term.id, member_id=outside, role="group_leader")
    assert org.add_seat(term.id, member_id=inside, role="group_leader").seat.role == "group_leader"


def test_grid(org):
    branch = org.create_first_branch("支部")
    g1 = org.add_unit("第一党小组", kind="group", parent_id=branch.id)
    area = org.add_area(branch.id, "东片区")
    b1 = org.add_building(area.id, "1号楼", group_id=g1.id)
    b2 = org.add_building(area.id, "2号楼")
    org.set_building_group(b2.id, g1.id)
    [row] = org.grid(branch.id)
    assert row.name == "东片区" and [(b.name, b.group_name) for b in row.buildings] == [("1号楼", "第一党小组"),
                                                                                       ("2号楼", "第一党小组")]
    other = org.add_unit("别的支部", kind="branch", parent_id=None)
    foreign = org.add_unit("别的小组", kind="group", parent_id=other.id)
    with pytest.raises(ValidationError):
        org.set_building_group(b1.id, foreign.id)
    org.remove_building(b1.id)
    assert [b.name for b in org.buildings(branch.id)] == ["2号楼"]
