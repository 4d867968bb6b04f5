"""The 25 steps of member development (发展党员) as data: parsing and checking a rule-set's content.

The content of a ``development`` rule-set version (``resources/rulesets/development/*.json``)
holds every step with its stage, article, required papers, who or what it needs, and its time
bounds; the numbers live there with their articles, never here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

from dateutil.relativedelta import relativedelta

from dj_desktop.core.i18n import _

STEP_COUNT = 25
_DELTA_KEYS = ("years", "months", "days", "working_days")
#: Bound sources that are not a step number.
SPECIAL_SOURCES = ("last_review", "probation_end")


@dataclass(frozen=True)
class Span:
    """A time span of a rule: calendar years/months/days, or working days."""

    years: int = 0
    months: int = 0
    days: int = 0
    working_days: int = 0

    def add_to(self, day: date) -> date:
        """Calendar arithmetic through relativedelta: 1月31日 + 1个月 = 2月28日 (or 29)."""
        return day + relativedelta(years=self.years, months=self.months, days=self.days)


@dataclass(frozen=True)
class Bound:
    """Earliest and/or latest date of a step, counted from another step (or a special source)."""

    source: int | str
    article: str
    earliest: Span | None = None
    latest: Span | None = None
    #: A later limit allowed in special cases (with a written reason), e.g. approval up to 6 months.
    special: Span | None = None


@dataclass(frozen=True)
class StepRule:
    no: int
    stage: int
    name: str
    article: str
    papers: tuple[str, ...] = ()
    #: (min, max) people taking part (talk partner, contact persons, upper-committee talkers).
    people: tuple[int, int] | None = None
    #: (min, max) sponsors (入党介绍人), full members, distinct.
    sponsors: tuple[int, int] | None = None
    meeting: bool = False
    votes: bool = False
    repeatable: bool = False
    notice: bool = False
    bounds: tuple[Bound, ...] = ()


@dataclass(frozen=True)
class DevelopmentRules:
    ref: str
    min_age: int
    min_age_article: str
    notice_working_days: int
    notice_article: str
    probation_from: int
    probation: Span
    probation_article: str
    extension_min_months: int
    extension_max_months: int
    extension_times: int
    extension_article: str
    vote_article: str
    stages: tuple[tuple[int, str, tuple[int, ...]], ...]
    steps: Mapping[int, StepRule]
    #: The version's numbers could not be confirmed from its own text (older values kept).
    unconfirmed: bool = False

    def step(self, no: int) -> StepRule:
        return self.steps[no]

    def stage_name(self, no: int) -> str:
        return next(name for n, name, _steps in self.stages if n == no)


def _span(value: Any) -> Span:
    if not isinstance(value, Mapping) or not value or set(value) - set(_DELTA_KEYS):
        raise ValueError(f"a span needs keys among {_DELTA_KEYS}: {value!r}")
    if any(not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 120 for v in value.values()):
        raise ValueError(f"span values must be whole numbers 0–120: {value!r}")
    if value.get("working_days") and len(value) > 1:
        raise ValueError("working days cannot be mixed with calendar units")
    return Span(**value)


def _pair(value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    low, high = value
    if not (isinstance(low, int) and isinstance(high, int) and 1 <= low <= high <= 10):
        raise ValueError(f"bad count range {value!r}")
    return (low, high)


def _bound(value: Mapping[str, Any], no: int) -> Bound:
    source = value["from"]
    if not (source in SPECIAL_SOURCES or (isinstance(source, int) and 1 <= source < no)):
        raise ValueError(f"step {no}: a bound counts from an earlier step or {SPECIAL_SOURCES}")
    out = Bound(source=source, article=str(value["article"]),
                earliest=_span(value["earliest"]) if "earliest" in value else None,
                latest=_span(value["latest"]) if "latest" in value else None,
                special=_span(value["special"]) if "special" in value else None)
    if out.earliest is None and out.latest is None:
        raise ValueError(f"step {no}: a bound needs an earliest or a latest span")
    return out


def _step(value: Mapping[str, Any], expected: int) -> StepRule:
    no = value["no"]
    if no != expected:
        raise ValueError(f"steps must be numbered 1–{STEP_COUNT} in order (found {no} for {expected})")
    needs = value.get("needs", {})
    return StepRule(no=no, stage=int(value["stage"]), name=str(value["name"]), article=str(value["article"]),
                    papers=tuple(str(p) for p in value.get("papers", [])), people=_pair(needs.get("by")),
                    sponsors=_pair(needs.get("sponsors")), meeting=bool(needs.get("meeting")),
                    votes=bool(needs.get("votes")), repeatable=bool(value.get("repeatable")),
                    notice=bool(value.get("notice")),
                    bounds=tuple(_bound(b, no) for b in value.get("bounds", [])))


def rules_from(content: Mapping[str, Any], ref: str) -> DevelopmentRules:
    """The rules of one version; raises ``ValueError``/``KeyError``/``TypeError`` on a malformed content."""
    steps = {i + 1: _step(s, i + 1) for i, s in enumerate(content["steps"])}
    if len(steps) != STEP_COUNT:
        raise ValueError(f"the development rules have exactly {STEP_COUNT} steps")
    stages = tuple((int(s["no"]), str(s["name"]), tuple(int(n) for n in s["steps"])) for s in content["stages"])
    if sorted(n for _no, _name, numbers in stages for n in numbers) != list(range(1, STEP_COUNT + 1)):
        raise ValueError("the stages must hold every step exactly once")
    ext, probation = content["extension"], content["probation"]
    if not 1 <= ext["min_months"] <= ext["max_months"] <= 24:
        raise ValueError("bad probation extension range")
    return DevelopmentRules(
        ref=ref, min_age=int(content["min_age"]["years"]), min_age_article=str(content["min_age"]["article"]),
        notice_working_days=int(content["notice"]["working_days"]), notice_article=str(content["notice"]["article"]),
        probation_from=int(probation["from"]), probation=_span({"years": probation["years"]}),
        probation_article=str(probation["article"]), extension_min_months=int(ext["min_months"]),
        extension_max_months=int(ext["max_months"]), extension_times=int(ext["times"]),
        extension_article=str(ext["article"]), vote_article=str(content["vote"]["article"]),
        stages=stages, steps=steps, unconfirmed=bool(content.get("unconfirmed", False)))


def validate_content(content: Any) -> dict[str, str]:
    """Rule-set checker for :data:`dj_desktop.core.rulesets.loader.VALIDATORS`."""
    try:
        rules_from(content, "development@check")
    except (KeyError, TypeError, ValueError, StopIteration) as exc:
        return {"content": _("The development rules are malformed: {problem}").format(problem=str(exc)[:200])}
    return {}
