"""Grouped compliance gives each branch the row that checking it alone gives, on hand-made branches
that between them make every reminder kind the registered books declare (a new kind fails here until
a branch below makes it)."""

from __future__ import annotations

from collections import Counter

from dj_desktop.core.books import books
from tests.core.compliance_world import DAYS, build_branches


def _row(items):
    overdue = [r for r in items if r.status == "overdue"]
    return (len(overdue), len(items) - len(overdue), dict(Counter(r.kind for r in overdue)),
            min((r.due for r in overdue), default=None))


def test_grouped_rows_equal_each_branch_alone_for_every_kind(services, db):
    ids = build_branches(services, db)
    declared = set().union(*(b.reminder_kinds for b in books() if b.reminders is not None))
    made: set[str] = set()
    for day in DAYS:
        rows = {c.branch_id: c for c in services.office_books.compliance(day)}
        grouped = {b.id: items for b, items in services.reminders.reminders_by_branch(day, chunk=2)}
        assert set(rows) == set(grouped) == set(ids)
        for branch in ids:
            alone = services.reminders.reminders(day, branch_id=branch)
            assert sorted(grouped[branch], key=repr) == sorted(alone, key=repr), (day, branch)
            row = rows[branch]
            assert (row.overdue, row.due, row.overdue_by_kind, row.oldest_overdue) == _row(alone), (day, branch)
            made |= {r.kind for r in alone}
    assert made == declared, f"kinds no test branch makes: {sorted(declared - made)}"
