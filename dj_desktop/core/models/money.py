"""Party dues (党费: each member's base per period and the payments) and the branch funds ledger (党建经费).

Money columns are ``Numeric(12, 2)``: Decimal in Python, to the fen (see ``core/rules/dues.py``).
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, RecordMixin

MONEY = Numeric(12, 2)


class DuesBase(RecordMixin, Base):
    """A member's dues base from a month on (第十条: a change applies from the month it starts)."""

    __tablename__ = "dues_base"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    from_month: Mapped[date] = mapped_column(index=True)          # the first of the month
    kind: Mapped[str] = mapped_column(String(20))                 # core.rules.dues.KINDS
    income: Mapped[Decimal | None] = mapped_column(MONEY)         # rate kinds: the monthly base
    fixed_amount: Mapped[Decimal | None] = mapped_column(MONEY)   # farmers: the set amount
    rules_version: Mapped[str] = mapped_column(String(80), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class DuesPayment(RecordMixin, Base):
    """One payment covering one or more consecutive months (or a voluntary extra payment)."""

    __tablename__ = "dues_payment"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    paid_on: Mapped[date] = mapped_column(index=True)
    first_month: Mapped[date]
    last_month: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(MONEY)
    expected: Mapped[Decimal | None] = mapped_column(MONEY)       # from the bases and the rate table
    voluntary: Mapped[bool] = mapped_column(Boolean, default=False)
    collector: Mapped[str] = mapped_column(String(40), default="")
    receipt_no: Mapped[str] = mapped_column(String(40), default="")
    #: Why a back-payment beyond the limit or an amount off the rate was accepted (then flagged).
    reason: Mapped[str] = mapped_column(Text, default="")
    flags: Mapped[str] = mapped_column(String(80), default="")    # "back_payment,amount" (comma-separated)
    handed_up_on: Mapped[date | None]                             # handed up to the upper level
    rules_version: Mapped[str] = mapped_column(String(80), default="")


class FundsEntry(RecordMixin, Base):
    """One line of the funds ledger: income (allocation, dues kept back, other) or spending."""

    __tablename__ = "funds_entry"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    entry_on: Mapped[date] = mapped_column(index=True)
    direction: Mapped[str] = mapped_column(String(10))            # income | spending
    category: Mapped[str] = mapped_column(String(24))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    payee: Mapped[str] = mapped_column(String(120), default="")
    voucher_no: Mapped[str] = mapped_column(String(40), default="")
    description: Mapped[str] = mapped_column(Text, default="")
