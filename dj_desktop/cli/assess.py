"""``dj-desktop assess standards [--json] --db PATH``, ``assess standards export NAME -o F.json``,
``assess standards import F.json [--from YYYY-MM-DD] [--label VERSION]`` and
``dj-desktop assess --period YYYY[-Qn|-Hn|-MM] --standard NAME [--json] [-o F.pdf] --db PATH``:
the assessment standards and a branch's self-assessment scored from its records."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from dj_desktop.cli.common import json_and_db_options, open_services, require_file
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.safe_write import atomic_path


def register(subparsers) -> None:
    parser = subparsers.add_parser("assess", help=_("the assessment handbook: standards, a self-assessment for a period"))
    json_and_db_options(parser, top=True)
    parser.add_argument("--period", metavar="YYYY[-Qn|-Hn|-MM]",
                        help=_("the period: a year, half year, quarter or month (2026, 2026-H1, 2026-Q3, 2026-03)"))
    parser.add_argument("--standard", metavar="NAME", help=_("the standard, e.g. star (see: assess standards)"))
    parser.add_argument("--branch", metavar="NAME", help=_("the branch (default: this installation's branch)"))
    parser.add_argument("-o", "--output", metavar="FILE", help=_("also print the handbook to this PDF file"))
    actions = parser.add_subparsers(dest="assess_action", metavar="ACTION")
    standards = actions.add_parser("standards", help=_("each standard with its version, total, source and items"))
    json_and_db_options(standards, top=False)
    standards.set_defaults(func=_standards)
    files = standards.add_subparsers(dest="standards_action", metavar="ACTION")
    export = files.add_parser("export", help=_("write one standard to a JSON file (to edit it, or for another "
                                               "installation)"))
    export.add_argument("name", metavar="NAME", help=_("the standard, e.g. star"))
    export.add_argument("-o", "--output", dest="standard_output", required=True, metavar="FILE.json",
                        help=_("the JSON file to write"))
    json_and_db_options(export, top=False)
    export.set_defaults(func=_export_standard)
    load = files.add_parser("import", help=_("add or change a standard from a JSON file, as a new version of the "
                                             "standards in effect from a day"))
    load.add_argument("file", metavar="FILE.json", help=_("the JSON file of one standard"))
    load.add_argument("--from", dest="effective_from", metavar="YYYY-MM-DD",
                      help=_("the first day it applies (default: today); assessments already made keep theirs"))
    load.add_argument("--label", default="", metavar="VERSION", help=_("a name for the new version"))
    json_and_db_options(load, top=False)
    load.set_defaults(func=_import_standard)
    compare = actions.add_parser("compare", help=_("the office's comparison of all branches (.xlsx or .pdf with a chart)"))
    compare.add_argument("--period", dest="compare_period", required=True, metavar="YYYY[-Qn|-Hn|-MM]",
                         help=_("the period"))
    compare.add_argument("--standard", dest="compare_standard", default="star", metavar="NAME",
                         help=_("the standard (default: star)"))
    compare.add_argument("-o", "--output", dest="compare_output", metavar="FILE",
                         help=_("write the comparison to this .xlsx or .pdf file"))
    json_and_db_options(compare, top=False)
    compare.set_defaults(func=_compare)
    parser.set_defaults(func=_assess)


def _standards(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        found = services.assessment.standards()
    finally:
        services.db.dispose()
    rows = [{"name": s.name, "version": s.version, "total": _number(s.total), "source": s.source, "items": s.items}
            for s in found]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for s in found:
        print(_("{name}  {title}  version {version}  {total} points  {items} items").format(
            name=s.name, title=s.title, version=s.version, total=_number(s.total), items=s.items))
        print(_("    source: {source}").format(source=s.source))
    return 0


def _export_standard(args: argparse.Namespace) -> int:
    path = Path(args.standard_output)
    if path.suffix.lower() != ".json" or not path.parent.is_dir():
        raise UserError(_("Give a .json file in an existing folder, e.g. -o star.json."))
    services = open_services(args)
    try:
        data = services.assessment_standards.export(args.name)
    finally:
        services.db.dispose()
    with atomic_path(path) as tmp:
        Path(tmp).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(_("Written: {path}").format(path=path))
    return 0


def _import_standard(args: argparse.Namespace) -> int:
    path = require_file(args.file)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        day = date.fromisoformat(args.effective_from) if args.effective_from else date.today()
    except (ValueError, UnicodeDecodeError) as exc:
        raise UserError(_("{path} is not a JSON file of a standard, or the date is not YYYY-MM-DD ({problem}).").format(
            path=path, problem=str(exc)[:120])) from None
    services = open_services(args)
    try:
        version = services.assessment_standards.import_(data, effective_from=day, label=args.label)
    finally:
        services.db.dispose()
    print(_("Added version {ref} of the assessment standards, in effect from {day}.").format(
        ref=version.ref, day=version.effective_from.isoformat()))
    return 0


def _number(value):
    return None if value is None else (int(value) if value == value.to_integral_value() else float(value))


def _assess(args: argparse.Namespace) -> int:
    if not args.period or not args.standard:
        raise UserError(_("Give --period and --standard, for example: dj-desktop assess --period 2025 "
                          "--standard star --db FILE; or list the standards with: dj-desktop assess standards."))
    services = open_services(args)
    try:
        sheet = services.assessment.sheet(branch=args.branch, period=args.period, standard=args.standard)
        if args.output:
            from dj_desktop.reports.pdf.assessment_handbook import write_assessment_handbook
            write_assessment_handbook(services.assessment.handbook(sheet), args.output)
    finally:
        services.db.dispose()
    if args.json:
        print(json.dumps({
            "items": [{"id": i.id, "title": i.title, "max": _number(i.max), "auto_score": _number(i.auto_score),
                       "evidence": [str(record_id) for _book, record_id in i.evidence],
                       "score": _number(i.final), "comment": i.comment} for i in sheet.items],
            "total": _number(sheet.total), "stars": sheet.stars, "vetoed": sheet.vetoed,
            "period": sheet.period, "standard": sheet.standard.name, "version": sheet.standard.version,
            "status": sheet.status, "notes": list(sheet.notes)}, ensure_ascii=False, indent=2))
        return 0
    print(_("{branch}  {period}  {standard} (version {version})").format(
        branch=sheet.branch_name, period=sheet.period, standard=sheet.standard.title, version=sheet.standard.version))
    for i in sheet.items:
        auto = "—" if i.auto_score is None else str(i.auto_score)
        print(_("  {id}  {title}: {score} / {max}  (from the records: {auto}, {evidence} records)").format(
            id=i.id, title=i.title, score=i.final, max=i.max, auto=auto, evidence=len(i.evidence)))
    for note in sheet.notes:
        print(note)
    stars = _("vetoed, no star") if sheet.vetoed else (_("{n} stars").format(n=sheet.stars) if sheet.stars else "—")
    print(_("Total {total} points; {stars}").format(total=sheet.total, stars=stars))
    return 0


def _compare(args: argparse.Namespace) -> int:
    out = args.compare_output
    if out and not out.lower().endswith((".xlsx", ".pdf")):
        raise UserError(_("The comparison is written as .xlsx or .pdf; end the file name with one of them."))
    services = open_services(args)
    try:
        comparison = services.assessment.comparison(period=args.compare_period, standard=args.compare_standard,
                                                    branches=services.organisation.branches())
    finally:
        services.db.dispose()
    if out:
        from dj_desktop.reports.assessment_comparison import write_comparison_pdf, write_comparison_xlsx
        (write_comparison_xlsx if out.lower().endswith(".xlsx") else write_comparison_pdf)(comparison, out)
    if args.json:
        print(json.dumps({"period": comparison.period, "categories": list(comparison.categories),
                          "branches": [{"name": r.branch, "scores": [_number(v) for v in r.scores],
                                        "total": _number(r.total), "stars": r.stars, "vetoed": r.vetoed,
                                        "status": r.status} for r in comparison.rows],
                          "five_stars": comparison.five_stars, "five_star_cap": comparison.five_star_cap},
                         ensure_ascii=False, indent=2))
        return 0
    for r in comparison.rows:
        print(_("{branch}: {total} points, {stars}").format(
            branch=r.branch, total=_number(r.total), stars=_("vetoed, no star") if r.vetoed else
            (_("{n} stars").format(n=r.stars) if r.stars else "—")))
    return 0
