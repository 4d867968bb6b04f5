"""Restoring, through the backup dialog, a backup made before the password was changed: the dialog
asks for the password the database had then; a wrong one is refused in Chinese and changes nothing,
the right one restores (and the old password opens the restored database)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services
from dj_desktop.core.sqlite_connect import forget_key
from dj_desktop.gui.dialogs.backup_dialog import BackupDialog
from dj_desktop.gui.password_prompt import PasswordDialog
from dj_desktop.gui.workers import SynchronousRunner

OLD, NEW = "门前大桥下游过一群鸭", "快来快来数一数二四六七八"


def _protected_with_backup(tmp_path):
    """A branch database with the password OLD and a backup taken under it."""
    path = tmp_path / "branch.db"
    services = build_services(open_database(path))
    services.organisation.create_first_branch("幸福里社区党支部")
    services = build_services(services.passwords.set_password(OLD, OLD).db)
    return path, services, services.backups.take()


def test_a_backup_under_the_old_password_asks_for_it(qtbot, tmp_path, monkeypatch, answer_modal):
    path, services, backup = _protected_with_backup(tmp_path)
    assert not services.backups.needs_password(backup.path)         # same key: nothing to ask
    services = build_services(services.passwords.change_password(OLD, NEW, NEW).db)
    assert services.backups.needs_password(backup.path)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = BackupDialog(services)
    dialog.job_runner = SynchronousRunner()
    qtbot.addWidget(dialog)
    messages: list[str] = []

    def answer(prompt):
        assert isinstance(prompt, PasswordDialog) and "另一个密码" in prompt.message.text()
        ok = prompt.buttons.button(QDialogButtonBox.StandardButton.Ok)
        prompt.edit.setText(NEW)                  # today's password does not open the old backup
        ok.click()
        messages.append(prompt.message.text())
        prompt.edit.setText(OLD)
        ok.click()

    try:
        seen = answer_modal(answer)
        dialog.restore(str(backup.path))
        assert seen and "密码错误" in messages[0]
        assert dialog.restored == str(path)
        forget_key(path)
        restored = open_database(path, create=False, password=OLD)     # the database as it was then
        assert [b.name for b in build_services(restored).organisation.branches()] == ["幸福里社区党支部"]
        restored.dispose()
    finally:
        services.db.dispose()
        forget_key(path)


def test_cancelling_the_password_restores_nothing(qtbot, tmp_path, monkeypatch, answer_modal):
    path, services, backup = _protected_with_backup(tmp_path)
    services = build_services(services.passwords.remove_password(OLD).db)   # now plain: the backup asks
    assert services.backups.needs_password(backup.path)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = BackupDialog(services)
    qtbot.addWidget(dialog)
    before = path.read_bytes()
    try:
        seen = answer_modal(lambda prompt: prompt.reject())
        dialog.restore(str(backup.path))
        assert seen and dialog.restored is None and path.read_bytes() == before
    finally:
        services.db.dispose()
        forget_key(path)
