"""File dialogs in Chinese, filtered to the right kind of file, opening in the right folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from dj_desktop.gui import file_dialogs
from dj_desktop.gui.app import install_qt_translator


@pytest.mark.parametrize("kind, pattern", [
    (file_dialogs.EXCEL, "*.xlsx"), (file_dialogs.ENROLMENT, "*.djenrol"), (file_dialogs.BUNDLE, "*.djbundle"),
    (file_dialogs.RECEIPT, "*.djreceipt *.djreturn"), (file_dialogs.PDF, "*.pdf"),
])
def test_each_kind_is_filtered_and_every_label_is_chinese(qapp, documents, kind, pattern):
    dialog = file_dialogs.build_dialog(None, "t", kind, mode=QFileDialog.FileMode.ExistingFile)
    assert pattern in dialog.nameFilters()[0] and dialog.nameFilters()[1] == "所有文件 (*)"
    assert Path(dialog.directory().absolutePath()) == documents
    assert [dialog.labelText(label) for label in (
        QFileDialog.DialogLabel.LookIn, QFileDialog.DialogLabel.FileName, QFileDialog.DialogLabel.FileType,
        QFileDialog.DialogLabel.Accept, QFileDialog.DialogLabel.Reject)] == [
        "查找范围：", "文件名：", "文件类型：", "打开", "取消"]
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.deleteLater()


def test_the_last_folder_is_remembered_per_kind_in_the_preferences(main_window, answer_modal, documents,
                                                                    tmp_path, preferences):
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "a.djreceipt").write_bytes(b"x")

    def pick(dialog: QFileDialog) -> None:
        assert Path(dialog.directory().absolutePath()) == documents
        dialog.setDirectory(str(stick))
        dialog.selectFile(str(stick / "a.djreceipt"))
        dialog.accept()

    answer_modal(pick)
    assert file_dialogs.choose_open_files(main_window, "t", file_dialogs.RECEIPT) == [str(stick / "a.djreceipt")]
    assert preferences.last_folder("receipt") == str(stick)
    assert file_dialogs.start_folder(file_dialogs.RECEIPT, main_window) == stick
    assert file_dialogs.start_folder(file_dialogs.EXCEL, main_window) == documents
    stick.joinpath("a.djreceipt").unlink()
    stick.rmdir()  # a stick that is gone: back to the documents folder
    assert file_dialogs.start_folder(file_dialogs.RECEIPT, main_window) == documents


def test_qt_words_that_its_own_chinese_catalog_lacks_are_translated(qapp):
    install_qt_translator(qapp)
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    assert QCoreApplication.translate("QFileDialog", "Files of type:") == "文件类型："
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "文件夹"
    # Everything else still comes from Qt's own catalog (or stays as it is).
    assert QCoreApplication.translate("QFileDialog", "Look in:x") == "Look in:x"


def test_dated_names_are_safe_file_names():
    assert file_dialogs.dated_name("支部/工作:手册", suffix=".pdf", on="2026") == "支部_工作_手册-2026.pdf"
