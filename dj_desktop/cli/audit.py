"""``dj-desktop audit verify --db PATH``: check the audit trail's hash chain (exit 0 when it holds)."""

from __future__ import annotations

import argparse
import sys

from dj_desktop.cli.common import db_argument, open_services
from dj_desktop.core.i18n import _
from dj_desktop.core.services.audit import break_text

#: Exit status when the chain is broken (2 stays "the command could not run").
BROKEN = 1


def register(subparsers) -> None:
    parser = subparsers.add_parser("audit", help=_("the audit trail (全程纪实)"))
    commands = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    p = commands.add_parser("verify", help=_("check that no entry of the audit trail was changed, removed "
                                             "or reordered"))
    db_argument(p)
    p.set_defaults(func=_verify)


def _verify(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        report = services.audit.verify()
    finally:
        services.db.dispose()
    if report.holds:
        print(_("The audit trail holds: {count} entries checked.").format(count=report.entries))
        return 0
    print(break_text(report.broken), file=sys.stderr)
    return BROKEN
