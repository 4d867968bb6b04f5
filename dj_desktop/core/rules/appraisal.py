"""Rules of the democratic appraisal (民主评议党员): the cap on the share of 优秀 and the reminder month."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AppraisalRules:
    excellent_cap_percent: int   # 优秀 may be at most this share of the full members appraised ("以内")
    reminder_month: int          # from this month on, a year without appraisals is reminded


def rules_from(content: Any) -> AppraisalRules:
    return AppraisalRules(int(content["excellent_cap_percent"]), int(content["reminder_month"]))


def validate_content(content: Any) -> dict[str, str]:
    if not isinstance(content, dict):
        return {"content": "must be an object"}
    cap, month = content.get("excellent_cap_percent"), content.get("reminder_month")
    if not isinstance(cap, int) or isinstance(cap, bool) or not 0 <= cap <= 100:
        return {"excellent_cap_percent": "must be a whole number from 0 to 100"}
    if not isinstance(month, int) or isinstance(month, bool) or not 1 <= month <= 12:
        return {"reminder_month": "must be a month from 1 to 12"}
    return {}


def within_cap(excellent: int, appraised_full: int, cap_percent: int) -> bool:
    """``excellent`` of ``appraised_full`` is within the cap; the cap itself is allowed (以内 includes it)."""
    return excellent * 100 <= cap_percent * appraised_full
