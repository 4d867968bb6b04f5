"""``dj-desktop office init|devices|approve|revoke|settings``: set up an office database and its
enrolment file, list the branch devices it knows, confirm a pending one (merging what it sent),
refuse a lost, stolen or unknown one, and choose whether first bundles wait for confirmation."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from dj_desktop.cli.common import db_argument, open_services
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.services.office_identity import is_office_database

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
    p = commands.add_parser("devices", help=_("list the branch devices that have sent bundles"))
    p.add_argument("--json", action="store_true", help=_("print the results as JSON"))
    db_argument(p, required=True)
    p.set_defaults(func=_devices)
    p = commands.add_parser("approve", help=_("confirm a pending device and merge the bundles held for it"))
    p.add_argument("device", metavar="DEVICE", help=_("the device id, or its fingerprint as the branch reads it out"))
    p.add_argument("--continues", metavar="SITE", help=_("the site id of the branch whose books this device's "
                                                          "installation is a copy of (a second computer)"))
    p.add_argument("--receipts", help=_("folder for the receipts of the merged bundles"))
    p.add_argument("--json", action="store_true", help=_("print the results as JSON"))
    passphrase_argument(p)
    db_argument(p, required=True)
    p.set_defaults(func=_approve)
    p = commands.add_parser("revoke", help=_("refuse every later bundle from a device (a lost or stolen computer)"))
    p.add_argument("device", metavar="DEVICE", help=_("the device id, or its fingerprint as the branch reads it out"))
    db_argument(p, required=True)
    p.set_defaults(func=_revoke)
    p = commands.add_parser("settings", help=_("show or change how the office treats new devices"))
    p.add_argument("--accept-new-devices", choices=["yes", "no"],
                   help=_("yes: merge a new device's first bundle at once (you accept the risk); "
                          "no: hold it until the device is approved (the default)"))
    db_argument(p, required=True)
    p.set_defaults(func=_settings)
    from dj_desktop.cli.office_compliance import add_compliance
    add_compliance(commands)


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


def _devices(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        _require_office(services)
        names = {b.site_id: b.name for b in services.office.branches()}
        devices = services.office.devices()
    finally:
        services.db.dispose()
    if args.json:
        print(json.dumps([{"device_id": d.device_id, "site_id": d.site_id,
                           "branch": names.get(d.site_id, "") or d.site_name, "state": d.state,
                           "held": d.held, "fingerprint": d.fingerprint, "revoked": d.revoked,
                           "registered_at": d.registered_at.isoformat(),
                           "last_seen_at": d.last_seen_at.isoformat() if d.last_seen_at else None}
                          for d in devices], ensure_ascii=False, indent=1))
        return 0
    if not devices:
        print(_("No branch has sent a bundle yet."))
    states = {"revoked": _("revoked"), "active": _("active"), "pending": _("pending approval")}
    for d in devices:
        held = _("{count} bundle(s) held").format(count=d.held) if d.held else ""
        branch = names.get(d.site_id, "") or d.site_name or d.site_id
        print(f"{d.fingerprint}  {states[d.state]}  {branch}  {d.device_id}  {held}".rstrip())
    return 0


def _approve(args: argparse.Namespace) -> int:
    passphrase = read_passphrase(args)
    services = open_services(args)
    try:
        _require_office(services)
        device = _find_device(services.office.devices(), args.device)
        results = services.office.approve_device(device.device_id, passphrase=passphrase,
                                                 receipts_dir=args.receipts, continues=args.continues)
    finally:
        services.db.dispose()
    if args.json:
        print(json.dumps([{"file": r.bundle_id, "status": r.status, "code": r.code, "reason": r.reason,
                           "applied": r.applied, "problems": list(r.problems),
                           "receipt": str(r.receipt_path) if r.receipt_path else None} for r in results],
                         ensure_ascii=False, indent=1))
    else:
        print(_("Device {fingerprint} is approved; {count} held bundle(s) merged.").format(
            fingerprint=device.fingerprint, count=len(results)))
        for r in results:
            print(f"{r.bundle_id}\t{r.status}\t{sum(r.applied.values())}\t{r.reason}")
    return 0 if all(r.status != "rejected" for r in results) else 1


def _settings(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        _require_office(services)
        if args.accept_new_devices is not None:
            services.office.set_accept_new_devices(args.accept_new_devices == "yes")
        accept = services.office.accepts_new_devices()
        limits = services.office.limits()
    finally:
        services.db.dispose()
    print(_("New devices: {mode}").format(mode=_("first bundle merged at once") if accept
                                          else _("held until approved")))
    print(_("A bundle may decompress to {times}× its size, at most {mb} MB.").format(
        times=limits.expansion, mb=limits.ceiling >> 20))
    return 0


def _revoke(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        _require_office(services)
        device = _find_device(services.office.devices(), args.device)
        info = services.office.revoke_device(device.device_id)
    finally:
        services.db.dispose()
    print(_("Device {fingerprint} is revoked: bundles it signs are refused from now on.").format(
        fingerprint=info.fingerprint))
    return 0


def _require_office(services) -> None:
    if not is_office_database(services.db):
        raise UserError(_("This database is not an office database. Set it up with \"office init\" first."))


def _find_device(devices, text: str):
    """By device id, or by fingerprint written with or without spaces, in any case."""
    wanted = "".join(text.split()).upper()
    found = [d for d in devices if d.device_id == text.strip() or d.fingerprint.replace(" ", "") == wanted]
    if not found:
        raise UserError(_("No registered device has the id or fingerprint {device}; \"office devices\" lists "
                          "them.").format(device=text))
    return found[0]
