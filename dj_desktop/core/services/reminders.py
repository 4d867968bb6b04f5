"""ReminderService: loads each branch's facts in a few queries and runs the cadence rules over them."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.db import Database, set_setting, settings_with_prefix
from dj_desktop.core.i18n import _
from dj_desktop.core.models import (
    Attendance, CommitteeMember, CommitteeTerm, Meeting, Member, Organisation, Talk,
)
from dj_desktop.core.rules.cadence import (
    BranchFacts, GroupFacts, MeetingFacts, MemberFacts, Reminder, ReminderTarget, SeatFacts, TalkFacts, TermFacts,
    branch_reminders, sort_reminders,
)
from dj_desktop.core.rules.cadence_settings import (
    LOCAL_PREFIX, CadenceSettings, content_of, local_values_of, settings_from,
)
from dj_desktop.core.rulesets import store as rule_store

__all__ = ["MonthCount", "Reminder", "ReminderService", "ReminderTarget"]


@dataclass(frozen=True)
class MonthCount:
    year: int
    month: int
    overdue: int
    due: int

    @property
    def total(self) -> int:
        return self.overdue + self.due


def _load_settings(s: Session, on: date | None = None) -> CadenceSettings:
    """The targets of rule set ``cadence`` in effect on ``on`` (default today; before the first
    version: the first version) with this installation's display knobs."""
    versions = rule_store.versions(s, "cadence")
    version = rule_store.version_on(s, "cadence", on or date.today()) or (versions[0] if versions else None)
    return settings_from(version.content if version else None, settings_with_prefix(s, LOCAL_PREFIX))


def load_branch_facts(s: Session, branch: Organisation, *, since: date, on: date) -> BranchFacts:
    """Everything the rules need about one branch; meetings and talks only from ``since`` to ``on``."""
    members = tuple(MemberFacts(id=r.id, name=r.name, arrived_on=r.arrived_on, left_on=r.left_on,
                                joined_on=r.joined_on, group_id=r.group_id)
                    for r in s.execute(select(Member.id, Member.name, Member.arrived_on, Member.left_on,
                                              Member.joined_on, Member.group_id)
                                       .where(Member.branch_id == branch.id, Member.deleted.is_(False))))
    groups = tuple(GroupFacts(id=g.id, name=g.name, founded_on=g.founded_on)
                   for g in s.scalars(select(Organisation).where(
                       Organisation.parent_id == branch.id, Organisation.kind == "group",
                       Organisation.deleted.is_(False)).order_by(Organisation.sort_order, Organisation.name)))
    terms = list(s.scalars(select(CommitteeTerm).where(CommitteeTerm.organisation_id == branch.id,
                                                       CommitteeTerm.deleted.is_(False))))
    seats = tuple(SeatFacts(member_id=c.member_id, role=c.role, started_on=c.started_on, ended_on=c.ended_on)
                  for c in s.scalars(select(CommitteeMember).where(
                      CommitteeMember.term_id.in_([t.id for t in terms]), CommitteeMember.deleted.is_(False))))
    rows = list(s.execute(select(Meeting.id, Meeting.kind, Meeting.held_on, Meeting.group_id, Meeting.lecturer_id,
                                 Meeting.study_hours)
                          .where(Meeting.branch_id == branch.id, Meeting.deleted.is_(False),
                                 Meeting.held_on >= since, Meeting.held_on <= on)))
    present: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    if rows:
        for meeting_id, member_id in s.execute(
                select(Attendance.meeting_id, Attendance.member_id).join(Meeting, Meeting.id == Attendance.meeting_id)
                .where(Meeting.branch_id == branch.id, Meeting.deleted.is_(False), Meeting.held_on >= since,
                       Meeting.held_on <= on, Attendance.present.is_(True), Attendance.deleted.is_(False))):
            present[meeting_id].add(member_id)
    meetings = tuple(MeetingFacts(kind=r.kind, held_on=r.held_on, group_id=r.group_id, lecturer_id=r.lecturer_id,
                                  present_ids=frozenset(present.get(r.id, ())), study_hours=r.study_hours or 0.0)
                     for r in rows)
    talks = tuple(TalkFacts(held_on=t.held_on, talker_id=t.talker_id, talkee_id=t.talkee_id)
                  for t in s.execute(select(Talk.held_on, Talk.talker_id, Talk.talkee_id).where(
                      Talk.branch_id == branch.id, Talk.deleted.is_(False), Talk.held_on >= since,
                      Talk.held_on <= on)))
    return BranchFacts(id=branch.id, name=branch.name, founded_on=branch.founded_on, members=members,
                       groups=groups, seats=seats,
                       terms=tuple(TermFacts(id=t.id, elected_on=t.elected_on, ends_on=t.ends_on) for t in terms),
                       meetings=meetings, talks=talks)


class ReminderService:
    def __init__(self, db: Database):
        self._db = db

    def settings(self, on: date | None = None) -> CadenceSettings:
        """The settings in effect on ``on`` (default today)."""
        with self._db.sessions.begin() as s:
            return _load_settings(s, on)

    def save_settings(self, settings: CadenceSettings, *, effective_from: date | None = None) -> None:
        """Stores the display knobs as settings; changed rule targets become a new local version of
        rule set ``cadence`` in effect from ``effective_from`` (default today), so older ones stay on record."""
        on = effective_from or date.today()
        with self._db.sessions.begin() as s:
            for key, value in local_values_of(settings).items():
                set_setting(s, key, value)
            content = content_of(settings)
            current = rule_store.version_on(s, "cadence", on)
            if current is not None and content == content_of(settings_from(current.content, {})):
                return
            taken = {v.version for v in rule_store.versions(s, "cadence")}
            name = next(n for n in (f"local-{on.isoformat()}" + (f"-{i}" if i else "") for i in range(1000))
                        if n not in taken)
            rule_store.add(s, {
                "rule_set": "cadence", "version": name, "effective_from": on.isoformat(),
                "sources": [{"document": _("Changed on this computer"), "articles": []}],
                "note": _("Targets changed in the program's settings; the source of the change is not recorded."),
                "content": content}, origin="local")

    def reminders(self, on: date, *, branch_id: uuid.UUID | None = None) -> list[Reminder]:
        """What is overdue or due as of ``on``, for one branch or every branch in the database."""
        with self._db.sessions.begin() as s:
            settings = _load_settings(s)
            # Facts from one year before the oldest period the rules may look at.
            since = date((on - timedelta(days=settings.overdue_lookback_days)).year - 1, 1, 1)
            stmt = select(Organisation).where(Organisation.kind == "branch", Organisation.deleted.is_(False))
            if branch_id is not None:
                stmt = stmt.where(Organisation.id == branch_id)
            out: list[Reminder] = []
            for branch in s.scalars(stmt.order_by(Organisation.sort_order, Organisation.name)):
                out += branch_reminders(load_branch_facts(s, branch, since=since, on=on), on, settings)
            return sort_reminders(out)

    def counts_by_month(self, on: date, *, branch_id: uuid.UUID | None = None) -> list[MonthCount]:
        """How many reminders fall due in each month (by due date), oldest month first."""
        counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
        for r in self.reminders(on, branch_id=branch_id):
            counts[(r.due.year, r.due.month)][0 if r.status == "overdue" else 1] += 1
        return [MonthCount(year=y, month=m, overdue=c[0], due=c[1]) for (y, m), c in sorted(counts.items())]
