"""``dj-desktop development [--json]`` (everyone in the pipeline), ``development add …`` (a new applicant),
``development step PERSON_ID STEP_NO --date …`` (record one step, refused with the rule that forbids
it), ``development cancel …`` and ``development extend …``.

JSON keys per person: ``id``, ``name``, ``stage``, ``last_step``, ``next_step`` (``no``, ``name``,
``earliest``, ``latest`` as ISO dates or null, ``provisional``), or null when nothing is next.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from dj_desktop.cli.common import json_and_db_options, open_services
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.development import StepInput, StepRefused, Votes
from dj_desktop.core.services.records import parse_record_id
from dj_desktop.core.vocabularies.development import STAGES


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(_("{value} is not a date; write it as YYYY-MM-DD (e.g. 2026-03-01).").format(
            value=text)) from None


def register(subparsers) -> None:
    parser = subparsers.add_parser("development", help=_("member development: the people in the pipeline, "
                                                         "a new applicant, a step"))
    json_and_db_options(parser, top=True)
    actions = parser.add_subparsers(dest="development_action", metavar="ACTION")
    add = actions.add_parser("add", help=_("a new applicant (step 1, the written application)"))
    add.add_argument("--name", required=True, help=_("the applicant's name"))
    add.add_argument("--id-number", required=True, metavar="ID", help=_("the applicant's ID number"))
    add.add_argument("--applied", required=True, metavar="YYYY-MM-DD", help=_("the day the application was handed in"))
    add.add_argument("--rules", metavar="VERSION", help=_("the rule version, e.g. 2014 (default: in effect that day)"))
    json_and_db_options(add, top=False)
    add.set_defaults(func=_add)
    step = actions.add_parser("step", help=_("record one step of a person's development"))
    step.add_argument("person_id", metavar="PERSON_ID")
    step.add_argument("step_no", metavar="STEP_NO", type=int)
    step.add_argument("--date", dest="on", required=True, metavar="YYYY-MM-DD", help=_("the day of the step"))
    step.add_argument("--by", action="append", default=[], metavar="NAME",
                      help=_("a person taking part: talk partner, contact person (repeat the option)"))
    step.add_argument("--sponsor", action="append", default=[], metavar="NAME",
                      help=_("a sponsor, a full member (repeat for the second)"))
    step.add_argument("--meeting", metavar="MEETING_ID", help=_("the meeting record that decided it"))
    step.add_argument("--entitled", type=int, help=_("members entitled to vote"))
    step.add_argument("--present", type=int, help=_("members entitled to vote who were present"))
    step.add_argument("--for", dest="in_favour", type=int, help=_("votes in favour"))
    step.add_argument("--note", default="", help=_("a note, or the reason for a special case"))
    json_and_db_options(step, top=False)
    step.set_defaults(func=_step)
    cancel = actions.add_parser("cancel", help=_("cancel a candidacy with the reason"))
    cancel.add_argument("person_id", metavar="PERSON_ID")
    cancel.add_argument("--date", dest="on", required=True, metavar="YYYY-MM-DD")
    cancel.add_argument("--reason", required=True)
    json_and_db_options(cancel, top=False)
    cancel.set_defaults(func=_cancel)
    extend = actions.add_parser("extend", help=_("extend the probation once by 6 to 12 months"))
    extend.add_argument("person_id", metavar="PERSON_ID")
    extend.add_argument("--months", type=int, required=True)
    extend.add_argument("--date", dest="on", required=True, metavar="YYYY-MM-DD")
    json_and_db_options(extend, top=False)
    extend.set_defaults(func=_extend)
    parser.set_defaults(func=_list)


def _run(args, work):
    services = open_services(args)
    try:
        return work(services)
    except StepRefused as exc:
        raise UserError(str(exc)) from None
    finally:
        services.db.dispose()


def _add(args: argparse.Namespace) -> int:
    applied = parse_day(args.applied)

    def work(services):
        branch = services.organisation.first_branch()
        if branch is None:
            raise UserError(_("The database has no Party branch yet."))
        try:
            return services.development.add(branch.id, name=args.name, id_number=args.id_number, applied_on=applied,
                                            rules_version=args.rules, today=date.today())
        except ValueError as exc:       # a malformed ID number
            raise UserError(str(exc)) from None
    print(_run(args, work))
    return 0


def _step(args: argparse.Namespace) -> int:
    person, on = parse_record_id(args.person_id), parse_day(args.on)
    meeting = parse_record_id(args.meeting) if args.meeting else None
    counts = (args.entitled, args.present, args.in_favour)
    if any(c is not None for c in counts) and any(c is None for c in counts):
        raise UserError(_("Give all three vote counts: --entitled, --present and --for."))
    votes = Votes(*counts) if counts[0] is not None else None
    given = StepInput(on=on, people=tuple(args.by), sponsors=tuple(args.sponsor), votes=votes, note=args.note)
    verdict = _run(args, lambda s: s.development.record_step(person, args.step_no, given, today=date.today(),
                                                             meeting_id=meeting))
    print(_("Step {no} recorded.").format(no=args.step_no)
          + (" " + _("(provisional: a year without a holiday calendar)") if verdict.provisional else ""))
    return 0


def _cancel(args: argparse.Namespace) -> int:
    person, on = parse_record_id(args.person_id), parse_day(args.on)
    _run(args, lambda s: s.development.cancel(person, reason=args.reason, on=on, today=date.today()))
    print(_("Cancelled."))
    return 0


def _extend(args: argparse.Namespace) -> int:
    person, on = parse_record_id(args.person_id), parse_day(args.on)
    end = _run(args, lambda s: s.development.extend_probation(person, months=args.months, on=on, today=date.today()))
    print(_("The probation now ends on {day}.").format(day=end.isoformat()))
    return 0


def person_json(p) -> dict:
    n = p.next_step
    return {"id": str(p.id), "name": p.name, "stage": p.stage, "last_step": p.last_step,
            "next_step": None if n is None else {
                "no": n.no, "name": n.name, "earliest": n.earliest.isoformat() if n.earliest else None,
                "latest": n.latest.isoformat() if n.latest else None, "provisional": n.provisional}}


def _list(args: argparse.Namespace) -> int:
    people = _run(args, lambda s: s.development.people())
    if args.json:
        print(json.dumps([person_json(p) for p in people], ensure_ascii=False, indent=2))
        return 0
    for p in people:
        n = p.next_step
        nxt = "" if n is None else _("next: step {no} {name}, {earliest} – {latest}").format(
            no=n.no, name=n.name, earliest=n.earliest.isoformat() if n.earliest else "…",
            latest=n.latest.isoformat() if n.latest else "…")
        print(f"{p.id}  {p.name:<6}  {_(STAGES[p.stage])}  {nxt}")
    return 0
