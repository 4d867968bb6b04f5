"""The monthly report to the upper level (党支部月报表), assembled from the records: roster changes,
organisational life, talks, and what was overdue at the month's end. ``reports/pdf/tabular.py``
writes it as PDF or .xlsx."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dj_desktop.core.i18n import N_, _
from dj_desktop.core.vocabularies.meeting import MEETING_KINDS
from dj_desktop.core.printouts import ReportTable, TabularReport
from dj_desktop.core.progress import Progress, step
from dj_desktop.core.report_periods import Period, percent
from dj_desktop.core.services.meeting_records import MeetingSummary
from dj_desktop.core.services.organisation_records import OrgUnit
from dj_desktop.core.services.printed_sheets import day_text

if TYPE_CHECKING:
    from dj_desktop.core.services.printing import PrintService

#: Reminder kinds that are not meeting kinds (those use MEETING_KINDS).
REMINDER_KINDS = {
    "secretary_lesson": N_("Secretary's own Party lesson"),
    "talks": N_("Heart-to-heart talks"),
    "study_hours": N_("Study hours"),
    "political_birthday": N_("Political birthdays"),
    "term_ending": N_("Committee term ending"),
}


def _roster_changes(services: PrintService, branch: OrgUnit, period: Period, end: date) -> ReportTable:
    everyone = services.members.roster(branch.id, include_left=True)
    before = services.members.members_on(branch.id, period.first - timedelta(days=1))
    after = services.members.members_on(branch.id, end)
    arrived = [m for m in everyone if period.contains(m.arrived_on)]
    left = Counter(m.status for m in everyone if period.contains(m.left_on))
    rows = (
        (_("Members at the start of the month"), len(before)),
        (_("Admitted as probationary members"), sum(period.contains(m.joined_on) for m in arrived)),
        (_("Transferred in this month"), sum(not period.contains(m.joined_on) for m in arrived)),
        (_("Became full members"), sum(period.contains(m.full_member_on) for m in everyone)),
        (_("Transferred out this month"), left["transferred_out"]),
        (_("Died"), left["deceased"]),
        (_("Removed from the Party"), left["removed"]),
        (_("Members at the end of the month"), len(after)),
        (_("of whom full members"), sum(m.member_type == "full" for m in after)),
        (_("of whom probationary members"), sum(m.member_type == "probationary" for m in after)),
    )
    return ReportTable(_("Changes in membership"), (_("Report item"), _("Count")), rows, (3, 1))


def _meetings(year_meetings: list[MeetingSummary], groups: dict, period: Period) -> ReportTable:
    rows = []
    for m in year_meetings:
        if not period.contains(m.held_on):
            continue
        quorum = "—" if m.quorum_met is None else (_("Reached") if m.quorum_met else _("NOT reached"))
        # A group meeting names its 党小组 (第一党小组 · 党小组会).
        kind = (_("{group} · {kind}").format(group=groups[m.group_id], kind=m.kind_label)
                if m.group_id in groups else m.kind_label)
        rows.append((day_text(m.held_on), kind, m.title, m.expected, m.present,
                     percent(m.present, m.expected), quorum))
    return ReportTable(_("Organisational life held this month"),
                       (_("Date"), _("Kind"), _("Subject"), _("Should attend"), _("Number present"), _("Attendance rate"),
                        _("Quorum")), tuple(rows), (2.2, 1.8, 4, 1.1, 1.1, 1.1, 1.2),
                       empty_text=_("No organisational life was recorded this month."))


def _kinds_so_far(services: PrintService, year_meetings: list[MeetingSummary], period: Period) -> ReportTable:
    year_meetings = [m for m in year_meetings if m.held_on <= period.last]
    in_month = Counter(m.kind for m in year_meetings if period.contains(m.held_on))
    in_year = Counter(m.kind for m in year_meetings)
    rows = tuple((label, in_month[kind], in_year[kind]) for kind, label in services.meetings.kinds())
    return ReportTable(_("Meetings by kind"), (_("Kind"), _("This month"), _("This year so far")), rows, (3, 1, 1))


def _talks(services: PrintService, branch: OrgUnit, period: Period, end: date) -> ReportTable:
    talks = [t for t in services.talks.list(branch.id, year=period.first.year) if t.held_on <= period.last]
    members = services.members.members_on(branch.id, end)
    talked = {t.talkee_id for t in talks}
    rows = ((_("Talks this month"), sum(period.contains(t.held_on) for t in talks)),
            (_("Talks this year so far"), len(talks)),
            (_("Members talked with this year"), f"{sum(m.id in talked for m in members)} / {len(members)}"))
    return ReportTable(_("Heart-to-heart talks"), (_("Report item"), _("Count")), rows, (3, 1))


def _overdue(services: PrintService, branch: OrgUnit, end: date) -> ReportTable:
    """Overdue duties counted by kind: one member-by-member line each would run to pages."""
    by_kind: dict[str, list] = {}
    for r in services.reminders.reminders(end, branch_id=branch.id):
        if r.status == "overdue":
            by_kind.setdefault(r.kind, []).append(r)
    rows = []
    for kind, items in by_kind.items():
        items.sort(key=lambda r: r.due)
        subjects = "、".join(dict.fromkeys(r.subject for r in items[:3]))
        if len(items) > 3:
            subjects = _("{names} and {count} more").format(names=subjects, count=len(items) - 3)
        label = _(MEETING_KINDS.get(kind) or REMINDER_KINDS.get(kind, kind))
        rows.append((label, len(items), day_text(items[0].due), subjects))
    return ReportTable(_("Overdue at the end of the month"), (_("Duty"), _("Overdue items"), _("Earliest due"),
                                                              _("Concerning")), tuple(rows), (2, 1.2, 1.8, 5),
                       empty_text=_("Nothing was overdue."))


def monthly_report(services: PrintService, *, branch: OrgUnit, period: Period,
                   progress: Progress | None = None) -> TabularReport:
    """The month's figures of ``branch``, counted as of the month's end (or today, within the month)."""
    end = min(period.last, date.today())
    year_meetings = services.meetings.list(branch.id, year=period.first.year)
    groups = {g.id: g.name for g in services.organisation.groups(branch.id)}
    parts = (lambda: _roster_changes(services, branch, period, end), lambda: _meetings(year_meetings, groups, period),
             lambda: _kinds_so_far(services, year_meetings, period), lambda: _talks(services, branch, period, end),
             lambda: _overdue(services, branch, end))
    tables = []
    for done, part in enumerate(parts, start=1):
        tables.append(part())
        step(progress, done, len(parts), _("Collecting the monthly report"))
    facts = ((_("Reporting unit"), branch.name), (_("Month"), period.label),
             (_("Figures as of"), day_text(end)))
    return TabularReport(_("Monthly report of the Party branch"), branch.name, facts, tuple(tables))

