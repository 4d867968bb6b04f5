"""PrintService: every printout assembled from the database as plain data (``core/printouts.py``).

The window and the command line ask this one service for a printout and hand what it returns to a
writer in ``reports/``, which lays it out and imports no service. A year's records are read with a
few bulk queries (``meeting_details.py``), not one query per record.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import select

from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import Meeting
from dj_desktop.core.vocabularies.member import CATEGORIES, GENDERS, MEMBER_TYPES
from dj_desktop.core.printouts import (
    EnrolmentSlip, ManualBook, MeetingSheet, PlanText, RosterLine, RosterSheet, TabularReport, TalkLine,
)
from dj_desktop.core.progress import Progress, step
from dj_desktop.core.rules.masking import mask_id_number, mask_phone
from dj_desktop.core.report_periods import Period, parse_month, parse_quarter
from dj_desktop.core.services.attachments import files_dir_for
from dj_desktop.core.services.meeting_details import meeting_details, year_meetings
from dj_desktop.core.services.meeting_records import MeetingDetail
from dj_desktop.core.services.meetings import MeetingService
from dj_desktop.core.services.members import MemberService
from dj_desktop.core.services.monthly_report import monthly_report
from dj_desktop.core.services.organisation import OrganisationService
from dj_desktop.core.services.organisation_records import OrgUnit
from dj_desktop.core.services.plans import PlanService
from dj_desktop.core.services.printed_sheets import branch_sheet, meeting_sheet
from dj_desktop.core.services.quarterly_report import quarterly_report
from dj_desktop.core.services.reminders import ReminderService
from dj_desktop.core.services.sync import SyncService
from dj_desktop.core.services.talks import TalkService

#: A branch as the caller knows it: its id, its name or id as typed, or None for this installation's branch.
BranchRef = uuid.UUID | str | None


class PrintService:
    """Reads through the services it is given (``organisation``, ``members`` …) and, for the
    meetings of a printout, straight from the database in bulk."""

    def __init__(self, db: Database, *, organisation: OrganisationService, members: MemberService,
                 meetings: MeetingService, talks: TalkService, plans: PlanService, reminders: ReminderService,
                 sync: SyncService, files_dir: Path | None = None):
        self._db = db
        self._files_dir = files_dir or files_dir_for(db)
        self.organisation, self.members, self.meetings = organisation, members, meetings
        self.talks, self.plans, self.reminders, self.sync = talks, plans, reminders, sync

    # --- branches ---------------------------------------------------------------------------
    def resolve_branch(self, name_or_id: BranchRef = None) -> OrgUnit:
        """The branch with this id or name, or the installation's own branch when none is given."""
        if name_or_id is None or name_or_id == "":
            branch = self.organisation.first_branch()
            if branch is None:
                raise UserError(_("The database has no branch yet; set up the branch first."))
            return branch
        wanted = str(name_or_id).strip()
        for unit in self.organisation.branches():
            if unit.name == wanted or str(unit.id) == wanted:
                return unit
        raise UserError(_("There is no branch called {name} in this database.").format(name=wanted))

    # --- meetings ---------------------------------------------------------------------------
    def meeting_form(self, meeting_id: uuid.UUID | str) -> tuple[MeetingSheet, str]:
        """The filled form of one meeting and its branch's name; a deleted record is refused."""
        if isinstance(meeting_id, uuid.UUID):
            key = meeting_id
        else:
            try:
                key = uuid.UUID(str(meeting_id).strip())
            except ValueError:
                raise UserError(_("{value} is not a record id (it looks like 1b4e28ba-2fa1-11d2-883f-0016d3cca427)."
                                  ).format(value=meeting_id)) from None
        found = self.meeting_details([key])
        if not found:
            raise UserError(_("There is no meeting record with the id {value} in this database.").format(value=key))
        detail = found[0]
        if detail.deleted:
            raise UserError(_("This meeting record was deleted; restore it before printing."))
        return meeting_sheet(detail), detail.branch_name

    def meeting_details(self, meeting_ids: list[uuid.UUID]) -> list[MeetingDetail]:
        """Details of these meetings (unknown ids left out), in the order given, read in bulk."""
        with self._db.sessions.begin() as s:
            rows = {m.id: m for m in s.scalars(select(Meeting).where(Meeting.id.in_(meeting_ids)))} \
                if meeting_ids else {}
            return meeting_details(s, self._files_dir, [rows[i] for i in meeting_ids if i in rows])

    # --- the yearly manual ------------------------------------------------------------------
    def manual_book(self, *, branch_id: BranchRef = None, year: int,
                    progress: Progress | None = None) -> ManualBook:
        """Everything the year's branch manual (党支部工作手册) prints."""
        today = date.today()
        if year > today.year:
            raise UserError(_("The year {year} has not started yet; choose this year or an earlier one.").format(
                year=year))
        branch = self.resolve_branch(branch_id)
        with self._db.sessions.begin() as s:
            details = meeting_details(s, self._files_dir, year_meetings(s, branch.id, year))
        sheets = []
        for done, detail in enumerate(details, start=1):
            sheets.append(meeting_sheet(detail))
            step(progress, done, len(details), _("Reading record {done} of {total}").format(
                done=done, total=len(details)))
        talks = tuple(TalkLine(t.held_on, t.talker_name, t.talkee_name, t.place, t.topic, t.summary)
                      for t in self.talks.list(branch.id, year=year))
        on = min(date(year, 12, 31), today)
        return ManualBook(year=year, branch=branch_sheet(self.organisation, self.members, branch, on=on),
                          plan=self._plan(branch.id, year, "plan"), summary=self._plan(branch.id, year, "summary"),
                          meetings=tuple(sheets), talks=talks,
                          roster=self.roster(branch_id=branch.id, masked=False, on=on))

    def _plan(self, branch_id: uuid.UUID, year: int, kind: str) -> PlanText | None:
        record = self.plans.get(branch_id, year=year, kind=kind)
        return PlanText(record.title, record.body, record.adopted_on) if record else None

    # --- reports to the upper level ---------------------------------------------------------
    def monthly_report(self, *, branch_id: BranchRef = None, month: str | Period,
                       progress: Progress | None = None) -> TabularReport:
        """The monthly report (党支部月报表); ``month`` as typed (2025-03) or a parsed period."""
        period = parse_month(month) if isinstance(month, str) else month
        return monthly_report(self, branch=self.resolve_branch(branch_id), period=period, progress=progress)

    def quarterly_report(self, *, branch_id: BranchRef = None, quarter: str | Period,
                         progress: Progress | None = None) -> TabularReport:
        """The quarterly 三会一课 report; ``quarter`` as typed (2025-Q1) or a parsed period."""
        period = parse_quarter(quarter) if isinstance(quarter, str) else quarter
        return quarterly_report(self, branch=self.resolve_branch(branch_id), period=period, progress=progress)

    # --- enrolment --------------------------------------------------------------------------
    def roster(self, *, branch_id: BranchRef = None, masked: bool, today: date | None = None,
               on: date | None = None) -> RosterSheet:
        """The 花名册: the members in the branch (on ``on`` when given, else now), in roster order (group,
        then joining date); ``masked`` hides most of each ID number and phone (for the notice board)."""
        branch = self.resolve_branch(branch_id)
        hide_id = mask_id_number if masked else (lambda text: text)
        hide_phone = mask_phone if masked else (lambda text: text)
        lines = tuple(RosterLine(
            name=m.name, gender=_(GENDERS.get(m.gender, m.gender)), ethnicity=m.ethnicity,
            birth_date=m.birth_date.isoformat(), id_number=hide_id(m.id_number), education=m.education,
            group=m.group_name, member_type=_(MEMBER_TYPES.get(m.member_type, m.member_type)),
            joined_on=m.joined_on.isoformat(),
            full_member_on=m.full_member_on.isoformat() if m.full_member_on else "",
            category=_(CATEGORIES.get(m.category, m.category)),
            work=" ".join(part for part in (m.work_unit, m.post) if part), phone=hide_phone(m.phone))
            for m in (self.members.members_on(branch.id, on) if on else self.members.roster(branch.id)))
        return RosterSheet(branch=branch.name, as_of=on or today or date.today(), masked=masked, lines=lines)

    def enrolment_slip(self, today: date | None = None) -> EnrolmentSlip:
        """What the device registration slip prints; the installation must be enrolled."""
        enrolment = self.sync.status().enrolment
        if enrolment is None:
            raise UserError(_("This installation is not enrolled with an office yet. "
                              "Import the enrolment file the office gave you first."))
        branch = self.organisation.first_branch()
        return EnrolmentSlip(branch_name=branch.name if branch else "", site_id=enrolment.site_id,
                             device_id=enrolment.device_id, device_fingerprint=enrolment.device_fingerprint,
                             office_name=enrolment.office_name, office_fingerprint=enrolment.office_fingerprint,
                             enrolled_at=enrolment.enrolled_at, printed_on=today or date.today())
