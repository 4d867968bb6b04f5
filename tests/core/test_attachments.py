"""AttachmentService: files stored once by content hash next to the database; wrong, large or damaged files refused."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date

import pytest
from PIL import Image

from dj_desktop.core.errors import UserError
from dj_desktop.core.services.meeting_records import MeetingInput

from manual_world import build_world


def _photo(path, colour=(200, 30, 30), size=(64, 48), fmt="JPEG"):
    Image.new("RGB", size, colour).save(path, fmt)
    return path


@pytest.fixture
def meeting(services, db):
    world = build_world(db)
    return services.meetings.create(MeetingInput(branch_id=world.branch, kind="themed_day", held_on=date(2026, 7, 1),
                                                 theme="庆祝建党节"), today=date(2026, 7, 2))


def test_stored_once_by_hash_and_linked(services, db_path, meeting, tmp_path):
    photo = _photo(tmp_path / "现场.jpg")
    copy = tmp_path / "副本.jpg"
    copy.write_bytes(photo.read_bytes())
    first = services.attachments.add("meeting", meeting.id, photo, caption="集体重温入党誓词")
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert first.sha256 == sha and first.content_type == "image/jpeg" and (first.width, first.height) == (64, 48)
    assert first.path == db_path.parent / f"{db_path.name}.files" / sha[:2] / sha[2:]
    assert first.path.read_bytes() == photo.read_bytes()
    # The same content again on the same record is the same link; on another record a new link, same file.
    assert services.attachments.add("meeting", meeting.id, copy).id == first.id
    other = services.attachments.add("talk", uuid.uuid4(), copy)
    assert other.id != first.id and other.path == first.path
    assert len(list(first.path.parent.parent.rglob("*"))) == 2  # one folder, one file
    pdf = tmp_path / "签到表.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    services.attachments.add("meeting", meeting.id, pdf)
    detail = services.meetings.get(meeting.id)
    assert [a.filename for a in detail.attachments] == ["现场.jpg", "签到表.pdf"]
    assert detail.attachments[0].caption == "集体重温入党誓词" and not detail.attachments[1].is_image
    assert services.meetings.list()[0].attachment_count == 2
    assert services.attachments.path_of(sha) == first.path
    services.attachments.remove(first.id, reason="照片模糊")
    assert [a.filename for a in services.attachments.list_for("meeting", meeting.id)] == ["签到表.pdf"]
    assert first.path.exists()  # history and the other record still need the bytes


def test_wrong_type_refused(services, meeting, tmp_path):
    doc = tmp_path / "会议记录.docx"
    doc.write_bytes(b"PK\x03\x04 not an image")
    with pytest.raises(UserError, match="不是照片或PDF"):
        services.attachments.add("meeting", meeting.id, doc)
    ico = tmp_path / "图标.ico"
    Image.new("RGB", (16, 16)).save(ico, "ICO")
    with pytest.raises(UserError, match="ICO"):
        services.attachments.add("meeting", meeting.id, ico)
    assert services.attachments.list_for("meeting", meeting.id) == []


def test_too_large_refused_by_setting(services, meeting, tmp_path):
    photo = _photo(tmp_path / "big.png", size=(400, 400), fmt="PNG")
    services.attachments.set_max_size_mb(0.0005)  # about 500 bytes
    with pytest.raises(UserError, match="超过了"):
        services.attachments.add("meeting", meeting.id, photo)
    services.attachments.set_max_size_mb(20)
    assert services.attachments.add("meeting", meeting.id, photo).content_type == "image/png"
    with pytest.raises(UserError):
        services.attachments.set_max_size_mb(0)


def test_corrupt_image_and_pdf_refused(services, meeting, tmp_path):
    photo = _photo(tmp_path / "ok.jpg", size=(200, 200))
    data = photo.read_bytes()
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(UserError, match="已损坏"):
        services.attachments.add("meeting", meeting.id, broken)
    png = _photo(tmp_path / "ok.png", size=(100, 100), fmt="PNG").read_bytes()
    garbled = tmp_path / "garbled.png"
    garbled.write_bytes(png[:40] + bytes(len(png) - 40))
    with pytest.raises(UserError, match="已损坏"):
        services.attachments.add("meeting", meeting.id, garbled)
    pdf = tmp_path / "half.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>")
    with pytest.raises(UserError, match="PDF"):
        services.attachments.add("meeting", meeting.id, pdf)
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    with pytest.raises(UserError, match="空文件"):
        services.attachments.add("meeting", meeting.id, empty)
    assert services.attachments.list_for("meeting", meeting.id) == []
