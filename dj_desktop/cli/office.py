"""``dj-desktop office init``: make a database an office database and write the enrolment file."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from dj_desktop.cli.common import db_argument, open_services
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _

PASSPHRASE_ENV = "DJ_PASSPHRASE"


def passphrase_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--passphrase-file", help=_("file whose first line is the office passphrase "
                                                    "(otherwise the DJ_PASSPHRASE environment variable)"))


def read_passphrase(args: argparse.Namespace) -> str:
    """From ``--passphrase-file`` or ``DJ_PASSPHRASE``; never from the command line, where others can see it."""
    if getattr(args, "passphrase_file", None):
        try:
            text = Path(args.passphrase_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise UserError(_("Cannot read {path}: {error}").format(path=args.passphrase_file, error=exc)) from exc
        lines = text.splitlines()
        value = lines[0] if lines else ""
    else:
        value = os.environ.get(PASSPHRASE_ENV, "")
    if not value:
        raise UserError(_("The office passphrase is missing: give --passphrase-file FILE or set the "
                          "DJ_PASSPHRASE environment variable."))
    return value


def register(subparsers) -> None:
    parser = subparsers.add_parser("office", help=_("office mode: set up the office that receives bundles"))
    commands = parser.add_subparsers(dest="office_command", metavar="ACTION", required=True)
    p = commands.add_parser("init", help=_("create the office keys and write the enrolment file for branches"))
    p.add_argument("--name", required=True, help=_("the office's name, shown to the branches"))
    p.add_argument("--out", required=True, help=_("folder for the enrolment file"))
    passphrase_argument(p)
    db_argument(p, required=True)
    p.set_defaults(func=_init)


def _init(args: argparse.Namespace) -> int:
    passphrase = read_passphrase(args)
    services = open_services(args, create=True)
    try:
        setup = services.office.initialise(name=args.name, passphrase=passphrase, out_dir=args.out)
    finally:
        services.db.dispose()
    print(setup.enrolment_path)   # stdout holds only the path, for scripts
    print(_("Office key fingerprint: {fingerprint}").format(fingerprint=setup.info.fingerprint), file=sys.stderr)
    return 0
