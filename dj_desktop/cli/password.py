"""``dj-desktop password set|change|remove --db PATH``: the app password and encryption at rest
(core/encryption.py, core/password.py). Setting or changing prints the recovery key once and, with
``--slip FILE.pdf``, prints it on a slip to keep apart from the computer."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dj_desktop.cli.common import database_target, db_argument
from dj_desktop.cli.password_input import new_password, password_argument, with_password
from dj_desktop.core import password as password_ops
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser("password", help=_("set, change or remove the app password (encrypts the database)"))
    commands = parser.add_subparsers(dest="password_command", metavar="ACTION", required=True)
    for name, helptext, func in (
            ("set", _("protect a database with a password: it is encrypted and a recovery key is shown"), _set),
            ("change", _("change the password (re-encrypts the database under a new key)"), _change),
            ("remove", _("remove the password (the database is stored unencrypted again)"), _remove)):
        p = commands.add_parser(name, help=helptext)
        if name != "remove":
            p.add_argument("--new-password-file", help=_("file whose first line is the new password "
                                                         "(otherwise DJ_NEW_PASSWORD, or asked twice)"))
            p.add_argument("--slip", metavar="FILE", help=_("also print the recovery key on a slip (PDF)"))
        if name == "change":
            p.add_argument("--recovery-key-file", metavar="FILE",
                           help=_("a file holding the recovery key, for a forgotten password"))
        if name != "set":
            password_argument(p)
        db_argument(p)
        p.set_defaults(func=func)


def _sqlite_path(args: argparse.Namespace) -> Path:
    target = str(database_target(args))
    if "://" in target:
        raise UserError(_("Only a database file can have an app password."))
    path = Path(target).expanduser().resolve()
    if not path.is_file():
        raise UserError(_("Database file {path} does not exist.").format(path=path))
    return path


def _show_recovery(result: password_ops.PasswordSet, slip: str | None) -> None:
    print(_("Recovery key (write it down and keep it apart from the computer; it is shown only once):"))
    print(result.recovery_key)
    if slip:
        from dj_desktop.core.safe_write import atomic_path
        from dj_desktop.reports.pdf.recovery_slip import write_recovery_slip
        with atomic_path(slip, private=True) as tmp:
            write_recovery_slip(result.recovery_key, result.database.name, tmp)
        print(_("Recovery key slip written to {path}; print it, then delete the file.").format(path=slip),
              file=sys.stderr)


def _set(args: argparse.Namespace) -> int:
    path = _sqlite_path(args)
    result = password_ops.set_password(path, new_password(args))
    print(_("The database is now encrypted; it opens only with the password."), file=sys.stderr)
    if result.files_sealed:
        print(_("{count} attachment file(s) (photos, scans) encrypted as well.").format(count=result.files_sealed),
              file=sys.stderr)
    _show_recovery(result, args.slip)
    return 0


def _change(args: argparse.Namespace) -> int:
    path = _sqlite_path(args)
    if args.recovery_key_file:
        from dj_desktop.cli.password_input import first_line
        key = first_line(args.recovery_key_file)
        result = password_ops.change_password(path, "", new_password(args), recovery_key=key)
    else:
        new = new_password(args)
        result = with_password(args, lambda old: password_ops.change_password(path, old, new))
    print(_("The password was changed and the database re-encrypted under a new key."), file=sys.stderr)
    _show_recovery(result, args.slip)
    return 0


def _remove(args: argparse.Namespace) -> int:
    path = _sqlite_path(args)
    with_password(args, lambda old: password_ops.remove_password(path, old))
    print(_("The password was removed; the database is stored unencrypted."), file=sys.stderr)
    return 0
