"""What a database is at start: an office's, or a branch's with its Party branch set up. Queries
light enough for start-up, before the office machinery (sync importer, crypto) and the ORM's
models are loaded (issue 10)."""

from __future__ import annotations

from sqlalchemy import column, select, table

from dj_desktop.core.db import Database

#: The tables, named without importing their models.
_OFFICE_IDENTITY = table("office_identity", column("id"))
_ORGANISATION = table("organisation", column("kind"), column("deleted"))


def is_office_database(db: Database) -> bool:
    """True when ``db`` was set up with ``office init`` (it holds the office keys)."""
    with db.engine.connect() as conn:
        return conn.execute(select(_OFFICE_IDENTITY.c.id).where(_OFFICE_IDENTITY.c.id == 1)).first() is not None


def has_branch(db: Database) -> bool:
    """True when the database holds a Party branch (also ``OrganisationService.has_branch``)."""
    unit = _ORGANISATION.c
    with db.engine.connect() as conn:
        return conn.execute(select(unit.kind).where(unit.kind == "branch", unit.deleted.is_(False))
                            .limit(1)).first() is not None
