"""Receipts: the office's signed answer to each bundle, and their application at the branch.

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
from dj_desktop.sync import keys
from dj_desktop.sync.format import MAGIC, BundleError, canonical_json
from dj_desktop.sync.returns import read_return_bundle

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
    try:
        keys.sign_public(office_sign_public).verify(keys.unb64(document.get("signature", "")),
                                                    _SIG_CONTEXT + canonical_json(body))
    except (InvalidSignature, ValueError, TypeError) as exc:
        raise tampered from exc
    return body


@dataclass(frozen=True)
class ApplyOutcome:
    rows: list[BranchReceipt]
    newly_applied: int
    acknowledged_seq: int


def _documents(session: Session, path: Path, enrolment: SyncEnrolment) -> list[Any]:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(_("File {path} does not exist.").format(path=path)) from exc
    except OSError as exc:
        raise UserError(_("Cannot read {path}: {error}").format(path=path, error=exc)) from exc
    if data.startswith(MAGIC):
        return read_return_bundle(data, enrolment=enrolment, site_id=session.info["site_id"])
    try:
        return [json.loads(data.decode("utf-8"))]
    except (UnicodeDecodeError, ValueError) as exc:
        raise UserError(_("This file is not a receipt from the office.")) from exc


def apply_receipt_file(session: Session, path: Path) -> ApplyOutcome:
    """Verify and apply every receipt in a receipt file or return bundle; idempotent."""
    enrolment = session.get(SyncEnrolment, 1)
    if enrolment is None:
        raise UserError(_("This installation is not enrolled with an office yet. "
                          "Import the enrolment file the office gave you first."))
    try:
        documents = _documents(session, path, enrolment)
    except BundleError as exc:
        raise UserError(str(exc)) from exc
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
    return ApplyOutcome(rows=rows, newly_applied=new, acknowledged_seq=enrolment.acknowledged_seq)
