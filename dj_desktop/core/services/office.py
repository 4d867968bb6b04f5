"""Office side of sync (``services.office``): set up the office, import bundles, receipts, return bundles,
branches, devices and conflicts to review."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from dj_desktop.core.db import Database, set_setting
from dj_desktop.core.services.backups import backup_before
from dj_desktop.core.services.office_identity import is_office_database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import (
    BranchSite, DeferredRecord, HeldBundle, OfficeIdentity, SyncConflict, SyncDevice, record_tables, utcnow,
)
from dj_desktop.core.progress import Progress, step
from dj_desktop.core.services.office_sites import BranchInfo, OfficeInfo, OfficeSitesService, office_info
from dj_desktop.sync import conflicts as conflicts_mod
from dj_desktop.sync import enrolment as enrolment_mod
from dj_desktop.sync import approval, importer, opened
from dj_desktop.sync.import_batch import ImportBatch, heap_frozen
from dj_desktop.sync.limits import Limits, read_limits
from dj_desktop.sync import returns as returns_mod


@dataclass(frozen=True)
class OfficeSetup:
    info: OfficeInfo
    enrolment_path: Path


@dataclass(frozen=True)
class ImportResult:
    path: Path
    status: str                      # applied / duplicate / rejected
    reason: str                      # translated; empty when applied
    bundle_id: str
    site_id: str
    device_id: str
    device_fingerprint: str
    new_device: bool                 # registered by this bundle: compare the fingerprint with the branch
    applied: dict[str, int]          # records applied per table
    conflicts: int
    deferred: int
    problems: tuple[dict, ...]       # record-level problems (also in the receipt)
    contiguous_seq: int
    receipt_path: Path | None
    code: str = ""                   # stable reason code for scripts: wrong_office, revoked_device, …


class ReceiptsNotWritten(UserError):
    """Every bundle was imported (``results``) but some receipt files could not be written."""

    def __init__(self, message: str, results: list[ImportResult]) -> None:
        super().__init__(message)
        self.results = results


@dataclass(frozen=True)
class DeviceInfo:
    device_id: str
    site_id: str
    fingerprint: str
    revoked: bool
    registered_at: datetime
    revoked_at: datetime | None
    last_seen_at: datetime | None
    approved: bool = True         # False: pending, its bundles are held until the office approves it
    site_name: str = ""           # the branch name its first bundle gave
    held: int = 0                 # bundles held for it

    @property
    def state(self) -> str:
        """``pending`` / ``active`` / ``revoked`` (for scripts)."""
        return "revoked" if self.revoked else "active" if self.approved else "pending"


@dataclass(frozen=True)
class ConflictInfo:
    id: int
    kind: str                 # same_field / delete_vs_edit / duplicate_key
    table_name: str
    record_id: str
    field: str
    other_record_id: str | None
    site_id: str
    other_site_id: str
    kept_value: Any
    lost_value: Any
    bundle_id: str
    detected_at: datetime
    resolved: bool
    resolution: str
    note: str


@dataclass(frozen=True)
class DeferredInfo:
    table_name: str
    record_id: str
    missing_table: str
    missing_id: str
    site_id: str
    bundle_id: str
    deferred_at: datetime


@dataclass(frozen=True)
class ReturnBundleResult:
    path: Path
    site_id: str
    receipts: int
    size: int
    decisions: int = 0     # records whose resolved conflicts the branch takes over
    rule_versions: int = 0  # rule-set versions the office added, sent along


def _conflict_info(c: SyncConflict) -> ConflictInfo:
    return ConflictInfo(
        id=c.id, kind=c.kind, table_name=c.table_name, record_id=str(c.record_id), field=c.field,
        other_record_id=str(c.other_record_id) if c.other_record_id else None, site_id=c.site_id,
        other_site_id=c.other_site_id, kept_value=c.kept_value, lost_value=c.lost_value,
        bundle_id=c.bundle_id, detected_at=c.detected_at, resolved=c.resolved,
        resolution=c.resolution, note=c.note)


def _device_info(d: SyncDevice, held: int = 0) -> DeviceInfo:
    return DeviceInfo(device_id=d.device_id, site_id=d.site_id, fingerprint=d.fingerprint,
                      revoked=d.revoked, registered_at=d.registered_at, revoked_at=d.revoked_at,
                      last_seen_at=d.last_seen_at, approved=d.approved, site_name=d.site_name or "", held=held)


class OfficeService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def is_office(self) -> bool:
        return is_office_database(self._db)

    def info(self) -> OfficeInfo | None:
        return OfficeSitesService(self._db).info()

    def initialise(self, *, name: str, passphrase: str, out_dir: str | Path) -> OfficeSetup:
        """Create the office keys in this database and write the enrolment file for branches."""
        with self._db.sessions.begin() as s:
            row = enrolment_mod.create_office(s, name=name, passphrase=passphrase)
            info = office_info(row)
        return OfficeSetup(info=info, enrolment_path=self.write_enrolment(out_dir))

    def write_enrolment(self, out_dir: str | Path) -> Path:
        with self._db.sessions.begin() as s:
            row = s.get(OfficeIdentity, 1)
            if row is None:
                raise UserError(_("This database is not an office database. Set it up with "
                                  "\"office init\" first."))
            return enrolment_mod.write_enrolment_file(row, Path(out_dir))

    def import_bundles(self, paths: list[str | Path], *, passphrase: str,
                       receipts_dir: str | Path | None = None,
                       progress: Progress | None = None) -> list[ImportResult]:
        """Import bundle files, each whole or not at all (its own savepoint in a transaction committed
        every half second, :mod:`dj_desktop.sync.import_batch`); a rejected bundle changes nothing.

        With ``receipts_dir`` a signed receipt file is written there for every bundle, once it is
        committed. ``progress`` gets ``(index, files, file name)`` before each file and
        ``(index, tables, table name)`` while a file is merged; cancelling stops before the next
        step and rolls back the bundle being imported (earlier bundles stay imported).
        """
        keys = importer.unlock_office(self._db, passphrase)
        backup_before(self._db, "office-import")
        statistics = importer.PlannerStatistics(self._db)
        results = []
        receipts = importer.ReceiptFolder(Path(receipts_dir)) if receipts_dir is not None else None
        # The driver values of the records are prepared by the worker too (records.bind_ahead).
        opened_ahead = opened.open_bundles([Path(p) for p in paths], keys.enc_private,
                                           dialect=self._db.engine.dialect, limits=self.limits())
        failed: list = []
        try:
            with heap_frozen(), self._db.bulk_sessions() as sessions, ImportBatch(
                    sessions, on_commit=receipts.release if receipts is not None else None) as batch:
                for index, bundle in enumerate(opened_ahead):
                    step(progress, index, len(paths), bundle.path.name)
                    results.append(self._import_one(batch, bundle, keys, statistics, receipts, progress))
                    if batch.due():
                        batch.commit()
        finally:
            opened_ahead.close()
            if receipts is not None:
                failed = receipts.close()   # after a cancel too: the finished bundles' receipts exist
        if failed:
            raise ReceiptsNotWritten(importer.receipts_not_written(failed), results)
        step(progress, len(paths), len(paths), "")
        return results

    def _import_one(self, sessions: sessionmaker[Session] | ImportBatch, bundle: opened.OpenedBundle,
                    keys: importer.OfficeKeys, statistics: importer.PlannerStatistics,
                    receipts: importer.ReceiptFolder | None, progress: Progress | None) -> ImportResult:
        outcome = importer.import_opened(sessions, bundle, office=keys, progress=progress)
        batch = sessions if isinstance(sessions, ImportBatch) else None
        receipt_path = receipts.add(outcome, hold=batch is not None) if receipts is not None else None
        statistics.note(outcome.applied, before=batch.commit if batch is not None else None)
        return ImportResult(
            path=bundle.path, status=outcome.status, reason=outcome.reason,
            bundle_id=outcome.bundle_id, site_id=outcome.site_id, device_id=outcome.device_id,
            device_fingerprint=outcome.device_fingerprint, new_device=outcome.new_device,
            applied=dict(outcome.applied), conflicts=outcome.conflicts, deferred=outcome.deferred,
            problems=tuple(outcome.problems), contiguous_seq=outcome.contiguous_seq,
            receipt_path=receipt_path, code=outcome.code)

    def write_return_bundle(self, site_id: str, *, passphrase: str, to_dir: str | Path) -> ReturnBundleResult:
        """A bundle for one branch, encrypted for its device and signed by the office, carrying its receipts."""
        keys = importer.unlock_office(self._db, passphrase)
        with self._db.sessions.begin() as s:
            written = returns_mod.write_return_bundle(s, site_id, office=keys, to_dir=Path(to_dir))
        return ReturnBundleResult(path=written.path, site_id=site_id, receipts=written.receipts,
                                  size=written.size, decisions=written.decisions,
                                  rule_versions=written.rule_versions)

    def branches(self) -> list[BranchInfo]:
        return OfficeSitesService(self._db).branches()

    def branch_record_counts(self, site_id: str) -> dict[str, int]:
        """Live records per table that a branch created (its books, read-only at the office)."""
        with self._db.sessions.begin() as s:
            return {t.name: s.scalar(select(func.count()).select_from(t).where(
                t.c.origin == site_id, t.c.deleted.is_(False))) or 0 for t in record_tables()}

    def devices(self) -> list[DeviceInfo]:
        with self._db.sessions.begin() as s:
            held = approval.held_counts(s)
            return [_device_info(d, held.get(d.device_id, 0))
                    for d in s.scalars(select(SyncDevice).order_by(SyncDevice.registered_at))]

    def revoke_device(self, device_id: str) -> DeviceInfo:
        """Refuse every later bundle signed by this device (a lost or stolen computer, or a pending
        device the office does not recognise: what it sent is dropped)."""
        with self._db.sessions.begin() as s:
            device = s.get(SyncDevice, device_id)
            if device is None:
                raise UserError(_("No device with id {device} is registered.").format(device=device_id))
            if not device.revoked:
                device.revoked, device.revoked_at = True, utcnow()
            approval.drop_held(s, device_id)
            return _device_info(device)

    def approve_device(self, device_id: str, *, passphrase: str, receipts_dir: str | Path | None = None,
                       continues: str | None = None) -> list[ImportResult]:
        """Confirm a pending device (its fingerprint was checked with the branch) and merge the bundles
        held for it, oldest first; the site's other devices (its old computer) are retired. With
        ``continues`` (a site id) its site is another installation of that branch's books."""
        keys = importer.unlock_office(self._db, passphrase)
        with self._db.sessions.begin() as s:
            if continues and s.get(BranchSite, continues) is None:
                raise UserError(_("No branch with site id {site} has sent bundles.").format(site=continues))
            try:
                device, held = approval.approve(s, device_id, continues=continues)
            except LookupError:
                raise UserError(_("No device with id {device} is registered.").format(device=device_id)) from None
            except ValueError:
                raise UserError(_("Device {device} was revoked; it cannot be approved.").format(
                    device=device_id)) from None
        receipts = importer.ReceiptFolder(Path(receipts_dir)) if receipts_dir is not None else None
        results = []
        try:
            with tempfile.TemporaryDirectory(prefix="dj-held-") as tmp:
                for row in held:
                    path = Path(tmp) / f"held-{row.bundle_id}.djbundle"
                    path.write_bytes(row.content)
                    results.append(self._import_one(self._db.sessions, opened.open_bundle(
                        path, keys.enc_private, self.limits()), keys, importer.PlannerStatistics(self._db),
                        receipts, None))
                    with self._db.sessions.begin() as s:
                        s.execute(delete(HeldBundle).where(HeldBundle.content_sha256 == row.content_sha256))
        finally:
            failed = receipts.close() if receipts is not None else []
        if failed:
            raise ReceiptsNotWritten(importer.receipts_not_written(failed), results)
        return results

    def link_site(self, site_id: str, continues: str) -> None:
        """Declare ``site_id`` another installation of the branch ``continues`` (a copy of its books
        on a second computer, under its own site id): each may write the other's records."""
        with self._db.sessions.begin() as s:
            approval.link_site(s, site_id, continues)

    def accepts_new_devices(self) -> bool:
        with self._db.sessions.begin() as s:
            return approval.accepts_new_devices(s)

    def set_accept_new_devices(self, accept: bool) -> None:
        """Whether a first bundle from a new device is merged at once (trust on first use, the office
        accepts the risk) instead of held for approval (the default)."""
        with self._db.sessions.begin() as s:
            set_setting(s, approval.ACCEPT_KEY, bool(accept))

    def limits(self) -> Limits:
        with self._db.sessions.begin() as s:
            return read_limits(s)

    def conflicts(self, *, include_resolved: bool = False) -> list[ConflictInfo]:
        with self._db.sessions.begin() as s:
            query = select(SyncConflict).order_by(SyncConflict.id)
            if not include_resolved:
                query = query.where(SyncConflict.resolved.is_(False))
            return [_conflict_info(c) for c in s.scalars(query)]

    def resolve_conflict(self, conflict_id: int, *, use_lost_value: bool = False, note: str = "") -> ConflictInfo:
        """Mark a conflict reviewed; with ``use_lost_value`` the office puts the losing value back."""
        with self._db.sessions.begin() as s:
            return _conflict_info(conflicts_mod.resolve(s, conflict_id, use_lost_value=use_lost_value,
                                                        note=note))

    def deferred(self) -> list[DeferredInfo]:
        with self._db.sessions.begin() as s:
            return [DeferredInfo(table_name=d.table_name, record_id=str(d.record_id),
                                 missing_table=d.missing_table, missing_id=str(d.missing_id),
                                 site_id=d.site_id, bundle_id=d.bundle_id, deferred_at=d.deferred_at)
                    for d in s.scalars(select(DeferredRecord).order_by(DeferredRecord.id))]
