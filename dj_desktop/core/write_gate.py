"""Reads before the file check's verdict, writes after it.

The GUI opens a database with ``check_later`` (``core/db.py``): ``PRAGMA quick_check`` runs on a thread
(2 s for the 1.6 GB office file of 10,000 branches) while the window is built and used. Reading a file
whose check has not ended is harmless; writing to a damaged one is what must never happen. So every
statement that is not a plain ``SELECT`` first waits for the check (usually long over by the time a user
saves something) and fails with its :class:`~dj_desktop.core.db_files.DatabaseDamagedError` when the file
is damaged. Raw ``sqlite3`` writers (a password change, a restore) close the engine first, and
``Database.dispose`` waits for the check to end.
"""

from __future__ import annotations

import threading
from typing import Callable

from sqlalchemy import Engine, event


def hold_writes(engine: Engine, verdict: Callable[[], None]) -> None:
    """Make every write through ``engine`` first call ``verdict`` (the check's ``wait``: it returns
    once the check has passed and raises when it failed), once, whichever thread writes first."""
    gate = _Gate(verdict)
    event.listen(engine, "before_cursor_execute", gate.before_execute)


def reads_only(statement: str, context) -> bool:
    """A statement that cannot change the file: a compiled ``SELECT`` or SQL text starting with one."""
    if context is not None and (context.isddl or context.isinsert or context.isupdate or context.isdelete):
        return False
    if context is not None and context.compiled is not None and not context.is_text:
        return True
    return statement.lstrip().upper().startswith("SELECT")


class _Gate:
    def __init__(self, verdict: Callable[[], None]) -> None:
        self._verdict, self._passed = verdict, False
        self._lock = threading.Lock()

    def before_execute(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if self._passed or reads_only(statement, context):
            return
        with self._lock:
            self._verdict()             # raises when the file is damaged: nothing is written
            self._passed = True
