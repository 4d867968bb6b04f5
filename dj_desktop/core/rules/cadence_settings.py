"""The numbers behind the cadence reminders: rule set ``cadence`` plus a few local display knobs.

The rule targets (meeting cadences, lessons, talks, study hours, committee size) are the
content of a version of the versioned rule set ``cadence`` (``resources/rulesets/cadence/``,
sources and effective date there; see ``core/rulesets``). The knobs that only decide what the
dashboard shows and when (due-soon window, lookback, term warning, the branch's fixed themed
day) are local settings under ``reminders.<name>``. The dataclass defaults equal version 2018
(a test keeps them equal); they are what the rules use when no version applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping

from dj_desktop.core.i18n import _
from dj_desktop.core.rules.periods import PERIODS
from dj_desktop.core.rules.texts import meeting_kind_text
from dj_desktop.core.vocabularies.meeting import MEETING_KINDS


@dataclass(frozen=True)
class Cadence:
    """At least ``count`` meetings in every ``period`` (month, quarter, half_year, year)."""

    period: str
    count: int = 1

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            raise ValueError(f"unknown period: {self.period}")


#: Fallback only: equal to version 2018 of rule set ``cadence`` (resources/rulesets/cadence/2018.json,
#: which gives the documents and articles); the rule set decides.
DEFAULT_CADENCES: dict[str, Cadence] = {
    "committee_meeting": Cadence("month"),   # 支委会 一般每月召开1次
    "group_meeting": Cadence("month"),       # 党小组会 一般每月召开1次
    "themed_day": Cadence("month"),          # 主题党日 每月相对固定1天
    "general_meeting": Cadence("quarter"),   # 支部党员大会 一般每季度召开1次
    "party_lesson": Cadence("quarter"),      # 党课 一般每季度1次
    "life_meeting": Cadence("year"),         # 组织生活会 一般每年召开1次
    "appraisal_meeting": Cadence("year"),    # 民主评议党员 一般每年开展1次
}


@dataclass(frozen=True)
class CadenceSettings:
    cadences: Mapping[str, Cadence] = field(default_factory=lambda: dict(DEFAULT_CADENCES))
    #: 支部书记每年至少讲1次党课.
    secretary_lessons_per_year: int = 1
    #: 谈心谈话: each member at least once a year.
    talks_per_year: int = 1
    #: 党员教育管理工作条例 (2019): ≥32 学时 a year; ≥56 for secretaries and committee members.
    study_hours: float = 32.0
    study_hours_leaders: float = 56.0
    #: 换届提醒: warn this many days before a term ends.
    term_warning_days: int = 90
    #: A committee needs at least this many members to hold 支委会 (DESIGN: a committee of 3–5).
    min_committee_size: int = 3
    #: From this many full members a branch elects a committee (rule set ``organisation``, taken from
    #: the version in effect by the reminders engine; the default equals its version 2018).
    committee_from_full_members: int = 7
    #: The fixed day of the themed Party day (主题党日); None: any day of the month.
    themed_day_of_month: int | None = None
    #: Show a reminder as "due" this many days before its deadline.
    due_soon_days: int = 31
    #: Show missed duties whose deadline passed fewer than this many days ago (a year: last year stays visible).
    overdue_lookback_days: int = 365


#: Rule-set content key → converter, for the scalar targets (the cadences are under ``cadences``).
RULE_FIELDS: dict[str, Callable[[Any], Any]] = {
    "secretary_lessons_per_year": int,
    "talks_per_year": int,
    "study_hours": float,
    "study_hours_leaders": float,
    "min_committee_size": int,
}
#: Local settings key → (attribute, converter) for the display knobs.
LOCAL_KEYS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "reminders.term_warning_days": ("term_warning_days", int),
    "reminders.themed_day_of_month": ("themed_day_of_month", lambda v: None if v in (None, "", 0) else int(v)),
    "reminders.due_soon_days": ("due_soon_days", int),
    "reminders.overdue_lookback_days": ("overdue_lookback_days", int),
}
LOCAL_PREFIX = "reminders."
#: Upper bounds that catch a typing slip (a count of 100 a month) without judging the rule.
_LIMITS = {"count": 31, "secretary_lessons_per_year": 12, "talks_per_year": 12, "study_hours": 1000,
           "study_hours_leaders": 1000, "min_committee_size": 15}


def validate_content(content: Any) -> dict[str, str]:
    """Problems of a ``cadence`` rule-set version's content, ``{field: message}``; empty when fine."""
    if not isinstance(content, Mapping):
        return {"": _("The content must be an object with cadences and the yearly targets.")}
    problems: dict[str, str] = {}
    cadences = content.get("cadences")
    if not isinstance(cadences, Mapping):
        problems["cadences"] = _("Give cadences: for each meeting kind a period and a count.")
    else:
        missing = [kind for kind in MEETING_KINDS if kind not in cadences]
        unknown = [str(kind) for kind in cadences if kind not in MEETING_KINDS]
        if missing or unknown:
            problems["cadences"] = _("Cadences must name each meeting kind once: missing {missing}; "
                                     "unknown {unknown}.").format(missing=", ".join(missing) or "-",
                                                                  unknown=", ".join(unknown)[:200] or "-")
        for kind, value in cadences.items():
            if kind not in MEETING_KINDS:
                continue
            period = value.get("period") if isinstance(value, Mapping) else None
            count = value.get("count") if isinstance(value, Mapping) else None
            if period not in PERIODS or type(count) is not int or not 1 <= count <= _LIMITS["count"]:
                problems[f"cadences.{kind}"] = _(
                    "{kind}: the period must be one of {periods} and the count a whole number from 1 to "
                    "{limit}.").format(kind=meeting_kind_text(kind), periods=", ".join(PERIODS),
                                       limit=_LIMITS["count"])
    for key, convert in RULE_FIELDS.items():
        value = content.get(key)
        whole = convert is int
        if (type(value) not in ((int,) if whole else (int, float)) or not 0 < value <= _LIMITS[key]):
            problems[key] = _("{key} must be a {kind} greater than 0 and at most {limit}.").format(
                key=key, kind=_("whole number") if whole else _("number"), limit=_LIMITS[key])
    extra = sorted(str(k) for k in content if k != "cadences" and k not in RULE_FIELDS)
    if extra:
        problems["extra"] = _("Unknown keys in the content: {keys}.").format(keys=", ".join(extra)[:200])
    return problems


def settings_from(content: Mapping[str, Any] | None, local: Mapping[str, Any]) -> CadenceSettings:
    """The settings from a version's (checked) content and the stored local knobs ``{key: value}``."""
    settings = CadenceSettings()
    changes: dict[str, Any] = {}
    if content is not None:
        changes["cadences"] = {kind: Cadence(c["period"], int(c["count"])) for kind, c in content["cadences"].items()}
        changes.update({key: convert(content[key]) for key, convert in RULE_FIELDS.items()})
    for key, (attr, convert) in LOCAL_KEYS.items():
        if key in local:
            try:
                changes[attr] = convert(local[key])
            except (TypeError, ValueError):
                pass   # a damaged setting keeps its default rather than stopping the dashboard
    return replace(settings, **changes)


def content_of(settings: CadenceSettings) -> dict[str, Any]:
    """The rule-set content holding ``settings``' rule targets."""
    content: dict[str, Any] = {"cadences": {kind: {"period": c.period, "count": c.count}
                                            for kind, c in settings.cadences.items()}}
    content.update({key: getattr(settings, key) for key in RULE_FIELDS})
    return content


def local_values_of(settings: CadenceSettings) -> dict[str, Any]:
    """The ``{key: JSON value}`` local settings holding ``settings``' display knobs."""
    return {key: getattr(settings, attr) for key, (attr, _convert) in LOCAL_KEYS.items()}
