"""The quarterly 三会一课 report to the upper level, assembled from the records: required against held
for each kind (each Party group separately), every meeting of the quarter, and the Party lessons.
``reports/pdf/tabular.py`` writes it as PDF or .xlsx."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from dj_desktop.core.i18n import _
from dj_desktop.core.printouts import ReportTable, TabularReport
from dj_desktop.core.progress import Progress, step
from dj_desktop.core.report_periods import Period, percent
from dj_desktop.core.services.meeting_records import MeetingSummary
from dj_desktop.core.services.organisation_records import OrgUnit
from dj_desktop.core.services.printed_sheets import day_text

if TYPE_CHECKING:
    from dj_desktop.core.services.printing import PrintService

#: 三会一课 plus the themed Party day, in the order the report lists them.
REPORTED_KINDS = ("general_meeting", "committee_meeting", "group_meeting", "party_lesson", "themed_day")
#: How many of each cadence period fit in one quarter.
_PERIODS_PER_QUARTER = {"month": 3, "quarter": 1}


def _required(services: PrintService, kind: str) -> int | None:
    """Meetings the settings require in a quarter; None when the cadence is longer than a quarter."""
    cadence = services.reminders.settings().cadences.get(kind)
    if cadence is None or cadence.period not in _PERIODS_PER_QUARTER:
        return None
    return cadence.count * _PERIODS_PER_QUARTER[cadence.period]


def _completion_row(label: str, required: int | None, held: list[MeetingSummary]) -> tuple:
    expected = sum(m.expected for m in held)
    present = sum(m.present for m in held)
    if required is None:
        verdict = "—"
    else:
        verdict = _("Target met") if len(held) >= required else _("Short by {missing}").format(missing=required - len(held))
    return (label, "—" if required is None else required, len(held), verdict, percent(present, expected))


def _completion(services: PrintService, branch: OrgUnit, meetings: list[MeetingSummary]) -> ReportTable:
    labels = dict(services.meetings.kinds())
    rows = []
    for kind in REPORTED_KINDS:
        held = [m for m in meetings if m.kind == kind]
        required = _required(services, kind)
        if kind != "group_meeting":
            rows.append(_completion_row(labels[kind], required, held))
            continue
        # Each Party group must meet on its own cadence.
        groups = services.organisation.groups(branch.id)
        for group in groups:
            rows.append(_completion_row(_("{kind} · {group}").format(kind=labels[kind], group=group.name),
                                        required, [m for m in held if m.group_id == group.id]))
        if not groups:
            rows.append(_completion_row(labels[kind], None, held))
    return ReportTable(_("Three meetings and one lesson: required and held"),
                       (_("Kind"), _("Required number"), _("Number held"), _("Completion"), _("Attendance rate")), tuple(rows),
                       (3.4, 1, 1, 1.4, 1.2))


def _detail_rows(services: PrintService, meetings: list[MeetingSummary]) -> tuple[tuple, tuple]:
    details, lessons = [], []
    read = {d.id: d for d in services.meeting_details([m.id for m in meetings])}
    for m in meetings:
        d = read[m.id]
        quorum = "—" if m.quorum_met is None else (_("Reached") if m.quorum_met else _("NOT reached"))
        led_by = d.lecturer_name if m.kind == "party_lesson" else d.host_name
        details.append((day_text(m.held_on), m.kind_label, m.title, led_by, m.expected, m.present,
                        percent(m.present, m.expected), quorum))
        if m.kind == "party_lesson":
            lessons.append((day_text(m.held_on), d.lecturer_name, d.lesson_title or m.title,
                            f"{d.study_hours:g}" if d.study_hours else "—", m.present))
    return tuple(details), tuple(lessons)


def quarterly_report(services: PrintService, *, branch: OrgUnit, period: Period,
                     progress: Progress | None = None) -> TabularReport:
    meetings = [m for m in services.meetings.list(branch.id, year=period.first.year)
                if period.contains(m.held_on) and m.kind in REPORTED_KINDS]
    step(progress, 1, 3, _("Collecting the quarterly report"))
    completion = _completion(services, branch, meetings)
    step(progress, 2, 3, _("Collecting the quarterly report"))
    details, lessons = _detail_rows(services, meetings)
    step(progress, 3, 3, _("Collecting the quarterly report"))
    tables = (
        completion,
        ReportTable(_("Meetings held this quarter"),
                    (_("Date"), _("Kind"), _("Subject"), _("Host or lecturer"), _("Should attend"), _("Number present"),
                     _("Attendance rate"), _("Quorum")), details, (2.2, 1.7, 3.3, 1.3, 1, 1, 1, 1.1),
                    empty_text=_("No meetings were recorded this quarter.")),
        ReportTable(_("Party lessons"), (_("Date"), _("Lecturer"), _("Lesson title"), _("Study hours"), _("Number present")),
                    lessons, (2.2, 1.5, 5, 1, 1), empty_text=_("No Party lesson was given this quarter.")),
    )
    end = min(period.last, date.today())
    facts = ((_("Reporting unit"), branch.name), (_("Quarter"), period.label), (_("Figures as of"), day_text(end)))
    return TabularReport(_("Quarterly report on the three meetings and one lesson"), branch.name, facts, tables)

