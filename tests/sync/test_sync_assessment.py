"""The upper level scores a branch's submitted self-assessment at the office; its scores and final star
level travel back in the return bundle and show at the branch."""

from __future__ import annotations

from datetime import date

import pytest

from dj_desktop.core.errors import UserError, ValidationError

from sync_helpers import PASSPHRASE

TODAY = date(2026, 11, 28)
MANUAL = {"self.development": "4", "team.study": "5", "ranks.models": "3", "basics.files": "4",
          "centre.tasks": "9.5", "culture.activities": "8", "democracy.open": "7"}


def test_the_offices_score_arrives_at_the_branch(office, make_branch, tmp_path):
    branch = make_branch("a")
    unit = branch.add_branch()
    kw = dict(branch=unit, period="2025", standard="star", today=TODAY)
    branch.services.assessment.save(scores=MANUAL, **kw)
    with pytest.raises(UserError):
        office.services.assessment.office_score(scores={}, stars=3, **kw)      # nothing received yet
    submitted = branch.services.assessment.submit(**kw)
    office.import_one(branch.export())

    at_office = office.services.assessment.sheet(**kw)
    assert at_office.frozen and at_office.total == submitted.total
    scores = {i.id: str(i.max) for i in at_office.items}
    scores["centre.tasks"] = "11"
    with pytest.raises(ValidationError) as caught:
        office.services.assessment.office_score(scores=scores, stars=6, **kw)
    assert set(caught.value.problems) == {"centre.tasks", "stars"}
    scores["centre.tasks"] = "8"
    scored = office.services.assessment.office_score(scores=scores, stars=4, comment="基础工作扎实，中心工作需加强", **kw)
    assert scored.office_total == 98 and scored.office_stars == 4 and scored.total == submitted.total

    back = office.services.office.write_return_bundle(branch.site_id, passphrase=PASSPHRASE, to_dir=tmp_path / "back")
    assert back.decisions == 1
    branch.services.sync.apply_receipts([back.path])
    at_branch = branch.services.assessment.sheet(**kw)
    assert (at_branch.office_stars, at_branch.office_total, at_branch.office_comment) == (4, 98, "基础工作扎实，中心工作需加强")
    assert at_branch.office_scores["centre.tasks"] == 8 and at_branch.office_scored_on == TODAY
    # The branch's own scores and its freeze are untouched.
    assert at_branch.total == submitted.total and at_branch.frozen
