"""Offline enrolment: the office creates its keys and an enrolment file; a branch imports it once
and creates its own device keys."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import OfficeIdentity, SyncEnrolment, utcnow
from dj_desktop.sync import keys, shapes
from dj_desktop.sync.limits import MAX_ENROLMENT_FILE

ENROLMENT_KIND = "dj-desktop-enrolment"
ENROLMENT_VERSION = 1
MIN_PASSPHRASE = 8


def create_office(session: Session, *, name: str, passphrase: str) -> OfficeIdentity:
    name = (name or "").strip()
    if not name:
        raise UserError(_("Give the office a name (for example the county organisation department)."))
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise UserError(_("The passphrase must have at least {count} characters.").format(count=MIN_PASSPHRASE))
    if session.get(OfficeIdentity, 1) is not None:
        raise UserError(_("This database is already an office database; its keys were not replaced."))
    if session.get(SyncEnrolment, 1) is not None:
        raise UserError(_("This database belongs to a branch enrolled with an office; use a new "
                          "database for the office."))
    pairs = keys.generate_key_pairs(passphrase=passphrase)
    row = OfficeIdentity(id=1, office_id=str(uuid.uuid4()), name=name, key_id=pairs.key_id,
                         enc_public=pairs.enc_public, enc_private=pairs.enc_private,
                         sign_public=pairs.sign_public, sign_private=pairs.sign_private,
                         created_at=utcnow())
    session.add(row)
    session.flush()
    return row


def write_enrolment_file(office: OfficeIdentity, out_dir: Path) -> Path:
    """Public keys and name only: the file may be carried and copied freely."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(_("Cannot create folder {path}: {error}").format(path=out_dir, error=exc)) from exc
    document = {
        "kind": ENROLMENT_KIND, "version": ENROLMENT_VERSION, "office_id": office.office_id,
        "office_name": office.name, "key_id": office.key_id, "enc_public": office.enc_public,
        "sign_public": office.sign_public,
        "fingerprint": keys.fingerprint(office.enc_public, office.sign_public),
    }
    path = out_dir / f"office-enrolment-{office.key_id[:8]}.djenrol"
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(document, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


def read_enrolment_file(path: Path) -> dict[str, Any]:
    bad = _("{path} is not an enrolment file from an office. Ask the office for the file written by "
            "\"office init\".").format(path=path)
    if path.is_dir():
        raise UserError(_("{path} is a folder, not an enrolment file; choose the .djenrol file in it.").format(
            path=path))
    try:
        if path.stat().st_size > MAX_ENROLMENT_FILE:
            raise UserError(bad)
        document = shapes.load_json(path.read_bytes(), "enrolment")
    except FileNotFoundError as exc:
        raise UserError(_("File {path} does not exist.").format(path=path)) from exc
    except (OSError, ValueError) as exc:     # ShapeError is a ValueError: not JSON, too deep
        raise UserError(bad) from exc
    if not isinstance(document, dict) or document.get("kind") != ENROLMENT_KIND:
        raise UserError(bad)
    if type(document.get("version", 0)) is not int:
        raise UserError(bad)
    if document.get("version", 0) > ENROLMENT_VERSION:
        raise UserError(_("The enrolment file is newer than this program; update the program first."))
    try:
        shapes.key_b64(document, "enc_public")
        shapes.key_b64(document, "sign_public")
        keys.enc_public(document["enc_public"])
        keys.sign_public(document["sign_public"])
        if keys.key_id(document["enc_public"]) != document["key_id"]:
            raise ValueError("key id")
        str(uuid.UUID(shapes.text(document, "office_id", max_len=36)))
        if not shapes.text(document, "office_name").strip():
            raise ValueError("office name")
    except (KeyError, ValueError, TypeError) as exc:
        raise UserError(bad) from exc
    return document


def enrol(session: Session, offer: dict[str, Any]) -> SyncEnrolment:
    """Record the office; the device keys are created once and kept if the branch enrols again.

    Enrolling with a different office resets the acknowledged sequence: the new office has
    received nothing yet, so the next bundle carries everything.
    """
    if session.get(OfficeIdentity, 1) is not None:
        raise UserError(_("This is an office database; a branch enrols in its own database."))
    row = session.get(SyncEnrolment, 1)
    if row is None:
        device = keys.generate_key_pairs(passphrase=None)
        row = SyncEnrolment(id=1, device_id=str(uuid.uuid4()), device_sign_private=device.sign_private,
                            device_enc_private=device.enc_private, device_sign_public=device.sign_public,
                            device_enc_public=device.enc_public, acknowledged_seq=0)
        session.add(row)
    elif row.office_id != offer["office_id"]:
        row.acknowledged_seq = 0
    row.office_id = offer["office_id"]
    row.office_name = offer["office_name"]
    row.office_key_id = offer["key_id"]
    row.office_enc_public = offer["enc_public"]
    row.office_sign_public = offer["sign_public"]
    row.enrolled_at = utcnow()
    session.flush()
    return row
