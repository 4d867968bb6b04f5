"""Demo part "roster": a community Party branch under a 街道党工委 with groups, grid,
about 45 members, a committee in its current term and three years of status history."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from dj_desktop.core.db import Database
from dj_desktop.core.demo.people import PersonFactory
from dj_desktop.core.rules.dates import add_years
from dj_desktop.core.services.member_records import MemberInput
from dj_desktop.core.services.members import MemberService
from dj_desktop.core.services.organisation import OrganisationService

UPPER_NAME = "东城街道党工委"
BRANCH_NAME = "幸福里社区党支部"
GROUP_NAMES = ("第一党小组", "第二党小组", "第三党小组", "流动党员党小组")
#: Grid areas with their buildings and the group (index into GROUP_NAMES) covering each.
GRID = (("东片区", (("1号楼", 0), ("2号楼", 0), ("3号楼", 1), ("4号楼", 1))),
        ("西片区", (("5号楼", 1), ("6号楼", 2), ("7号楼", 2), ("8号楼", 0))))

#: (category, how many, age range, male share)
PROFILES = (
    ("employed", 17, (26, 56), 0.55), ("unemployed", 4, (30, 58), 0.4), ("mobile", 4, (24, 45), 0.75),
    ("retired", 14, (60, 82), 0.6), ("elderly_infirm", 4, (80, 92), 0.6), ("hardship", 2, (45, 70), 0.5),
)
WORK = (("东城区实验小学", "教师"), ("东城区人民医院", "护士"), ("市供电公司东城分公司", "工程师"),
        ("幸福里社区居委会", "社区工作者"), ("东城区税务局", "科员"), ("华信科技有限公司", "技术员"),
        ("东城区市场监督管理局", "科员"), ("东方商厦", "会计"), ("东城区图书馆", "馆员"))
RETIRED_FROM = ("原北京第二机床厂", "原东城区副食品公司", "原市纺织研究所", "原东城区房管所", "原北京铁路分局")
MOBILE_WORK = (("在深圳市务工", "电工"), ("在上海市经商", "个体经营"), ("在天津市务工", "司机"),
               ("在苏州市务工", "技术工人"))
PROBATIONARY = 3


def generate(db: Database, *, today: date, rng: random.Random) -> None:
    orgs, members = OrganisationService(db), MemberService(db)
    upper = orgs.add_unit(UPPER_NAME, kind="committee", parent_id=None, setting="community",
                          founded_on=date(1990, 3, 1))
    # The demo keeps three years of books (demo part "manual"): they start on 1 January of the first.
    branch = orgs.add_unit(BRANCH_NAME, kind="branch", parent_id=upper.id, setting="community",
                           founded_on=date(1998, 6, 15), records_start=date(today.year - 3, 1, 1), today=today)
    groups = [orgs.add_unit(name, kind="group", parent_id=branch.id) for name in GROUP_NAMES]
    buildings = []
    for area_name, area_buildings in GRID:
        area = orgs.add_area(branch.id, area_name)
        buildings += [orgs.add_building(area.id, b, group_id=groups[g].id) for b, g in area_buildings]

    people = PersonFactory(rng)
    inputs = [_member(people, rng, category, low, high, share, today=today, groups=groups, buildings=buildings)
              for category, count, (low, high), share in PROFILES for _i in range(count)]
    # The youngest employed and unemployed members are the probationary ones, admitted this year.
    young = sorted((i for i, m in enumerate(inputs) if m.category in ("employed", "unemployed")),
                   key=lambda i: inputs[i].birth_date, reverse=True)[:PROBATIONARY + 1]
    for n, index in enumerate(young):
        joined = today - timedelta(days=40 + 95 * n) if n < PROBATIONARY else today - timedelta(days=800)
        inputs[index] = replace(inputs[index], joined_on=joined, full_member_on=None)
    ids = list(members.upsert_many(branch.id, inputs, today=today, reason="demo").member_ids)
    # young[-1] joined 800 days ago: converted after its year of probation (转正).
    members.become_full(ids[young[-1]], on=inputs[young[-1]].joined_on + timedelta(days=368), today=today)
    _history(members, people, rng, branch_id=branch.id, ids=ids, inputs=inputs, groups=groups,
             buildings=buildings, today=today)
    _committee(orgs, members, rng, branch_id=branch.id, groups=groups, ids=ids, inputs=inputs, today=today)


def _member(people: PersonFactory, rng: random.Random, category: str, low: int, high: int, share: float, *,
            today: date, groups, buildings) -> MemberInput:
    gender = people.gender(male_share=share)
    birth = people.birth_date(age_low=low, age_high=high, today=today)
    place, region = people.native_place()
    joined = add_years(birth, rng.randint(20, 42)) + timedelta(days=rng.randint(0, 200))
    latest = today - timedelta(days=600)
    if joined > latest:  # young members: somewhere between their 19th birthday and the latest date
        joined = latest - timedelta(days=rng.randint(0, max(0, (latest - add_years(birth, 19)).days)))
    full = joined + timedelta(days=365 + rng.randint(0, 40))
    building = rng.choice(buildings)
    group_id = building.group_id
    work_unit, post = rng.choice(WORK)
    if category in ("retired", "elderly_infirm"):
        work_unit, post = rng.choice(RETIRED_FROM), "退休"
    elif category == "mobile":
        work_unit, post = rng.choice(MOBILE_WORK)
        group_id = groups[3].id
    elif category in ("unemployed", "hardship"):
        work_unit, post = "", ""
    room = f"{rng.randint(1, 4)}单元{rng.randint(1, 18)}{rng.randint(1, 4):02d}室"
    return MemberInput(
        name=people.name(gender), id_number=people.id_number(region, birth, gender), joined_on=joined,
        gender=gender, birth_date=birth, full_member_on=full, ethnicity=people.ethnicity(), native_place=place,
        education=people.education(birth), work_unit=work_unit, post=post, phone=people.phone(),
        address=f"东城区幸福里小区{building.name}{room}", group_id=group_id, building_id=building.id,
        category=category, management="co" if category == "employed" and rng.random() < 0.3 else "self",
    )


def _history(members: MemberService, people: PersonFactory, rng: random.Random, *, branch_id, ids, inputs,
             groups, buildings, today: date) -> None:
    """Three years of status changes: a death, a transfer out, a transfer in, a retirement."""
    by_category = {c: [i for i, m in enumerate(inputs) if m.category == c and m.full_member_on]
                   for c, *_rest in PROFILES}
    oldest = min(by_category["elderly_infirm"], key=lambda i: inputs[i].birth_date)
    members.mark_deceased(ids[oldest], on=today - timedelta(days=rng.randint(420, 700)), note="病故")
    leaving = by_category["employed"][-1]
    members.transfer_out(ids[leaving], on=today - timedelta(days=rng.randint(200, 400)),
                         to_organisation="北京市海淀区学院路街道某社区党支部", note="工作调动")
    retiring = by_category["employed"][0]
    members.change_category(ids[retiring], category="retired", on=today - timedelta(days=rng.randint(60, 250)))
    arrival = today - timedelta(days=rng.randint(800, 1000))
    incoming = _member(people, rng, "employed", 30, 40, 0.5, today=today, groups=groups, buildings=buildings)
    members.transfer_in(branch_id, replace(incoming, joined_on=min(incoming.joined_on, arrival - timedelta(days=900)),
                                           full_member_on=min(incoming.full_member_on, arrival - timedelta(days=500))),
                        on=arrival, from_organisation="河北省保定市竞秀区某街道机关党支部", today=today)


def _committee(orgs: OrganisationService, members: MemberService, rng: random.Random, *, branch_id, groups,
               ids, inputs, today: date) -> None:
    """A five-member committee elected about two years ago, and a leader for each group."""
    term = orgs.start_term(branch_id, elected_on=today - timedelta(days=rng.randint(700, 800)))
    active = {r.id for r in members.roster(branch_id)}
    able = [ids[i] for i, m in enumerate(inputs)
            if ids[i] in active and m.full_member_on and m.category in ("employed", "retired", "unemployed")
            and m.full_member_on < term.elected_on]
    chosen = rng.sample(able, 5)
    for member_id, role in zip(chosen, ("secretary", "deputy_secretary", "organisation", "propaganda", "discipline")):
        orgs.add_seat(term.id, member_id=member_id, role=role)
    rows = members.roster(branch_id)
    for group in groups:
        in_group = [r.id for r in rows if r.group_id == group.id and r.full_member_on and r.full_member_on < term.elected_on]
        if in_group:
            group_term = orgs.start_term(group.id, elected_on=term.elected_on + timedelta(days=14))
            orgs.add_seat(group_term.id, member_id=rng.choice(in_group), role="group_leader")
