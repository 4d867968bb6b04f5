"""Reading the app password for the command line: ``--password-file FILE`` or ``DJ_PASSWORD`` for
scripts, otherwise asked on the terminal (never on the command line, where others can see it).
Three wrong answers in a row, then a wait before the program gives up."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from pathlib import Path
from typing import Callable, TypeVar

from dj_desktop.core.encryption import PasswordError
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _

PASSWORD_ENV = "DJ_PASSWORD"
NEW_PASSWORD_ENV = "DJ_NEW_PASSWORD"
MAX_TRIES = 3
WAIT_SECONDS = 30
T = TypeVar("T")


def password_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--password-file", help=_("file whose first line is the app password "
                                                  "(otherwise the DJ_PASSWORD environment variable, or asked)"))


def first_line(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(_("Cannot read the password file {path}.").format(path=path)) from exc
    lines = text.splitlines()
    return lines[0] if lines else ""


def given_password(args: argparse.Namespace, *, file_attr: str = "password_file", env: str = PASSWORD_ENV) -> str | None:
    """The password given for scripts, or None when it must be asked."""
    path = getattr(args, file_attr, None)
    if file_attr == "password_file":
        path = path or getattr(args, "global_password_file", None)   # dj-desktop --password-file F COMMAND …
    if path:
        return first_line(path)
    return os.environ.get(env) or None


def interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def with_password(args: argparse.Namespace, attempt: Callable[[str], T], *, prompt: str | None = None) -> T:
    """``attempt(password)`` with the given password (one try), or up to three typed ones; after the
    third wrong one the program waits, then stops. Raises :class:`UserError`."""
    given = given_password(args)
    if given is not None:
        return attempt(given)
    if not interactive():
        raise UserError(_("This database is protected by a password: give --password-file FILE or set the "
                          "DJ_PASSWORD environment variable."))
    for _try in range(MAX_TRIES):
        try:
            return attempt(getpass.getpass(prompt or _("Password: ")))
        except PasswordError as exc:
            print(str(exc), file=sys.stderr)
    print(_("Three wrong passwords. Wait {seconds} seconds before trying again.").format(seconds=WAIT_SECONDS),
          file=sys.stderr)
    time.sleep(WAIT_SECONDS)
    raise UserError(_("The password was not accepted; nothing was opened or changed."))


def new_password(args: argparse.Namespace) -> str:
    """The new password: ``--new-password-file`` / ``DJ_NEW_PASSWORD``, or typed twice."""
    given = given_password(args, file_attr="new_password_file", env=NEW_PASSWORD_ENV)
    if given is not None:
        return given
    if not interactive():
        raise UserError(_("Give the new password with --new-password-file FILE or the DJ_NEW_PASSWORD "
                          "environment variable."))
    first = getpass.getpass(_("New password: "))
    if getpass.getpass(_("The new password again: ")) != first:
        raise UserError(_("The two passwords differ; nothing was changed."))
    return first
