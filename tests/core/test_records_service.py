"""The generic record service over registered books: one way to get, list, write, tombstone,
restore and read the history of any book's records."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from dj_desktop.core.books import UnknownBook, book, books
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import record_tables
from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)


@pytest.fixture
def world(db):
    return build_world(db)


def _talk(world, **values) -> dict:
    return {"branch_id": world.branch, "held_on": date(2026, 6, 1), "talker_id": world.members["王书记"],
            "talkee_id": world.members["钱一"], "topic": "思想汇报", **values}


def test_every_book_is_registered_once_with_a_table_that_syncs():
    keys = [b.key for b in books()]
    assert keys[:5] == ["members", "terms", "meetings", "talks", "plans"]
    assert len(keys) == len(set(keys))
    synced = {t.name for t in record_tables()}
    assert all(b.table_name in synced for b in books())


def test_unknown_book_lists_the_known_ones(services):
    with pytest.raises(UnknownBook) as caught:
        services.records.list("minutes")
    assert "minutes" in str(caught.value) and "meetings" in str(caught.value) and "talks" in str(caught.value)


def test_create_update_tombstone_restore_and_history(services, world):
    records = services.records
    talk = records.create("talks", _talk(world), today=TODAY)
    assert talk.title == "思想汇报" and talk.texts[1:3] == ("王书记", "钱一")
    records.update("talks", talk.id, {"place": "党员活动室"}, reason="补记地点", today=TODAY)
    with pytest.raises(ValidationError) as refused:
        records.tombstone("talks", talk.id, reason="  ")
    assert "原因" in str(refused.value)
    records.tombstone("talks", talk.id, reason="重复录入")
    assert records.list("talks", branch_id=world.branch) == []
    assert [t.id for t in records.list("talks", branch_id=world.branch, deleted=True)] == [talk.id]
    with pytest.raises(UserError, match="已被删除"):
        records.update("talks", talk.id, {"place": "x"}, today=TODAY)
    restored = records.restore("talks", talk.id, reason="误删")
    assert not restored.deleted and restored.values["place"] == "党员活动室"
    with pytest.raises(UserError, match="没有被删除"):
        records.restore("talks", talk.id)
    history = records.history("talks", talk.id)
    assert [(h.action, h.reason) for h in history] == [
        ("create", ""), ("update", "补记地点"), ("delete", "重复录入"), ("restore", "误删")]
    assert history[1].changes == {"place": ["", "党员活动室"]}
    # The talk service reads the same history: one place, every book.
    assert services.talks.history(talk.id) == history


def test_validation_is_the_books_own(services, world):
    with pytest.raises(ValidationError) as caught:
        services.records.create("talks", _talk(world, held_on=date(2026, 12, 1), topic=" "), today=TODAY)
    assert set(caught.value.problems) == {"held_on", "topic"}
    assert services.records.list("talks") == []


def test_books_written_by_their_own_service_refuse_generic_writes(services, world):
    with pytest.raises(UserError, match="专门的登记界面"):
        services.records.create("meetings", {"branch_id": world.branch}, today=TODAY)


def test_unique_fields_hold_on_create_and_restore(services, world):
    first = services.plans.save(world.branch, year=2026, kind="plan", title="计划", body="正文")
    services.plans.tombstone(first.id, reason="重写")
    second = services.plans.save(world.branch, year=2026, kind="plan", title="新计划", body="新正文")
    assert second.id != first.id
    with pytest.raises(UserError, match="相同"):
        services.records.restore("plans", first.id)
    with pytest.raises(UserError, match="相同"):
        services.records.create("plans", {"branch_id": world.branch, "year": 2026, "kind": "plan", "body": "x"},
                                today=TODAY)


def test_year_filter_at_its_boundaries(services, world):
    for day in (date(2025, 12, 31), date(2026, 1, 1), date(2026, 12, 31)):
        services.records.create("talks", _talk(world, held_on=day), today=date(2027, 1, 1))
    assert [r.day for r in services.records.list("talks", year=2026)] == [date(2026, 1, 1), date(2026, 12, 31)]
    assert [r.day for r in services.records.list("talks", year=2025)] == [date(2025, 12, 31)]


def test_unknown_or_malformed_ids(services):
    with pytest.raises(UserError, match="不存在"):
        services.records.get("talks", uuid.uuid4())
    from dj_desktop.core.services.records import parse_record_id
    with pytest.raises(UserError, match="不是有效的记录编号"):
        parse_record_id("42")


def test_printout_of_a_book_without_a_form_is_the_record_sheet(services, world):
    talk = services.records.create("talks", _talk(world, summary="谈了学习情况"), today=TODAY)
    printout = services.records.printout("talks", talk.id)
    labels = dict(printout.data.fields)
    assert labels[_("Talk with")] == "钱一" and labels[_("Summary")] == "谈了学习情况"
    assert printout.branch_name == "红星社区党支部" and printout.stem.endswith("2026-06-01")


def test_reminder_kind_labels_come_from_every_book(services):
    labels = services.records.reminder_kind_labels()
    assert labels["committee_meeting"] == "支委会" and labels["term_ending"] and labels["political_birthday"]
    assert book("talks").reminder_kinds.keys() <= labels.keys()


def test_a_book_as_a_printed_section_of_a_year(services, world):
    services.records.create("talks", _talk(world, held_on=date(2026, 3, 1)), today=TODAY)
    services.records.create("talks", _talk(world, held_on=date(2025, 3, 1), topic="去年"), today=TODAY)
    table = services.records.section("talks", branch_id=world.branch, year=2026)
    assert table.rows == (("2026-03-01", "王书记", "钱一", "", "思想汇报"),)
    assert len(table.headers) == len(table.weights) == 5 and "2026" in table.title
    assert services.records.section("plans", branch_id=world.branch, year=2026).rows == ()
