"""Helpers shared by the CLI command modules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dj_desktop.core.db import Database, open_database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services, build_services
from dj_desktop.paths import default_database_path


def db_argument(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """Lets ``--db`` be given after the sub-command too (``dj-desktop roster import F --db X``)."""
    parser.add_argument("--db", dest="sub_db", required=required,
                        help=_("database file (or a postgresql+psycopg:// URL for an office)"))


def json_and_db_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """``--json`` and ``--db`` for a command with actions (``rules``, ``dues``): given before or after
    the action; on the actions they must not reset what the top level read."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--json", action="store_true", default=False if top else argparse.SUPPRESS,
                        help=_("print JSON instead of text"))
    parser.add_argument("--db", dest="sub_db", default=default,
                        help=_("database file (or a postgresql+psycopg:// URL for an office)"))


def database_target(args: argparse.Namespace) -> str | Path:
    return getattr(args, "sub_db", None) or args.db or default_database_path()


def open_services(args: argparse.Namespace, *, create: bool = False) -> Services:
    from dj_desktop.cli.password_input import with_password
    from dj_desktop.core.encryption import PasswordRequired
    target = database_target(args)
    try:
        db = open_database(target, create=create)
    except PasswordRequired:    # an encrypted database: --password-file, DJ_PASSWORD or asked
        db = with_password(args, lambda password: open_database(target, create=create, password=password))
    for notice in db.notices:    # e.g. an interrupted upgrade that was undone
        print(notice, file=sys.stderr)
    return build_services(db)


def require_file(path: str) -> Path:
    p = Path(path)
    if not p.is_file():
        raise UserError(_("File {path} does not exist.").format(path=p))
    return p


__all__ = ["Database", "Services", "db_argument", "database_target", "open_services", "require_file"]
