"""Many reminders of one kind, due day and status for one branch at once (issue 16, session 9).

The rules that owe something per member (a talk, study hours, a pledge, a political birthday) make
most of an office's reminders: 80 members a branch, a thousand branches, each owing four or five
things. A rule returns one :class:`ReminderBatch` per (kind, due day, status) holding the items that
owe it (members, or tuples of a member and its figures) and a ``build(item) -> Reminder``. The
reminders engine expands batches into :class:`Reminder` values for every caller that lists them
(``expand``), from the same items, so listing and counting cannot disagree; the office's compliance
check counts a batch by its length and builds only the few reminders it shows (``tally``).
"""

from __future__ import annotations

import heapq
from collections import Counter
from datetime import date
from operator import attrgetter
from typing import Any, Callable, Iterable, Sequence

from dj_desktop.core.rules.reminder import Reminder


class ReminderBatch:
    """Reminders ``build(item)`` for each of ``items``, all of ``kind``, due on ``due`` with ``status``,
    for the branch whose id's int is ``branch_int``; ``subject_of(item)`` is each reminder's subject.
    With ``due_of`` (and ``due`` None) each item has its own due day ``due_of(item)`` (a meeting's periods)."""

    __slots__ = ("kind", "due", "status", "branch_int", "items", "subject_of", "build", "due_of")

    def __init__(self, kind: str, due: date | None, status: str, branch_int: int, items: Sequence[Any],
                 subject_of: Callable[[Any], str], build: Callable[[Any], Reminder],
                 due_of: Callable[[Any], date] | None = None) -> None:
        self.kind, self.due, self.status, self.branch_int = kind, due, status, branch_int
        self.items, self.subject_of, self.build, self.due_of = items, subject_of, build, due_of

    def reminders(self) -> list[Reminder]:
        return list(map(self.build, self.items))


#: ``subject_of`` for the usual items: a member, or a tuple whose first value is the member.
member_subject = attrgetter("name")


def first_member_subject(item: tuple) -> str:
    return item[0].name


def expand(rows: Iterable[Reminder | ReminderBatch]) -> list[Reminder]:
    """Every reminder of ``rows`` in order, each batch replaced by its reminders."""
    out: list[Reminder] = []
    for row in rows:
        if type(row) is ReminderBatch:
            out += map(row.build, row.items)
        else:
            out.append(row)
    return out


def branch_int(row: Reminder | ReminderBatch) -> int:
    """The int of the branch id a reminder or batch is for (hashing a UUID is a Python call)."""
    return row.branch_int if type(row) is ReminderBatch else row.target.branch_id.int


def tally(rows: Sequence[Reminder | ReminderBatch], first: int = 3) -> tuple[int, int, dict[str, int], list[Reminder]]:
    """``(overdue, due, {kind: overdue count}, the first oldest overdue reminders)`` of one branch's rows —
    the same as counting ``expand(rows)``: kinds in order of first appearance, the oldest by (due, kind,
    subject) with ties in list order. Only those oldest reminders of a batch are built."""
    overdue = due = 0
    by_kind: Counter[str] = Counter()
    late: list[Reminder | ReminderBatch] = []
    for row in rows:
        if type(row) is ReminderBatch:
            n = len(row.items)
            if not n:
                continue
        else:
            n = 1
        if row.status == "overdue":
            overdue += n
            by_kind[row.kind] += n
            late.append(row)
        else:
            due += n
    return overdue, due, dict(by_kind), _oldest(late, first)


def _oldest(late: list[Reminder | ReminderBatch], n: int) -> list[Reminder]:
    """``sorted(expand(late), key=(due, kind, subject))[:n]`` without expanding the batches: only rows due
    no later than the n-th oldest due day (counting a batch's items) are looked at."""
    if not late or n <= 0:
        return []
    dues: list[tuple[date, int]] = []
    for row in late:
        if type(row) is not ReminderBatch:
            dues.append((row.due, 1))
        elif row.due_of is None:
            dues.append((row.due, len(row.items)))
        else:
            dues += ((row.due_of(item), 1) for item in row.items)
    dues.sort()
    left, cut = n, dues[-1][0]
    for day, count in dues:
        left -= count
        if left <= 0:
            cut = day
            break
    candidates = []
    for pos, row in enumerate(late):
        if type(row) is ReminderBatch and row.due_of is not None:
            for i, item in enumerate(row.items):
                day = row.due_of(item)
                if day <= cut:
                    candidates.append((day, row.kind, row.subject_of(item), pos, i, row, item))
            continue
        if row.due > cut:
            continue
        if type(row) is ReminderBatch:
            # a batch's items share due and kind: its first n by subject (a stable sort) are its candidates
            best = heapq.nsmallest(n, enumerate(row.items), key=lambda it: row.subject_of(it[1]))
            candidates += [(row.due, row.kind, row.subject_of(item), pos, i, row, item) for i, item in best]
        else:
            candidates.append((row.due, row.kind, row.subject, pos, 0, row, None))
    chosen = heapq.nsmallest(n, candidates, key=lambda c: c[:5])
    return [c[5].build(c[6]) if type(c[5]) is ReminderBatch else c[5] for c in chosen]
