"""Attachments sealed at rest travel readable: the bundle carries the plain bytes (it is encrypted for
the office as a whole), so the office keeps the photo itself, not the branch's sealed file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from dj_desktop.core import attachment_keys, sealed_files
from dj_desktop.core.models import OfficeAttachment


def test_a_sealed_photo_reaches_the_office_as_the_photo(office, make_branch, tmp_path):
    branch = make_branch("a")
    branch.add_branch()
    member = branch.add_member("张三")
    db_path = Path(branch.db.path)
    conn = sqlite3.connect(db_path, isolation_level=None)      # what `password set` does to the store
    try:
        attachment_keys.seal_store(db_path, conn)
    finally:
        conn.close()
    photo = tmp_path / "photo.png"
    Image.new("RGB", (8, 8), (200, 0, 0)).save(photo, "PNG")
    info = branch.services.attachments.add("member", member, photo)
    assert sealed_files.is_sealed(info.path)                    # sealed on the branch's disk
    result = office.import_one(branch.services.sync.export_bundle(branch.stick).path)
    assert result.status == "applied" and result.problems == ()
    with office.db.sessions.begin() as s:
        (stored,) = s.scalars(select(OfficeAttachment)).all()
        assert stored.content == photo.read_bytes()
    attachment_keys.forget(attachment_keys.store_of_database(db_path))
