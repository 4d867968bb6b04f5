"""The sync tab and the export dialog: enrol, export to a folder standing in for a USB stick,
the office imports the real bundle file, the branch applies the real receipt."""

from __future__ import annotations

from datetime import date


import pytest
from PySide6.QtCore import Qt

from dj_desktop.core.db import open_database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Cancelled, Progress
from dj_desktop.core.services import build_services
from dj_desktop.gui.dialogs.export_dialog import ExportDialog, Volume, format_size, removable_volumes
from dj_desktop.gui.office.import_page import FileProgress
from dj_desktop.gui.office_window import OfficeWindow
from dj_desktop.gui.tabs.sync import SyncTab

PASSPHRASE = "county-office-2026"


@pytest.fixture
def office(tmp_path):
    services = build_services(open_database(tmp_path / "office.db"))
    setup = services.office.initialise(name="城关镇党委", passphrase=PASSPHRASE, out_dir=tmp_path / "handout")
    services.office.set_accept_new_devices(True)      # this test is about the branch tab: trust on first use
    yield services, setup.enrolment_path
    services.db.dispose()


def _volume(root: str, *, fs: str = "ext4", read_only: bool = False, is_root: bool = False) -> Volume:
    return Volume(root=root, name=root.rsplit("/", 1)[-1], filesystem=fs, free_bytes=10 << 20,
                  total_bytes=16 << 30, read_only=read_only, ready=True, is_root=is_root)


def test_removable_volumes_keep_sticks_not_system_disks():
    linux = [_volume("/", is_root=True), _volume("/media/wang/KINGSTON", fs="vfat"),
             _volume("/run/media/li/U盘"), _volume("/home"), _volume("/mnt/cdrom", read_only=True),
             _volume("/srv/data", fs="exfat"), _volume("/boot/efi", fs="vfat")]
    assert [v.root for v in removable_volumes(linux, platform="linux")] == [
        "/media/wang/KINGSTON", "/run/media/li/U盘", "/srv/data"]
    windows = [_volume("C:/", fs="ntfs"), _volume("E:/", fs="fat32"), _volume("D:/", fs="ntfs")]
    assert [v.root for v in removable_volumes(windows, platform="win32")] == ["E:/", "D:/"]


def test_sizes_are_shown_in_chinese_units():
    assert format_size(512) == "512 字节"
    assert format_size(16428) == "16.0 KB"


def test_export_to_stick_office_import_and_receipt(qtbot, main_window, tmp_path, office):
    office_services, enrolment_path = office
    tab = main_window.tab(SyncTab)
    main_window.tabs.setCurrentWidget(tab)
    assert not tab.export_button.isEnabled()  # not enrolled yet

    info = tab.enrol(enrolment_path)
    assert tab.office_label.text() == "城关镇党委"
    assert tab.device_fp_label.text() == info.device_fingerprint
    assert tab.export_button.isEnabled()
    pending_before = tab.services.sync.status().pending_records
    assert pending_before > 100  # the whole demo branch waits for its first bundle

    stick = tmp_path / "usb-stick"
    stick.mkdir()
    dialog = ExportDialog(tab.services, tab, volumes=[])
    qtbot.addWidget(dialog)
    assert not dialog.export_button.isEnabled()  # no stick plugged in, no folder chosen
    assert "U盘" in dialog.status.text()
    dialog.add_folder(stick)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    result = dialog.last_result
    assert result is not None and result.path.parent == stick and result.path.is_file()
    assert result.size == result.path.stat().st_size
    assert sum(result.counts.values()) == pending_before
    assert "可以安全拔出U盘" in dialog.status.text()
    assert format_size(result.size) in dialog.status.text()
    assert main_window.job_runner.runs == 1  # went through the window's runner (progress + cancel)
    dialog.close()
    tab.refresh()
    assert tab.exports_model.rowCount() == 1
    assert tab.exports_model.row_values(0)[1] == result.path.name
    # Plain words: the branch's name and the date in the file name, a first (full) export, no change numbers.
    branch_name = tab.services.organisation.first_branch().name
    assert result.path.name.startswith(f"{branch_name}-{date.today().isoformat()}-")
    assert tab.exports_model.row_values(0)[2] == "首次（全量）导出"
    assert "首次（全量）导出" in tab.seq_label.text()
    assert tab.pending_label.text() == f"{pending_before} 条"
    # Nothing changed since: the export button waits.
    assert not tab.export_button.isEnabled() and "导出" in tab.export_button.toolTip()

    # The office opens the stick and imports the bundle through its window.
    window = OfficeWindow(office_services)
    qtbot.addWidget(window)
    window.job_runner = main_window.job_runner
    window.passphrase = PASSPHRASE
    assert window.import_page.import_paths([result.path])
    [imported] = window.import_page.results
    assert imported.status == "applied", imported.reason
    assert imported.new_device and imported.device_fingerprint == info.device_fingerprint
    assert sum(imported.applied.values()) == pending_before
    assert imported.receipt_path is not None and imported.receipt_path.parent == stick
    assert window.branches_page.model.rowCount() == 1
    assert window.branches_page.model.row_values(0)[2] == info.device_fingerprint

    # Back at the branch: the receipt from the stick shows what the office received.
    results = tab.apply_receipts([imported.receipt_path])
    assert results[0].newly_applied == 1
    assert tab.pending_label.text() == "0 条"
    assert "党员" in tab.receipts_model.row_values(0)[2] and "member" not in tab.receipts_model.row_values(0)[2]
    assert tab.services.sync.status().pending_records == 0
    assert tab.receipts_model.rowCount() == 1
    assert tab.receipts_model.row_values(0)[1] == _("Applied") == "已应用"
    # Applying the same receipt again changes nothing.
    again = tab.apply_receipts([imported.receipt_path])
    assert again[0].newly_applied == 0
    assert tab.receipts_model.rowCount() == 1


def test_export_refused_before_enrolment_shows_a_message(qtbot, main_window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("dj_desktop.gui.workers.QMessageBox.warning",
                        lambda parent, title, text: shown.append(text))
    dialog = ExportDialog(main_window.tab(SyncTab).services, main_window.tab(SyncTab), volumes=[])
    qtbot.addWidget(dialog)
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    dialog.add_folder(stick)
    dialog.start_export()
    assert dialog.last_result is None
    with pytest.raises(UserError) as refused:
        main_window.tab(SyncTab).services.sync.export_bundle(tmp_path / "elsewhere")
    assert shown == [str(refused.value)]
    assert "U盘" in dialog.status.text()  # told that nothing is on the stick
    assert list(stick.iterdir()) == []  # nothing written to the stick


def test_file_progress_counts_files_and_cancels():
    seen = []
    outer = Progress(on_step=lambda done, total, text: seen.append((done, total, text)))
    inner = FileProgress(outer, ["a.djbundle", "b.djbundle"], offset=3, total=5)
    inner.step(0, 2, "a.djbundle")
    inner.step(1, 7, "member")
    inner.step(1, 2, "b.djbundle")
    assert [s[:2] for s in seen] == [(3, 5), (3, 5), (4, 5)]
    assert "党员" in seen[1][2] and "member" not in seen[1][2]  # the book, not the table name
    outer.cancel()
    with pytest.raises(Cancelled):
        inner.step(2, 2, "")


def test_sync_tab_is_the_last_tab(main_window):
    assert isinstance(main_window.tab(SyncTab), SyncTab) and main_window.tabs.indexOf(main_window.tab(SyncTab)) == main_window.tabs.count() - 1


def test_registration_slip_carries_the_fingerprints_the_office_checks(qtbot, main_window, office):
    from pypdf import PdfReader

    tab = main_window.tab(SyncTab)
    main_window.tabs.setCurrentWidget(tab)
    assert not tab.slip_button.isEnabled()            # nothing to print before enrolment
    info = tab.enrol(office[1])
    shown = []
    tab.present_slip = shown.append
    qtbot.mouseClick(tab.slip_button, Qt.MouseButton.LeftButton)
    assert shown == [tab.last_slip]
    text = "".join(page.extract_text() for page in PdfReader(tab.last_slip).pages)
    assert "支部设备登记单" in text and "城关镇党委" in text
    assert info.device_fingerprint in text and info.office_fingerprint in text
    branch = main_window.services.organisation.first_branch()
    assert branch.name in text
