"""A big roster (e.g. 10,000 members) for benchmarks: bulk inserts, valid data, one transaction."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from dj_desktop.core import tracking
from dj_desktop.core.db import Database
from dj_desktop.core.demo.people import PersonFactory
from dj_desktop.core.models import Member, MemberEvent
from dj_desktop.core.rules.dates import add_years
from dj_desktop.core.services.organisation import OrganisationService

CATEGORIES = (("employed", 45), ("unemployed", 8), ("mobile", 8), ("retired", 30), ("elderly_infirm", 6),
              ("hardship", 3))
GROUP_COUNT = 12


def generate_large_roster(db: Database, n: int, *, today: date | None = None, seed: int = 10_000) -> uuid.UUID:
    """Add ``n`` members (with their joining events) to the first branch, creating one with
    groups if the database has none. Returns the branch id."""
    today = today or date.today()
    rng = random.Random(seed)
    orgs = OrganisationService(db)
    branch = orgs.first_branch() or orgs.create_first_branch("示范社区党委第一党支部", setting="community")
    groups = orgs.groups(branch.id) or [
        orgs.add_unit(f"第{i + 1}党小组", kind="group", parent_id=branch.id) for i in range(GROUP_COUNT)]
    people = PersonFactory(rng)
    members: list[dict] = []
    events: list[dict] = []
    for _i in range(n):
        category = rng.choices([c for c, _w in CATEGORIES], [w for _c, w in CATEGORIES])[0]
        old = category in ("retired", "elderly_infirm")
        gender = people.gender()
        birth = people.birth_date(age_low=60 if old else 24, age_high=90 if old else 59, today=today)
        place, region = people.native_place()
        joined = min(add_years(birth, rng.randint(19, 40)), today - timedelta(days=400))
        probationary = rng.random() < 0.03
        if probationary:
            joined = today - timedelta(days=rng.randint(30, 330))
        full = None if probationary else joined + timedelta(days=365 + rng.randint(0, 30))
        member_id = uuid.uuid4()
        members.append({
            "id": member_id, "branch_id": branch.id, "group_id": rng.choice(groups).id, "building_id": None,
            "name": people.name(gender), "gender": gender, "ethnicity": people.ethnicity(), "birth_date": birth,
            "id_number": people.id_number(region, birth, gender), "native_place": place,
            "education": people.education(birth), "work_unit": "", "post": "", "phone": people.phone(),
            "address": f"示范小区{rng.randint(1, 60)}号楼{rng.randint(101, 1804)}室", "joined_on": joined,
            "full_member_on": full, "member_type": "probationary" if probationary else "full",
            "category": category, "management": "self", "status": "active", "arrived_on": joined,
            "left_on": None, "notes": "",
        })
        events.append({"member_id": member_id, "kind": "joined", "on": joined, "other_organisation": "", "note": ""})
    with db.sessions.begin() as s:
        tracking.stamp_rows(s, members, history_table=Member.__tablename__)
        s.connection().execute(Member.__table__.insert(), members)
        tracking.stamp_rows(s, events, history_table=MemberEvent.__tablename__)
        s.connection().execute(MemberEvent.__table__.insert(), events)
    return branch.id
