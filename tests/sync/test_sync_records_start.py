"""The record-keeping start date (台账起始日期) travels in the bundle like any field of the branch, and
the office's compliance starts from it as the branch's own dashboard does (both engines)."""

from __future__ import annotations

from datetime import date

from dj_desktop.core.models import Organisation


def test_records_start_reaches_the_office_and_a_change_follows(office, make_branch):
    branch = make_branch("a")
    branch_id = branch.add_branch()
    branch.add_member("张三")
    org = branch.services.organisation
    unit = org.update_unit(branch_id, setting="community", founded_on=None, records_start=date(2025, 3, 1))
    assert office.import_one(branch.export()).status == "applied"
    with office.db.sessions.begin() as s:
        assert s.get(Organisation, branch_id).records_start == date(2025, 3, 1)
    org.update_unit(branch_id, setting=unit.setting, founded_on=None, records_start=date(2024, 1, 1))
    assert office.import_one(branch.export()).status == "applied"
    with office.db.sessions.begin() as s:
        assert s.get(Organisation, branch_id).records_start == date(2024, 1, 1)
    on = date(2026, 11, 28)
    here = branch.services.reminders.reminders(on, branch_id=branch_id)
    there = dict(office.services.reminders.reminders_by_branch(on))
    assert sorted(map(repr, there[next(b for b in there if b.id == branch_id)])) == sorted(map(repr, here))
