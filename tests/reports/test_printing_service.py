"""PrintService: printouts assembled from the database, read in bulk, refused clearly on bad input."""

from __future__ import annotations

import ast
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event

from dj_desktop.core.errors import UserError
from dj_desktop.core.services.meeting_records import AttendanceInput, MeetingInput
from dj_desktop.core.services.printed_sheets import meeting_sheet
from pdf_world import YEAR, open_world

PACKAGE = Path(__file__).resolve().parents[2] / "dj_desktop"


@pytest.fixture
def world(tmp_path, template_db):
    services, world = open_world(tmp_path, template_db)
    yield services, world
    services.db.dispose()


class StatementCounter:
    """Counts the SQL statements the engine runs while it is active."""

    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def _count(self, *_args) -> None:
        self.count += 1

    def __enter__(self) -> StatementCounter:
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._count)


def _add_meetings(services, branch_id: uuid.UUID, members: list[uuid.UUID], count: int) -> None:
    for n in range(count):
        services.meetings.create(MeetingInput(
            branch_id=branch_id, kind="themed_day", held_on=date(YEAR, 11, 1 + n), theme=f"加开的主题党日 {n}",
            host_id=members[0], recorder_id=members[1],
            attendance=tuple(AttendanceInput(member_id=m, present=i % 4 != 1, absence_reason="" if i % 4 != 1
                                             else "sick_leave") for i, m in enumerate(members))),
            today=date(YEAR, 12, 31))


def test_the_manual_reads_the_year_with_a_fixed_number_of_queries(world):
    services, w = world
    engine = services.db.engine
    with StatementCounter(engine) as before:
        book = services.printing.manual_book(year=YEAR)
    _add_meetings(services, w.branch, list(w.members.values()), 20)
    with StatementCounter(engine) as after:
        bigger = services.printing.manual_book(year=YEAR)
    assert len(bigger.meetings) == len(book.meetings) + 20
    # Twenty more meetings, not a single statement more (one per meeting used to be ~10 each).
    assert after.count == before.count, (before.count, after.count)


def test_bulk_details_are_what_the_meeting_service_gives_one_by_one(world):
    services, w = world
    summaries = services.meetings.list(w.branch, year=YEAR)
    assert len(summaries) >= 5
    bulk = services.printing.meeting_details([m.id for m in reversed(summaries)])
    assert [d.id for d in bulk] == [m.id for m in reversed(summaries)]
    for detail in bulk:
        assert detail == services.meetings.get(detail.id)
    book = services.printing.manual_book(year=YEAR)
    assert book.meetings == tuple(meeting_sheet(services.meetings.get(m.id)) for m in summaries)


def test_a_meeting_form_needs_a_well_formed_known_live_id(world):
    services, w = world
    sheet, branch_name = services.printing.meeting_form(w.meetings["committee"])
    assert (sheet.kind_label, branch_name) == ("支委会", "青山村党支部")
    assert services.printing.meeting_form(str(w.meetings["committee"]))[0] == sheet
    with pytest.raises(UserError, match="不是有效的记录编号"):
        services.printing.meeting_form("12345")
    unknown = uuid.uuid4()
    with pytest.raises(UserError, match=f"没有编号为 {unknown} 的会议记录"):
        services.printing.meeting_form(str(unknown))
    services.meetings.tombstone(w.meetings["committee"], reason="重复录入")
    with pytest.raises(UserError, match="已删除"):
        services.printing.meeting_form(w.meetings["committee"])


def test_branches_are_found_by_name_or_id_and_an_unknown_one_is_named(world):
    services, w = world
    printing = services.printing
    assert printing.resolve_branch().id == w.branch
    assert printing.resolve_branch("青山村党支部").id == w.branch
    assert printing.resolve_branch(str(w.branch)).id == w.branch
    assert printing.resolve_branch(w.branch).id == w.branch
    with pytest.raises(UserError, match="红星村党支部"):
        printing.resolve_branch("红星村党支部")
    assert printing.manual_book(branch_id="青山村党支部", year=YEAR).branch.name == "青山村党支部"
    with pytest.raises(UserError, match="尚未开始"):
        printing.manual_book(year=date.today().year + 1)


def test_reports_take_periods_as_typed_and_refuse_bad_ones(world):
    services, _w = world
    monthly = services.printing.monthly_report(month="2025-04")
    assert monthly.title == "党支部月报表" and ("月份", "2025年04月") in monthly.facts
    quarterly = services.printing.quarterly_report(quarter="2025-Q2")
    lessons = quarterly.tables[-1]
    assert [row[1] for row in lessons.rows] == ["王建国"]
    with pytest.raises(UserError, match="2025-03"):
        services.printing.monthly_report(month="2025/04")
    with pytest.raises(UserError, match="2025-Q1"):
        services.printing.quarterly_report(quarter="2025-Q5")


def test_the_enrolment_slip_needs_an_enrolment(world):
    services, _w = world
    with pytest.raises(UserError, match="尚未"):
        services.printing.enrolment_slip(date(2025, 5, 1))


def test_printouts_are_plain_frozen_values(world):
    services, _w = world
    book = services.printing.manual_book(year=YEAR)
    with pytest.raises(AttributeError):
        book.year = 1999  # type: ignore[misc]
    assert replace(book.meetings[0], place="别处").place == "别处"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


#: The modules that assemble printouts: they hand plain data to reports/ and never import it.
ASSEMBLY = ("core/printouts.py", "core/report_periods.py", "core/services/printing.py",
            "core/services/printed_sheets.py", "core/services/meeting_details.py",
            "core/services/monthly_report.py", "core/services/quarterly_report.py")


def test_reports_import_no_service_and_the_assembly_imports_no_report():
    wrong = []
    for path in sorted((PACKAGE / "reports").rglob("*.py")):
        wrong += [f"{path.name} → {n}" for n in _imports(path)
                  if n.startswith(("dj_desktop.core.services", "dj_desktop.core.db"))]
    for name in ASSEMBLY:
        wrong += [f"{name} → {n}" for n in _imports(PACKAGE / name) if n.startswith("dj_desktop.reports")]
    printouts = _imports(PACKAGE / "core" / "printouts.py")
    wrong += [f"printouts.py → {n}" for n in printouts if n.startswith(("dj_desktop", "sqlalchemy", "PySide6"))]
    assert wrong == []
