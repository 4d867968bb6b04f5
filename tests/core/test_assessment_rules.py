"""The assessment standards and every built-in scoring rule on hand-made facts: full, partial, zero;
the veto, star thresholds at their boundaries, the weighting, the yearly reminder window."""

from __future__ import annotations

import copy
import uuid
from datetime import date
from decimal import Decimal

import pytest

from dj_desktop.core.errors import UserError
from dj_desktop.core.rules import assessment as rules
from dj_desktop.core.rules.assessment_periods import parse_period
from dj_desktop.core.rules.assessment_rules import (
    RULES, AssessmentFacts, MeetingFact, PlanFact, TalkFact, TermFact,
)
from dj_desktop.core.rulesets.loader import shipped_versions

YEAR = dict(first=date(2025, 1, 1), last=date(2025, 12, 31))
M = [uuid.uuid4() for _ in range(4)]


def score(rule, params, **facts):
    return RULES[rule].score(params, AssessmentFacts(**{**YEAR, **facts}))


def meetings(kind, days):
    return tuple(MeetingFact(uuid.uuid4(), kind, d) for d in days)


def test_meetings_per_month_full_partial_zero():
    every = meetings("committee_meeting", [date(2025, m, 10) for m in range(1, 13)])
    assert score("meetings_per_month", {"kind": "committee_meeting"}, meetings=every).share == 1
    half = every[:6] + meetings("committee_meeting", [date(2025, 1, 20)])   # two in January count once
    result = score("meetings_per_month", {"kind": "committee_meeting"}, meetings=half)
    assert result.share == Decimal(6) / 12 and len(result.evidence) == 7 and "6" in result.note
    other_kind = meetings("themed_day", [date(2025, 3, 1)])
    assert score("meetings_per_month", {"kind": "committee_meeting"}, meetings=other_kind).share == 0


def test_meetings_per_quarter_and_per_year():
    kind = {"kind": "general_meeting"}
    four = meetings("general_meeting", [date(2025, 3, 31), date(2025, 4, 1), date(2025, 9, 30), date(2025, 12, 1)])
    assert score("meetings_per_quarter", kind, meetings=four).share == 1
    assert score("meetings_per_quarter", kind, meetings=four[:2]).share == Decimal(2) / 4
    assert score("meetings_per_quarter", kind, meetings=()).share == 0
    # A meeting on the day after the period is not counted.
    late = meetings("life_meeting", [date(2026, 1, 1)])
    assert score("meetings_per_year", {"kind": "life_meeting"}, meetings=late).share == 0
    assert score("meetings_per_year", {"kind": "life_meeting"},
                 meetings=meetings("life_meeting", [date(2025, 12, 31)])).share == 1


def test_talks_cover_members():
    talks = tuple(TalkFact(uuid.uuid4(), m, date(2025, 5, 1)) for m in M)
    assert score("talks_cover_members", {}, talks=talks, members=tuple(M)).share == 1
    assert score("talks_cover_members", {}, talks=talks[:1] * 3, members=tuple(M)).share == Decimal(1) / 4
    assert score("talks_cover_members", {}, talks=(), members=tuple(M)).share == 0
    assert score("talks_cover_members", {}, talks=talks, members=()).share == 0


def test_plan_and_summary():
    plan, summary = PlanFact(uuid.uuid4(), "plan", 2025), PlanFact(uuid.uuid4(), "summary", 2025)
    assert score("plan_and_summary", {}, plans=(plan, summary)).share == 1
    assert score("plan_and_summary", {}, plans=(plan,)).share == Decimal(1) / 2
    assert score("plan_and_summary", {}, plans=(PlanFact(uuid.uuid4(), "plan", 2024),)).share == 0
    quarter = RULES["plan_and_summary"].score({}, AssessmentFacts(date(2025, 1, 1), date(2025, 3, 31), plans=(plan,)))
    assert quarter.share == 1 and quarter.evidence == (("plans", plan.id),)


def test_committee_in_term_boundaries():
    on_last_day = TermFact(uuid.uuid4(), date(2023, 1, 1), date(2025, 12, 31))
    assert score("committee_in_term", {}, terms=(on_last_day,)).share == 1
    expired = TermFact(uuid.uuid4(), date(2022, 12, 31), date(2025, 12, 30))
    assert score("committee_in_term", {}, terms=(expired,)).share == 0
    assert score("committee_in_term", {}, terms=()).share == 0


def test_dues_collected_target_is_included():
    params = {"target": "0.95"}
    assert score("dues_collected", params, dues_owed=Decimal(100), dues_paid=Decimal(95)).share == 1
    partial = score("dues_collected", params, dues_owed=Decimal(100), dues_paid=Decimal("94.9"))
    assert partial.share == Decimal("0.949") and "94.9%" in partial.note
    assert score("dues_collected", params, dues_owed=Decimal(0), dues_paid=Decimal(0)).share == 0


# --- standards ------------------------------------------------------------------------------------
def shipped():
    return shipped_versions("assessment")[-1]


def test_the_shipped_standards_add_up_and_say_where_they_come_from():
    version = shipped()
    found = rules.standards_from(version.content)
    assert set(found) == {"star", "wuhao", "sanyou"}
    star = found["star"]
    assert [c.title for c in star.categories] == ["自身建设", "班子建设", "队伍建设", "基础工作", "中心工作",
                                                  "文化建设", "民主管理"]
    assert star.total == 100 and sum(c.points for c in star.categories) == 100
    assert {v.title for v in star.vetoes} == {"班子不团结", "未完成工作任务", "有党员受党纪政纪处分"}
    assert "未核实" in version.note and all(not s.confirmed for s in found.values())
    assert all(i.source for s in found.values() for i in s.items)


def test_a_standard_whose_items_do_not_add_up_or_names_an_unknown_rule_is_refused():
    content = copy.deepcopy(dict(shipped().content))
    content["standards"][0]["total"] = 99
    assert "100" in rules.validate_content(content)[""] and "99" in rules.validate_content(content)[""]
    content = copy.deepcopy(dict(shipped().content))
    content["standards"][0]["categories"][0]["items"][0]["rule"] = "meetings_every_day"
    message = rules.validate_content(content)[""]
    assert "meetings_every_day" in message and "meetings_per_month" in message


def test_stars_at_their_thresholds_and_the_veto():
    star = rules.standards_from(shipped().content)["star"]
    at = {Decimal("90"): 5, Decimal("89.9"): 4, Decimal("80"): 4, Decimal("70"): 3, Decimal("69.9"): 2,
          Decimal("60"): 2, Decimal("59.9"): 1}
    for total, stars in at.items():
        assert rules.stars_for(star, total) == stars, total
    assert rules.tier_for(star, 4) == "第一层级（四星级以上）" and rules.tier_for(star, 2) == "第三层级（二星级以下）"
    full = {i.id: i.points for i in star.items}
    assert rules.outcome(star, full, {}, set()).stars == 5
    vetoed = rules.outcome(star, full, {}, {"discipline"})
    assert vetoed.vetoed and vetoed.stars is None and vetoed.total == 100


def test_weighting_deductions_and_no_star_below_the_lowest_threshold():
    data = {"name": "city", "title": "市级示例", "total": 100, "source": "示例",
            "weighting": {"basic": "0.7", "appraisal": "0.3"},
            "categories": [{"id": "b", "title": "基本", "items": [{"id": "b1", "title": "基本项", "points": 100}]},
                           {"id": "a", "title": "评议", "part": "appraisal",
                            "items": [{"id": "a1", "title": "评议项", "points": 100}]}],
            "deductions": [{"id": "d1", "title": "扣分", "points": 10}],
            "stars": [{"stars": 5, "min": 90}, {"stars": 1, "min": 60}]}
    city = rules.standard_from(data)
    result = rules.outcome(city, {"b1": Decimal(90), "a1": Decimal(80)}, {"d1": Decimal(5)}, set())
    assert result.total == Decimal("83.5")          # (90 − 5) × 70% + 80 × 30%
    assert rules.outcome(city, {"b1": Decimal(50), "a1": Decimal(50)}, {}, set()).stars is None
    with pytest.raises(ValueError, match="0到10分"):
        rules.check_score(city.deductions[0], "11")


def test_a_typed_score_is_checked_against_the_items_points():
    item = rules.standard_from(dict(shipped().content["standards"][0])).item("self.development")
    assert rules.check_score(item, "5") == 5 and rules.check_score(item, "0") == 0
    for bad, words in (("5.5", "0到5分"), ("-1", "0到5分"), ("abc", "不是数字"), ("4.25", "一位小数")):
        with pytest.raises(ValueError) as caught:
            rules.check_score(item, bad)
        assert words in str(caught.value), (bad, str(caught.value))


def test_periods():
    today = date(2026, 11, 28)
    assert parse_period("2025", today).last == date(2025, 12, 31)
    assert (parse_period("2026-h2", today).first, parse_period("2026-Q1", today).last) == (
        date(2026, 7, 1), date(2026, 3, 31))
    assert parse_period("2026-2", today).text == "2026-02"
    for bad in ("2026-Q5", "2026-13", "26", "2026-H3"):
        with pytest.raises(UserError):
            parse_period(bad, today)
    with pytest.raises(UserError, match="2026-12"):
        parse_period("2026-12", today)


def test_yearly_reminder_window():
    window = rules.reminder_window(shipped().content)
    assert rules.yearly_reminder(date(2025, 11, 30), window, set()) is None
    assert rules.yearly_reminder(date(2025, 12, 1), window, set()) == (2025, date(2025, 12, 31), "due")
    assert rules.yearly_reminder(date(2025, 12, 31), window, set())[2] == "due"
    assert rules.yearly_reminder(date(2026, 1, 1), window, set()) == (2025, date(2025, 12, 31), "overdue")
    assert rules.yearly_reminder(date(2026, 3, 31), window, set())[2] == "overdue"
    assert rules.yearly_reminder(date(2026, 4, 1), window, set()) is None
    assert rules.yearly_reminder(date(2026, 1, 1), window, {2025}) is None


def test_star_history_triggers_and_the_five_star_cap():
    from dj_desktop.core.rules.star_history import five_star_cap, star_changes_from, triggers
    changes = star_changes_from(shipped().content)
    kinds = lambda stars: [(t.year, t.kind) for t in triggers(stars, changes)]  # noqa: E731
    assert kinds({2024: 4, 2025: 4}) == [] and kinds({2024: 3, 2025: 4}) == []
    assert kinds({2024: 4, 2025: 3}) == [(2025, "talk_secretary")]
    assert kinds({2024: 5, 2025: 3}) == [(2025, "talk_committee")]
    assert kinds({2024: 4, 2025: None}) == [(2025, "talk_committee")]          # vetoed: no star
    assert kinds({2024: 2, 2025: 2}) == []                                     # two years below three
    assert kinds({2023: 2, 2024: 2, 2025: 2}) == [(2025, "handling")]
    assert kinds({2023: 2, 2024: 3, 2025: 2}) == [(2025, "talk_secretary")]
    assert (five_star_cap(10, changes), five_star_cap(9, changes), five_star_cap(3, changes)) == (3, 2, 0)
