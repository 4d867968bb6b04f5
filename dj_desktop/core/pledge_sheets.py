"""The printed pledge (党员承诺书) of one member for a year, as plain data, and its assembly from the
pledges book (the book's printed form: ``print pledges ID``, the points tab)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from dj_desktop.core.books import book
from dj_desktop.core.books import records as ops
from dj_desktop.core.i18n import _
from dj_desktop.core.models import Member, Organisation
from dj_desktop.core.rules.points import PLEDGE_STATUSES


@dataclass(frozen=True)
class PledgeSheet:
    branch: str
    name: str
    year: int
    items: str
    published_on: date | None
    #: (stage label, review date, status label, comment) for the mid-year and the year-end review.
    reviews: tuple[tuple[str, date | None, str, str], ...]
    on: date | None          # the day the sheet is named after (made public, else the year's first day)


def pledge_sheet(db, record_id: uuid.UUID) -> tuple[PledgeSheet, str]:
    with db.sessions() as s:
        row = ops.fetch(s, book("pledges"), record_id)
        member, branch = s.get(Member, row.member_id), s.get(Organisation, row.branch_id)
        reviews = tuple((label, getattr(row, f"{stage}_review_on"),
                         _(PLEDGE_STATUSES[getattr(row, f"{stage}_status")]) if getattr(row, f"{stage}_status") else "",
                         getattr(row, f"{stage}_comment") or "")
                        for stage, label in (("mid", _("Mid-year review")), ("end", _("Year-end review"))))
        branch_name = branch.name if branch else ""
        return PledgeSheet(branch_name, member.name if member else "", row.year, row.items, row.published_on,
                           reviews, row.published_on or date(row.year, 1, 1)), branch_name
