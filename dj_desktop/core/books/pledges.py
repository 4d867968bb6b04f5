"""Pledges (党员承诺书): each member's yearly pledge, made public, reviewed at mid-year and year end."""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from sqlalchemy.orm import Session

from dj_desktop.core.books.practice import member_problems
from dj_desktop.core.books.points_reminders import PLEDGE_KINDS as REMINDER_KINDS, pledge_reminders
from dj_desktop.core.books.registry import Column, RecordBook, RecordForm, register_book
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models.points import Pledge
from dj_desktop.core.rules.points import PLEDGE_STATUSES
from dj_desktop.core.rules.texts import date_text


def _review_problems(values: Mapping[str, Any], stage: str, after: date | None, today: date) -> dict[str, str]:
    on, status = values.get(f"{stage}_review_on"), values.get(f"{stage}_status") or ""
    if on is None:
        return {f"{stage}_status": _("Enter the review date before the fulfilment status.")} if status else {}
    if status not in PLEDGE_STATUSES:
        return {f"{stage}_status": _("Choose whether the pledge was kept, partly kept or not kept.")}
    if on > today:
        return {f"{stage}_review_on": _("The review date {day} is in the future.").format(day=date_text(on))}
    if after is None:
        return {f"{stage}_review_on": _("A pledge is reviewed after it is made public: enter the date it was "
                                        "made public first.")}
    if on < after:
        return {f"{stage}_review_on": _("The review on {day} is before {before}; a review follows the pledge "
                                        "and the mid-year review.").format(day=date_text(on),
                                                                          before=date_text(after))}
    return {}


def check_pledge(s: Session, values: Mapping[str, Any], today: date) -> None:
    problems: dict[str, str] = {}
    year, published = values.get("year"), values.get("published_on")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= today.year + 1:
        problems["year"] = _("Enter the year of the pledge, from 2000 to {last}.").format(last=today.year + 1)
    if not str(values.get("items") or "").strip():
        problems["items"] = _("Enter what the member pledges.")
    if published is not None and published > today:
        problems["published_on"] = _("The date {day} is in the future.").format(day=date_text(published))
    problems.update(member_problems(s, values, published))
    problems.update(_review_problems(values, "mid", published, today))
    if "mid_review_on" not in problems:
        problems.update(_review_problems(values, "end", values.get("mid_review_on") or published, today))
    if problems:
        raise ValidationError(problems)


def _assemble(db, record_id):
    from dj_desktop.core.pledge_sheets import pledge_sheet
    return pledge_sheet(db, record_id)


BOOK = register_book(RecordBook(
    key="pledges", title=N_("Pledges"), noun=N_("pledge"), model=Pledge, year_field="year",
    unique_fields=("member_id", "year"), title_of=lambda v: str(v.get("items") or _("Pledge"))[:40], order=47,
    columns=(
        Column("year", N_("Year"), "number", width=6),
        Column("member_id", N_("Member"), "member", width=10),
        Column("items", N_("Pledge items"), width=40),
        Column("published_on", N_("Made public on"), "date", width=12),
        Column("mid_review_on", N_("Mid-year review"), "date", width=12),
        Column("mid_status", N_("Mid-year status"), "vocabulary", PLEDGE_STATUSES, width=10),
        Column("mid_comment", N_("Mid-year comment"), main=False, width=30),
        Column("end_review_on", N_("Year-end review"), "date", width=12),
        Column("end_status", N_("Year-end status"), "vocabulary", PLEDGE_STATUSES, width=10),
        Column("end_comment", N_("Year-end comment"), main=False, width=30),
    ),
    validate=check_pledge,
    reminders=pledge_reminders, reminder_kinds=REMINDER_KINDS,
    form=RecordForm(assemble=_assemble, writer="dj_desktop.reports.pdf.pledge_sheet:write_pledge_sheet"),
))
