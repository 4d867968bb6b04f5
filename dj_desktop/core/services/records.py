"""RecordService: the generic record service over every registered book — get, list, create,
update, tombstone with a reason, restore, history and the printout of one record.

Each call is one transaction and returns plain frozen values (:class:`BookInfo`,
:class:`RecordView`, :class:`HistoryEntry`). Books with their own service (meetings,
talks, plans, the roster) use the same session-level operations (``core/books/records.py``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Mapping

from sqlalchemy import func, select

from dj_desktop.core.books import book, books
from dj_desktop.core.books import records as ops
from dj_desktop.core.books.records import HistoryEntry
from dj_desktop.core.books.registry import RecordBook
from dj_desktop.core.books.views import BookInfo, RecordSheet, RecordView, book_info, record_views
from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import Organisation
from dj_desktop.core.printouts import ReportTable

__all__ = ["BookInfo", "HistoryEntry", "Printout", "RecordService", "RecordView", "parse_record_id"]


@dataclass(frozen=True)
class Printout:
    """What to print for one record: the plain data and the report writer that lays it out."""

    writer: Callable[..., Any]
    data: Any
    branch_name: str
    #: A file name stem for a saved copy: the record's kind and date, e.g. "支委会-2026-11-28".
    stem: str


def parse_record_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(text).strip())
    except ValueError:
        raise UserError(_("{value} is not a record id (it looks like 1b4e28ba-2fa1-11d2-883f-0016d3cca427)."
                          ).format(value=text)) from None


def _writer(path: str) -> Callable[..., Any]:
    import importlib
    module, name = path.split(":")
    return getattr(importlib.import_module(module), name)


class RecordService:
    def __init__(self, db: Database):
        self._db = db

    # --- the registry, as plain values -----------------------------------------------------
    @staticmethod
    def books() -> list[BookInfo]:
        return [book_info(b) for b in books()]

    @staticmethod
    def book(key: str) -> BookInfo:
        return book_info(book(key))

    @staticmethod
    def reminder_kind_labels() -> dict[str, str]:
        """``{reminder kind: translated label}`` over every book's reminders."""
        out: dict[str, str] = {}
        for b in books():
            out.update({k: _(v) for k, v in b.reminder_kinds.items()})
        return out

    def counts(self, keys: list[str] | None = None) -> dict[str, int]:
        """Live records per book (of the books ``keys`` names, or of every book)."""
        chosen = [book(k) for k in keys] if keys is not None else books()
        with self._db.sessions.begin() as s:
            return {b.key: s.scalar(select(func.count()).select_from(b.model).where(b.model.deleted.is_(False)))
                    for b in chosen}

    # --- reading ---------------------------------------------------------------------------
    def list(self, key: str, *, branch_id: uuid.UUID | None = None, year: int | None = None,
             start: date | None = None, end: date | None = None, filters: Mapping[str, Any] | None = None,
             deleted: bool = False) -> list[RecordView]:
        b = book(key)
        with self._db.sessions.begin() as s:
            rows = ops.query(s, b, branch_id=branch_id, year=year, start=start, end=end, filters=filters,
                             deleted=deleted)
            return record_views(s, b, rows)

    def get(self, key: str, record_id: uuid.UUID) -> RecordView:
        """One record, deleted or not (a tombstone comes with ``deleted`` set)."""
        b = book(key)
        with self._db.sessions.begin() as s:
            return record_views(s, b, [ops.fetch(s, b, record_id, live=False)])[0]

    def history(self, key: str, record_id: uuid.UUID) -> list[HistoryEntry]:
        b = book(key)
        with self._db.sessions.begin() as s:
            return ops.history(s, b, record_id)

    # --- writing ---------------------------------------------------------------------------
    @staticmethod
    def _writable(key: str) -> RecordBook:
        b = book(key)
        if not b.generic_writes:
            raise UserError(_("Records of “{title}” are entered with their own form.").format(title=_(b.title)))
        return b

    def create(self, key: str, values: Mapping[str, Any], *, reason: str = "",
               today: date | None = None) -> RecordView:
        b = self._writable(key)
        with self._db.sessions.begin() as s:
            row = ops.create(s, b, values, today=today or date.today(), reason=reason)
            return record_views(s, b, [row])[0]

    def update(self, key: str, record_id: uuid.UUID, values: Mapping[str, Any], *, reason: str = "",
               today: date | None = None) -> RecordView:
        b = self._writable(key)
        with self._db.sessions.begin() as s:
            row = ops.update(s, b, record_id, values, today=today or date.today(), reason=reason)
            return record_views(s, b, [row])[0]

    def tombstone(self, key: str, record_id: uuid.UUID, *, reason: str) -> None:
        b = book(key)
        with self._db.sessions.begin() as s:
            ops.tombstone(s, b, record_id, reason=reason)

    def restore(self, key: str, record_id: uuid.UUID, *, reason: str = "") -> RecordView:
        b = book(key)
        with self._db.sessions.begin() as s:
            return record_views(s, b, [ops.restore(s, b, record_id, reason=reason)])[0]

    # --- printing --------------------------------------------------------------------------
    def section(self, key: str, *, branch_id: uuid.UUID | None = None, year: int | None = None) -> ReportTable:
        """The book's records of a branch and year as one printed table (its main columns): the
        section any yearly book, member file or report can include for a book without a layout
        of its own. Laid out by ``reports/pdf/tabular.py``; empty books say so."""
        info = self.book(key)
        main = [i for i, c in enumerate(info.columns) if c.main]
        rows = tuple(tuple(r.texts[i] for i in main) for r in self.list(key, branch_id=branch_id, year=year))
        title = _("{book} ({year})").format(book=info.title, year=year) if year else info.title
        return ReportTable(title, tuple(info.columns[i].header for i in main), rows,
                           tuple(float(info.columns[i].width) for i in main),
                           empty_text=_("No records this year") if year else _("No records"))

    def printout(self, key: str, record_id: uuid.UUID) -> Printout:
        """One live record as its book's printed form, or as the generic record sheet."""
        b = book(key)
        with self._db.sessions.begin() as s:
            view = record_views(s, b, [ops.fetch(s, b, record_id)])[0]
            branch = s.get(Organisation, view.branch_id) if view.branch_id else None
            branch_name = branch.name if branch is not None else ""
        stem = "-".join(p for p in (_(b.title), view.day.isoformat() if view.day else str(view.year or "")) if p)
        if b.form is not None:
            data, branch_name = b.form.assemble(self._db, record_id)
            return Printout(writer=_writer(b.form.writer), data=data, branch_name=branch_name, stem=stem)
        sheet = RecordSheet(book_title=_(b.title), title=view.title, branch_name=branch_name, day=view.day,
                            fields=tuple((_(c.header), text) for c, text in zip(b.columns, view.texts)),
                            record_id=str(view.id), version=view.version)
        return Printout(writer=_writer("dj_desktop.reports.pdf.record_sheet:write_record_sheet"), data=sheet,
                        branch_name=branch_name, stem=stem)
