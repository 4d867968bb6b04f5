"""``dj-desktop dues [--month YYYY-MM] [--json] --db PATH`` (the month's roll), ``dues base MEMBER_ID …``
(a member's base from a month) and ``dues pay MEMBER_ID …`` (a payment). Money in JSON is a string
with two decimals ("15.00")."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from dj_desktop.cli.common import json_and_db_options, open_services
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.dues import KINDS, money_text, month_text, parse_month, parse_months
from dj_desktop.core.services.records import parse_record_id
from dj_desktop.core.vocabularies.money import DUES_KINDS




def register(subparsers) -> None:
    parser = subparsers.add_parser("dues", help=_("Party dues: the month's roll, a member's base, a payment"))
    parser.add_argument("--month", metavar="YYYY-MM", help=_("the month of the roll (default: this month)"))
    parser.add_argument("-o", "--output", metavar="FILE.xlsx",
                        help=_("write the month's roll for collecting, with a signature column, to an Excel file"))
    json_and_db_options(parser, top=True)
    actions = parser.add_subparsers(dest="dues_action", metavar="ACTION")
    base = actions.add_parser("base", help=_("record a member's dues base from a month on"))
    base.add_argument("member_id", metavar="MEMBER_ID")
    base.add_argument("--kind", required=True, choices=KINDS, help=_("the income kind"))
    base.add_argument("--income", metavar="AMOUNT", help=_("monthly income in yuan (employed, retired …)"))
    base.add_argument("--fixed", metavar="AMOUNT", help=_("a farmer's set monthly amount in yuan"))
    base.add_argument("--from", dest="from_month", required=True, metavar="YYYY-MM", help=_("the first month"))
    json_and_db_options(base, top=False)
    base.set_defaults(func=_base)
    pay = actions.add_parser("pay", help=_("record a payment"))
    pay.add_argument("member_id", metavar="MEMBER_ID")
    pay.add_argument("--months", required=True, metavar="YYYY-MM[..YYYY-MM]", help=_("the months paid"))
    pay.add_argument("--amount", required=True, metavar="AMOUNT", help=_("the amount paid in yuan"))
    pay.add_argument("--date", dest="paid_on", required=True, metavar="YYYY-MM-DD", help=_("the day paid"))
    pay.add_argument("--receipt", default="", metavar="NO", help=_("the receipt number"))
    pay.add_argument("--collector", default="", help=_("who collected it"))
    pay.add_argument("--voluntary", action="store_true", help=_("a voluntary payment beyond the dues"))
    pay.add_argument("--reason", default="", help=_("why a back-payment or an amount off the rate is accepted"))
    json_and_db_options(pay, top=False)
    pay.set_defaults(func=_pay)
    parser.set_defaults(func=_roll)


def _xlsx_target(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() != ".xlsx":
        raise UserError(_("The output file must end in .xlsx."))
    if not path.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=path.parent))
    return path


def _month(text: str) -> date:
    try:
        return parse_month(text)
    except ValueError:
        raise UserError(_("Give the month as YYYY-MM (e.g. 2026-03).")) from None


def _base(args: argparse.Namespace) -> int:
    member_id, from_month = parse_record_id(args.member_id), _month(args.from_month)
    services = open_services(args)
    try:
        services.dues.set_base(member_id, kind=args.kind, income=args.income, fixed=args.fixed, from_month=from_month)
    finally:
        services.db.dispose()
    print(_("Dues base recorded from {month}.").format(month=month_text(from_month)))
    return 0


def _pay(args: argparse.Namespace) -> int:
    member_id = parse_record_id(args.member_id)
    try:
        months = parse_months(args.months)
    except ValueError:
        raise UserError(_("Give the months paid as YYYY-MM or YYYY-MM..YYYY-MM.")) from None
    try:
        paid_on = date.fromisoformat(args.paid_on)
    except ValueError:
        raise UserError(_("Give the date as YYYY-MM-DD (e.g. 2025-03-31).")) from None
    services = open_services(args)
    try:
        result = services.dues.pay(member_id, months=months, amount=args.amount, paid_on=paid_on,
                                   receipt_no=args.receipt, collector=args.collector, voluntary=args.voluntary,
                                   reason=args.reason)
    finally:
        services.db.dispose()
    if getattr(args, "json", False):
        print(json.dumps({"id": str(result.id), "months": [month_text(m) for m in result.months],
                          "amount": money_text(result.amount), "expected": money_text(result.expected) or None,
                          "flags": list(result.flags)}, ensure_ascii=False, indent=2))
    else:
        print(_("Payment recorded: {months}, {amount} yuan.").format(
            months=", ".join(month_text(m) for m in result.months), amount=money_text(result.amount)))
        if result.flags:
            print(_("Flagged: {flags}").format(flags=", ".join(result.flags)))
    return 0


def _roll(args: argparse.Namespace) -> int:
    month = _month(args.month) if args.month else date.today().replace(day=1)
    target = _xlsx_target(args.output) if args.output else None
    services = open_services(args)
    try:
        lines = services.dues.roll(month)
        branch = services.organisation.first_branch()
    finally:
        services.db.dispose()
    if target is not None:
        from dj_desktop.reports.excel_dues_roll import write_dues_roll
        count = write_dues_roll(target, branch_name=branch.name if branch else "", month=month, lines=lines)
        print(_("Written: {path} ({count} records)").format(path=target, count=count))
        return 0
    if args.json:
        print(json.dumps([{"member_id": str(l.member_id), "name": l.name, "kind": l.kind or None,
                           "base": money_text(l.base) or None, "rate": None if l.rate is None else str(l.rate),
                           "due": money_text(l.due) or None, "paid": money_text(l.paid),
                           "arrears_months": l.arrears_months, "six_months_unpaid": l.flagged,
                           "unpaid": [month_text(m) for m in l.unpaid]} for l in lines],
                         ensure_ascii=False, indent=2))
        return 0
    print(_("Party dues {month}").format(month=month_text(month)))
    for l in lines:
        kind = _(DUES_KINDS[l.kind]) if l.kind else _("no base recorded")
        rate = f"{l.rate * 100:.1f}%" if l.rate is not None else "-"
        flag = _("  six months unpaid") if l.flagged else ""
        print(_("{name}  {kind}  base {base}  rate {rate}  due {due}  paid {paid}  arrears {months} months{flag}").format(
            name=l.name, kind=kind, base=money_text(l.base) or "-", rate=rate, due=money_text(l.due) or "-",
            paid=money_text(l.paid), months=l.arrears_months, flag=flag))
    return 0
