"""The monthly report to the upper level (党支部月报表): roster changes, organisational life, talks,
and what was overdue at the month's end; as PDF or .xlsx."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Progress, step
from dj_desktop.core.services import Services
from dj_desktop.core.services.organisation_records import OrgUnit
from dj_desktop.reports.pdf.formatting import long_date
from dj_desktop.reports.pdf.periods import Period, percent
from dj_desktop.reports.pdf.tabular import ReportTable, TabularReport, write_report


def _roster_changes(services: Services, branch: OrgUnit, period: Period, end: date) -> ReportTable:
    everyone = services.members.roster(branch.id, include_left=True)
    before = services.members.members_on(branch.id, period.first - timedelta(days=1))
    after = services.members.members_on(branch.id, end)
    arrived = [m for m in everyone if period.contains(m.arrived_on)]
    left = Counter(m.status for m in everyone if period.contains(m.left_on))
    rows = (
        (_("Members at the start of the month"), len(before)),
        (_("Admitted as probationary members"), sum(period.contains(m.joined_on) for m in arrived)),
        (_("Transferred in"), sum(not period.contains(m.joined_on) for m in arrived)),
        (_("Became full members"), sum(period.contains(m.full_member_on) for m in everyone)),
        (_("Transferred out"), left["transferred_out"]),
        (_("Died"), left["deceased"]),
        (_("Removed from the Party"), left["removed"]),
        (_("Members at the end of the month"), len(after)),
        (_("of whom full members"), sum(m.member_type == "full" for m in after)),
        (_("of whom probationary members"), sum(m.member_type == "probationary" for m in after)),
    )
    return ReportTable(_("Changes in membership"), (_("Item"), _("Number")), rows, (3, 1))


def _meetings(services: Services, branch: OrgUnit, period: Period) -> ReportTable:
    rows = []
    for m in services.meetings.list(branch.id, year=period.first.year):
        if not period.contains(m.held_on):
            continue
        quorum = "—" if m.quorum_met is None else (_("Met") if m.quorum_met else _("NOT met"))
        rows.append((long_date(m.held_on), m.kind_label, m.title, m.expected, m.present,
                     percent(m.present, m.expected), quorum))
    return ReportTable(_("Organisational life held this month"),
                       (_("Date"), _("Kind"), _("Subject"), _("Should attend"), _("Present"), _("Attendance"),
                        _("Quorum")), tuple(rows), (2.2, 1.8, 4, 1.1, 1.1, 1.1, 1.2),
                       empty_text=_("No organisational life was recorded this month."))


def _kinds_so_far(services: Services, branch: OrgUnit, period: Period) -> ReportTable:
    year_meetings = [m for m in services.meetings.list(branch.id, year=period.first.year) if m.held_on <= period.last]
    in_month = Counter(m.kind for m in year_meetings if period.contains(m.held_on))
    in_year = Counter(m.kind for m in year_meetings)
    rows = tuple((label, in_month[kind], in_year[kind]) for kind, label in services.meetings.kinds())
    return ReportTable(_("Meetings by kind"), (_("Kind"), _("This month"), _("This year so far")), rows, (3, 1, 1))


def _talks(services: Services, branch: OrgUnit, period: Period, end: date) -> ReportTable:
    talks = [t for t in services.talks.list(branch.id, year=period.first.year) if t.held_on <= period.last]
    members = services.members.members_on(branch.id, end)
    talked = {t.talkee_id for t in talks}
    rows = ((_("Talks this month"), sum(period.contains(t.held_on) for t in talks)),
            (_("Talks this year so far"), len(talks)),
            (_("Members talked with this year"), f"{sum(m.id in talked for m in members)} / {len(members)}"))
    return ReportTable(_("Heart-to-heart talks"), (_("Item"), _("Number")), rows, (3, 1))


def _overdue(services: Services, branch: OrgUnit, end: date) -> ReportTable:
    rows = tuple((r.subject, long_date(r.due), r.message)
                 for r in services.reminders.reminders(end, branch_id=branch.id) if r.status == "overdue")
    return ReportTable(_("Overdue at the end of the month"), (_("Subject"), _("Due"), _("What to do")), rows,
                       (2, 1.4, 5), empty_text=_("Nothing was overdue."))


def monthly_report(services: Services, *, branch: OrgUnit, period: Period,
                   progress: Progress | None = None) -> TabularReport:
    end = min(period.last, date.today())
    parts = (lambda: _roster_changes(services, branch, period, end), lambda: _meetings(services, branch, period),
             lambda: _kinds_so_far(services, branch, period), lambda: _talks(services, branch, period, end),
             lambda: _overdue(services, branch, end))
    tables = []
    for done, part in enumerate(parts, start=1):
        tables.append(part())
        step(progress, done, len(parts), _("Collecting the monthly report"))
    facts = ((_("Reporting unit"), branch.name), (_("Month"), period.label),
             (_("Figures as of"), long_date(end)))
    return TabularReport(_("Monthly report of the Party branch"), branch.name, facts, tuple(tables))


def write_monthly_report(services: Services, target: str | Path, *, branch: OrgUnit, period: Period,
                         progress: Progress | None = None) -> Path:
    return write_report(monthly_report(services, branch=branch, period=period, progress=progress), target)
