"""``dj-desktop audit verify --db PATH``: check the audit trail's hash chain (exit 0 when it holds)."""

from __future__ import annotations

import argparse
import sys

from dj_desktop.cli.common import db_argument, open_services
from dj_desktop.core.i18n import _
from dj_desktop.core.services.audit import break_text
from dj_desktop.sync.audit_trail import break_text as break_text_of_site

#: Exit status when the chain is broken (2 stays "the command could not run").
BROKEN = 1


def register(subparsers) -> None:
    parser = subparsers.add_parser("audit", help=_("the audit trail (全程纪实)"))
    commands = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    p = commands.add_parser("verify", help=_("check that no entry of the audit trail was changed, removed "
                                             "or reordered"))
    which = p.add_mutually_exclusive_group()
    which.add_argument("--site", metavar="SITE_ID",
                       help=_("at the office: check the audit trail a branch sent in its bundles"))
    which.add_argument("--all-sites", action="store_true",
                       help=_("at the office: check the audit trail of every branch that sent one"))
    db_argument(p)
    p.set_defaults(func=_verify)


def _verify(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        if args.site or args.all_sites:
            return _verify_sites(services, [args.site] if args.site else services.audit.sites())
        report = services.audit.verify()
    finally:
        services.db.dispose()
    if report.holds:
        print(_("The audit trail holds: {count} entries checked.").format(count=report.entries))
        return 0
    print(break_text(report.broken), file=sys.stderr)
    return BROKEN


def _verify_sites(services, site_ids: list[str]) -> int:
    if not site_ids:
        print(_("No branch has sent its audit trail yet."))
        return 0
    status = 0
    for site_id in site_ids:
        report = services.audit.verify_site(site_id)
        if report.without_trail:
            print(_("{site}: not verified (audit trail missing): {count} bundle(s) from an older program arrived without "
                    "an audit trail.").format(site=site_id, count=report.without_trail), file=sys.stderr)
            status = BROKEN
        if report.broken is None and report.without_trail:
            continue
        if not report.entries:
            print(_("{site}: no audit trail received from this branch.").format(site=site_id), file=sys.stderr)
            status = BROKEN
        elif report.holds:
            start = (_(" (entries before {seq} were sent before the trail travelled in bundles)").format(
                seq=report.first_seq) if report.first_seq > 1 else "")
            print(_("{site}: the audit trail holds: {count} entries checked.").format(
                site=site_id, count=report.entries) + start)
        else:
            print(f"{site_id}: " + break_text_of_site(report.broken), file=sys.stderr)
            status = BROKEN
    return status
