"""Fills the printable records from the services (the only way reports read data)."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.vocabularies.member import CATEGORIES
from dj_desktop.core.vocabularies.organisation import COMMITTEE_ROLES
from dj_desktop.core.progress import Progress, step
from dj_desktop.core.services import Services
from dj_desktop.core.services.meeting_records import MeetingDetail
from dj_desktop.core.services.organisation_records import OrgUnit
from dj_desktop.reports.pdf.formatting import long_date
from dj_desktop.reports.pdf.printable import (
    AttendeeLine, BranchSheet, DecisionLine, EnrolmentSlip, GroupLine, ManualBook, MeetingSheet, PhotoFile, PlanText,
    TalkLine,
)

#: Committee roles in the order the basics page lists them.
_ROLE_ORDER = list(COMMITTEE_ROLES)


def resolve_branch(services: Services, name_or_id: str | None = None) -> OrgUnit:
    """The branch named (or with this id), or the installation's own branch."""
    if not name_or_id:
        branch = services.organisation.first_branch()
        if branch is None:
            raise UserError(_("The database has no branch yet; set up the branch first."))
        return branch
    for unit in services.organisation.branches():
        if unit.name == name_or_id or str(unit.id) == name_or_id:
            return unit
    raise UserError(_("There is no branch called {name} in this database.").format(name=name_or_id))


def meeting_sheet(detail: MeetingDetail) -> MeetingSheet:
    q = detail.quorum
    quorum_text = ""
    if q.applies:
        quorum_text = _("{entitled} members count toward the quorum, {present} present, {needed} needed.").format(
            entitled=q.entitled, present=q.present, needed=q.needed)
    photos = tuple(PhotoFile(a.path, caption=a.caption,
                             size=(a.width, a.height) if a.width and a.height else None)
                   for a in detail.attachments if a.is_image and a.path.is_file())
    missing = tuple(a.filename for a in detail.attachments if a.is_image and not a.path.is_file())
    return MeetingSheet(
        kind=detail.kind, kind_label=detail.kind_label, held_on=detail.held_on, starts_at=detail.starts_at,
        ends_at=detail.ends_at, place=detail.place, host=detail.host_name, recorder=detail.recorder_name,
        group=detail.group_name, subject=detail.theme or detail.lesson_title, lecturer=detail.lecturer_name,
        should_attend=len(detail.attendance), present=detail.present_count, absent=len(detail.absent),
        quorum_met=q.met if q.applies else None, quorum_text=quorum_text,
        attendance=tuple(AttendeeLine(a.name, a.present, a.absence_reason_label if not a.present else "",
                                      a.absence_note, voting=a.votes) for a in detail.attendance),
        minutes=detail.minutes,
        decisions=tuple(DecisionLine(d.text, d.responsible_name, d.due_on, d.follow_up_status_label,
                                     d.follow_up_note) for d in detail.decisions),
        photos=photos, missing_photos=missing, study_hours=detail.study_hours, record_id=str(detail.id))


def meeting_sheet_by_id(services: Services, meeting_id: str) -> tuple[MeetingSheet, str]:
    """The sheet of one meeting and its branch's name."""
    try:
        key = uuid.UUID(meeting_id)
    except ValueError:
        raise UserError(_("{value} is not a record id (it looks like 1b4e28ba-2fa1-11d2-883f-0016d3cca427)."
                          ).format(value=meeting_id)) from None
    detail = services.meetings.get(key)
    if detail.deleted:
        raise UserError(_("This meeting record was deleted; restore it before printing."))
    return meeting_sheet(detail), detail.branch_name


def branch_sheet(services: Services, branch: OrgUnit, *, on: date) -> BranchSheet:
    orgs = services.organisation
    upper = orgs.get_unit(branch.parent_id).name if branch.parent_id else ""
    term = orgs.current_term(branch.id, on=on)
    committee: list[tuple[str, str]] = []
    term_text = ""
    if term is not None:
        term_text = _("{start} to {end}").format(start=long_date(term.elected_on), end=long_date(term.ends_on))
        seats = [s for s in term.seats if s.started_on <= on and (s.ended_on is None or s.ended_on >= on)]
        seats.sort(key=lambda s: _ROLE_ORDER.index(s.role) if s.role in _ROLE_ORDER else len(_ROLE_ORDER))
        committee = [(_(COMMITTEE_ROLES.get(s.role, s.role)), s.member_name) for s in seats]
    members = services.members.members_on(branch.id, on)
    per_group = Counter(m.group_id for m in members)
    groups = []
    for group in orgs.groups(branch.id):
        group_term = orgs.current_term(group.id, on=on)
        leaders = [s.member_name for s in (group_term.seats if group_term else ())
                   if s.role == "group_leader" and (s.ended_on is None or s.ended_on >= on)]
        groups.append(GroupLine(group.name, "、".join(leaders), per_group.get(group.id, 0)))
    return BranchSheet(name=branch.name, upper=upper, founded_on=branch.founded_on, term=term_text,
                       committee=tuple(committee), groups=tuple(groups), roster=roster_summary(members, on=on))


def roster_summary(members, *, on: date) -> tuple[tuple[str, int], ...]:
    """The counts an inspector looks for first, from the members in the branch on ``on``."""
    def age(m) -> int:
        return on.year - m.birth_date.year - ((on.month, on.day) < (m.birth_date.month, m.birth_date.day))

    categories = Counter(m.category for m in members)
    rows = [(_("Members in total"), len(members)),
            (_("Full members"), sum(m.member_type == "full" for m in members)),
            (_("Probationary members"), sum(m.member_type == "probationary" for m in members)),
            (_("Women"), sum(m.gender == "female" for m in members)),
            (_("Ethnic minorities"), sum(bool(m.ethnicity) and m.ethnicity != "汉族" for m in members)),
            (_("Aged 35 or under"), sum(age(m) <= 35 for m in members)),
            (_("Aged 60 or over"), sum(age(m) >= 60 for m in members))]
    rows += [(_(label), categories[key]) for key, label in CATEGORIES.items() if categories[key]]
    return tuple(rows)


def _plan(services: Services, branch_id: uuid.UUID, year: int, kind: str) -> PlanText | None:
    record = services.plans.get(branch_id, year=year, kind=kind)
    return PlanText(record.title, record.body, record.adopted_on) if record else None


def manual_book(services: Services, *, year: int, branch: OrgUnit,
                progress: Progress | None = None) -> ManualBook:
    """Everything the year's manual prints, read through the services."""
    today = date.today()
    if year > today.year:
        raise UserError(_("The year {year} has not started yet; choose this year or an earlier one.").format(
            year=year))
    summaries = services.meetings.list(branch.id, year=year)
    sheets = []
    for done, summary in enumerate(summaries, start=1):
        sheets.append(meeting_sheet(services.meetings.get(summary.id)))
        step(progress, done, len(summaries), _("Reading record {done} of {total}").format(
            done=done, total=len(summaries)))
    talks = tuple(TalkLine(t.held_on, t.talker_name, t.talkee_name, t.place, t.topic, t.summary)
                  for t in services.talks.list(branch.id, year=year))
    on = min(date(year, 12, 31), today)
    return ManualBook(year=year, branch=branch_sheet(services, branch, on=on),
                      plan=_plan(services, branch.id, year, "plan"), summary=_plan(services, branch.id, year, "summary"),
                      meetings=tuple(sheets), talks=talks)


def enrolment_slip(services: Services, *, today: date) -> EnrolmentSlip:
    """What the device registration slip prints; the installation must be enrolled."""
    enrolment = services.sync.status().enrolment
    if enrolment is None:
        raise UserError(_("This installation is not enrolled with an office yet. "
                          "Import the enrolment file the office gave you first."))
    branch = services.organisation.first_branch()
    return EnrolmentSlip(branch_name=branch.name if branch else "", site_id=enrolment.site_id,
                         device_id=enrolment.device_id, device_fingerprint=enrolment.device_fingerprint,
                         office_name=enrolment.office_name, office_fingerprint=enrolment.office_fingerprint,
                         enrolled_at=enrolment.enrolled_at, printed_on=today)
