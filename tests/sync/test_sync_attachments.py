"""Attachment files travel once per content hash; a file missing at the branch is reported, not fatal."""

from __future__ import annotations

from PIL import Image
from sqlalchemy import select

from dj_desktop.core.models import OfficeAttachment
from dj_desktop.core.services.attachments import files_dir_for, stored_path
from dj_desktop.sync import export as export_mod
from dj_desktop.sync import payload as payload_mod


def _photo(path, colour) -> None:
    Image.new("RGB", (8, 8), colour).save(path, "PNG")


def test_duplicate_and_missing_attachments(office, make_branch, tmp_path):
    branch = make_branch("a")
    branch.add_branch()
    m1, m2 = branch.add_member("张三"), branch.add_member("李四")
    photo = tmp_path / "photo.png"
    _photo(photo, (200, 0, 0))
    shared = branch.services.attachments.add("member", m1, photo)
    branch.services.attachments.add("member", m2, photo)          # same bytes on two records
    first = branch.services.sync.export_bundle(branch.stick)
    assert first.attachments == 1 and first.counts["attachment"] == 2
    result = office.import_one(first.path)
    assert result.status == "applied" and result.applied["attachment"] == 2 and result.problems == ()
    with office.db.sessions.begin() as s:
        (stored,) = s.scalars(select(OfficeAttachment)).all()
        assert stored.sha256 == shared.sha256 and stored.content == photo.read_bytes()

    # Another record with the same photo: it travels again but is kept once.
    branch.services.sync.apply_receipts([result.receipt_path])
    m3 = branch.add_member("王五")
    branch.services.attachments.add("member", m3, photo)
    # And a record whose file vanished from the branch's disk before the export.
    lost_photo = tmp_path / "lost.png"
    _photo(lost_photo, (0, 0, 200))
    lost = branch.services.attachments.add("member", m3, lost_photo)
    stored_path(files_dir_for(branch.db), lost.sha256).unlink()
    second = branch.services.sync.export_bundle(branch.stick)
    assert second.attachments == 1
    again = office.import_one(second.path)
    assert again.status == "applied"
    assert [(p["code"], p["sha256"]) for p in again.problems] == [("attachment_missing", lost.sha256)]
    with office.db.sessions.begin() as s:
        assert s.scalars(select(OfficeAttachment.sha256)).all() == [shared.sha256]


def test_photos_larger_than_memory_budget_stream_through_the_export(office, make_branch, tmp_path, monkeypatch):
    """The plaintext spills to a temporary file at both ends and travels chunk by chunk; a stored file whose
    bytes no longer match its hash (a damaged disk) is left out and reported missing by the office."""
    monkeypatch.setattr(payload_mod, "PLAIN_IN_MEMORY", 4096)     # at the branch and at the office
    branch = make_branch("a")
    branch.add_branch()
    member = branch.add_member("张三")
    added = []
    for n in range(3):
        photo = tmp_path / f"big{n}.png"
        Image.effect_noise((300, 300), 40 + n).convert("RGB").save(photo, "PNG")   # ~100 KB, incompressible
        added.append(branch.services.attachments.add("member", member, photo))
    damaged = stored_path(files_dir_for(branch.db), added[2].sha256)
    damaged.write_bytes(damaged.read_bytes()[:-10] + b"0123456789")
    with branch.db.sessions.begin() as s:
        written = export_mod.export_bundle(s, branch.stick, site_id=branch.site_id, full=True,
                                           read_attachment=branch.services.sync._read_attachment,
                                           chunk_size=64 * 1024)
    assert written.attachments == 2 and written.size > 200_000
    result = office.import_one(written.path)
    assert result.status == "applied", result.reason
    assert [(p["code"], p["sha256"]) for p in result.problems] == [("attachment_missing", added[2].sha256)]
    with office.db.sessions.begin() as s:
        stored = {a.sha256: a.content for a in s.scalars(select(OfficeAttachment))}
    assert stored == {a.sha256: stored_path(files_dir_for(branch.db), a.sha256).read_bytes() for a in added[:2]}
