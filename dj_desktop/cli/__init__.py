"""The command line: ``dj-desktop [--db PATH] [COMMAND …]``; every job the GUI does non-interactively.

Each sub-command lives in its own module listed in :data:`COMMAND_MODULES`;
a module defines ``register(subparsers)`` and sets ``func(args) -> int`` on
its parser. Without a command the GUI starts.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from pathlib import Path

from dj_desktop import __version__
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import LANGUAGES, _, set_language

COMMAND_MODULES: list[str] = ["roster", "init", "demo", "office", "enrol", "sync", "reminders", "report", "books", "rules", "backup", "audit", "password", "dues", "funds", "assess", "points", "archive", "development", "calendar"]


def _argparse_in_our_language() -> None:
    """argparse looks up its own words ("usage:", "options", its error messages) with the
    module-level ``gettext``/``ngettext`` it imported; route them through the program's catalogs
    (resources/locale/…/argparse.po) so that help and errors are in the chosen language."""
    argparse._ = _
    argparse.ngettext = lambda singular, plural, n: _(singular if n == 1 else plural)


def _root_parser(**kwargs) -> argparse.ArgumentParser:
    """The program's own options, without the commands."""
    parser = argparse.ArgumentParser(prog="dj-desktop", description=_("Branch record books (支部台账)"), **kwargs)
    parser.add_argument("--version", action="version", version=__version__,
                        help=_("show program's version number and exit"))
    parser.add_argument("--db", help=_("database file (or a postgresql+psycopg:// URL for an office)"))
    parser.add_argument("--lang", choices=["zh_CN", "en"], help=_("language of messages"))
    parser.add_argument("--password-file", dest="global_password_file", metavar="FILE",
                        help=_("file whose first line is the app password of an encrypted database "
                               "(otherwise the DJ_PASSWORD environment variable, or asked)"))
    parser.add_argument("--self-test", action="store_true",
                        help=_("check the installation: migrate a new database, build the main window offscreen, print a PDF, write a bundle, exit"))
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _root_parser()
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"dj_desktop.cli.{name}").register(subparsers)
    readable_metavars(parser)
    return parser


#: What an option's value is, shown in help instead of argparse's upper-cased ``dest`` (SUB_DB, OUTPUT …).
METAVARS = {"output": "FILE", "sub_db": "DB", "db": "DB", "to": "FOLDER", "out": "FOLDER", "receipts": "FOLDER",
            "passphrase_file": "FILE", "password_file": "FILE", "new_password_file": "FILE"}


def readable_metavars(parser: argparse.ArgumentParser) -> None:
    """Give every option of ``parser`` and its sub-commands a readable metavar (FILE, DB, FOLDER)."""
    for action in parser._actions:  # noqa: SLF001 (argparse has no public walk)
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for sub in action.choices.values():
                readable_metavars(sub)
        elif action.metavar is None and action.dest in METAVARS and action.nargs != 0:
            action.metavar = METAVARS[action.dest]


def _window_args(argv: list[str]) -> argparse.Namespace | None:
    """The options when ``argv`` names no command (the window starts): parsed by the root parser
    alone, so start-up does not build every command's parser. None when there is anything else
    (a command, help, a mistake): then the full parser parses it and gives its usual messages."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return None
    try:
        args, rest = _root_parser(exit_on_error=False, add_help=False).parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):
        return None
    if rest:
        return None
    args.command = None
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Parse --lang first so help texts come out in the chosen language.
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    known, _rest = pre.parse_known_args(argv)
    if known.lang in LANGUAGES:
        set_language(known.lang)
    # Any other --lang is refused below by the full parser (its choices), in the default language.
    _argparse_in_our_language()
    args = _window_args(argv) or build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.self_test:
        from dj_desktop.gui.app import self_test
        return self_test()
    if args.command is None:
        from dj_desktop.gui.early_start import begin_integrity_check
        begin_integrity_check(args.db)     # before the window's imports (≈ 0.6 s)
        from dj_desktop.gui.app import run_gui
        return run_gui(db_target=args.db)
    try:
        return args.func(args)
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # Output piped into `head` or similar that stopped reading: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        # No traceback: a file the program could not read or write, said plainly.
        from dj_desktop.core.safe_write import write_error
        print(str(write_error(Path(exc.filename or "?"), exc)), file=sys.stderr)
        return 2
