"""Batches of reminders (issue 16): counting them (``tally``) gives what counting their reminders gives —
counts, kinds in order of first appearance, the three oldest overdue with ties in list order."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from datetime import date
from functools import partial
from operator import itemgetter

from dj_desktop.core.rules.reminder import Reminder, ReminderTarget
from dj_desktop.core.rules.reminder_batch import ReminderBatch, expand, tally

BRANCH = uuid.UUID(int=7)


def _build(kind: str, status: str, item: tuple[str, int, date]) -> Reminder:
    name, n, due = item
    return Reminder(kind, name, due, status, f"{kind} {name} #{n}", ReminderTarget("members", "open", BRANCH))


def _rows(rng: random.Random) -> list:
    rows, n = [], 0
    for _ in range(rng.randint(0, 6)):
        kind, status = rng.choice(["talks", "study_hours", "themed_day"]), rng.choice(["overdue", "overdue", "due"])
        due = date(2026, rng.randint(1, 3), 1)
        if rng.random() < 0.5:
            n += 1
            rows.append(_build(kind, status, (rng.choice("甲乙丙"), n, due)))
            continue
        own = rng.random() < 0.3   # each item its own due day (a meeting's periods)
        items = []
        for _ in range(rng.randint(0, 5)):   # an empty batch too; names repeat: ties keep list order
            n += 1
            items.append((rng.choice("甲乙丙丁"), n, date(2026, rng.randint(1, 3), 1) if own else due))
        rows.append(ReminderBatch(kind, None if own else due, status, BRANCH.int, items, itemgetter(0),
                                  partial(_build, kind, status), due_of=itemgetter(2) if own else None))
    return rows


def test_tally_counts_what_the_expanded_reminders_count():
    rng = random.Random(16)
    for _ in range(300):
        rows = _rows(rng)
        items = expand(rows)
        overdue = [r for r in items if r.status == "overdue"]
        oldest = sorted(overdue, key=lambda r: (r.due, r.kind, r.subject))[:3]
        got = tally(rows, 3)
        assert got[:3] == (len(overdue), len(items) - len(overdue), dict(Counter(r.kind for r in overdue)))
        assert list(got[2]) == list(dict(Counter(r.kind for r in overdue)))   # the JSON keeps this order
        assert [r.message for r in got[3]] == [r.message for r in oldest]



def test_birthdays_by_quarter_at_its_boundaries_and_on_29_february():
    from dj_desktop.core.rules.cadence import BranchFacts, member_reminders
    from dj_desktop.core.rules.member_facts import MemberFacts
    joined = [("闰", date(2004, 2, 29)), ("末", date(2000, 3, 31)), ("初", date(2000, 4, 1)),
              ("新", date(2026, 1, 5))]
    branch = BranchFacts(id=BRANCH, name="支部", members=tuple(
        MemberFacts(uuid.UUID(int=i + 1), name, date(1990, 1, 1), joined_on=day)
        for i, (name, day) in enumerate(joined)))

    def owed(on: date) -> list[tuple[str, date]]:
        return [(r.subject, r.due) for r in member_reminders(branch, on)]

    assert owed(date(2026, 1, 1)) == owed(date(2026, 3, 31)) == [("闰", date(2026, 3, 31)), ("末", date(2026, 3, 31))]
    assert owed(date(2026, 4, 1)) == [("初", date(2026, 6, 30))]
    q1 = date(2028, 3, 31)
    assert owed(date(2028, 2, 1)) == [("闰", q1), ("末", q1), ("新", q1)]
