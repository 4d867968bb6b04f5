"""DevelopmentService: a person's development file (发展党员档案) — add, record a step, cancel,
extend the probation, timeline, and the holiday / 调休 calendar working days are counted in.

Every check is the pure rules' (``core/rules/development.py``) against the rule version the
file keeps; a refused step raises :class:`StepRefused` whose text names the rule and date.
Nothing is decided here: votes, reviews and approvals are entered by a person and checked.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.db import Database
from dj_desktop.core.i18n import _
from dj_desktop.core.models import DevelopmentFile, DevelopmentStep, Meeting, Member, MemberEvent
from dj_desktop.core.rules.development import (
    FileFacts, StepInput, StepRefused, TimelineRow, Verdict, Votes, check_application, check_extension,
    check_step, next_step, probation_end, stage_code, timeline,
)
from dj_desktop.core.rules.development_rules import DevelopmentRules, rules_from
from dj_desktop.core.rules.id_number import parse_id_number
from dj_desktop.core.services.development_calendar import CalendarStore
from dj_desktop.core.services.rulesets import RuleSetService

__all__ = ["DevelopmentService", "PersonSummary", "StepRefused", "StepInput", "Votes"]


@dataclass(frozen=True)
class NextStep:
    no: int
    name: str
    earliest: date | None
    latest: date | None
    provisional: bool


@dataclass(frozen=True)
class PersonSummary:
    id: uuid.UUID
    branch_id: uuid.UUID
    name: str
    stage: str
    last_step: int
    next_step: NextStep | None
    rules_version: str
    member_id: uuid.UUID | None
    cancelled_reason: str
    #: Probation extensions already decided (延长预备期), and the months they add.
    extensions: int = 0
    extension_months: int = 0


class DevelopmentService:
    def __init__(self, db: Database):
        self._db = db
        self._rulesets = RuleSetService(db)
        self.calendar = CalendarStore(db)

    def _rules(self, ref: str) -> DevelopmentRules:
        version = self._rulesets.by_ref(ref)
        return rules_from(version.content, version.ref)

    def rules(self, file_id: uuid.UUID) -> DevelopmentRules:
        with self._db.sessions() as s:
            return self._rules(self._file(s, file_id).rules_version)

    # -- writes -------------------------------------------------------------------------------
    def add(self, branch_id: uuid.UUID, *, name: str, id_number: str, applied_on: date,
            rules_version: str | None = None, today: date) -> uuid.UUID:
        """A new applicant's file; refused under the minimum age or with a future date."""
        if not name.strip():
            raise StepRefused(_("Enter the applicant's name."))
        info = parse_id_number(id_number)
        if rules_version:
            version = self._rulesets.get("development", rules_version)
        else:
            version = self._rulesets.in_effect("development", applied_on)
        check_application(rules_from(version.content, version.ref), info.birth_date, applied_on, today)
        with self._db.sessions.begin() as s:
            row = DevelopmentFile(branch_id=branch_id, name=name.strip(), id_number=info.number,
                                  birth_date=info.birth_date, applied_on=applied_on,
                                  rules_version=version.ref, cancelled_reason="", extension_months=0, extensions=0)
            s.add(row)
            s.flush()
            # Step 1 (the written application) is the day the file starts.
            s.add(DevelopmentStep(branch_id=branch_id, file_id=row.id, step_no=1, done_on=applied_on, note="",
                                  people=[], sponsors=[], rules_version=version.ref))
            return row.id

    def record_step(self, file_id: uuid.UUID, no: int, given: StepInput, *, today: date,
                    meeting_id: uuid.UUID | None = None) -> Verdict:
        """Records step ``no`` when the file's rule version allows it; raises StepRefused otherwise.

        Sponsors are looked up by name on the branch roster on the day: each must be a full member.
        Receiving as a probationary member (approval) puts the person on the roster; the approval of
        the conversion makes that row a full member.
        """
        with self._db.sessions.begin() as s:
            f, facts = self._facts(s, file_id)
            rules = self._rules(f.rules_version)
            if meeting_id is not None:
                meeting = s.get(Meeting, meeting_id)
                if meeting is None or meeting.deleted or meeting.branch_id != f.branch_id:
                    raise StepRefused(_("No meeting of this branch has the id {id}.").format(id=meeting_id))
            given = StepInput(on=given.on, people=tuple(p.strip() for p in given.people if p.strip()),
                              sponsors=tuple(p.strip() for p in given.sponsors if p.strip()),
                              sponsors_not_full=self._not_full(s, f.branch_id, given.sponsors, given.on),
                              meeting=meeting_id is not None or given.meeting, votes=given.votes, note=given.note)
            verdict = check_step(rules, facts, no, given, self.calendar.load(s, f.branch_id), today)
            votes = given.votes.__dict__ if given.votes else None
            s.add(DevelopmentStep(branch_id=f.branch_id, file_id=file_id, step_no=no, done_on=given.on,
                                  people=list(given.people), sponsors=list(given.sponsors), meeting_id=meeting_id,
                                  votes=votes, rules_version=f.rules_version, note=given.note.strip()))
            if no == rules.probation_from + 2:       # approval by the upper committee (step 17)
                self._join_roster(s, f, joined_on=facts.last(rules.probation_from) or given.on, today=today)
            elif no == 24 and f.member_id is not None:
                member = s.get(Member, f.member_id)
                if member.member_type != "full":
                    member.member_type, member.full_member_on = "full", probation_end(rules, facts)
                    s.add(MemberEvent(member_id=member.id, kind="became_full", on=member.full_member_on,
                                      note=_("Development step 24")))
            return verdict

    def cancel(self, file_id: uuid.UUID, *, reason: str, on: date, today: date) -> None:
        """Cancel a candidacy (取消资格) with the reason; the steps already entered stay."""
        if not reason.strip():
            raise StepRefused(_("Write the reason for cancelling."))
        if on > today:
            raise StepRefused(_("The cancellation date is in the future."))
        with self._db.sessions.begin() as s:
            f = self._file(s, file_id)
            if f.cancelled_reason:
                raise StepRefused(_("This candidacy is already cancelled."))
            f.cancelled_reason, f.cancelled_on = reason.strip(), on
            if f.member_id is not None:
                member = s.get(Member, f.member_id)
                if member.member_type != "full" and member.status == "active":
                    member.status, member.left_on = "removed", on
                    s.add(MemberEvent(member_id=member.id, kind="removed", on=on, other_organisation="",
                                      note=reason.strip()))

    def extend_probation(self, file_id: uuid.UUID, *, months: int, on: date, today: date) -> date:
        """Extend the probation once by 6–12 months (decided by the general meeting); the new end."""
        with self._db.sessions.begin() as s:
            f, facts = self._facts(s, file_id)
            rules = self._rules(f.rules_version)
            check_extension(rules, facts, months, on, today)
            f.extensions += 1
            f.extension_months += months
            return probation_end(rules, FileFacts(**{**facts.__dict__, "extension_months": f.extension_months}))

    # -- reads --------------------------------------------------------------------------------
    def timeline(self, file_id: uuid.UUID) -> list[TimelineRow]:
        with self._db.sessions() as s:
            f, facts = self._facts(s, file_id)
            return timeline(self._rules(f.rules_version), facts, self.calendar.load(s, f.branch_id))

    def steps(self, file_id: uuid.UUID) -> list[dict]:
        """Every step entered, oldest first, with its people, sponsors, meeting, votes and note."""
        with self._db.sessions() as s:
            self._file(s, file_id)
            rows = s.scalars(select(DevelopmentStep).where(DevelopmentStep.file_id == file_id,
                             DevelopmentStep.deleted.is_(False)).order_by(DevelopmentStep.step_no,
                                                                          DevelopmentStep.done_on))
            return [{"no": r.step_no, "on": r.done_on, "people": list(r.people), "sponsors": list(r.sponsors),
                     "meeting_id": r.meeting_id, "votes": r.votes, "note": r.note,
                     "rules_version": r.rules_version} for r in rows]

    def people(self, branch_id: uuid.UUID | None = None) -> list[PersonSummary]:
        with self._db.sessions() as s:
            query = select(DevelopmentFile).where(DevelopmentFile.deleted.is_(False))
            if branch_id is not None:
                query = query.where(DevelopmentFile.branch_id == branch_id)
            return [self._summary(s, f) for f in s.scalars(query.order_by(DevelopmentFile.applied_on,
                                                                          DevelopmentFile.name))]

    def person(self, file_id: uuid.UUID) -> PersonSummary:
        with self._db.sessions() as s:
            return self._summary(s, self._file(s, file_id))

    def progress_in(self, s: Session, f: DevelopmentFile, calendar) -> tuple[list[TimelineRow], int | None]:
        """One file's timeline and the number of its next step (None when done), in the caller's
        session and with the branch's calendar loaded once (readers over many files)."""
        _f, facts = self._facts(s, f.id)
        rules = self._rules(f.rules_version)
        return timeline(rules, facts, calendar), next_step(rules, facts)

    def _summary(self, s: Session, f: DevelopmentFile) -> PersonSummary:
        _f, facts = self._facts(s, f.id)
        rules = self._rules(f.rules_version)
        following = next_step(rules, facts)
        nxt = None
        if following is not None:
            row = timeline(rules, facts, self.calendar.load(s, f.branch_id))[following - 1]
            nxt = NextStep(no=following, name=row.name, earliest=row.bounds.earliest, latest=row.bounds.latest,
                           provisional=row.bounds.provisional)
        return PersonSummary(id=f.id, branch_id=f.branch_id, name=f.name, stage=stage_code(rules, facts),
                             last_step=max(facts.done, default=0), next_step=nxt, rules_version=f.rules_version,
                             member_id=f.member_id, cancelled_reason=f.cancelled_reason,
                             extensions=f.extensions or 0, extension_months=f.extension_months or 0)

    # -- helpers ------------------------------------------------------------------------------
    def _file(self, s: Session, file_id: uuid.UUID) -> DevelopmentFile:
        f = s.get(DevelopmentFile, file_id)
        if f is None or f.deleted:
            raise StepRefused(_("No development file has the id {id}.").format(id=file_id))
        return f

    def _facts(self, s: Session, file_id: uuid.UUID) -> tuple[DevelopmentFile, FileFacts]:
        f = self._file(s, file_id)
        done: dict[int, list[date]] = defaultdict(list)
        for no, on in s.execute(select(DevelopmentStep.step_no, DevelopmentStep.done_on).where(
                DevelopmentStep.file_id == file_id, DevelopmentStep.deleted.is_(False))):
            done[no].append(on)
        return f, FileFacts(applied_on=f.applied_on, birth_date=f.birth_date, done=dict(done),
                            extension_months=f.extension_months or 0, extensions=f.extensions or 0,
                            cancelled=bool(f.cancelled_reason))

    @staticmethod
    def _not_full(s: Session, branch_id: uuid.UUID, names, on: date) -> tuple[str, ...]:
        """Sponsors who are not full members of the branch on ``on`` (not on the roster, or probationary)."""
        from dj_desktop.core.services.member_queries import rows_on
        full = {r.name for r in rows_on(s, branch_id=branch_id, on=on)
                if r.full_member_on is not None and r.full_member_on <= on}
        return tuple(n.strip() for n in names if n.strip() and n.strip() not in full)

    @staticmethod
    def _join_roster(s: Session, f: DevelopmentFile, *, joined_on: date, today: date) -> None:
        """One member row for the person, as a probationary member, reused when already made."""
        if f.member_id is not None:
            return
        from dj_desktop.core.services.member_records import MemberInput
        from dj_desktop.core.services.members import MemberService
        data = MemberInput(name=f.name, id_number=f.id_number, joined_on=joined_on, member_type="probationary",
                           arrived_on=joined_on)
        f.member_id = MemberService(None)._add(s, f.branch_id, data, today=today, reason="", came_from=None)
