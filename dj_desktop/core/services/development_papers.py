"""The required papers of member development (发展党员材料) as per-step attachments.

For each step a person's file lists the rule set's national papers (``papers`` of the step in
``resources/rulesets/development/<version>.json``) and the unit's own papers (``development_paper``
rows of the branch). A file (scan, photo, PDF) is attached to a paper of a recorded step through the
attachment store: the owner is the step's latest row (``development_step``), the caption the paper's
name. National papers cannot be removed; a unit paper can, and files attached to it stay listed as
other papers, so nothing is lost. Papers never change a date.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import DevelopmentFile, DevelopmentStep
from dj_desktop.core.models.development_papers import DevelopmentPaper
from dj_desktop.core.rules.development_rules import STEP_COUNT
from dj_desktop.core.services.attachments import AttachmentService, attachments_for
from dj_desktop.core.services.meeting_records import AttachmentInfo

OWNER_TABLE = "development_step"
NAME_LENGTH = 60
#: national: from the rule set; unit: added by the branch; other: a file whose paper was removed.
PAPER_KINDS = ("national", "unit", "other")


@dataclass(frozen=True)
class PaperStatus:
    name: str
    kind: str
    files: tuple[AttachmentInfo, ...] = ()

    @property
    def attached(self) -> bool:
        return bool(self.files)


@dataclass(frozen=True)
class StepPapers:
    no: int
    name: str
    #: The step's latest entered row (files are attached to it); None while the step is not done.
    step_id: uuid.UUID | None
    papers: tuple[PaperStatus, ...]

    @property
    def required(self) -> int:
        return sum(1 for p in self.papers if p.kind != "other")

    @property
    def attached(self) -> int:
        return sum(1 for p in self.papers if p.kind != "other" and p.attached)


@dataclass(frozen=True)
class UnitPaper:
    id: uuid.UUID
    step_no: int
    name: str
    added_on: date
    note: str


class DevelopmentPaperService:
    def __init__(self, db: Database, *, attachments: AttachmentService, development):
        self._db = db
        self._attachments = attachments
        self._development = development

    # -- the unit's own papers ---------------------------------------------------------------------
    def unit_papers(self, branch_id: uuid.UUID) -> list[UnitPaper]:
        with self._db.sessions() as s:
            rows = s.scalars(select(DevelopmentPaper).where(DevelopmentPaper.branch_id == branch_id,
                             DevelopmentPaper.deleted.is_(False)).order_by(DevelopmentPaper.step_no,
                                                                           DevelopmentPaper.created_at))
            return [UnitPaper(r.id, r.step_no, r.name, r.added_on, r.note) for r in rows]

    def add_unit_paper(self, branch_id: uuid.UUID, step_no: int, name: str, *, today: date,
                       note: str = "") -> uuid.UUID:
        """A paper the unit requires at ``step_no`` on top of the national ones (refused when it
        duplicates a national or unit paper of that step)."""
        name = name.strip()
        if not 1 <= step_no <= STEP_COUNT:
            raise UserError(_("The step number is 1 to {count}.").format(count=STEP_COUNT))
        if not name:
            raise UserError(_("Enter the name of the paper."))
        if len(name) > NAME_LENGTH:
            raise UserError(_("The name of a paper is at most {count} characters.").format(count=NAME_LENGTH))
        if name in self._national_names(step_no):
            raise UserError(_("“{name}” is already a national paper of step {no}.").format(name=name, no=step_no))
        if any(p.step_no == step_no and p.name == name for p in self.unit_papers(branch_id)):
            raise UserError(_("“{name}” is already required at step {no}.").format(name=name, no=step_no))
        with self._db.sessions.begin() as s:
            row = DevelopmentPaper(branch_id=branch_id, step_no=step_no, name=name, added_on=today,
                                   note=note.strip())
            s.add(row)
            s.flush()
            return row.id

    def remove_unit_paper(self, paper_id: uuid.UUID, *, reason: str) -> None:
        """Only the unit's own papers can be removed; files attached to one stay on their steps."""
        if not reason.strip():
            raise UserError(_("Give a reason for removing the paper."))
        with self._db.sessions.begin() as s:
            row = s.get(DevelopmentPaper, paper_id)
            if row is None or row.deleted:
                raise UserError(_("Only a paper the unit added can be removed; national papers stay."))
            s.info["reason"] = reason.strip()
            row.deleted = True

    # -- a person's papers -------------------------------------------------------------------------
    def steps(self, file_id: uuid.UUID) -> list[StepPapers]:
        """Every step of the file's rule version with its papers and the files attached to them."""
        rules = self._development.rules(file_id)
        with self._db.sessions() as s:
            branch_id = s.get(DevelopmentFile, file_id).branch_id
            latest: dict[int, uuid.UUID] = {}
            for row_id, no in s.execute(select(DevelopmentStep.id, DevelopmentStep.step_no).where(
                    DevelopmentStep.file_id == file_id, DevelopmentStep.deleted.is_(False))
                    .order_by(DevelopmentStep.done_on, DevelopmentStep.created_at)):
                latest[no] = row_id
            step_ids: dict[int, list[uuid.UUID]] = {}
            for row_id, no in s.execute(select(DevelopmentStep.id, DevelopmentStep.step_no).where(
                    DevelopmentStep.file_id == file_id, DevelopmentStep.deleted.is_(False))):
                step_ids.setdefault(no, []).append(row_id)
            files = attachments_for(s, self._attachments.files_dir, OWNER_TABLE,
                                    [i for ids in step_ids.values() for i in ids])
        unit: dict[int, list[str]] = {}
        for p in self.unit_papers(branch_id):
            unit.setdefault(p.step_no, []).append(p.name)
        out = []
        for no in range(1, STEP_COUNT + 1):
            step = rules.step(no)
            attached = [a for i in step_ids.get(no, []) for a in files[i]]
            named = [(n, "national") for n in step.papers] + [(n, "unit") for n in unit.get(no, [])
                                                               if n not in step.papers]
            known = {n for n, _k in named}
            others = dict.fromkeys(a.caption for a in attached if a.caption not in known)
            papers = [PaperStatus(n, k, tuple(a for a in attached if a.caption == n)) for n, k in named]
            papers += [PaperStatus(n, "other", tuple(a for a in attached if a.caption == n)) for n in others]
            out.append(StepPapers(no, step.name, latest.get(no), tuple(papers)))
        return out

    def attach(self, file_id: uuid.UUID, step_no: int, paper: str, source: str | Path) -> AttachmentInfo:
        """Attach a scan, photo or PDF to ``paper`` of a recorded step (its latest entry)."""
        step = next((p for p in self.steps(file_id) if p.no == step_no), None)
        if step is None:
            raise UserError(_("The step number is 1 to {count}.").format(count=STEP_COUNT))
        if step.step_id is None:
            raise UserError(_("Step {no} is not recorded yet; papers are attached to a recorded step.").format(
                no=step_no))
        if paper not in {p.name for p in step.papers if p.kind != "other"}:
            raise UserError(_("“{name}” is not a required paper of step {no}.").format(name=paper, no=step_no))
        with self._db.sessions() as s:
            branch_id = s.get(DevelopmentFile, file_id).branch_id
        return self._attachments.add(OWNER_TABLE, step.step_id, source, caption=paper, branch_id=branch_id)

    def detach(self, attachment_id: uuid.UUID, *, reason: str) -> None:
        self._attachments.remove(attachment_id, reason=reason)

    def _national_names(self, step_no: int) -> set[str]:
        from dj_desktop.core.rules.development_rules import rules_from
        from dj_desktop.core.services.rulesets import RuleSetService
        return {name for v in RuleSetService(self._db).versions("development")
                for name in rules_from(v.content, v.ref).step(step_no).papers}
