"""What a reminder is: :class:`Reminder` (what is overdue or due, for whom, by when) and
:class:`ReminderTarget` (the record book that settles it).

Both are frozen dataclasses with a hand-written ``__init__`` (issue 16): an office's compliance check
builds hundreds of thousands of reminders, and the generated frozen ``__init__`` sets each field
through ``object.__setattr__`` (about 8 µs a reminder with its target). Writing the instance
dictionary once costs a third of that; the fields, their defaults, equality, hashing, ``repr`` and
``dataclasses.replace`` stay those of the dataclass, and assigning a field afterwards still raises.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Mapping

from dj_desktop.core.rules.lazy_text import LazyText


@dataclass(frozen=True, init=False)
class ReminderTarget:
    """What settles the reminder, named through the record-book registry.

    ``book`` is the key of the book whose form settles it; ``action`` is ``create`` (a new
    record of that book, its fields pre-filled from ``preset``) or ``open`` (the record
    ``record_id``). The GUI looks the book up in its form registry; no code names kinds.
    """

    book: str
    action: str
    branch_id: uuid.UUID
    record_id: uuid.UUID | None = None
    preset: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, book: str, action: str, branch_id: uuid.UUID, record_id: uuid.UUID | None = None,
                 preset: Mapping[str, Any] | None = None) -> None:
        d = self.__dict__
        d["book"], d["action"], d["branch_id"], d["record_id"] = book, action, branch_id, record_id
        d["preset"] = {} if preset is None else preset


@dataclass(frozen=True, init=False)
class Reminder:
    kind: str
    subject: str
    due: date
    status: str          # "overdue" or "due"
    message: str = LazyText()   # a str, or a function writing it when first read (issue 16)
    target: ReminderTarget = field(compare=False)
    branch_name: str = ""

    def __init__(self, kind: str, subject: str, due: date, status: str, message: str | Callable[[], str],
                 target: ReminderTarget, branch_name: str = "") -> None:
        # ``_message`` is where the LazyText field keeps its str or function (``lazy_text.py``).
        d = self.__dict__
        d["kind"], d["subject"], d["due"], d["status"] = kind, subject, due, status
        d["_message"], d["target"], d["branch_name"] = message, target, branch_name
