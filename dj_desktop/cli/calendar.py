"""``dj-desktop calendar [--year YYYY] [--json]`` (the declared days), ``calendar add-holiday
YYYY-MM-DD[..YYYY-MM-DD]`` and ``calendar add-workday YYYY-MM-DD`` (a 调休 make-up working day): the
holiday calendar that member development counts working days in. JSON: ``year`` (or null),
``covered_years``, ``days`` [{``day``, ``kind``}]."""

from __future__ import annotations

import argparse
import json

from dj_desktop.cli.common import json_and_db_options, open_services
from dj_desktop.cli.development import parse_day
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.vocabularies.development import CALENDAR_KINDS


def register(subparsers) -> None:
    parser = subparsers.add_parser("calendar", help=_("the holiday and make-up working day calendar"))
    parser.add_argument("--year", type=int, help=_("only this year"))
    json_and_db_options(parser, top=True)
    actions = parser.add_subparsers(dest="calendar_action", metavar="ACTION")
    holiday = actions.add_parser("add-holiday", help=_("declare a holiday or a range of holidays"))
    holiday.add_argument("days", metavar="YYYY-MM-DD[..YYYY-MM-DD]")
    json_and_db_options(holiday, top=False)
    holiday.set_defaults(func=lambda args: _add(args, "holiday"))
    workday = actions.add_parser("add-workday", help=_("declare a make-up working day (调休上班)"))
    workday.add_argument("days", metavar="YYYY-MM-DD")
    json_and_db_options(workday, top=False)
    workday.set_defaults(func=lambda args: _add(args, "workday"))
    parser.set_defaults(func=_show)


def _branch(services):
    branch = services.organisation.first_branch()
    if branch is None:
        raise UserError(_("The database has no Party branch yet."))
    return branch.id


def _add(args: argparse.Namespace, kind: str) -> int:
    first, _sep, last = args.days.partition("..")
    if kind == "workday" and last:
        raise UserError(_("Give one make-up working day at a time."))
    first_day, last_day = parse_day(first), parse_day(last) if last else None
    services = open_services(args)
    try:
        count = services.development.calendar.add(_branch(services), kind, first_day, last_day)
    finally:
        services.db.dispose()
    print(_("{count} day(s) entered as {kind}.").format(count=count, kind=_(CALENDAR_KINDS[kind])))
    return 0


def _show(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        branch = _branch(services)
        days = services.development.calendar.days(branch, args.year)
        covered = sorted(services.development.calendar.calendar(branch).years)
    finally:
        services.db.dispose()
    if args.json:
        print(json.dumps({"year": args.year, "covered_years": covered,
                          "days": [{"day": d.day.isoformat(), "kind": d.kind} for d in days]}, indent=2))
        return 0
    if args.year is not None and args.year not in covered:
        print(_("No calendar for {year}: working days counted in it are provisional.").format(year=args.year))
    for d in days:
        print(f"{d.day.isoformat()}  {_(CALENDAR_KINDS[d.kind])}")
    return 0
