"""The named scoring rules of the assessment standards, over plain facts read from the records.

A rule turns ``(params, facts)`` into a :class:`RuleResult`: the share of the item's points
earned (0 to 1), the records behind it as ``(book, record id)`` and a note saying what was
counted. A period without records scores 0 with a note, never an error. No ORM here: the
service (``core/services/assessment.py``) reads the facts.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Mapping

from dj_desktop.core.i18n import _
from dj_desktop.core.vocabularies.meeting import MEETING_KINDS

Evidence = tuple[str, uuid.UUID]


@dataclass(frozen=True)
class MeetingFact:
    id: uuid.UUID
    kind: str
    held_on: date


@dataclass(frozen=True)
class TalkFact:
    id: uuid.UUID
    talkee_id: uuid.UUID
    held_on: date


@dataclass(frozen=True)
class PlanFact:
    id: uuid.UUID
    kind: str          # "plan" | "summary"
    year: int


@dataclass(frozen=True)
class TermFact:
    id: uuid.UUID
    elected_on: date
    ends_on: date | None


@dataclass(frozen=True)
class AssessmentFacts:
    """What the records of one branch say about one period."""

    first: date
    last: date
    meetings: tuple[MeetingFact, ...] = ()
    talks: tuple[TalkFact, ...] = ()
    plans: tuple[PlanFact, ...] = ()
    #: Members on the roll at some time in the period.
    members: tuple[uuid.UUID, ...] = ()
    terms: tuple[TermFact, ...] = ()
    dues_owed: Decimal = Decimal(0)
    dues_paid: Decimal = Decimal(0)
    dues_payments: tuple[uuid.UUID, ...] = ()
    #: Each member's study hours against the target (``assessment_study``); read only when a rule needs it.
    study: tuple = ()
    study_evidence: tuple[Evidence, ...] = ()
    #: Each person in member development (``assessment_development``); read only when a rule needs it.
    development: tuple = ()

    def months(self) -> list[tuple[int, int]]:
        out, (y, m) = [], (self.first.year, self.first.month)
        while (y, m) <= (self.last.year, self.last.month):
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def quarters(self) -> list[tuple[int, int]]:
        return sorted({(y, (m - 1) // 3 + 1) for y, m in self.months()})

    def whole_years(self) -> bool:
        return self.first.month == 1 and self.last.month == 12 and self.first.day == 1 and self.last.day == 31


@dataclass(frozen=True)
class RuleResult:
    share: Decimal                     # 0 … 1 of the item's points
    evidence: tuple[Evidence, ...]
    note: str


@dataclass(frozen=True)
class Rule:
    name: str
    check: Callable[[Mapping[str, Any]], str | None]
    score: Callable[[Mapping[str, Any], AssessmentFacts], RuleResult]


def _share(part: int, whole: int) -> Decimal:
    return min(Decimal(part) / Decimal(whole), Decimal(1)) if whole else Decimal(0)


def _kind_check(params: Mapping[str, Any]) -> str | None:
    if params.get("kind") not in MEETING_KINDS:
        return _("the rule needs a meeting kind, one of {kinds}.").format(kinds=", ".join(MEETING_KINDS))
    return None


def _kind_meetings(params, facts: AssessmentFacts) -> list[MeetingFact]:
    return sorted((m for m in facts.meetings if m.kind == params["kind"] and facts.first <= m.held_on <= facts.last),
                  key=lambda m: m.held_on)


def _kind_label(params) -> str:
    return _(MEETING_KINDS[params["kind"]])


def meetings_per_month(params, facts: AssessmentFacts) -> RuleResult:
    held = _kind_meetings(params, facts)
    months = facts.months()
    covered = {(m.held_on.year, m.held_on.month) for m in held}
    note = _("{kind}: held in {covered} of {months} months.").format(
        kind=_kind_label(params), covered=len(covered & set(months)), months=len(months))
    return RuleResult(_share(len(covered & set(months)), len(months)), tuple(("meetings", m.id) for m in held), note)


def meetings_per_quarter(params, facts: AssessmentFacts) -> RuleResult:
    held = _kind_meetings(params, facts)
    quarters = facts.quarters()
    covered = {(m.held_on.year, (m.held_on.month - 1) // 3 + 1) for m in held} & set(quarters)
    note = _("{kind}: held in {covered} of {quarters} quarters.").format(
        kind=_kind_label(params), covered=len(covered), quarters=len(quarters))
    return RuleResult(_share(len(covered), len(quarters)), tuple(("meetings", m.id) for m in held), note)


def meetings_per_year(params, facts: AssessmentFacts) -> RuleResult:
    held = _kind_meetings(params, facts)
    years = sorted({y for y, _m in facts.months()})
    covered = {m.held_on.year for m in held}
    note = _("{kind}: held {count} times in the period.").format(kind=_kind_label(params), count=len(held))
    return RuleResult(_share(len(covered), len(years)), tuple(("meetings", m.id) for m in held), note)


def talks_cover_members(params, facts: AssessmentFacts) -> RuleResult:
    talks = sorted((t for t in facts.talks if facts.first <= t.held_on <= facts.last), key=lambda t: t.held_on)
    members = set(facts.members)
    covered = {t.talkee_id for t in talks} & members
    if not members:
        return RuleResult(Decimal(0), (), _("No members on the roll in the period."))
    note = _("Talks reached {covered} of {members} members.").format(covered=len(covered), members=len(members))
    return RuleResult(_share(len(covered), len(members)), tuple(("talks", t.id) for t in talks), note)


def plan_and_summary(params, facts: AssessmentFacts) -> RuleResult:
    years = sorted({y for y, _m in facts.months()})
    plans = [p for p in facts.plans if p.year in years]
    have_plan = {p.year for p in plans if p.kind == "plan"}
    have_summary = {p.year for p in plans if p.kind == "summary"}
    evidence = tuple(("plans", p.id) for p in sorted(plans, key=lambda p: (p.year, p.kind)))
    if facts.whole_years():
        earned = len(have_plan) + len(have_summary)
        note = _("Annual plans: {plans} of {years}; year-end summaries: {summaries} of {years}.").format(
            plans=len(have_plan), summaries=len(have_summary), years=len(years))
        return RuleResult(_share(earned, 2 * len(years)), evidence, note)
    note = _("Annual plan for the period's year: {present}.").format(
        present=_("present") if have_plan else _("missing"))
    return RuleResult(_share(len(have_plan), len(years)), tuple(e for e in evidence
                                                                  if any(p.id == e[1] and p.kind == "plan" for p in plans)), note)


def committee_in_term(params, facts: AssessmentFacts) -> RuleResult:
    current = [t for t in facts.terms if t.elected_on <= facts.last and (t.ends_on is None or t.ends_on >= facts.last)]
    if current:
        return RuleResult(Decimal(1), tuple(("terms", t.id) for t in current),
                          _("A committee term is in force at the end of the period."))
    return RuleResult(Decimal(0), tuple(("terms", t.id) for t in facts.terms),
                      _("No committee term in force at the end of the period (expired or not recorded)."))


def _target_check(params: Mapping[str, Any]) -> str | None:
    try:
        target = Decimal(str(params.get("target")))
    except InvalidOperation:
        target = Decimal(-1)
    if not target.is_finite() or not 0 < target <= 1:
        return _("the rule needs a target share between 0 and 1, for example \"0.95\".")
    return None


def dues_collected(params, facts: AssessmentFacts) -> RuleResult:
    """Full points when the share of dues paid reaches the target (≥, the target included), else that share."""
    target = Decimal(str(params["target"]))
    evidence = tuple(("dues_payments", p) for p in facts.dues_payments)
    if facts.dues_owed <= 0:
        return RuleResult(Decimal(0), evidence, _("No dues were owed in the period according to the dues book."))
    rate = min(facts.dues_paid / facts.dues_owed, Decimal(1))
    note = _("Dues collected: {paid} of {owed} yuan ({rate}%), target {target}%.").format(
        paid=facts.dues_paid, owed=facts.dues_owed, rate=(rate * 100).quantize(Decimal("0.1")),
        target=(target * 100).normalize())
    return RuleResult(Decimal(1) if rate >= target else rate, evidence, note)


def _study_check(params):
    from dj_desktop.core.rules.assessment_study import share_check
    return share_check(params)


def _study_score(params, facts):
    from dj_desktop.core.rules.assessment_study import study_hours_at_target
    return study_hours_at_target(params, facts)


def _development_score(params, facts):
    from dj_desktop.core.rules.assessment_development import development_on_time
    return development_on_time(params, facts)


RULES: dict[str, Rule] = {r.name: r for r in (
    Rule("meetings_per_month", _kind_check, meetings_per_month),
    Rule("meetings_per_quarter", _kind_check, meetings_per_quarter),
    Rule("meetings_per_year", _kind_check, meetings_per_year),
    Rule("talks_cover_members", lambda p: None, talks_cover_members),
    Rule("plan_and_summary", lambda p: None, plan_and_summary),
    Rule("committee_in_term", lambda p: None, committee_in_term),
    Rule("dues_collected", _target_check, dues_collected),
    Rule("study_hours_at_target", _study_check, _study_score),
    Rule("development_on_time", lambda p: None, _development_score),
)}
