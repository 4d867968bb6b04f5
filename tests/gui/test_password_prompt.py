"""The password dialog over a real encrypted database: wrong passwords say so, the third one makes
the dialog wait before it takes another, the right one opens the database."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from dj_desktop.core.db import open_database
from dj_desktop.core.password import set_password
from dj_desktop.core.services import build_services
from dj_desktop.core.sqlite_connect import forget_key
from dj_desktop.gui.password_prompt import PasswordDialog

PASSWORD = "门前大桥下游过一群鸭"


def test_three_wrong_passwords_then_a_wait_then_the_right_one_opens(qtbot, tmp_path):
    path = tmp_path / "branch.db"
    db = open_database(path)
    build_services(db).organisation.create_first_branch("东风村党支部")
    db.dispose()
    set_password(path, PASSWORD)
    forget_key(path)
    dialog = PasswordDialog(lambda pw: open_database(path, create=False, password=pw), where=str(path),
                            wait_seconds=1)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    for n in range(3):
        dialog.edit.setText(f"wrong password {n}")
        ok.click()
    assert dialog.wrong == 3 and dialog.waiting
    assert not ok.isEnabled() and not dialog.edit.isEnabled()
    assert "Wait" in dialog.message.text() or "等待" in dialog.message.text()
    qtbot.waitUntil(lambda: not dialog.waiting, timeout=5000)
    assert ok.isEnabled()
    dialog.edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        ok.click()
    opened = dialog.result_value
    try:
        assert [b.name for b in build_services(opened).organisation.branches()] == ["东风村党支部"]
    finally:
        opened.dispose()
        forget_key(path)
