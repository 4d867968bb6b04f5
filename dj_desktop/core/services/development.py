"""DevelopmentService: a person's development file (发展党员档案) — add, record a step, timeline.

Every check is the pure rules' (``core/rules/development.py``) against the rule version the
file keeps; a refused step raises :class:`StepRefused` whose text names the rule and date.
Not yet wired into ``build_services``; the working-day calendar is not stored yet, so every
working-day count is marked provisional.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy import select

from dj_desktop.core.db import Database
from dj_desktop.core.models import DevelopmentFile, DevelopmentStep
from dj_desktop.core.rules.development import (
    FileFacts, StepInput, StepRefused, TimelineRow, Verdict, check_application, check_step, timeline,
)
from dj_desktop.core.rules.development_rules import DevelopmentRules, rules_from
from dj_desktop.core.rules.id_number import parse_id_number
from dj_desktop.core.rules.workdays import WorkCalendar
from dj_desktop.core.services.rulesets import RuleSetService

__all__ = ["DevelopmentService", "StepRefused"]


class DevelopmentService:
    def __init__(self, db: Database):
        self._db = db
        self._rulesets = RuleSetService(db)

    def _rules(self, ref: str) -> DevelopmentRules:
        version = self._rulesets.by_ref(ref)
        return rules_from(version.content, version.ref)

    def add(self, branch_id: uuid.UUID, *, name: str, id_number: str, applied_on: date,
            rules_version: str | None = None, today: date) -> uuid.UUID:
        """A new applicant's file; refused under the minimum age or with a future date."""
        info = parse_id_number(id_number)
        if rules_version:
            version = self._rulesets.get("development", rules_version)
        else:
            version = self._rulesets.in_effect("development", applied_on)
        check_application(rules_from(version.content, version.ref), info.birth_date, applied_on, today)
        with self._db.sessions.begin() as s:
            row = DevelopmentFile(branch_id=branch_id, name=name.strip(), id_number=info.number,
                                  birth_date=info.birth_date, applied_on=applied_on,
                                  rules_version=version.ref, cancelled_reason="")
            s.add(row)
            s.flush()
            # Step 1 (the written application) is the day the file starts.
            s.add(DevelopmentStep(file_id=row.id, step_no=1, done_on=applied_on, note=""))
            return row.id

    def _facts(self, s, file_id: uuid.UUID) -> tuple[DevelopmentFile, FileFacts]:
        f = s.get(DevelopmentFile, file_id)
        if f is None or f.deleted:
            raise StepRefused("no such development file")
        done: dict[int, list[date]] = defaultdict(list)
        for no, on in s.execute(select(DevelopmentStep.step_no, DevelopmentStep.done_on).where(
                DevelopmentStep.file_id == file_id, DevelopmentStep.deleted.is_(False))):
            done[no].append(on)
        return f, FileFacts(applied_on=f.applied_on, birth_date=f.birth_date, done=dict(done),
                            cancelled=bool(f.cancelled_reason))

    def record_step(self, file_id: uuid.UUID, no: int, given: StepInput, *, today: date) -> Verdict:
        """Records step ``no`` when the file's rule version allows it; raises StepRefused otherwise."""
        with self._db.sessions.begin() as s:
            f, facts = self._facts(s, file_id)
            verdict = check_step(self._rules(f.rules_version), facts, no, given, WorkCalendar(), today)
            s.add(DevelopmentStep(file_id=file_id, step_no=no, done_on=given.on, note=given.note))
            return verdict

    def timeline(self, file_id: uuid.UUID) -> list[TimelineRow]:
        with self._db.sessions.begin() as s:
            f, facts = self._facts(s, file_id)
            return timeline(self._rules(f.rules_version), facts, WorkCalendar())
