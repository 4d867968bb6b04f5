"""FundsService: the branch funds ledger (党建经费) — entries, running balance, the standard, a yearly statement.

The standard is the ``funds`` rule set in effect (seed 000: a general branch ≥200 yuan a month, a
branch ≥150 a month, ≥10 yuan per member a year), read through ``core/rules/funds.py``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from dj_desktop.core.books import book
from dj_desktop.core.books import records as ops
from dj_desktop.core.db import Database
from dj_desktop.core.i18n import _
from dj_desktop.core.models import Member, Organisation
from dj_desktop.core.models.money import FundsEntry
from dj_desktop.core.rules.dues import ZERO, money_text, parse_money, to_fen
from dj_desktop.core.rules.funds import standard_from
from dj_desktop.core.rulesets import store

@dataclass(frozen=True)
class LedgerLine:
    id: uuid.UUID
    entry_on: date
    direction: str
    category: str
    amount: Decimal
    payee: str
    voucher_no: str
    description: str
    balance: Decimal          # running balance after this entry


@dataclass(frozen=True)
class Statement:
    year: int
    opening: Decimal
    income: Decimal
    spending: Decimal
    closing: Decimal
    lines: tuple[LedgerLine, ...]
    by_category: dict[str, Decimal]
    standard: Decimal         # the year's funding the standard asks for
    allocated: Decimal        # income that counts towards it (allocations and dues kept back)
    short: bool


def _signed(direction: str, amount: Decimal) -> Decimal:
    return amount if direction == "income" else -amount


def _negative(lines: list[LedgerLine], *, since: date | None = None) -> list[str]:
    low = min((line.balance for line in lines if since is None or line.entry_on >= since), default=ZERO)
    if low >= 0:
        return []
    return [_("The balance falls to {balance} yuan: more was spent than the ledger holds.").format(
        balance=money_text(low))]


class FundsService:
    def __init__(self, db: Database):
        self._db = db

    def add(self, *, branch_id: uuid.UUID, entry_on: date, direction: str, category: str, amount: str,
            payee: str = "", voucher_no: str = "", description: str = "",
            today: date | None = None) -> tuple[uuid.UUID, list[str]]:
        """Adds an entry; returns its id and warnings (a balance that turns negative)."""
        try:
            value = parse_money(amount)
        except ValueError:
            value = None
        with self._db.sessions.begin() as s:
            row = ops.create(s, book("funds"), {
                "branch_id": branch_id, "entry_on": entry_on, "direction": direction, "category": category,
                "amount": value, "payee": payee.strip(), "voucher_no": voucher_no.strip(),
                "description": description.strip()}, today=today or date.today())
            return row.id, _negative(self._lines(s, branch_id), since=entry_on)

    def negative_balance_warnings(self, *, branch_id: uuid.UUID) -> list[str]:
        """A warning when the running balance falls below zero anywhere (after a correction)."""
        return _negative(self.ledger(branch_id=branch_id))

    @staticmethod
    def _lines(s, branch_id: uuid.UUID | None) -> list[LedgerLine]:
        stmt = select(FundsEntry).where(FundsEntry.deleted.is_(False))
        if branch_id is not None:
            stmt = stmt.where(FundsEntry.branch_id == branch_id)
        balance = ZERO
        out = []
        for e in s.scalars(stmt.order_by(FundsEntry.entry_on, FundsEntry.created_at, FundsEntry.id)):
            balance += _signed(e.direction, e.amount)
            out.append(LedgerLine(e.id, e.entry_on, e.direction, e.category, to_fen(e.amount), e.payee,
                                  e.voucher_no, e.description, to_fen(balance)))
        return out

    def ledger(self, *, branch_id: uuid.UUID | None = None) -> list[LedgerLine]:
        with self._db.sessions() as s:
            return self._lines(s, branch_id)

    def balance(self, *, branch_id: uuid.UUID | None = None) -> Decimal:
        lines = self.ledger(branch_id=branch_id)
        return lines[-1].balance if lines else ZERO

    def statement(self, year: int, *, branch_id: uuid.UUID | None = None) -> Statement:
        """The year's entries with opening and closing balance, totals per category and the standard."""
        with self._db.sessions() as s:
            lines = self._lines(s, branch_id)
            standard, counted = ZERO, ()
            if branch_id is not None:
                org = s.get(Organisation, branch_id)
                members = s.scalar(select(func.count()).select_from(Member).where(
                    Member.branch_id == branch_id, Member.deleted.is_(False), Member.left_on.is_(None))) or 0
                version = store.version_on(s, "funds", date(year, 12, 31))
                if version is not None and org is not None:
                    rule = standard_from(version.content, version.ref)
                    standard = rule.yearly(org.kind, members)
                    counted = rule.counted_categories
        before = [l for l in lines if l.entry_on.year < year]
        year_lines = tuple(l for l in lines if l.entry_on.year == year)
        opening = before[-1].balance if before else ZERO
        income = sum((l.amount for l in year_lines if l.direction == "income"), ZERO)
        spending = sum((l.amount for l in year_lines if l.direction == "spending"), ZERO)
        by_category: dict[str, Decimal] = {}
        for l in year_lines:
            by_category[l.category] = by_category.get(l.category, ZERO) + l.amount
        allocated = sum((l.amount for l in year_lines if l.category in counted), ZERO)
        return Statement(year, opening, income, spending, opening + income - spending, year_lines, by_category,
                         standard, allocated, allocated < standard)
