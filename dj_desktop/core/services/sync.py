"""Branch side of sync (``services.sync``): enrol with an office, export bundles, apply receipts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import BranchReceipt, BundleExport, ChangeCounter, SyncEnrolment, record_tables
from dj_desktop.core.progress import Progress
from dj_desktop.core import attachment_keys
from dj_desktop.core.services.attachments import files_dir_for, stored_path
from dj_desktop.sync import enrolment as enrolment_mod
from dj_desktop.sync import export as export_mod
from dj_desktop.sync import receipts as receipts_mod
from dj_desktop.sync.keys import fingerprint


@dataclass(frozen=True)
class EnrolmentInfo:
    office_id: str
    office_name: str
    office_fingerprint: str
    device_id: str
    #: Read aloud and compared with what the office shows for this device.
    device_fingerprint: str
    site_id: str
    enrolled_at: datetime


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    seq_from: int          # exclusive: the sequence the office had acknowledged
    seq_to: int            # inclusive
    full: bool
    counts: dict[str, int]  # records per table
    attachments: int
    size: int               # bytes


@dataclass(frozen=True)
class ReceiptInfo:
    bundle_id: str
    status: str            # applied / duplicate / rejected
    reason: str
    contiguous_seq: int
    applied: dict[str, int]
    problems: tuple[dict, ...]
    office_time: datetime
    applied_at: datetime


@dataclass(frozen=True)
class ApplyReceiptsResult:
    path: Path
    receipts: tuple[ReceiptInfo, ...]   # every receipt the file carried
    newly_applied: int                   # 0 when the file had been applied before
    acknowledged_seq: int                # after applying
    records_updated: int = 0             # records changed to what the office decided (return bundles)
    rule_versions_added: int = 0         # rule-set versions the office sent, newly stored here


@dataclass(frozen=True)
class ExportInfo:
    bundle_id: str
    file_name: str
    seq_from: int
    seq_to: int
    full: bool
    size: int
    created_at: datetime


@dataclass(frozen=True)
class SyncStatus:
    enrolment: EnrolmentInfo | None
    current_seq: int          # last change sequence in this database
    acknowledged_seq: int     # what the office confirmed; the next bundle starts after it
    pending_records: int      # records changed since the acknowledged sequence
    exports: tuple[ExportInfo, ...]    # newest first
    receipts: tuple[ReceiptInfo, ...]  # newest first

    @property
    def enrolled(self) -> bool:
        return self.enrolment is not None


def _receipt_info(row: BranchReceipt) -> ReceiptInfo:
    return ReceiptInfo(bundle_id=row.bundle_id, status=row.status, reason=row.reason,
                       contiguous_seq=row.contiguous_seq, applied=dict(row.applied or {}),
                       problems=tuple(row.problems or ()), office_time=row.office_time,
                       applied_at=row.applied_at)


class SyncService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def _enrolment_info(self, row: SyncEnrolment) -> EnrolmentInfo:
        return EnrolmentInfo(
            office_id=row.office_id, office_name=row.office_name,
            office_fingerprint=fingerprint(row.office_enc_public, row.office_sign_public),
            device_id=row.device_id,
            device_fingerprint=fingerprint(row.device_sign_public, row.device_enc_public),
            site_id=self._db.site_id, enrolled_at=row.enrolled_at)

    def enrolment(self) -> EnrolmentInfo | None:
        with self._db.sessions.begin() as s:
            row = s.get(SyncEnrolment, 1)
            return None if row is None else self._enrolment_info(row)

    def enrol(self, path: str | Path) -> EnrolmentInfo:
        """Import an office's enrolment file; creates this device's keys on first enrolment."""
        offer = enrolment_mod.read_enrolment_file(Path(path))
        with self._db.sessions.begin() as s:
            return self._enrolment_info(enrolment_mod.enrol(s, offer))

    def status(self) -> SyncStatus:
        with self._db.sessions.begin() as s:
            row = s.get(SyncEnrolment, 1)
            acked = row.acknowledged_seq if row else 0
            counter = s.get(ChangeCounter, 1)
            pending = sum(s.scalar(select(func.count()).select_from(t).where(t.c.change_seq > acked)) or 0
                          for t in record_tables())
            exports = s.scalars(select(BundleExport).order_by(BundleExport.created_at.desc()).limit(50))
            receipts = s.scalars(select(BranchReceipt).order_by(BranchReceipt.applied_at.desc()).limit(50))
            return SyncStatus(
                enrolment=None if row is None else self._enrolment_info(row),
                current_seq=counter.value if counter else 0, acknowledged_seq=acked,
                pending_records=pending,
                exports=tuple(ExportInfo(bundle_id=e.bundle_id, file_name=e.file_name, seq_from=e.seq_from,
                                         seq_to=e.seq_to, full=e.full, size=e.size, created_at=e.created_at)
                              for e in exports),
                receipts=tuple(_receipt_info(r) for r in receipts))

    def export_bundle(self, to_dir: str | Path, *, full: bool = False,
                      progress: Progress | None = None) -> ExportResult:
        """Write a new bundle file into ``to_dir`` (never overwriting) and verify it by re-reading.

        Incremental bundles carry every record changed after the acknowledged sequence, so a
        lost stick heals itself with the next export; ``full`` carries every record.
        """
        written = None
        try:
            with self._db.sessions.begin() as s:
                if s.get(SyncEnrolment, 1) is None:
                    raise UserError(_("This installation is not enrolled with an office yet. "
                                      "Import the enrolment file the office gave you first."))
                written = export_mod.export_bundle(s, Path(to_dir), site_id=self._db.site_id, full=full,
                                                   read_attachment=self._read_attachment, progress=progress)
        except BaseException:
            if written is not None:     # the export was not recorded: no bundle may stay on the stick
                written.path.unlink(missing_ok=True)
            raise
        return ExportResult(path=written.path, bundle_id=written.bundle_id, seq_from=written.seq_from,
                            seq_to=written.seq_to, full=written.full, counts=written.counts,
                            attachments=written.attachments, size=written.size)

    def _read_attachment(self, sha256: str) -> bytes | None:
        path = stored_path(files_dir_for(self._db), sha256)
        try:   # bundles carry the plain bytes (the bundle itself is encrypted for the office)
            return attachment_keys.read_plain(path)
        except (OSError, UserError):
            return None   # the office reports the file as missing in its receipt

    def apply_receipts(self, paths: list[str | Path]) -> list[ApplyReceiptsResult]:
        """Apply receipt files or return bundles from the office; applying one twice changes nothing."""
        results = []
        for path in paths:
            with self._db.sessions.begin() as s:
                outcome = receipts_mod.apply_receipt_file(s, Path(path))
                results.append(ApplyReceiptsResult(
                    path=Path(path), receipts=tuple(_receipt_info(r) for r in outcome.rows),
                    newly_applied=outcome.newly_applied, acknowledged_seq=outcome.acknowledged_seq,
                    records_updated=outcome.records_updated, rule_versions_added=outcome.rule_versions_added))
        return results
