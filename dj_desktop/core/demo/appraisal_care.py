"""Demo part: last year's democratic appraisal of every member (probationary members not graded, 优秀
within the rule set's cap, one 基本合格 with its follow-up talk and plan), the care ledger of the oldest
members and one in hardship, and this year's 春节 and 七一 visits, an illness visit and aid received."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import insert, select

from dj_desktop.core import tracking
from dj_desktop.core.books import load_books
from dj_desktop.core.books.appraisals import is_probationary
from dj_desktop.core.db import Database
from dj_desktop.core.models import Meeting, Member, Organisation
from dj_desktop.core.models.appraisal_care import Appraisal, CareAid, CareMember, CareVisit
from dj_desktop.core.rules.appraisal import rules_from
from dj_desktop.core.rules.spring_festival import spring_festival
from dj_desktop.core.rulesets import store

_SITUATIONS = {"elderly": "年事已高，独居，行动不便，子女在外地工作", "ill": "患慢性病，长期服药，需定期复查",
               "hardship": "家庭收入低，配偶患病，孙辈上学负担重"}


def _appraisals(s, branch, members, year, rng) -> list[dict]:
    day = date(year, 12, rng.randrange(10, 25))
    meeting = s.scalar(select(Meeting.id).where(Meeting.branch_id == branch.id, Meeting.kind == "appraisal_meeting",
                                                Meeting.deleted.is_(False), Meeting.held_on >= date(year, 1, 1))
                       .order_by(Meeting.held_on))
    present = [m for m in members if m.arrived_on <= day and m.joined_on <= day]
    full = [m for m in present if not is_probationary(m, day)]
    version = store.version_on(s, "appraisal", date(year, 12, 31))
    cap = rules_from(version.content).excellent_cap_percent if version else 0
    excellent = set(m.id for m in rng.sample(full, len(full) * cap // 100 // 2)) if full else set()
    rows = []
    for n, m in enumerate(present):
        graded = m in full
        grade = ("excellent" if m.id in excellent else "basic" if graded and n == 5 else "qualified") if graded else ""
        votes = len(present)
        good = rng.randrange(votes // 3, votes // 2 + 1) if grade == "excellent" else rng.randrange(0, votes // 4 + 1)
        basic = rng.randrange(1, 4) if grade == "basic" else 0
        rows.append({"branch_id": branch.id, "member_id": m.id, "year": year, "appraised_on": day,
                     "meeting_id": meeting, "self_assessment": "坚定理想信念，按时参加组织生活，积极参与社区志愿服务。",
                     "votes_excellent": good, "votes_qualified": votes - good - basic, "votes_basic": basic,
                     "votes_unqualified": 0, "grade": grade,
                     "talk_on": day + timedelta(days=3) if grade == "basic" else None,
                     "improvement_plan": "每月按时参加组织生活，认领一个志愿服务岗位" if grade == "basic" else "",
                     "outcome": "已谈心谈话，本人表示认真整改" if grade == "basic" else ""})
    return rows


def generate(db: Database, *, today: date, rng: random.Random) -> None:
    load_books()
    with db.sessions.begin() as s:
        branch = s.scalar(select(Organisation).where(Organisation.kind == "branch", Organisation.deleted.is_(False))
                          .order_by(Organisation.sort_order, Organisation.name))
        if branch is None:
            return
        members = list(s.scalars(select(Member).where(Member.branch_id == branch.id, Member.deleted.is_(False),
                                                      Member.left_on.is_(None)).order_by(Member.birth_date)))
        appraisals = _appraisals(s, branch, members, today.year - 1, rng)
        listed = date(today.year - 1, 3, 1)
        cared = [(m, "elderly" if n < 3 else "ill" if n == 3 else "hardship")
                 for n, m in enumerate(members[:3] + members[-2:]) if m.arrived_on <= listed]
        ledger = [{"branch_id": branch.id, "member_id": m.id, "category": c, "situation": _SITUATIONS[c],
                   "listed_on": listed, "removed_on": None} for m, c in cared]
        visits, aid = [], []
        festivals = [("spring_festival", spring_festival(today.year)), ("july_first", date(today.year, 7, 1))]
        for occasion, day in festivals:
            for n, (m, _c) in enumerate(cared):
                visited = day - timedelta(days=rng.randrange(1, 10)) if day else None
                if visited and visited <= today and not (occasion == "july_first" and n == len(cared) - 1):
                    visits.append({"branch_id": branch.id, "member_id": m.id, "visited_on": visited,
                                   "visitors": "支部书记、组织委员", "occasion": occasion,
                                   "given": "慰问金、米、油", "amount": Decimal(rng.choice([200, 300, 500])), "note": ""})
        if cared and date(today.year, 4, 12) <= today:
            m = cared[-2][0]
            visits.append({"branch_id": branch.id, "member_id": m.id, "visited_on": date(today.year, 4, 12),
                           "visitors": "支部书记", "occasion": "illness", "given": "水果、营养品",
                           "amount": Decimal("150.00"), "note": "住院期间探望"})
            aid.append({"branch_id": branch.id, "member_id": cared[-1][0].id, "received_on": date(today.year, 4, 20),
                        "source": "县委组织部党内关怀帮扶资金", "given": "生活困难补助金", "amount": Decimal("1000.00"), "note": ""})
        s.info["reason"] = "demo"
        for model, rows in ((Appraisal, appraisals), (CareMember, ledger), (CareVisit, visits), (CareAid, aid)):
            if rows:
                s.execute(insert(model), tracking.stamp_rows(s, rows, history_table=model.__tablename__))
