"""``dj-desktop sync …``: export bundles, import them at the office, receipts and return bundles."""

from __future__ import annotations

import argparse
import json
import sys

from dj_desktop.cli.common import db_argument, open_services, require_file
from dj_desktop.cli.office import passphrase_argument, read_passphrase
from dj_desktop.core.i18n import _
from dj_desktop.core.services.office import ReceiptsNotWritten


def register(subparsers) -> None:
    parser = subparsers.add_parser("sync", help=_("sync bundles between the branch and the office"))
    commands = parser.add_subparsers(dest="sync_command", metavar="ACTION", required=True)

    p = commands.add_parser("export", help=_("write a bundle for the office (prints its path)"))
    p.add_argument("--to", required=True, help=_("folder to write to (the USB stick)"))
    p.add_argument("--full", action="store_true", help=_("carry every record, not only the changes"))
    db_argument(p)
    p.set_defaults(func=_export)

    p = commands.add_parser("import", help=_("office: import bundles from branches"))
    p.add_argument("files", nargs="+", metavar="FILE", help=_("bundle files"))
    p.add_argument("--receipts", help=_("folder for the signed receipts"))
    p.add_argument("--json", action="store_true", help=_("print the results as JSON"))
    passphrase_argument(p)
    db_argument(p, required=True)
    p.set_defaults(func=_import)

    p = commands.add_parser("apply-receipt", help=_("apply receipts or return bundles from the office"))
    p.add_argument("files", nargs="+", metavar="FILE", help=_("receipt files or return bundles"))
    db_argument(p)
    p.set_defaults(func=_apply)

    p = commands.add_parser("return", help=_("office: write a return bundle for one branch"))
    p.add_argument("--branch", required=True, metavar="SITE_ID", help=_("the branch's site id"))
    p.add_argument("--to", required=True, help=_("folder to write to"))
    passphrase_argument(p)
    db_argument(p, required=True)
    p.set_defaults(func=_return)


def _export(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        result = services.sync.export_bundle(args.to, full=args.full)
    finally:
        services.db.dispose()
    print(result.path)
    print(_("{records} records, {size} bytes; written, read back and verified — the stick can be removed.")
          .format(records=sum(result.counts.values()), size=result.size), file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    paths = [require_file(f) for f in args.files]
    passphrase = read_passphrase(args)
    services = open_services(args)
    unwritten = ""
    try:
        results = services.office.import_bundles(paths, passphrase=passphrase, receipts_dir=args.receipts)
    except ReceiptsNotWritten as exc:      # imported; the results are printed, then what went wrong
        results, unwritten = exc.results, str(exc)
    try:
        # A held bundle's site is not a branch yet: its device carries the name the bundle gave.
        names = {d.site_id: d.site_name for d in services.office.devices() if d.site_name}
        names |= {b.site_id: b.name for b in services.office.branches()}
    finally:
        services.db.dispose()
    if args.json:
        print(json.dumps([{
            "file": str(r.path), "status": r.status, "code": r.code, "reason": r.reason, "bundle_id": r.bundle_id,
            "site_id": r.site_id, "branch_name": names.get(r.site_id, ""), "device_fingerprint": r.device_fingerprint, "new_device": r.new_device,
            "applied": r.applied, "conflicts": r.conflicts, "deferred": r.deferred,
            "problems": list(r.problems), "contiguous_seq": r.contiguous_seq,
            "receipt": str(r.receipt_path) if r.receipt_path else None,
        } for r in results], ensure_ascii=False, indent=1))
    else:
        from dj_desktop.core.record_books import describe_counts
        from dj_desktop.core.record_books import import_status_label
        for r in results:
            branch = names.get(r.site_id) or _("an unknown branch")
            if r.status == "held":
                line = _("{file}: held for approval, from {branch}.").format(file=r.path.name, branch=branch)
            else:
                line = _("{file}: {status} from {branch}: {books}.").format(
                    file=r.path.name, status=import_status_label(r.status), branch=branch,
                    books=describe_counts(r.applied))
            print(line + (" " + r.reason if r.reason else ""))
            if r.new_device:
                print(_("  new computer registered for {branch}: fingerprint {fingerprint} — compare it "
                        "with the one the branch shows.").format(branch=branch, fingerprint=r.device_fingerprint))
    if unwritten:
        print(unwritten, file=sys.stderr)
        return 2
    return 0 if all(r.status != "rejected" for r in results) else 1


def _apply(args: argparse.Namespace) -> int:
    paths = [require_file(f) for f in args.files]
    services = open_services(args)
    try:
        results = services.sync.apply_receipts(paths)
    finally:
        services.db.dispose()
    for r in results:
        statuses = ", ".join(f"{x.status}" for x in r.receipts)
        print(_("{path}: {count} receipt(s) ({statuses}), {new} new; the office has everything up to "
                "change {seq}.").format(path=r.path, count=len(r.receipts), statuses=statuses,
                                        new=r.newly_applied, seq=r.acknowledged_seq))
        if r.records_updated:
            print(_("  {n} records changed to what the office decided.").format(n=r.records_updated))
        if r.rule_versions_added:
            print(_("  {n} new rule versions from the office stored (see: dj-desktop rules).").format(
                n=r.rule_versions_added))
    return 0


def _return(args: argparse.Namespace) -> int:
    passphrase = read_passphrase(args)
    services = open_services(args)
    try:
        result = services.office.write_return_bundle(args.branch, passphrase=passphrase, to_dir=args.to)
    finally:
        services.db.dispose()
    print(result.path)
    print(_("{n} receipts and {d} records the office decided (resolved conflicts).").format(
        n=result.receipts, d=result.decisions), file=sys.stderr)
    if result.rule_versions:
        print(_("{n} rule versions added at the office go along.").format(n=result.rule_versions), file=sys.stderr)
    return 0
