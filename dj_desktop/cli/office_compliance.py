"""``dj-desktop office compliance [--date D] [--json] --db OFFICE``: per branch, what is overdue and
due — the rows the office window's "检查全部支部" shows, from one grouped run of the reminders engine."""

from __future__ import annotations

import argparse
import json
from datetime import date

from dj_desktop.cli.common import db_argument, open_services
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.vocabularies.branch_states import STATE_LABELS


def add_compliance(commands) -> None:
    p = commands.add_parser("compliance", help=_("what each branch has overdue or due, as the office window shows"))
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("the day to check as of (default: today)"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    db_argument(p)
    p.set_defaults(func=_compliance)


def _day(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(_("\"{value}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31.").format(
            value=text)) from None


def _compliance(args: argparse.Namespace) -> int:
    on = _day(args.date)
    services = open_services(args)
    try:
        rows = services.office_books.compliance(on)
        labels = services.records.reminder_kind_labels()
    finally:
        services.db.dispose()
    if args.json:
        print(json.dumps([{"branch_id": str(c.branch_id) if c.branch_id else None, "branch": c.branch_name,
                           "overdue": c.overdue, "due": c.due, "by_kind": c.overdue_by_kind,
                           "oldest_overdue": c.oldest_overdue.isoformat() if c.oldest_overdue else None,
                           "state": c.state}
                          for c in rows], ensure_ascii=False, indent=1))
        return 0
    for c in rows:
        if c.state != "ok":
            print(_("{branch}: {state}").format(branch=c.branch_name, state=_(STATE_LABELS[c.state])))
            if c.branch_id is None:
                continue
        kinds = "、".join(f"{labels.get(k, k)} {n}" for k, n in sorted(c.overdue_by_kind.items(),
                                                                      key=lambda kv: (-kv[1], kv[0])))
        print(_("{branch}: {overdue} overdue, {due} due soon").format(branch=c.branch_name, overdue=c.overdue,
                                                                      due=c.due) + (f"（{kinds}）" if kinds else ""))
    return 0
