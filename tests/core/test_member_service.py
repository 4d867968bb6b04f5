"""MemberService: validation, add/update with history, status changes, members_on, bulk upsert."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.rules.id_number import make_id_number
from dj_desktop.core.services.member_records import MemberInput

TODAY = date(2026, 11, 22)


@pytest.fixture
def branch(services):
    branch = services.organisation.create_first_branch("幸福里社区党支部")
    return branch


@pytest.fixture
def group(services, branch):
    return services.organisation.add_unit("第一党小组", kind="group", parent_id=branch.id)


def person(i=1, **changes):
    gender = "male" if i % 2 else "female"
    values = dict(name=f"党员{i}", id_number=make_id_number("110101", date(1975, 1, 1) + timedelta(days=i), i % 500,
                                                             gender=gender),
                  joined_on=date(2001, 7, 1), full_member_on=date(2002, 7, 1), phone="13800000000")
    values.update(changes)
    return MemberInput(**values)


class CountQueries:
    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._on)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._on)

    def _on(self, *args):
        self.count += 1


def test_add_derives_gender_birth_date_and_type(services, branch, group):
    member_id = services.members.add(branch.id, person(3, group_id=group.id, phone="１３９ ０００ ０００００"),
                                     today=TODAY)
    row = services.members.get(member_id)
    assert row.gender == "male" and row.birth_date == date(1975, 1, 4)
    assert row.member_type == "full" and row.status == "active" and row.arrived_on == date(2001, 7, 1)
    assert row.group_name == "第一党小组" and row.phone == "13900000000"
    events = services.members.detail(member_id).events
    assert [(e.kind, e.on) for e in events] == [("joined", date(2001, 7, 1)), ("became_full", date(2002, 7, 1))]


def test_validate_reports_each_field_in_chinese(services, branch):
    problems = services.members.validate(branch.id, person(name=" ", id_number="110101197501020001",
                                                           joined_on=date(1980, 1, 1), category="x"), today=TODAY)
    fields = {p.field: p for p in problems}
    assert set(fields) >= {"name", "id_number", "category"}
    assert "姓名" in fields["name"].message and "校验" in fields["id_number"].message
    young = services.members.validate(branch.id, person(joined_on=date(1990, 1, 1), full_member_on=None), today=TODAY)
    assert any(p.field == "joined_on" and p.is_error and "18" in p.message for p in young)
    mismatch = services.members.validate(branch.id, person(2, gender="male", birth_date=date(1975, 1, 1)), today=TODAY)
    assert {p.field for p in mismatch} == {"gender", "birth_date"}


def test_add_refuses_errors_and_duplicate_id(services, branch):
    with pytest.raises(ValidationError) as info:
        services.members.add(branch.id, person(full_member_on=date(2001, 1, 1)), today=TODAY)
    assert "full_member_on" in info.value.problems
    services.members.add(branch.id, person(1), today=TODAY)
    with pytest.raises(ValidationError, match="已登记为 党员1"):
        services.members.add(branch.id, person(1, name="另一个人", id_number=person(1).id_number.lower()), today=TODAY)
    other = services.organisation.add_unit("另一支部", kind="branch", parent_id=None)
    with pytest.raises(ValidationError, match="同一党员只能登记一次"):
        services.members.add(other.id, person(1), today=TODAY)
    assert services.members.find_by_id_number(" " + person(1).id_number + " ").name == "党员1"
    assert services.members.find_by_id_number("110101197501020001") is None


def test_update_writes_history_and_events(services, branch, group):
    member_id = services.members.add(branch.id, person(5, full_member_on=None, joined_on=TODAY - timedelta(days=30)),
                                     today=TODAY)
    row = services.members.get(member_id)
    assert row.member_type == "probationary"
    edited = replace(row.to_input(), phone="13911112222", group_id=group.id, category="mobile")
    services.members.update(member_id, edited, today=TODAY, reason="更正电话")
    detail = services.members.detail(member_id)
    assert detail.row.phone == "13911112222" and detail.row.category == "mobile"
    last = detail.history[-1]
    assert last.action == "update" and last.reason == "更正电话"
    assert last.changes["phone"] == ["13800000000", "13911112222"] and "name" not in last.changes
    assert {e.kind for e in detail.events} >= {"category_changed", "group_changed"}
    with pytest.raises(ValidationError):
        services.members.update(member_id, replace(edited, id_number="12345"), today=TODAY)


def test_status_changes_keep_the_record(services, branch):
    a = services.members.add(branch.id, person(1), today=TODAY)
    b = services.members.add(branch.id, person(2), today=TODAY)
    c = services.members.add(branch.id, person(3, joined_on=date(2025, 3, 1), full_member_on=None), today=TODAY)
    services.members.transfer_out(a, on=date(2025, 5, 1), to_organisation="海淀区某社区党支部")
    services.members.mark_deceased(b, on=date(2026, 1, 10))
    warnings = services.members.become_full(c, on=date(2026, 3, 2), today=TODAY)
    assert warnings == []
    with pytest.raises(UserError, match="已是正式党员"):
        services.members.become_full(c, on=date(2026, 3, 3), today=TODAY)
    with pytest.raises(UserError, match="已不在本支部"):
        services.members.remove(a, on=date(2026, 1, 1))
    with pytest.raises(ValidationError):
        services.members.transfer_out(c, on=date(2026, 1, 1), to_organisation=" ")
    assert [r.id for r in services.members.roster(branch.id)] == [c]
    everyone = {r.id: r for r in services.members.roster(branch.id, include_left=True)}
    assert everyone[a].status == "transferred_out" and everyone[a].left_on == date(2025, 5, 1)
    assert everyone[b].status == "deceased"
    out_event = services.members.detail(a).events[-1]
    assert out_event.kind == "transferred_out" and out_event.other_organisation == "海淀区某社区党支部"
    services.members.change_category(c, category="retired", on=TODAY)
    assert services.members.get(c).category == "retired"


def test_members_on_a_date(services, branch):
    a = services.members.add(branch.id, person(1, joined_on=date(2001, 7, 1)), today=TODAY)
    b = services.members.transfer_in(branch.id, person(2), on=date(2024, 3, 1), from_organisation="朝阳区某支部",
                                     today=TODAY)
    services.members.transfer_out(a, on=date(2025, 6, 30), to_organisation="别处")
    assert {r.id for r in services.members.members_on(branch.id, date(2024, 2, 29))} == {a}
    assert {r.id for r in services.members.members_on(branch.id, date(2025, 6, 30))} == {a, b}
    assert {r.id for r in services.members.members_on(branch.id, date(2025, 7, 1))} == {b}
    kinds = [e.kind for e in services.members.detail(b).events]
    assert "transferred_in" in kinds
    assert services.members.full_member_count(branch.id, on=date(2025, 1, 1)) == 2


def test_deleted_member_disappears(services, branch):
    a = services.members.add(branch.id, person(1), today=TODAY)
    services.members.delete(a, reason="重复录入")
    assert services.members.roster(branch.id, include_left=True) == []
    with pytest.raises(UserError):
        services.members.get(a)
    # The number is free again once the mistaken record is tombstoned.
    services.members.add(branch.id, person(1), today=TODAY)


def test_bulk_validate_and_upsert_without_per_row_queries(services, branch, group, db):
    existing = services.members.add(branch.id, person(0), today=TODAY)
    inputs = [person(i, group_id=group.id) for i in range(1, 601)]
    inputs.append(person(0, phone="13700000000"))            # updates the existing member
    with CountQueries(db.engine) as counter:
        assert services.members.validate_many(branch.id, inputs, today=TODAY) == []
    assert counter.count < 15
    with CountQueries(db.engine) as counter:
        result = services.members.upsert_many(branch.id, inputs, today=TODAY, reason="导入")
    assert counter.count < 30
    assert (result.added, result.updated, result.unchanged) == (600, 1, 0)
    assert result.member_ids[-1] == existing
    with CountQueries(db.engine) as counter:
        rows = services.members.roster(branch.id)
    assert counter.count == 1 and len(rows) == 601
    assert services.members.get(existing).phone == "13700000000"
    again = services.members.upsert_many(branch.id, inputs, today=TODAY)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 601)


def test_bulk_reports_duplicates_and_refuses(services, branch):
    inputs = [person(1), person(2), replace(person(1), name="重复"), person(3, id_number="bad")]
    report = services.members.validate_many(branch.id, inputs, today=TODAY, row_numbers=[2, 3, 4, 5])
    by_index = {r.index: r.problems for r in report}
    assert set(by_index) == {2, 3}
    assert "第 2 行" in by_index[2][0].message
    with pytest.raises(ValidationError, match="未保存任何数据"):
        services.members.upsert_many(branch.id, inputs, today=TODAY)
    assert services.members.roster(branch.id) == []


def test_upsert_in_callers_session_with_batch_id(services, branch, db):
    import uuid
    from sqlalchemy import select
    from dj_desktop.core.models import RecordHistory
    batch = uuid.uuid4()
    with db.sessions.begin() as s:
        services.members.upsert_many(branch.id, [person(1), person(2)], session=s, batch_id=batch, today=TODAY)
    with db.sessions() as s:
        rows = s.scalars(select(RecordHistory).where(RecordHistory.batch_id == batch)).all()
    assert {r.table_name for r in rows} == {"member", "member_event"}
    assert len([r for r in rows if r.table_name == "member"]) == 2


def test_member_who_left_can_come_back(services, branch):
    a = services.members.add(branch.id, person(1), today=TODAY)
    services.members.transfer_out(a, on=date(2024, 1, 10), to_organisation="外地某支部")
    with pytest.raises(ValidationError):
        services.members.transfer_in(branch.id, person(1), on=date(2023, 1, 1), from_organisation="外地某支部",
                                     today=TODAY)
    back = services.members.transfer_in(branch.id, person(1), on=date(2025, 2, 1), from_organisation="外地某支部",
                                        today=TODAY)
    assert back == a
    row = services.members.get(a)
    assert (row.status, row.arrived_on, row.left_on) == ("active", date(2025, 2, 1), None)
    assert [e.kind for e in services.members.detail(a).events][-2:] == ["transferred_out", "transferred_in"]


def test_removed_by_mistake_is_listed_with_its_reason_and_can_be_restored(services, branch):
    a = services.members.add(branch.id, person(1), today=TODAY)
    with pytest.raises(ValidationError):
        services.members.delete(a, reason="  ")  # a reason is required
    services.members.delete(a, reason="重复录入")
    removed, = services.members.removed_by_mistake(branch.id)
    assert (removed.id, removed.name, removed.reason) == (a, person(1).name, "重复录入")
    services.members.restore(a, reason="删错了")
    assert services.members.removed_by_mistake(branch.id) == []
    assert [m.id for m in services.members.roster(branch.id)] == [a]
    actions = [(h.action, h.reason) for h in services.members.detail(a).history]
    assert actions[-2:] == [("delete", "重复录入"), ("restore", "删错了")]
    with pytest.raises(UserError):
        services.members.restore(a)  # not removed any more


def test_restore_is_refused_while_the_id_number_is_in_use_again(services, branch):
    a = services.members.add(branch.id, person(1), today=TODAY)
    services.members.delete(a, reason="重复录入")
    services.members.add(branch.id, person(1), today=TODAY)
    with pytest.raises(UserError, match=person(1).id_number):
        services.members.restore(a)
