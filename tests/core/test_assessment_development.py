"""The ``development_on_time`` scoring rule: on plain facts, and over a real development file at the
boundary of its next step's latest date (the day before, on, after), through a standard that uses it."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from dj_desktop.core.assessment_standard_files import export_standard, import_standard
from dj_desktop.core.rules.assessment import standard_from
from dj_desktop.core.rules.assessment_development import DevelopmentFact
from dj_desktop.core.rules.assessment_rules import RULES, AssessmentFacts
from dj_desktop.core.rules.id_number import make_id_number
from dj_desktop.core.services.assessment_development_facts import read_development

from development_world import TODAY, add_person, make_branch, walk

RULE = RULES["development_on_time"]


def _score(*people):
    return RULE.score({}, AssessmentFacts(date(2025, 1, 1), date(2025, 12, 31), development=people))


def test_everyone_on_time_scores_full_points_else_the_share_on_time():
    on_time = DevelopmentFact(uuid.uuid4(), "周申请")
    late = DevelopmentFact(uuid.uuid4(), "吴积极", late_steps=(7,))
    overdue = DevelopmentFact(uuid.uuid4(), "郑发展", overdue_step=12, overdue_since=date(2025, 6, 1))
    assert _score(on_time).share == 1 and len(_score(on_time).evidence) == 1
    result = _score(on_time, late, overdue, DevelopmentFact(uuid.uuid4(), "王对象"))
    assert result.share == Decimal("0.5")
    assert "吴积极" in result.note and "郑发展" in result.note and "12" in result.note
    empty = _score()
    assert empty.share == 0 and empty.note and RULE.check({}) is None


def test_the_next_steps_latest_date_is_on_time_the_day_after_is_overdue(services, db):
    branch, meeting = make_branch(services)
    person = add_person(services, branch)
    walk(services, person, meeting, up_to=5)
    row = services.development.timeline(person)[5]          # step 6, the next one
    latest = row.bounds.latest
    assert latest is not None

    def facts(last):
        with db.sessions() as s:
            return read_development(s, services.development, branch, date(2023, 1, 1), last, TODAY)

    assert facts(latest - timedelta(days=1))[0].on_time
    assert facts(latest)[0].on_time                          # the latest day itself is allowed
    after = facts(latest + timedelta(days=1))[0]
    assert not after.on_time and after.overdue_step == 6 and after.overdue_since == latest
    with db.sessions() as s:                                 # judged on today when the period runs on
        assert read_development(s, services.development, branch, date(2023, 1, 1), latest + timedelta(days=30),
                                latest)[0].on_time


def test_a_standard_with_the_rule_scores_the_development_files(services, db):
    branch, meeting = make_branch(services)
    walk(services, add_person(services, branch), meeting, up_to=25)     # a full member by 2025-05-07
    waiting = services.development.add(                                  # the talk never held
        branch, name="吴积极", id_number=make_id_number("110101", date(1999, 6, 1), 34, gender="male"),
        applied_on=date(2024, 1, 8), rules_version="2014", today=TODAY)
    data = export_standard(services.rulesets, "star", date(2025, 6, 1))
    first = data["standard"]["categories"][0]["items"]
    first[0]["points"] = 7
    first.append({"id": "self.on_time", "title": "发展党员各环节按时", "points": 5, "rule": "development_on_time",
                  "params": {}, "evidence": ["development"]})
    standard_from(data["standard"])
    import_standard(services.rulesets, data, version="2025-development", effective_from=date(2025, 1, 1),
                    today=date(2025, 1, 1))
    sheet = services.assessment.sheet(period="2025", standard="star", today=TODAY)
    item = next(i for i in sheet.items if i.id == "self.on_time")
    assert item.auto_score == Decimal("2.5") and "吴积极" in item.note           # 1 of 2 on time
    assert {rid for _book, rid in item.evidence} >= {waiting}
