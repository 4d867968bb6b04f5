"""The 支部工作手册 tab, driven through its widgets: filters, edit, delete with a reason and restore,
the quorum column, the plan dialog, and print preview of real PDFs from the report writers."""

from __future__ import annotations

from datetime import date

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QInputDialog

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.services.meeting_records import AttendanceInput, MeetingInput
from dj_desktop.gui.dialogs.decisions_table import COL_RESPONSIBLE, DecisionLine
from dj_desktop.gui.dialogs.meeting_dialog import MeetingDialog
from dj_desktop.gui.dialogs.plan_dialog import PlanDialog
from dj_desktop.gui.models.manual_records import COL_QUORUM, MEETING, PLAN, TALK
from dj_desktop.gui.print_preview import PdfPages, build_preview_dialog, configure_printer, paint_pdf
from dj_desktop.gui.tabs.manual import ManualTab

LAST_YEAR = date.today().year - 1


def _tab(main_window) -> ManualTab:
    tab = main_window.tab(ManualTab)
    main_window.tabs.setCurrentWidget(tab)
    tab.year_spin.setValue(LAST_YEAR)
    return tab


def _select_first(tab: ManualTab, record_type: str) -> int:
    row = next(i for i, r in enumerate(tab.model.rows()) if r.record_type == record_type)
    tab.view.selectRow(row)
    return row


def test_year_and_kind_filter(main_window, gui_services):
    tab = _tab(main_window)
    branch_id = tab.branch_id
    meetings = gui_services.meetings.list(branch_id, year=LAST_YEAR)
    talks = gui_services.talks.list(branch_id, year=LAST_YEAR)
    plans = gui_services.plans.list(branch_id, year=LAST_YEAR)
    assert len(meetings) > 20 and talks
    assert tab.model.rowCount() == len(meetings) + len(talks) + len(plans)
    days = [r.day for r in tab.model.rows() if r.day]
    assert days == sorted(days)

    tab.kind_box.setCurrentIndex(tab.kind_box.findData("committee_meeting"))
    rows = tab.model.rows()
    assert rows and {r.kind for r in rows} == {"committee_meeting"}
    assert len(rows) == sum(m.kind == "committee_meeting" for m in meetings)
    tab.kind_box.setCurrentIndex(tab.kind_box.findData("talk"))
    assert {r.record_type for r in tab.model.rows()} == {TALK}
    tab.year_spin.setValue(LAST_YEAR - 1)
    assert len(tab.model.rows()) == len(gui_services.talks.list(branch_id, year=LAST_YEAR - 1))


def test_delete_asks_a_reason_then_restore(qtbot, main_window, gui_services, answer_modal):
    tab = _tab(main_window)
    row = tab.model.row(_select_first(tab, MEETING))
    before = tab.model.rowCount()

    def give_reason(dialog):
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("重复录入，删除")
        dialog.accept()

    seen = answer_modal(give_reason)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert seen, "the delete button must ask for a reason"
    assert tab.model.rowCount() == before - 1
    assert row.id not in {r.id for r in tab.model.rows()}
    history = gui_services.meetings.history(row.id)
    assert history[-1].action == "delete" and history[-1].reason == "重复录入，删除"

    # An empty reason is refused with the service's message; nothing changes.
    _select_first(tab, MEETING)
    assert not tab.delete_selected(reason="  ")
    assert tab.message_label.text() == _("Give a reason for deleting the {noun} (it is kept in the history).").format(
        noun=_("meeting record"))
    assert tab.model.rowCount() == before - 1

    tab.deleted_check.setChecked(True)
    assert [r.id for r in tab.model.rows()] == [row.id]
    assert tab.restore_button.isEnabled() is False
    tab.view.selectRow(0)
    assert tab.restore_button.isEnabled() and not tab.delete_button.isEnabled()
    qtbot.mouseClick(tab.restore_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 0
    tab.deleted_check.setChecked(False)
    assert tab.model.rowCount() == before
    assert gui_services.meetings.history(row.id)[-1].action == "restore"


def test_double_click_edits_the_meeting(qtbot, type_text, main_window, gui_services):
    tab = _tab(main_window)
    row_index = next(i for i, r in enumerate(tab.model.rows()) if r.record_type == MEETING
                     and len(gui_services.meetings.get(r.id).decisions) >= 2)
    row = tab.model.row(row_index)
    index = tab.model.index(row_index, 0)
    tab.view.scrollTo(index)
    pos = tab.view.visualRect(index).center()
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    dialog = tab.active_dialog
    assert isinstance(dialog, MeetingDialog) and dialog.meeting_id == row.id
    detail = gui_services.meetings.get(row.id)
    assert dialog.kind() == detail.kind and dialog.place_edit.text() == detail.place
    # Every attendee with their mark; the committee is listed first (issue 10).
    assert sorted((str(l.member_id), l.present) for l in dialog.attendance.lines()) == sorted(
        (str(a.member_id), a.present) for a in detail.attendance)
    assert dialog.attachments.list.count() == len(detail.attachments)
    assert [d.text for d in dialog.decisions.lines()] == [d.text for d in detail.decisions]
    # The person responsible shows again (QComboBox.findData missed a saved record's uuid: blank or "left").
    assert any(d.responsible_id for d in detail.decisions)
    assert [d.responsible_id for d in dialog.decisions.lines()] == [d.responsible_id for d in detail.decisions]
    names = {m.id: m.name for m in gui_services.members.roster(include_left=True)}
    shown = [dialog.decisions.table.cellWidget(r, COL_RESPONSIBLE).currentText()
             for r in range(dialog.decisions.table.rowCount())]
    assert shown == [names.get(d.responsible_id, "") for d in detail.decisions]

    dialog.place_edit.clear()
    type_text(dialog.place_edit, "村委会二楼会议室")
    # Drop the first decision and add one: the others keep their identity (and history).
    dialog.decisions.table.selectRow(0)
    dialog.decisions.remove_selected()
    dialog.decisions.add_line(DecisionLine(text="下月开展走访慰问"))
    assert dialog.save(), dialog.banner.text()
    after = gui_services.meetings.get(row.id)
    assert after.place == "村委会二楼会议室"
    assert [a.present for a in after.attendance] == [a.present for a in detail.attendance]
    assert [d.id for d in after.decisions[:-1]] == [d.id for d in detail.decisions[1:]]
    assert after.decisions[-1].text == "下月开展走访慰问" and after.decisions[-1].id != detail.decisions[0].id
    assert gui_services.meetings.history(row.id)[-1].changes["place"][1] == "村委会二楼会议室"

    # The history button lists that change with the old and new place.
    tab.select_record(row.id)
    history = tab.show_history()
    last = history.table.rowCount() - 1
    assert history.table.item(last, 1).text() == _("Changed")
    assert f"{detail.place} → 村委会二楼会议室" in history.table.item(last, 2).text()
    history.close()


def test_quorum_not_met_is_marked_in_the_list(main_window, gui_services):
    tab = _tab(main_window)
    branch_id = tab.branch_id
    day = date(LAST_YEAR, 11, 18)
    expected = gui_services.meetings.expected_attendees(branch_id, kind="general_meeting", on=day)
    present = {e.member_id for e in expected[:3]}
    saved = gui_services.meetings.create(MeetingInput(
        branch_id=branch_id, kind="general_meeting", held_on=day, theme="人数不足的大会",
        attendance=tuple(AttendanceInput(member_id=e.member_id, present=e.member_id in present,
                                         absence_reason="" if e.member_id in present else "other")
                         for e in expected)))
    tab.reload()
    row = next(i for i, r in enumerate(tab.model.rows()) if r.id == saved.id)
    cell = tab.model.index(row, COL_QUORUM)
    assert cell.data() == _("NOT met") == "未过半"
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color() == QColor("#b00020")


def test_plan_dialog_writes_the_annual_plan(qtbot, type_text, main_window, gui_services):
    tab = _tab(main_window)
    tab.year_spin.setValue(date.today().year)
    dialog = tab.open_plan("summary")
    assert isinstance(dialog, PlanDialog)
    dialog.body_edit.clear()
    assert not dialog.save()
    assert _("The text is empty; write the plan or summary before saving.") in dialog.banner.text()
    type_text(dialog.body_edit, "一、全年召开支部党员大会四次。")
    assert dialog.save(), dialog.banner.text()
    record = gui_services.plans.get(tab.branch_id, year=date.today().year, kind="summary")
    assert record.body == "一、全年召开支部党员大会四次。"
    assert any(r.id == record.id for r in tab.model.rows())


def _preview_pages(qtbot, path) -> int:
    """Open the preview without a blocking loop, check it painted a page, return its page count."""
    dialog = build_preview_dialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    shot = dialog.view.viewport().grab().toImage()
    assert dialog.model.renders >= 1 and 0 in dialog.model.cached_pages()
    # Somewhere on the first page there is dark ink (text or table lines), not only paper.
    page = dialog.model.pixmap(0).toImage()
    assert any(page.pixelColor(x, y).lightness() < 100
               for x in range(0, page.width(), 4) for y in range(0, page.height() // 3, 4))
    assert not shot.isNull()
    count = dialog.page_count()
    dialog.close()
    return count


def test_print_preview_of_a_meeting_record_and_the_monthly_report(qtbot, main_window, job_runner):
    tab = _tab(main_window)
    shown: list = []
    tab.printing.present = lambda path, print_it: shown.append((path, print_it))
    row = _select_first(tab, MEETING)
    assert tab.printing.preview_record_action.isEnabled()
    runs = job_runner.runs
    tab.printing.preview_record_action.trigger()
    assert job_runner.runs == runs + 1  # written through the job runner (a thread pool in the app)
    (path, print_it), = shown
    assert path == tab.printing.last_pdf and not print_it
    reader = pypdf.PdfReader(path)
    text = "".join(page.extract_text() for page in reader.pages)
    assert tab.model.row(row).kind_label in text
    assert _preview_pages(qtbot, path) == len(reader.pages) >= 1

    tab.printing.monthly_report(date(LAST_YEAR, 6, 1), print_it=True)
    path, print_it = shown[-1]
    assert print_it and path.is_file()
    assert _preview_pages(qtbot, path) == len(pypdf.PdfReader(path).pages)

    tab.printing.quarterly_report(LAST_YEAR, 2, print_it=False)
    path, print_it = shown[-1]
    assert not print_it and path.name == f"{_('Quarterly report')}-{LAST_YEAR}-Q2.pdf"
    text = "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    assert "三会一课" in text and "幸福里社区党支部" in text


def _three_pages(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    source = tmp_path / "three.pdf"
    c = canvas.Canvas(str(source), pagesize=A4)
    for n in range(3):
        c.setFont("Helvetica", 30)
        c.drawString(100, 700, f"Page {n + 1}")
        c.rect(50, 50, 300, 300, fill=1)
        c.showPage()
    c.save()
    return source


def test_pdf_pages_are_painted_onto_the_printer(qapp, tmp_path):
    """What the print dialog's printer receives: each page once, in order, honouring a page range."""
    source = _three_pages(tmp_path)
    pages = PdfPages(source)
    image = pages.render(0, dpi=36)
    assert image.width() == pytest.approx(595 / 2, abs=1) and image.height() == pytest.approx(842 / 2, abs=1)
    assert image.pixelColor(5, 5).name() == "#ffffff"
    assert image.pixelColor(image.width() // 4, image.height() - 60).name() == "#000000"

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    configure_printer(printer, pages)
    printer.setFromTo(2, 3)
    assert paint_pdf(printer, pages) == 2
    pages.close()
    printed = pypdf.PdfReader(out)
    assert len(printed.pages) == 2
    width, height = float(printed.pages[0].mediabox.width), float(printed.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)


def test_an_unreadable_pdf_is_refused_with_a_message(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    with pytest.raises(ValueError, match="bad.pdf"):
        PdfPages(bad)


def test_preview_renders_only_what_is_shown(qtbot, tmp_path):
    """A long book opens at once: pages are rasterised as they scroll into view, a few kept."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    from dj_desktop.gui.pdf_preview import CACHE_PAGES
    source = tmp_path / "long.pdf"
    c = canvas.Canvas(str(source), pagesize=A4)
    for n in range(40):
        c.setFont("Helvetica", 40)
        c.drawString(100, 700, f"Page {n + 1}")
        c.showPage()
    c.save()
    dialog = build_preview_dialog(source)
    qtbot.addWidget(dialog)
    dialog.resize(800, 900)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.page_count() == 40
    qtbot.waitUntil(lambda: dialog.model.renders >= 1)
    assert dialog.model.renders <= 3
    assert dialog.page_label.text() == _("Page {page} of {count}").format(page=1, count=40)
    dialog.show_page(30)
    qtbot.waitUntil(lambda: 29 in dialog.model.cached_pages())
    assert dialog.current_page() == 30
    for page in range(1, 41, 2):
        dialog.show_page(page)
        dialog.view.viewport().repaint()
    assert len(dialog.model.cached_pages()) <= CACHE_PAGES < dialog.model.renders
    dialog.show_page(12)
    dialog.step_zoom(+1)
    qtbot.waitUntil(lambda: dialog.current_page() == 12 and dialog.model.zoom == 1.25)
    assert dialog.model.pixmap(11).width() == pytest.approx(595.3 * 1.25 * 96 / 72 * dialog.model.device_ratio, abs=1)


def test_print_dialog_then_printing_through_the_job_runner(main_window, job_runner, answer_modal, tmp_path):
    tab = _tab(main_window)
    source = _three_pages(tmp_path)
    out = tmp_path / "from-dialog.pdf"

    def choose_pdf_printer(dialog):
        printer = dialog.printer()
        dialog.accept()
        # The machine has no printer: after the dialog applied its choice, print to a PDF file instead.
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))

    seen = answer_modal(choose_pdf_printer)
    runs = job_runner.runs
    tab.printing._present(source, True)
    assert seen and type(seen[0]).__name__ == "QPrintDialog"
    assert job_runner.runs == runs + 1
    assert len(pypdf.PdfReader(out).pages) == 3


def test_cancelling_stops_printing(qapp, tmp_path):
    from dj_desktop.core.progress import Cancelled, Progress
    pages = PdfPages(_three_pages(tmp_path))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cancelled.pdf"))
    seen = []
    progress = Progress()
    progress.on_step = lambda done, total, text: (seen.append(done), done == 1 and progress.cancel())
    with pytest.raises(Cancelled):
        paint_pdf(printer, pages, progress=progress)
    assert seen == [0, 1]  # stopped before the second page was sent
    out = tmp_path / "cancelled.pdf"
    assert not out.exists() or len(pypdf.PdfReader(out).pages) < 3
    pages.close()


def test_a_deleted_annual_plan_can_be_restored(qtbot, main_window, gui_services):
    tab = _tab(main_window)
    row = tab.model.row(_select_first(tab, PLAN))
    assert tab.delete_selected(reason="录错年份")
    assert row.id not in {r.id for r in tab.model.rows()}
    tab.deleted_check.setChecked(True)
    assert [r.id for r in tab.model.rows()] == [row.id]
    tab.view.selectRow(0)
    qtbot.mouseClick(tab.restore_button, Qt.MouseButton.LeftButton)
    tab.deleted_check.setChecked(False)
    assert row.id in {r.id for r in tab.model.rows()}
    assert tab.message_label.text() == _("“{title}” was restored.").format(title=row.title)


def test_restoring_a_plan_refuses_when_the_year_has_another(main_window, gui_services):
    tab = _tab(main_window)
    row = tab.model.row(_select_first(tab, PLAN))
    plan = next(p for p in gui_services.plans.list(tab.branch_id, year=tab.year_spin.value()) if p.id == row.id)
    gui_services.plans.tombstone(plan.id, reason="重写")
    gui_services.plans.save(tab.branch_id, year=plan.year, kind=plan.kind, title="新计划", body="重新制定的计划")
    with pytest.raises(UserError):
        gui_services.plans.restore(plan.id)
