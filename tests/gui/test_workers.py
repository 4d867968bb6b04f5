"""Background jobs: results on the UI thread, progress, cancel, and errors shown as messages."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from dj_desktop.core.errors import UserError
from dj_desktop.core.progress import Cancelled
from dj_desktop.gui.workers import SynchronousRunner, ThreadPoolRunner, runner_for


def test_threaded_job_delivers_its_result_on_the_ui_thread(qtbot):
    runner = ThreadPoolRunner(min_duration_ms=0)
    ui_thread = threading.get_ident()
    seen: dict = {}

    def job(progress):
        seen["job_thread"] = threading.get_ident()
        for i in range(3):
            progress.step(i, 3, f"第{i}步")
        return 42

    finished: list = []
    runner.run(job, parent=None, title="测试", on_result=lambda v: seen.update(value=v, thread=threading.get_ident()),
               on_finished=lambda: finished.append(True))
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert seen["value"] == 42
    assert seen["thread"] == ui_thread and seen["job_thread"] != ui_thread
    assert runner.active_jobs == 0


def test_cancel_in_the_progress_dialog_stops_the_job(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = ThreadPoolRunner(min_duration_ms=0)
    started, release = threading.Event(), threading.Event()
    steps: list[int] = []

    def job(progress):
        started.set()
        release.wait(5)
        for i in range(1000):
            progress.step(i, 1000)
            steps.append(i)
        return "finished"

    errors: list = []
    results: list = []
    runner.run(job, parent=parent, title="长任务", on_result=results.append, on_error=errors.append)
    assert started.wait(5)
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None
    cancel = dialog.findChild(QPushButton)
    assert cancel.text() == "取消"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: bool(errors or results), timeout=5000)
    assert results == [] and isinstance(errors[0], Cancelled)
    assert steps == []


def test_user_error_is_shown_with_its_text(qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    runner = SynchronousRunner()

    def job(progress):
        raise UserError("文件已损坏，请选择其他文件。")
    finished: list = []
    runner.run(job, parent=None, title="t", on_finished=lambda: finished.append(True))
    assert shown == ["文件已损坏，请选择其他文件。"] and finished == [True]


def test_unexpected_error_is_shown_without_details(qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    runner = ThreadPoolRunner()
    finished: list = []
    runner.run(lambda progress: 1 / 0, parent=None, title="t", on_finished=lambda: finished.append(True))
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert shown and "ZeroDivisionError" in shown[0]


def test_runner_for_finds_the_window_runner(qtbot, main_window, job_runner):
    child = QWidget(main_window)
    assert runner_for(child) is job_runner
    orphan = QWidget()
    qtbot.addWidget(orphan)
    assert isinstance(runner_for(orphan), ThreadPoolRunner)
