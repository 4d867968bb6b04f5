"""``dj-desktop init --db PATH --branch NAME``: an empty database holding one branch (the first-run wizard's job)."""

from __future__ import annotations

import argparse

from dj_desktop.cli.common import database_target, db_argument, open_services
from dj_desktop.core.i18n import _
from dj_desktop.core.vocabularies.organisation import SETTINGS_KINDS


def register(subparsers) -> None:
    parser = subparsers.add_parser("init", help=_("create a database holding one Party branch"))
    parser.add_argument("--branch", required=True, help=_("the branch's full name, e.g. 幸福里社区党支部"))
    parser.add_argument("--upper", default="", help=_("the upper Party organisation, e.g. 东城街道党工委"))
    parser.add_argument("--setting", choices=sorted(SETTINGS_KINDS), default="community",
                        help=_("where the branch is; decides the term length (village/community: 5 years)"))
    db_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    services = open_services(args, create=True)
    try:
        branch = services.organisation.create_first_branch(args.branch, setting=args.setting,
                                                           parent_name=args.upper)
    finally:
        services.db.dispose()
    print(_("Created {branch} in {path}.").format(branch=branch.name, path=database_target(args)))
    return 0
