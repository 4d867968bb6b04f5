"""A small branch written straight into a test database: groups, members who come and go, a committee."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from dj_desktop.core.models import CommitteeMember, CommitteeTerm, Member, Organisation


@dataclass
class World:
    branch: uuid.UUID
    group1: uuid.UUID
    group2: uuid.UUID
    members: dict[str, uuid.UUID] = field(default_factory=dict)
    term: uuid.UUID | None = None


def _id_number(n: int) -> str:
    return f"11010119800101{n:03d}X"[-18:]


def build_world(db, *, founded: date = date(2015, 3, 1), records_start: date | None = None) -> World:
    """Branch 红星社区党支部 with two groups and these members:

    - 王书记 (secretary), 李组织, 赵宣传 (committee); 钱一, 孙二, 周三 (full); all in group 1 except 赵/周;
    - 吴预备, 郑预备 probationary (full on 2026-09-01 for 郑);
    - 冯转出 left on 2026-03-01; 陈转入 arrived on 2026-05-01.
    """
    with db.sessions.begin() as s:
        branch = Organisation(name="红星社区党支部", kind="branch", founded_on=founded, records_start=records_start)
        s.add(branch)
        s.flush()
        g1 = Organisation(name="第一党小组", kind="group", parent_id=branch.id, sort_order=1)
        g2 = Organisation(name="第二党小组", kind="group", parent_id=branch.id, sort_order=2)
        s.add_all([g1, g2])
        s.flush()
        world = World(branch=branch.id, group1=g1.id, group2=g2.id)
        people = [
            ("王书记", g1, "full", None, date(2015, 3, 1), None),
            ("李组织", g1, "full", None, date(2015, 3, 1), None),
            ("赵宣传", g2, "full", None, date(2015, 3, 1), None),
            ("钱一", g1, "full", None, date(2015, 3, 1), None),
            ("孙二", g1, "full", None, date(2015, 3, 1), None),
            ("周三", g2, "full", None, date(2015, 3, 1), None),
            ("吴预备", g1, "probationary", None, date(2025, 12, 1), None),
            ("郑预备", g2, "probationary", date(2026, 9, 1), date(2025, 9, 1), None),
            ("冯转出", g1, "full", None, date(2015, 3, 1), date(2026, 3, 1)),
            ("陈转入", g2, "full", None, date(2026, 5, 1), None),
        ]
        for n, (name, group, mtype, full_on, arrived, left) in enumerate(people, start=1):
            joined = date(2005 + n, 6, 15) if mtype == "full" else arrived
            m = Member(branch_id=branch.id, group_id=group.id, name=name, gender="male", birth_date=date(1980, 1, 1),
                       id_number=_id_number(n), joined_on=joined,
                       full_member_on=full_on or (date(joined.year + 1, 6, 15) if mtype == "full" else None),
                       member_type="full" if full_on else mtype, arrived_on=arrived, left_on=left,
                       status="transferred_out" if left else "active")
            s.add(m)
            s.flush()
            world.members[name] = m.id
        term = CommitteeTerm(organisation_id=branch.id, elected_on=date(2024, 1, 10), ends_on=date(2027, 1, 9))
        s.add(term)
        s.flush()
        world.term = term.id
        for name, role in (("王书记", "secretary"), ("李组织", "organisation"), ("赵宣传", "propaganda")):
            s.add(CommitteeMember(term_id=term.id, member_id=world.members[name], role=role,
                                  started_on=date(2024, 1, 10)))
    return world
