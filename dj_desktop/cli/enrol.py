"""``dj-desktop enrol FILE``: enrol this branch with an office from its enrolment file."""

from __future__ import annotations

import argparse

from dj_desktop.cli.common import db_argument, open_services, require_file
from dj_desktop.core.i18n import _


def register(subparsers) -> None:
    p = subparsers.add_parser("enrol", help=_("enrol this branch with an office (import its enrolment file)"))
    p.add_argument("file", help=_("the enrolment file from the office"))
    db_argument(p)
    p.set_defaults(func=_enrol)


def _enrol(args: argparse.Namespace) -> int:
    path = require_file(args.file)
    services = open_services(args)
    try:
        info = services.sync.enrol(path)
    finally:
        services.db.dispose()
    print(_("Enrolled with {office} (office fingerprint {office_fp}).").format(
        office=info.office_name, office_fp=info.office_fingerprint))
    print(_("This device's fingerprint: {fingerprint} — the office compares it after the first import.")
          .format(fingerprint=info.device_fingerprint))
    return 0
