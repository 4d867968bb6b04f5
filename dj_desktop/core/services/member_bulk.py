"""Batch validation and add-or-update of many members in one transaction (Excel import, demo)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core import tracking
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import Member, MemberEvent
from dj_desktop.core.progress import Progress, step
from dj_desktop.core.rules.problems import has_errors
from dj_desktop.core.services.member_events import event_rows_for_change, event_rows_for_new
from dj_desktop.core.services.member_records import MemberInput, RowProblems, UpsertResult
from dj_desktop.core.services.member_validation import (
    BranchContext, clean_input, column_values, duplicate_problems, input_problems,
)


def validate_batch(s: Session, branch_id: uuid.UUID, inputs: Sequence[MemberInput], *, today: date,
                   row_numbers: Sequence[int] | None) -> list[RowProblems]:
    return _validate_cleaned(s, branch_id, [clean_input(d) for d in inputs], today=today, row_numbers=row_numbers)


def _validate_cleaned(s: Session, branch_id: uuid.UUID, cleaned: list[MemberInput], *, today: date,
                      row_numbers: Sequence[int] | None) -> list[RowProblems]:
    rows = list(row_numbers) if row_numbers is not None else list(range(1, len(cleaned) + 1))
    ctx = BranchContext.load(s, branch_id, id_numbers=[d.id_number for d in cleaned])
    duplicates = duplicate_problems(cleaned, row_numbers=rows)
    out: list[RowProblems] = []
    for index, data in enumerate(cleaned):
        holder = ctx.same_branch_holder(data.id_number)
        problems = input_problems(data, ctx, today=today, member_id=holder.member_id if holder else None)
        if index in duplicates:
            problems.append(duplicates[index])
        if problems:
            out.append(RowProblems(index, tuple(problems)))
    return out


def upsert_batch(s: Session, branch_id: uuid.UUID, inputs: Sequence[MemberInput], *, reason: str,
                 batch_id: uuid.UUID | None, today: date, progress: Progress | None) -> UpsertResult:
    cleaned = [clean_input(d) for d in inputs]
    failures = [r for r in _validate_cleaned(s, branch_id, cleaned, today=today, row_numbers=None)
                if has_errors(r.problems)]
    if failures:
        first = failures[0]
        problem = next(p for p in first.problems if p.is_error)
        raise ValidationError({problem.field: _("{count} rows have errors; nothing was saved. Row {row}: {problem}")
                               .format(count=len(failures), row=first.index + 1, problem=problem.message)})
    s.info["reason"], s.info["batch_id"] = reason, batch_id
    s.flush()  # the comparison below reads the database, so pending edits of the caller go first
    existing = _existing_rows(s, branch_id, [d.id_number for d in cleaned])
    new_rows: list[dict] = []
    changes: dict[uuid.UUID, dict] = {}
    ids: list[uuid.UUID] = []
    added = unchanged = 0
    total = len(cleaned)
    for index, data in enumerate(cleaned):
        values = column_values(data)
        current = existing.get(data.id_number)
        if current is None:
            row = {"id": uuid.uuid4(), "branch_id": branch_id, "status": "active", "left_on": None, **values}
            new_rows.append(row)
            ids.append(row["id"])
            added += 1
        else:
            if data.arrived_on is None:
                values.pop("arrived_on")
            changed = {k: v for k, v in values.items() if current[k] != v}
            if changed:
                changes[current["id"]] = changed
            else:
                unchanged += 1
            ids.append(current["id"])
        if index % 500 == 0:
            step(progress, index, total, _("Saving members"))
    # Only members that change are loaded as ORM objects, so the tracking hook writes their history.
    event_rows = _apply_changes(s, changes, today=today)
    for row in new_rows:
        event_rows += event_rows_for_new(row["id"], row, came_from=None)
    s.flush()  # updates first, through the tracking hook
    if new_rows:
        tracking.stamp_rows(s, new_rows, history_table=Member.__tablename__)
        s.connection().execute(Member.__table__.insert(), new_rows)
    if event_rows:
        for row in event_rows:
            row.setdefault("other_organisation", "")
            row.setdefault("note", "")
        tracking.stamp_rows(s, event_rows, history_table=MemberEvent.__tablename__)
        s.connection().execute(MemberEvent.__table__.insert(), event_rows)
    step(progress, total, total, _("Saving members"))
    return UpsertResult(added=added, updated=len(changes), unchanged=unchanged, member_ids=tuple(ids))


def _existing_rows(s: Session, branch_id: uuid.UUID, numbers: list[str]) -> dict[str, dict]:
    """Column values of the branch's members with these ID numbers, as plain mappings."""
    found: dict[str, dict] = {}
    unique = sorted(set(numbers))
    table = Member.__table__
    for start in range(0, len(unique), 500):
        for row in s.connection().execute(select(table).where(
                table.c.branch_id == branch_id, table.c.deleted.is_(False),
                table.c.id_number.in_(unique[start:start + 500]))).mappings():
            found[row["id_number"]] = row
    return found


def _apply_changes(s: Session, changes: dict[uuid.UUID, dict], *, today: date) -> list[dict]:
    event_rows: list[dict] = []
    keys = list(changes)
    for start in range(0, len(keys), 500):
        for member in s.scalars(select(Member).where(Member.id.in_(keys[start:start + 500]))):
            changed = changes[member.id]
            event_rows += event_rows_for_change(member, changed, on=today)
            for key, value in changed.items():
                setattr(member, key, value)
    return event_rows
