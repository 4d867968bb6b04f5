"""GUI fixtures shared by every GUI test module.

- ``demo_db_path``: a copy (per test) of the demo database (``demo_copy``, tests/conftest.py).
- ``gui_services``: services over that copy.
- ``job_runner``: the synchronous runner the window hands to every tab and dialog.
- ``main_window``: the real :class:`MainWindow` over the demo copy, shown, with the
  synchronous runner and preferences in a temporary folder.
- ``type_text``: types into a widget like a user: ASCII through key clicks, other
  characters committed one by one as a Chinese input method does (QTest cannot click them).
- ``answer_modal``: runs a function on the next modal dialog (to fill and accept
  dialogs that a button opens with ``exec()``).
"""

from __future__ import annotations

from typing import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services
from dj_desktop.gui.app import build_window, install_font
from dj_desktop.gui.preferences import Preferences
from dj_desktop.gui.workers import SynchronousRunner


@pytest.fixture
def demo_db_path(tmp_path, demo_copy):
    return demo_copy(tmp_path / "demo.db")


@pytest.fixture
def gui_services(demo_db_path):
    services = build_services(open_database(demo_db_path, create=False))
    yield services
    services.db.dispose()


@pytest.fixture
def job_runner():
    return SynchronousRunner()


@pytest.fixture
def preferences(tmp_path):
    return Preferences(tmp_path / "preferences.ini")


@pytest.fixture
def main_window(qtbot, qapp, gui_services, job_runner, preferences):
    install_font(qapp)
    window = build_window(gui_services, preferences=preferences, job_runner=job_runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.filled)  # the first tab is filled just after the window appears
    return window


@pytest.fixture
def documents(tmp_path, monkeypatch):
    """A documents folder of its own, and no folder remembered from earlier tests."""
    from dj_desktop.gui import file_dialogs
    folder = tmp_path / "文档"
    folder.mkdir()
    monkeypatch.setattr(file_dialogs, "documents_folder", lambda: folder)
    monkeypatch.setattr(file_dialogs, "_session_folders", {})
    return folder


@pytest.fixture
def answer_modal(qtbot) -> Callable[[Callable[[QWidget], None]], list]:
    """``answer_modal(fn)`` before clicking: ``fn(dialog)`` runs once the modal dialog is open.

    Returns a list that receives the dialog (to check afterwards that one opened).
    """

    def arm(fn: Callable[[QWidget], None]) -> list:
        seen: list = []

        def poll(tries: int = 200) -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                if tries:
                    QTimer.singleShot(10, lambda: poll(tries - 1))
                return
            seen.append(dialog)
            try:
                fn(dialog)
            except BaseException:
                # Close the dialog so the test fails instead of waiting forever on exec().
                dialog.close()
                raise

        QTimer.singleShot(0, poll)
        return seen

    return arm


@pytest.fixture
def type_text(qtbot) -> Callable[[QWidget, str], None]:
    def type_into(widget: QWidget, text: str) -> None:
        for char in text:
            if char.isascii():
                qtbot.keyClicks(widget, char)
            else:
                event = QInputMethodEvent("", [])
                event.setCommitString(char)
                QApplication.sendEvent(widget, event)
    return type_into
