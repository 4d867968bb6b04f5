"""Demo part: the assessment handbook — last year's star self-assessment scored from the demo's
records, the secretary's scores for the items no rule can judge, submitted in January (frozen; on the day itself before the 15th);
and this year's first half year as a draft once it is over."""

from __future__ import annotations

import random
from datetime import date

from dj_desktop.core.db import Database

#: Items no rule can judge, with the share of their points the demo secretary gives and a comment.
_MANUAL = {
    "self.development": (0.8, "制定了入党积极分子培养计划，两名积极分子按步骤培养。"),
    "team.study": (1.0, "班子每月集中学习一次，开展廉政教育两次。"),
    "ranks.models": (0.67, "推荐一名优秀党员参评街道先进。"),
    "basics.files": (0.75, "资料分类存档，个别会议记录签到不全。"),
    "centre.tasks": (0.9, "完成老旧小区改造入户动员和垃圾分类宣传。"),
    "culture.activities": (0.75, "举办“七一”文艺汇演，更新党建宣传栏。"),
    "democracy.open": (0.86, "每季度党务公开，征集居民意见建议23条。"),
}


def _scores(rng: random.Random, standard) -> tuple[dict, dict]:
    scores, comments = {}, {}
    for item_id, (share, comment) in _MANUAL.items():
        points = float(standard.item(item_id).points)
        # Half points, never above the item's points.
        scores[item_id] = str(min(points, round(points * share * 2 + rng.choice((-1, 0, 0))) / 2))
        comments[item_id] = comment
    return scores, comments


def generate(db: Database, *, today: date, rng: random.Random) -> None:
    from dj_desktop.core.services import build_services
    services = build_services(db)
    branch = services.organisation.first_branch()
    if branch is None:
        return
    last_year = str(today.year - 1)
    standard = services.assessment.standard("star", date(today.year - 1, 12, 31))
    scores, comments = _scores(rng, standard)
    submitted_on = min(date(today.year, 1, 15), today)
    services.assessment.save(branch=branch.id, period=last_year, standard="star", scores=scores, comments=comments,
                             vetoes=set(), comment="全年完成各项党建任务，“三会一课”按时召开。", today=today)
    services.assessment.submit(branch=branch.id, period=last_year, standard="star", today=submitted_on)
    if today.month >= 7:
        services.assessment.save(branch=branch.id, period=f"{today.year}-H1", standard="star",
                                 scores=_scores(rng, standard)[0], comment="上半年自查。", today=today)
