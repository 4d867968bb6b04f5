"""The numbers behind the cadence reminders, with DESIGN §2 defaults; stored as settings.

Each value is kept under its own settings key (``cadence.<kind>``,
``reminders.<name>``) so the office or the secretary can change one of them when
a rule is revised, without a new program version.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping

from dj_desktop.core.rules.periods import PERIODS


@dataclass(frozen=True)
class Cadence:
    """At least ``count`` meetings in every ``period`` (month, quarter, half_year, year)."""

    period: str
    count: int = 1

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            raise ValueError(f"unknown period: {self.period}")


#: 《中国共产党支部工作条例（试行）》(2018): the source of each default.
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
    #: The fixed day of the themed Party day (主题党日); None: any day of the month.
    themed_day_of_month: int | None = None
    #: Show a reminder as "due" this many days before its deadline.
    due_soon_days: int = 31
    #: Show missed duties whose deadline passed fewer than this many days ago (a year: last year stays visible).
    overdue_lookback_days: int = 365


#: Settings key → (attribute, converter) for the scalar values.
SCALAR_KEYS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "reminders.secretary_lessons_per_year": ("secretary_lessons_per_year", int),
    "reminders.talks_per_year": ("talks_per_year", int),
    "reminders.study_hours": ("study_hours", float),
    "reminders.study_hours_leaders": ("study_hours_leaders", float),
    "reminders.term_warning_days": ("term_warning_days", int),
    "reminders.min_committee_size": ("min_committee_size", int),
    "reminders.themed_day_of_month": ("themed_day_of_month", lambda v: None if v in (None, "", 0) else int(v)),
    "reminders.due_soon_days": ("due_soon_days", int),
    "reminders.overdue_lookback_days": ("overdue_lookback_days", int),
}
CADENCE_PREFIX = "cadence."


def from_settings(values: Mapping[str, Any]) -> CadenceSettings:
    """Builds the settings from stored ``{key: value}``; missing keys keep their defaults."""
    settings = CadenceSettings()
    cadences = dict(settings.cadences)
    for kind in DEFAULT_CADENCES:
        stored = values.get(CADENCE_PREFIX + kind)
        if isinstance(stored, dict):
            cadences[kind] = Cadence(stored.get("period", cadences[kind].period),
                                     int(stored.get("count", cadences[kind].count)))
    changes: dict[str, Any] = {"cadences": cadences}
    for key, (attr, convert) in SCALAR_KEYS.items():
        if key in values:
            changes[attr] = convert(values[key])
    return replace(settings, **changes)


def to_settings(settings: CadenceSettings) -> dict[str, Any]:
    """The ``{key: JSON value}`` pairs to store for ``settings``."""
    out: dict[str, Any] = {CADENCE_PREFIX + kind: {"period": c.period, "count": c.count}
                           for kind, c in settings.cadences.items()}
    for key, (attr, _convert) in SCALAR_KEYS.items():
        out[key] = getattr(settings, attr)
    return out
