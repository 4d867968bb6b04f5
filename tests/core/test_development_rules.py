"""The development time rules at their boundaries (day before, on, after), working days across a
holiday with 调休, the majority rule, probation extension, and recomputation that leaves actual
dates alone — under both shipped rule versions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dj_desktop.core.i18n import set_language
from dj_desktop.core.rules.development import (FileFacts, StepInput, StepRefused, Votes, check_application,
                                               check_extension, check_step, check_votes, next_step,
                                               probation_end, stage_code, step_bounds, timeline)
from dj_desktop.core.rules.development_rules import rules_from, validate_content
from dj_desktop.core.rules.workdays import WorkCalendar, nth_working_day, working_days_between
from dj_desktop.core.rulesets.loader import shipped_versions

TODAY = date(2027, 12, 31)
ONE_DAY = timedelta(days=1)
VOTES = Votes(entitled=9, present=7, in_favour=6)


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh_CN")
    yield
    set_language("en")


def _rules(version):
    v = next(v for v in shipped_versions("development") if v.version == version)
    return rules_from(v.content, v.ref)


@pytest.fixture(params=["2014", "2026"])
def rules(request):
    return _rules(request.param)


def facts(applied=date(2024, 1, 31), **done):
    return FileFacts(applied_on=applied, birth_date=date(1990, 5, 1),
                     done={int(k[1:]): tuple(v if isinstance(v, tuple) else (v,)) for k, v in done.items()})


def upto(n, day=date(2024, 1, 31), **overrides):
    """Steps 1..n all on ``day`` unless overridden (s7=..., ...)."""
    done = {f"s{i}": day for i in range(1, n + 1)}
    done.update(overrides)
    return facts(day, **done)


NEEDS = {2: dict(people=("张三",)), 3: dict(meeting=True), 5: dict(people=("李四",)), 7: dict(meeting=True),
         9: dict(sponsors=("李四", "王五")), 12: dict(meeting=True), 15: dict(meeting=True, votes=VOTES),
         16: dict(people=("赵六",)), 23: dict(meeting=True, votes=VOTES)}
CAL = WorkCalendar(years=frozenset(range(2014, 2030)))


def try_step(rules, f, no, on, calendar=CAL, **extra):
    return check_step(rules, f, no, StepInput(on=on, **{**NEEDS.get(no, {}), **extra}), calendar, TODAY)


def test_both_versions_have_25_steps_with_articles_and_2026_is_marked_unconfirmed():
    old, new = _rules("2014"), _rules("2026")
    assert len(old.steps) == len(new.steps) == 25
    assert all(s.article for s in old.steps.values())
    assert not old.unconfirmed and new.unconfirmed
    v2026 = next(v for v in shipped_versions("development") if v.version == "2026")
    assert "未确认" in v2026.note and "2014" in v2026.note
    assert validate_content({"steps": []})


# --- talk within one month of the application (31st + 1 month → month end) ---------------
def test_talk_within_one_month_clamps_to_month_end(rules):
    f = facts(s1=date(2024, 1, 31))
    assert step_bounds(rules, f, 2, CAL).latest == date(2024, 2, 29)       # leap year month end
    try_step(rules, f, 2, date(2024, 2, 28))
    try_step(rules, f, 2, date(2024, 2, 29))
    with pytest.raises(StepRefused, match="2024年3月1日|3/1/2024|2024"):
        try_step(rules, f, 2, date(2024, 3, 1))
    f23 = facts(date(2023, 1, 31), s1=date(2023, 1, 31))
    assert step_bounds(rules, f23, 2, CAL).latest == date(2023, 2, 28)


def test_refusal_names_the_rule_and_the_latest_date(rules):
    f = facts(s1=date(2024, 1, 31))
    with pytest.raises(StepRefused) as refused:
        try_step(rules, f, 2, date(2024, 3, 1))
    assert "第七条" in str(refused.value) and "2024" in str(refused.value)


# --- activist → candidate: one year or more (inclusive) ------------------------------------
def test_candidate_no_earlier_than_one_year_after_activist(rules):
    f = upto(6, s3=date(2024, 3, 15), s4=date(2024, 3, 15), s5=date(2024, 3, 15), s6=(date(2024, 9, 1), date(2025, 3, 1)))
    with pytest.raises(StepRefused, match="第十二条") as refused:
        try_step(rules, f, 7, date(2025, 3, 14))
    assert "2025" in str(refused.value)
    try_step(rules, f, 7, date(2025, 3, 15))
    try_step(rules, f, 7, date(2025, 3, 16))


def test_half_yearly_review_due_from_last_review(rules):
    f = upto(5, s3=date(2024, 3, 15), s4=date(2024, 3, 15), s5=date(2024, 3, 15))
    assert step_bounds(rules, f, 6, CAL).latest == date(2024, 9, 15)
    try_step(rules, f, 6, date(2024, 9, 15))
    with pytest.raises(StepRefused, match="第十一条"):
        try_step(rules, f, 6, date(2024, 9, 16))
    f2 = upto(6, s3=date(2024, 3, 15), s4=date(2024, 3, 15), s5=date(2024, 3, 15), s6=date(2024, 9, 1))
    assert step_bounds(rules, f2, 6, CAL).latest == date(2025, 3, 1)
    try_step(rules, f2, 6, date(2025, 2, 28))     # a second review is allowed while step 7 is not done


# --- public notice: ≥ 5 working days across a holiday with 调休 -----------------------------
OCT = WorkCalendar(holidays=frozenset(date(2025, 10, d) for d in range(1, 9)),
                   workdays=frozenset({date(2025, 9, 28), date(2025, 10, 11)}))


def test_working_days_across_the_national_day_holiday_and_make_up_days():
    assert OCT.is_working(date(2025, 9, 28))           # Sunday worked (调休)
    assert not OCT.is_working(date(2025, 10, 6))       # Monday off
    assert OCT.is_working(date(2025, 10, 11))          # Saturday worked
    # Posted Fri 26 Sep: 26, 28 (Sun, 调休), 29, 30, then 9 Oct is the fifth working day.
    counted = nth_working_day(OCT, date(2025, 9, 26), 5)
    assert counted.day == date(2025, 10, 9) and not counted.provisional
    assert working_days_between(OCT, date(2025, 9, 26), date(2025, 10, 11)) == 7


def test_notice_of_five_working_days_before_pre_review(rules):
    f = upto(12, s12=date(2025, 9, 26))
    assert step_bounds(rules, f, 13, OCT).earliest == date(2025, 10, 10)
    with pytest.raises(StepRefused, match="5个工作日"):
        try_step(rules, f, 13, date(2025, 10, 9), calendar=OCT)
    assert not try_step(rules, f, 13, date(2025, 10, 10), calendar=OCT).provisional
    try_step(rules, f, 13, date(2025, 10, 11), calendar=OCT)


def test_a_year_without_calendar_makes_the_count_provisional(rules):
    f = upto(12, s12=date(2025, 12, 29))
    verdict = try_step(rules, f, 13, date(2026, 1, 5), calendar=OCT)      # OCT has no 2026
    assert verdict.provisional
    assert step_bounds(rules, f, 13, OCT).provisional


# --- general meeting within one month of pre-review; quorum and majority --------------------
def test_general_meeting_within_one_month_of_pre_review(rules):
    f = upto(14, s13=date(2025, 5, 31), s14=date(2025, 5, 31))
    try_step(rules, f, 15, date(2025, 6, 30))
    with pytest.raises(StepRefused, match="第二十条"):
        try_step(rules, f, 15, date(2025, 7, 1))


@pytest.mark.parametrize("entitled,present,in_favour,ok", [
    (9, 4, 4, False),      # 4 of 9 present: no quorum (more than half = 5)
    (9, 5, 5, True),       # quorum, 5 of 9 in favour: passes
    (9, 9, 4, False),      # all present, 4 in favour: not more than half of those entitled
    (10, 5, 5, False),     # half is not more than half
    (10, 6, 6, True),
    (10, 8, 5, False),     # majority of those present, but not of those entitled
])
def test_majority_of_those_entitled_to_vote(rules, entitled, present, in_favour, ok):
    votes = Votes(entitled=entitled, present=present, in_favour=in_favour)
    if ok:
        check_votes(rules, votes)
    else:
        with pytest.raises(StepRefused):
            check_votes(rules, votes)


def test_a_general_meeting_without_quorum_is_refused(rules):
    f = upto(14, s13=date(2025, 5, 31), s14=date(2025, 5, 31))
    with pytest.raises(StepRefused, match="法定人数|到会"):
        try_step(rules, f, 15, date(2025, 6, 2), votes=Votes(entitled=9, present=4, in_favour=4))


# --- approval within 3 months, at most 6 with a reason --------------------------------------
def test_approval_within_three_months_at_most_six_with_a_reason(rules):
    f = upto(16, s15=date(2025, 1, 31), s16=date(2025, 2, 5))
    try_step(rules, f, 17, date(2025, 4, 30))
    with pytest.raises(StepRefused, match="第二十五条"):
        try_step(rules, f, 17, date(2025, 5, 1))
    assert try_step(rules, f, 17, date(2025, 5, 1), note="党委换届").special
    assert try_step(rules, f, 17, date(2025, 7, 31), note="党委换届").special
    with pytest.raises(StepRefused, match="第二十五条"):
        try_step(rules, f, 17, date(2025, 8, 1), note="党委换届")


def test_oath_within_one_month_of_approval(rules):
    f = upto(19, s17=date(2025, 3, 10), s18=date(2025, 3, 10), s19=date(2025, 3, 10))
    try_step(rules, f, 20, date(2025, 4, 10))
    with pytest.raises(StepRefused, match="宣誓"):
        try_step(rules, f, 20, date(2025, 4, 11))


# --- probation: one year from the general meeting, extension once by 6–12 months -------------
def test_conversion_meeting_not_before_probation_ends(rules):
    f = upto(22, s15=date(2025, 6, 30), s16=date(2025, 7, 1), s17=date(2025, 7, 2), s18=date(2025, 7, 2),
             s19=date(2025, 7, 2), s20=date(2025, 7, 2), s21=date(2025, 7, 2), s22=date(2026, 6, 20))
    assert probation_end(rules, f) == date(2026, 6, 30)
    with pytest.raises(StepRefused, match="预备期"):
        try_step(rules, f, 23, date(2026, 6, 29))
    try_step(rules, f, 23, date(2026, 6, 30))
    try_step(rules, f, 23, date(2026, 7, 1))


def test_probation_extension_moves_the_end_once(rules):
    base = upto(22, s15=date(2025, 6, 30), s17=date(2025, 7, 2), s18=date(2025, 7, 2), s19=date(2025, 7, 2),
                s20=date(2025, 7, 2), s21=date(2025, 7, 2), s22=date(2026, 6, 20))
    with pytest.raises(StepRefused, match="第三十四条"):
        check_extension(rules, base, 5, date(2026, 6, 30), TODAY)
    with pytest.raises(StepRefused, match="第三十四条"):
        check_extension(rules, base, 13, date(2026, 6, 30), TODAY)
    with pytest.raises(StepRefused):
        check_extension(rules, base, 6, date(2026, 6, 29), TODAY)      # before the probation ends
    check_extension(rules, base, 6, date(2026, 6, 30), TODAY)
    check_extension(rules, base, 12, date(2026, 6, 30), TODAY)
    extended = FileFacts(applied_on=base.applied_on, birth_date=base.birth_date, done=base.done,
                         extension_months=6, extensions=1)
    assert probation_end(rules, extended) == date(2026, 12, 30)
    with pytest.raises(StepRefused):
        try_step(rules, extended, 23, date(2026, 12, 29))
    try_step(rules, extended, 23, date(2026, 12, 30))
    with pytest.raises(StepRefused, match="只能延长一次|once"):
        check_extension(rules, extended, 6, date(2026, 12, 30), TODAY)


# --- order, people, sponsors, age, cancellation ------------------------------------------
def test_out_of_order_step_names_the_missing_one(rules):
    f = facts(s1=date(2024, 1, 31))
    with pytest.raises(StepRefused, match="第2步|step 2"):
        try_step(rules, f, 3, date(2024, 2, 5))
    with pytest.raises(StepRefused):
        try_step(rules, facts(s1=date(2024, 1, 31), s2=date(2024, 2, 5)), 2, date(2024, 2, 6))   # already done


def test_required_people_sponsors_and_meeting(rules):
    f = upto(8)
    with pytest.raises(StepRefused, match="--sponsor"):
        try_step(rules, f, 9, date(2024, 2, 1), sponsors=("李四",))
    with pytest.raises(StepRefused, match="不同"):
        try_step(rules, f, 9, date(2024, 2, 1), sponsors=("李四", "李四"))
    with pytest.raises(StepRefused, match="正式党员"):
        try_step(rules, f, 9, date(2024, 2, 1), sponsors_not_full=("王五",))
    with pytest.raises(StepRefused, match="--meeting"):
        try_step(rules, upto(2), 3, date(2024, 2, 1), meeting=False)
    with pytest.raises(StepRefused, match="--by"):
        try_step(rules, facts(s1=date(2024, 1, 31)), 2, date(2024, 2, 1), people=())


def test_applicant_under_18_is_refused_on_the_day_before_the_birthday(rules):
    with pytest.raises(StepRefused, match="第五条"):
        check_application(rules, date(2006, 3, 1), date(2024, 2, 29), TODAY)
    check_application(rules, date(2006, 3, 1), date(2024, 3, 1), TODAY)
    check_application(rules, date(2006, 3, 1), date(2024, 3, 2), TODAY)


def test_a_cancelled_file_takes_no_step():
    rules = _rules("2014")
    f = FileFacts(applied_on=date(2024, 1, 31), birth_date=None, done={1: (date(2024, 1, 31),)}, cancelled=True)
    with pytest.raises(StepRefused, match="取消"):
        try_step(rules, f, 2, date(2024, 2, 2))
    assert stage_code(rules, f) == "cancelled" and next_step(rules, f) is None


# --- the three tracks ----------------------------------------------------------------------
def test_recomputation_moves_the_plan_and_never_an_actual_date(rules):
    before = upto(3, s3=date(2024, 3, 15))
    rows = {r.no: r for r in timeline(rules, before, CAL)}
    assert rows[3].actual == (date(2024, 3, 15),) and rows[3].planned is None
    assert rows[7].planned == date(2025, 3, 15) and rows[7].bounds.earliest == date(2025, 3, 15)
    assert rows[7].bounds.planned_basis is False
    # The activist decision is corrected to a later day: the plan moves, actual dates stay.
    after = upto(3, s3=date(2024, 4, 20))
    rows2 = {r.no: r for r in timeline(rules, after, CAL)}
    assert rows2[7].planned == date(2025, 4, 20)
    assert rows2[1].actual == rows[1].actual and rows2[2].actual == rows[2].actual
    assert rows2[15].planned and rows2[15].bounds.planned_basis
    assert rows2[23].planned == rules.probation.add_to(rows2[15].planned)
