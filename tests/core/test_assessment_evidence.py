"""Evidence files on assessment items: attached to a draft's item, refused for an unknown item and for
a submitted (frozen) version, kept by a new version, listed for the printed handbook."""

from __future__ import annotations

from datetime import date

import pytest
from PIL import Image

from dj_desktop.core.errors import UserError
from dj_desktop.core.services.assessment_evidence import evidence_file_lines

from manual_world import build_world

MANUAL = {"self.development": "4", "team.study": "5", "ranks.models": "3", "basics.files": "4",
          "centre.tasks": "9.5", "culture.activities": "8", "democracy.open": "7"}
TODAY = date(2026, 11, 28)


def test_evidence_files_follow_the_freeze_and_the_versions(services, db, tmp_path):
    build_world(db)
    photo, scan = tmp_path / "会议照片.png", tmp_path / "扫描件.png"
    Image.new("RGB", (20, 20), "red").save(photo)
    Image.new("RGB", (20, 20), "blue").save(scan)
    kw = dict(period="2025", standard="star")
    evidence = services.assessment_evidence
    with pytest.raises(UserError, match="no.such"):
        evidence.attach(item_id="no.such", path=photo, **kw)
    evidence.attach(item_id="basics.files", path=photo, caption="档案柜", **kw)       # makes the draft
    sheet = services.assessment.sheet(**kw)
    assert sheet.status == "draft"
    assert [f.filename for f in evidence.for_sheet(sheet)["basics.files"]] == ["会议照片.png"]

    services.assessment.save(scores=MANUAL, **kw)
    services.assessment.submit(today=TODAY, **kw)
    with pytest.raises(UserError):
        evidence.attach(item_id="basics.files", path=scan, **kw)                      # frozen
    draft = services.assessment.new_version(today=TODAY, **kw)
    assert [f.filename for f in evidence.for_sheet(draft)["basics.files"]] == ["会议照片.png"]   # kept
    evidence.attach(item_id="basics.files", path=scan, **kw)
    draft = services.assessment.sheet(**kw)
    assert [f.filename for f in evidence.for_sheet(draft)["basics.files"]] == ["会议照片.png", "扫描件.png"]
    first = next(h for h in services.assessment.history() if h.version_no == 1)
    assert first.status == "submitted"
    with db.sessions.begin() as s:
        assert evidence_file_lines(s, draft) == {"basics.files": ("会议照片.png（档案柜）", "扫描件.png")}
    assert services.assessment.handbook(draft).files["basics.files"][1] == "扫描件.png"
