"""``dj-desktop assess standards export NAME -o FILE.json --db PATH`` and
``dj-desktop assess standards import FILE.json [--version V] [--from YYYY-MM-DD] [--json] --db PATH``:
a standard as a file of its own; an import is checked and stored as a new version of the rule set."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from dj_desktop.cli.common import json_and_db_options, open_services
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _


def register_standard_files(standards) -> None:
    files = standards.add_subparsers(dest="standards_action", metavar="ACTION")
    export = files.add_parser("export", help=_("write one standard to a JSON file"))
    export.add_argument("export_name", metavar="NAME", help=_("the standard, e.g. star"))
    export.add_argument("-o", "--output", dest="export_output", required=True, metavar="FILE",
                        help=_("the JSON file to write"))
    json_and_db_options(export, top=False)
    export.set_defaults(func=_export)
    imported = files.add_parser("import", help=_("check a standard's JSON file and store it as a new version"))
    imported.add_argument("import_file", metavar="FILE", help=_("the JSON file of one standard"))
    imported.add_argument("--version", dest="import_version", metavar="NAME",
                          help=_("the new rule-set version's name (default: the date and the standard's name)"))
    imported.add_argument("--from", dest="import_from", metavar="YYYY-MM-DD",
                          help=_("the day the new version takes effect (default: today)"))
    json_and_db_options(imported, top=False)
    imported.set_defaults(func=_import)


def _export(args: argparse.Namespace) -> int:
    from dj_desktop.core.assessment_standard_files import export_standard
    from dj_desktop.core.safe_write import atomic_path
    services = open_services(args)
    try:
        data = export_standard(services.rulesets, args.export_name)
    finally:
        services.db.dispose()
    out = Path(args.export_output)
    with atomic_path(out) as tmp:
        Path(tmp).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"file": str(out), "from": data["from"]}, ensure_ascii=False) if args.json else
          _("Standard {name} written to {path}.").format(name=args.export_name, path=out))
    return 0


def _import(args: argparse.Namespace) -> int:
    from dj_desktop.core.assessment_standard_files import import_standard
    try:
        data = json.loads(Path(args.import_file).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise UserError(_("{path} is not a UTF-8 text file.").format(path=args.import_file)) from None
    except json.JSONDecodeError as exc:
        raise UserError(_("{path} is not valid JSON (line {line}): {problem}").format(
            path=args.import_file, line=exc.lineno, problem=exc.msg)) from None
    effective = None
    if args.import_from:
        try:
            effective = date.fromisoformat(args.import_from)
        except ValueError:
            raise UserError(_("Give the effective date as YYYY-MM-DD (e.g. 2018-10-28).")) from None
    services = open_services(args)
    try:
        version = import_standard(services.rulesets, data, version=args.import_version, effective_from=effective)
    finally:
        services.db.dispose()
    if args.json:
        print(json.dumps({"rule_set": version.rule_set, "version": version.version,
                          "effective_from": version.effective_from.isoformat()}, ensure_ascii=False))
    else:
        print(_("Stored as version {version} of the assessment rule set, in effect from {day}.").format(
            version=version.version, day=version.effective_from.isoformat()))
    return 0
