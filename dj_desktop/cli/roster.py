"""``dj-desktop roster …``: the roster to and from Excel — template, import, export, list and undo imports."""

from __future__ import annotations

import argparse
import sys
import uuid

from dj_desktop.cli.common import db_argument, open_services, require_file
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.services.roster_import import branch_by_name
from dj_desktop.core.services.roster_report import local_time
from dj_desktop.reports.excel_roster import write_template


def register(subparsers) -> None:
    parser = subparsers.add_parser("roster", help=_("the member roster in Excel: template, import, export, undo"))
    commands = parser.add_subparsers(dest="roster_command", metavar="ACTION", required=True)

    p = commands.add_parser("import", help=_("check a roster workbook and add or update its members"))
    p.add_argument("file", help=_("the .xlsx workbook"))
    p.add_argument("--branch", help=_("the branch's name, when the database holds several"))
    p.add_argument("--clear-blank", action="store_true",
                   help=_("blank cells clear the saved values (without it, blank cells keep them)"))
    p.add_argument("--create-groups", action="store_true",
                   help=_("create the Party groups the file names but the branch lacks"))
    db_argument(p)
    p.set_defaults(func=_import)

    p = commands.add_parser("export", help=_("write the members now in the branch to a workbook"))
    p.add_argument("file", help=_("the .xlsx workbook to write"))
    p.add_argument("--branch", help=_("the branch's name, when the database holds several"))
    db_argument(p)
    p.set_defaults(func=_export)

    p = commands.add_parser("template", help=_("write an empty roster template to fill in"))
    p.add_argument("file", help=_("the .xlsx workbook to write"))
    db_argument(p)  # optional: with a database, the group column offers the branch's groups
    p.set_defaults(func=_template)

    p = commands.add_parser("imports", help=_("list past imports, with the number to undo each"))
    db_argument(p)
    p.set_defaults(func=_list)

    p = commands.add_parser("undo", help=_("revert a whole import"))
    p.add_argument("batch_id", help=_("the import's number, as listed by \"roster imports\""))
    db_argument(p)
    p.set_defaults(func=_undo)


def _xlsx_target(path: str) -> str:
    if not path.lower().endswith(".xlsx"):
        raise UserError(_("The file name must end in .xlsx: {path}").format(path=path))
    return path


def _import(args: argparse.Namespace) -> int:
    path = require_file(args.file)
    services = open_services(args)
    try:
        branch_id = branch_by_name(services.db, args.branch) if args.branch else None
        report = services.roster_import.import_file(path, branch_id=branch_id, create_groups=args.create_groups,
                                                     clear_blank=args.clear_blank)
    finally:
        services.db.dispose()
    if not report.committed:
        print("\n".join(report.lines()), file=sys.stderr)
        return 1
    print("\n".join(report.lines()))
    print(_("To undo this import: dj-desktop roster undo {batch}").format(batch=report.batch_id))
    return 0


def _export(args: argparse.Namespace) -> int:
    target = _xlsx_target(args.file)
    services = open_services(args)
    try:
        branch_id = branch_by_name(services.db, args.branch) if args.branch else None
        count = services.roster_import.export_roster(target, branch_id=branch_id)
    finally:
        services.db.dispose()
    print(_("{count} members written to {path}.").format(count=count, path=target))
    return 0


def _template(args: argparse.Namespace) -> int:
    target = _xlsx_target(args.file)
    if getattr(args, "sub_db", None) or args.db:
        services = open_services(args)
        try:
            path = services.roster_import.write_template(target)
        finally:
            services.db.dispose()
    else:
        path = write_template(target)
    print(_("Roster template written to {path}.").format(path=path))
    return 0


def _list(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        imports = services.roster_import.list_imports()
    finally:
        services.db.dispose()
    if not imports:
        print(_("No roster has been imported yet."))
    for item in imports:
        state = _("undone {day}").format(day=local_time(item.undone_at)) if item.undone_at else ""
        print(_("{batch}  {day}  {file}: {added} added, {updated} updated, {unchanged} unchanged  {state}").format(
            batch=item.batch_id, day=local_time(item.created_at), file=item.file_name, added=item.added,
            updated=item.updated, unchanged=item.unchanged, state=state).rstrip())
    return 0


def _undo(args: argparse.Namespace) -> int:
    try:
        batch_id = uuid.UUID(args.batch_id.strip())
    except ValueError:
        raise UserError(_("\"{batch}\" is not an import number; list them with \"dj-desktop roster imports\".")
                        .format(batch=args.batch_id)) from None
    services = open_services(args)
    try:
        result = services.roster_import.undo_import(batch_id)
    finally:
        services.db.dispose()
    print(_("Import undone: {removed} added members removed, {restored} updated members restored.").format(
        removed=result.removed, restored=result.restored))
    return 0
