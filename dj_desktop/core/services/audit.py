"""The audit trail (全程纪实) for the viewer and `dj-desktop audit verify`: who changed which record
when, filtered by record, person and date; and the check of the hash chain."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from dj_desktop.core import audit
from dj_desktop.core.audit import ChainReport
from dj_desktop.core.db import Database
from dj_desktop.core.i18n import _
from dj_desktop.core.models.audit import AuditEntry
from dj_desktop.core.models.meta import RecordHistory
from dj_desktop.sync import audit_trail
from dj_desktop.sync.audit_trail import SiteChainReport

DEFAULT_LIMIT = 1000


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime           # UTC, as stored
    who: str
    table_name: str
    record_id: uuid.UUID
    action: str
    changes: dict
    reason: str


class AuditService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def entries(self, *, table_name: str | None = None, record_id: uuid.UUID | None = None,
                who: str | None = None, since: date | None = None, until: date | None = None,
                text: str = "", limit: int = DEFAULT_LIMIT) -> list[AuditRow]:
        """Newest first. ``since``/``until`` are inclusive days; ``text`` matches the changed values."""
        query = (select(AuditEntry.seq, AuditEntry.who, RecordHistory)
                 .join(RecordHistory, RecordHistory.id == AuditEntry.history_id)
                 .order_by(AuditEntry.seq.desc()).limit(limit))
        if table_name:
            query = query.where(RecordHistory.table_name == table_name)
        if record_id is not None:
            query = query.where(RecordHistory.record_id == record_id)
        if who:
            query = query.where(AuditEntry.who == who)
        if since is not None:
            query = query.where(RecordHistory.at >= datetime.combine(since, time.min))
        if until is not None:
            query = query.where(RecordHistory.at < datetime.combine(until + timedelta(days=1), time.min))
        with self._db.sessions() as s:
            rows = [AuditRow(seq=seq, at=h.at, who=person, table_name=h.table_name, record_id=h.record_id,
                             action=h.action, changes=dict(h.changes or {}), reason=h.reason or "")
                    for seq, person, h in s.execute(query)]
        if text:
            rows = [r for r in rows if text in str(r.changes) or text in r.reason]
        return rows

    def people(self) -> list[str]:
        with self._db.sessions() as s:
            return sorted(w for w in s.scalars(select(AuditEntry.who).distinct()) if w)

    def tables(self) -> list[str]:
        with self._db.sessions() as s:
            return sorted(s.scalars(select(RecordHistory.table_name).distinct()))

    def verify(self) -> ChainReport:
        with self._db.sessions() as s:
            return audit.verify(s)

    # At the office: the branches' chains as their bundles brought them (sync/audit_trail.py).
    def sites(self) -> list[str]:
        with self._db.sessions() as s:
            return audit_trail.sites(s)

    def verify_site(self, site_id: str) -> SiteChainReport:
        with self._db.sessions() as s:
            return audit_trail.verify_site(s, site_id)


def break_text(broken) -> str:
    """The first broken entry of the chain, in the user's words."""
    return _("The audit trail is broken at entry {seq} (history row {history}): {problem}.").format(
        seq=broken.seq, history=broken.history_id if broken.history_id is not None else "—",
        problem=audit_trail.problem_text(broken.problem))
