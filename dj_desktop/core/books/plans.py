"""The plans book: the branch's annual work plan (年度工作计划) and year-end summary (年终总结),
one of each per branch and year."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Mapping

from sqlalchemy.orm import Session

from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import Organisation, WorkPlan
from dj_desktop.core.vocabularies.work_plan import PLAN_KINDS


def check_plan(s: Session, values: Mapping[str, Any], today: date) -> None:
    problems: dict[str, str] = {}
    year = values.get("year")
    if values.get("kind") not in PLAN_KINDS:
        problems["kind"] = _("Choose whether this is the annual plan or the year-end summary.")
    if not isinstance(year, int) or not 1949 <= year <= 2100:
        problems["year"] = _("Enter a year between 1949 and 2100.")
    if not str(values.get("body") or "").strip():
        problems["body"] = _("The text is empty; write the plan or summary before saving.")
    adopted_on = values.get("adopted_on")
    if adopted_on is not None and isinstance(year, int) and adopted_on.year not in (year - 1, year, year + 1):
        problems["adopted_on"] = _("The adoption date should be in or next to {year}.").format(year=year)
    branch_id = values.get("branch_id")
    branch = s.get(Organisation, branch_id) if isinstance(branch_id, uuid.UUID) else None
    if branch is None or branch.deleted or branch.kind != "branch":
        problems["branch_id"] = _("Choose the Party branch.")
    if problems:
        raise ValidationError(problems)


BOOK = register_book(RecordBook(
    key="plans", title=N_("Annual plan and summary"), noun=N_("plan"), model=WorkPlan,
    year_field="year", order=30, unique_fields=("branch_id", "year", "kind"),
    title_of=lambda v: v.get("title") or _(PLAN_KINDS.get(v["kind"], v["kind"])),
    columns=(
        Column("year", N_("Year"), "number", width=8),
        Column("kind", N_("Kind"), "vocabulary", vocabulary=PLAN_KINDS, width=14),
        Column("title", N_("Title"), width=30),
        Column("adopted_on", N_("Adopted on"), "date", width=12),
        Column("body", N_("Text"), main=False, width=80),
    ),
    validate=check_plan,
))
