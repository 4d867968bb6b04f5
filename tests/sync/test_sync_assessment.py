"""The upper level scores a branch's submitted self-assessment at the office; its scores and final star
level travel back in the return bundle and show at the branch."""

from __future__ import annotations

import json
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


def test_assess_score_on_the_command_line(office, make_branch, tmp_path, capsys):
    from dj_desktop.cli import main
    branch = make_branch("a")
    unit = branch.add_branch()
    kw = dict(branch=unit, period="2025", standard="star", today=TODAY)
    branch.services.assessment.save(scores=MANUAL, **kw)
    branch.services.assessment.submit(**kw)
    office.import_one(branch.export())
    items = [i.id for i in office.services.assessment.sheet(**kw).items]
    url = str(office.db.engine.url.render_as_string(hide_password=False))
    base = ["assess", "score", "--period", "2025", "--branch", "幸福里社区党支部", "--db", url]
    full = {i.id: i.max for i in office.services.assessment.sheet(**kw).items}
    capsys.readouterr()
    assert main([*base, "--score", "centre.tasks=8", "--stars", "4"]) == 2      # the other items are missing
    assert "上级" in capsys.readouterr().err
    assert main([*base, "--score", "no.such=1"]) == 2
    assert "no.such" in capsys.readouterr().err
    assert main([*base, "--score", "centre.tasks"]) == 2
    args = [f"--score={k}={v}" for k, v in full.items() if k != "centre.tasks"]
    assert main([*base, *args, "--score", "centre.tasks=11", "--stars", "4"]) == 2  # over the item's 10 points
    assert "11" in capsys.readouterr().err
    assert office.services.assessment.sheet(**kw).office_scored_on is None      # nothing saved
    assert main([*base, *args, "--score", "centre.tasks=8", "--stars", "4", "--comment", "中心工作需加强",
                 "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["office_total"], result["office_stars"], result["office_scores"]["centre.tasks"]) == (98, 4, 8)
    assert len(result["office_scores"]) == len(items)
    back = office.services.office.write_return_bundle(branch.site_id, passphrase=PASSPHRASE, to_dir=tmp_path / "b")
    branch.services.sync.apply_receipts([back.path])
    assert branch.services.assessment.sheet(**kw).office_comment == "中心工作需加强"
