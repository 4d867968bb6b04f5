"""The demo database: deterministic, realistic, consistent with the rules."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select

from dj_desktop.core.db import open_database
from dj_desktop.core.demo import PARTS, SEED, create_demo_database, generate_large_roster, roster
from dj_desktop.core.errors import UserError
from dj_desktop.core.models import Member
from dj_desktop.core.rules.id_number import parse_id_number
from dj_desktop.core.rules.membership import member_problems
from dj_desktop.core.services import build_services

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_copy):
    db = open_database(demo_copy(tmp_path_factory.mktemp("demo") / "demo.db", today=TODAY), create=False)
    yield build_services(db)
    db.dispose()


def test_roster_part_is_listed():
    assert PARTS[0] == "roster"


def test_branch_structure(demo):
    [root] = demo.organisation.tree()
    assert root.unit.kind == "committee" and root.unit.name.endswith("党工委")
    branch = demo.organisation.first_branch()
    assert branch.setting == "community"
    groups = demo.organisation.groups(branch.id)
    assert 3 <= len(groups) <= 4
    grid = demo.organisation.grid(branch.id)
    assert len(grid) >= 2 and all(b.group_name for area in grid for b in area.buildings)


def test_members_are_plausible_and_valid(demo):
    branch = demo.organisation.first_branch()
    everyone = demo.members.roster(branch.id, include_left=True)
    active = [r for r in everyone if r.status == "active"]
    assert 40 <= len(active) <= 50
    developed = {p.member_id for p in demo.development.people()}     # received through member development
    assert len({r.id_number for r in everyone}) == len(everyone)
    for r in everyone:
        info = parse_id_number(r.id_number)
        assert (info.birth_date, info.gender) == (r.birth_date, r.gender)
        assert 2 <= len(r.name) <= 3 and (r.id in developed or r.phone.isdigit() and len(r.phone) == 11)
        errors = [p for p in member_problems(birth_date=r.birth_date, joined_on=r.joined_on,
                                             full_member_on=r.full_member_on, member_type=r.member_type,
                                             arrived_on=r.arrived_on, left_on=r.left_on, today=TODAY) if p.is_error]
        assert errors == [], (r.name, errors)
    assert 2 <= sum(r.member_type == "probationary" for r in active if r.id not in developed) <= 3
    categories = Counter(r.category for r in active)
    assert {"employed", "retired", "mobile", "hardship", "elderly_infirm"} <= set(categories)
    decades = {r.joined_on.year // 10 for r in everyone}
    assert len(decades) >= 4
    assert any(r.ethnicity != "汉族" for r in everyone) or len(everyone) < 40


def test_three_years_of_history(demo):
    branch = demo.organisation.first_branch()
    statuses = Counter(r.status for r in demo.members.roster(branch.id, include_left=True))
    assert statuses["deceased"] == 1 and statuses["transferred_out"] == 1
    kinds = Counter()
    for r in demo.members.roster(branch.id, include_left=True):
        for e in demo.members.detail(r.id).events:
            if e.kind != "joined" and (TODAY - e.on).days <= 3 * 366:
                kinds[e.kind] += 1
    assert kinds["transferred_in"] >= 1 and kinds["transferred_out"] == 1 and kinds["deceased"] == 1
    assert kinds["became_full"] >= 1 and kinds["category_changed"] >= 1


def test_committee_in_current_term(demo):
    branch = demo.organisation.first_branch()
    term = demo.organisation.current_term(branch.id, on=TODAY)
    assert term.elected_on < TODAY < term.ends_on
    roles = [s.role for s in term.current_seats(TODAY)]
    assert len(roles) == 5 and roles.count("secretary") == 1
    assert [p for p in demo.organisation.committee_check(branch.id, today=TODAY) if p.is_error] == []
    for group in demo.organisation.groups(branch.id):
        seats = demo.organisation.current_term(group.id, on=TODAY).seats
        [leader] = [seat for seat in seats if seat.role == "group_leader"]
        # The group-manual part gives each group a deputy (the first group's changed this year).
        deputies = [seat for seat in seats if seat.role == "deputy_group_leader" and seat.ended_on is None]
        assert len(deputies) <= 1 and leader.member_id not in {d.member_id for d in deputies}


def test_deterministic(services, demo):
    # The roster part alone, into another database, with the same seed: the same people.
    roster.generate(services.db, today=TODAY, rng=random.Random(f"{SEED}/roster"))
    developed = {p.member_id for p in demo.development.people()}     # the development part's new members
    first = [r for r in demo.members.roster(demo.organisation.first_branch().id, include_left=True)
             if r.id not in developed]
    second = services.members.roster(services.organisation.first_branch().id, include_left=True)
    strip = lambda rows: [(r.name, r.id_number, r.phone, r.joined_on, r.status, r.group_name) for r in rows]
    assert strip(first) == strip(second)


def test_refuses_existing_file(tmp_path):
    path = tmp_path / "exists.db"
    path.write_bytes(b"")
    with pytest.raises(UserError, match="已存在"):
        create_demo_database(path, today=TODAY)
    assert path.read_bytes() == b""


def test_large_roster(services):
    branch_id = generate_large_roster(services.db, 1500, today=TODAY)
    rows = services.members.roster(branch_id)
    assert len(rows) == 1500 and len({r.id_number for r in rows}) == 1500
    assert all(r.group_name for r in rows)
    report = services.members.validate_many(branch_id, [r.to_input() for r in rows[:200]], today=TODAY)
    assert [p for rp in report for p in rp.problems if p.is_error] == []
    with services.db.sessions() as s:
        assert s.scalar(select(Member.change_seq).order_by(Member.change_seq.desc()).limit(1)) >= 1500


def test_assessment_part_and_its_reminder(demo):
    assert "assessment" in PARTS
    history = demo.assessment.history()
    assert [(h.period, h.status) for h in history] == [("2025", "submitted"), ("2026-H1", "draft")]
    sheet = demo.assessment.sheet(period="2025", standard="star", today=TODAY)
    assert sheet.frozen and sheet.submitted_on == date(2026, 1, 15) and not sheet.vetoed
    assert all(i.score is not None for i in sheet.items if not i.automatic)
    assert sum(len(i.evidence) for i in sheet.items) > 30 and 60 <= sheet.total <= 100
    # The yearly reminder: nothing before 1 December, due in December, overdue after the 31st.
    kinds = lambda on: [(r.subject, r.status) for r in demo.reminders.reminders(on) if r.kind == "assessment"]  # noqa: E731
    assert kinds(date(2026, 11, 30)) == []
    assert kinds(date(2026, 12, 1)) == [("2026年度自评", "due")]
    assert kinds(date(2027, 1, 1)) == [("2026年度自评", "overdue")]
