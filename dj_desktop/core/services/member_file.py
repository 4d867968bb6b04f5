"""MemberFileService: one member's whole file (一人一档) in a fixed order — roster data, changes of
status, the roster entry's corrections, meetings attended — then every registered book's records of
that member (talks, practice, pledges, points, dues, …) in the registry's order, found through each
book's member fields. A book added later joins the file without code here.

The masked variant, for showing on a screen or handing out, hides most of the ID number, the phone
and the address (``core/rules/masking.py``), in the roster data and in every book's columns."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from dj_desktop.core.books import book, books
from dj_desktop.core.books import records as ops
from dj_desktop.core.books.views import record_views
from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.member_file import FileSection, MemberFile
from dj_desktop.core.models import Organisation
from dj_desktop.core.models.meeting import Attendance, Meeting
from dj_desktop.core.rules.masking import mask_address, mask_id_number, mask_phone
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.vocabularies.history import HISTORY_ACTIONS
from dj_desktop.core.vocabularies.meeting import ABSENCE_REASONS, MEETING_KINDS
from dj_desktop.core.vocabularies.member import CATEGORIES, EVENT_KINDS, GENDERS, MANAGEMENT, MEMBER_TYPES, STATUSES

def _label(vocabulary: dict, key: str) -> str:
    return _(vocabulary[key]) if key in vocabulary else key


def _field_label(field: str) -> str:
    """A roster field by its column header (the roster book's), else by its name."""
    column = next((c for c in book("members").columns if c.key == field), None)
    return _(column.header) if column is not None else field


def _masked_column(key: str, text: str) -> str:
    if "id_number" in key:
        return mask_id_number(text)
    if "phone" in key:
        return mask_phone(text)
    if "address" in key:
        return mask_address(text)
    return text


class MemberFileService:
    def __init__(self, db: Database, *, members):
        self._db, self._members = db, members

    def file(self, member_id: uuid.UUID, *, mask: bool = False, today: date | None = None) -> MemberFile:
        try:
            detail = self._members.detail(member_id)
        except UserError:
            raise UserError(_("There is no member with the id {id}. `dj-desktop list members` lists the members "
                              "with their ids.").format(id=member_id)) from None
        m = detail.row
        sections = [self._basics(m, mask),
                    FileSection("events", _("Changes of status"), (_("Date"), _("Change"), _("Organisation"),
                                                                    _("Note")),
                                tuple((date_text(e.on), _label(EVENT_KINDS, e.kind), e.other_organisation, e.note)
                                      for e in detail.events)),
                    FileSection("corrections", _("Corrections of the roster entry"),
                                (_("Time"), _("Action"), _("Fields changed"), _("Reason")),
                                tuple((f"{h.at:%Y-%m-%d %H:%M}", _label(HISTORY_ACTIONS, h.action),
                                       "" if h.action == "create" else "、".join(sorted(
                                           _field_label(f) for f in h.changes)), h.reason)
                                      for h in detail.history))]
        with self._db.sessions.begin() as s:
            branch = s.get(Organisation, m.branch_id)
            sections.append(self._meetings(s, member_id))
            for b in books():
                fields = b.member_field_names()
                if not fields:
                    continue
                rows, seen = [], set()
                for name in fields:
                    for row in ops.query(s, b, filters={name: member_id}):
                        if row.id not in seen:
                            seen.add(row.id)
                            rows.append(row)
                views = record_views(s, b, rows)
                main = [i for i, c in enumerate(b.columns) if c.main]
                headers = tuple(_(b.columns[i].header) for i in main)
                table = tuple(tuple(_masked_column(b.columns[i].key, v.texts[i]) if mask else v.texts[i]
                                    for i in main) for v in sorted(views, key=lambda v: (v.day or date.min, v.title)))
                sections.append(FileSection(b.key, _(b.title), headers, table))
        return MemberFile(name=m.name, branch=branch.name if branch else "", printed_on=today or date.today(),
                          masked=mask, sections=tuple(sections))

    @staticmethod
    def _basics(m, mask: bool) -> FileSection:
        id_number, phone, address = ((mask_id_number(m.id_number), mask_phone(m.phone), mask_address(m.address))
                                     if mask else (m.id_number, m.phone, m.address))
        facts = ((_("Name"), m.name), (_("Gender"), _label(GENDERS, m.gender)), (_("Ethnicity"), m.ethnicity),
                 (_("Date of birth"), date_text(m.birth_date)), (_("ID number"), id_number),
                 (_("Native place"), m.native_place), (_("Education"), m.education),
                 (_("Work unit"), m.work_unit), (_("Post"), m.post), (_("Phone"), phone), (_("Address"), address),
                 (_("Party group"), m.group_name), (_("Member type"), _label(MEMBER_TYPES, m.member_type)),
                 (_("Category"), _label(CATEGORIES, m.category)),
                 (_("Management"), _label(MANAGEMENT, m.management)),
                 (_("Joined the Party"), date_text(m.joined_on)),
                 (_("Full member since"), date_text(m.full_member_on) if m.full_member_on else ""),
                 (_("In this branch since"), date_text(m.arrived_on)),
                 (_("Left on"), date_text(m.left_on) if m.left_on else ""),
                 (_("Status"), _label(STATUSES, m.status)), (_("Notes"), m.notes))
        return FileSection("roster", _("Roster data"), facts=facts)

    @staticmethod
    def _meetings(s, member_id: uuid.UUID) -> FileSection:
        rows = s.execute(select(Meeting.held_on, Meeting.kind, Meeting.lesson_title, Attendance.present,
                                Attendance.absence_reason, Attendance.absence_note)
                         .join(Attendance, Attendance.meeting_id == Meeting.id)
                         .where(Attendance.member_id == member_id, Attendance.deleted.is_(False),
                                Meeting.deleted.is_(False)).order_by(Meeting.held_on))
        table = tuple((date_text(r.held_on), _label(MEETING_KINDS, r.kind), r.lesson_title,
                       _("Present at the meeting") if r.present else "、".join(
                           t for t in (_label(ABSENCE_REASONS, r.absence_reason) if r.absence_reason
                                       else _("Absent from the meeting"),
                                       r.absence_note) if t)) for r in rows)
        return FileSection("meetings", _("Meetings attended"), (_("Date"), _("Meeting"), _("Lesson title"),
                                                                 _("Attendance")), table)
