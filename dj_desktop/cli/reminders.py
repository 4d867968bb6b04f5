"""``dj-desktop reminders --db PATH [--date YYYY-MM-DD] [--json]``: what is overdue or due."""

from __future__ import annotations

import argparse
import json
from datetime import date

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
        reminders = services.reminders.reminders(on)
    finally:
        services.db.dispose()
    if args.json:
        print(json.dumps([to_json(r) for r in reminders], ensure_ascii=False, indent=1))
        return 0
    labels = {"overdue": _("OVERDUE"), "due": _("due")}
    for r in reminders:
        print(f"[{labels[r.status]}] {r.due.isoformat()}  {r.message}")
    overdue = sum(1 for r in reminders if r.status == "overdue")
    print(_("{total} reminders as of {day}: {overdue} overdue, {due} due.").format(
        total=len(reminders), day=on.isoformat(), overdue=overdue, due=len(reminders) - overdue))
    return 0
