"""Branch export: every record changed after the sequence the office acknowledged (or all of them),
sealed for the office, written to a new file safely and verified by reading it back."""

from __future__ import annotations

import io
import re
import os
import tempfile
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO, Callable, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop import __version__
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.safe_write import fsync_dir
from dj_desktop.core.models import BundleExport, SyncEnrolment, record_tables, utcnow
from dj_desktop.core.progress import Progress, step
from dj_desktop.sync import audit_trail, keys, payload
from dj_desktop.sync.attachments import collect
from dj_desktop.sync.format import CHUNK_SIZE, BundleError, check_file, seal_to
from dj_desktop.sync.records import row_to_record

BUNDLE_SUFFIX = ".djbundle"
T = TypeVar("T")


@dataclass(frozen=True)
class WrittenBundle:
    path: Path
    bundle_id: str
    seq_from: int
    seq_to: int
    full: bool
    counts: dict[str, int]
    attachments: int
    size: int


def schema_heads(session: Session) -> list[str]:
    from alembic.runtime.migration import MigrationContext  # only when exporting: slow to import

    return sorted(MigrationContext.configure(session.connection()).get_current_heads())


def bundle_file_name(branch_name: str, *, bundle_id: str, on: date | None = None) -> str:
    """``<branch>-<date>-<id>.djbundle``: an office with many sticks tells the branches apart by name.

    Characters that are not letters, digits, "-" or "_" (Chinese counts as letters) become "_";
    the first 8 characters of the bundle id keep two exports of one day apart.
    """
    safe = re.sub(r"[^\w-]+", "_", branch_name).strip("_")[:40] or "branch"
    return f"{safe}-{(on or date.today()).isoformat()}-{bundle_id[:8]}{BUNDLE_SUFFIX}"


def _branch_name(session: Session) -> str:
    """The name of this installation's (first) Party branch, for the bundle's file name."""
    from dj_desktop.core.models import Organisation
    return session.scalar(select(Organisation.name).where(
        Organisation.kind == "branch", Organisation.deleted.is_(False))
        .order_by(Organisation.created_at).limit(1)) or ""


def _site_name(session: Session) -> str:
    """The name the office shows for this installation: its Party branch (the first one), else the
    top of its organisation tree (a general branch or committee that keeps the books itself)."""
    branch = _branch_name(session)
    if branch:
        return branch
    tables = {t.name: t for t in record_tables()}
    org = tables.get("organisation")
    if org is None or "parent_id" not in org.c:
        return ""
    name = session.scalar(select(org.c.name).where(org.c.parent_id.is_(None), org.c.deleted.is_(False))
                          .order_by(org.c.created_at).limit(1))
    return name or ""


@dataclass(frozen=True)
class _Sealed:
    bundle_id: str
    seq_to: int
    counts: dict[str, int]
    attachments: int
    size: int
    sha256: bytes


def _seal_bundle(session: Session, out: BinaryIO, *, site_id: str, since: int, full: bool,
                 read_attachment: Callable[[str], bytes | None], chunk_size: int = CHUNK_SIZE,
                 progress: Progress | None = None, manifest_extra: dict | None = None,
                 bundle_id: str | None = None) -> _Sealed:
    """Write the sealed bundle to ``out``. The plaintext goes through a temporary file that stays
    in memory up to 32 MB (a bundle of records) and spills to the local disk beyond (photos); the
    stick only ever receives ciphertext."""
    enrolment = session.get(SyncEnrolment, 1)
    tables = record_tables()
    records = {}
    for index, table in enumerate(tables):
        step(progress, index, len(tables) + 1, table.name)
        query = select(table).order_by(table.c.change_seq)
        if not full:
            query = query.where(table.c.change_seq > since)
        records[table.name] = [row_to_record(table, row) for row in session.execute(query).mappings()]
    # Up to the last record carried, not the counter: the office refuses a range beyond the records
    # in the bundle (issue 9), and numbers reserved but never used leave nothing to acknowledge.
    seq_to = max([0 if full else since, *(r["seq"] for rows in records.values() for r in rows)])
    bundle_id = bundle_id or str(uuid.uuid4())
    manifest = {
        "kind": "bundle", "bundle_id": bundle_id, "site_id": site_id, "site_name": _site_name(session),
        "device_id": enrolment.device_id, "office_id": enrolment.office_id, "app_version": __version__,
        "schema": schema_heads(session), "seq_from": 0 if full else since, "seq_to": seq_to, "full": full,
        "created_at": utcnow().isoformat(), **(manifest_extra or {}),
    }
    header = {"kind": "bundle", "bundle_id": bundle_id, "device_id": enrolment.device_id, "site_id": site_id,
              "recipient": enrolment.office_key_id, "device_sign_public": enrolment.device_sign_public,
              "device_enc_public": enrolment.device_enc_public}
    trail = audit_trail.collect(session, since=since, full=full)
    # Declared in the signed manifest, so the office tells a trail taken out from one never sent.
    manifest[audit_trail.COUNT_KEY] = len(trail)
    with tempfile.SpooledTemporaryFile(max_size=payload.PLAIN_IN_MEMORY) as plain:
        files = payload.write(plain, manifest, records, collect(records, read_attachment), audit=trail)
        size = plain.tell()
        plain.seek(0)
        step(progress, len(tables), len(tables) + 1, "")
        start = out.tell()
        digest = seal_to(out, header, plain, size, recipient=keys.enc_public(enrolment.office_enc_public),
                         signer=keys.load_sign_private(enrolment.device_sign_private), chunk_size=chunk_size)
    counts = {name: len(rows) for name, rows in records.items() if rows}
    return _Sealed(bundle_id, seq_to, counts, files, out.tell() - start, digest)


def build_bundle(session: Session, *, site_id: str, since: int, full: bool,
                 read_attachment: Callable[[str], bytes | None],
                 chunk_size: int = CHUNK_SIZE, progress: Progress | None = None,
                 manifest_extra: dict | None = None) -> tuple[str, int, bytes, dict[str, int], int]:
    """A bundle in memory (tests build altered bundles from it): (bundle id, last sequence, file
    bytes, counts per table, attachment count)."""
    out = io.BytesIO()
    sealed = _seal_bundle(session, out, site_id=site_id, since=since, full=full, read_attachment=read_attachment,
                          chunk_size=chunk_size, progress=progress, manifest_extra=manifest_extra)
    return sealed.bundle_id, sealed.seq_to, out.getvalue(), sealed.counts, sealed.attachments


def write_new_file(folder: Path, name: str, write: Callable[[BinaryIO], T]) -> tuple[Path, T]:
    """``write`` into a temporary name → fsync → rename; never replaces an existing file.
    Returns the path and what ``write`` returned."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(_("Cannot create folder {path}: {error}").format(path=folder, error=exc)) from exc
    path = folder / name
    if path.exists():
        raise UserError(_("{path} already exists; it was not overwritten.").format(path=path))
    tmp = folder / f".{name}.partial"
    try:
        with tmp.open("wb") as fh:
            result = write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():   # the name holds a random bundle id, so this is a last-moment guard
            raise FileExistsError(path)
        os.rename(tmp, path)
        fsync_dir(folder)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(_("Cannot write {path}: {error}. Check that the stick is not full or "
                          "write-protected.").format(path=path, error=exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path, result


def export_bundle(session: Session, to_dir: Path, *, site_id: str, full: bool,
                  read_attachment: Callable[[str], bytes | None], since: int | None = None,
                  chunk_size: int = CHUNK_SIZE, progress: Progress | None = None) -> WrittenBundle:
    """Write one bundle; ``since`` defaults to the acknowledged sequence (a lost stick heals itself)."""
    enrolment = session.get(SyncEnrolment, 1)
    start = enrolment.acknowledged_seq if since is None else since
    bundle_id = str(uuid.uuid4())
    name = bundle_file_name(_branch_name(session) or _site_name(session), bundle_id=bundle_id)
    path, sealed = write_new_file(to_dir, name, lambda fh: _seal_bundle(
        session, fh, site_id=site_id, since=start, full=full, read_attachment=read_attachment,
        chunk_size=chunk_size, progress=progress, bundle_id=bundle_id))
    # Read back what the stick really holds before saying it is safe to remove.
    try:
        check_file(path, keys.sign_public(enrolment.device_sign_public), sealed.sha256)
    except (BundleError, OSError) as exc:       # OSError: the stick was pulled out too early
        path.unlink(missing_ok=True)
        raise UserError(_("The bundle written to {path} reads back differently; the stick may be "
                          "faulty. Export again to another stick.").format(path=path)) from exc
    try:   # an export that cannot be recorded leaves no bundle on the stick (the caller handles the commit)
        session.add(BundleExport(bundle_id=sealed.bundle_id, file_name=path.name, seq_from=0 if full else start,
                                 seq_to=sealed.seq_to, full=full, size=sealed.size, counts=sealed.counts))
        session.flush()
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return WrittenBundle(path=path, bundle_id=sealed.bundle_id, seq_from=0 if full else start,
                         seq_to=sealed.seq_to, full=full, counts=sealed.counts, attachments=sealed.attachments,
                         size=sealed.size)
