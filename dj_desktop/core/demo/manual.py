"""Demo part "manual": three years of branch-manual records ending today, with a few deliberate gaps.

Meetings (三会一课, themed days, life meeting, appraisal) with attendance and
absence reasons, minutes and decisions, talks, plans and summaries, and a few
small photos. The gaps (a missed committee meeting, a group that skipped last
month, a missed Party lesson, talks not held) make the reminders show something.
"""

from __future__ import annotations

import random
import tempfile
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PIL import Image, ImageDraw
from sqlalchemy import insert, select

from dj_desktop.core import tracking
from dj_desktop.core.db import Database
from dj_desktop.core.demo import manual_texts as T
from dj_desktop.core.models import (
    Attendance, CommitteeMember, CommitteeTerm, Decision, Meeting, Member, Organisation, Talk, WorkPlan,
)
from dj_desktop.core.rules.cadence import LEADER_ROLES
from dj_desktop.core.rules.periods import month_end
from dj_desktop.core.services.attachments import AttachmentService

YEARS_BACK = 3
HOURS = {"committee_meeting": 1, "group_meeting": 1, "themed_day": 2, "general_meeting": 1, "party_lesson": 2,
         "life_meeting": 2, "appraisal_meeting": 1}
GUEST_LECTURER = "刘建华（街道党工委副书记）"
OTHER_REASONS = ("personal_leave", "official_duty", "sick_leave", "other")


@dataclass(frozen=True)
class _Person:
    id: uuid.UUID
    name: str
    category: str
    group_id: uuid.UUID | None
    arrived_on: date
    left_on: date | None

    def here(self, day: date) -> bool:
        return self.arrived_on <= day and (self.left_on is None or self.left_on >= day)


@dataclass(frozen=True)
class _Seat:
    member_id: uuid.UUID
    role: str
    org_id: uuid.UUID
    started_on: date
    ended_on: date | None

    def held(self, day: date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)


class _Book:
    """Collects rows for one bulk insert per table."""

    def __init__(self, rng: random.Random, people: list[_Person], seats: list[_Seat], branch_id: uuid.UUID, *,
                 today: date):
        self.rng, self.people, self.seats, self.branch_id, self.today = rng, people, seats, branch_id, today
        self.meetings: list[dict] = []
        self.attendance: list[dict] = []
        self.decisions: list[dict] = []

    def committee(self, day: date) -> list[_Person]:
        ids = {s.member_id for s in self.seats if s.org_id == self.branch_id and s.role in LEADER_ROLES and s.held(day)}
        return [p for p in self.people if p.id in ids and p.here(day)]

    def role(self, day: date, role: str, org_id: uuid.UUID) -> _Person | None:
        ids = [s.member_id for s in self.seats if s.org_id == org_id and s.role == role and s.held(day)]
        return next((p for p in self.people if p.id in ids and p.here(day)), None)

    def meeting(self, kind: str, day: date, *, expected: list[_Person], theme: str, group_id=None, lecturer=None,
                lecturer_name: str = "", turnout: float = 1.0) -> dict:
        rng = self.rng
        secretary = self.role(day, "secretary", self.branch_id)
        host = (self.role(day, "group_leader", group_id) if group_id else secretary) or (expected or [None])[0]
        recorder = self.role(day, "organisation", self.branch_id) or host
        present = []
        for p in expected:
            chance = {"mobile": 0.1, "elderly_infirm": 0.45}.get(p.category, 0.92) * turnout
            came = rng.random() < chance or p is host
            reason = "" if came else {"mobile": "away", "elderly_infirm": "sick_leave"}.get(
                p.category, rng.choice(OTHER_REASONS))
            note = "照顾生病的家人" if reason == "other" else ""
            self.attendance.append(dict(member_id=p.id, present=came, absence_reason=reason, absence_note=note))
            self.attendance[-1]["_meeting"] = len(self.meetings)
            if came:
                present.append(p)
        speaker = rng.choice(present).name if present else ""
        minutes = T.MINUTES[kind].format(host=host.name if host else "", theme=theme, speaker=speaker,
                                         lecturer=lecturer.name if lecturer else lecturer_name.split("（")[0],
                                         expected=len(expected), present=len(present))
        row = dict(branch_id=self.branch_id, group_id=group_id, kind=kind, held_on=day,
                   starts_at="19:00" if kind == "group_meeting" else "09:00",
                   ends_at="20:30" if kind == "group_meeting" else "11:00", place=rng.choice(T.PLACES),
                   host_id=host.id if host else None, recorder_id=recorder.id if recorder else None,
                   lecturer_id=lecturer.id if lecturer else None, lecturer_name="" if lecturer else lecturer_name,
                   lesson_title=theme if kind == "party_lesson" else "",
                   theme="" if kind == "party_lesson" else theme, minutes=minutes, study_hours=HOURS[kind], notes="")
        self.meetings.append(row)
        for position, text in enumerate(rng.sample(T.DECISIONS.get(kind, ()), min(2, len(T.DECISIONS.get(kind, ()))))):
            done = day < self.today - timedelta(days=60)
            self.decisions.append(dict(_meeting=len(self.meetings) - 1, position=position, text=text,
                                       responsible_id=recorder.id if recorder else None, due_on=day + timedelta(days=30),
                                       follow_up_status="done" if done else rng.choice(("pending", "in_progress")),
                                       follow_up_note="已按期完成" if done else ""))
        return row


def _load(s, branch: Organisation) -> tuple[list[_Person], list[_Seat], list[Organisation]]:
    people = [_Person(m.id, m.name, m.category, m.group_id, m.arrived_on, m.left_on) for m in s.scalars(
        select(Member).where(Member.branch_id == branch.id, Member.deleted.is_(False)).order_by(Member.joined_on))]
    groups = list(s.scalars(select(Organisation).where(Organisation.parent_id == branch.id,
                                                       Organisation.kind == "group", Organisation.deleted.is_(False))
                            .order_by(Organisation.sort_order, Organisation.name)))
    org_ids = [branch.id] + [g.id for g in groups]
    seats = [_Seat(c.member_id, c.role, t.organisation_id, c.started_on, c.ended_on) for c, t in s.execute(
        select(CommitteeMember, CommitteeTerm).join(CommitteeTerm, CommitteeTerm.id == CommitteeMember.term_id)
        .where(CommitteeTerm.organisation_id.in_(org_ids), CommitteeMember.deleted.is_(False)))]
    return people, seats, groups


def _months(start: date, today: date):
    y, m = start.year, start.month
    while (y, m) <= (today.year, today.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def _schedule(book: _Book, groups: list[Organisation], *, today: date) -> None:
    rng, start = book.rng, date(today.year - YEARS_BACK, 1, 1)
    last_month = (today.replace(day=1) - timedelta(days=1))
    gaps = {("committee_meeting", (today.replace(day=1) - timedelta(days=100)).replace(day=1)),
            ("group_meeting", last_month.replace(day=1)),
            ("party_lesson", (today.replace(day=1) - timedelta(days=150)).replace(day=1))}
    thin_quorum = date(today.year - 1, 2, 1)   # a general meeting at Spring Festival without a quorum
    for y, m in _months(start, today):
        first = date(y, m, 1)

        def held(kind: str, day: int) -> date | None:
            when = date(y, m, min(day, month_end(y, m).day))
            return when if when <= today and (kind, first) not in gaps else None

        if (d := held("committee_meeting", 5 + rng.randint(0, 3))) and len(book.committee(d)) >= 3:
            book.meeting("committee_meeting", d, expected=book.committee(d), theme=rng.choice(T.COMMITTEE_THEMES))
        for n, group in enumerate(groups):
            if ("group_meeting", first) in gaps and n == len(groups) - 1:
                continue  # the last group skipped last month's meeting
            d = date(y, m, 12 + n + rng.randint(0, 2))
            members = [p for p in book.people if p.group_id == group.id and p.here(d)]
            if d <= today and members:
                book.meeting("group_meeting", d, expected=members, theme=rng.choice(T.GROUP_THEMES),
                             group_id=group.id)
        if d := held("themed_day", 20):
            book.meeting("themed_day", d, expected=[p for p in book.people if p.here(d)],
                         theme=T.THEMED_DAYS[(m - 1) % len(T.THEMED_DAYS)])
        if m % 3 == 2 and (d := held("general_meeting", 25)):
            book.meeting("general_meeting", d, expected=[p for p in book.people if p.here(d)],
                         theme=rng.choice(T.GENERAL_THEMES), turnout=0.4 if first == thin_quorum else 1.0)
        if m % 3 == 0 and (d := held("party_lesson", 8)):
            secretary = book.role(d, "secretary", book.branch_id)
            others = [p for p in book.committee(d) if p is not secretary]
            lecturer = secretary if m == 6 else (rng.choice(others) if others and m != 12 else None)
            book.meeting("party_lesson", d, expected=[p for p in book.people if p.here(d)],
                         theme=rng.choice(T.LESSONS), lecturer=lecturer,
                         lecturer_name="" if lecturer else GUEST_LECTURER)
        if m == 12:
            for kind, day in (("life_meeting", 18), ("appraisal_meeting", 22)):
                if d := held(kind, day):
                    book.meeting(kind, d, expected=[p for p in book.people if p.here(d)],
                                 theme="召开{y}年度组织生活会".format(y=y) if kind == "life_meeting"
                                 else "{y}年度民主评议党员".format(y=y))


def _talks(rng: random.Random, book: _Book, *, today: date) -> list[dict]:
    rows = []
    for year in range(today.year - YEARS_BACK, today.year + 1):
        skipped = 2 if year == today.year - 1 else (4 if year == today.year else 0)
        people = list(book.people)
        rng.shuffle(people)
        for p in people[skipped:]:
            day = date(year, 1, 1) + timedelta(days=rng.randint(20, 340))
            talkers = [c for c in book.committee(day) if c.id != p.id]
            if day > today or not p.here(day) or not talkers:
                continue
            topic, summary = rng.choice(T.TALK_TOPICS if p.category != "mobile" else T.TALK_TOPICS[-1:])
            rows.append(dict(branch_id=book.branch_id, held_on=day, talker_id=rng.choice(talkers).id,
                             talkee_id=p.id, place="社区党员活动室" if p.category != "mobile" else "电话",
                             topic=topic, summary=f"与{p.name}同志{summary}"))
    return rows


def _plans(book: _Book, *, today: date) -> list[dict]:
    rows = []
    for year in range(today.year - YEARS_BACK, today.year + 1):
        title, body = T.PLAN
        rows.append(dict(branch_id=book.branch_id, year=year, kind="plan", title=title.format(year=year),
                         body=body, adopted_on=date(year, 1, 15)))
        if year < today.year:
            count = lambda k: sum(1 for m in book.meetings if m["kind"] == k and m["held_on"].year == year)  # noqa: E731
            title, body = T.SUMMARY
            rows.append(dict(branch_id=book.branch_id, year=year, kind="summary", title=title.format(year=year),
                             body=body.format(year=year, general=count("general_meeting"),
                                              committee=count("committee_meeting"), group=count("group_meeting"),
                                              lesson=count("party_lesson"), themed=count("themed_day")),
                             adopted_on=date(year, 12, 28)))
    return rows


def _photo(rng: random.Random, path: Path) -> Path:
    """A small drawn scene (wall, red flag, people) so the manual has something to show."""
    img = Image.new("RGB", (480, 320), (rng.randint(200, 240), rng.randint(200, 230), rng.randint(180, 210)))
    draw = ImageDraw.Draw(img)
    draw.rectangle((150, 30, 330, 140), fill=(200, 20, 20))
    draw.ellipse((170, 45, 200, 75), fill=(250, 210, 0))
    for n in range(8):
        x = 30 + n * 55
        draw.ellipse((x, 180, x + 30, 210), fill=(60, 40, 30))
        draw.rectangle((x - 5, 210, x + 35, 300), fill=(rng.randint(20, 90), rng.randint(20, 90), 120))
    img.save(path, "JPEG", quality=80)
    return path


def generate(db: Database, *, today: date, rng: random.Random) -> None:
    with db.sessions.begin() as s:
        branch = s.scalar(select(Organisation).where(Organisation.kind == "branch", Organisation.deleted.is_(False))
                          .order_by(Organisation.sort_order, Organisation.name))
        if branch is None:
            return
        people, seats, groups = _load(s, branch)
        book = _Book(rng, people, seats, branch.id, today=today)
        _schedule(book, groups, today=today)
        s.info["reason"] = "demo"
        meeting_rows = tracking.stamp_rows(s, book.meetings, history_table=Meeting.__tablename__)
        s.execute(insert(Meeting), meeting_rows)
        for table, rows in ((Attendance, book.attendance), (Decision, book.decisions)):
            for row in rows:
                row["meeting_id"] = meeting_rows[row.pop("_meeting")]["id"]
            if rows:
                s.execute(insert(table), tracking.stamp_rows(s, rows, history_table=table.__tablename__))
        for table, rows in ((Talk, _talks(rng, book, today=today)), (WorkPlan, _plans(book, today=today))):
            if rows:
                s.execute(insert(table), tracking.stamp_rows(s, rows, history_table=table.__tablename__))
    _attach_photos(db, rng, branch.id, meeting_rows, today=today)


def _attach_photos(db: Database, rng: random.Random, branch_id: uuid.UUID, meetings: list[dict], *,
                   today: date) -> None:
    last_year = [m for m in meetings if m["held_on"].year == today.year - 1
                 and m["kind"] in ("themed_day", "party_lesson")]
    chosen = last_year[::max(1, len(last_year) // 5)][:5]
    attachments = AttachmentService(db)
    with tempfile.TemporaryDirectory() as folder:
        for n, meeting in enumerate(chosen):
            path = _photo(rng, Path(folder) / f"IMG_{meeting['held_on']:%Y%m%d}_{n + 1:02d}.jpg")
            attachments.add(Meeting.__tablename__, meeting["id"], path, branch_id=branch_id,
                            caption=T.PHOTO_CAPTIONS[n % len(T.PHOTO_CAPTIONS)])
