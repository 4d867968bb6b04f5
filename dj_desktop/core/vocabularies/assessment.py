"""Vocabularies of the assessment handbook (党支部工作考核手册)."""

from __future__ import annotations

from dj_desktop.core.i18n import N_

ASSESSMENT_STATUSES = {
    "draft": N_("Draft"),            # 草稿
    "submitted": N_("Submitted"),    # 已提交
}

#: Periods an assessment can cover.
PERIOD_KINDS = {
    "year": N_("Year"),
    "half": N_("Half year"),
    "quarter": N_("Quarter"),
    "month": N_("Month"),
}
