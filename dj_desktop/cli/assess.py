"""``dj-desktop assess standards [--json] --db PATH`` and
``dj-desktop assess --period YYYY[-Qn|-Hn|-MM] --standard NAME [--json] [-o F.pdf] --db PATH``:
the assessment standards and a branch's self-assessment scored from its records."""

from __future__ import annotations

import argparse
import json

from dj_desktop.cli.common import json_and_db_options, open_services
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _


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
    from dj_desktop.cli.assess_standards import register_standard_files
    register_standard_files(standards)
    compare = actions.add_parser("compare", help=_("the office's comparison of all branches (.xlsx or .pdf with a chart)"))
    compare.add_argument("--period", dest="compare_period", required=True, metavar="YYYY[-Qn|-Hn|-MM]",
                         help=_("the period"))
    compare.add_argument("--standard", dest="compare_standard", default="star", metavar="NAME",
                         help=_("the standard (default: star)"))
    compare.add_argument("-o", "--output", dest="compare_output", metavar="FILE",
                         help=_("write the comparison to this .xlsx or .pdf file"))
    json_and_db_options(compare, top=False)
    compare.set_defaults(func=_compare)
    from dj_desktop.cli.assess_score import register_score
    register_score(actions)
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
