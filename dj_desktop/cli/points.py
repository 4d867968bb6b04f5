"""``dj-desktop points --month YYYY-MM [--json] [-o FILE.pdf|FILE.xlsx] --db PATH``: the month's points
table of the branch, ranked (JSON keys: member_id, name, total, rank, automatic, manual, exempt, base,
rules_version)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dj_desktop.cli.common import json_and_db_options, open_services
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.dues import month_text, parse_month


def register(subparsers) -> None:
    parser = subparsers.add_parser("points", help=_("the month's points table of the members, ranked"))
    parser.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month, e.g. 2026-03"))
    parser.add_argument("-o", "--output", metavar="FILE", help=_("write the table to a .pdf or .xlsx file"))
    json_and_db_options(parser, top=True)
    parser.set_defaults(func=_table)


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 1)


def _table(args: argparse.Namespace) -> int:
    try:
        month = parse_month(args.month)
    except ValueError:
        raise UserError(_("Give the month as YYYY-MM (e.g. 2026-03).")) from None
    output = Path(args.output) if args.output else None
    if output is not None and output.suffix.lower() not in (".pdf", ".xlsx"):
        raise UserError(_("The output file must end in .pdf or .xlsx."))
    services = open_services(args)
    try:
        branch = services.organisation.first_branch()
        if branch is None:
            raise UserError(_("The database has no Party branch yet."))
        table = services.points.month(branch.id, month)
        if output is not None:
            from dj_desktop.reports.pdf.tabular import write_report
            write_report(services.points.month_report(branch.id, month), output)
    finally:
        services.db.dispose()
    if args.json:
        print(json.dumps([{"member_id": str(r.member_id), "name": r.name, "total": _number(r.total),
                           "rank": r.rank, "automatic": _number(r.automatic), "manual": _number(r.manual),
                           "exempt": r.exempt, "base": _number(r.base), "rules_version": table.rules_version}
                          for r in table.rows], ensure_ascii=False, indent=2))
        return 0
    print(_("Points for {month} (scheme {version})").format(month=month_text(month), version=table.rules_version))
    for r in table.rows:
        rank = str(r.rank) if r.rank is not None else _("exempt")
        print(f"{rank:>4}  {r.name:<8}  {_number(r.total):>6}  "
              + _("automatic {a}, manual {m}").format(a=_number(r.automatic), m=_number(r.manual)))
    if output is not None:
        print(_("Written to {path}").format(path=output))
    return 0
