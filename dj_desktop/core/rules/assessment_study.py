"""The ``study_hours_at_target`` scoring rule: the share of members whose study hours (meetings
attended + practice study, as in the points ledger) reach their target — 32 hours a year for members,
56 for the secretary and committee members (cadence rule set: 《2019-2023年全国党员教育培训工作
规划》), pro rata for a period shorter than a year. Full points when that share reaches the rule's
``share`` (≥, the share included), else the share itself. Plain data, no ORM."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Mapping

from dj_desktop.core.i18n import _

if TYPE_CHECKING:  # imported in the function: assessment_rules imports this module
    from dj_desktop.core.rules.assessment_rules import RuleResult


@dataclass(frozen=True)
class StudyFact:
    member_id: uuid.UUID
    hours: Decimal            # meetings attended + practice study in the period
    target: Decimal           # the member's yearly target, pro rata for the period's months


def share_check(params: Mapping[str, Any]) -> str | None:
    try:
        share = Decimal(str(params.get("share")))
    except InvalidOperation:
        share = Decimal(-1)
    if not share.is_finite() or not 0 < share <= 1:
        return _("the rule needs the share of members at target between 0 and 1, for example \"0.9\".")
    return None


def study_hours_at_target(params, facts) -> RuleResult:
    from dj_desktop.core.rules.assessment_rules import RuleResult
    share = Decimal(str(params["share"]))
    study = facts.study
    evidence = tuple(facts.study_evidence)
    if not study:
        return RuleResult(Decimal(0), evidence, _("No members on the roll in the period."))
    reached = sum(1 for f in study if f.hours >= f.target)
    rate = Decimal(reached) / Decimal(len(study))
    note = _("Study hours at target: {reached} of {members} members ({rate}%), needed {share}%.").format(
        reached=reached, members=len(study), rate=(rate * 100).quantize(Decimal("0.1")),
        share=(share * 100).normalize())
    return RuleResult(Decimal(1) if rate >= share else rate, evidence, note)
