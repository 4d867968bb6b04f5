"""Small hand-made branches that between them make every reminder kind the record books declare,
on the days in ``DAYS`` (shared by the grouped-compliance tests)."""

from __future__ import annotations

from datetime import date

from dj_desktop.core.db import set_setting
from dj_desktop.core.models import CommitteeMember, CommitteeTerm, Member, Organisation
from dj_desktop.core.models.appraisal_care import CareMember
from dj_desktop.core.models.assessment import Assessment
from dj_desktop.core.models.money import DuesBase
from dj_desktop.core.models.notice import NoticeItem
from dj_desktop.core.models.points import Pledge
from dj_desktop.core.rules.id_number import make_id_number
from tests.core.development_world import APPLIED, TODAY, make_branch, walk
from tests.core.manual_world import build_world

#: The days checked: the year's end (calendar, appraisal, self-assessment, a group's month), 七一 2024
#: (a care visit, most development steps), and mid-2025 (probation ending, conversion approval).
DAYS = (date(2026, 12, 1), date(2024, 7, 1), date(2025, 6, 1))
#: Where a step of member development is watched: the person is walked up to the step before it.
DEVELOPMENT_UP_TO = (5, 6, 12, 14, 16, 19, 22)


def _branch(s, name: str, full: int, probationary: int = 0, committee: int = 0, offset: int = 0) -> None:
    unit = Organisation(name=name, kind="branch", founded_on=date(2010, 1, 1))
    s.add(unit)
    s.flush()
    people = []
    for n in range(full + probationary):
        full_member = n < full
        m = Member(branch_id=unit.id, name=f"{name[:2]}{n}", gender="female", birth_date=date(1980, 1, 1),
                   id_number=f"1101011980010{offset + n:04d}X"[-18:], joined_on=date(2000, 7, 1) if full_member
                   else date(2026, 1, 1), full_member_on=date(2001, 7, 1) if full_member else None,
                   member_type="full" if full_member else "probationary", arrived_on=date(2010, 1, 1),
                   status="active")
        s.add(m)
        people.append(m)
    s.flush()
    if committee:
        term = CommitteeTerm(organisation_id=unit.id, elected_on=date(2024, 1, 10), ends_on=date(2029, 1, 9))
        s.add(term)
        s.flush()
        roles = ["secretary"] + ["member"] * (committee - 1)
        s.add_all(CommitteeMember(term_id=term.id, member_id=m.id, role=role, started_on=date(2024, 1, 10))
                  for m, role in zip(people, roles))


def _books(s, world) -> None:
    """Dues owed since January, a half-year list unpublished, a poster come down, a cared-for member,
    a pledge never reviewed, a star level fallen."""
    branch, member = world.branch, world.members["钱一"]
    s.add(DuesBase(branch_id=branch, member_id=member, from_month=date(2026, 1, 1), kind="salary",
                   income=5000))
    s.add(NoticeItem(branch_id=branch, kind="other", title="公开栏", proposed_by="王书记",
                     proposed_on=date(2026, 11, 1), posted_on=date(2026, 11, 2), post_until=date(2026, 11, 28)))
    s.add(CareMember(branch_id=branch, member_id=world.members["孙二"], category="elderly", listed_on=date(2020, 1, 1)))
    s.add(Pledge(branch_id=branch, member_id=member, year=2026, items="承诺", published_on=date(2026, 3, 1)))
    for year, stars in ((2024, 5), (2025, 3)):
        s.add(Assessment(branch_id=branch, period=str(year), period_start=date(year, 1, 1),
                         period_end=date(year, 12, 31), standard="star", rules_version="assessment@2006",
                         version_no=1, status="submitted", submitted_on=date(year + 1, 1, 10), scores={},
                         deductions={}, vetoes=[], auto_scores={}, total="75.0", stars=stars, comment=""))


def _applicant(services, branch, n: int, applied: date = APPLIED):
    return services.development.add(branch, name=f"周{n}", id_number=make_id_number(
        "110101", date(1998, 3, 4), 30 + n, gender="female"), applied_on=applied, rules_version="2014", today=TODAY)


def build_branches(services, db) -> list:
    """Five branches (ids returned): one walking people through development, the manual's branch with
    its other books, a branch of 51 members with a committee of 8, one of 7 full members and no committee,
    one of 2 full members. The due-soon window is 14 days, so a group's month is said before its end."""
    dev_branch, meeting = make_branch(services)
    for up_to in DEVELOPMENT_UP_TO:
        person = _applicant(services, dev_branch, up_to)
        walk(services, person, meeting, up_to=up_to)
    _applicant(services, dev_branch, 0, applied=date(2026, 11, 10))
    world = build_world(db)
    with db.sessions.begin() as s:
        set_setting(s, "reminders.due_soon_days", 14)
        _books(s, world)
        _branch(s, "大支部", full=46, probationary=5, committee=8, offset=100)
        _branch(s, "无支委支部", full=7, offset=200)
        _branch(s, "小支部", full=2, probationary=1, offset=300)
    with db.sessions.begin() as s:
        return [b.id for b in s.query(Organisation).filter(Organisation.kind == "branch")]
