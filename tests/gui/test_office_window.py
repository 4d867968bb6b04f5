"""The office window over real bundle files from two demo branches: import with progress and cancel,
branches and revocation, read-only books, conflicts review, compliance, return bundles."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from PySide6.QtCore import Qt

from dj_desktop.core.db import open_database
from dj_desktop.core.progress import Progress
from dj_desktop.core.services import build_services
from dj_desktop.core.services.member_records import MemberInput
from dj_desktop.gui.app import build_window
from dj_desktop.gui.office_window import OfficeWindow
from dj_desktop.gui.workers import SynchronousRunner
from tests.gui.test_empty_hints import empty_views_without_a_hint

PASSPHRASE = "county-office-2026"
TODAY = date(2026, 11, 20)
ID_A = "11010519491231002X"
ID_B = "110101198001010010"


@pytest.fixture
def office(tmp_path):
    services = build_services(open_database(tmp_path / "office.db"))
    setup = services.office.initialise(name="城关镇党委", passphrase=PASSPHRASE, out_dir=tmp_path / "handout")
    services.office.set_accept_new_devices(True)      # trust on first use; the devices test turns it off
    yield services, setup.enrolment_path
    services.db.dispose()


@pytest.fixture
def make_branch(tmp_path, template_db, office):
    """``make_branch(name, members=[(name, id_number)])`` → services of a small enrolled branch."""
    opened = []

    def make(name: str, members=()):
        path = tmp_path / f"{name}.db"
        shutil.copyfile(template_db, path)
        services = build_services(open_database(path))
        opened.append(services)
        unit = services.organisation.create_first_branch(name)
        for person, id_number in members:
            services.members.add(unit.id, MemberInput(name=person, id_number=id_number, joined_on=date(2001, 7, 1)),
                                 today=TODAY)
        services.sync.enrol(office[1])
        return services

    yield make
    for services in opened:
        services.db.dispose()


@pytest.fixture
def branches(gui_services, office, make_branch):
    """The demo branch, and a small branch where one of the demo's members is entered again
    (the same ID number at two branches)."""
    gui_services.sync.enrol(office[1])
    # A demo member old enough to have joined the Party in 2001, the join date make_branch gives.
    someone = next(m for m in gui_services.members.roster() if m.birth_date.year < 1980)
    return gui_services, make_branch("河西村党支部", [(someone.name, someone.id_number), ("赵建国", ID_B)])


@pytest.fixture
def window(qtbot, office):
    win = build_window(office[0], job_runner=SynchronousRunner())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.passphrase = PASSPHRASE
    return win


def _export(services, folder):
    folder.mkdir(exist_ok=True)
    return services.sync.export_bundle(folder).path


def test_an_office_database_opens_the_office_window(window):
    assert isinstance(window, OfficeWindow)
    assert "城关镇党委" in window.windowTitle()
    assert window.tabs.currentWidget() is window.branches_page
    assert window.branches_page.model.rowCount() == 0
    for index in range(window.tabs.count()):   # every empty list says what to do
        window.tabs.setCurrentIndex(index)
        assert empty_views_without_a_hint(window) == [], window.tabs.tabText(index)


def test_import_branches_books_conflicts_compliance_and_return(qtbot, window, branches, tmp_path):
    first, second = branches
    bundle_a = _export(first, tmp_path / "stick-a")
    bundle_b = _export(second, tmp_path / "stick-b")

    assert window.import_page.import_paths([bundle_a, bundle_b])
    results = window.import_page.results
    assert [r.status for r in results] == ["applied", "applied"]
    assert all(r.new_device for r in results)
    assert results[0].receipt_path.parent == bundle_a.parent  # the receipt goes back on the same stick
    assert "2 台" in window.import_page.summary.text()
    assert window.job_runner.runs == 1

    # Branches: one row each, with the fingerprint each branch shows in its own sync tab.
    page = window.branches_page
    rows = {page.model.key(r): page.model.row_values(r) for r in range(page.model.rowCount())}
    for services in (first, second):
        assert rows[services.db.site_id][2] == services.sync.enrolment().device_fingerprint
        assert rows[services.db.site_id][3] == "有效"

    # Books: the first branch's roster and meetings, exactly what the branch itself holds, read-only.
    page.select_site(first.db.site_id)
    qtbot.mouseClick(page.books_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.books_page
    books = window.books_page
    unit = books.branch_combo.currentData()
    assert unit.site_id == first.db.site_id
    assert books.roster_model.rowCount() == len(first.members.roster(unit.id)) > 0
    assert books.book_models["meetings"].rowCount() == len(first.meetings.list(unit.id))
    assert books.roster_view.editTriggers() == books.roster_view.EditTrigger.NoEditTriggers

    # Conflicts: every shared ID number was flagged; one is reviewed with a note.
    window.tabs.setCurrentWidget(window.conflicts_page)
    conflicts = window.conflicts_page
    open_before = conflicts.model.rowCount()
    assert open_before == len(window.services.office.conflicts()) == 1
    assert conflicts.model.row_values(0)[1] == "同一身份证号出现在两个支部"
    conflicts.select_conflict(conflicts.model.key(0))
    assert conflicts.keep_button.isEnabled() and not conflicts.use_other_button.isEnabled()
    conflicts.note_edit.setText("已电话核实，系同名同号测试数据")
    qtbot.mouseClick(conflicts.keep_button, Qt.MouseButton.LeftButton)
    assert conflicts.model.rowCount() == open_before - 1
    conflicts.show_resolved.setChecked(True)
    assert conflicts.model.rowCount() == open_before
    resolved = [conflicts.model.row_values(r)[8] for r in range(conflicts.model.rowCount())]
    assert "维持保留值：已电话核实，系同名同号测试数据" in resolved

    # Compliance: the office's reminders per branch match what each branch computes on its own data.
    window.compliance_page.run_check(TODAY)
    by_unit = {c.branch_id: c for c in window.compliance_page.rows}
    for services in (first, second):
        for branch in services.organisation.branches():
            own = services.reminders.reminders(TODAY, branch_id=branch.id)
            assert by_unit[branch.id].overdue == sum(1 for r in own if r.status == "overdue")
            assert by_unit[branch.id].due == sum(1 for r in own if r.status == "due")
    assert window.compliance_page.model.rowCount() == len(by_unit)

    # Return bundle: the second branch gets its receipt back and advances what it must send.
    back = tmp_path / "return-stick"
    back.mkdir()
    written = window.write_return_bundle(second.db.site_id, back)
    assert written is not None and written.path.is_file() and written.receipts >= 1
    [applied] = second.sync.apply_receipts([written.path])
    assert applied.acknowledged_seq == second.sync.status().current_seq
    assert second.sync.status().pending_records == 0


def test_revoked_device_is_refused_in_the_import_log(window, make_branch, tmp_path):
    first = make_branch("东沟村党支部", [("钱学明", ID_A)])
    assert window.import_page.import_paths([_export(first, tmp_path / "stick")])
    window.branches_page.refresh()
    assert window.branches_page.revoke(first.db.site_id)
    row = next(window.branches_page.model.row_values(r) for r in range(window.branches_page.model.rowCount())
               if window.branches_page.model.key(r) == first.db.site_id)
    assert row[3] == "已吊销"
    assert not window.branches_page.revoke_button.isEnabled()

    unit = first.organisation.branches()[0]
    first.organisation.rename_unit(unit.id, unit.name + "（新）")
    assert window.import_page.import_paths([first.sync.export_bundle(tmp_path / "stick").path])
    [refused] = window.import_page.results
    assert refused.status == "rejected" and refused.reason
    assert window.import_page.model.data(window.import_page.model.index(0, 1)) == "已拒收"
    assert window.import_page.model.data(window.import_page.model.index(0, 0), Qt.ItemDataRole.ForegroundRole)
    names = [u.name for u in window.services.office_books.branch_units(first.db.site_id)]
    assert names == [unit.name]  # the refused rename changed nothing


class CancelAfterFirstFile:
    """A runner whose user presses Cancel as soon as the first file is done."""

    def __init__(self):
        self.results, self.errors = [], []

    def run(self, job, *, parent, title, on_result=None, on_error=None, on_finished=None, cancellable=True):
        progress = Progress()
        progress.on_step = lambda done, total, text: progress.cancel() if done >= 1 else None
        try:
            value = job(progress)
        except Exception as exc:
            on_error(exc)
        else:
            on_result(value)
        finally:
            on_finished()


def test_cancel_keeps_finished_bundles_and_drops_the_rest(window, make_branch, tmp_path):
    first, second = make_branch("东沟村党支部", [("钱学明", ID_A)]), make_branch("西沟村党支部", [("赵建国", ID_B)])
    paths = [_export(first, tmp_path / "stick"), _export(second, tmp_path / "stick")]
    window.job_runner = CancelAfterFirstFile()
    assert window.import_page.import_paths(paths)
    assert "已取消" in window.import_page.summary.text()
    assert window.import_page.import_button.isEnabled()
    assert [b.site_id for b in window.services.office.branches()] == [first.db.site_id]
    # Importing both again finishes the job: the first is a no-op duplicate.
    window.job_runner = SynchronousRunner()
    window.import_page.import_paths(paths)
    assert [r.status for r in window.import_page.results] == ["duplicate", "applied"]


def test_wrong_passphrase_is_asked_again(window, make_branch, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("dj_desktop.gui.workers.QMessageBox.warning", lambda parent, title, text: shown.append(text))
    window.passphrase = "not-the-passphrase"
    assert window.import_page.import_paths([_export(make_branch("东沟村党支部"), tmp_path / "stick")])
    assert shown and window.passphrase is None
    assert window.services.office.branches() == []



def test_a_full_stick_still_shows_what_was_imported(window, make_branch, tmp_path, monkeypatch):
    """Receipts beside the bundles on a full stick: the log lists the imported bundles, a warning says
    the receipts are missing and what to do, and the passphrase is kept (it was right)."""
    from dj_desktop.sync import importer

    def full_stick(path, text):
        raise OSError(28, "No space left on device")

    shown = []
    monkeypatch.setattr("dj_desktop.gui.workers.QMessageBox.warning", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(importer, "_write_receipt", full_stick)
    window.import_page.receipts_check.setChecked(True)
    assert window.import_page.import_paths([_export(make_branch("东沟村党支部"), tmp_path / "stick")])
    assert [r.status for r in window.import_page.results] == ["applied"]
    assert window.import_page.model.rowCount() == 1
    assert len(shown) == 1 and "数据包已导入" in shown[0]
    assert window.passphrase == PASSPHRASE

def test_import_runs_on_a_worker_thread_with_a_progress_dialog(qtbot, window, make_branch, tmp_path):
    from dj_desktop.gui.workers import ThreadPoolRunner

    runner = ThreadPoolRunner(min_duration_ms=0)
    window.job_runner = runner
    paths = [_export(make_branch(name, [(name[:2] + "明", id_number)]), tmp_path / "stick")
             for name, id_number in (("东沟村党支部", ID_A), ("西沟村党支部", ID_B))]
    assert window.import_page.import_paths(paths)
    assert not window.import_page.import_button.isEnabled()  # busy while the worker runs
    qtbot.waitUntil(lambda: runner.active_jobs == 0 and window.import_page.import_button.isEnabled(), timeout=30000)
    assert [r.status for r in window.import_page.results] == ["applied", "applied"]
    assert window.branches_page.model.rowCount() == 2


def test_a_pending_device_is_approved_on_the_devices_page(window, make_branch, tmp_path):
    window.services.office.set_accept_new_devices(False)
    branch = make_branch("东沟村党支部", [("钱学明", ID_A)])
    assert window.import_page.import_paths([_export(branch, tmp_path / "stick")])
    [held] = window.import_page.results
    assert held.status == "held" and "待确认" in window.import_page.summary.text()
    assert window.services.office_books.branch_units(branch.db.site_id) == []
    window.tabs.setCurrentWidget(window.devices_page)
    page = window.devices_page
    assert page.model.rowCount() == 1 and not page.accept_box.isChecked()
    row = page.model.row_values(0)
    assert (row[0], row[1], row[2], row[3]) == ("待确认", "东沟村党支部", held.device_fingerprint, 1)
    assert page.select_device(held.device_id) and page.approve_button.isEnabled()
    [merged] = page.approve(held.device_id)
    assert merged.status == "applied"
    assert [u.name for u in window.services.office_books.branch_units(branch.db.site_id)] == ["东沟村党支部"]
    assert page.model.row_values(0)[0] == "有效" and not page.approve_button.isEnabled()
    page.accept_box.setChecked(True)
    assert window.services.office.accepts_new_devices()
