"""Registration the office confirms (issue 9): the first bundle of an unknown device is verified
and held, not merged, until the office approves the device.

The office's enrolment file holds only public keys and is handed to every branch, so anyone can
build a device from it; its fingerprint, read aloud by the branch, is what the office checks.
A device whose bundles are held is *pending*: ``office devices`` and the office window list it
with its fingerprint and branch name, ``office approve`` merges what was held, ``office revoke``
refuses it and drops what was held. A new device for a site already registered (the branch's
new computer) is pending the same way and, once approved, takes over the site from the old
device. The setting ``sync.accept_new_devices`` lets an office that accepts the risk merge a
first bundle at once (trust on first use), but never for a site that already has a device.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from dj_desktop.core.i18n import _
from dj_desktop.core.models import BranchSite, HeldBundle, SyncDevice, utcnow
from dj_desktop.sync import keys
from dj_desktop.sync.format import BundleError

ACCEPT_KEY = "sync.accept_new_devices"


def accepts_new_devices(session: Session) -> bool:
    """The office's choice (``office settings``), read with one prebuilt statement: asked per bundle,
    read once per session (an import's transaction holds many bundles, issue 16)."""
    global _ACCEPT
    if ACCEPT_KEY in session.info:
        return session.info[ACCEPT_KEY]
    if _ACCEPT is None:
        from dj_desktop.core.models.meta import LocalSetting

        table = LocalSetting.__table__
        _ACCEPT = select(table.c.value).where(table.c.key == ACCEPT_KEY)
    session.info[ACCEPT_KEY] = accepts = session.connection().execute(_ACCEPT).scalar() is True
    return accepts


_ACCEPT = None


def register(session: Session, *, header: dict[str, Any], site_name: str, approved: bool) -> SyncDevice:
    """A device row for the sender of a first bundle (``approved`` only under trust on first use)."""
    now = utcnow()
    device = SyncDevice(
        device_id=header["device_id"], site_id=header["site_id"], sign_public=header["device_sign_public"],
        enc_public=header["device_enc_public"],
        fingerprint=keys.fingerprint(header["device_sign_public"], header["device_enc_public"]),
        revoked=False, registered_at=now, revoked_at=None, last_seen_at=now, approved=approved,
        approved_at=now if approved else None, site_name=site_name[:120])
    session.add(device)
    session.flush()
    return device


def hold(session: Session, *, path, sha256: str, bundle_id: str, device_id: str, site_id: str) -> bool:
    """Keep the file's bytes until the device is approved; False if they are held already."""
    if session.get(HeldBundle, sha256) is not None:
        return False
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise BundleError("unreadable", _("Cannot read {path}: {error}").format(path=path, error=exc)) from exc
    if hashlib.sha256(content).hexdigest() != sha256:
        raise BundleError("changed", _("The file changed while it was being read; import it again."))
    session.add(HeldBundle(content_sha256=sha256, bundle_id=bundle_id, device_id=device_id, site_id=site_id,
                           size=len(content), content=content, received_at=utcnow()))
    session.flush()
    return True


def held_message(fingerprint: str, site_name: str) -> str:
    return _("This bundle comes from a device the office has not confirmed yet (fingerprint {fingerprint}, "
             "branch {branch}). It is kept, not merged: compare the fingerprint with the one the branch "
             "printed, then approve the device (\"office approve\" or the Devices page).").format(
                 fingerprint=fingerprint, branch=site_name or "?")


def approve(session: Session, device_id: str, *, continues: str | None = None) -> tuple[SyncDevice, list[HeldBundle]]:
    """Mark the device approved, retire the other devices of its site (the old computer) and, with
    ``continues``, link its site to that one; returns the held bundles to merge (oldest first)."""
    device = session.get(SyncDevice, device_id)
    if device is None:
        raise LookupError(device_id)
    if device.revoked:
        raise ValueError("revoked")
    now = utcnow()
    if not device.approved:
        device.approved, device.approved_at = True, now
    session.execute(update(SyncDevice).where(
        SyncDevice.site_id == device.site_id, SyncDevice.device_id != device.device_id,
        SyncDevice.revoked.is_(False)).values(revoked=True, revoked_at=now))
    if continues and continues != device.site_id:
        link_site(session, device.site_id, continues)
    held = list(session.scalars(select(HeldBundle).where(HeldBundle.device_id == device_id)
                                .order_by(HeldBundle.received_at)))
    for row in held:
        session.expunge(row)
    return device, held


def drop_held(session: Session, device_id: str) -> int:
    return session.execute(delete(HeldBundle).where(HeldBundle.device_id == device_id)).rowcount or 0


def link_site(session: Session, site_id: str, continues: str) -> None:
    """``site_id`` is another installation of the branch ``continues`` (a copy of its books on a new
    computer): both may write the records of either."""
    home = session.execute(select(BranchSite.home_site_id).where(BranchSite.site_id == continues)).scalar()
    home = home or continues
    for site in {site_id, continues}:
        row = session.get(BranchSite, site)
        if row is None:
            row = BranchSite(site_id=site, name="", device_id="", contiguous_seq=0, last_seq_to=0,
                             last_bundle_id="", bundle_count=0)
            session.add(row)
        row.home_site_id = home if site != home else None
    session.flush()


def held_counts(session: Session) -> dict[str, int]:
    counts: dict[str, int] = {}
    for device_id in session.scalars(select(HeldBundle.device_id)):
        counts[device_id] = counts.get(device_id, 0) + 1
    return counts
