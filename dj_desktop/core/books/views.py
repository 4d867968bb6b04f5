"""Plain values of records and books for the GUI, the CLI, Excel and printouts.

:func:`record_views` turns ORM rows of any book into :class:`RecordView` values with
member and organisation ids resolved to names, codes to labels and the book's computed
values added — a few queries for any number of records.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.books.records import editable_fields
from dj_desktop.core.books.registry import Column, RecordBook
from dj_desktop.core.i18n import _
from dj_desktop.core.models.member import Member
from dj_desktop.core.models.organisation import Organisation


@dataclass(frozen=True)
class ColumnInfo:
    key: str
    header: str          # translated
    kind: str
    main: bool
    width: int


@dataclass(frozen=True)
class BookInfo:
    """A registered book as the GUI and the CLI see it (no ORM class, titles translated)."""

    key: str
    title: str
    noun: str
    columns: tuple[ColumnInfo, ...]
    has_form: bool
    reminder_kinds: Mapping[str, str]    # kind → translated label
    dated_by_year: bool


@dataclass(frozen=True)
class RecordView:
    """One record of any book: its identity, date, title and every column as shown."""

    book: str
    id: uuid.UUID
    branch_id: uuid.UUID | None
    day: date | None
    year: int | None
    title: str
    #: The record's field values and the book's computed values (ids, codes, dates as stored).
    values: Mapping[str, Any]
    #: Display text of each of the book's columns, in column order.
    texts: tuple[str, ...]
    version: int
    deleted: bool


def book_info(book: RecordBook) -> BookInfo:
    return BookInfo(key=book.key, title=_(book.title), noun=book.noun_text(),
                    columns=tuple(ColumnInfo(c.key, _(c.header), c.kind, c.main, c.width) for c in book.columns),
                    has_form=book.form is not None,
                    reminder_kinds={k: _(v) for k, v in book.reminder_kinds.items()},
                    dated_by_year=book.year_field is not None)


def text_of(column: Column, value: Any, names: Mapping[uuid.UUID, str]) -> str:
    """How one value prints: names for ids, labels for codes, ISO dates, numbers without ``.0``."""
    if value is None or value == "":
        return ""
    if column.kind in ("member", "organisation"):
        return names.get(value, "")
    if column.kind == "vocabulary":
        label = (column.vocabulary or {}).get(value)
        return _(label) if label else str(value)
    if column.kind == "bool":
        return _("Yes") if value else _("No")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _names(s: Session, book: RecordBook, values: Sequence[Mapping[str, Any]]) -> dict[uuid.UUID, str]:
    wanted: dict[str, set] = {"member": set(), "organisation": set()}
    for column in book.columns:
        if column.kind in wanted:
            wanted[column.kind].update(v.get(column.key) for v in values)
    out: dict[uuid.UUID, str] = {}
    for kind, model in (("member", Member), ("organisation", Organisation)):
        ids = [i for i in wanted[kind] if i is not None]
        for chunk in range(0, len(ids), 500):
            out.update(s.execute(select(model.id, model.name).where(model.id.in_(ids[chunk:chunk + 500]))).all())
    return out


def record_views(s: Session, book: RecordBook, rows: Sequence[Any]) -> list[RecordView]:
    fields = editable_fields(book)
    values = [{f: getattr(r, f) for f in fields} for r in rows]
    if book.enrich is not None and rows:
        extra = book.enrich(s, list(rows))
        for v, r in zip(values, rows):
            v.update(extra.get(r.id, {}))
    names = _names(s, book, values)
    out = []
    for r, v in zip(rows, values):
        out.append(RecordView(
            book=book.key, id=r.id, branch_id=v.get(book.branch_field),
            day=v.get(book.date_field) if book.date_field else None,
            year=(v[book.date_field].year if book.date_field and v.get(book.date_field) else v.get(book.year_field)),
            title=book.title_of(v), values=v,
            texts=tuple(text_of(c, v.get(c.key), names) for c in book.columns),
            version=r.version, deleted=r.deleted))
    return out


@dataclass(frozen=True)
class RecordSheet:
    """One record of any book printed as a labelled sheet (books without a form of their own)."""

    book_title: str
    title: str
    branch_name: str
    day: date | None
    #: ``(label, text)`` of every column, in the book's order.
    fields: tuple[tuple[str, str], ...]
    record_id: str
    version: int
