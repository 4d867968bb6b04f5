"""The points ledger's printouts as plain data (``TabularReport``): the month's ranked table and
one member's year — practice record, study hours and points history."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.books.points_ledger import ITEM_LABELS
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import Member, Organisation
from dj_desktop.core.models.points import PointSignoff, PracticeActivity
from dj_desktop.core.points_facts import leaders_in, month_table, study_hours, study_targets
from dj_desktop.core.points_year import year_table
from dj_desktop.core.printouts import ReportTable, TabularReport
from dj_desktop.core.rules.dues import month_text
from dj_desktop.core.rules.points import PRACTICE_KINDS
from dj_desktop.core.rules.texts import date_text


def points_text(value: float) -> str:
    return f"{value:g}"


def month_report(s: Session, branch_id: uuid.UUID, month: date, *, printed_on: date) -> TabularReport:
    branch = s.get(Organisation, branch_id)
    table = month_table(s, branch_id, month, today=printed_on)
    signed = dict(s.execute(select(PointSignoff.member_id, PointSignoff.signed_on).where(
        PointSignoff.branch_id == branch_id, PointSignoff.month == month, PointSignoff.deleted.is_(False))).all())
    rows = tuple((str(r.rank) if r.rank is not None else _("exempt"), r.name, points_text(r.base),
                  points_text(r.automatic), points_text(r.manual), points_text(r.total),
                  date_text(signed[r.member_id]) if r.member_id in signed else "") for r in table.rows)
    top = [r.name for r in table.rows if r.rank == 1]
    facts = ((_("Month"), month_text(month)), (_("Points scheme"), table.rules_version),
             (_("Source of the scheme"), table.source),
             (_("Vanguard of the month"), "、".join(top) or _("none")), (_("Printed on"), date_text(printed_on)))
    return TabularReport(
        title=_("Monthly points table of Party members"), branch=branch.name if branch else "", facts=facts,
        tables=(ReportTable(title=_("Points and ranking for {month}").format(month=month_text(month)),
                            headers=(_("Rank"), _("Name"), _("Base"), _("Automatic"), _("Manual"), _("Total"),
                                     _("Member's sign-off")),
                            rows=rows, weights=(1, 2, 1, 1, 1, 1, 2), empty_text=_("No members this month.")),))


def year_report(s: Session, branch_id: uuid.UUID, year: int, *, printed_on: date) -> TabularReport:
    """The year's ranking: each member's points added up over the months so far; rank 1 most-awarded."""
    branch = s.get(Organisation, branch_id)
    lines = year_table(s, branch_id, year, through=printed_on)
    top = [line.name for line in lines if line.rank == 1]
    rows = tuple((str(line.rank) if line.rank is not None else _("exempt"), line.name, points_text(line.total),
                  str(line.months)) for line in lines)
    facts = ((_("Year"), str(year)), (_("Most points this year"), "、".join(top) or _("none")),
             (_("Printed on"), date_text(printed_on)))
    return TabularReport(
        title=_("Yearly points ranking of Party members"), branch=branch.name if branch else "", facts=facts,
        tables=(ReportTable(title=_("Points of {year}").format(year=year),
                            headers=(_("Rank"), _("Name"), _("Total"), _("Months scored")),
                            rows=rows, weights=(1, 2, 1, 1), empty_text=_("No members this year.")),))


def member_report(s: Session, member_id: uuid.UUID, year: int, *, printed_on: date) -> TabularReport:
    member = s.get(Member, member_id)
    if member is None or member.deleted:
        raise UserError(_("There is no member with the id {id}.").format(id=member_id))
    branch = s.get(Organisation, member.branch_id)
    start, end = date(year, 1, 1), min(date(year, 12, 31), printed_on)
    activities = s.scalars(select(PracticeActivity).where(
        PracticeActivity.member_id == member_id, PracticeActivity.deleted.is_(False),
        PracticeActivity.done_on >= start, PracticeActivity.done_on <= date(year, 12, 31))
        .order_by(PracticeActivity.done_on)).all()
    practice = tuple((date_text(a.done_on), _(PRACTICE_KINDS.get(a.kind, a.kind)), a.title,
                      points_text(a.service_hours), points_text(a.study_hours)) for a in activities)
    history = []
    for m in range(1, (end.month if end.year == year else 0) + 1):
        table = month_table(s, member.branch_id, date(year, m, 1), today=printed_on)
        row = next((r for r in table.rows if r.member_id == member_id), None)
        if row is not None:
            detail = "；".join(f"{_(ITEM_LABELS.get(i, i))} {points_text(p)}" + ("" if auto else _("(manual)"))
                              for i, p, auto in row.lines)
            history.append((month_text(date(year, m, 1)), points_text(row.total),
                            str(row.rank) if row.rank is not None else _("exempt"), detail))
    meeting_h, practice_h = study_hours(s, member.branch_id, start, end).get(member_id, (0.0, 0.0))
    normal, lead, _ref = study_targets(s, year)
    target = lead if member_id in leaders_in(s, member.branch_id, start, end) else normal
    facts = ((_("Member"), member.name), (_("Year"), str(year)),
             (_("Study hours"), _("{done} of {target} (meetings {meetings}, practice {practice})").format(
                 done=points_text(round(meeting_h + practice_h, 1)), target=points_text(target),
                 meetings=points_text(meeting_h), practice=points_text(practice_h))),
             (_("Service hours"), points_text(sum(a.service_hours for a in activities))),
             (_("Printed on"), date_text(printed_on)))
    return TabularReport(
        title=_("Practice record and points of a Party member"), branch=branch.name if branch else "", facts=facts,
        tables=(ReportTable(title=_("Practice activities"), headers=(_("Date"), _("Kind"), _("Activity"),
                                                                     _("Service hours"), _("Study hours")),
                            rows=practice, weights=(2, 2, 4, 1, 1), empty_text=_("No activities recorded.")),
                ReportTable(title=_("Points by month"), headers=(_("Month"), _("Total"), _("Rank"), _("Items")),
                            rows=tuple(history), weights=(2, 1, 1, 6), empty_text=_("No months scored."))))
