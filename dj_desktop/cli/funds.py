"""``dj-desktop funds [--year YYYY] [--json] --db PATH``: the funds ledger's entries of a year, the running
balance, opening and closing balance and the funding standard. Money in JSON as strings ("150.00")."""

from __future__ import annotations

import argparse
import json
from datetime import date

from dj_desktop.cli.common import db_argument, open_services
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.dues import money_text
from dj_desktop.core.vocabularies.money import FUNDS_CATEGORIES, FUNDS_DIRECTIONS


def register(subparsers) -> None:
    parser = subparsers.add_parser("funds", help=_("the branch funds ledger: entries and the balance"))
    parser.add_argument("--year", type=int, metavar="YYYY", help=_("the year (default: this year)"))
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    db_argument(parser)
    parser.set_defaults(func=_funds)


def _funds(args: argparse.Namespace) -> int:
    year = args.year or date.today().year
    if not 1921 <= year <= 2200:
        raise UserError(_("Give the year as YYYY (e.g. 2026)."))
    services = open_services(args)
    try:
        branches = services.organisation.branches()
        branch_id = branches[0].id if len(branches) == 1 else None
        st = services.funds.statement(year, branch_id=branch_id)
    finally:
        services.db.dispose()
    if args.json:
        print(json.dumps({
            "year": year, "opening_balance": money_text(st.opening), "income": money_text(st.income),
            "spending": money_text(st.spending), "balance": money_text(st.closing),
            "standard": money_text(st.standard), "counted_income": money_text(st.allocated), "short": st.short,
            "entries": [{"id": str(l.id), "date": l.entry_on.isoformat(), "direction": l.direction,
                         "category": l.category, "amount": money_text(l.amount), "payee": l.payee,
                         "voucher_no": l.voucher_no, "description": l.description,
                         "balance": money_text(l.balance)} for l in st.lines]}, ensure_ascii=False, indent=2))
        return 0
    print(_("Funds ledger {year}: opening balance {amount} yuan").format(year=year, amount=money_text(st.opening)))
    for l in st.lines:
        print(f"{l.entry_on.isoformat()}  {_(FUNDS_DIRECTIONS[l.direction])}  {_(FUNDS_CATEGORIES[l.category])}  "
              f"{money_text(l.amount)}  {l.payee}  {l.voucher_no}  "
              + _("balance {amount}").format(amount=money_text(l.balance)))
    print(_("Income {income}, spending {spending}, balance {balance} yuan").format(
        income=money_text(st.income), spending=money_text(st.spending), balance=money_text(st.closing)))
    if st.short:
        print(_("Funding {counted} yuan is below the standard of {standard} yuan for the year.").format(
            counted=money_text(st.allocated), standard=money_text(st.standard)))
    return 0
