"""The record-keeping start date (台账起始日期): reminders never reach before it, at its boundary
(the day before, on, after); the service sets and checks it; it travels like any field."""

from __future__ import annotations

from datetime import date

import pytest

from dj_desktop.core.errors import ValidationError
from dj_desktop.core.rules.cadence import branch_reminders
from dj_desktop.core.rules.records_start import EARLIEST_RECORDS_START, check_records_start
from tests.core.test_cadence import S, _branch, _of

ON = date(2026, 4, 10)


def _months(reminders, kind):
    return sorted((r.due.month, r.status) for r in _of(reminders, kind))


@pytest.mark.parametrize("start, owes_march", [
    (date(2026, 2, 28), True),    # the day before March: March is owed, judged from the start
    (date(2026, 3, 1), True),     # on March's first day: owed
    (date(2026, 3, 2), False),    # a day later: March is not fully kept in the program
])
def test_monthly_period_at_the_start_date(start, owes_march):
    branch = _branch(records_start=start)
    committee = _months(branch_reminders(branch, ON, S), "committee_meeting")
    assert ((3, "overdue") in committee) is owes_march
    # February ended before every one of these starts (or on the day before): never owed.
    assert all(month >= 3 for month, _status in committee)


def test_periods_that_end_before_the_start_owe_nothing():
    branch = _branch(records_start=date(2026, 4, 1))
    found = branch_reminders(branch, date(2026, 4, 30), S)
    # The first quarter's general meeting, lesson and the 2025 yearly duties are all before the start.
    assert not [r for r in found if r.due < date(2026, 4, 1)]
    without = branch_reminders(_branch(), date(2026, 4, 30), S)
    assert [r for r in without if r.due < date(2026, 4, 1)]   # the same branch without a start owes them


def test_study_hours_prorated_from_the_start():
    day = date(2026, 12, 31)
    full = {r.subject: r.message for r in _of(branch_reminders(_branch(), day, S), "study_hours")}
    half = {r.subject: r.message for r in _of(branch_reminders(_branch(records_start=date(2026, 7, 1)), day, S),
                                              "study_hours")}
    assert set(full) == set(half)
    assert all(full[name] != half[name] for name in full)


def test_check_records_start_bounds():
    today = date(2026, 11, 28)
    assert check_records_start(today, founded_on=None, today=today) == today
    with pytest.raises(ValidationError) as future:
        check_records_start(date(2026, 11, 29), founded_on=None, today=today)
    assert "未来" in future.value.problems["records_start"]
    assert check_records_start(EARLIEST_RECORDS_START, founded_on=None, today=today) == EARLIEST_RECORDS_START
    with pytest.raises(ValidationError) as early:
        check_records_start(date(1999, 12, 31), founded_on=None, today=today)
    assert "2000" in early.value.problems["records_start"]
    with pytest.raises(ValidationError) as founded:
        check_records_start(date(2019, 6, 30), founded_on=date(2019, 7, 1), today=today)
    assert "成立" in founded.value.problems["records_start"]


def test_service_defaults_to_the_creation_day_and_backfills(services):
    branch = services.organisation.create_first_branch("红旗社区党支部", founded_on=date(2018, 3, 1))
    assert branch.records_start == date.today()
    moved = services.organisation.update_unit(branch.id, setting=branch.setting, founded_on=branch.founded_on,
                                              records_start=date(2024, 1, 1))
    assert moved.records_start == date(2024, 1, 1)
    with pytest.raises(ValidationError):
        services.organisation.update_unit(branch.id, setting=branch.setting, founded_on=branch.founded_on,
                                          records_start=date(2017, 1, 1))
    kept = services.organisation.update_unit(branch.id, setting=branch.setting, founded_on=branch.founded_on)
    assert kept.records_start == date(2024, 1, 1)
    group = services.organisation.add_unit("第一党小组", kind="group", parent_id=branch.id)
    assert group.records_start is None
