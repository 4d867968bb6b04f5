"""A rule-set version added at the office reaches the branch in the return bundle; a bad one is refused."""

from __future__ import annotations

from datetime import date

import pytest

from dj_desktop.core.errors import UserError
from dj_desktop.core.rulesets.loader import shipped_versions
from dj_desktop.sync import returns as returns_mod

from sync_helpers import PASSPHRASE


def _version(name: str, **changes) -> dict:
    data = shipped_versions("cadence")[0].to_json()
    data.update(version=name, effective_from="2025-01-01", note="市委组织部2024年12月通知，自2025年起党课每月1次",
                sources=[{"document": "《关于进一步规范三会一课的通知》", "articles": ["第二条"]}])
    data["content"]["cadences"]["party_lesson"] = {"period": "month", "count": 1}
    data.update(changes)
    return data


def _branch_with_a_bundle(office, make_branch):
    branch = make_branch("a")
    branch.add_branch()
    branch.add_member("张三")
    office.import_one(branch.export())
    return branch


def test_the_office_sends_a_new_version_and_the_branch_applies_it(office, make_branch, tmp_path):
    branch = _branch_with_a_bundle(office, make_branch)
    office.services.rulesets.add(_version("2025-office"))
    back = office.services.office.write_return_bundle(branch.site_id, passphrase=PASSPHRASE, to_dir=tmp_path / "b")
    assert back.rule_versions == 1
    assert branch.services.reminders.settings(date(2025, 1, 1)).cadences["party_lesson"].period == "quarter"
    (applied,) = branch.services.sync.apply_receipts([back.path])
    assert applied.rule_versions_added == 1
    version = branch.services.rulesets.in_effect("cadence", date(2025, 1, 1))
    assert (version.ref, version.origin) == ("cadence@2025-office", "office")
    assert version.sources[0].articles == ("第二条",) and "2025" in version.note
    assert branch.services.reminders.settings(date(2025, 1, 1)).cadences["party_lesson"].period == "month"
    assert branch.services.reminders.settings(date(2024, 12, 31)).cadences["party_lesson"].period == "quarter"
    # Applying it again changes nothing.
    (again,) = branch.services.sync.apply_receipts([back.path])
    assert again.rule_versions_added == 0
    assert [v.version for v in branch.services.rulesets.versions("cadence")] == ["2018", "2025-office"]


def test_a_branch_keeps_its_own_version_of_the_same_name(office, make_branch, tmp_path):
    branch = _branch_with_a_bundle(office, make_branch)
    branch.services.rulesets.add(_version("2025", note="本支部自定"))
    office.services.rulesets.add(_version("2025", effective_from="2025-06-01"))
    back = office.services.office.write_return_bundle(branch.site_id, passphrase=PASSPHRASE, to_dir=tmp_path / "b")
    (applied,) = branch.services.sync.apply_receipts([back.path])
    assert applied.rule_versions_added == 0
    (kept,) = [v for v in branch.services.rulesets.versions("cadence") if v.version == "2025"]
    assert (kept.origin, kept.note, kept.effective_from) == ("local", "本支部自定", date(2025, 1, 1))


@pytest.mark.parametrize("bad", [
    "not a list",
    [_version("x", content={"cadences": {}})],
    [_version("y", sources=[{"document": "文" * 10_000}])],
    [_version(f"v{i}") for i in range(101)],
])
def test_a_return_bundle_with_a_bad_version_is_refused_whole(office, make_branch, tmp_path, monkeypatch, bad):
    """Signed by the office and still checked: an office on an older program, or a bug, must not
    put unchecked data into the branch's rules. Nothing of the bundle is applied."""
    branch = _branch_with_a_bundle(office, make_branch)
    monkeypatch.setattr(returns_mod.rule_store, "office_versions", lambda s: bad)
    back = office.services.office.write_return_bundle(branch.site_id, passphrase=PASSPHRASE, to_dir=tmp_path / "b")
    monkeypatch.undo()
    with pytest.raises(UserError, match="规则版本"):
        branch.services.sync.apply_receipts([back.path])
    assert branch.services.sync.status().acknowledged_seq == 0
    assert [v.version for v in branch.services.rulesets.versions("cadence")] == ["2018"]
