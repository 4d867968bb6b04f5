"""The GUI side of the record-book registry: how each book's record is opened or created.

One module per book in this package calls :func:`register_opener` with the book's key
(the same key as its core descriptor). The dashboard's "办理" action, and anything else
that must open "the form that settles this", asks :func:`open_target`; no shared code
names a book or a reminder kind. Books without an opener get an information box.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from typing import TYPE_CHECKING, Callable

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from dj_desktop.core.i18n import _

if TYPE_CHECKING:
    from dj_desktop.core.rules.cadence import ReminderTarget
    from dj_desktop.core.services import Services

#: ``(host, services, target, on) -> dialog or None``: opens (without blocking) what the target names;
#: returns the dialog it opened, or None when it switched to a tab instead.
Opener = Callable[[QWidget, "Services", "ReminderTarget", date], "QDialog | None"]

_OPENERS: dict[str, Opener] = {}
_loaded = False


def register_opener(book_key: str, opener: Opener) -> Opener:
    _OPENERS[book_key] = opener
    return opener


def _load() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for info in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{info.name}")


def open_target(host: QWidget, services: Services, target: ReminderTarget, *, on: date,
                message: str = "") -> QDialog | None:
    """Opens the form or record ``target`` names; an information box with ``message`` when the
    book has no opener (or the opener cannot show it)."""
    _load()
    opener = _OPENERS.get(target.book)
    if opener is not None:
        try:
            return opener(host, services, target, on)
        except LookupError:
            pass
    QMessageBox.information(host, _("Reminder"), message)
    return None


def show_in_tab(host: QWidget, module: str, name: str, show: Callable[[QWidget], object]) -> None:
    """Switch the main window to one of its tabs and let ``show`` select the record there.
    Raises LookupError when the window has no such tab."""
    window = host.window()
    try:
        cls = getattr(importlib.import_module(module), name)
        tab = window.tab(cls)  # type: ignore[attr-defined]
    except (ImportError, AttributeError) as exc:
        raise LookupError(name) from exc
    window.tabs.setCurrentWidget(tab)  # type: ignore[attr-defined]
    show(tab)
