"""Record books: the registry (``registry.py``) and one descriptor module per book.

:func:`load_books` imports every module of this package once, so each book's
``register_book(...)`` runs and its ORM model is mapped; everything that iterates the
books (and ``record_tables()``) calls it first. A new book needs no edit here.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading

from dj_desktop.core.books.registry import (
    Column, RecordBook, RecordForm, UnknownBook, register_book, registered, unregister_book,
)

#: Modules of this package that are machinery, not books.
_MACHINERY = frozenset({"registry", "records", "reminders", "views"})
_loaded = False
_loading = False
#: The dashboard loads the books on a worker thread while the UI thread may ask for them too: the
#: second caller waits until every book is registered instead of seeing half of them.
_lock = threading.RLock()


def load_books() -> None:
    global _loaded, _loading
    if _loaded:
        return
    with _lock:
        if _loaded or _loading:                 # done meanwhile, or a book module asking while it loads
            return
        _loading = True
        try:
            from dj_desktop.core.models import load_all
            load_all()                          # the foundation's models, then every book's
            for info in pkgutil.iter_modules(__path__):
                if info.name not in _MACHINERY and not info.name.startswith("_"):
                    importlib.import_module(f"{__name__}.{info.name}")
            _loaded = True
        finally:
            _loading = False


def books() -> list[RecordBook]:
    """Every registered book, in display order."""
    load_books()
    return registered()


def book(key: str) -> RecordBook:
    """The book registered as ``key``; :class:`UnknownBook` (listing the known keys) otherwise."""
    for candidate in books():
        if candidate.key == key:
            return candidate
    raise UnknownBook(key, [b.key for b in books()])


def book_for_table(table_name: str) -> RecordBook | None:
    return next((b for b in books() if b.table_name == table_name), None)


__all__ = ["Column", "RecordBook", "RecordForm", "UnknownBook", "book", "book_for_table", "books",
           "load_books", "register_book", "unregister_book"]
