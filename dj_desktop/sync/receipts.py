"""Receipts: the office's signed answer to each bundle, and their application at the branch
(with the records a return bundle brings: what the office decided).

A receipt is a JSON document ``{"receipt": {...}, "signature": base64}``; the signature is an
Ed25519 signature by the office over the canonical JSON of ``receipt``. It holds no personal data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import BranchReceipt, ChangeCounter, SyncEnrolment
from dj_desktop.core.rulesets.store import take_office_versions
from dj_desktop.sync import keys, shapes
from dj_desktop.sync.limits import MAX_RECEIPT_FILE
from dj_desktop.sync.format import MAGIC, BundleError, canonical_json
from dj_desktop.sync.apply import BundleApplier
from dj_desktop.sync.returns import ReturnContent, read_return_bundle

RECEIPT_KIND = "dj-desktop-receipt"
RECEIPT_VERSION = 1
_SIG_CONTEXT = b"dj-receipt-v1"


def sign_receipt(fields: dict[str, Any], signer: Ed25519PrivateKey) -> str:
    body = dict(fields, kind=RECEIPT_KIND, version=RECEIPT_VERSION)
    signature = signer.sign(_SIG_CONTEXT + canonical_json(body))
    return json.dumps({"receipt": body, "signature": keys.b64(signature)}, ensure_ascii=False,
                      sort_keys=True, indent=1)


def verify_receipt(document: Any, office_sign_public: str) -> dict[str, Any]:
    tampered = UserError(_("The receipt's signature does not match the office's key: it was changed "
                           "or it comes from another office. It was not applied."))
    if not isinstance(document, dict) or not isinstance(document.get("receipt"), dict):
        raise UserError(_("This file is not a receipt from the office."))
    body = document["receipt"]
    if body.get("kind") != RECEIPT_KIND:
        raise UserError(_("This file is not a receipt from the office."))
    signature = document.get("signature")
    if not isinstance(signature, str):
        raise tampered
    try:
        keys.sign_public(office_sign_public).verify(keys.unb64(signature), _SIG_CONTEXT + canonical_json(body))
    except (InvalidSignature, ValueError, TypeError) as exc:
        raise tampered from exc
    try:      # signed by the office, yet checked: a faulty office program must not crash the branch
        shapes.text(body, "status", max_len=16)
        shapes.ident(body, "bundle_id", required=False)
        shapes.integer(body, "contiguous_seq", default=0)
        shapes.text(body, "reason", max_len=4000, required=False)
        shapes.mapping(body, "applied", default={})
        shapes.sequence(body, "problems", default=[])
        shapes.timestamp(body, "office_time")
    except shapes.ShapeError as exc:
        raise UserError(_("The receipt is malformed ({error}); it was not applied.").format(error=exc)) from exc
    return body


@dataclass(frozen=True)
class ApplyOutcome:
    rows: list[BranchReceipt]
    newly_applied: int
    acknowledged_seq: int
    records_updated: int = 0     # records whose values changed to what the office decided (return bundles)
    rule_versions_added: int = 0  # rule-set versions from the office stored here (return bundles)


def _content(session: Session, path: Path, enrolment: SyncEnrolment) -> ReturnContent:
    """A receipt file as a return bundle with one receipt and nothing decided; a return bundle as itself."""
    if path.is_dir():
        raise UserError(_("{path} is a folder, not a receipt file; choose the files in it.").format(path=path))
    try:
        if path.stat().st_size > MAX_RECEIPT_FILE:
            raise UserError(_("{path} is too large to be a receipt or a return bundle.").format(path=path))
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(_("File {path} does not exist.").format(path=path)) from exc
    except OSError as exc:
        raise UserError(_("Cannot read {path}: {error}").format(path=path, error=exc)) from exc
    if data.startswith(MAGIC):
        return read_return_bundle(data, enrolment=enrolment, site_id=session.info["site_id"])
    try:
        return ReturnContent(bundle_id="", receipts=[shapes.load_json(data, "receipt")], rows={})
    except shapes.ShapeError as exc:
        raise UserError(_("This file is not a receipt from the office.")) from exc


def apply_receipt_file(session: Session, path: Path) -> ApplyOutcome:
    """Verify and apply every receipt in a receipt file or return bundle; idempotent."""
    enrolment = session.get(SyncEnrolment, 1)
    if enrolment is None:
        raise UserError(_("This installation is not enrolled with an office yet. "
                          "Import the enrolment file the office gave you first."))
    try:
        content = _content(session, path, enrolment)
    except BundleError as exc:
        raise UserError(str(exc)) from exc
    documents = content.receipts
    site_id = session.info["site_id"]
    current = session.get(ChangeCounter, 1).value
    rows, new = [], 0
    for document in documents:
        body = verify_receipt(document, enrolment.office_sign_public)
        if body.get("office_id") != enrolment.office_id or body.get("site_id") != site_id:
            raise UserError(_("This receipt is for another branch or another office; it was not applied."))
        digest = hashlib.sha256(canonical_json(body)).hexdigest()
        row = session.get(BranchReceipt, digest)
        if row is None:
            row = BranchReceipt(
                receipt_sha256=digest, bundle_id=str(body.get("bundle_id", "")), status=str(body["status"]),
                reason=str(body.get("reason", "")), contiguous_seq=int(body.get("contiguous_seq", 0)),
                applied=dict(body.get("applied") or {}), problems=list(body.get("problems") or []),
                office_time=datetime.fromisoformat(body["office_time"]))
            session.add(row)
            new += 1
            # Never beyond our own counter: after restoring an old backup here, changes made since
            # must still be sent even though the office saw higher numbers before.
            acked = min(row.contiguous_seq, current)
            if acked > enrolment.acknowledged_seq:
                enrolment.acknowledged_seq = acked
        rows.append(row)
    session.flush()
    updated = _take_decisions(session, content, office_id=enrolment.office_id) if content.rows else 0
    versions = take_office_versions(session, content.rule_versions) if content.rule_versions else 0
    return ApplyOutcome(rows=rows, newly_applied=new, acknowledged_seq=enrolment.acknowledged_seq,
                        records_updated=updated, rule_versions_added=versions)


def _take_decisions(session: Session, content: ReturnContent, *, office_id: str) -> int:
    """Merge the office's version of records whose conflicts it resolved, as the office merges
    bundles (so applying a return bundle twice changes nothing), without conflict rows: the
    office has reviewed them. The history names the office's decision as the reason."""
    session.info["merging"] = True
    try:
        applier = BundleApplier(session, site_id=office_id, bundle_id=content.bundle_id, review=False,
                                owners=frozenset({session.info["site_id"], *content.sites}))
        session.info["reason"] = _("Decided by the office (return bundle {bundle})").format(
            bundle=content.bundle_id[:8])
        report = applier.apply(content.rows)
    finally:
        session.info.pop("merging", None)
    return report.values_changed
