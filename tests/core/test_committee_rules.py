"""Committee size and roles, term length, term end and the 90-day warning (DESIGN §2)."""

from __future__ import annotations

from datetime import date

from dj_desktop.core.rules.committee import committee_problems, seat_refusal, term_end, term_problems, term_years


def seats(*roles):
    return [(i, r) for i, r in enumerate(roles)]


FIVE = seats("secretary", "deputy_secretary", "organisation", "propaganda", "discipline")


def test_term_years():
    assert term_years(kind="branch", setting="community") == 5
    assert term_years(kind="branch", setting="village") == 5
    assert term_years(kind="branch", setting="enterprise") == 3
    assert term_years(kind="general_branch", setting="school") == 3
    assert term_years(kind="committee", setting="enterprise") == 5


def test_term_end():
    assert term_end(date(2021, 6, 30), kind="branch", setting="enterprise") == date(2024, 6, 30)
    assert term_end(date(2020, 2, 29), kind="branch", setting="community") == date(2025, 2, 28)


def test_term_warning_window():
    ends = date(2027, 1, 31)
    assert term_problems(ends, today=date(2026, 11, 1)) == []                  # 91 days ahead
    soon = term_problems(ends, today=date(2026, 11, 2))                        # 90 days ahead
    assert [p.severity for p in soon] == ["warning"] and "90" in soon[0].message
    overdue = term_problems(ends, today=date(2027, 2, 1))
    assert "换届" in overdue[0].message and "2027-01-31" in overdue[0].message
    assert term_problems(None, today=date(2027, 2, 1))[0].severity == "warning"


def test_small_branch_has_no_committee():
    assert committee_problems(kind="branch", full_members=6, roles=seats("secretary", "deputy_secretary")) == []
    problems = committee_problems(kind="branch", full_members=6, roles=seats("secretary", "organisation"))
    assert [p.severity for p in problems] == ["error"]
    assert "7" in problems[0].message


def test_refusal_of_a_seat_in_a_small_branch():
    assert seat_refusal(kind="branch", full_members=5, roles=seats("secretary"), new_role="deputy_secretary") == []
    assert seat_refusal(kind="branch", full_members=5, roles=seats("secretary"), new_role="propaganda")
    assert seat_refusal(kind="branch", full_members=9, roles=seats("secretary"), new_role="propaganda") == []


def test_committee_sizes_from_seven_members():
    assert committee_problems(kind="branch", full_members=30, roles=FIVE) == []
    assert [p.severity for p in committee_problems(kind="branch", full_members=30, roles=FIVE[:2])] == ["warning"]
    six = FIVE + seats("youth", "women")[1:]
    six = [(i, r) for i, (_m, r) in enumerate(six)]
    assert [p.severity for p in committee_problems(kind="branch", full_members=30, roles=six)] == ["warning"]
    eight = [(i, r) for i, r in enumerate(["secretary"] + ["committee_member"] * 7)]
    assert [p.severity for p in committee_problems(kind="branch", full_members=60, roles=eight)] == ["error"]


def test_one_secretary_and_group_leaders_not_counted():
    problems = committee_problems(kind="branch", full_members=30, roles=FIVE + [(99, "secretary")])
    assert any(p.severity == "error" and "书记" in p.message for p in problems)
    assert committee_problems(kind="branch", full_members=30, roles=FIVE + [(7, "group_leader")]) == []
    assert committee_problems(kind="branch", full_members=30, roles=seats("organisation", "propaganda", "discipline"))[0] \
        .severity == "warning"  # no secretary


def test_general_branch_committee_of_five_to_seven():
    assert committee_problems(kind="general_branch", full_members=80, roles=FIVE) == []
    assert [p.severity for p in committee_problems(kind="general_branch", full_members=80, roles=FIVE[:3])] == ["warning"]


def test_group_seats():
    assert seat_refusal(kind="group", full_members=0, roles=[], new_role="group_leader") == []
    assert seat_refusal(kind="group", full_members=0, roles=[], new_role="secretary")
    assert seat_refusal(kind="branch", full_members=20, roles=[], new_role="group_leader")
