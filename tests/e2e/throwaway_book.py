"""A small record book defined here and nowhere else — a table and one registry entry — driven
through everything that iterates the registry: ``books``, ``list``, ``export``, ``print`` and the member
file (``report member``) on the command line, a sync bundle merged at an office, and the reminders on the dashboard.

Run in its own process by ``test_throwaway_book.py``: the table it maps must not leak into the
other tests' metadata. Usage: ``python throwaway_book.py WORKDIR``; exits non-zero on a failed check.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import uuid
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from sqlalchemy import ForeignKey, String, select  # noqa: E402
from sqlalchemy.orm import Mapped, mapped_column  # noqa: E402

from dj_desktop.core.books import Column, RecordBook, register_book  # noqa: E402
from dj_desktop.core.books.reminders import per_branch  # noqa: E402
from dj_desktop.core.i18n import set_language  # noqa: E402
from dj_desktop.core.models.base import Base, RecordMixin  # noqa: E402
from dj_desktop.core.rules.cadence import Reminder, ReminderTarget  # noqa: E402

TODAY = date(2026, 11, 28)


# --- the whole book: a table and a registry entry -------------------------------------------
class WellVisit(RecordMixin, Base):
    """A check of the village well (a made-up book that exists only in this test)."""

    __tablename__ = "test_well_visit"
    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    visited_on: Mapped[date]
    inspector_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"))
    finding: Mapped[str] = mapped_column(String(200), default="")


def _no_visit_this_month(branch, on, settings):
    return [Reminder(kind="well_visit", subject=branch.name, due=date(on.year, on.month, 28), status="due",
                     message=f"{branch.name}: 本月还没有检查水井。",
                     target=ReminderTarget("well_visits", "create", branch.id), branch_name=branch.name)]


def _reminders(ctx, branches):
    visited = {b for b, in ctx.session.execute(select(WellVisit.branch_id).where(
        WellVisit.deleted.is_(False), WellVisit.visited_on >= ctx.on.replace(day=1)))}
    return per_branch(_no_visit_this_month, ctx, [b for b in branches if b.id not in visited])


register_book(RecordBook(
    key="well_visits", title="Well visits", model=WellVisit, date_field="visited_on",
    title_of=lambda v: v["finding"] or "Well visit",
    columns=(Column("visited_on", "Date", "date"), Column("inspector_id", "Inspector", "member"),
             Column("finding", "Finding")),
    reminders=_reminders, reminder_kinds={"well_visit": "Well visit"}))


# --- driving it ------------------------------------------------------------------------------
def cli(*args: str) -> str:
    from dj_desktop.cli import main
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(args))
    assert code == 0, (args, code)
    return out.getvalue()


def with_table(services):
    Base.metadata.create_all(services.db.engine, tables=[WellVisit.__table__])
    return services


def main(work: Path) -> None:
    from sync_helpers import PASSPHRASE, Office, open_branch

    from dj_desktop.core.db import open_database
    from dj_desktop.core.services import build_services

    set_language("zh_CN")
    office = Office(services=with_table(build_services(open_database(work / "office.db", create=True))),
                    enrolment=Path(), receipts=work / "receipts")
    setup = office.services.office.initialise(name="县委组织部", passphrase=PASSPHRASE, out_dir=work / "enrol")
    office.enrolment = setup.enrolment_path
    cli("demo", "--db", str(work / "branch.db"))
    branch = open_branch(work / "branch.db", work / "stick", office.enrolment)
    services = with_table(branch.services)
    unit = services.organisation.first_branch()
    member = services.members.roster(unit.id)[0]

    # The dashboard asks for a visit this month, through the book's provider.
    reminders = [r for r in services.reminders.reminders(TODAY) if r.kind == "well_visit"]
    assert [(r.target.book, r.subject) for r in reminders] == [("well_visits", unit.name)], reminders
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication([])
    from dj_desktop.gui.tabs.dashboard import DashboardTab
    from dj_desktop.gui.workers import SynchronousRunner
    tab = DashboardTab(services)
    tab.job_runner = SynchronousRunner()     # no window around it: fill at once
    tab.today = lambda: TODAY
    tab.refresh()
    shown = [tab.model.reminder(r) for r in range(tab.model.rowCount())]
    assert any(r.kind == "well_visit" for r in shown)
    row = next(r for r in range(tab.model.rowCount()) if tab.model.reminder(r).kind == "well_visit")
    assert tab.model.data(tab.model.index(row, 3)) == "Well visit"

    # Records through the generic service; the reminder is settled.
    visit = services.records.create("well_visits", {"branch_id": unit.id, "visited_on": date(2026, 11, 20),
                                                    "inspector_id": member.id, "finding": "水质清澈"})
    services.records.create("well_visits", {"branch_id": unit.id, "visited_on": date(2025, 3, 2),
                                            "finding": "井盖破损，已报修"})
    assert not [r for r in services.reminders.reminders(TODAY) if r.kind == "well_visit"]
    tab.refresh()
    assert not any(tab.model.reminder(r).kind == "well_visit" for r in range(tab.model.rowCount()))
    del tab, app

    # The command line, generated from the registry.
    db = str(work / "branch.db")
    books = json.loads(cli("books", "--json", "--db", db))
    assert {"key": "well_visits", "title": "Well visits", "count": 2} in books
    listed = json.loads(cli("list", "well_visits", "--year", "2026", "--json", "--db", db))
    assert [(i["id"], i["date"], i["title"], i["inspector_id"]) for i in listed] == [
        (str(visit.id), "2026-11-20", "水质清澈", member.name)]
    cli("export", "well_visits", "-o", str(work / "visits.xlsx"), "--db", db)
    from openpyxl import load_workbook
    sheet = load_workbook(work / "visits.xlsx").active
    from dj_desktop.core.i18n import _
    assert [c.value for c in sheet[2]] == [_("Date"), _("Inspector"), _("Finding")]
    assert sorted(r[2] for r in sheet.iter_rows(min_row=3, values_only=True)) == ["井盖破损，已报修", "水质清澈"]
    cli("print", "well_visits", str(visit.id), "-o", str(work / "visit.pdf"), "--db", db)
    from pypdf import PdfReader
    text = "".join(p.extract_text() for p in PdfReader(work / "visit.pdf").pages)
    assert "水质清澈" in text and member.name in text and "Well visits" in text

    # The inspector's member file (一人一档) has a section of the book, with no code naming it.
    cli("report", "member", str(member.id), "-o", str(work / "member.pdf"), "--db", db)
    text = "".join(p.extract_text() for p in PdfReader(work / "member.pdf").pages)
    assert "Well visits" in text and "水质清澈" in text and "井盖破损" not in text, text[-400:]

    # History and tombstones work for it as for any book.
    services.records.update("well_visits", visit.id, {"finding": "水质清澈，已消毒"}, reason="补记")
    assert [h.action for h in services.records.history("well_visits", visit.id)] == ["create", "update"]

    # A sync bundle carries it; the office holds the new device's bundle, approves it, merges it.
    bundle = branch.export(full=True)
    held = office.import_one(bundle)
    assert held.status == "held", held
    assert not office.services.records.list("well_visits")
    device_id = branch.enrolment_row().device_id
    (result,) = office.services.office.approve_device(device_id, passphrase=PASSPHRASE,
                                                      receipts_dir=office.receipts)
    assert result.status == "applied", result
    at_office = office.services.records.list("well_visits", branch_id=unit.id)
    assert {(v.id, v.values["finding"]) for v in at_office} >= {(visit.id, "水质清澈，已消毒")}
    print("throwaway book: all checks passed")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
