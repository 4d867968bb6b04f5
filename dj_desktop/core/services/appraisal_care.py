"""Printouts of the appraisal and care archives as plain ``TabularReport``s (written as PDF or Excel by
``reports/pdf/tabular.write_report``): the year's appraisal results and the care ledger with the year's
visits, aid and a summary. Assembled from the generic record service."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.printouts import ReportTable, TabularReport
from dj_desktop.core.services.appraisal_choices import appraisal_meetings
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.vocabularies.appraisal_care import GRADES


def _branch(services, branch_id: uuid.UUID | None):
    """The branch asked for (the installation's own when None): its id and name."""
    units = services.organisation.branches()
    unit = next((b for b in units if b.id == branch_id), None) if branch_id else services.organisation.first_branch()
    if unit is None:
        raise UserError(_("The database has no Party branch yet."))
    return unit.id, unit.name


def _money(value) -> str:
    return f"{Decimal(value or 0):.2f}"


def appraisal_report(services, year: int, *, branch_id: uuid.UUID | None = None,
                     printed_on: date | None = None) -> TabularReport:
    branch_id, name = _branch(services, branch_id)
    records = sorted(services.records.list("appraisals", branch_id=branch_id, year=year),
                     key=lambda r: r.texts[1])
    rows = tuple((r.texts[1], r.values["votes_excellent"], r.values["votes_qualified"], r.values["votes_basic"],
                  r.values["votes_unqualified"],
                  _(GRADES[r.values["grade"]]) if r.values["grade"] else _("Probationary member, not graded"),
                  date_text(r.values["talk_on"]) if r.values.get("talk_on") else "", r.values.get("outcome") or "")
                 for r in records)
    grades = Counter(r.values["grade"] or "" for r in records)
    cap = services.rulesets.in_effect("appraisal", date(year, 12, 31))
    linked = {r.values.get("meeting_id") for r in records}
    meetings = "、".join(f"{date_text(m.held_on)} {m.kind_label}" for m in appraisal_meetings(services, branch_id, year)
                        if m.id in linked)
    facts = ((_("Year"), str(year)), *(((_("Appraisal meeting"), meetings),) if meetings else ()),
             (_("Members appraised"), str(len(records))),
             *((_(label), str(grades.get(code, 0))) for code, label in GRADES.items()),
             (_("Cap on 优秀"), f"{cap.content['excellent_cap_percent']}% ({cap.ref})"),
             (_("Printed on"), date_text(printed_on or date.today())))
    return TabularReport(
        title=_("Democratic appraisal results {year}").format(year=year), branch=name, facts=facts,
        tables=(ReportTable(title=_("Appraisal of each member"),
                            headers=(_("Name"), _("Votes: excellent"), _("Votes: qualified"),
                                     _("Votes: basically qualified"), _("Votes: unqualified"), _("Grade"),
                                     _("Follow-up talk"), _("Outcome")),
                            rows=rows, weights=(3, 2, 2, 2, 2, 4, 3, 5),
                            empty_text=_("No appraisals recorded for this year.")),))


@dataclass(frozen=True)
class CareSummary:
    """The care archive's figures of a year (the section's summary line and the printout's facts)."""

    year: int
    on_ledger: int
    visits: int
    visited_members: int
    given: Decimal
    aid: int
    aided_members: int
    aid_amount: Decimal

    def text(self) -> str:
        return _("{year}: {on_ledger} members on the ledger; {visits} visits to {visited} members, {given} yuan "
                 "given; aid received {aid} times by {aided} members, {aid_amount} yuan.").format(
            year=self.year, on_ledger=self.on_ledger, visits=self.visits, visited=self.visited_members,
            given=_money(self.given), aid=self.aid, aided=self.aided_members, aid_amount=_money(self.aid_amount))


def _on_ledger_in(record, year: int) -> bool:
    removed = record.values.get("removed_on")
    return record.values["listed_on"].year <= year and (removed is None or removed.year >= year)


def summarise(year: int, ledger, visits, aid) -> CareSummary:
    """The year's figures from the records already read (the ledger's entries of any year)."""
    return CareSummary(year=year, on_ledger=sum(_on_ledger_in(r, year) for r in ledger), visits=len(visits),
                       visited_members=len({v.values["member_id"] for v in visits}),
                       given=sum((v.values["amount"] for v in visits), Decimal(0)), aid=len(aid),
                       aided_members=len({a.values["member_id"] for a in aid}),
                       aid_amount=sum((a.values["amount"] for a in aid), Decimal(0)))


def _care_records(services, branch_id: uuid.UUID, year: int):
    return (services.records.list("care_members", branch_id=branch_id),
            services.records.list("care_visits", branch_id=branch_id, year=year),
            services.records.list("care_aid", branch_id=branch_id, year=year))


def care_report(services, year: int, *, branch_id: uuid.UUID | None = None,
                printed_on: date | None = None) -> TabularReport:
    branch_id, name = _branch(services, branch_id)
    ledger, visits, aid = _care_records(services, branch_id, year)
    summary = summarise(year, ledger, visits, aid)
    visited = Counter(v.values["member_id"] for v in visits)
    ledger_rows = tuple((r.texts[0], r.texts[1], r.texts[2], r.texts[3], r.texts[4], str(visited[r.values["member_id"]]))
                        for r in ledger)
    visit_rows = tuple((r.texts[0], r.texts[1], r.texts[2], r.texts[3], r.texts[4], _money(r.values["amount"]))
                       for r in visits)
    aid_rows = tuple((r.texts[0], r.texts[1], r.texts[2], r.values.get("given") or "", _money(r.values["amount"]))
                     for r in aid)
    facts = ((_("Year"), str(year)), (_("Members on the ledger"), str(summary.on_ledger)),
             (_("Visits"), str(summary.visits)), (_("Given on visits (yuan)"), _money(summary.given)),
             (_("Aid received"), _("{count} times, {members} members").format(
                 count=summary.aid, members=summary.aided_members)),
             (_("Aid received (yuan)"), _money(summary.aid_amount)),
             (_("Printed on"), date_text(printed_on or date.today())))
    return TabularReport(
        title=_("Care ledger of elderly and hardship members {year}").format(year=year), branch=name, facts=facts,
        tables=(ReportTable(title=_("Care ledger"), headers=(_("Member"), _("Category"), _("Situation"),
                                                            _("Listed on"), _("Left the ledger on"), _("Visits")),
                            rows=ledger_rows, weights=(2, 2, 6, 2, 2, 1),
                            empty_text=_("No member is on the care ledger.")),
                ReportTable(title=_("Visits of the year"), headers=(_("Date"), _("Member"), _("Occasion"),
                                                                   _("Visited by"), _("Given"), _("Amount (yuan)")),
                            rows=visit_rows, weights=(2, 2, 2, 3, 4, 2), empty_text=_("No visits this year.")),
                ReportTable(title=_("Aid received"), headers=(_("Date"), _("Member"), _("Aid from"),
                                                             _("What was received"), _("Amount (yuan)")),
                            rows=aid_rows, weights=(2, 2, 4, 3, 2), empty_text=_("No aid this year."))))
