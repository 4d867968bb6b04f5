"""Versioned rule sets: the shipped cadence version, the version in effect around an effective date,
refusals with Chinese messages, local edits as new versions, and old settings migrated."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from alembic import command

from dj_desktop.core.db import alembic_config, create_db_engine, open_database
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.rules.cadence_settings import Cadence, CadenceSettings, settings_from
from dj_desktop.core.rulesets import split_ref
from dj_desktop.core.rulesets.loader import shipped_versions
from dj_desktop.core.services import build_services


def version_2024(**changes) -> dict:
    data = shipped_versions("cadence")[0].to_json()
    data.update(version="2024", effective_from="2024-03-01", note="",
                sources=[{"document": "《某市党支部工作规范》", "articles": ["第五条"]}])
    data["content"]["cadences"]["party_lesson"] = {"period": "month", "count": 1}
    data["content"]["study_hours"] = 40
    data.update(changes)
    return data


def test_the_shipped_version_holds_the_2018_rules_with_their_sources():
    (v2018,) = shipped_versions("cadence")
    assert (v2018.ref, v2018.effective_from, v2018.origin) == ("cadence@2018", date(2018, 10, 28), "shipped")
    assert "中国共产党支部工作条例（试行）" in v2018.sources[0].document
    assert any(a.startswith("第十一条") for a in v2018.sources[0].articles)
    assert "党员教育管理工作条例" in v2018.sources[1].document
    assert "未能" in v2018.note      # what could not be confirmed is said in the data
    # The code's fallback defaults are the same numbers: they cannot drift apart unseen.
    assert settings_from(v2018.content, {}) == CadenceSettings()


def test_version_in_effect_the_day_before_on_and_after_its_effective_date(services):
    services.rulesets.add(version_2024())
    assert services.rulesets.in_effect("cadence", date(2024, 2, 29)).version == "2018"
    assert services.rulesets.in_effect("cadence", date(2024, 3, 1)).version == "2024"
    assert services.rulesets.in_effect("cadence", date(2024, 3, 2)).version == "2024"
    assert services.rulesets.in_effect("cadence", date(2018, 10, 28)).version == "2018"
    with pytest.raises(UserError, match="2018-10-27"):
        services.rulesets.in_effect("cadence", date(2018, 10, 27))
    assert [v.version for v in services.rulesets.versions("cadence")] == ["2018", "2024"]
    # The reminders read the version in effect on the day asked about.
    assert services.reminders.settings(date(2024, 2, 29)).cadences["party_lesson"] == Cadence("quarter")
    assert services.reminders.settings(date(2024, 3, 1)).cadences["party_lesson"] == Cadence("month")
    assert services.reminders.settings(date(2024, 3, 1)).study_hours == 40
    # Before the first version the reminders still work, with the first version.
    assert services.reminders.settings(date(2010, 1, 1)).study_hours == 32


def test_a_record_keeps_the_version_it_was_checked_against(services):
    services.rulesets.add(version_2024())
    ref = services.rulesets.in_effect("cadence", date(2025, 1, 1)).ref
    assert ref == "cadence@2024" and split_ref(ref) == ("cadence", "2024")
    assert services.rulesets.by_ref(ref).content["study_hours"] == 40
    with pytest.raises(UserError, match="名称@版本"):
        services.rulesets.by_ref("cadence2024")
    with pytest.raises(UserError):
        services.rulesets.by_ref("cadence@1999")


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"sources": []}, "sources", "来源"),
    ({"sources": [{"document": "", "articles": []}]}, "sources", "文件"),
    ({"effective_from": "2024-02-30"}, "effective_from", "生效日期"),
    ({"effective_from": None}, "effective_from", "年-月-日"),
    ({"version": "2024 版"}, "version", "版本"),
    ({"version": "2018"}, "version", "已有"),
    ({"rule_set": "no_such_rules"}, "rule_set", "规则集"),
    ({"note": "长" * 5000}, "note", "说明"),
])
def test_adding_a_bad_version_is_refused_with_a_chinese_message(services, changes, field, words):
    with pytest.raises(ValidationError) as caught:
        services.rulesets.add(version_2024(**changes))
    assert field in caught.value.problems and words in caught.value.problems[field], caught.value.problems
    assert [v.version for v in services.rulesets.versions("cadence")] == ["2018"]


@pytest.mark.parametrize(("content_change", "field", "words"), [
    (lambda c: c["cadences"].pop("themed_day"), "content.cadences", "themed_day"),
    (lambda c: c["cadences"].update(party_lesson={"period": "week", "count": 1}), "content.cadences.party_lesson", "党课"),
    (lambda c: c["cadences"].update(party_lesson={"period": "month", "count": True}), "content.cadences.party_lesson", "整数"),
    (lambda c: c.update(study_hours="32"), "content.study_hours", "study_hours"),
    (lambda c: c.update(min_committee_size=0), "content.min_committee_size", "大于 0"),
    (lambda c: c.update(min_committee_size=3.5), "content.min_committee_size", "整数"),
    (lambda c: c.update(dues_rate=0.5), "content.extra", "dues_rate"),
    (lambda c: c.update(padding="x" * 70000), "content", "过大"),
])
def test_the_cadence_validator_checks_the_content_shape(services, content_change, field, words):
    data = version_2024()
    content_change(data["content"])
    with pytest.raises(ValidationError) as caught:
        services.rulesets.add(data)
    assert field in caught.value.problems and words in caught.value.problems[field], caught.value.problems


def test_changing_the_targets_in_the_program_adds_a_local_version(services):
    today = date.today()
    settings = services.reminders.settings()
    services.reminders.save_settings(replace(settings, due_soon_days=10))      # a display knob only
    assert [v.version for v in services.rulesets.versions("cadence")] == ["2018"]
    assert services.reminders.settings().due_soon_days == 10
    services.reminders.save_settings(replace(settings, talks_per_year=2))
    services.reminders.save_settings(replace(settings, talks_per_year=3))
    versions = services.rulesets.versions("cadence")
    assert [(v.version, v.origin) for v in versions] == [
        ("2018", "shipped"), (f"local-{today.isoformat()}", "local"), (f"local-{today.isoformat()}-1", "local")]
    assert services.reminders.settings().talks_per_year == 3
    assert versions[1].sources[0].document and versions[1].effective_from == today
    # The old version stays on record for the days before.
    assert services.reminders.settings(date(today.year - 1, 1, 1)).talks_per_year == 1


def _db_before_rulesets(path, settings: dict) -> None:
    engine = create_db_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        for revision in ("0001_foundation", "0002_branch_manual", "0003_sync"):
            command.upgrade(alembic_config(conn), revision)
        for key, value in settings.items():
            conn.exec_driver_sql("INSERT INTO local_setting (key, value) VALUES (?, ?)", (key, json.dumps(value)))
    engine.dispose()


def test_cadence_settings_of_an_old_database_become_a_local_version(tmp_path):
    path = tmp_path / "old.db"
    _db_before_rulesets(path, {"cadence.party_lesson": {"period": "month", "count": 2},
                               "cadence.life_meeting": {"period": "half_year", "count": 1},
                               "reminders.study_hours": 40, "reminders.due_soon_days": 10,
                               "reminders.themed_day_of_month": 15})
    database = open_database(path)
    try:
        services = build_services(database)
        local = services.rulesets.in_effect("cadence", date(2025, 6, 1))
        assert (local.version, local.origin, local.effective_from) == ("local-migrated", "local", date(2018, 10, 28))
        settings = services.reminders.settings()
        assert settings.cadences["party_lesson"] == Cadence("month", 2)
        assert settings.cadences["life_meeting"] == Cadence("half_year")
        assert settings.cadences["committee_meeting"] == Cadence("month")       # untouched: the 2018 value
        assert (settings.study_hours, settings.study_hours_leaders) == (40, 56)
        assert (settings.due_soon_days, settings.themed_day_of_month) == (10, 15)  # display knobs stay settings
    finally:
        database.dispose()


def test_an_old_database_with_unchanged_targets_gets_no_local_version(tmp_path):
    path = tmp_path / "old.db"
    _db_before_rulesets(path, {"cadence.party_lesson": {"period": "quarter", "count": 1}, "reminders.study_hours": 32})
    database = open_database(path)
    try:
        assert [v.version for v in build_services(database).rulesets.versions("cadence")] == ["2018"]
    finally:
        database.dispose()
