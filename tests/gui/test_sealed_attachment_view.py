"""A photo of a password-protected database in the meeting dialog: the thumbnail shows the picture and
double-clicking opens a decrypted copy readable by this user only, while the stored file stays sealed."""

from __future__ import annotations

import os
import stat
from datetime import date

from PIL import Image
from PySide6.QtCore import Qt

from dj_desktop.core import attachment_keys, encryption, sealed_files
from dj_desktop.core import password as password_ops
from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services
from dj_desktop.core.services.meeting_records import MeetingInput
from dj_desktop.core.sqlite_connect import forget_key
from dj_desktop.gui.dialogs import attachment_strip
from dj_desktop.gui.dialogs.meeting_dialog import MeetingDialog

PASSWORD = "门前大桥下游过一群鸭"


def test_a_sealed_photo_shows_and_opens_decrypted(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(encryption, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(encryption, "ARGON2_MEMORY_KIB", 8 * 1024)
    path = tmp_path / "branch.db"
    db = open_database(path)
    services = build_services(db)
    branch = services.organisation.create_first_branch("东风村党支部")
    meeting = services.meetings.create(MeetingInput(branch_id=branch.id, kind="themed_day", held_on=date(2026, 7, 1),
                                                    theme="庆祝建党节"), today=date(2026, 7, 2))
    photo = tmp_path / "会场.jpg"
    Image.new("RGB", (80, 60), (200, 30, 30)).save(photo, "JPEG")
    stored = services.attachments.add("meeting", meeting.id, photo).path
    db.dispose()
    password_ops.set_password(path, PASSWORD)
    forget_key(path)
    attachment_keys.forget(attachment_keys.store_of_database(path))
    db = open_database(path, create=False, password=PASSWORD)
    try:
        dialog = MeetingDialog(build_services(db), branch_id=branch.id, meeting_id=meeting.id)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        strip = dialog.attachments
        assert strip.list.count() == 1
        thumb = strip.list.item(0).icon().pixmap(64, 64).toImage()
        centre = thumb.pixelColor(thumb.width() // 2, thumb.height() // 2)
        assert centre.red() > 150 and centre.green() < 90        # the red photo, not the grey/broken box
        opened = []
        monkeypatch.setattr(attachment_strip.QDesktopServices, "openUrl", lambda url: opened.append(url))
        rect = strip.list.visualItemRect(strip.list.item(0))
        qtbot.mouseClick(strip.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(strip.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        (url,) = opened
        copy = url.toLocalFile()
        assert copy != str(stored) and copy.endswith("会场.jpg")
        with open(copy, "rb") as fh:
            assert fh.read() == photo.read_bytes()
        assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
        assert sealed_files.is_sealed(stored)
    finally:
        db.dispose()
        forget_key(path)
