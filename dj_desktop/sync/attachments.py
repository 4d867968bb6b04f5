"""Attachment bytes in bundles: which files a bundle carries, and keeping them at the office.

A record table takes part when it has a ``sha256`` column (the content hash of a stored file);
no table needs to be named here.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any, Callable, Iterator

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from dj_desktop.core.models import OfficeAttachment
from dj_desktop.sync.payload import Payload
from dj_desktop.sync.records import sync_tables

HASH_COLUMN = "sha256"


def attachment_tables() -> list[Table]:
    return _attachment_tables(sync_tables())


@lru_cache(maxsize=4)
def _attachment_tables(tables: tuple[Table, ...]) -> list[Table]:
    # Per set of record tables (asked for every imported bundle; the column test costs ~0.1 ms).
    return [t for t in tables if HASH_COLUMN in t.c]


def collect(records: dict[str, list[dict[str, Any]]],
            read: Callable[[str], bytes | None]) -> Iterator[tuple[str, bytes]]:
    """(hash, bytes) of every live file the exported records point to, each hash once, read one at a
    time. A file that is gone or no longer matches its hash (a damaged disk) is left out: the office
    reports it as missing instead of refusing the whole bundle."""
    seen: set[str] = set()
    for table in attachment_tables():
        for record in records.get(table.name, ()):
            sha = (record.get("data") or {}).get(HASH_COLUMN)
            if sha and sha not in seen and not record.get("deleted"):
                seen.add(sha)
                content = read(sha)
                if content is not None and hashlib.sha256(content).hexdigest() == sha:
                    yield sha, content


def store_attachments(s: Session, payload: Payload, rows: dict[str, list[dict[str, Any]]], *, bundle_id: str,
                      problems: list[dict[str, Any]]) -> dict[str, int]:
    """Keep new files once per hash; report live records whose file is neither here nor in the bundle.
    ``rows``: the bundle's records as column values, per table name."""
    hashes = set(payload.attachments)
    present = set(s.scalars(select(OfficeAttachment.sha256).where(OfficeAttachment.sha256.in_(hashes)))) if hashes else set()
    stored = 0
    for sha, content in payload.attachments.items():
        if sha not in present:
            s.add(OfficeAttachment(sha256=sha, size=len(content), content=content, bundle_id=bundle_id))
            stored += 1
    if stored:
        s.flush()
    missing = 0
    for table in attachment_tables():
        wanted = {}
        for row in rows.get(table.name, ()):
            sha = row.get(HASH_COLUMN)
            if sha and not row["deleted"] and sha not in payload.attachments:
                wanted.setdefault(sha, []).append(str(row["id"]))
        if not wanted:
            continue
        known = set(s.scalars(select(OfficeAttachment.sha256).where(OfficeAttachment.sha256.in_(list(wanted)))))
        for sha, ids in sorted(wanted.items()):
            if sha in known:
                continue
            for record_id in ids:
                missing += 1
                problems.append({"code": "attachment_missing", "table": table.name, "id": record_id,
                                 "sha256": sha})
    return {"stored": stored, "already_present": len(present), "missing": missing}
