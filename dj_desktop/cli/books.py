"""Commands generated from the record-book registry, the same for every book present and future:

``dj-desktop books``, ``list BOOK``, ``export BOOK -o F.xlsx``, ``print BOOK ID -o F.pdf``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from dj_desktop.cli.common import db_argument, open_services
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.services.records import parse_record_id


def register(subparsers) -> None:
    books = subparsers.add_parser("books", help=_("list the record books and how many records each holds"))
    books.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    db_argument(books)
    books.set_defaults(func=_books)

    listing = subparsers.add_parser("list", help=_("list the records of one book"))
    listing.add_argument("book", metavar="BOOK", help=_("the book's key (see 'dj-desktop books')"))
    listing.add_argument("--year", type=int, metavar="YYYY", help=_("only the records of this year"))
    listing.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    db_argument(listing)
    listing.set_defaults(func=_list)

    export = subparsers.add_parser("export", help=_("write one book as an Excel table"))
    export.add_argument("book", metavar="BOOK", help=_("the book's key (see 'dj-desktop books')"))
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help=_("the file to write ({suffixes})").format(suffixes=".xlsx"))
    export.add_argument("--year", type=int, metavar="YYYY", help=_("only the records of this year"))
    db_argument(export)
    export.set_defaults(func=_export, suffix=".xlsx")

    printing = subparsers.add_parser("print", help=_("print one record of a book as a PDF"))
    printing.add_argument("book", metavar="BOOK", help=_("the book's key (see 'dj-desktop books')"))
    printing.add_argument("record_id", metavar="ID", help=_("the record's id (see 'dj-desktop list BOOK')"))
    printing.add_argument("-o", "--output", required=True, metavar="FILE",
                          help=_("the file to write ({suffixes})").format(suffixes=".pdf"))
    db_argument(printing)
    printing.set_defaults(func=_print, suffix=".pdf")


def _target(args: argparse.Namespace) -> Path:
    """The output file, checked before anything is read: its suffix and a folder we can write to."""
    path = Path(args.output)
    if path.suffix.lower() != args.suffix:
        raise UserError(_("Cannot write {name}: the file name must end in {suffixes}.").format(
            name=path.name, suffixes=args.suffix))
    folder = path.parent
    if not folder.is_dir():
        raise UserError(_("The folder {folder} does not exist; create it or choose another place.").format(
            folder=folder))
    if not os.access(folder, os.W_OK):
        raise UserError(_("Cannot write into the folder {folder}; choose a folder you can write to.").format(
            folder=folder))
    if path.is_dir():
        raise UserError(_("{path} is a folder; give a file name.").format(path=path))
    return path


def _with_services(args: argparse.Namespace, job) -> int:
    from dj_desktop.core.books import book
    if getattr(args, "book", None) is not None:
        book(args.book)  # an unknown book is refused before the database is opened
    services = open_services(args)
    try:
        return job(services)
    finally:
        services.db.dispose()


def _books(args: argparse.Namespace) -> int:
    def job(services) -> int:
        counts = services.records.counts()
        rows = [{"key": b.key, "title": b.title, "count": counts.get(b.key, 0)} for b in services.records.books()]
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for row in rows:
                print(f"{row['key']}\t{row['title']}\t{row['count']}")
        return 0
    return _with_services(args, job)


def _list(args: argparse.Namespace) -> int:
    def job(services) -> int:
        info = services.records.book(args.book)
        main = [i for i, c in enumerate(info.columns) if c.main]
        shown = [i for i in main if info.columns[i].kind != "date" or i != 0]  # the date is printed already
        records = services.records.list(args.book, year=args.year)
        if args.json:
            out = []
            for r in records:
                item = {info.columns[i].key: r.texts[i] for i in main}
                item.update({"id": str(r.id), "date": r.day.isoformat() if r.day else None, "year": r.year,
                             "title": r.title})
                out.append(item)
            print(json.dumps(out, ensure_ascii=False, indent=2))
            return 0
        for r in records:
            when = r.day.isoformat() if r.day else str(r.year or "")
            print("\t".join([str(r.id), when, r.title] + [r.texts[i] for i in shown]))
        return 0
    return _with_services(args, job)


def _export(args: argparse.Namespace) -> int:
    from dj_desktop.reports.excel_table import write_book
    path = _target(args)

    def job(services) -> int:
        count = write_book(path, services.records.book(args.book), services.records.list(args.book, year=args.year),
                           year=args.year)
        print(_("Written: {path} ({count} records)").format(path=path, count=count))
        return 0
    return _with_services(args, job)


def _print(args: argparse.Namespace) -> int:
    path = _target(args)

    def job(services) -> int:
        printout = services.records.printout(args.book, parse_record_id(args.record_id))
        try:
            printout.writer(printout.data, path, branch_name=printout.branch_name)
        except OSError as exc:
            path.unlink(missing_ok=True)
            raise UserError(_("Cannot write {path}: {error}.").format(path=path, error=exc.strerror or exc)) from exc
        print(_("Written: {path}").format(path=path), file=sys.stdout)
        return 0
    return _with_services(args, job)
