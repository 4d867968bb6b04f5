"""A small branch with a year of group-manual records for group 1 and nothing for group 2."""

from __future__ import annotations

from datetime import date

from dj_desktop.core.models import Meeting, Member

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from manual_world import build_world  # noqa: E402

TODAY = date(2026, 11, 20)


def fill(services, db):
    world = build_world(db)
    with db.sessions.begin() as s:
        s.get(Member, world.members["孙二"]).management = "co"
        s.add(Meeting(branch_id=world.branch, group_id=world.group1, kind="group_meeting", held_on=date(2026, 4, 8),
                      theme="学习党章第一章", minutes="组长领学党章，组员逐一发言。", host_id=world.members["钱一"]))
    gm, records = services.group_manual, services.records
    base = {"branch_id": world.branch, "group_id": world.group1}
    gm.appoint(world.group1, member_id=world.members["钱一"], role="group_leader", started_on=date(2025, 1, 1),
               today=TODAY)
    gm.appoint(world.group1, member_id=world.members["李组织"], role="deputy_group_leader",
               started_on=date(2025, 1, 1), today=TODAY)
    records.create("group_study", {**base, "held_on": date(2026, 5, 12), "topic": "学习二十届三中全会精神",
                                   "leader_id": world.members["钱一"], "hours": 2.0, "attendees": 5}, today=TODAY)
    records.create("duty_areas", {**base, "name": "3号楼责任区", "member_id": world.members["王书记"],
                                  "scope": "3号楼1-4单元", "started_on": date(2026, 1, 1)}, today=TODAY)
    records.create("group_posts", {**base, "post": "邻里互助岗", "duties": "联系独居老人",
                                   "member_id": world.members["李组织"], "started_on": date(2026, 2, 1)}, today=TODAY)
    card = {**base, "member_id": world.members["孙二"], "home_unit": "区税务局机关党支部"}
    records.create("co_managed_cards", {**card, "card": "registration", "on": date(2026, 3, 1),
                                        "content": "愿意参加政策宣讲"}, today=TODAY)
    records.create("co_managed_cards", {**card, "card": "feedback", "on": date(2026, 6, 30), "assessment": "good",
                                        "content": "积极参加社区志愿服务"}, today=TODAY)
    return world
