"""The office's compliance check runs the reminders engine over all branches at once, in chunks;
each branch's row must be what checking that branch alone gives."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from tests.core.manual_world import build_world

ON = date(2026, 11, 28)


@pytest.mark.parametrize("chunk", [1, 2, 200])
def test_grouped_rows_equal_each_branch_checked_alone(services, db, chunk):
    worlds = [build_world(db), build_world(db, founded=date(2026, 5, 20)), build_world(db, founded=date(2010, 1, 1)),
              build_world(db, records_start=date(2026, 9, 2))]   # 台账起始日期: later periods only
    services.talks.list()  # the registry is loaded
    grouped = {b.id: items for b, items in services.reminders.reminders_by_branch(ON, chunk=chunk)}
    assert set(grouped) == {w.branch for w in worlds}
    kinds = set()
    for world in worlds:
        alone = services.reminders.reminders(ON, branch_id=world.branch)
        assert sorted(grouped[world.branch], key=repr) == sorted(alone, key=repr)
        kinds |= {r.kind for r in alone}
    assert {"committee_meeting", "talks", "study_hours", "term_ending"} <= kinds
    late = services.reminders.reminders(ON, branch_id=worlds[3].branch)
    assert late and min(r.due for r in late) >= date(2026, 10, 1)   # nothing from before its start date

    rows = {c.branch_id: c for c in services.office_books.compliance(ON)}
    for world in worlds:
        alone = services.reminders.reminders(ON, branch_id=world.branch)
        overdue = [r for r in alone if r.status == "overdue"]
        row = rows[world.branch]
        assert (row.overdue, row.due) == (len(overdue), len(alone) - len(overdue))
        assert row.overdue_by_kind == dict(Counter(r.kind for r in overdue))
        assert row.oldest_overdue == (min(r.due for r in overdue) if overdue else None)


def test_a_date_before_any_record_gives_zero_counts(services, db):
    world = build_world(db, founded=date(2015, 3, 1))
    [row] = services.office_books.compliance(date(2000, 1, 1))
    assert row.branch_id == world.branch and (row.overdue, row.due, row.oldest_overdue) == (0, 0, None)
