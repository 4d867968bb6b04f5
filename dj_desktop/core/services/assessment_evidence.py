"""Evidence files of an assessment item (photos, scans, PDFs the secretary attaches to prove an item
scored by hand). They belong to the item of a branch's period and standard, not to one version, so a
new version of the assessment keeps them; adding a file never changes a frozen score."""

from __future__ import annotations

import uuid
from pathlib import Path

from dj_desktop.core.db import Database

#: The attachments' owner table: an assessment item, identified as below.
EVIDENCE_TABLE = "assessment_item"
_NAMESPACE = uuid.UUID("0b0e8a3c-5d2f-4e59-9a57-71c4d7a0f3e6")


def evidence_owner(branch_id: uuid.UUID, standard: str, period: str, item_id: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{branch_id}:{standard}:{period}:{item_id}")


class AssessmentEvidenceService:
    def __init__(self, db: Database, *, attachments):
        self._db, self._attachments = db, attachments

    def files(self, sheet, item_id: str) -> list:
        """The files attached to ``item_id`` of the assessment ``sheet`` (any version)."""
        return self._attachments.list_for(EVIDENCE_TABLE, evidence_owner(sheet.branch_id, sheet.standard.name,
                                                                          sheet.period, item_id))

    def attach(self, sheet, item_id: str, source: str | Path):
        """Checks and stores the file (type, size, damage) and links it to the item; raises ``UserError``."""
        owner = evidence_owner(sheet.branch_id, sheet.standard.name, sheet.period, item_id)
        return self._attachments.add(EVIDENCE_TABLE, owner, source, branch_id=sheet.branch_id)
