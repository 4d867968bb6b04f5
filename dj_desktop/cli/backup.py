"""``dj-desktop backup [--to DIR]``, ``dj-desktop backups [--json]``, ``dj-desktop restore FILE``.

``restore`` never opens the database through the ORM first: it must work on a damaged file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dj_desktop.cli.common import database_target, db_argument, require_file
from dj_desktop.cli.password_input import given_password, password_argument, with_password
from dj_desktop.core import backups
from dj_desktop.core.backups import BackupInfo
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.restore import restore_backup


def register(subparsers) -> None:
    p = subparsers.add_parser("backup", help=_("back up the database and its attachments (prints the backup's path)"))
    p.add_argument("--to", metavar="DIR", help=_("folder to write the backup to (default: the backups folder "
                                                 "beside the database)"))
    password_argument(p)
    db_argument(p)
    p.set_defaults(func=_backup)

    p = subparsers.add_parser("backups", help=_("list the automatic backups of the database"))
    p.add_argument("--json", action="store_true", help=_("print the results as JSON"))
    db_argument(p)
    p.set_defaults(func=_list)

    p = subparsers.add_parser("restore", help=_("replace the database by a backup (the current state is "
                                                "backed up first)"))
    p.add_argument("file", metavar="FILE", help=_("the backup file (.djbackup)"))
    password_argument(p)
    db_argument(p)
    p.set_defaults(func=_restore)


def _sqlite_path(args: argparse.Namespace) -> Path:
    target = str(database_target(args))
    if "://" in target:
        raise UserError(_("This database is on a PostgreSQL server; back it up with the server's "
                          "tools (pg_dump)."))
    return Path(target).expanduser().resolve()


def describe(info: BackupInfo) -> str:
    """A backup in one paragraph: when, why, which branch, how many records."""
    from dj_desktop.core.backup_labels import counts_text, reason_label
    return _("{when} · {reason} · {branch}\n{counts}\n{files} attachments, {size} bytes, {check}").format(
        when=info.created_at.strftime("%Y-%m-%d %H:%M"), reason=reason_label(info.reason),
        branch=info.branch or _("(no branch)"), counts=counts_text(info.counts), files=info.files,
        size=info.size, check=_("integrity checked: ok") if info.verified else _("integrity NOT checked"))


def _unlock(args: argparse.Namespace, path: Path) -> None:
    """An encrypted database is read with its key: the password from the usual places."""
    from dj_desktop.core import encryption
    from dj_desktop.core.sqlite_connect import remember_key
    if encryption.is_encrypted(path):
        data_key = with_password(args, lambda password: encryption.unlock(path, password))
        encryption.probe(path, data_key)
        remember_key(path, data_key)


def _backup(args: argparse.Namespace) -> int:
    _unlock(args, _sqlite_path(args))
    info = backups.take_backup(_sqlite_path(args), args.to, reason="manual")
    print(info.path)
    print(describe(info), file=sys.stderr)
    return 0


def _list(args: argparse.Namespace) -> int:
    found = backups.list_backups(backups.backups_dir(_sqlite_path(args)))
    if args.json:
        print(json.dumps([b.as_json() for b in found], ensure_ascii=False, indent=1))
        return 0
    if not found:
        print(_("No backups yet in {path}.").format(path=backups.backups_dir(_sqlite_path(args))))
    for info in found:
        print(info.path)
        print("  " + describe(info).replace("\n", "\n  "))
    return 0


def _restore(args: argparse.Namespace) -> int:
    source = require_file(args.file)
    info = backups.read_backup(source)
    print(_("Restoring:") + "\n  " + describe(info).replace("\n", "\n  "), file=sys.stderr)
    result = restore_backup(source, _sqlite_path(args), password=given_password(args))
    if result.previous is not None:
        print(_("The database before the restore was backed up to {path}.").format(path=result.previous),
              file=sys.stderr)
    print(_("Restored {path} from the backup of {when}.").format(
        path=_sqlite_path(args), when=info.created_at.strftime("%Y-%m-%d %H:%M")))
    return 0
