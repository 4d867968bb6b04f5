"""保存为PDF from the print preview and the print menu: the vector PDF the command line writes,
named after the record and its date, in the documents folder or the folder used last."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdf
from PySide6.QtWidgets import QFileDialog

from dj_desktop.core.i18n import _
from dj_desktop.gui.models.manual_records import MEETING
from dj_desktop.gui.print_preview import build_preview_dialog
from dj_desktop.gui.tabs.manual import ManualTab

LAST_YEAR = date.today().year - 1


def _meeting_tab(main_window) -> tuple[ManualTab, object]:
    tab = main_window.tab(ManualTab)
    main_window.tabs.setCurrentWidget(tab)
    tab.year_spin.setValue(LAST_YEAR)
    tab.kind_box.setCurrentIndex(tab.kind_box.findData("committee_meeting"))
    row = next(i for i, r in enumerate(tab.model.rows()) if r.record_type == MEETING)
    tab.view.selectRow(row)
    return tab, tab.model.row(row)


def _preview_of_a_meeting(main_window, qtbot):
    """The print preview of a committee meeting's record, shown; and the list of PDFs written."""
    tab, _row = _meeting_tab(main_window)
    shown: list = []
    tab.printing.present = lambda path, print_it: shown.append(path)
    tab.printing.meeting_record(print_it=False)
    dialog = build_preview_dialog(shown[0], tab)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, shown


def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def _accept_in(folder: Path | None, seen: dict):
    """Answer the save dialog: note what it offered, then accept (in ``folder`` if given)."""
    def answer(dialog: QFileDialog) -> None:
        seen["dialog_folder"] = Path(dialog.directory().absolutePath())
        seen["name"] = Path(dialog.selectedFiles()[0]).name
        seen["labels"] = [dialog.labelText(label) for label in (
            QFileDialog.DialogLabel.LookIn, QFileDialog.DialogLabel.FileType, QFileDialog.DialogLabel.FileName)]
        seen["filters"] = dialog.nameFilters()
        if folder is not None:
            dialog.setDirectory(str(folder))
            dialog.selectFile(str(folder / seen["name"]))
        dialog.accept()
    return answer


def test_print_menu_saves_the_meeting_record_as_a_vector_pdf_named_after_it(
        main_window, answer_modal, documents, tmp_path):
    tab, row = _meeting_tab(main_window)
    assert tab.printing.save_record_action.isEnabled()
    seen: dict = {}
    answer_modal(_accept_in(None, seen))
    tab.printing.save_record_action.trigger()
    expected = f"支委会记录-{row.day.isoformat()}.pdf"
    assert seen["name"] == expected
    assert seen["dialog_folder"] == documents
    assert seen["labels"] == ["查找范围：", "文件类型：", "文件名："]
    assert seen["filters"][0] == "PDF 文件 (*.pdf)"
    saved = documents / expected
    text = _pdf_text(saved)
    # Real text with the embedded font (a printed-to-file PDF would hold only pictures).
    assert "支委会" in text and row.day.strftime("%Y") in text
    fonts = {str(f.get("/BaseFont")) for p in pypdf.PdfReader(saved).pages
             for f in (p["/Resources"].get("/Font") or {}).values()}
    assert any("WenQuanYi" in f or "wqy" in f.lower() for f in fonts), fonts
    assert saved.stat().st_size < 300_000
    assert expected in main_window.statusBar().currentMessage()

    # The next save opens where the last one went.
    other = tmp_path / "U盘"
    other.mkdir()
    seen2: dict = {}
    answer_modal(_accept_in(other, seen2))
    tab.printing.yearly_manual(print_it=False, save=True)
    assert seen2["dialog_folder"] == documents
    assert seen2["name"] == f"{_('Branch work manual')}-{LAST_YEAR}.pdf"
    assert (other / seen2["name"]).is_file()
    seen3: dict = {}
    answer_modal(_accept_in(None, seen3))
    tab.printing.monthly_report(date(LAST_YEAR, 6, 1), print_it=False, save=True)
    assert seen3["dialog_folder"] == other
    assert seen3["name"] == f"月报表-{LAST_YEAR}-06.pdf"
    assert "月" in _pdf_text(other / seen3["name"])


def test_preview_save_button_writes_the_same_file_and_stays_open(main_window, qtbot, documents):
    dialog, shown = _preview_of_a_meeting(main_window, qtbot)
    assert dialog.save_button.text() == "保存为PDF…"
    saved = dialog.save_document(target=documents / shown[0].name)
    assert saved is not None and saved.read_bytes() == shown[0].read_bytes()
    assert dialog.isVisible() and saved.name in dialog.saved_label.text()
    dialog.close()


def test_a_read_only_folder_says_so_and_keeps_the_preview_open(main_window, qtbot, documents,
                                                               answer_modal, monkeypatch):
    import errno
    import shutil

    dialog, shown = _preview_of_a_meeting(main_window, qtbot)
    locked = documents / "locked"
    locked.mkdir()

    def refuse(source, target):  # what a read-only folder answers (the tests run as root)
        raise PermissionError(errno.EROFS, "Read-only file system", str(target))

    monkeypatch.setattr(shutil, "copyfile", refuse)
    messages: list = []
    answer_modal(lambda box: (messages.append(box.text()), box.accept()))
    assert dialog.save_document(target=locked / "x.pdf") is None
    assert messages and "只读" in messages[0] and str(locked) in messages[0]
    assert dialog.isVisible() and not list(locked.iterdir())
    dialog.close()


def test_save_problem_for_a_full_disk():
    from dj_desktop.gui.pdf_save import save_problem
    text = save_problem(Path("/media/u/x.pdf"), OSError(28, "No space left on device"))
    assert "空间" in text and "/media/u" in text
