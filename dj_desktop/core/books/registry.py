"""The record-book registry: one :class:`RecordBook` descriptor per book, registered once.

Everything that works over "all the books" — the generic record service, the reminders
engine, the command line (``books``, ``list``, ``export``, ``print``), the office's books
page and the sync bundle — iterates this registry and never names a book. A book is its
own modules (ORM model, descriptor, optional providers) plus one ``register_book(...)``
call in its descriptor module under ``dj_desktop/core/books/`` (found by
:func:`dj_desktop.core.books.load_books`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from dj_desktop.core.books.reminders import BranchFacts, ReminderContext
    from dj_desktop.core.rules.cadence import Reminder

#: Kinds of a column's values; ``code`` is text that must stay text in Excel (ID numbers, phones).
COLUMN_KINDS = frozenset({"text", "date", "number", "code", "member", "organisation", "vocabulary", "bool"})


@dataclass(frozen=True)
class Column:
    """One column a book shows in lists, Excel, printouts and the office view.

    ``key`` names a field of the record (an ORM column) or a computed value the book's
    ``enrich`` adds. ``member`` and ``organisation`` columns hold ids and are shown by name;
    ``vocabulary`` columns hold a code shown through ``vocabulary`` (``{code: N_ label}``).
    """

    key: str
    header: str                               # an N_() string, translated where shown
    kind: str = "text"
    vocabulary: Mapping[str, str] | None = None
    #: Shown in ``dj-desktop list`` and the office view (the book's main columns).
    main: bool = True
    #: Width in characters in Excel.
    width: int = 14

    def __post_init__(self) -> None:
        if self.kind not in COLUMN_KINDS:
            raise ValueError(f"unknown column kind: {self.kind}")
        if self.kind == "vocabulary" and self.vocabulary is None:
            raise ValueError(f"column {self.key} of kind vocabulary needs its vocabulary")


#: ``(session, records) -> {record id: {key: value}}``: computed values for many records at once.
Enricher = Callable[["Session", list[Any]], Mapping[uuid.UUID, Mapping[str, Any]]]
#: ``(session, record values, today) -> None``; raises ``ValidationError`` for bad input.
Validator = Callable[["Session", Mapping[str, Any], date], None]
#: ``(context, branches) -> reminders`` for many branches at once (see ``books/reminders.py``).
ReminderProvider = Callable[["ReminderContext", "list[BranchFacts]"], Iterable["Reminder"]]


@dataclass(frozen=True)
class RecordForm:
    """A book's own printed form of one record (the generic record sheet is used otherwise).

    ``assemble(db, record_id)`` returns the plain data the writer lays out, and the branch
    name; ``writer`` is ``"module:function"`` of a writer in ``dj_desktop.reports`` taking
    ``(data, path, branch_name=...)``, imported only when printing.
    """

    assemble: Callable[[Any, uuid.UUID], tuple[Any, str]]
    writer: str


@dataclass(frozen=True)
class RecordBook:
    """Everything shared code needs to know about one record book."""

    key: str                       # English, stable: CLI argument, JSON, registry key
    title: str                     # N_() English title; Chinese through the catalogs
    model: type                    # the ORM class of the book's records (a RecordMixin table)
    columns: tuple[Column, ...]
    #: How one record is titled in lists: ``(values) -> text`` over the record's values
    #: (ORM fields and enriched values).
    title_of: Callable[[Mapping[str, Any]], str]
    #: The field that dates a record; ``year_field`` for books kept per year.
    date_field: str | None = None
    year_field: str | None = None
    #: The field naming the branch (organisation) the record belongs to.
    branch_field: str = "branch_id"
    #: A noun for messages: "the {noun} does not exist" (N_ string).
    noun: str = ""
    #: Fields whose values must be unique among live records (e.g. one plan per year and kind).
    unique_fields: tuple[str, ...] = ()
    validate: Validator | None = None
    enrich: Enricher | None = None
    reminders: ReminderProvider | None = None
    #: ``{reminder kind: N_ label}`` of the reminders this book's provider makes.
    reminder_kinds: Mapping[str, str] = field(default_factory=dict)
    form: RecordForm | None = None
    #: False for books whose records are written only through their own service (a meeting
    #: with its attendance, the roster with its events): the generic create/update refuse.
    generic_writes: bool = True
    #: Position among the books (lists, the office view, the yearly book).
    order: int = 100
    #: The fields naming the member a record concerns, for the member file (一人一档); None: every
    #: column of kind "member"; () keeps the book out of the file.
    member_fields: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if (self.date_field is None) == (self.year_field is None):
            raise ValueError(f"book {self.key}: give exactly one of date_field and year_field")

    @property
    def table_name(self) -> str:
        return self.model.__tablename__

    def member_field_names(self) -> tuple[str, ...]:
        if self.member_fields is not None:
            return self.member_fields
        return tuple(c.key for c in self.columns if c.kind == "member")

    def noun_text(self) -> str:
        return _(self.noun) if self.noun else _(self.title)


class UnknownBook(UserError):
    """A book key that no registered book has; the message lists the known ones."""

    def __init__(self, key: str, known: Iterable[str]):
        self.key = key
        super().__init__(_("There is no record book called “{key}”. Known books: {known}.").format(
            key=key, known=", ".join(known)))


_BOOKS: dict[str, RecordBook] = {}


def register_book(book: RecordBook) -> RecordBook:
    """Adds ``book`` to the registry (once per key; registering the same key again replaces it,
    so a module reloaded in a test does not fail)."""
    _BOOKS[book.key] = book
    return book


def unregister_book(key: str) -> None:
    _BOOKS.pop(key, None)


def registered() -> list[RecordBook]:
    """The registered books in their display order, without loading the built-in ones."""
    return sorted(_BOOKS.values(), key=lambda b: (b.order, b.key))
