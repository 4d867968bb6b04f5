"""What the office's merge reads of a bundle's records before it knows whether it holds them: their
identity, parents, natural keys and files. A record the office holds already is merged field by
field from all its values; for a new one these are all the merge reads besides the values it inserts.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Table

from dj_desktop.sync.attachments import HASH_COLUMN
from dj_desktop.sync.records import BOUND, sync_tables

#: Columns that identify a person or thing across sites; the same value on two live records is flagged.
NATURAL_KEYS = {"member": ("id_number",)}


@lru_cache(maxsize=None)
def parent_refs(table: Table) -> tuple[tuple[str, Table], ...]:
    """(column, parent table) for each foreign key that points at another record table."""
    records = set(sync_tables())
    return tuple((fk.parent.name, fk.column.table) for fk in table.foreign_keys if fk.column.table in records)


@lru_cache(maxsize=None)
def read_on_insert(table: Table) -> tuple[str, ...]:
    """The keys the import reads of a record the office does not hold yet: its identity, origin and
    deletion, change sequence and driver values, parents, natural keys and file. ``records.slim`` keeps
    these; anything else is read through ``records.full``."""
    names = ["id", "origin", "deleted", "change_seq", BOUND, *(column for column, _parent in parent_refs(table)),
             *NATURAL_KEYS.get(table.name, ())]
    if HASH_COLUMN in table.c:
        names.append(HASH_COLUMN)
    return tuple(dict.fromkeys(names))
