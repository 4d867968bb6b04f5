"""Demo part: this year's practice archive (volunteer service, "六个一" items, individual study), the
members' pledges (made public in March, mid-year reviews), a few manual points entries and the months
confirmed — with gaps for the reminders: two members without a pledge, one pledge not yet reviewed at
mid-year, last month's points not confirmed, a few members short of study hours."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert, select

from dj_desktop.core import tracking
from dj_desktop.core.books import load_books
from dj_desktop.core.db import Database
from dj_desktop.core.models import Member, Organisation
from dj_desktop.core.models.points import Pledge, PointEntry, PointMonth, PracticeActivity
from dj_desktop.core.rules.dues import add_months
from dj_desktop.core.rulesets import store

_ACTIVITIES = [("volunteer", "社区环境清扫志愿服务", 2.0, 0.0), ("service_post", "认领楼道文明引导岗", 1.5, 0.0),
               ("pairing", "走访结对困难家庭", 1.0, 0.0), ("volunteer_activity", "参加“敬老助老”志愿活动", 3.0, 0.0),
               ("cultural_group", "带领社区合唱队排练", 2.0, 0.0), ("convenience", "为居民义务理发", 2.0, 0.0),
               ("proposal", "提出加装电梯的建议", 0.0, 0.0), ("study", "学习强国专题学习", 0.0, 4.0),
               ("study", "参加街道党员轮训", 0.0, 6.0)]
_PLEDGES = ["每月参加一次志愿服务；结对帮扶一户困难家庭", "带头遵守社区公约，做好楼道文明引导",
            "按时交纳党费，每季度提出一条合理化建议", "参加社区文体活动，带动身边群众"]


def generate(db: Database, *, today: date, rng: random.Random) -> None:
    load_books()
    year = today.year
    with db.sessions.begin() as s:
        branch = s.scalar(select(Organisation).where(Organisation.kind == "branch", Organisation.deleted.is_(False))
                          .order_by(Organisation.sort_order, Organisation.name))
        if branch is None:
            return
        members = [m for m in s.scalars(select(Member).where(Member.branch_id == branch.id, Member.deleted.is_(False))
                                        .order_by(Member.joined_on, Member.name))
                   if m.left_on is None and m.arrived_on <= date(year, 1, 1) and m.joined_on <= date(year, 1, 1)]
        activities, pledges, entries, months = [], [], [], []
        for n, member in enumerate(members):
            # A few members (every seventh) keep no practice record: short of study hours.
            for month in range(1, today.month + 1) if n % 7 != 3 else []:
                if rng.random() < 0.55:
                    kind, title, service, study = rng.choice(_ACTIVITIES)
                    day = date(year, month, rng.randrange(1, 28))
                    if day <= today:
                        activities.append({"branch_id": branch.id, "member_id": member.id, "done_on": day, "kind": kind,
                                           "title": title, "service_hours": service, "study_hours": study, "note": ""})
            published = date(year, 3, rng.randrange(5, 25))
            if n in (4, 9) or published > today:          # two members have not made their pledge public
                continue
            mid = date(year, 7, rng.randrange(10, 28))
            reviewed = mid <= today and n != 2               # one pledge still waiting for its mid-year review
            pledges.append({"branch_id": branch.id, "member_id": member.id, "year": year,
                            "items": _PLEDGES[n % len(_PLEDGES)], "published_on": published,
                            "mid_review_on": mid if reviewed else None,
                            "mid_status": rng.choice(["kept", "kept", "partly"]) if reviewed else "",
                            "mid_comment": "按承诺积极参加社区服务" if reviewed else "",
                            "end_review_on": None, "end_status": "", "end_comment": ""})
        for n, member in enumerate(members[:3]):
            month = date(year, min(today.month, 2 + n * 3), 1)
            entries.append({"branch_id": branch.id, "member_id": member.id, "month": month, "item": "other",
                            "points": 5.0, "reason": "被街道评为“优秀志愿者”", "evidence": "街道表彰文件",
                            "record_id": None})
        first_open = add_months(today.replace(day=1), -1)    # last month stays unconfirmed
        month = date(year, 1, 1)
        while month < first_open:
            version = store.version_on(s, "points", month)
            if version is not None:
                months.append({"branch_id": branch.id, "month": month, "rules_version": version.ref,
                               "confirmed_on": add_months(month, 1) + timedelta(days=rng.randrange(2, 8))})
            month = add_months(month, 1)
        s.info["reason"] = "demo"
        for model, rows in ((PracticeActivity, activities), (Pledge, pledges), (PointEntry, entries),
                            (PointMonth, months)):
            if rows:
                s.execute(insert(model), tracking.stamp_rows(s, rows, history_table=model.__tablename__))
