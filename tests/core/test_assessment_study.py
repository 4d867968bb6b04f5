"""The ``study_hours_at_target`` scoring rule: on plain facts at its boundaries (a member exactly at
target, the share exactly reached), and over the records through a standard imported with the rule."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from dj_desktop.core.assessment_standard_files import export_standard, import_standard
from dj_desktop.core.models import Attendance, Meeting
from dj_desktop.core.models.points import PracticeActivity
from dj_desktop.core.rules.assessment import standard_from
from dj_desktop.core.rules.assessment_rules import RULES, AssessmentFacts
from dj_desktop.core.rules.assessment_study import StudyFact

from manual_world import build_world

RULE = RULES["study_hours_at_target"]
FIRST, LAST = date(2025, 1, 1), date(2025, 12, 31)


def _facts(*hours_and_targets):
    return AssessmentFacts(FIRST, LAST, study=tuple(StudyFact(uuid.uuid4(), Decimal(h), Decimal(t))
                                                    for h, t in hours_and_targets))


def test_full_partial_and_zero_at_the_boundaries():
    nine_of_ten = [("32", "32")] * 9 + [("31.9", "32")]          # 32 of 32 counts: the target is included
    assert RULE.score({"share": "0.9"}, _facts(*nine_of_ten)).share == 1
    eight_of_ten = [("56", "56")] * 8 + [("55.9", "56")] * 2
    assert RULE.score({"share": "0.9"}, _facts(*eight_of_ten)).share == Decimal("0.8")
    assert RULE.score({"share": "0.9"}, _facts(("0", "32"), ("10", "32"))).share == 0
    empty = RULE.score({"share": "0.9"}, _facts())
    assert empty.share == 0 and empty.note
    assert RULE.check({"share": "0.9"}) is None
    assert RULE.check({"share": "1.1"}) and RULE.check({}) and RULE.check({"share": "0"})


def test_a_standard_with_the_rule_scores_from_meetings_and_practice(services, db):
    w = build_world(db)
    m = w.members
    with db.sessions.begin() as s:
        meeting = Meeting(branch_id=w.branch, kind="party_lesson", held_on=date(2025, 2, 10), study_hours=8)
        s.add(meeting)
        s.flush()
        for name in ("王书记", "李组织", "赵宣传", "钱一", "孙二", "周三", "冯转出"):
            s.add(Attendance(meeting_id=meeting.id, member_id=m[name], present=True))
        s.add(PracticeActivity(branch_id=w.branch, member_id=m["王书记"], done_on=date(2025, 3, 31), kind="study",
                               study_hours=6))                       # 8 + 6 = 14 = 56 × 3/12: at target
        s.add(PracticeActivity(branch_id=w.branch, member_id=m["李组织"], done_on=date(2025, 3, 31), kind="study",
                               study_hours=5.9))                     # 13.9: the day's hours fall short
        s.add(PracticeActivity(branch_id=w.branch, member_id=m["赵宣传"], done_on=date(2025, 4, 1), kind="study",
                               study_hours=20))                      # the day after the quarter: not counted
    data = export_standard(services.rulesets, "star", date(2025, 6, 1))
    first = data["standard"]["categories"][0]["items"]
    first[0]["points"] = 7
    first.append({"id": "self.study", "title": "党员学习学时达标", "points": 5, "rule": "study_hours_at_target",
                  "params": {"share": "0.9"}, "evidence": ["meetings", "practice"]})
    standard_from(data["standard"])
    import_standard(services.rulesets, data, version="2025-study", effective_from=date(2025, 1, 1),
                    today=date(2025, 1, 1))
    sheet = services.assessment.sheet(period="2025-Q1", standard="star", today=date(2026, 11, 28))
    item = next(i for i in sheet.items if i.id == "self.study")
    # 钱一, 孙二, 周三, 冯转出 reach 8 of 8; 王书记 14 of 14; 李组织 and 赵宣传 fall short: 5 of 7.
    assert "5" in item.note and "7" in item.note
    assert item.auto_score == Decimal("3.6")                           # 5 × 5/7
    assert {book for book, _id in item.evidence} == {"meetings", "practice"} and len(item.evidence) == 3
