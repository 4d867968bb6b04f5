"""Evidence files (photos, scans, PDFs) attached to the items of a self-assessment.

Stored through :class:`AttachmentService` (checked, kept once by content hash, carried in sync
bundles) with ``owner_table = "assessment_item"`` and an owner id derived from the assessment
version and the item (:func:`item_owner_id`). A version shows its own evidence and that of the earlier
versions of the same period, so a new version keeps what the submitted one had; a submitted version
takes no new files (it is frozen).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import Attachment
from dj_desktop.core.models.assessment import Assessment
from dj_desktop.core.services.attachments import AttachmentService, attachments_for
from dj_desktop.core.services.meeting_records import AttachmentInfo

OWNER_TABLE = "assessment_item"


def item_owner_id(assessment_id: uuid.UUID, item_id: str) -> uuid.UUID:
    return uuid.uuid5(assessment_id, item_id)


def _owners(s: Session, sheet) -> dict[uuid.UUID, str]:
    """Attachment owner id → item id, over this version and the earlier ones of the same period."""
    if sheet.record_id is None:
        return {}
    versions = list(s.scalars(select(Assessment.id).where(
        Assessment.branch_id == sheet.branch_id, Assessment.period == sheet.period,
        Assessment.standard == sheet.standard.name, Assessment.version_no <= sheet.version_no,
        Assessment.deleted.is_(False))))
    return {item_owner_id(v, i.id): i.id for v in versions for i in sheet.items}


def evidence_file_lines(s: Session, sheet) -> dict[str, tuple[str, ...]]:
    """item id → "name（caption）" of each evidence file, for the printed handbook."""
    owners = _owners(s, sheet)
    out: dict[str, list[str]] = {}
    seen: set[tuple[str, str]] = set()
    if owners:
        rows = s.scalars(select(Attachment).where(
            Attachment.owner_table == OWNER_TABLE, Attachment.owner_id.in_(list(owners)),
            Attachment.deleted.is_(False)).order_by(Attachment.created_at, Attachment.position))
        for row in rows:
            item = owners[row.owner_id]
            if (item, row.sha256) not in seen:
                seen.add((item, row.sha256))
                out.setdefault(item, []).append(row.filename + (f"（{row.caption}）" if row.caption else ""))
    return {k: tuple(v) for k, v in out.items()}


class AssessmentEvidenceService:
    def __init__(self, db: Database, *, attachments: AttachmentService, assessment):
        self._db, self._attachments, self._assessment = db, attachments, assessment

    def attach(self, *, branch=None, period: str, standard: str, item_id: str, path: str | Path,
               caption: str = "") -> AttachmentInfo:
        """Attaches a file to ``item_id`` of the draft (made when there is none). Refused for a submitted
        assessment (make a new version) and for an item the standard does not have."""
        sheet = self._assessment.sheet(branch=branch, period=period, standard=standard)
        if item_id not in {i.id for i in sheet.items}:
            raise UserError(_("The standard has no item {item}.").format(item=item_id))
        if sheet.status == "submitted":
            raise UserError(_("The {period} assessment (version {no}) is submitted and frozen; make a new version "
                              "to add evidence.").format(period=sheet.period, no=sheet.version_no))
        if sheet.record_id is None:
            sheet = self._assessment.save(branch=branch, period=period, standard=standard)
        return self._attachments.add(OWNER_TABLE, item_owner_id(sheet.record_id, item_id), path,
                                     caption=caption.strip()[:200], branch_id=sheet.branch_id)

    def for_sheet(self, sheet) -> dict[str, list[AttachmentInfo]]:
        """item id → its evidence files: this version's and the earlier versions' of the same period."""
        out: dict[str, list[AttachmentInfo]] = {i.id: [] for i in sheet.items}
        with self._db.sessions.begin() as s:
            owners = _owners(s, sheet)
            found = attachments_for(s, self._attachments.files_dir, OWNER_TABLE, list(owners))
        seen: dict[str, set[str]] = {i: set() for i in out}
        for owner, files in found.items():
            item = owners[owner]
            for f in files:
                if f.sha256 not in seen[item]:
                    seen[item].add(f.sha256)
                    out[item].append(f)
        return out

    def remove(self, attachment_id: uuid.UUID, *, sheet, reason: str = "") -> None:
        """Unlinks a file from a draft's item (the bytes stay for other records); refused once submitted."""
        if sheet.status == "submitted":
            raise UserError(_("The {period} assessment (version {no}) is submitted and frozen; make a new version "
                              "to add evidence.").format(period=sheet.period, no=sheet.version_no))
        self._attachments.remove(attachment_id, reason=reason or _("removed from the assessment's evidence"))
