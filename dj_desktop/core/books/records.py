"""Generic record operations over any registered book, inside a caller's session.

Get, list, create, update, tombstone, restore and history are written once here; the
record service (``services/records.py``) wraps each in one transaction, and a book's own
service (meetings, talks, plans) calls these inside its transactions for what it shares
with every book. Writes go through the ORM so ``core/tracking.py`` stamps identity and
writes the history rows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.books.registry import RecordBook
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.models.base import IDENTITY_COLUMNS
from dj_desktop.core.models.meta import RecordHistory


@dataclass(frozen=True)
class HistoryEntry:
    """One write of a record from the audit trail."""

    action: str      # create / update / delete / restore
    at: object       # datetime (UTC)
    version: int
    reason: str
    changes: dict


def editable_fields(book: RecordBook) -> tuple[str, ...]:
    """The record's own fields: every column but the identity bookkeeping."""
    return tuple(c.key for c in book.model.__table__.columns if c.key not in IDENTITY_COLUMNS)


def fetch(s: Session, book: RecordBook, record_id: uuid.UUID, *, live: bool = True) -> Any:
    """The record; a :class:`UserError` naming the book when it does not exist (or, with
    ``live``, was deleted)."""
    row = s.get(book.model, record_id) if isinstance(record_id, uuid.UUID) else None
    if row is None or (live and row.deleted):
        message = (_("The {noun} does not exist or was deleted.") if live
                   else _("The {noun} does not exist."))
        raise UserError(message.format(noun=book.noun_text()))
    return row


def _check_fields(book: RecordBook, values: Mapping[str, Any]) -> None:
    unknown = sorted(set(values) - set(editable_fields(book)))
    if unknown:
        raise UserError(_("The {noun} has no field {fields}.").format(noun=book.noun_text(),
                                                                      fields=", ".join(unknown)))


def _check_unique(s: Session, book: RecordBook, row: Any, *, exclude: uuid.UUID | None = None) -> None:
    if not book.unique_fields:
        return
    model = book.model
    stmt = select(model.id).where(model.deleted.is_(False),
                                  *(getattr(model, f) == getattr(row, f) for f in book.unique_fields))
    if exclude is not None:
        stmt = stmt.where(model.id != exclude)
    if s.scalar(stmt.limit(1)) is not None:
        raise UserError(_("There is already a {noun} for the same {fields}; delete that one first if this one "
                          "should replace it.").format(noun=book.noun_text(),
                                                       fields=_(" and ").join(_field_labels(book))))


def _field_labels(book: RecordBook) -> list[str]:
    headers = {c.key: _(c.header) for c in book.columns}
    return [headers.get(f, f) for f in book.unique_fields]


def create(s: Session, book: RecordBook, values: Mapping[str, Any], *, today: date, reason: str = "") -> Any:
    """Validates ``values`` with the book's rules and adds the record (flushed, so it has its id)."""
    _check_fields(book, values)
    if book.validate is not None:
        book.validate(s, values, today)
    row = book.model(**values)
    _check_unique(s, book, row)
    s.info["reason"] = reason.strip()
    s.add(row)
    s.flush()
    return row


def update(s: Session, book: RecordBook, record_id: uuid.UUID, values: Mapping[str, Any], *, today: date,
           reason: str = "") -> Any:
    """Changes the fields given; the others keep their values. Unchanged fields write no history."""
    row = fetch(s, book, record_id)
    _check_fields(book, values)
    if book.validate is not None:
        current = {f: getattr(row, f) for f in editable_fields(book)}
        book.validate(s, {**current, **values}, today)
    s.info["reason"] = reason.strip()
    for key, value in values.items():
        setattr(row, key, value)
    _check_unique(s, book, row, exclude=row.id)
    s.flush()
    return row


def tombstone(s: Session, book: RecordBook, record_id: uuid.UUID, *, reason: str) -> Any:
    """Removes the record from the books, restorable; the reason goes into the history."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for deleting the {noun} (it is kept in the history)."
                                           ).format(noun=book.noun_text())})
    row = fetch(s, book, record_id)
    s.info["reason"] = reason.strip()
    row.deleted = True
    s.flush()
    return row


def restore(s: Session, book: RecordBook, record_id: uuid.UUID, *, reason: str = "") -> Any:
    row = fetch(s, book, record_id, live=False)
    if not row.deleted:
        raise UserError(_("The {noun} is not deleted; there is nothing to restore.").format(noun=book.noun_text()))
    _check_unique(s, book, row, exclude=row.id)
    s.info["reason"] = reason.strip()
    row.deleted = False
    s.flush()
    return row


def history(s: Session, book: RecordBook, record_id: uuid.UUID) -> list[HistoryEntry]:
    """Every write of the record, oldest first, with the reasons given."""
    fetch(s, book, record_id, live=False)
    rows = s.scalars(select(RecordHistory).where(
        RecordHistory.table_name == book.table_name, RecordHistory.record_id == record_id)
        .order_by(RecordHistory.change_seq, RecordHistory.id))
    return [HistoryEntry(action=r.action, at=r.at, version=r.version, reason=r.reason,
                         changes=dict(r.changes)) for r in rows]


def query(s: Session, book: RecordBook, *, branch_id: uuid.UUID | None = None, year: int | None = None,
          start: date | None = None, end: date | None = None, filters: Mapping[str, Any] | None = None,
          deleted: bool = False) -> list[Any]:
    """The book's records in date order: of one branch, one year or a date range, and with
    ``filters`` (``{field: value}``) matched exactly."""
    model = book.model
    stmt = select(model).where(model.deleted.is_(deleted))
    if branch_id is not None:
        stmt = stmt.where(getattr(model, book.branch_field) == branch_id)
    for key, value in (filters or {}).items():
        if key not in editable_fields(book):
            raise UserError(_("The {noun} has no field {fields}.").format(noun=book.noun_text(), fields=key))
        stmt = stmt.where(getattr(model, key) == value)
    if book.date_field is not None:
        day = getattr(model, book.date_field)
        if year is not None:
            stmt = stmt.where(day >= date(year, 1, 1), day <= date(year, 12, 31))
        if start is not None:
            stmt = stmt.where(day >= start)
        if end is not None:
            stmt = stmt.where(day <= end)
        stmt = stmt.order_by(day, model.created_at, model.id)
    else:
        by_year = getattr(model, book.year_field)
        if year is not None:
            stmt = stmt.where(by_year == year)
        if start is not None:
            stmt = stmt.where(by_year >= start.year)
        if end is not None:
            stmt = stmt.where(by_year <= end.year)
        stmt = stmt.order_by(by_year, model.created_at, model.id)
    return list(s.scalars(stmt))
