"""Return bundles: office → branch, encrypted for the branch device and signed by the office,
carrying the branch's receipts and what the office decided for it: its version of each record
whose conflict it resolved, which the branch takes over (later also assessment scores)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from dj_desktop import __version__
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import ReceivedBundle, SyncConflict, SyncDevice, SyncEnrolment, utcnow
from dj_desktop.core.books.assessment_reminders import scored_assessments
from dj_desktop.core.rulesets import store as rule_store
from dj_desktop.sync import keys, payload
from dj_desktop.sync.authority import site_group
from dj_desktop.sync.export import write_new_file
from dj_desktop.sync.limits import Limits
from dj_desktop.sync.format import BundleError, open_sealed, read_header, seal, verify
from dj_desktop.sync.records import record_to_row, row_to_record, sync_tables

RETURN_SUFFIX = ".djreturn"


@dataclass(frozen=True)
class WrittenReturn:
    path: Path
    receipts: int
    size: int
    decisions: int = 0      # records the office decided (resolved conflicts), for the branch to take over
    rule_versions: int = 0  # rule-set versions the office added, sent along for the branch to store


@dataclass(frozen=True)
class ReturnContent:
    bundle_id: str
    receipts: list[Any]
    #: Per table name, the decided records as column values (``records.record_to_row``).
    rows: dict[str, list[dict[str, Any]]]
    #: Sites whose records the branch may take over: its own and those the office linked to it.
    sites: tuple[str, ...] = ()
    #: Rule-set versions the office added (JSON, the shape of ``resources/rulesets`` files), each checked.
    rule_versions: list[dict[str, Any]] = field(default_factory=list)


def write_return_bundle(s: Session, site_id: str, *, office: Any, to_dir: Path) -> WrittenReturn:
    """``office`` is the unlocked :class:`~dj_desktop.sync.importer.OfficeKeys`."""
    device = s.scalar(select(SyncDevice).where(SyncDevice.site_id == site_id, SyncDevice.revoked.is_(False))
                      .order_by(SyncDevice.registered_at.desc()).limit(1))
    if device is None:
        raise UserError(_("No bundle from branch {site} has been imported yet (or its device is revoked), "
                          "so there is nothing to send back.").format(site=site_id))
    receipts = [r.receipt for r in s.scalars(select(ReceivedBundle).where(
        ReceivedBundle.site_id == site_id, ReceivedBundle.receipt != "").order_by(ReceivedBundle.received_at))]
    bundle_id = str(uuid.uuid4())
    decided = decided_records(s, site_id)
    manifest = {"kind": "return", "bundle_id": bundle_id, "office_id": office.office_id, "site_id": site_id,
                "device_id": device.device_id, "app_version": __version__, "created_at": utcnow().isoformat(),
                "receipts": [json.loads(r) for r in receipts], "sites": sorted(site_group(s, site_id)),
                "rule_versions": rule_store.office_versions(s)}
    header = {"kind": "return", "bundle_id": bundle_id, "office_id": office.office_id, "site_id": site_id,
              "recipient": keys.key_id(device.enc_public)}
    data = seal(header, payload.build(manifest, decided, {}), recipient=keys.enc_public(device.enc_public),
                signer=office.sign_private)
    path, _written = write_new_file(to_dir, f"return-{site_id[:8]}-{bundle_id[:8]}{RETURN_SUFFIX}",
                                    lambda fh: fh.write(data))
    return WrittenReturn(path=path, receipts=len(receipts), size=len(data),
                         decisions=sum(len(rows) for rows in decided.values()),
                         rule_versions=len(manifest["rule_versions"]))


def decided_records(s: Session, site_id: str) -> dict[str, list[dict[str, Any]]]:
    """The office's version of every record of a conflict involving this branch that the office
    has resolved (whichever value it chose): the branch takes it over, so both hold the same."""
    wanted: dict[str, set] = {}
    for table_name, record_id in s.execute(select(SyncConflict.table_name, SyncConflict.record_id).where(
            SyncConflict.resolved.is_(True), SyncConflict.kind != "duplicate_key",
            or_(SyncConflict.site_id == site_id, SyncConflict.other_site_id == site_id))):
        wanted.setdefault(table_name, set()).add(record_id)
    for table_name, record_id in scored_assessments(s, site_group(s, site_id)):
        wanted.setdefault(table_name, set()).add(record_id)
    out: dict[str, list[dict[str, Any]]] = {}
    for table in sync_tables():          # parents first, as in every bundle
        ids = sorted(wanted.get(table.name, ()), key=str)
        if ids:
            out[table.name] = [row_to_record(table, row) for row in
                               s.execute(select(table).where(table.c.id.in_(ids)).order_by(table.c.id)).mappings()]
    return out


def read_return_bundle(data: bytes, *, enrolment: SyncEnrolment, site_id: str) -> ReturnContent:
    """The receipts and decided records inside a return bundle, after checking signature and recipient."""
    header = read_header(data)
    if header.get("kind") != "return":
        raise BundleError("not_a_return", _("This is a branch bundle, not a return bundle from the office."))
    if header.get("recipient") != keys.key_id(enrolment.device_enc_public) or header.get("site_id") != site_id:
        raise BundleError("wrong_branch", _("This return bundle is for another branch or device."))
    try:
        verify(data, keys.sign_public(enrolment.office_sign_public))
    except BundleError as exc:
        raise BundleError(exc.code, _("The return bundle's signature does not match the office's key: it "
                                      "was changed or it comes from another office.")) from exc
    content = payload.read(open_sealed(data, recipient=keys.load_enc_private(enrolment.device_enc_private)),
                           allowance=Limits().allowance(len(data)), kind="return")
    manifest = content.manifest
    if manifest.get("kind") != "return" or manifest.get("office_id") != enrolment.office_id:
        raise BundleError("bad_content", _("The return bundle's content does not match its header."))
    sites = manifest.get("sites", [])
    if not isinstance(sites, list) or not all(isinstance(x, str) and len(x) <= 36 for x in sites):
        raise BundleError("bad_content", _("The return bundle's content does not match its header."))
    try:
        rows = {t.name: [record_to_row(t, r) for r in content.records[t.name]]
                for t in sync_tables() if content.records.get(t.name)}
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise BundleError("bad_records", _("The return bundle's records are malformed; nothing was applied.")) from exc
    return ReturnContent(bundle_id=str(manifest.get("bundle_id", "")), receipts=list(manifest.get("receipts") or []),
                         rows=rows, sites=tuple(sites),
                         rule_versions=rule_store.check_bundle_versions(manifest.get("rule_versions")))
