"""Office import, one transaction (or savepoint, :mod:`.import_batch`) per bundle: verify → decrypt → merge.

A bundle is recognised by the SHA-256 of its content, whatever its file name. Anything wrong
raises :class:`BundleError` inside the transaction, so a rejected bundle changes nothing; a
process killed midway leaves the uncommitted transaction behind, which the database discards.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import and_, bindparam, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from dj_desktop import __version__
from dj_desktop.core.db import Database, known_revisions
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import BranchSite, DeferredRecord, OfficeIdentity, ReceivedBundle, SyncDevice, utcnow
from dj_desktop.core.progress import Progress
from dj_desktop.sync import approval, audit_trail, keys, lookups
from dj_desktop.sync.apply import BundleApplier
from dj_desktop.sync.merge_reads import NATURAL_KEYS, parent_refs
from dj_desktop.sync.read_ahead import read_ahead
from dj_desktop.sync.records import insert_plain, sync_tables
from dj_desktop.sync.attachments import store_attachments
from dj_desktop.sync.format import BundleError
from dj_desktop.sync.opened import OpenedBundle, open_bundle
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
    return import_opened(db.sessions, open_bundle(path, office.enc_private), office=office, progress=progress)


def import_opened(sessions: sessionmaker[Session], opened: OpenedBundle, *, office: OfficeKeys,
                  progress: Progress | None = None) -> ImportOutcome:
    """Import a bundle opened by :mod:`dj_desktop.sync.opened`, in one transaction."""
    if opened.unreadable:
        outcome = ImportOutcome(status="rejected", code="unreadable", reason=_(
            "Cannot read {path}: {error}").format(path=opened.path, error=opened.unreadable))
        return _signed(outcome, office)
    outcome = ImportOutcome(status="applied", bundle_sha256=opened.sha256)
    try:
        if opened.header_problem is not None:
            raise opened.header_problem.error()
        header = opened.header
        outcome.bundle_id = str(header.get("bundle_id", ""))
        outcome.site_id = str(header.get("site_id", ""))
        outcome.device_id = str(header.get("device_id", ""))
        with sessions.begin() as s:
            s.info["merging"] = True
            _import(s, opened, outcome, office=office, progress=progress)
    except BundleError as exc:
        outcome = ImportOutcome(status="rejected", code=exc.code, reason=str(exc),
                                bundle_id=outcome.bundle_id, bundle_sha256=outcome.bundle_sha256,
                                site_id=outcome.site_id, device_id=outcome.device_id)
        with sessions.begin() as s:
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


# The bookkeeping rows are read and written with Core statements built once: ORM gets, objects
# and flushes for three small rows cost more per bundle than merging its hundred records.
_RECEIVED = ReceivedBundle.__table__
_DEVICES = SyncDevice.__table__
_SITES = BranchSite.__table__
_SAME_BUNDLE = (select(_RECEIVED.c.bundle_id, _RECEIVED.c.content_sha256, _RECEIVED.c.site_id,
                       _RECEIVED.c.device_id, _RECEIVED.c.seq_from, _RECEIVED.c.seq_to)
                .where(or_(_RECEIVED.c.content_sha256 == bindparam("sha"),
                           _RECEIVED.c.bundle_id == bindparam("bundle"))))
_DEVICES_OF = (select(_DEVICES.c.device_id, _DEVICES.c.site_id, _DEVICES.c.sign_public, _DEVICES.c.revoked,
                      _DEVICES.c.fingerprint, _DEVICES.c.approved)
               .where(or_(_DEVICES.c.device_id == bindparam("device"),
                          and_(_DEVICES.c.site_id == bindparam("site"), _DEVICES.c.revoked.is_(False))))
               .order_by(_DEVICES.c.device_id))
_FINGERPRINT = select(_DEVICES.c.fingerprint).where(_DEVICES.c.device_id == bindparam("device"))
_UPDATE_SITE = update(_SITES).where(_SITES.c.site_id == bindparam("site"))
_SEEN_DEVICE = update(_DEVICES).where(_DEVICES.c.device_id == bindparam("device")).values(
    last_seen_at=bindparam("now"))


def _import(s: Session, opened: OpenedBundle, outcome: ImportOutcome, *, office: OfficeKeys,
            progress: Progress | None) -> None:
    header = opened.header
    if header.get("kind") != "bundle":
        raise BundleError("not_a_bundle", _("This file is not a sync bundle of this program."))
    conn = s.connection()
    same = (_SAME_BUNDLE, {"sha": outcome.bundle_sha256, "bundle": outcome.bundle_id})
    known = (_DEVICES_OF, {"device": outcome.device_id, "site": outcome.site_id})
    ahead = read_ahead(s, opened, [same, known], NATURAL_KEYS)     # one round trip on PostgreSQL
    earlier = ahead.rows(conn, *same)
    seen = next((r for r in earlier if r.content_sha256 == outcome.bundle_sha256), None)
    if seen is not None:
        outcome.status, outcome.seq_from, outcome.seq_to = "duplicate", seen.seq_from, seen.seq_to
        outcome.applied = {}
        outcome.contiguous_seq = _contiguous(s, seen.site_id)
        outcome.device_fingerprint = conn.execute(_FINGERPRINT, {"device": seen.device_id}).scalar() or ""
        outcome.receipt = sign_receipt(_receipt_fields(outcome, office), office.sign_private)
        return
    if header.get("recipient") != office.key_id:
        raise BundleError("wrong_office", _(
            "This bundle was written for another office (key {key}); it cannot be read here. The branch "
            "must enrol with this office and export again.").format(key=str(header.get("recipient"))[:8]))
    devices = ahead.rows(conn, *known)
    device = next((d for d in devices if d.device_id == outcome.device_id), None)
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
    if opened.signature_problem is not None:      # verified with the key checked just above
        raise opened.signature_problem.error()
    payload, rows = opened.content()
    m = payload.manifest
    if (m.get("bundle_id") != outcome.bundle_id or m.get("site_id") != outcome.site_id
            or m.get("device_id") != outcome.device_id):
        raise BundleError("bad_content", _("The bundle's content does not match its header; it was "
                                           "not imported."))
    if any(r.bundle_id == outcome.bundle_id for r in earlier):
        raise BundleError("reused_id", _("Another bundle with the same id but different content was "
                                         "already imported; this one was refused."))
    unknown = sorted(set(m.get("schema") or []) - known_revisions())
    if unknown:
        raise BundleError("newer_schema", _(
            "The branch uses a newer version of the program (database version {found}) than the office. "
            "Update the program at the office, then import this bundle again.").format(found=", ".join(unknown)))
    outcome.seq_from, outcome.seq_to = int(m.get("seq_from", 0)), int(m.get("seq_to", 0))
    # Anyone holding the office's public enrolment file can build a device: a device the office has
    # not confirmed is held, never merged (issue 9), and always when its site already has one.
    if device is None and (devices or not approval.accepts_new_devices(s)):
        device = approval.register(s, header=header, site_name=m.get("site_name", ""), approved=False)
    if device is not None and not device.approved:
        approval.hold(s, path=opened.path, sha256=outcome.bundle_sha256, bundle_id=outcome.bundle_id,
                      device_id=outcome.device_id, site_id=outcome.site_id)
        outcome.status, outcome.code = "held", "pending_device"
        outcome.device_fingerprint = device.fingerprint
        outcome.reason = approval.held_message(device.fingerprint, m.get("site_name", ""))
        outcome.contiguous_seq = _contiguous(s, outcome.site_id)
        outcome.receipt = sign_receipt(_receipt_fields(outcome, office), office.sign_private)
        return

    # The branch's audit chain is checked before anything is merged (a refusal changes nothing):
    # holding (naming its first bad entry), then present as the signed manifest declares it.
    audit_trail.check_and_keep(s, site_id=outcome.site_id, site_name=str(m.get("site_name", "")), entries=payload.audit,
                               checked=opened.audit_checked, bound=opened.audit_bound, stored_rows=ahead.audit_rows())
    trail_warning = audit_trail.check_present(m, payload.audit, site_name=str(m.get("site_name", "")),
                                              carries_changes=any(rows.values()))
    owners, site = ahead.site_state(s, outcome.site_id)     # nothing above changed the site's row
    report = BundleApplier(s, site_id=outcome.site_id, bundle_id=outcome.bundle_id,
                           owners=owners).apply(rows, progress=progress)
    outcome.attachments = store_attachments(s, payload, rows, bundle_id=outcome.bundle_id, problems=report.problems)
    outcome.applied, outcome.conflicts, outcome.deferred = report.applied, report.conflicts, report.deferred
    outcome.problems = report.problems
    if trail_warning is not None:      # an older program's bundle: merged, never silently
        outcome.problems.append(trail_warning)
        outcome.code, outcome.reason = trail_warning["code"], trail_warning["message"]

    now = utcnow()
    writes = []        # rows written at the end in one go (one round trip on PostgreSQL)
    if device is None:
        enc_public = header.get("device_enc_public", "")
        outcome.device_fingerprint = keys.fingerprint(sign_public, enc_public)
        writes.append((_DEVICES, {
            "device_id": outcome.device_id, "site_id": outcome.site_id, "sign_public": sign_public,
            "enc_public": enc_public, "fingerprint": outcome.device_fingerprint, "revoked": False,
            "registered_at": now, "revoked_at": None, "last_seen_at": now, "approved": True, "approved_at": now,
            "site_name": str(m.get("site_name", ""))}))
        outcome.new_device = True
    else:
        conn.execute(_SEEN_DEVICE, {"device": outcome.device_id, "now": now})
        outcome.device_fingerprint = device.fingerprint
    values = {
        "name": str(m.get("site_name") or (site["name"] if site else "") or "")[:120],
        "device_id": outcome.device_id, "last_bundle_id": outcome.bundle_id, "last_bundle_at": now,
        "last_seq_to": max((site["last_seq_to"] if site else 0) or 0, outcome.seq_to),
        "bundle_count": ((site["bundle_count"] if site else 0) or 0) + 1,
        # A site without its row has no earlier bundles either (both are written together).
        "contiguous_seq": _advance(s, outcome.site_id, (site["contiguous_seq"] if site else 0) or 0,
                                   new=(outcome.seq_from, outcome.seq_to), earlier=site is not None),
    }
    if site is None:
        writes.append((_SITES, {"site_id": outcome.site_id, "home_site_id": None, **values}))
    else:
        conn.execute(_UPDATE_SITE, {"site": outcome.site_id, **values})
    outcome.contiguous_seq = values["contiguous_seq"]
    outcome.receipt = sign_receipt(_receipt_fields(outcome, office), office.sign_private)
    # Written once, receipt included, after the receipt is known (no second UPDATE per bundle).
    writes.append((_RECEIVED, {
        "bundle_id": outcome.bundle_id, "content_sha256": outcome.bundle_sha256, "site_id": outcome.site_id,
        "device_id": outcome.device_id, "seq_from": outcome.seq_from, "seq_to": outcome.seq_to,
        "full": bool(m.get("full")), "app_version": str(m.get("app_version", "")),
        "schema_heads": list(m.get("schema") or []), "status": "applied", "applied": outcome.applied,
        "problems": outcome.problems, "receipt": outcome.receipt, "received_at": now,
        "created_at": _parse_time(m.get("created_at"))}))
    insert_plain(conn, writes)


def _parse_time(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


_LATER_RANGES = (select(ReceivedBundle.seq_from, ReceivedBundle.seq_to)
                 .where(ReceivedBundle.site_id == bindparam("site"), ReceivedBundle.seq_to > bindparam("after")))


def _advance(s: Session, site_id: str, contiguous: int, *, new: tuple[int, int], earlier: bool = True) -> int:
    """Extend the contiguous sequence over every applied range that now joins it.

    ``contiguous`` already covers every earlier range that joins it, so only the range ``new``
    (just received, not yet written) can move it; when it does, earlier ranges beyond the old end
    may join too.
    """
    start, end = new
    if start > contiguous or end <= contiguous:
        return contiguous
    found = s.execute(_LATER_RANGES, {"site": site_id, "after": contiguous}).all() if earlier else []
    ranges = sorted([*found, new])
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
    bundle. ``ANALYZE`` (:func:`lookups.analyze_sql`) after each doubling of the records imported keeps
    lookups on the indexes at a small cost (a few runs per thousand bundles). SQLite needs nothing.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._since = 0
        self._base = 0
        self._touched: set[str] = set()

    def note(self, applied: dict[str, int], before: Callable[[], None] | None = None) -> None:
        """``applied``: records written per table by one bundle. Only tables the import wrote to
        are analysed (with their parent tables): the others did not change. ``before`` is called
        before analysing (the import commits its open transaction: ANALYZE sees committed rows)."""
        records = sum(applied.values())
        if self._db.is_sqlite or records <= 0:
            return
        self._since += records
        self._touched.update(name for name, count in applied.items() if count)
        if self._since >= max(1000, self._base // 2):
            tables = [t for t in sync_tables() if t.name in self._touched]
            names = {t.name for t in tables} | {p.name for t in tables for _c, p in parent_refs(t)}
            if before is not None:
                before()
            with self._db.engine.begin() as conn:
                for table in [*(t for t in sync_tables() if t.name in names), ReceivedBundle.__table__,
                              DeferredRecord.__table__]:
                    conn.exec_driver_sql(lookups.analyze_sql(table, NATURAL_KEYS.get(table.name, ())))
            self._base += self._since
            self._since = 0


class ReceiptFolder:
    """Signed receipt files in one folder, each under a name that never overwrites another.

    A background thread writes them: creating a file costs about as much as merging a bundle's
    hundred records, and the thread does it while the next bundle is merged. :meth:`close` waits
    for every file and returns those that could not be written.
    """

    def __init__(self, folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(_("Cannot create folder {path}: {error}").format(path=folder, error=exc)) from exc
        self.folder = folder
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dj-receipts")
        self._written: list[tuple[Path, Future]] = []
        self._held: list[tuple[Path, str]] = []

    def add(self, outcome: ImportOutcome, *, hold: bool = False) -> Path:
        """Write the outcome's receipt; with ``hold``, only once :meth:`release` is called (its bundle
        is committed: no receipt for a bundle a crash could still take away)."""
        digest = hashlib.sha256(outcome.receipt.encode("utf-8")).hexdigest()[:12]
        name = f"receipt-{(outcome.bundle_id or 'unknown')[:36]}-{outcome.status}-{digest}.djreceipt"
        path = self.folder / "".join(ch for ch in name if ch.isalnum() or ch in "-._")
        self._held.append((path, outcome.receipt))
        if not hold:
            self.release()
        return path

    def release(self) -> None:
        """Write the receipts held so far."""
        held, self._held = self._held, []
        self._written += [(path, self._writer.submit(_write_receipt, path, text)) for path, text in held]

    def close(self) -> list[tuple[Path, BaseException]]:
        """Wait for every file released; returns the receipts that could not be written, with why."""
        self._writer.shutdown(wait=True)
        return [(path, done.exception()) for path, done in self._written if done.exception() is not None]


def receipts_not_written(failed: list[tuple[Path, BaseException]]) -> str:
    path, error = failed[0]
    return _("The bundles were imported, but receipt {path} could not be written: {error}. Import the "
             "same files again with a folder you can write to: nothing is imported twice, and the "
             "receipts are issued again.").format(path=path, error=error)


def _write_receipt(path: Path, text: str) -> None:
    tmp = path.with_name("." + path.name + ".partial")
    # No fsync: a receipt lost in a crash is re-issued by importing the bundle again (a duplicate).
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
