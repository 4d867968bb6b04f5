"""``dj-desktop report manual|meeting|monthly|quarterly|roster|member|notice|group|enrolment …``: the printouts and the reports to the
upper level."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dj_desktop.cli.common import db_argument, open_services
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services


def register(subparsers) -> None:
    parser = subparsers.add_parser("report", help=_("print the yearly manual, a meeting record or a report"))
    kinds = parser.add_subparsers(dest="report_kind", metavar="KIND", required=True)

    manual = kinds.add_parser("manual", help=_("the year's branch work manual as one PDF book"))
    manual.add_argument("--year", type=int, required=True, help=_("the year, e.g. 2025"))
    _common(manual, suffixes=(".pdf",))
    manual.set_defaults(func=lambda args: _run(args, _manual))

    meeting = kinds.add_parser("meeting", help=_("one meeting record as a filled PDF form"))
    meeting.add_argument("meeting_id", metavar="UUID", help=_("the meeting record's id"))
    _common(meeting, suffixes=(".pdf",))
    meeting.set_defaults(func=lambda args: _run(args, _meeting))

    monthly = kinds.add_parser("monthly", help=_("the monthly report to the upper level (PDF or .xlsx)"))
    monthly.add_argument("--month", required=True, help=_("the month, as YYYY-MM"))
    _common(monthly, suffixes=(".pdf", ".xlsx"))
    monthly.set_defaults(func=lambda args: _run(args, _monthly))

    quarterly = kinds.add_parser("quarterly", help=_("the quarterly three-meetings-one-lesson report (PDF or .xlsx)"))
    quarterly.add_argument("--quarter", required=True, help=_("the quarter, as YYYY-Qn"))
    _common(quarterly, suffixes=(".pdf", ".xlsx"))
    quarterly.set_defaults(func=lambda args: _run(args, _quarterly))

    roster = kinds.add_parser("roster", help=_("the roster of Party members as a landscape A4 table"))
    roster.add_argument("--mask", action="store_true",
                        help=_("hide most of each ID number and phone number (for display)"))
    _common(roster, suffixes=(".pdf",))
    roster.set_defaults(func=lambda args: _run(args, _roster))

    member = kinds.add_parser("member", help=_("print one member's whole file (一人一档)"))
    member.add_argument("member_id", metavar="MEMBER_ID", help=_("the member's id (see `list members`)"))
    member.add_argument("--mask", action="store_true", help=_("hide most of the ID number, phone and address"))
    _common(member, suffixes=(".pdf",))
    member.set_defaults(func=lambda args: _run(args, _member))

    notice = kinds.add_parser("notice", help=_("a notice-board item as a poster in large type"))
    notice.add_argument("notice_id", metavar="NOTICE_ID", help=_("the notice item's id"))
    notice.add_argument("--paper", choices=("A4", "A3"), default="A4", help=_("paper size (default A4)"))
    _common(notice, suffixes=(".pdf",))
    notice.set_defaults(func=lambda args: _run(args, _notice))

    group = kinds.add_parser("group", help=_("a Party group's manual for a year as one PDF book"))
    group.add_argument("group_name", metavar="GROUP_NAME", help=_("the Party group's name"))
    group.add_argument("--year", type=int, required=True, help=_("the year, e.g. 2025"))
    _common(group, suffixes=(".pdf",))
    group.set_defaults(func=lambda args: _run(args, _group))

    development = kinds.add_parser("development", help=_("a person's development file, or the public-notice poster"))
    development.add_argument("person_id", metavar="PERSON_ID", help=_("the development file's id"))
    development.add_argument("--notice", action="store_true", help=_("print the public-notice poster instead"))
    development.add_argument("--paper", choices=("A4", "A3"), default="A4", help=_("paper size (default A4)"))
    _common(development, suffixes=(".pdf",))
    development.set_defaults(func=lambda args: _run(args, _development))

    slip = kinds.add_parser("enrolment", help=_("the device registration slip to hand to the office"))
    slip.add_argument("-o", "--output", required=True, help=_("the file to write ({suffixes})").format(suffixes=".pdf"))
    db_argument(slip)
    slip.set_defaults(suffixes=(".pdf",), func=lambda args: _run(args, _enrolment))


def _common(parser: argparse.ArgumentParser, *, suffixes: tuple[str, ...]) -> None:
    parser.add_argument("-o", "--output", required=True, help=_("the file to write ({suffixes})").format(
        suffixes=" / ".join(suffixes)))
    parser.add_argument("--branch", help=_("the branch's name or id (default: this installation's branch)"))
    db_argument(parser)
    parser.set_defaults(suffixes=suffixes)


def _output(args: argparse.Namespace) -> Path:
    path = Path(args.output)
    if path.suffix.lower() not in args.suffixes:
        raise UserError(_("Cannot write {name}: the file name must end in {suffixes}.").format(
            name=path.name, suffixes=_(" or ").join(args.suffixes)))
    if not path.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist; create it or choose another place.").format(
            folder=path.parent))
    return path


def _manual(services: Services, args: argparse.Namespace, path: Path) -> None:
    from dj_desktop.reports.pdf.yearly_manual import write_yearly_manual
    write_yearly_manual(services.printing.manual_book(branch_id=args.branch, year=args.year), path)


def _meeting(services: Services, args: argparse.Namespace, path: Path) -> None:
    from dj_desktop.reports.pdf.meeting_form import write_meeting_form
    sheet, branch_name = services.printing.meeting_form(args.meeting_id)
    write_meeting_form(sheet, path, branch_name=branch_name)


def _monthly(services: Services, args: argparse.Namespace, path: Path) -> None:
    from dj_desktop.reports.pdf.tabular import write_report
    write_report(services.printing.monthly_report(branch_id=args.branch, month=args.month), path)


def _quarterly(services: Services, args: argparse.Namespace, path: Path) -> None:
    from dj_desktop.reports.pdf.tabular import write_report
    write_report(services.printing.quarterly_report(branch_id=args.branch, quarter=args.quarter), path)


def _roster(services: Services, args: argparse.Namespace, path: Path) -> None:
    from dj_desktop.reports.pdf.roster_book import write_roster
    write_roster(services.printing.roster(branch_id=args.branch, masked=args.mask), path)


def _member(services: Services, args: argparse.Namespace, path: Path) -> None:
    from dj_desktop.core.services.records import parse_record_id
    from dj_desktop.reports.pdf.member_file import write_member_file
    write_member_file(services.member_file.file(parse_record_id(args.member_id), mask=args.mask), path)


def _notice(services: Services, args: argparse.Namespace, path: Path) -> None:
    from dj_desktop.core.services.records import parse_record_id
    from dj_desktop.reports.pdf.notice_poster import write_notice_poster
    write_notice_poster(services.notices.poster(parse_record_id(args.notice_id), paper=args.paper), path)


def _group(services: Services, args: argparse.Namespace, path: Path) -> None:
    from dj_desktop.reports.pdf.group_manual import write_group_manual
    write_group_manual(services.group_manual.book(args.group_name, year=args.year, branch=args.branch), path)


def _enrolment(services: Services, args: argparse.Namespace, path: Path) -> None:
    from dj_desktop.reports.pdf.enrolment_slip import write_enrolment_slip
    write_enrolment_slip(services.printing.enrolment_slip(), path)


def _development(services: Services, args: argparse.Namespace, path: Path) -> None:
    from dj_desktop.core.rules.development import StepRefused
    from dj_desktop.core.services.development_print import development_file, notice_poster
    from dj_desktop.core.services.records import parse_record_id
    from dj_desktop.reports.pdf.development_file import write_development_file, write_development_notice
    file_id = parse_record_id(args.person_id)
    try:
        if args.notice:
            write_development_notice(notice_poster(services, file_id, paper=args.paper), path)
        else:
            write_development_file(development_file(services, file_id), path)
    except StepRefused as exc:
        raise UserError(str(exc)) from None


def _run(args: argparse.Namespace, job) -> int:
    path = _output(args)
    services = open_services(args)
    try:
        job(services, args, path)
    finally:
        services.db.dispose()
    print(_("Written: {path}").format(path=path), file=sys.stdout)
    return 0
