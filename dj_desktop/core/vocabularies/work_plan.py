"""Vocabularies of the annual work plan (年度工作计划) and year-end summary (年终总结)."""

from __future__ import annotations

from dj_desktop.core.i18n import N_

PLAN_KINDS = {
    "plan": N_("Annual work plan"),         # 年度工作计划
    "summary": N_("Year-end summary"),      # 年终工作总结
}
