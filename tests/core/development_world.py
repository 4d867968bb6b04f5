"""A branch with two full members and a probationary one, a branch meeting, and a helper that
walks one person through the 25 steps on days the 2014 rules allow (shared by the service, CLI
and report tests)."""

from __future__ import annotations

from datetime import date

from dj_desktop.core.rules.development import StepInput, Votes
from dj_desktop.core.rules.id_number import make_id_number
from dj_desktop.core.services.meeting_records import AttendanceInput, MeetingInput
from dj_desktop.core.services.member_records import MemberInput

TODAY = date(2026, 11, 28)
APPLIED = date(2023, 1, 9)
#: Step → its day, each inside the rule bounds of the one before (2014 rules, no calendar entered).
DAYS = {2: date(2023, 2, 1), 3: date(2023, 3, 1), 4: date(2023, 3, 2), 5: date(2023, 3, 3),
        6: date(2023, 9, 1), 7: date(2024, 3, 4), 8: date(2024, 3, 5), 9: date(2024, 3, 6),
        10: date(2024, 3, 7), 11: date(2024, 3, 8), 12: date(2024, 3, 11), 13: date(2024, 3, 19),
        14: date(2024, 3, 20), 15: date(2024, 4, 1), 16: date(2024, 4, 10), 17: date(2024, 5, 6),
        18: date(2024, 5, 7), 19: date(2024, 5, 8), 20: date(2024, 5, 20), 21: date(2024, 6, 1),
        22: date(2025, 3, 1), 23: date(2025, 4, 1), 24: date(2025, 5, 6), 25: date(2025, 5, 7)}
SPONSORS = ("王书记", "李委员")


def make_branch(services):
    branch = services.organisation.create_first_branch("幸福里社区党支部")
    ids = []
    for n, (name, full) in enumerate((("王书记", True), ("李委员", True), ("赵预备", False))):
        ids.append(services.members.add(branch.id, MemberInput(
            name=name, id_number=make_id_number("110101", date(1970 + n, 5, 1), 20 + n, gender="male"),
            joined_on=date(2022, 1, 1) if not full else date(2000, 7, 1),
            full_member_on=date(2001, 7, 1) if full else None), today=date(2022, 1, 2)))
    meeting = services.meetings.create(MeetingInput(
        branch_id=branch.id, kind="general_meeting", held_on=date(2023, 3, 1), theme="支部党员大会",
        host_id=ids[0], recorder_id=ids[1],
        attendance=tuple(AttendanceInput(member_id=m, present=True) for m in ids)), today=TODAY)
    return branch.id, meeting.id


def add_person(services, branch_id, name="周申请", applied=APPLIED):
    return services.development.add(branch_id, name=name, id_number=make_id_number(
        "110101", date(1998, 3, 4), 12, gender="female"), applied_on=applied, rules_version="2014", today=TODAY)


def step_input(services, person, no: int, on: date | None = None) -> dict:
    rules = services.development.rules(person)
    step = rules.step(no)
    return {"given": StepInput(on=on or DAYS[no], people=("王书记",) if step.people else (),
                               sponsors=SPONSORS if step.sponsors else (),
                               votes=Votes(entitled=3, present=3, in_favour=3) if step.votes else None),
            "meeting": step.meeting}


def walk(services, person, meeting_id, up_to: int = 25) -> None:
    for no in range(2, up_to + 1):
        plan = step_input(services, person, no)
        services.development.record_step(person, no, plan["given"], today=TODAY,
                                          meeting_id=meeting_id if plan["meeting"] else None)
