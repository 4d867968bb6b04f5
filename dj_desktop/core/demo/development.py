"""Demo part: people at every stage of member development (发展党员) — a new applicant, one whose
talk is overdue, an activist, a candidate on public notice, a probationary member and one converted
to full membership — walked through the steps on days the rules allow, through the service."""

from __future__ import annotations

import random
from datetime import date, timedelta

from dj_desktop.core.db import Database
from dj_desktop.core.rules.development import StepInput, Votes
from dj_desktop.core.rules.id_number import make_id_number

#: (name, gender, birth year, days before today the application was made, the last step to reach)
_PEOPLE = [("林晓雨", "female", 2001, 12, 1), ("陈嘉豪", "male", 1999, 45, 1), ("吴思远", "male", 1996, 330, 6),
           ("黄雅琴", "female", 1994, 540, 12), ("郑浩然", "male", 1992, 700, 21), ("何静怡", "female", 1990, 1400, 25)]


def generate(db: Database, *, today: date, rng: random.Random) -> None:
    from dj_desktop.core.services import build_services
    services = build_services(db)
    branch = services.organisation.first_branch()
    if branch is None:
        return
    full = [m.name for m in services.members.roster(branch.id) if m.member_type == "full"]
    meetings = services.meetings.list(branch.id)
    meeting = next((m.id for m in meetings if m.kind == "general_meeting"), meetings[0].id if meetings else None)
    if len(full) < 2 or meeting is None:
        return
    for n, (name, gender, year, days_ago, last) in enumerate(_PEOPLE):
        number = make_id_number("310104", date(year, rng.randint(1, 12), rng.randint(1, 28)), 30 + n, gender=gender)
        applied = today - timedelta(days=days_ago)
        person = services.development.add(branch.id, name=name, id_number=number, applied_on=applied,
                                          rules_version="2014", today=today)
        _walk(services, person, last, today=today, rng=rng, sponsors=rng.sample(full, 2), meeting=meeting,
              voters=len(full))


def _walk(services, person, last: int, *, today: date, rng: random.Random, sponsors, meeting, voters: int) -> None:
    rules = services.development.rules(person)
    day = services.development.timeline(person)[0].actual[0]
    for no in range(2, last + 1):
        nxt = services.development.person(person).next_step
        day = day + timedelta(days=rng.randint(2, 9))
        if nxt.earliest and day < nxt.earliest:
            day = nxt.earliest + timedelta(days=rng.randint(0, 3))
        if nxt.latest and day > nxt.latest:
            day = nxt.latest
        if day > today:
            return
        step = rules.step(no)
        given = StepInput(on=day, people=tuple(sponsors[:1]) if step.people else (),
                          sponsors=tuple(sponsors) if step.sponsors else (),
                          votes=Votes(voters, voters - 1, voters - 1) if step.votes else None)
        services.development.record_step(person, no, given, today=today, meeting_id=meeting if step.meeting else None)
