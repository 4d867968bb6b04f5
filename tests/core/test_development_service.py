"""The development file service over a real SQLite file: add, record steps, refusals, timeline."""

from __future__ import annotations

from datetime import date

import pytest

from dj_desktop.core.i18n import set_language
from dj_desktop.core.rules.development import StepInput, StepRefused
from dj_desktop.core.rules.id_number import make_id_number
from dj_desktop.core.services.development import DevelopmentService

TODAY = date(2026, 11, 28)


@pytest.fixture
def dev(services, db):
    set_language("zh_CN")
    branch = services.organisation.create_first_branch("幸福里社区党支部")
    yield DevelopmentService(db), branch.id
    set_language("en")


def test_add_records_the_application_and_the_talk_is_bounded_to_one_month(dev):
    service, branch = dev
    person = service.add(branch, name="周申请", id_number=make_id_number("110101", date(1998, 3, 4), 12,
                                                                         gender="female"),
                         applied_on=date(2026, 1, 31), rules_version="2014", today=TODAY)
    rows = service.timeline(person)
    assert len(rows) == 25 and rows[0].actual == (date(2026, 1, 31),)
    assert rows[1].bounds.latest == date(2026, 2, 28) and rows[1].planned is not None
    with pytest.raises(StepRefused, match="2026年2月28日"):
        service.record_step(person, 2, StepInput(on=date(2026, 3, 1), people=("王书记",)), today=TODAY)
    service.record_step(person, 2, StepInput(on=date(2026, 2, 28), people=("王书记",)), today=TODAY)
    rows = service.timeline(person)
    assert rows[1].actual == (date(2026, 2, 28),) and rows[1].planned is None
    assert rows[0].actual == (date(2026, 1, 31),)        # recomputing leaves actual dates alone


def test_an_applicant_under_18_is_refused(dev):
    service, branch = dev
    young = make_id_number("110101", date(2008, 6, 1), 15, gender="male")
    with pytest.raises(StepRefused, match="18"):
        service.add(branch, name="小李", id_number=young, applied_on=date(2026, 5, 31), today=TODAY)
    service.add(branch, name="小李", id_number=young, applied_on=date(2026, 6, 1), today=TODAY)
