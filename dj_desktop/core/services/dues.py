"""DuesService: Party dues (党费) — each member's base per period, payments, the monthly roll, totals.

The rates come from the ``dues`` rule set in effect on the month concerned; the arithmetic is
``core/rules/dues.py``. Every write goes through ``core/books/records.py`` (history, audit, sync).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.books import book
from dj_desktop.core.books import records as ops
from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import Member
from dj_desktop.core.models.money import DuesBase, DuesPayment
from dj_desktop.core.rules import dues
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.rulesets import store


@dataclass(frozen=True)
class DuesLine:
    """One member's line of the roll for a month."""

    member_id: uuid.UUID
    name: str
    kind: str            # "" when no base is recorded
    base: Decimal | None
    rate: Decimal | None
    due: Decimal | None
    paid: Decimal        # paid for this month (a payment's amount spread over its months)
    arrears_months: int
    flagged: bool
    unpaid: tuple[date, ...]


@dataclass(frozen=True)
class PaymentResult:
    id: uuid.UUID
    months: tuple[date, ...]
    amount: Decimal
    expected: Decimal | None
    flags: tuple[str, ...]


def rates_on(s: Session, on: date) -> dues.DuesRates:
    version = store.version_on(s, "dues", on)
    if version is None:
        raise UserError(_("No dues rate table is in effect on {day}.").format(day=date_text(on)))
    return dues.rates_from(version.content, version.ref)


def _member(s: Session, member_id: uuid.UUID) -> Member:
    member = s.get(Member, member_id)
    if member is None or member.deleted:
        raise UserError(_("There is no member with the id {id}.").format(id=member_id))
    return member


def dues_start(member: Member) -> date:
    """Dues are owed to this branch from the month the member was received as probationary, or
    from the month they arrived here if later."""
    return dues.dues_start(max(member.joined_on, member.arrived_on))


def _bases(s: Session, member_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[DuesBase]]:
    out: dict[uuid.UUID, list[DuesBase]] = defaultdict(list)
    ids = list(member_ids)
    for row in s.scalars(select(DuesBase).where(DuesBase.member_id.in_(ids), DuesBase.deleted.is_(False))
                         .order_by(DuesBase.from_month, DuesBase.created_at)):
        out[row.member_id].append(row)
    return out


def _payments(s: Session, member_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[DuesPayment]]:
    out: dict[uuid.UUID, list[DuesPayment]] = defaultdict(list)
    ids = list(member_ids)
    for row in s.scalars(select(DuesPayment).where(DuesPayment.member_id.in_(ids),
                                                   DuesPayment.deleted.is_(False))):
        out[row.member_id].append(row)
    return out


def base_on(bases: list[DuesBase], month: date) -> DuesBase | None:
    current = None
    for row in bases:
        if row.from_month <= month:
            current = row
    return current


def due_for(s: Session, row: DuesBase, month: date, cache: dict) -> dues.Due:
    rates = cache.get(month) or cache.setdefault(month, rates_on(s, month))
    return dues.monthly_due(rates, row.kind, row.income, row.fixed_amount)


def paid_months(payments: list[DuesPayment]) -> dict[date, Decimal]:
    """Month → amount paid for it (a payment's amount shared evenly; voluntary payments excluded)."""
    out: dict[date, Decimal] = defaultdict(lambda: dues.ZERO)
    for p in payments:
        if p.voluntary:
            continue
        months = list(dues.month_range(p.first_month, p.last_month))
        for m in months:
            out[m] += p.amount / len(months)
    return out


class DuesService:
    def __init__(self, db: Database):
        self._db = db

    def set_base(self, member_id: uuid.UUID, *, kind: str, income: str | None, from_month: date,
                 fixed: str | None = None, note: str = "", today: date | None = None) -> uuid.UUID:
        """Records a member's base from ``from_month`` on; refuses a negative or absurd income."""
        with self._db.sessions.begin() as s:
            member = _member(s, member_id)
            rates = rates_on(s, from_month)
            problems: dict[str, str] = {}
            values = {"income": None, "fixed_amount": None}
            if kind not in rates.kinds():
                problems["kind"] = _("Choose the income kind: {kinds}.").format(kinds=", ".join(rates.kinds()))
            elif kind in rates.rate_kinds:
                try:
                    values["income"] = dues.parse_money(income if income is not None else "")
                    dues.monthly_due(rates, kind, values["income"])
                except ValueError:
                    problems["income"] = _("Enter the monthly income as an amount from 0 to {limit} yuan, "
                                           "e.g. 4500.00.").format(limit=dues.money_text(rates.max_income))
            elif kind in rates.fixed_range:
                low, high = rates.fixed_range[kind]
                try:
                    values["fixed_amount"] = dues.parse_money(fixed if fixed is not None else "")
                    dues.monthly_due(rates, kind, fixed=values["fixed_amount"])
                except ValueError:
                    problems["fixed_amount"] = _("Enter the set monthly amount from {low} to {high} yuan.").format(
                        low=dues.money_text(low), high=dues.money_text(high))
            if problems:
                raise ValidationError(problems)
            row = ops.create(s, book("dues_bases"), {
                "branch_id": member.branch_id, "member_id": member.id, "from_month": dues.month_of(from_month),
                "kind": kind, **values, "rules_version": rates.ref, "note": note.strip()},
                today=today or date.today())
            return row.id

    def pay(self, member_id: uuid.UUID, *, months: list[date], amount: str, paid_on: date,
            receipt_no: str = "", collector: str = "", voluntary: bool = False, reason: str = "",
            today: date | None = None) -> PaymentResult:
        """Records a payment. Refuses months already paid or before dues began; a back-payment beyond
        the limit or an amount off the rate is refused unless a reason is given, then flagged."""
        today = today or date.today()
        reason = reason.strip()
        with self._db.sessions.begin() as s:
            member = _member(s, member_id)
            rates = rates_on(s, paid_on)
            try:
                value = dues.parse_money(amount)
            except ValueError:
                value = None
            if value is None or value <= 0 or value > rates.max_income:
                raise ValidationError({"amount": _("Enter the amount paid in yuan, above 0, e.g. 15.00.")})
            if paid_on > today:
                raise ValidationError({"paid_on": _("The payment date {day} is in the future.").format(
                    day=date_text(paid_on))})
            months = sorted(set(dues.month_of(m) for m in months))
            if not months or months != list(dues.month_range(months[0], months[-1])):
                raise ValidationError({"months": _("Give the months paid as YYYY-MM or YYYY-MM..YYYY-MM.")})
            start = dues_start(member)
            flags: list[str] = []
            expected = None
            if voluntary and value >= rates.voluntary_to_centre_from:   # 第十一条: wholly to the Centre
                flags.append("to_centre")
            if not voluntary:
                if months[0] < start:
                    raise ValidationError({"months": _("Dues of this member begin in {month}; {first} is before "
                                                       "that.").format(month=dues.month_text(start),
                                                                       first=dues.month_text(months[0]))})
                already = sorted(m for m in months if m in paid_months(_payments(s, [member.id])[member.id]))
                if already:
                    raise ValidationError({"months": _("Already paid: {months}. Record only the months not yet "
                                                       "paid.").format(months=", ".join(map(dues.month_text, already)))})
                beyond = dues.beyond_back_payment(months, paid_on, rates.back_payment_months)
                if beyond:
                    if not reason:
                        raise ValidationError({"months": _(
                            "{months} are more than {limit} months before the payment; back-payment is usually "
                            "limited to {limit} months. Give a reason to record it anyway.").format(
                            months=", ".join(map(dues.month_text, beyond)), limit=rates.back_payment_months)})
                    flags.append("back_payment")
                bases = _bases(s, [member.id])[member.id]
                cache: dict = {}
                per_month = {}
                for m in months:
                    row = base_on(bases, m)
                    if row is None:
                        raise ValidationError({"months": _("No dues base is recorded for {month}; record the "
                                                           "member's income first.").format(month=dues.month_text(m))})
                    per_month[m] = due_for(s, row, m, cache).amount
                expected = dues.expected_amount(per_month, months)
                if value != expected:
                    if not reason:
                        raise ValidationError({"amount": _(
                            "By the rate table {months} come to {expected} yuan, not {amount}. Correct the "
                            "amount, or give a reason to record it anyway.").format(
                            months=", ".join(map(dues.month_text, months)), expected=dues.money_text(expected),
                            amount=dues.money_text(value))})
                    flags.append("amount")
            row = ops.create(s, book("dues_payments"), {
                "branch_id": member.branch_id, "member_id": member.id, "paid_on": paid_on,
                "first_month": months[0], "last_month": months[-1], "amount": value, "expected": expected,
                "voluntary": voluntary, "collector": collector.strip(), "receipt_no": receipt_no.strip(),
                "reason": reason, "flags": ",".join(flags), "rules_version": rates.ref}, today=today, reason=reason)
            return PaymentResult(row.id, tuple(months), value, expected, tuple(flags))

    def base_fields(self, on: date) -> dict[str, str]:
        """Per income kind, what its base is given as on ``on``: "income" (a rate of the monthly
        income), "fixed" (a set amount within a range) or "" (a set amount of the rule set)."""
        with self._db.sessions() as s:
            rates = rates_on(s, on)
        return {k: "income" if k in rates.rate_kinds else "fixed" if k in rates.fixed_range else ""
                for k in rates.kinds()}

    def roll(self, month: date, *, branch_id: uuid.UUID | None = None) -> list[DuesLine]:
        """Every member on the roll in ``month`` with base, rate, due, paid, arrears through that month."""
        month = dues.month_of(month)
        with self._db.sessions() as s:
            stmt = select(Member).where(Member.deleted.is_(False), Member.arrived_on < dues.add_months(month, 1))
            if branch_id is not None:
                stmt = stmt.where(Member.branch_id == branch_id)
            members = [m for m in s.scalars(stmt.order_by(Member.joined_on, Member.name))
                       if m.left_on is None or m.left_on >= month]
            ids = [m.id for m in members]
            bases, payments = _bases(s, ids), _payments(s, ids)
            flag_months = rates_on(s, month).unpaid_flag_months
            cache: dict = {}
            lines = []
            for m in members:
                paid = paid_months(payments[m.id])
                # Arrears are counted from the first recorded base: months before the program kept the
                # member's dues cannot be judged.
                start = max(dues_start(m), bases[m.id][0].from_month) if bases[m.id] else None
                row = base_on(bases[m.id], month)
                due = due_for(s, row, month, cache) if row is not None and start and month >= start else None
                standing = dues.standing(start, paid, month, flag_months=flag_months)
                lines.append(DuesLine(
                    member_id=m.id, name=m.name, kind=row.kind if row else "",
                    base=(row.income if row.income is not None else row.fixed_amount) if row else None,
                    rate=due.rate if due else None, due=due.amount if due else None,
                    paid=dues.to_fen(paid.get(month, dues.ZERO)), arrears_months=standing.arrears_months,
                    flagged=standing.flagged, unpaid=standing.unpaid))
            return lines

    def totals(self, year: int, *, branch_id: uuid.UUID | None = None) -> dict[str, Decimal]:
        """Collected per month of payment (``"YYYY-MM"``) and ``"year"``; voluntary payments included."""
        with self._db.sessions() as s:
            stmt = select(DuesPayment.paid_on, DuesPayment.amount).where(
                DuesPayment.deleted.is_(False), DuesPayment.paid_on >= date(year, 1, 1),
                DuesPayment.paid_on <= date(year, 12, 31))
            if branch_id is not None:
                stmt = stmt.where(DuesPayment.branch_id == branch_id)
            out = {dues.month_text(date(year, m, 1)): dues.ZERO for m in range(1, 13)}
            for paid_on, amount in s.execute(stmt):
                out[dues.month_text(paid_on)] += amount
            out["year"] = sum(out.values(), dues.ZERO)
            return {k: dues.to_fen(v) for k, v in out.items()}
