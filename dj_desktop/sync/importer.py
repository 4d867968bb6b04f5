"""Office import, one transaction per bundle: verify signature → decrypt → check hashes → merge.

A bundle is recognised by the SHA-256 of its content, whatever its file name. Anything wrong
raises :class:`BundleError` inside the transaction, so a rejected bundle changes nothing; a
process killed midway leaves the uncommitted transaction behind, which the database discards.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from dj_desktop import __version__
from dj_desktop.core.db import Database, known_revisions
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import (
    BranchSite, DeferredRecord, OfficeIdentity, ReceivedBundle, SyncDevice, record_tables, utcnow,
)
from dj_desktop.core.progress import Progress
from dj_desktop.sync import keys
from dj_desktop.sync.apply import BundleApplier
from dj_desktop.sync.attachments import store_attachments
from dj_desktop.sync.format import BundleError, open_sealed, read_header, verify
from dj_desktop.sync.payload import read as read_payload
from dj_desktop.sync.receipts import sign_receipt


@dataclass(frozen=True)
class OfficeKeys:
    office_id: str
    key_id: str
    enc_private: X25519PrivateKey
    sign_private: Ed25519PrivateKey


@dataclass
class ImportOutcome:
    status: str
    reason: str = ""
    code: str = ""
    bundle_id: str = ""
    bundle_sha256: str = ""
    site_id: str = ""
    device_id: str = ""
    device_fingerprint: str = ""
    new_device: bool = False
    seq_from: int = 0
    seq_to: int = 0
    applied: dict[str, int] = field(default_factory=dict)
    attachments: dict[str, int] = field(default_factory=dict)
    conflicts: int = 0
    deferred: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    contiguous_seq: int = 0
    receipt: str = ""


def unlock_office(db: Database, passphrase: str) -> OfficeKeys:
    with db.sessions.begin() as s:
        row = s.get(OfficeIdentity, 1)
        if row is None:
            raise UserError(_("This database is not an office database. Set it up with "
                              "\"office init\" first."))
        return OfficeKeys(office_id=row.office_id, key_id=row.key_id,
                          enc_private=keys.load_enc_private(row.enc_private, passphrase),
                          sign_private=keys.load_sign_private(row.sign_private, passphrase))




def _contiguous(session: Session, site_id: str) -> int:
    site = session.get(BranchSite, site_id)
    return site.contiguous_seq if site else 0


def import_bundle_file(db: Database, path: Path, *, office: OfficeKeys,
                       progress: Progress | None = None) -> ImportOutcome:
    try:
        data = path.read_bytes()
    except OSError as exc:
        outcome = ImportOutcome(status="rejected", code="unreadable",
                                reason=_("Cannot read {path}: {error}").format(path=path, error=exc))
        return _signed(outcome, office)
    outcome = ImportOutcome(status="applied", bundle_sha256=hashlib.sha256(data).hexdigest())
    try:
        header = read_header(data)
        outcome.bundle_id = str(header.get("bundle_id", ""))
        outcome.site_id = str(header.get("site_id", ""))
        outcome.device_id = str(header.get("device_id", ""))
        with db.sessions.begin() as s:
            s.info["merging"] = True
            _import(s, data, header, outcome, office=office, progress=progress)
    except BundleError as exc:
        outcome = ImportOutcome(status="rejected", code=exc.code, reason=str(exc),
                                bundle_id=outcome.bundle_id, bundle_sha256=outcome.bundle_sha256,
                                site_id=outcome.site_id, device_id=outcome.device_id)
        with db.sessions.begin() as s:
            outcome.contiguous_seq = _contiguous(s, outcome.site_id)
        return _signed(outcome, office)
    except SQLAlchemyError as exc:
        # Records that break the database's rules: nothing was applied (the transaction rolled back).
        outcome = ImportOutcome(status="rejected", code="invalid_records",
                                reason=_("The bundle's records do not fit the office database ({error}); "
                                         "nothing was imported.").format(error=type(exc).__name__),
                                bundle_id=outcome.bundle_id, bundle_sha256=outcome.bundle_sha256,
                                site_id=outcome.site_id, device_id=outcome.device_id)
        return _signed(outcome, office)
    return outcome


def _import(s: Session, data: bytes, header: dict, outcome: ImportOutcome, *, office: OfficeKeys,
            progress: Progress | None) -> None:
    if header.get("kind") != "bundle":
        raise BundleError("not_a_bundle", _("This file is not a sync bundle of this program."))
    seen = s.scalar(select(ReceivedBundle).where(ReceivedBundle.content_sha256 == outcome.bundle_sha256))
    if seen is not None:
        outcome.status, outcome.seq_from, outcome.seq_to = "duplicate", seen.seq_from, seen.seq_to
        outcome.applied = {}
        outcome.contiguous_seq = _contiguous(s, seen.site_id)
        device = s.get(SyncDevice, seen.device_id)
        outcome.device_fingerprint = device.fingerprint if device else ""
        outcome.receipt = sign_receipt(_receipt_fields(outcome, office), office.sign_private)
        return
    if header.get("recipient") != office.key_id:
        raise BundleError("wrong_office", _(
            "This bundle was written for another office (key {key}); it cannot be read here. The branch "
            "must enrol with this office and export again.").format(key=str(header.get("recipient"))[:8]))
    device = s.get(SyncDevice, outcome.device_id)
    sign_public = header.get("device_sign_public", "")
    if device is not None:
        if device.revoked:
            raise BundleError("revoked_device", _(
                "The device {fingerprint} that signed this bundle has been revoked; the bundle was "
                "refused.").format(fingerprint=device.fingerprint))
        if device.sign_public != sign_public or device.site_id != outcome.site_id:
            raise BundleError("device_mismatch", _(
                "The bundle claims a registered device but carries a different key or branch; it was "
                "refused."))
    else:
        current = s.scalar(select(SyncDevice).where(SyncDevice.site_id == outcome.site_id,
                                                    SyncDevice.revoked.is_(False)))
        if current is not None:
            # Otherwise anyone holding the office's public key could speak for a known branch.
            raise BundleError("unknown_device", _(
                "This bundle comes from a new device for a branch whose device {fingerprint} is still "
                "registered. If the branch changed its computer, revoke the old device first, then "
                "import again.").format(fingerprint=current.fingerprint))
    try:
        verify(data, keys.sign_public(sign_public))
    except ValueError as exc:
        raise BundleError("bad_signature", _(
            "The bundle's signature does not match: the file was changed or damaged after the "
            "branch wrote it. Ask the branch to export it again.")) from exc
    payload = read_payload(open_sealed(data, recipient=office.enc_private))
    m = payload.manifest
    if (m.get("bundle_id") != outcome.bundle_id or m.get("site_id") != outcome.site_id
            or m.get("device_id") != outcome.device_id):
        raise BundleError("bad_content", _("The bundle's content does not match its header; it was "
                                           "not imported."))
    if s.get(ReceivedBundle, outcome.bundle_id) is not None:
        raise BundleError("reused_id", _("Another bundle with the same id but different content was "
                                         "already imported; this one was refused."))
    unknown = sorted(set(m.get("schema") or []) - known_revisions())
    if unknown:
        raise BundleError("newer_schema", _(
            "The branch uses a newer version of the program (database version {found}) than the office. "
            "Update the program at the office, then import this bundle again.").format(found=", ".join(unknown)))
    outcome.seq_from, outcome.seq_to = int(m.get("seq_from", 0)), int(m.get("seq_to", 0))

    report = BundleApplier(s, site_id=outcome.site_id, bundle_id=outcome.bundle_id).apply(
        payload.records, progress=progress)
    outcome.attachments = store_attachments(s, payload, bundle_id=outcome.bundle_id, problems=report.problems)
    outcome.applied, outcome.conflicts, outcome.deferred = report.applied, report.conflicts, report.deferred
    outcome.problems = report.problems

    now = utcnow()
    if device is None:
        device = SyncDevice(device_id=outcome.device_id, site_id=outcome.site_id, sign_public=sign_public,
                            enc_public=header.get("device_enc_public", ""), revoked=False, registered_at=now,
                            fingerprint=keys.fingerprint(sign_public, header.get("device_enc_public", "")))
        s.add(device)
        outcome.new_device = True
    device.last_seen_at = now
    outcome.device_fingerprint = device.fingerprint
    s.add(ReceivedBundle(
        bundle_id=outcome.bundle_id, content_sha256=outcome.bundle_sha256, site_id=outcome.site_id,
        device_id=outcome.device_id, seq_from=outcome.seq_from, seq_to=outcome.seq_to,
        full=bool(m.get("full")), app_version=str(m.get("app_version", "")), schema_heads=list(m.get("schema") or []),
        status="applied", applied=outcome.applied, problems=outcome.problems, received_at=now,
        created_at=_parse_time(m.get("created_at"))))
    s.flush()
    site = s.get(BranchSite, outcome.site_id) or BranchSite(site_id=outcome.site_id, contiguous_seq=0,
                                                           bundle_count=0, last_seq_to=0)
    s.add(site)
    site.name = str(m.get("site_name") or site.name or "")[:120]
    site.device_id = outcome.device_id
    site.last_bundle_id, site.last_bundle_at = outcome.bundle_id, now
    site.last_seq_to = max(site.last_seq_to or 0, outcome.seq_to)
    site.bundle_count = (site.bundle_count or 0) + 1
    site.contiguous_seq = _advance(s, outcome.site_id, site.contiguous_seq or 0)
    outcome.contiguous_seq = site.contiguous_seq
    outcome.receipt = sign_receipt(_receipt_fields(outcome, office), office.sign_private)
    s.get(ReceivedBundle, outcome.bundle_id).receipt = outcome.receipt


def _parse_time(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _advance(s: Session, site_id: str, contiguous: int) -> int:
    """Extend the contiguous sequence over every applied range that now joins it."""
    ranges = s.execute(select(ReceivedBundle.seq_from, ReceivedBundle.seq_to)
                       .where(ReceivedBundle.site_id == site_id).order_by(ReceivedBundle.seq_from)).all()
    for start, end in ranges:
        if start <= contiguous:
            contiguous = max(contiguous, end)
    return contiguous


def _receipt_fields(o: ImportOutcome, office: OfficeKeys) -> dict[str, Any]:
    return {"office_id": office.office_id, "bundle_id": o.bundle_id, "bundle_sha256": o.bundle_sha256,
            "site_id": o.site_id, "device_id": o.device_id, "status": o.status, "code": o.code,
            "reason": o.reason, "seq_from": o.seq_from, "seq_to": o.seq_to,
            "contiguous_seq": o.contiguous_seq, "applied": o.applied, "attachments": o.attachments,
            "problems": o.problems, "office_time": utcnow().isoformat(), "app_version": __version__}


def _signed(outcome: ImportOutcome, office: OfficeKeys) -> ImportOutcome:
    outcome.receipt = sign_receipt(_receipt_fields(outcome, office), office.sign_private)
    return outcome


class PlannerStatistics:
    """Keeps PostgreSQL's planner statistics fresh during a long import.

    A table filled within the last minute has no statistics, so PostgreSQL guesses that a lookup
    of 80 ID numbers matches 40% of it and scans the whole table: the import slows down with every
    bundle. ``ANALYZE`` after each doubling of the records imported keeps lookups on the indexes
    at a cost that stays small (a few ANALYZE runs per thousand bundles). SQLite needs nothing.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._since = 0
        self._base = 0

    def note(self, records: int) -> None:
        if self._db.is_sqlite or records <= 0:
            return
        self._since += records
        if self._since >= max(1000, self._base // 2):
            with self._db.engine.begin() as conn:
                for table in [*record_tables(), ReceivedBundle.__table__, DeferredRecord.__table__]:
                    conn.exec_driver_sql(f'ANALYZE "{table.name}"')
            self._base += self._since
            self._since = 0


def write_receipt(outcome: ImportOutcome, folder: Path) -> Path:
    """Write the signed receipt next to the others, under a name that never overwrites one."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(_("Cannot create folder {path}: {error}").format(path=folder, error=exc)) from exc
    digest = hashlib.sha256(outcome.receipt.encode("utf-8")).hexdigest()[:12]
    name = f"receipt-{(outcome.bundle_id or 'unknown')[:36]}-{outcome.status}-{digest}.djreceipt"
    path = folder / "".join(ch for ch in name if ch.isalnum() or ch in "-._")
    tmp = path.with_name("." + path.name + ".partial")
    # No fsync: a receipt lost in a crash is re-issued by importing the bundle again (a duplicate).
    tmp.write_text(outcome.receipt, encoding="utf-8")
    os.replace(tmp, path)
    return path
