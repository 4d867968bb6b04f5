"""Membership rules: age at joining, probation, member type, branch size."""

from __future__ import annotations

from datetime import date

from dj_desktop.core.rules.membership import branch_size_problems, member_problems

TODAY = date(2026, 11, 22)


def check(**kwargs):
    values = dict(birth_date=date(1980, 1, 1), joined_on=date(2005, 7, 1), full_member_on=date(2006, 7, 1),
                  member_type=None, today=TODAY)
    values.update(kwargs)
    return {(p.field, p.severity) for p in member_problems(**values)}


def test_ordinary_full_member_has_no_problems():
    assert check() == set()


def test_younger_than_18_at_joining_is_refused():
    assert ("joined_on", "error") in check(birth_date=date(1988, 7, 2), joined_on=date(2006, 7, 1),
                                           full_member_on=date(2007, 7, 1))
    assert check(birth_date=date(1988, 7, 1), joined_on=date(2006, 7, 1), full_member_on=date(2007, 7, 1)) == set()


def test_missing_or_future_joining_date():
    assert ("joined_on", "error") in check(joined_on=None, full_member_on=None)
    assert ("joined_on", "error") in check(joined_on=date(2027, 1, 1), full_member_on=None)


def test_full_member_date_must_follow_joining():
    assert ("full_member_on", "error") in check(full_member_on=date(2005, 7, 1))
    assert ("full_member_on", "error") in check(full_member_on=date(2004, 1, 1))


def test_short_or_very_long_probation_is_a_warning():
    assert check(full_member_on=date(2006, 3, 1)) == {("full_member_on", "warning")}
    assert check(full_member_on=date(2008, 6, 1)) == {("full_member_on", "warning")}
    assert check(full_member_on=date(2007, 6, 30)) == set()   # extended by a year: allowed


def test_member_type_matches_full_member_date():
    assert ("member_type", "error") in check(member_type="probationary")
    assert ("full_member_on", "error") in check(member_type="full", full_member_on=None)
    assert check(member_type="full") == set()


def test_probationary_member_past_the_year_gets_a_reminder():
    assert check(joined_on=date(2026, 3, 1), full_member_on=None) == set()
    problems = member_problems(birth_date=date(1990, 1, 1), joined_on=date(2025, 3, 1), full_member_on=None,
                               member_type=None, today=TODAY)
    assert [(p.field, p.severity) for p in problems] == [("full_member_on", "warning")]
    assert "2026-03-01" in problems[0].message and "转正" in problems[0].message


def test_arrival_and_leaving_order():
    assert ("arrived_on", "error") in check(arrived_on=date(2004, 1, 1))
    assert ("left_on", "error") in check(arrived_on=date(2010, 1, 1), left_on=date(2009, 1, 1))


def test_branch_size():
    assert [p.severity for p in branch_size_problems(full_members=2, members=3)] == ["warning"]
    assert "3" in branch_size_problems(full_members=2, members=3)[0].message
    assert branch_size_problems(full_members=3, members=3) == []
    assert "党总支" in branch_size_problems(full_members=50, members=51)[0].message
    assert "基层党委" in branch_size_problems(full_members=90, members=101)[0].message
