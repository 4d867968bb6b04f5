"""Assessment standards as files: export one, import a changed one as a new local version in effect
from a day (checked like a shipped one: totals, rule names), a frozen assessment keeps its version."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from dj_desktop.core.errors import UserError, ValidationError
from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)


def test_export_change_import_and_the_frozen_assessment_keeps_its_version(db, services):
    build_world(db)
    exported = services.assessment_standards.export("star", on=TODAY)
    assert exported["standard"]["name"] == "star" and exported["from_version"] == "assessment@2006"
    with pytest.raises(UserError, match="nonsense"):
        services.assessment_standards.export("nonsense")
    manual = {"self.development": "4", "team.study": "5", "ranks.models": "3", "basics.files": "4",
              "centre.tasks": "9.5", "culture.activities": "8", "democracy.open": "7"}
    services.assessment.save(period="2025", standard="star", scores=manual, today=TODAY)
    frozen = services.assessment.submit(period="2025", standard="star", today=TODAY)

    changed = copy.deepcopy(exported)
    items = changed["standard"]["categories"][1]["items"]
    study = next(i for i in items if i["id"] == "team.study")
    study["points"] = 3
    bad = copy.deepcopy(changed)
    with pytest.raises(ValidationError, match="100"):           # 98 points against a total of 100
        services.assessment_standards.import_(bad, effective_from=date(2026, 1, 1))
    items.append({"id": "team.hours", "title": "党员学时达标", "points": 2, "rule": "no_such_rule",
                  "how": "按学时", "source": "本支部", "evidence": ["practice"]})
    with pytest.raises(ValidationError, match="no_such_rule"):
        services.assessment_standards.import_(changed, effective_from=date(2026, 1, 1))
    items[-1].update(rule="study_hours_at_target", params={"target": "0.9"})
    version = services.assessment_standards.import_(json.loads(json.dumps(changed)), effective_from=date(2026, 1, 1))
    assert version.ref == "assessment@20260101-star" and version.effective_from == date(2026, 1, 1)

    new = services.assessment.sheet(period="2026", standard="star", today=TODAY)
    assert any(i.id == "team.hours" for i in new.items) and sum(i.max for i in new.items) == 100
    old = services.assessment.sheet(period="2025", standard="star", today=TODAY)
    assert old.frozen and not any(i.id == "team.hours" for i in old.items) and old.total == frozen.total
    assert [s.version for s in services.assessment.standards(on=date(2025, 12, 31))] == ["2006"] * 3
