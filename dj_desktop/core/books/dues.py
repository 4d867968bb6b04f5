"""The dues books (党费): each member's dues base per period, and the payments.

Both are written only through ``services.dues`` (which checks the rate table, the months already
paid and the back-payment limit); listing, export, history and sync are the registry's.
"""

from __future__ import annotations

from dj_desktop.core.books.dues_reminders import KINDS as REMINDER_KINDS
from dj_desktop.core.books.dues_reminders import dues_reminders
from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models.money import DuesBase, DuesPayment
from dj_desktop.core.rules.dues import money_text, month_text
from dj_desktop.core.vocabularies.money import DUES_KINDS


def _base_title(v) -> str:
    return _("Dues base from {month}").format(month=month_text(v["from_month"])) if v.get("from_month") else ""


def _payment_title(v) -> str:
    if not v.get("first_month"):
        return ""
    months = month_text(v["first_month"])
    if v.get("last_month") and v["last_month"] != v["first_month"]:
        months += "..." + month_text(v["last_month"])
    return _("Dues {months}: {amount} yuan").format(months=months, amount=money_text(v.get("amount")))


DUES_BASES = register_book(RecordBook(
    key="dues_bases", title=N_("Party dues bases"), noun=N_("dues base"), model=DuesBase,
    date_field="from_month", title_of=_base_title, order=60, generic_writes=False,
    columns=(
        Column("member_id", N_("Member"), "member", width=10),
        Column("from_month", N_("From month"), "date", width=12),
        Column("kind", N_("Income kind"), "vocabulary", vocabulary=DUES_KINDS, width=16),
        Column("income", N_("Monthly base (yuan)"), "number", width=14),
        Column("fixed_amount", N_("Set amount (yuan)"), "number", width=12),
        Column("rules_version", N_("Rule set"), main=False, width=12),
        Column("note", N_("Note"), main=False, width=30),
    ),
))

DUES_PAYMENTS = register_book(RecordBook(
    key="dues_payments", title=N_("Party dues payments"), noun=N_("dues payment"), model=DuesPayment,
    date_field="paid_on", title_of=_payment_title, order=61, generic_writes=False,
    columns=(
        Column("member_id", N_("Member"), "member", width=10),
        Column("paid_on", N_("Paid on"), "date", width=12),
        Column("first_month", N_("First month"), "date", width=12),
        Column("last_month", N_("Last month"), "date", width=12),
        Column("amount", N_("Amount (yuan)"), "number", width=12),
        Column("expected", N_("Due by the rate (yuan)"), "number", main=False, width=12),
        Column("voluntary", N_("Voluntary"), "bool", main=False, width=8),
        Column("collector", N_("Collector"), width=10),
        Column("receipt_no", N_("Receipt no."), "code", width=12),
        Column("flags", N_("Flags"), main=False, width=14),
        Column("reason", N_("Reason"), main=False, width=30),
        Column("handed_up_on", N_("Handed up on"), "date", main=False, width=12),
    ),
    reminders=dues_reminders, reminder_kinds=REMINDER_KINDS,
))
