"""The meetings book (三会一课, 主题党日, 组织生活会, 民主评议): its descriptor and reminder provider.

Meetings are written through ``MeetingService`` (attendance and decisions are part of a
meeting); the registry gives them lists, Excel, history, tombstones, printing and reminders.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import replace
from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.books.registry import Column, RecordBook, RecordForm, register_book
from dj_desktop.core.books.fact_values import ValueReader, raw, raw_rows
from dj_desktop.core.books.reminders import ReminderContext, chunks, per_branch
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models.meeting import Attendance, Meeting
from dj_desktop.core.rules.cadence import BranchFacts, MeetingFacts, meeting_rows
from dj_desktop.core.vocabularies.meeting import MEETING_KINDS


def meeting_title(values: Mapping[str, Any]) -> str:
    return values.get("theme") or values.get("lesson_title") or _(MEETING_KINDS.get(values["kind"], values["kind"]))


def present_ids(s: Session, meeting_ids: list[uuid.UUID]) -> dict[uuid.UUID, set[uuid.UUID]]:
    """Who was present at each meeting, for many meetings in one query per 500. The ids are read as
    stored and each distinct one converted once: a year of a branch's attendance is thousands of rows
    naming a few dozen members (half the time of the branch's reminders before)."""
    out: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    s.flush()   # what the session's own execute would do first
    reader, conn = ValueReader(), s.connection()
    for part in chunks(meeting_ids):
        rows = raw_rows(conn, select(raw(Attendance.meeting_id), raw(Attendance.member_id)).where(
            Attendance.meeting_id.in_(part), Attendance.present.is_(True), Attendance.deleted.is_(False)))
        id_of = reader.ids_in(rows, (0, 1))
        for meeting_id, member_id in rows:
            out[id_of(meeting_id)].add(id_of(member_id))
    return out


def _attendance(s: Session, meetings: list[Meeting]) -> dict[uuid.UUID, dict[str, Any]]:
    from dj_desktop.core.services.meeting_roster import BranchRoster, meeting_quorum
    present = present_ids(s, [m.id for m in meetings])
    rosters: dict[uuid.UUID, BranchRoster] = {}
    out = {}
    for m in meetings:
        if m.branch_id not in rosters:
            rosters[m.branch_id] = BranchRoster(s, m.branch_id)
        expected = rosters[m.branch_id].expected(kind=m.kind, day=m.held_on, group_id=m.group_id)
        result = meeting_quorum(m.kind, expected, present.get(m.id, set()))
        quorum = (_("Met") if result.met else _("Not met")) if result.applies else "—"
        out[m.id] = {"present": len(present.get(m.id, ())), "expected": len(expected), "quorum": quorum,
                     # shown in red wherever records are listed: decisions without a quorum are not valid
                     "attention": result.applies and not result.met}
    return out


def _reminders(ctx: ReminderContext, branches: list[BranchFacts]):
    by_branch: dict[uuid.UUID, list] = defaultdict(list)
    for part in chunks([b.id for b in branches]):
        by_branch_rows = ctx.session.execute(
            select(Meeting.id, Meeting.branch_id, Meeting.kind, Meeting.held_on, Meeting.group_id,
                   Meeting.lecturer_id, Meeting.study_hours)
            .where(Meeting.branch_id.in_(part), Meeting.deleted.is_(False),
                   Meeting.held_on >= ctx.since, Meeting.held_on <= ctx.on)).all()
        present = present_ids(ctx.session, [r.id for r in by_branch_rows])
        for r in by_branch_rows:
            by_branch[r.branch_id].append(MeetingFacts(
                kind=r.kind, held_on=r.held_on, group_id=r.group_id, lecturer_id=r.lecturer_id,
                present_ids=frozenset(present.get(r.id, ())), study_hours=r.study_hours or 0.0))
    return per_branch(meeting_rows, ctx,
                      (replace(b, meetings=tuple(by_branch[b.id])) for b in branches))


def _form(db, record_id: uuid.UUID):
    from dj_desktop.core.services import build_services
    return build_services(db).printing.meeting_form(record_id)


BOOK = register_book(RecordBook(
    key="meetings", title=N_("Meetings"), noun=N_("meeting record"), model=Meeting,
    date_field="held_on", title_of=meeting_title, order=10, generic_writes=False,
    member_fields=(),   # the member file lists the meetings a member attended (services/member_file.py)
    columns=(
        Column("held_on", N_("Date"), "date", width=12),
        Column("kind", N_("Kind"), "vocabulary", vocabulary=MEETING_KINDS, width=16),
        Column("group_id", N_("Party group"), "organisation", width=14),
        Column("theme", N_("Theme"), width=30),
        Column("place", N_("Place"), width=18),
        Column("host_id", N_("Host"), "member", width=10),
        Column("recorder_id", N_("Recorder"), "member", width=10),
        Column("present", N_("Present"), "number", width=8),
        Column("expected", N_("Expected"), "number", width=8),
        Column("quorum", N_("Quorum"), width=8),
        Column("study_hours", N_("Study hours"), "number", main=False, width=8),
        Column("minutes", N_("Minutes"), main=False, width=60),
    ),
    enrich=_attendance,
    reminders=_reminders,
    reminder_kinds={**MEETING_KINDS, "secretary_lesson": N_("Secretary's Party lesson"),
                    "study_hours": N_("Study hours")},
    form=RecordForm(assemble=_form, writer="dj_desktop.reports.pdf.meeting_form:write_meeting_form"),
))
