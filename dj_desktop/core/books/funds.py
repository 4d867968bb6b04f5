"""The branch funds ledger (党建经费): income and spending on one ledger, the balance always computable."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any, Mapping

from sqlalchemy.orm import Session

from dj_desktop.core.books.funds_reminders import KINDS as REMINDER_KINDS
from dj_desktop.core.books.funds_reminders import funds_reminders
from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import Organisation
from dj_desktop.core.models.money import FundsEntry
from dj_desktop.core.rules.dues import money_text
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.vocabularies.money import FUNDS_CATEGORIES, FUNDS_DIRECTIONS, INCOME_CATEGORIES

MAX_AMOUNT = Decimal("10000000.00")


def check_entry(s: Session, values: Mapping[str, Any], today: date) -> None:
    """A dated entry (not in the future) of a branch, a direction with a category of that direction,
    an amount above zero to the fen. A negative balance is a warning of the service, not a refusal."""
    problems: dict[str, str] = {}
    entry_on = values.get("entry_on")
    if not isinstance(entry_on, date):
        problems["entry_on"] = _("Enter the date of the entry.")
    elif entry_on > today:
        problems["entry_on"] = _("The date {day} is in the future; record an entry after it happened.").format(
            day=date_text(entry_on))
    branch = s.get(Organisation, values.get("branch_id")) if isinstance(values.get("branch_id"), uuid.UUID) else None
    if branch is None or branch.deleted:
        problems["branch_id"] = _("Choose the Party organisation the entry belongs to.")
    direction, category = values.get("direction"), values.get("category")
    if direction not in FUNDS_DIRECTIONS:
        problems["direction"] = _("Choose income or spending.")
    elif category not in FUNDS_CATEGORIES or (category in INCOME_CATEGORIES) != (direction == "income"):
        problems["category"] = _("Choose a category of {direction}.").format(direction=_(FUNDS_DIRECTIONS[direction]))
    amount = values.get("amount")
    if not isinstance(amount, Decimal) or not amount.is_finite() or not Decimal("0") < amount <= MAX_AMOUNT \
            or amount != amount.quantize(Decimal("0.01")):
        problems["amount"] = _("Enter an amount above 0 and at most {limit} yuan, to the fen.").format(
            limit=money_text(MAX_AMOUNT))
    if problems:
        raise ValidationError(problems)


def _title(v) -> str:
    label = FUNDS_CATEGORIES.get(v.get("category") or "", "")
    return f"{_(label) if label else ''} {money_text(v.get('amount'))}".strip()


FUNDS = register_book(RecordBook(
    key="funds", title=N_("Branch funds ledger"), noun=N_("funds entry"), model=FundsEntry,
    date_field="entry_on", title_of=_title, order=62, validate=check_entry,
    columns=(
        Column("entry_on", N_("Date"), "date", width=12),
        Column("direction", N_("Income or spending"), "vocabulary", vocabulary=FUNDS_DIRECTIONS, width=8),
        Column("category", N_("Category"), "vocabulary", vocabulary=FUNDS_CATEGORIES, width=16),
        Column("amount", N_("Amount (yuan)"), "number", width=12),
        Column("payee", N_("Payer or payee"), width=20),
        Column("voucher_no", N_("Voucher no."), "code", width=12),
        Column("description", N_("Description"), main=False, width=40),
    ),
    reminders=funds_reminders, reminder_kinds=REMINDER_KINDS,
))
