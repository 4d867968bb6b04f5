"""Cadence rules at month, quarter and year boundaries, for branches and members that start mid-year."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from dj_desktop.core.rules.cadence import (
    BranchFacts, GroupFacts, MeetingFacts, MemberFacts, SeatFacts, TalkFacts, TermFacts, branch_reminders,
)
from dj_desktop.core.rules.cadence_settings import (
    Cadence, CadenceSettings, content_of, local_values_of, settings_from,
)
from dj_desktop.core.rules.periods import full_months_from, period_of

S = CadenceSettings()
SEC, ORG, PROP = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
G1, G2 = uuid.uuid4(), uuid.uuid4()


def _member(mid, name, *, arrived=date(2015, 1, 1), left=None, joined=date(2010, 7, 1), group=G1):
    return MemberFacts(id=mid, name=name, arrived_on=arrived, left_on=left, joined_on=joined, group_id=group)


def _branch(**kw) -> BranchFacts:
    base = dict(
        id=uuid.uuid4(), name="红星村党支部", founded_on=date(2010, 1, 1),
        members=(_member(SEC, "王书记"), _member(ORG, "李组织"), _member(PROP, "赵宣传", group=G2)),
        groups=(GroupFacts(G1, "第一党小组"), GroupFacts(G2, "第二党小组")),
        seats=(SeatFacts(SEC, "secretary", date(2024, 1, 1)), SeatFacts(ORG, "organisation", date(2024, 1, 1)),
               SeatFacts(PROP, "propaganda", date(2024, 1, 1))),
        terms=(TermFacts(uuid.uuid4(), date(2024, 1, 1), date(2028, 12, 31)),),
    )
    base.update(kw)
    return BranchFacts(**base)


def _monthly(kind, year, months, *, group=None, day=10):
    return tuple(MeetingFacts(kind, date(year, m, day), group_id=group) for m in months)


def _of(reminders, kind):
    return [r for r in reminders if r.kind == kind]


# -- monthly committee meeting ------------------------------------------------------------------

def test_committee_meeting_month_boundary():
    meetings = _monthly("committee_meeting", 2025, range(1, 13)) + _monthly("committee_meeting", 2026, [1, 2])
    b = _branch(meetings=meetings)
    on_last_day = _of(branch_reminders(b, date(2026, 3, 31), S), "committee_meeting")
    assert [(r.due, r.status) for r in on_last_day] == [(date(2026, 3, 31), "due")]
    assert "尚未召开" in on_last_day[0].message and "支委会" in on_last_day[0].message
    next_day = _of(branch_reminders(b, date(2026, 4, 1), S), "committee_meeting")
    assert [(r.due, r.status) for r in next_day] == [(date(2026, 3, 31), "overdue"), (date(2026, 4, 30), "due")]
    assert (next_day[0].target.book, next_day[0].target.action) == ("meetings", "create")
    assert next_day[0].target.preset["kind"] == "committee_meeting"
    # Holding March's meeting late still counts for March.
    held = replace(b, meetings=meetings + (MeetingFacts("committee_meeting", date(2026, 3, 31)),))
    assert [r.due for r in _of(branch_reminders(held, date(2026, 4, 1), S), "committee_meeting")] == [date(2026, 4, 30)]


def test_committee_meeting_year_boundary():
    b = _branch(meetings=_monthly("committee_meeting", 2025, range(1, 12)))
    jan1 = _of(branch_reminders(b, date(2026, 1, 1), S), "committee_meeting")
    assert [(r.due, r.status) for r in jan1] == [(date(2025, 12, 31), "overdue"), (date(2026, 1, 31), "due")]
    assert "2025年12月" in jan1[0].message


def test_no_committee_meeting_without_a_committee():
    b = _branch(seats=(SeatFacts(SEC, "secretary", date(2024, 1, 1)),))
    assert _of(branch_reminders(b, date(2026, 3, 15), S), "committee_meeting") == []


def test_old_gaps_fall_out_of_the_lookback_window():
    b = _branch(meetings=())
    dues = {r.due for r in _of(branch_reminders(b, date(2026, 6, 15), S), "committee_meeting")}
    assert date(2025, 6, 30) in dues and date(2025, 5, 31) not in dues
    short = replace(S, overdue_lookback_days=40)
    dues = {r.due for r in _of(branch_reminders(b, date(2026, 6, 15), short), "committee_meeting")}
    assert dues == {date(2026, 5, 31), date(2026, 6, 30)}


# -- groups and themed day ----------------------------------------------------------------------

def test_group_meeting_per_group():
    meetings = _monthly("group_meeting", 2026, [1, 2, 3], group=G1) + _monthly("group_meeting", 2026, [1, 2], group=G2)
    b = _branch(meetings=meetings)
    got = _of(branch_reminders(b, date(2026, 4, 2), replace(S, overdue_lookback_days=60)), "group_meeting")
    assert [(r.subject, r.due, r.status) for r in got] == [
        ("第二党小组 2026年3月", date(2026, 3, 31), "overdue"),
        ("第一党小组 2026年4月", date(2026, 4, 30), "due"),
        ("第二党小组 2026年4月", date(2026, 4, 30), "due"),
    ]
    assert got[0].target.preset["group_id"] == G2


def test_group_founded_mid_month_owes_from_next_month():
    groups = (GroupFacts(G1, "第一党小组", founded_on=date(2026, 5, 12)),)
    b = _branch(groups=groups, meetings=())
    got = _of(branch_reminders(b, date(2026, 6, 3), S), "group_meeting")
    assert [r.due for r in got] == [date(2026, 6, 30)]


def test_themed_day_fixed_day_of_month():
    settings = replace(S, themed_day_of_month=10, overdue_lookback_days=20)
    b = _branch(meetings=())
    assert [(r.due, r.status) for r in _of(branch_reminders(b, date(2026, 3, 10), settings), "themed_day")] == [
        (date(2026, 3, 10), "due")]
    assert [(r.due, r.status) for r in _of(branch_reminders(b, date(2026, 3, 11), settings), "themed_day")] == [
        (date(2026, 3, 10), "overdue")]


# -- quarterly ----------------------------------------------------------------------------------

def test_general_meeting_and_lesson_quarter_boundary():
    b = _branch(meetings=(MeetingFacts("general_meeting", date(2025, 10, 20)),
                          MeetingFacts("party_lesson", date(2025, 11, 3), lecturer_id=SEC)))
    settings = replace(S, overdue_lookback_days=100)
    before = branch_reminders(b, date(2026, 3, 31), settings)
    assert [(r.due, r.status) for r in _of(before, "general_meeting")] == [(date(2026, 3, 31), "due")]
    after = branch_reminders(b, date(2026, 4, 1), settings)
    assert [(r.due, r.status) for r in _of(after, "general_meeting")] == [(date(2026, 3, 31), "overdue")]
    assert [(r.due, r.status) for r in _of(after, "party_lesson")] == [(date(2026, 3, 31), "overdue")]
    assert "2026年第1季度" in _of(after, "party_lesson")[0].subject
    # Early in a quarter nothing is said yet about that quarter.
    assert _of(branch_reminders(b, date(2026, 1, 5), replace(settings, overdue_lookback_days=3)),
               "general_meeting") == []


def test_quarter_owed_only_if_branch_existed_by_its_last_month():
    late = _branch(founded_on=date(2026, 6, 2), meetings=())
    early = _branch(founded_on=date(2026, 6, 1), meetings=())
    assert _of(branch_reminders(late, date(2026, 7, 1), S), "general_meeting") == []
    assert [r.due for r in _of(branch_reminders(early, date(2026, 7, 1), S), "general_meeting")] == [date(2026, 6, 30)]


# -- branch founded mid-year --------------------------------------------------------------------

def test_branch_founded_mid_year():
    b = _branch(founded_on=date(2026, 6, 20), meetings=(), seats=tuple(
        replace(s, started_on=date(2026, 6, 20)) for s in _branch().seats), talks=())
    got = branch_reminders(b, date(2026, 7, 5), S)
    assert [r.due for r in _of(got, "committee_meeting")] == [date(2026, 7, 31)]
    assert not any(r.due.year < 2026 for r in got)
    # The yearly duties of 2026 are owed (founded before December), shown as overdue in January.
    jan = branch_reminders(b, date(2027, 1, 2), S)
    assert [r.due for r in _of(jan, "life_meeting")] == [date(2026, 12, 31)]
    assert [r.due for r in _of(jan, "appraisal_meeting")] == [date(2026, 12, 31)]
    assert [r.due for r in _of(jan, "committee_meeting")] == [
        date(2026, 7, 31), date(2026, 8, 31), date(2026, 9, 30), date(2026, 10, 31), date(2026, 11, 30),
        date(2026, 12, 31), date(2027, 1, 31)]


# -- yearly -------------------------------------------------------------------------------------

def test_life_meeting_and_appraisal_year_boundary():
    b = _branch(meetings=(MeetingFacts("life_meeting", date(2024, 12, 20)),
                          MeetingFacts("appraisal_meeting", date(2025, 12, 30))))
    dec31 = branch_reminders(b, date(2025, 12, 31), S)
    assert [(r.due, r.status) for r in _of(dec31, "life_meeting")] == [(date(2025, 12, 31), "due")]
    assert _of(dec31, "appraisal_meeting") == []
    jan1 = branch_reminders(b, date(2026, 1, 1), S)
    assert [(r.due, r.status) for r in _of(jan1, "life_meeting")] == [(date(2025, 12, 31), "overdue")]
    assert "组织生活会" in _of(jan1, "life_meeting")[0].message
    # Too early in 2026 to remind about 2026.
    assert all(r.due.year == 2025 for r in _of(jan1, "life_meeting"))


def test_half_yearly_life_meeting_is_a_setting():
    settings = replace(S, cadences={**S.cadences, "life_meeting": Cadence("half_year")})
    b = _branch(meetings=(MeetingFacts("life_meeting", date(2026, 3, 1)),))
    got = _of(branch_reminders(b, date(2026, 7, 1), replace(settings, overdue_lookback_days=5)), "life_meeting")
    assert got == []
    got = _of(branch_reminders(b, date(2026, 12, 15), replace(settings, overdue_lookback_days=5)), "life_meeting")
    assert [(r.due, r.subject) for r in got] == [(date(2026, 12, 31), "红星村党支部 2026年下半年")]


def test_secretary_lesson():
    other = MeetingFacts("party_lesson", date(2026, 3, 1), lecturer_id=ORG)
    b = _branch(meetings=(other,))
    got = [r for r in _of(branch_reminders(b, date(2026, 12, 1), S), "secretary_lesson") if r.due.year == 2026]
    assert [(r.due, r.status) for r in got] == [(date(2026, 12, 31), "due")]
    by_secretary = replace(b, meetings=(other, MeetingFacts("party_lesson", date(2026, 6, 1), lecturer_id=SEC)))
    assert [r for r in _of(branch_reminders(by_secretary, date(2026, 12, 1), S), "secretary_lesson")
            if r.due.year == 2026] == []
    assert [r.status for r in _of(branch_reminders(b, date(2027, 1, 1), S), "secretary_lesson")
            if r.due.year == 2026] == ["overdue"]


def test_talks_coverage_and_member_joined_mid_year():
    newcomer, latecomer, leaver = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    members = _branch().members + (
        _member(newcomer, "钱新人", arrived=date(2026, 7, 1)),
        _member(latecomer, "孙迟到", arrived=date(2026, 12, 5)),
        _member(leaver, "周离开", left=date(2026, 9, 1)),
    )
    talks = (TalkFacts(date(2026, 5, 1), SEC, ORG), TalkFacts(date(2025, 5, 1), SEC, PROP))
    b = _branch(members=members, talks=talks)
    got = [r for r in _of(branch_reminders(b, date(2026, 12, 10), S), "talks") if r.due.year == 2026]
    assert sorted((r.subject, r.due.year) for r in got) == [("赵宣传", 2026), ("钱新人", 2026)]
    assert (got[0].target.book, got[0].target.action) == ("talks", "create")
    # A year later, 2026's gaps are overdue, and the latecomer still owes nothing for 2026.
    overdue = [r for r in _of(branch_reminders(b, date(2027, 1, 3), S), "talks") if r.due.year == 2026]
    assert sorted(r.subject for r in overdue) == ["赵宣传", "钱新人"]
    assert all(r.status == "overdue" for r in overdue)


def test_study_hours_targets_prorated():
    newcomer, plain = uuid.uuid4(), uuid.uuid4()
    members = _branch().members + (_member(newcomer, "钱新人", arrived=date(2026, 7, 1)), _member(plain, "吴普通"))
    everyone = frozenset({SEC, ORG, PROP, newcomer, plain})
    meetings = tuple(MeetingFacts("themed_day", date(2026, m, 15), present_ids=everyone, study_hours=4)
                     for m in range(7, 12))   # 20 hours from July
    meetings += tuple(MeetingFacts("party_lesson", date(2026, m, 5), present_ids=frozenset({plain}), study_hours=4)
                      for m in (1, 2, 3))      # 12 more for one member: 32
    b = _branch(members=members, meetings=meetings)
    got = {r.subject: r for r in _of(branch_reminders(b, date(2026, 12, 1), S), "study_hours") if r.due.year == 2026}
    # Leaders need 56, others 32; the newcomer who came on 1 July owes half of 32.
    assert set(got) == {"王书记", "李组织", "赵宣传"}
    assert "学习20学时" in got["王书记"].message and "56学时" in got["王书记"].message
    assert got["王书记"].status == "due"
    # Two themed days fewer: the newcomer has 12 of 16, the plain member 24 of 32.
    less = replace(b, meetings=meetings[2:])
    got = {r.subject: r.message for r in _of(branch_reminders(less, date(2026, 12, 1), S), "study_hours")
           if r.due.year == 2026}
    assert "12学时" in got["钱新人"] and "16学时" in got["钱新人"]
    assert "24学时" in got["吴普通"] and "32学时" in got["吴普通"]


def test_political_birthdays_this_quarter():
    may, march, fresh = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    members = (_member(may, "五月", joined=date(2010, 5, 20)), _member(march, "三月", joined=date(2001, 3, 31)),
               _member(fresh, "新党员", joined=date(2026, 4, 10)))
    b = _branch(members=members, seats=())
    q1 = _of(branch_reminders(b, date(2026, 3, 31), S), "political_birthday")
    assert [(r.subject, r.due) for r in q1] == [("三月", date(2026, 3, 31))]
    assert "25" in q1[0].message and "3/31/2026" not in q1[0].message and "季度" in q1[0].message
    q2 = _of(branch_reminders(b, date(2026, 4, 1), S), "political_birthday")
    # Due at the quarter's gathering, not on the day: still "due" (never "due soon" after its date).
    assert [(r.subject, r.due, r.status) for r in q2] == [("五月", date(2026, 6, 30), "due")]
    assert "5月20日" in q2[0].message or "2026" in q2[0].message


def test_term_ending_within_90_days():
    term = TermFacts(uuid.uuid4(), date(2021, 7, 1), date(2026, 6, 30))
    b = _branch(terms=(term,))
    assert _of(branch_reminders(b, date(2026, 3, 31), S), "term_ending") == []
    got = _of(branch_reminders(b, date(2026, 4, 1), S), "term_ending")
    assert [(r.due, r.status) for r in got] == [(date(2026, 6, 30), "due")]
    assert (got[0].target.book, got[0].target.record_id) == ("terms", term.id) and "换届" in got[0].message
    assert [r.status for r in _of(branch_reminders(b, date(2026, 7, 1), S), "term_ending")] == ["overdue"]
    renewed = replace(b, terms=(term, TermFacts(uuid.uuid4(), date(2026, 6, 28), date(2031, 6, 27))))
    assert _of(branch_reminders(renewed, date(2026, 7, 1), S), "term_ending") == []


def test_settings_round_trip_and_defaults():
    assert S.cadences["committee_meeting"] == Cadence("month")
    assert S.cadences["general_meeting"] == Cadence("quarter")
    assert (S.study_hours, S.study_hours_leaders, S.term_warning_days) == (32, 56, 90)
    changed = replace(S, study_hours=40, cadences={**S.cadences, "life_meeting": Cadence("half_year", 1)})
    changed = replace(changed, due_soon_days=7, themed_day_of_month=15)
    assert settings_from(content_of(changed), local_values_of(changed)) == changed
    assert settings_from(None, {}) == S


def test_periods():
    assert period_of(date(2026, 5, 17), "quarter") == (date(2026, 4, 1), date(2026, 6, 30))
    assert period_of(date(2026, 12, 31), "half_year") == (date(2026, 7, 1), date(2026, 12, 31))
    assert full_months_from(date(2026, 7, 1), date(2026, 1, 1), date(2026, 12, 31)) == 6
    assert full_months_from(date(2026, 7, 2), date(2026, 1, 1), date(2026, 12, 31)) == 5
    assert full_months_from(date(2020, 7, 2), date(2026, 1, 1), date(2026, 12, 31)) == 12


def test_study_hours_year_boundary():
    plain = uuid.uuid4()
    b = _branch(members=(_member(plain, "吴普通"),), seats=(),
                meetings=tuple(MeetingFacts("themed_day", date(2026, m, 15), present_ids=frozenset({plain}),
                                            study_hours=2) for m in range(1, 13)))
    settings = replace(S, overdue_lookback_days=200)
    assert [(r.due, r.status) for r in _of(branch_reminders(b, date(2026, 12, 31), settings), "study_hours")] == [
        (date(2026, 12, 31), "due")]
    assert [(r.due, r.status) for r in _of(branch_reminders(b, date(2027, 1, 1), settings), "study_hours")] == [
        (date(2026, 12, 31), "overdue")]
    # Hours of the new year do not count for the old one.
    b2 = replace(b, meetings=b.meetings + (MeetingFacts("party_lesson", date(2027, 1, 1), lecturer_id=plain,
                                                        present_ids=frozenset({plain}), study_hours=10),))
    assert len(_of(branch_reminders(b2, date(2027, 1, 1), settings), "study_hours")) == 1
