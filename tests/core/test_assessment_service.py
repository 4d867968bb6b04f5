"""The self-assessment over a real SQLite file: automatic scores with their records, manual scores
checked, the freeze and new versions, a period without records, versioned standards."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.models import Meeting, Talk, WorkPlan
from dj_desktop.core.rules.assessment import stars_for

from manual_world import build_world

TODAY = date(2026, 11, 28)
MANUAL = {"self.development": "4", "team.study": "5", "ranks.models": "3", "basics.files": "4",
          "centre.tasks": "9.5", "culture.activities": "8", "democracy.open": "7"}


@pytest.fixture
def world(db):
    w = build_world(db)
    m = w.members
    with db.sessions.begin() as s:
        for month in range(1, 7):
            s.add(Meeting(branch_id=w.branch, kind="committee_meeting", held_on=date(2025, month, 5)))
        s.add(Meeting(branch_id=w.branch, kind="general_meeting", held_on=date(2025, 3, 20)))
        s.add(Talk(branch_id=w.branch, held_on=date(2025, 4, 2), talker_id=m["王书记"], talkee_id=m["钱一"],
                   topic="思想汇报"))
        s.add(WorkPlan(branch_id=w.branch, year=2025, kind="plan", title="2025年工作计划", body="计划"))
    return w


def item(sheet, item_id):
    return next(i for i in sheet.items if i.id == item_id)


def test_items_are_scored_from_the_records_with_their_evidence(services, world):
    sheet = services.assessment.sheet(branch=world.branch, period="2025", standard="star", today=TODAY)
    committee = item(sheet, "self.committee")
    assert committee.automatic and committee.auto_score == Decimal("6.0") and len(committee.evidence) == 6
    assert {b for b, _id in committee.evidence} == {"meetings"}
    assert item(sheet, "self.general").auto_score == Decimal("1.0")          # 1 of 4 quarters × 4
    talks = item(sheet, "ranks.talks")
    assert talks.evidence[0][0] == "talks" and Decimal(0) < talks.auto_score < 8
    assert item(sheet, "basics.plan").auto_score == Decimal("3.0")           # plan without summary
    assert item(sheet, "team.term").auto_score == 5                          # term 2024-01-10 … 2027-01-09
    assert item(sheet, "self.development").auto_score is None
    assert sheet.status == "new" and not sheet.notes
    # The evidence ids open through the generic record service.
    book, record_id = committee.evidence[0]
    assert services.records.get(book, record_id).values["kind"] == "committee_meeting"


def test_manual_scores_are_checked_and_nothing_is_saved_on_a_mistake(services, world):
    kw = dict(branch=world.branch, period="2025", standard="star", today=TODAY)
    with pytest.raises(ValidationError) as caught:
        services.assessment.save(scores={"self.development": "6", "team.study": "5"}, **kw)
    assert "5" in caught.value.problems["self.development"] and "team.study" not in caught.value.problems
    assert services.assessment.sheet(**kw).status == "new"
    with pytest.raises(ValidationError) as caught:
        services.assessment.save(scores={"self.committee": "12"}, **kw)
    assert "self.committee" in caught.value.problems
    with pytest.raises(ValidationError):
        services.assessment.save(vetoes={"no_such_veto"}, **kw)
    sheet = services.assessment.save(scores={"self.development": "4.5"}, comments={"self.committee": "下半年换届"},
                                     **kw)
    assert sheet.status == "draft" and sheet.version_no == 1
    assert item(sheet, "self.development").final == Decimal("4.5")
    assert item(sheet, "self.committee").comment == "下半年换届"


def test_submit_freezes_a_change_makes_a_new_version(services, db, world):
    kw = dict(branch=world.branch, period="2025", standard="star", today=TODAY)
    services.assessment.save(scores={"self.development": "4"}, **kw)
    with pytest.raises(ValidationError) as caught:
        services.assessment.submit(**kw)
    assert "team.study" in caught.value.problems
    services.assessment.save(scores=MANUAL, vetoes=set(), comment="自评", **kw)
    submitted = services.assessment.submit(**kw)
    assert submitted.frozen and submitted.submitted_on == TODAY
    total = sum(i.final for i in submitted.items)
    assert submitted.total == total and submitted.stars == stars_for(services.assessment.standard("star", TODAY), total)
    # A meeting recorded later does not change the frozen scores.
    with db.sessions.begin() as s:
        s.add(Meeting(branch_id=world.branch, kind="committee_meeting", held_on=date(2025, 7, 5)))
    again = services.assessment.sheet(**kw)
    assert item(again, "self.committee").auto_score == Decimal("6.0") and again.total == submitted.total
    with pytest.raises(UserError, match="新版本"):
        services.assessment.save(scores={"self.development": "5"}, **kw)
    fresh = services.assessment.new_version(**kw)
    assert (fresh.version_no, fresh.status) == (2, "draft")
    assert item(fresh, "self.committee").auto_score == Decimal("7.0")
    assert item(fresh, "self.development").final == Decimal("4")
    history = services.assessment.history(branch=world.branch)
    assert [(h.period, h.version_no, h.status) for h in history] == [("2025", 1, "submitted"), ("2025", 2, "draft")]


def test_veto_voids_the_stars(services, world):
    kw = dict(branch=world.branch, period="2025", standard="star", today=TODAY)
    sheet = services.assessment.save(scores=MANUAL, vetoes={"disunity"}, **kw)
    assert sheet.vetoed and sheet.stars is None
    assert [v.found for v in sheet.vetoes] == [True, False, False]


def test_a_period_without_records_scores_zero_with_a_note(services, world):
    sheet = services.assessment.sheet(branch=world.branch, period="2024-Q1", standard="wuhao", today=TODAY)
    assert all(i.auto_score in (None, Decimal(0)) or i.id == "leaders.term" for i in sheet.items)
    assert sheet.notes and "2024-Q1" in sheet.notes[0]
    with pytest.raises(UserError):
        services.assessment.sheet(branch=world.branch, period="2025", standard="nosuch", today=TODAY)


def test_versioned_standards_a_submitted_assessment_keeps_its_version(services, world):
    kw = dict(branch=world.branch, period="2025", standard="star", today=TODAY)
    services.assessment.save(scores=MANUAL, **kw)
    services.assessment.submit(**kw)
    shipped = services.rulesets.in_effect("assessment", TODAY)
    data = copy.deepcopy(shipped.to_json())
    data.update(version="2026-county", effective_from="2026-01-01")
    items = data["content"]["standards"][0]["categories"][0]["items"]
    items[0]["points"], items[3]["points"] = 13, 4
    services.rulesets.add(data)
    new = services.assessment.sheet(branch=world.branch, period="2026-H1", standard="star", today=TODAY)
    assert new.standard.version == "2026-county" and item(new, "self.committee").max == 13
    old = services.assessment.sheet(**kw)
    assert old.standard.version == "2006" and item(old, "self.committee").max == 12
    assert [s.name for s in services.assessment.standards(TODAY)] == ["star", "wuhao", "sanyou"]
    broken = copy.deepcopy(data)
    broken.update(version="2026-broken")
    broken["content"]["standards"][0]["categories"][0]["items"][0]["points"] = 20
    with pytest.raises(ValidationError):
        services.rulesets.add(broken)


def test_a_falling_star_level_reminds_the_office(services, db, world):
    from dj_desktop.core.models.assessment import Assessment
    with db.sessions.begin() as s:
        for year, stars in ((2024, 5), (2025, 3)):
            s.add(Assessment(branch_id=world.branch, period=str(year), period_start=date(year, 1, 1),
                             period_end=date(year, 12, 31), standard="star", rules_version="assessment@2006",
                             version_no=1, status="submitted", submitted_on=date(year + 1, 1, 10), scores={},
                             deductions={}, vetoes=[], auto_scores={}, total="75.0", stars=stars, comment=""))
    found = [r for r in services.reminders.reminders(date(2026, 2, 1)) if r.kind == "star_change"]
    assert [(r.subject, r.status, r.target.action) for r in found] == [("2025年度星级", "due", "open")]
    assert "班子" in found[0].message and "红星社区党支部" in found[0].message
    assert not [r for r in services.reminders.reminders(date(2027, 4, 1)) if r.kind == "star_change"]
