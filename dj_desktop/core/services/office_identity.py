"""Whether a database is an office's: a query light enough for start-up, before the office
machinery (sync importer, crypto) is loaded."""

from __future__ import annotations

from dj_desktop.core.db import Database
from dj_desktop.core.models import OfficeIdentity


def is_office_database(db: Database) -> bool:
    """True when ``db`` was set up with ``office init`` (it holds the office keys)."""
    with db.sessions.begin() as s:
        return s.get(OfficeIdentity, 1) is not None
