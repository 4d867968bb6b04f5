"""A branch entered through the services, with a year of meetings, talks, plans and photos, for the PDF tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from PIL import Image, ImageDraw

from dj_desktop.core.rules.id_number import check_digit
from dj_desktop.core.services import Services
from dj_desktop.core.services.meeting_records import AttendanceInput, DecisionInput, MeetingInput, TalkInput
from dj_desktop.core.services.member_records import MemberInput

YEAR = 2025
NAMES = ["王建国", "李秀英", "张明", "刘桂兰", "陈志强", "杨丽", "黄海", "赵红梅", "吴军", "周文斌",
         "徐静", "孙伟", "马玉兰", "朱勇"]
MINUTES = ("一、支部书记传达上级党委关于加强基层党组织建设的文件精神。\n"
           "二、组织委员通报党员发展工作情况，讨论本月主题党日活动方案。\n"
           "三、与会党员一致同意组织志愿服务，走访困难党员家庭。")


@dataclass
class PdfWorld:
    branch: uuid.UUID
    members: dict[str, uuid.UUID] = field(default_factory=dict)
    meetings: dict[str, uuid.UUID] = field(default_factory=dict)


def id_number(n: int, *, born: date) -> str:
    first17 = f"110101{born:%Y%m%d}{n:03d}"
    return first17 + check_digit(first17)


def photo(path: Path, *, colour: tuple[int, int, int], size=(640, 480)) -> Path:
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).ellipse((40, 40, size[0] - 40, size[1] - 40), outline=(255, 230, 160), width=12)
    image.save(path, quality=85)
    return path


def build_pdf_world(services: Services, files: Path) -> PdfWorld:
    """青山村党支部: 14 members (two probationary), a committee of three, two groups; in 2025 a
    committee meeting with decisions and two photos, a general meeting that missed its quorum,
    a Party lesson, a group meeting, a themed Party day, two talks, the plan and the summary."""
    branch = services.organisation.create_first_branch(
        "青山村党支部", setting="village", founded_on=date(1998, 7, 1), parent_name="青山镇党委")
    g1 = services.organisation.add_unit("第一党小组", kind="group", parent_id=branch.id)
    g2 = services.organisation.add_unit("第二党小组", kind="group", parent_id=branch.id)
    world = PdfWorld(branch=branch.id)
    for n, name in enumerate(NAMES, start=1):
        born = date(1960 + n * 2, 3, n)
        probationary = n > 12
        world.members[name] = services.members.add(branch.id, MemberInput(
            name=name, id_number=id_number(n, born=born), joined_on=date(2024, 6, 1) if probationary
            else date(1990 + n, 7, 1), full_member_on=None if probationary else date(1991 + n, 7, 1),
            group_id=(g1 if n % 2 else g2).id, ethnicity="回族" if n == 5 else "汉族"), today=date(2024, 12, 31))
    term = services.organisation.start_term(branch.id, elected_on=date(2023, 3, 1))
    for name, role in (("王建国", "secretary"), ("李秀英", "organisation"), ("张明", "propaganda")):
        services.organisation.add_seat(term.id, member_id=world.members[name], role=role, started_on=date(2023, 3, 1))
    committee = [world.members[n] for n in ("王建国", "李秀英", "张明")]
    everyone = list(world.members.values())

    def meet(key: str, *, kind: str, on: date, attend: list[uuid.UUID], absent: set[uuid.UUID] = frozenset(),
             **extra) -> None:
        attendance = tuple(AttendanceInput(member_id=m, present=m not in absent,
                                           absence_reason="" if m not in absent else "sick_leave",
                                           absence_note="" if m not in absent else "住院治疗")
                           for m in attend)
        detail = services.meetings.create(MeetingInput(
            branch_id=branch.id, kind=kind, held_on=on, starts_at=time(14, 30), ends_at=time(16, 0),
            place="村党群服务中心会议室", host_id=world.members["王建国"], recorder_id=world.members["李秀英"],
            minutes=MINUTES, attendance=attendance, **extra), today=date(YEAR, 12, 31))
        world.meetings[key] = detail.id

    meet("committee", kind="committee_meeting", on=date(YEAR, 3, 5), attend=committee,
         theme="研究部署第一季度党建重点工作", study_hours=1.5,
         decisions=(DecisionInput(text="三月十五日前完成主题党日活动方案", responsible_id=world.members["张明"],
                                  due_on=date(YEAR, 3, 15), follow_up_status="done"),))
    meet("general", kind="general_meeting", on=date(YEAR, 4, 10), attend=everyone, absent=set(everyone[3:]),
         theme="讨论接收预备党员", decisions=(DecisionInput(text="同意接收一名预备党员"),))
    meet("lesson", kind="party_lesson", on=date(YEAR, 6, 28), attend=everyone, absent={everyone[4]},
         lesson_title="学习党章 守初心担使命", lecturer_id=world.members["王建国"], study_hours=2)
    group1 = [m for n, m in enumerate(everyone, start=1) if n % 2]
    meet("group", kind="group_meeting", on=date(YEAR, 2, 20), attend=group1, group_id=g1.id, theme="学习交流")
    meet("themed", kind="themed_day", on=date(YEAR, 7, 1), attend=everyone, theme="重温入党誓词")
    for n, colour in enumerate(((150, 40, 40), (40, 90, 150)), start=1):
        services.attachments.add("meeting", world.meetings["committee"],
                                 photo(files / f"photo{n}.jpg", colour=colour), caption=f"会议现场{n}",
                                 branch_id=branch.id)
    for n, talkee in enumerate(("刘桂兰", "陈志强"), start=1):
        services.talks.create(TalkInput(branch_id=branch.id, held_on=date(YEAR, 5, n), talker_id=world.members["王建国"],
                                        talkee_id=world.members[talkee], topic="思想和工作情况",
                                        summary="了解家庭和生产情况，听取对支部工作的意见。"), today=date(YEAR, 12, 31))
    services.plans.save(branch.id, year=YEAR, kind="plan", title="青山村党支部2025年工作计划",
                        body="一、加强政治理论学习。\n二、规范三会一课。", adopted_on=date(YEAR, 1, 8))
    services.plans.save(branch.id, year=YEAR, kind="summary", title="2025年工作总结",
                        body="全年召开支部党员大会、支委会和党小组会，按时开展主题党日。", adopted_on=date(YEAR, 12, 20))
    return world


def open_world(folder: Path, template_db: Path) -> tuple[Services, PdfWorld]:
    """A fresh copy of the migrated template database with the world entered into it."""
    import shutil
    import sqlite3

    from dj_desktop.core.db import open_database
    from dj_desktop.core.services import build_services

    path = folder / "branch.db"
    shutil.copyfile(template_db, path)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM local_setting WHERE key = 'site_id'")
    services = build_services(open_database(path))
    (folder / "photos").mkdir()
    return services, build_pdf_world(services, folder / "photos")
