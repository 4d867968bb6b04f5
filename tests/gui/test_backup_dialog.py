"""文件 → 备份与恢复 driven through its real widgets over a real database."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QMessageBox

from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services
from dj_desktop.gui.dialogs.backup_dialog import BackupDialog
from dj_desktop.gui.workers import SynchronousRunner


def test_back_up_then_restore_through_the_dialog(qtbot, db_path, monkeypatch):
    services = build_services(open_database(db_path))
    services.organisation.create_first_branch("幸福里社区党支部")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = BackupDialog(services)
    dialog.job_runner = SynchronousRunner()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()

    dialog.backup_button.click()
    assert dialog.table.rowCount() == 1 and "幸福里社区党支部" in shown[-1]
    assert dialog.table.item(0, 4).text() == "通过"

    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE organisation SET name = '改错的名字'")
    dialog.restore_button.click()
    assert dialog.restored == str(db_path)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT name FROM organisation").fetchone() == ("幸福里社区党支部",)
    assert "已用" in shown[-1]
