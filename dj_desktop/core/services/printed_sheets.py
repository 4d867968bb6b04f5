"""Service records turned into the plain printouts of ``core/printouts.py``: one meeting's form,
the branch basics page and its roster counts."""

from __future__ import annotations

from collections import Counter
from datetime import date

from dj_desktop.core.i18n import _
from dj_desktop.core.vocabularies.member import CATEGORIES
from dj_desktop.core.vocabularies.organisation import COMMITTEE_ROLES
from dj_desktop.core.printouts import AttendeeLine, BranchSheet, DecisionLine, GroupLine, MeetingSheet, PhotoFile
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.services.meeting_records import MeetingDetail
from dj_desktop.core.services.members import MemberService
from dj_desktop.core.services.organisation import OrganisationService
from dj_desktop.core.services.organisation_records import OrgUnit

#: Committee roles in the order the basics page lists them.
_ROLE_ORDER = list(COMMITTEE_ROLES)


def day_text(day: date | None) -> str:
    """A date as the books write it; empty when there is none."""
    return date_text(day) if day is not None else ""


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


def branch_sheet(orgs: OrganisationService, members: MemberService, branch: OrgUnit, *, on: date) -> BranchSheet:
    """The basics page (支部基本情况) as it stood on ``on``."""
    upper = orgs.get_unit(branch.parent_id).name if branch.parent_id else ""
    term = orgs.current_term(branch.id, on=on)
    committee: list[tuple[str, str]] = []
    term_text = ""
    if term is not None:
        term_text = _("{start} to {end}").format(start=day_text(term.elected_on), end=day_text(term.ends_on))
        seats = [s for s in term.seats if s.started_on <= on and (s.ended_on is None or s.ended_on >= on)]
        seats.sort(key=lambda s: _ROLE_ORDER.index(s.role) if s.role in _ROLE_ORDER else len(_ROLE_ORDER))
        committee = [(_(COMMITTEE_ROLES.get(s.role, s.role)), s.member_name) for s in seats]
    people = members.members_on(branch.id, on)
    per_group = Counter(m.group_id for m in people)
    groups = []
    for group in orgs.groups(branch.id):
        group_term = orgs.current_term(group.id, on=on)
        leaders = [s.member_name for s in (group_term.seats if group_term else ())
                   if s.role == "group_leader" and (s.ended_on is None or s.ended_on >= on)]
        groups.append(GroupLine(group.name, "、".join(leaders), per_group.get(group.id, 0)))
    return BranchSheet(name=branch.name, upper=upper, founded_on=branch.founded_on, term=term_text,
                       committee=tuple(committee), groups=tuple(groups), roster=roster_summary(people, on=on))


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
