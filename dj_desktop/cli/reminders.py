"""``dj-desktop reminders --db PATH [--date YYYY-MM-DD] [--json] [--branch SITE_ID]``: what is overdue
or due. The output is streamed branch by branch (the engine's grouped run), so an office database of
any size never holds every reminder at once."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Iterable, Iterator

from dj_desktop.cli.common import db_argument, open_services
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.tracking import to_json_value
from dj_desktop.core.rules.cadence import Reminder


def register(subparsers) -> None:
    parser = subparsers.add_parser("reminders", help=_("list what is overdue or due (meetings, talks, study, terms)"))
    db_argument(parser)
    parser.add_argument("--date", help=_("as of this day (YYYY-MM-DD); default today"))
    parser.add_argument("--json", action="store_true", help=_("print a JSON list instead of text"))
    parser.add_argument("--branch", metavar="SITE_ID",
                        help=_("only the branch of this site (on an office database; see: office devices)"))
    parser.set_defaults(func=run)


def _day(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(_("\"{value}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31.").format(value=text)) \
            from None


def to_json(r: Reminder) -> dict:
    t = r.target
    return {
        "kind": r.kind, "subject": r.subject, "due": r.due.isoformat(), "status": r.status, "message": r.message,
        "branch": r.branch_name,
        # What settles it, named through the record-book registry: create a record of ``book``
        # (fields pre-filled from ``preset``) or open the record ``record_id``.
        "target": {"book": t.book, "action": t.action, "branch_id": str(t.branch_id),
                   "record_id": str(t.record_id) if t.record_id else None,
                   "preset": {k: to_json_value(v) for k, v in t.preset.items()}},
    }


def run(args: argparse.Namespace) -> int:
    on = _day(args.date)
    services = open_services(args)
    try:
        branch_ids = None
        if args.branch:
            units = services.office_books.branch_units(args.branch)
            if not units:
                raise UserError(_("No branch came from the site \"{site}\"; the site ids are listed by: "
                                  "dj-desktop office devices").format(site=args.branch))
            branch_ids = [u.id for u in units]
        reminders = (r for _branch, found in services.reminders.reminders_by_branch(on, branch_ids=branch_ids)
                     for r in found)
        _print_json(reminders) if args.json else _print_text(reminders, on)
    finally:
        services.db.dispose()
    return 0


def _print_json(reminders: Iterable[Reminder]) -> None:
    """A JSON list written one reminder at a time."""
    out = sys.stdout
    out.write("[")
    for n, r in enumerate(reminders):
        out.write(",\n " if n else "\n ")
        out.write(json.dumps(to_json(r), ensure_ascii=False))
    out.write("\n]\n")


def _print_text(reminders: Iterator[Reminder], on: date) -> None:
    labels = {"overdue": _("OVERDUE"), "due": _("due")}
    total = overdue = 0
    for r in reminders:
        print(f"[{labels[r.status]}] {r.due.isoformat()}  {r.message}")
        total += 1
        overdue += r.status == "overdue"
    print(_("{total} reminders as of {day}: {overdue} overdue, {due} due.").format(
        total=total, day=on.isoformat(), overdue=overdue, due=total - overdue))
