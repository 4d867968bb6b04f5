"""Demo part "groups": two years of the Party-group manual for every group of the demo branch.

Each group gets a deputy leader (one group's deputy changed this year), monthly study sessions
(a few months skipped), duty areas over its buildings, posts of 设岗定责 (one post changed hands),
and for each co-managed member the registration card, activity cards and a feedback card to the
home organisation — except one member whose feedback card for this year is still missing.
Everything goes through the services, so the demo passes the same checks a secretary's input does.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from dj_desktop.core.books.group_membership import group_stays
from dj_desktop.core.db import Database
from dj_desktop.core.services import build_services

STUDY_TOPICS = ("学习党章第一章“党员”", "学习习近平新时代中国特色社会主义思想专题摘编", "学习《中国共产党纪律处分条例》",
                "学习社区治理有关政策", "学习全国两会精神", "学习党的二十届三中全会精神", "观看警示教育片并交流",
                "学习身边优秀党员先进事迹")
POSTS = (("政策宣传岗", "向居民宣传党的政策和社区通知，每月入户一次"),
         ("环境卫生监督岗", "监督楼道和公共区域卫生，发现问题及时反映"),
         ("邻里互助岗", "联系独居老人和困难家庭，帮办代办"),
         ("治安巡逻岗", "参加夜间巡逻，排查安全隐患"))
HOMES = ("区税务局机关党支部", "市第三中学党支部", "区人民医院第二党支部", "区供电公司营销党支部")
ACTIVITIES = ("参加社区环境整治志愿服务", "为小区居民义务讲解医保政策", "参加“敲门行动”走访独居老人",
              "参加社区疫情防控值守", "辅导社区青少年课业")


def generate(db: Database, *, today: date, rng: random.Random) -> None:
    services = build_services(db)
    branch = services.organisation.first_branch()
    if branch is None:
        return
    records = services.records
    for index, group in enumerate(services.group_manual.groups(branch.id)):
        with db.sessions() as s:
            stays = [x for x in group_stays(s, branch.id, group.id) if x.covers(today)]
        if not stays:
            continue
        start = today - timedelta(days=700)
        officers = services.group_manual.manual(group.id, year=today.year).officers
        leader_ids = {o.member_id for o in officers}
        able = [x for x in stays if x.full_member_on and x.member_id not in leader_ids
                and x.start <= start and x.full_member_on <= start]
        if able:
            deputy = rng.choice(able)
            services.group_manual.appoint(group.id, member_id=deputy.member_id, role="deputy_group_leader",
                                          started_on=start + timedelta(days=30), today=today)
            others = [x for x in able if x.member_id != deputy.member_id]
            if index == 0 and others:
                services.group_manual.appoint(group.id, member_id=rng.choice(others).member_id,
                                              role="deputy_group_leader", started_on=date(today.year, 3, 1),
                                              today=today)
        base = {"branch_id": branch.id, "group_id": group.id}
        _studies(records, base, stays, today, rng)
        _assignments(records, services, base, group, stays, start, today, rng)
        _cards(records, base, stays, today, rng, skip_feedback=index == 0)


def _studies(records, base, stays, today: date, rng: random.Random) -> None:
    for year in (today.year - 1, today.year):
        for month in range(1, 13):
            day = date(year, month, rng.randint(8, 22))
            if day > today or rng.random() < 0.2:
                continue
            leader = rng.choice([x for x in stays if x.start <= day])
            records.create("group_study", {**base, "held_on": day, "topic": rng.choice(STUDY_TOPICS),
                                           "leader_id": leader.member_id, "hours": rng.choice((1.0, 1.5, 2.0)),
                                           "attendees": max(1, len(stays) - rng.randint(0, 3)),
                                           "place": "社区党群服务中心"}, today=today)


def _assignments(records, services, base, group, stays, start: date, today: date, rng: random.Random) -> None:
    early = [x for x in stays if x.start <= start]
    if not early:
        return
    buildings = services.group_manual.manual(group.id, year=today.year).buildings
    for n, building in enumerate(buildings[:3]):
        holder = early[n % len(early)]
        records.create("duty_areas", {**base, "member_id": holder.member_id, "name": f"{building}责任区",
                                      "scope": f"{building} 全部单元", "duties": "联系住户，收集意见，协助网格员开展工作",
                                      "started_on": start}, today=today)
    for n, (post, duties) in enumerate(POSTS[:min(len(POSTS), len(early))]):
        holder = early[(n + 1) % len(early)]
        values = {**base, "post": post, "duties": duties, "member_id": holder.member_id, "started_on": start}
        if n == 0 and len(early) > 1:
            handover = date(today.year, 4, 1) if date(today.year, 4, 1) <= today else today
            records.create("group_posts", {**values, "ended_on": handover - timedelta(days=1)}, today=today)
            values = {**values, "member_id": early[(n + 2) % len(early)].member_id, "started_on": handover}
        records.create("group_posts", values, today=today)


def _cards(records, base, stays, today: date, rng: random.Random, *, skip_feedback: bool) -> None:
    """The three cards of each co-managed member; with ``skip_feedback`` the first one's feedback card
    for this year is left out (a gap for the secretary to find)."""
    for n, x in enumerate(x for x in stays if x.management == "co"):
        first = max(x.start, today - timedelta(days=600))
        common = {**base, "member_id": x.member_id, "home_unit": rng.choice(HOMES), "home_contact": "组织委员 王老师"}
        records.create("co_managed_cards", {**common, "card": "registration", "on": first,
                                            "content": "愿意参加社区志愿服务和政策宣讲"}, today=today)
        day = first + timedelta(days=40)
        while day <= today:
            records.create("co_managed_cards", {**common, "card": "activity", "on": day,
                                                "content": rng.choice(ACTIVITIES), "hours": rng.choice((2.0, 3.0))},
                           today=today)
            day += timedelta(days=rng.randint(70, 120))
        feedback_days = [date(today.year - 1, 12, 20)]
        if not (skip_feedback and n == 0):
            feedback_days.append(today - timedelta(days=3))
        for day in (d for d in feedback_days if d >= first):
            records.create("co_managed_cards", {**common, "card": "feedback", "on": day, "assessment": "good",
                                                "content": "该同志在社区报到后积极参加志愿服务，表现良好。"}, today=today)
