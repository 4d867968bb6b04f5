"""A bundle without its audit part (issue 11): a bundle of this program whose trail was taken out is
refused like a broken chain and changes nothing; a bundle of an older program that never sent a trail
merges with a warning, and ``audit verify --site`` reports its branch as not verified."""

from __future__ import annotations

from dj_desktop.cli import main
from dj_desktop.sync import payload as payload_mod
from dj_desktop.sync.audit_trail import COUNT_KEY

from sync_helpers import open_payload, record_snapshot, reseal


def _without_trail(office, branch, path, *, declared: bool):
    data = path.read_bytes()
    content = open_payload(office, data)
    assert content.audit and content.manifest[COUNT_KEY] == len(content.audit)
    manifest = dict(content.manifest)
    if not declared:                       # as an older program wrote it: no count, no trail
        del manifest[COUNT_KEY]
    plain = payload_mod.build(manifest, content.records, content.attachments, audit=None)
    path.unlink()
    return reseal(branch, data, plain, "no-trail.djbundle")


def test_a_trail_taken_out_is_refused(office, make_branch):
    branch = make_branch("a")
    branch.add_branch("幸福里社区党支部")
    branch.add_member("党员甲")
    before = record_snapshot(office.db)
    outcome = office.import_one(_without_trail(office, branch, branch.export(), declared=True))
    assert outcome.status == "rejected" and outcome.code == "audit_missing"
    assert "审计链缺失" in outcome.reason
    assert record_snapshot(office.db) == before


def test_an_older_bundle_without_a_trail_merges_with_a_warning(office, office_url, make_branch, capsys):
    branch = make_branch("a")
    branch.add_branch("幸福里社区党支部")
    branch.add_member("党员甲")
    outcome = office.import_one(_without_trail(office, branch, branch.export(), declared=False))
    assert outcome.status == "applied" and outcome.code == "audit_not_sent"
    assert "旧版本" in outcome.reason and "审计链缺失" in outcome.reason
    assert any(p["code"] == "audit_not_sent" for p in outcome.problems)
    report = office.services.audit.verify_site(branch.site_id)
    assert report.without_trail == 1 and not report.holds
    assert main(["--lang", "zh_CN", "audit", "verify", "--all-sites", "--db", office_url]) == 1
    assert "审计链缺失" in capsys.readouterr().err
