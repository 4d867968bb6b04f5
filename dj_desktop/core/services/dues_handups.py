"""Dues handed up to the upper level (上缴): each payment is marked with the day it was handed up,
so what was collected, what went up and what is still held are all computable from the payments.
A one-off voluntary payment of ``voluntary_to_centre_from`` yuan or more (1000, 2008 规定 第十一条,
"以上" includes the number) goes wholly to the Centre; it is flagged ``to_centre`` when recorded."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from dj_desktop.core.books import book
from dj_desktop.core.books import records as ops
from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.models.money import DuesPayment
from dj_desktop.core.rules.dues import ZERO, month_of, month_text, to_fen
from dj_desktop.core.rules.texts import date_text


@dataclass(frozen=True)
class HandUpSummary:
    """A year's dues by the day paid: collected, handed up, still held; the part due to the Centre."""

    year: int
    collected: Decimal
    handed_up: Decimal
    held: Decimal
    to_centre: Decimal        # voluntary one-off payments of the limit or more (all handed up)
    handed_up_on: tuple[date, ...]


@dataclass(frozen=True)
class HandUp:
    on: date
    payments: int
    amount: Decimal


class DuesHandUpService:
    def __init__(self, db: Database):
        self._db = db

    def hand_up(self, branch_id: uuid.UUID, *, through_month: date, on: date, today: date | None = None) -> HandUp:
        """Marks every payment of the branch paid up to the end of ``through_month`` and not yet handed up
        as handed up on ``on``. Refuses a day in the future and a month with nothing left to hand up."""
        today = today or date.today()
        if on > today:
            raise ValidationError({"handed_up_on": _("The date {day} is in the future.").format(day=date_text(on))})
        last = month_of(through_month)
        end = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
        with self._db.sessions.begin() as s:
            rows = list(s.scalars(select(DuesPayment).where(
                DuesPayment.branch_id == branch_id, DuesPayment.deleted.is_(False),
                DuesPayment.handed_up_on.is_(None), DuesPayment.paid_on < end)))
            if not rows:
                raise UserError(_("Nothing paid up to {month} is left to hand up.").format(month=month_text(last)))
            if any(r.paid_on > on for r in rows):
                raise ValidationError({"handed_up_on": _(
                    "Some of these dues were paid after {day}; hand up on a later day or an earlier month.").format(
                    day=date_text(on))})
            for row in rows:
                ops.update(s, book("dues_payments"), row.id, {"handed_up_on": on}, today=today)
            return HandUp(on, len(rows), to_fen(sum((r.amount for r in rows), ZERO)))

    def summary(self, year: int, *, branch_id: uuid.UUID | None = None) -> HandUpSummary:
        with self._db.sessions() as s:
            stmt = select(DuesPayment).where(DuesPayment.deleted.is_(False), DuesPayment.paid_on >= date(year, 1, 1),
                                             DuesPayment.paid_on <= date(year, 12, 31))
            if branch_id is not None:
                stmt = stmt.where(DuesPayment.branch_id == branch_id)
            rows = list(s.scalars(stmt))
        collected = sum((r.amount for r in rows), ZERO)
        handed = sum((r.amount for r in rows if r.handed_up_on), ZERO)
        centre = sum((r.amount for r in rows if "to_centre" in (r.flags or "").split(",")), ZERO)
        days = tuple(sorted({r.handed_up_on for r in rows if r.handed_up_on}))
        return HandUpSummary(year, to_fen(collected), to_fen(handed), to_fen(collected - handed), to_fen(centre), days)
