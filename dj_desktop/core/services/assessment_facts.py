"""Reads what the records say about one branch and period for the assessment rules: meetings,
talks, plans, the roll, committee terms and dues — a few queries whatever the number of records."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.models import CommitteeTerm, Meeting, Member, Talk, WorkPlan
from dj_desktop.core.models.money import DuesPayment
from dj_desktop.core.rules.assessment_periods import AssessmentPeriod
from dj_desktop.core.rules.assessment_rules import AssessmentFacts, MeetingFact, PlanFact, TalkFact, TermFact


def read_facts(s: Session, branch_id: uuid.UUID, period: AssessmentPeriod, dues_lines, *,
               study: bool = False) -> AssessmentFacts:
    """``dues_lines``: the dues roll of each month of the period (``DuesService.roll``); ``study``: also
    read each member's study hours against the target."""
    first, last = period.first, period.last
    meetings = tuple(MeetingFact(r.id, r.kind, r.held_on) for r in s.execute(
        select(Meeting.id, Meeting.kind, Meeting.held_on).where(
            Meeting.branch_id == branch_id, Meeting.deleted.is_(False), Meeting.held_on >= first,
            Meeting.held_on <= last)))
    talks = tuple(TalkFact(r.id, r.talkee_id, r.held_on) for r in s.execute(
        select(Talk.id, Talk.talkee_id, Talk.held_on).where(
            Talk.branch_id == branch_id, Talk.deleted.is_(False), Talk.held_on >= first, Talk.held_on <= last)))
    plans = tuple(PlanFact(r.id, r.kind, r.year) for r in s.execute(
        select(WorkPlan.id, WorkPlan.kind, WorkPlan.year).where(
            WorkPlan.branch_id == branch_id, WorkPlan.deleted.is_(False),
            WorkPlan.year.between(first.year, last.year))))
    members = tuple(r.id for r in s.execute(
        select(Member.id).where(Member.branch_id == branch_id, Member.deleted.is_(False), Member.arrived_on <= last,
                                (Member.left_on.is_(None)) | (Member.left_on >= first))))
    terms = tuple(TermFact(r.id, r.elected_on, r.ends_on) for r in s.execute(
        select(CommitteeTerm.id, CommitteeTerm.elected_on, CommitteeTerm.ends_on).where(
            CommitteeTerm.organisation_id == branch_id, CommitteeTerm.deleted.is_(False))))
    payments = tuple(r.id for r in s.execute(
        select(DuesPayment.id).where(DuesPayment.branch_id == branch_id, DuesPayment.deleted.is_(False),
                                     DuesPayment.first_month <= last, DuesPayment.last_month >= first)
        .order_by(DuesPayment.paid_on)))
    owed = paid = Decimal(0)
    for lines in dues_lines:
        for line in lines:
            if line.due:
                owed += line.due
                paid += min(line.paid, line.due)
    facts = AssessmentFacts(first=first, last=last, meetings=meetings, talks=talks, plans=plans, members=members,
                            terms=terms, dues_owed=owed, dues_paid=paid, dues_payments=payments)
    if study:
        from dataclasses import replace

        from dj_desktop.core.services.assessment_study_facts import read_study
        facts = replace(facts, **read_study(s, branch_id, facts))
    return facts
