"""Helpers for the sync tests (imported by name: a module called ``conftest`` is ambiguous in a
suite with several conftest files)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import delete, select

from dj_desktop.core.db import Database, open_database
from dj_desktop.core.models import (
    AuditEntry,
    BranchSite, DeferredRecord, Member, OfficeAttachment, OfficeIdentity, Organisation, ReceivedBundle, RecordHistory,
    SyncConflict, SyncDevice, SyncEnrolment, record_tables,
)
from dj_desktop.core.services import Services, build_services
from dj_desktop.sync import export as export_mod
from dj_desktop.sync import keys
from dj_desktop.sync import payload as payload_mod
from dj_desktop.sync.format import CHUNK_SIZE, open_sealed, read_header, seal
from dj_desktop.sync.payload import Payload

PASSPHRASE = "correct horse battery"


@dataclass
class Office:
    services: Services
    enrolment: Path
    receipts: Path

    @property
    def db(self) -> Database:
        return self.services.db

    def import_files(self, *paths, passphrase: str = PASSPHRASE):
        return self.services.office.import_bundles(list(paths), passphrase=passphrase,
                                                   receipts_dir=self.receipts)

    def import_one(self, path):
        (result,) = self.import_files(path)
        return result


@dataclass
class Branch:
    services: Services
    stick: Path
    branch_id: uuid.UUID | None = None
    _counter: list[int] = field(default_factory=lambda: [0])

    @property
    def db(self) -> Database:
        return self.services.db

    @property
    def site_id(self) -> str:
        return self.db.site_id

    def add_branch(self, name: str = "幸福里社区党支部") -> uuid.UUID:
        with self.db.sessions.begin() as s:
            org = Organisation(name=name, kind="branch")
            s.add(org)
            s.flush()
            self.branch_id = org.id
        return self.branch_id

    def add_org(self, name: str, *, kind: str = "group", parent_id: uuid.UUID | None = None) -> uuid.UUID:
        with self.db.sessions.begin() as s:
            org = Organisation(name=name, kind=kind, parent_id=parent_id or self.branch_id)
            s.add(org)
            s.flush()
            return org.id

    def add_member(self, name: str, *, id_number: str | None = None, org_id: uuid.UUID | None = None) -> uuid.UUID:
        self._counter[0] += 1
        with self.db.sessions.begin() as s:
            m = Member(branch_id=org_id or self.branch_id, name=name, gender="male", birth_date=date(1980, 1, 1),
                       id_number=id_number or f"11010119800101{self._counter[0]:04d}",
                       joined_on=date(2005, 7, 1), arrived_on=date(2005, 7, 1))
            s.add(m)
            s.flush()
            return m.id

    def edit(self, model, record_id, **values) -> None:
        with self.db.sessions.begin() as s:
            obj = s.get(model, record_id)
            for key, value in values.items():
                setattr(obj, key, value)

    def seq(self) -> int:
        return self.services.sync.status().current_seq

    def export(self, **kw) -> Path:
        return self.services.sync.export_bundle(self.stick, **kw).path

    def export_raw(self, *, since: int | None = None, chunk_size: int = CHUNK_SIZE, full: bool = False) -> Path:
        """The exporter itself, for bundles a normal export would not make (a chosen start, small chunks)."""
        with self.db.sessions.begin() as s:
            return export_mod.export_bundle(s, self.stick, site_id=self.site_id, full=full, since=since,
                                            chunk_size=chunk_size,
                                            read_attachment=self.services.sync._read_attachment).path

    def enrolment_row(self) -> SyncEnrolment:
        with self.db.sessions.begin() as s:
            row = s.get(SyncEnrolment, 1)
            s.expunge(row)
            return row


def open_branch(path: Path, stick: Path, enrolment: Path | None) -> Branch:
    stick.mkdir(exist_ok=True)
    branch = Branch(services=build_services(open_database(path)), stick=stick)
    if enrolment is not None:
        branch.services.sync.enrol(enrolment)
    return branch


def open_payload(office: Office, data: bytes) -> Payload:
    """Decrypt a bundle as the office would (to build altered bundles for tests)."""
    with office.db.sessions.begin() as s:
        private = keys.load_enc_private(s.get(OfficeIdentity, 1).enc_private, PASSPHRASE)
    return payload_mod.read(open_sealed(data, recipient=private))


def reseal(branch: Branch, data: bytes, plain: bytes, name: str) -> Path:
    """Seal ``plain`` under the original header, signed with the branch's real device key."""
    row = branch.enrolment_row()
    header = {k: v for k, v in read_header(data).items() if k not in ("format", "ephemeral_key")}
    sealed = seal(header, plain, recipient=keys.enc_public(row.office_enc_public),
                  signer=keys.load_sign_private(row.device_sign_private))
    path = branch.stick / name
    path.write_bytes(sealed)
    return path


def reset_office(db: Database) -> None:
    """Empty the office's records and sync state but keep its keys and which sites continue which
    (to replay bundles in another order)."""
    with db.sessions.begin() as s:
        links = [(b.site_id, b.home_site_id) for b in s.scalars(select(BranchSite))]
        for model in (SyncConflict, DeferredRecord, ReceivedBundle, BranchSite, SyncDevice, OfficeAttachment,
                      RecordHistory, AuditEntry):     # the audit chain goes with the history it chains
            s.execute(delete(model))
        for table in reversed(record_tables()):
            s.execute(delete(table))
        s.add_all(BranchSite(site_id=site, home_site_id=home, name="", device_id="", contiguous_seq=0,
                             last_seq_to=0, last_bundle_id="", bundle_count=0) for site, home in links)


def snapshot(db: Database) -> dict:
    """Everything the merge decides, without what is local by nature (change_seq, ids of bookkeeping rows)."""
    out: dict = {}
    with db.sessions.begin() as s:
        for table in record_tables():
            cols = [c for c in table.columns if c.name != "change_seq"]
            rows = s.execute(select(*cols).order_by(table.c.id)).all()
            if rows:
                out[table.name] = [tuple(r) for r in rows]
        out["conflicts"] = sorted(
            (c.kind, c.table_name, str(c.record_id), c.field, str(c.other_record_id), c.site_id, c.other_site_id,
             repr(c.kept_value), repr(c.lost_value), repr(c.lost_stamp))
            for c in s.scalars(select(SyncConflict)))
        out["deferred"] = sorted((d.table_name, str(d.record_id)) for d in s.scalars(select(DeferredRecord)))
        out["sites"] = sorted((b.site_id, b.contiguous_seq, b.bundle_count) for b in s.scalars(select(BranchSite)))
    return out


def record_snapshot(db: Database) -> dict:
    """Only the record tables (what an import must leave alone when it is rejected)."""
    full = snapshot(db)
    return {k: v for k, v in full.items() if k not in ("sites",)} | {
        "bundles": _count(db, ReceivedBundle), "history": _count(db, RecordHistory)}


def _count(db: Database, model) -> int:
    with db.sessions.begin() as s:
        return len(s.scalars(select(model)).all())
