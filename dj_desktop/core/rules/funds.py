"""The funding standard of the branch funds ledger (党建经费), read from the ``funds`` rule set.

A year's funding must reach the larger of the organisation's monthly amount × 12 and the
per-member yearly amount × members (seed 000: 总支每月200元、支部每月150元、党员每人每年10元以上).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from dj_desktop.core.i18n import _
from dj_desktop.core.vocabularies.money import INCOME_CATEGORIES


@dataclass(frozen=True)
class FundsStandard:
    monthly: Mapping[str, Decimal]          # organisation kind → yuan a month
    per_member_year: Decimal
    counted_categories: tuple[str, ...]
    ref: str = ""

    def yearly(self, organisation_kind: str, members: int) -> Decimal:
        return max(self.monthly.get(organisation_kind, Decimal("0.00")) * 12, self.per_member_year * members)


def _money(value: Any) -> Decimal:
    amount = Decimal(value) if isinstance(value, str) else None
    if amount is None or not amount.is_finite() or amount < 0:
        raise ValueError(f"bad amount {value!r}")
    return amount


def standard_from(content: Mapping[str, Any], ref: str = "") -> FundsStandard:
    monthly = {str(k): _money(v) for k, v in content["monthly"].items()}
    counted = tuple(content["counted_categories"])
    if not monthly or any(c not in INCOME_CATEGORIES for c in counted):
        raise ValueError("monthly amounts per organisation kind; counted categories among the income ones")
    return FundsStandard(monthly, _money(content["per_member_year"]), counted, ref)


def validate_content(content: Any) -> dict[str, str]:
    try:
        standard_from(content)
    except (ValueError, KeyError, TypeError, AttributeError, InvalidOperation) as exc:
        return {"": _("The funds content must give monthly amounts per organisation kind, per_member_year and "
                      "counted_categories ({problem}).").format(problem=str(exc)[:200])}
    return {}
