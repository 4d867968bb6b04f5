"""``dj-desktop archive {appraisals,care} --year YYYY -o FILE.pdf|FILE.xlsx --db PATH``: the year's
democratic appraisal results (民主评议党员结果) or the care ledger (老党员和生活困难党员台账) with the
year's visits and aid, as PDF or Excel."""

from __future__ import annotations

import argparse
from pathlib import Path

from dj_desktop.cli.common import json_and_db_options, open_services
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser("archive", help=_("print the year's appraisal results or the care ledger"))
    parser.add_argument("which", choices=("appraisals", "care"), help=_("appraisals or care"))
    parser.add_argument("--year", type=int, required=True, help=_("the year, e.g. 2026"))
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help=_("write it to a .pdf or .xlsx file"))
    json_and_db_options(parser, top=True)
    parser.set_defaults(func=_print)


def _print(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if output.suffix.lower() not in (".pdf", ".xlsx"):
        raise UserError(_("The output file must end in .pdf or .xlsx."))
    from dj_desktop.core.services.appraisal_care import appraisal_report, care_report
    from dj_desktop.reports.pdf.tabular import write_report
    services = open_services(args)
    try:
        build = appraisal_report if args.which == "appraisals" else care_report
        write_report(build(services, args.year), output)
    finally:
        services.db.dispose()
    print(_("Written to {path}").format(path=output))
    return 0
