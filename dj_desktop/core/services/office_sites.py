"""What the office window shows first: the office's identity and every branch site that sent
bundles. Core statements on the sync tables, without the import machinery of
:mod:`dj_desktop.core.services.office`, so the window opens fast on 10,000 branches (issue 16)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from dj_desktop.core.db import Database
from dj_desktop.core.models import BranchSite, OfficeIdentity, Organisation, SyncDevice
from dj_desktop.core.text import natural_key
from dj_desktop.sync.keys import fingerprint


@dataclass(frozen=True)
class OfficeInfo:
    office_id: str
    name: str
    key_id: str
    fingerprint: str      # of the office's public keys, as the branch prints it after enrolment
    created_at: datetime


@dataclass(frozen=True)
class BranchInfo:
    site_id: str
    name: str
    device_id: str
    device_fingerprint: str
    revoked: bool
    contiguous_seq: int
    last_seq_to: int
    last_bundle_id: str
    last_bundle_at: datetime | None
    bundle_count: int


@dataclass(frozen=True)
class BranchUnit:
    id: uuid.UUID
    name: str
    site_id: str


def office_info(row: OfficeIdentity) -> OfficeInfo:
    return OfficeInfo(office_id=row.office_id, name=row.name, key_id=row.key_id,
                      fingerprint=fingerprint(row.enc_public, row.sign_public), created_at=row.created_at)


class OfficeSitesService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def info(self) -> OfficeInfo | None:
        """The office's name and key fingerprint; None on a branch's database."""
        with self._db.sessions.begin() as s:
            row = s.get(OfficeIdentity, 1)
            return None if row is None else office_info(row)

    def branches(self) -> list[BranchInfo]:
        """Every site that sent bundles with its current device, by name; one query."""
        site, device = BranchSite.__table__, SyncDevice.__table__
        stmt = select(site.c.site_id, site.c.name, site.c.device_id, site.c.contiguous_seq, site.c.last_seq_to,
                      site.c.last_bundle_id, site.c.last_bundle_at, site.c.bundle_count,
                      device.c.fingerprint, device.c.revoked).outerjoin(
            device, device.c.device_id == site.c.device_id)
        with self._db.engine.connect() as conn:
            out = [BranchInfo(
                site_id=r.site_id, name=r.name, device_id=r.device_id, device_fingerprint=r.fingerprint or "",
                revoked=bool(r.revoked), contiguous_seq=r.contiguous_seq, last_seq_to=r.last_seq_to,
                last_bundle_id=r.last_bundle_id, last_bundle_at=r.last_bundle_at, bundle_count=r.bundle_count)
                for r in conn.execute(stmt)]
        return sorted(out, key=lambda b: (natural_key(b.name), b.site_id))

    def branch_units(self, site_id: str | None = None) -> list[BranchUnit]:
        """Branch units and the site that created each, by name; only ``site_id``'s when given."""
        unit = Organisation.__table__.c
        stmt = select(unit.id, unit.name, unit.origin).where(unit.kind == "branch", unit.deleted.is_(False))
        if site_id is not None:
            stmt = stmt.where(unit.origin == site_id)
        with self._db.engine.connect() as conn:
            return [BranchUnit(id=r.id, name=r.name, site_id=r.origin)
                    for r in conn.execute(stmt.order_by(unit.name, unit.id))]
