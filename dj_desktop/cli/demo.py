"""``dj-desktop demo --db PATH``: write the demo database to a new file."""

from __future__ import annotations

import argparse

from dj_desktop.cli.common import database_target, db_argument
from dj_desktop.core.demo import create_demo_database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.services import build_services


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help=_("create a database filled with a realistic demo branch"))
    db_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    target = str(database_target(args))
    if "://" in target:
        raise UserError(_("The demo is written to a database file; give a file path with --db."))
    db = create_demo_database(target)
    try:
        services = build_services(db)
        branch = services.organisation.first_branch()
        count = len(services.members.roster(branch.id)) if branch else 0
    finally:
        db.dispose()
    print(_("Demo database written to {path}: {branch}, {count} members.").format(
        path=target, branch=branch.name if branch else "", count=count))
    return 0
