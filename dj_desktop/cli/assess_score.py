"""``dj-desktop assess score --period P --standard NAME --branch NAME --score ITEM=POINTS … [--stars N]
[--comment TEXT] [--json] --db PATH``: the upper level scores every item of a branch's submitted
self-assessment (each score checked against the item's points) and sets the final star level. The
result goes back to the branch in its next return bundle (``dj-desktop sync return``)."""

from __future__ import annotations

import argparse
import json

from dj_desktop.cli.common import json_and_db_options, open_services
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _


def register_score(actions) -> None:
    score = actions.add_parser("score", help=_("the upper level scores a branch's submitted self-assessment"))
    score.add_argument("--period", dest="score_period", required=True, metavar="YYYY[-Qn|-Hn|-MM]",
                       help=_("the period"))
    score.add_argument("--standard", dest="score_standard", default="star", metavar="NAME",
                       help=_("the standard (default: star)"))
    score.add_argument("--branch", dest="score_branch", required=True, metavar="NAME",
                       help=_("the branch whose self-assessment is scored"))
    score.add_argument("--score", dest="score_items", action="append", default=[], metavar="ITEM=POINTS",
                       help=_("one item's score, e.g. centre.tasks=8 (repeat for every item)"))
    score.add_argument("--stars", dest="score_stars", type=int, metavar="N", help=_("the final star level"))
    score.add_argument("--comment", dest="score_comment", default="", metavar="TEXT",
                       help=_("the upper level's comment for the branch"))
    json_and_db_options(score, top=False)
    score.set_defaults(func=_score)


def parse_scores(pairs: list[str]) -> dict[str, str]:
    scores = {}
    for pair in pairs:
        item, sep, value = pair.partition("=")
        if not sep or not item.strip():
            raise UserError(_("Write each score as ITEM=POINTS, for example --score centre.tasks=8 (not “{text}”).")
                            .format(text=pair))
        scores[item.strip()] = value.strip()
    return scores


def _score(args: argparse.Namespace) -> int:
    scores = parse_scores(args.score_items)
    services = open_services(args)
    try:
        known = {i.id for i in services.assessment.sheet(branch=args.score_branch, period=args.score_period,
                                                          standard=args.score_standard).items}
        unknown = sorted(set(scores) - known)
        if unknown:
            raise UserError(_("The standard has no item {item}; its items are: {known}.").format(
                item="、".join(unknown), known=", ".join(sorted(known))))
        sheet = services.assessment.office_score(branch=args.score_branch, period=args.score_period,
                                                 standard=args.score_standard, scores=scores,
                                                 stars=args.score_stars, comment=args.score_comment)
    finally:
        services.db.dispose()
    if args.json:
        print(json.dumps({"branch": sheet.branch_name, "period": sheet.period, "standard": sheet.standard.name,
                          "version": sheet.version_no, "total": _number(sheet.total),
                          "office_total": _number(sheet.office_total), "office_stars": sheet.office_stars,
                          "office_comment": sheet.office_comment,
                          "office_scores": {k: _number(v) for k, v in sheet.office_scores.items()}},
                         ensure_ascii=False, indent=2))
        return 0
    print(_("{branch} {period}: scored by the upper level, {total} points, final star level {stars}; it goes back "
            "to the branch in its next return bundle.").format(
        branch=sheet.branch_name, period=sheet.period, total=_number(sheet.office_total),
        stars=sheet.office_stars if sheet.office_stars is not None else "—"))
    return 0


def _number(value):
    return None if value is None else (int(value) if value == value.to_integral_value() else float(value))
