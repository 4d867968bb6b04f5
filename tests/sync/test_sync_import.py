"""Office import of real bundle files: duplicates, sequence gaps, replays, devices, schema, a killed import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import select

from dj_desktop.core.models import BranchSite, Member, ReceivedBundle
from dj_desktop.sync import export as export_mod
from dj_desktop.sync import payload as payload_mod

from sync_helpers import PASSPHRASE, open_payload, record_snapshot, reseal, snapshot


def test_double_import_and_renamed_copy_are_no_ops_that_reissue_the_receipt(office, make_branch, tmp_path):
    branch = make_branch("a")
    branch.add_branch()
    branch.add_member("张三")
    bundle = branch.export()
    first = office.import_one(bundle)
    assert first.status == "applied" and first.applied == {"organisation": 1, "member": 1}
    before = snapshot(office.db)
    renamed = tmp_path / "elsewhere" / "copy-of-bundle.bin"
    renamed.parent.mkdir()
    shutil.copyfile(bundle, renamed)
    again, copy = office.import_files(bundle, renamed)
    assert (again.status, copy.status) == ("duplicate", "duplicate")
    assert again.applied == {} and copy.bundle_id == first.bundle_id
    assert copy.contiguous_seq == first.contiguous_seq
    assert copy.receipt_path is not None and copy.receipt_path != first.receipt_path
    assert snapshot(office.db) == before
    # The re-issued receipt still advances the branch.
    applied = branch.services.sync.apply_receipts([copy.receipt_path])
    assert applied[0].acknowledged_seq == first.contiguous_seq


def test_a_gap_in_the_sequence_holds_the_acknowledgement_until_it_is_filled(office, make_branch):
    branch = make_branch("a")
    branch.add_branch()
    early = branch.export_raw(since=0)
    cut = branch.seq()
    branch.add_member("李四")
    middle_cut = branch.seq()
    branch.add_member("王五")
    late = branch.export_raw(since=middle_cut)
    middle = branch.export_raw(since=cut)
    assert office.import_one(early).contiguous_seq == cut
    gap = office.import_one(late)
    assert gap.status == "applied" and gap.contiguous_seq == cut  # records kept, acknowledgement held back
    filled = office.import_one(middle)
    assert filled.contiguous_seq == branch.seq()
    with office.db.sessions.begin() as s:
        assert s.get(BranchSite, branch.site_id).contiguous_seq == branch.seq()
        assert sorted(s.scalars(select(Member.name))) == ["李四", "王五"]


def test_an_old_bundle_replayed_after_a_newer_one_changes_no_record(office, make_branch):
    branch = make_branch("a")
    branch.add_branch()
    member = branch.add_member("张三")
    old = branch.export()                     # nothing acknowledged yet: the newer one carries it all
    branch.edit(Member, member, phone="13800000000", name="张三丰")
    new = branch.export()
    office.import_one(new)
    before = snapshot(office.db)["member"]
    replay = office.import_one(old)
    assert replay.status == "applied" and replay.applied == {}
    assert snapshot(office.db)["member"] == before
    assert replay.contiguous_seq == branch.seq()
    with office.db.sessions.begin() as s:
        assert s.scalar(select(Member.name)) == "张三丰"


def test_revoked_device_is_refused_and_changes_nothing(office, make_branch):
    branch = make_branch("a")
    branch.add_branch()
    office.import_one(branch.export())
    device = branch.enrolment_row().device_id
    revoked = office.services.office.revoke_device(device)
    assert revoked.revoked and office.services.office.branches()[0].revoked
    branch.add_member("张三")
    before = record_snapshot(office.db)
    result = office.import_one(branch.export())
    assert (result.status, result.code) == ("rejected", "revoked_device") and result.reason
    assert record_snapshot(office.db) == before


def test_newer_schema_is_refused_with_a_clear_message(office, make_branch):
    branch = make_branch("a")
    branch.add_branch()
    with branch.db.sessions.begin() as s:
        heads = export_mod.schema_heads(s) + ["0999_from_the_future"]
        bundle_id, _seq, data, _c, _a = export_mod.build_bundle(
            s, site_id=branch.site_id, since=0, full=False, read_attachment=lambda sha: None,
            manifest_extra={"schema": heads})
    path = branch.stick / "future.djbundle"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    before = record_snapshot(office.db)
    result = office.import_one(path)
    assert (result.status, result.code) == ("rejected", "newer_schema")
    assert "0999_from_the_future" in result.reason
    assert record_snapshot(office.db) == before


def _altered(office, branch, change, name: str, **build):
    """The branch's bundle with each member record changed by ``change``, signed by the branch."""
    with branch.db.sessions.begin() as s:
        if "schema" in build:
            build = {"manifest_extra": {"schema": build["schema"](export_mod.schema_heads(s))}}
        _id, _seq, data, _c, _a = export_mod.build_bundle(
            s, site_id=branch.site_id, since=0, full=False, read_attachment=lambda sha: None, **build)
    content = open_payload(office, data)
    for record in content.records["member"]:
        change(record)
    return reseal(branch, data, payload_mod.build(content.manifest, content.records, {}, audit=content.audit), name)


def test_an_older_schema_bundle_is_upgraded(office, make_branch):
    """A bundle from a branch one migration behind: a field it lacks gets the column default."""
    branch = make_branch("a")
    branch.add_branch()
    member = branch.add_member("张三")
    # Without a column, as an older program would not have written it.
    path = _altered(office, branch, lambda r: r["data"].pop("notes"), "older.djbundle",
                    schema=lambda heads: [h for h in heads if h != "0003_sync"] + ["0001_foundation"])
    result = office.import_one(path)
    assert result.status == "applied", result.reason
    with office.db.sessions.begin() as s:
        assert s.get(Member, member).notes == ""


@pytest.mark.parametrize("change, code", [
    (lambda r: r["data"].update(name=None), "invalid_records"),           # breaks a NOT NULL rule
    (lambda r: r["data"].update(birth_date="1980-13-45"), "bad_records"),  # cannot be read as a date
], ids=["no-name", "bad-date"])
def test_records_a_faulty_branch_program_wrote_are_refused_whole(office, make_branch, change, code):
    """Signed by the branch yet unfit: nothing is written, the organisation that came with them
    included, on either engine."""
    branch = make_branch("a")
    branch.add_branch()
    branch.add_member("张三")
    path = _altered(office, branch, change, f"{code}.djbundle")
    before = record_snapshot(office.db)
    result = office.import_one(path)
    assert (result.status, result.code) == ("rejected", code)
    assert "未导入任何内容" in result.reason
    assert record_snapshot(office.db) == before

KILLER = textwrap.dedent("""
    import os, signal, sys
    from dj_desktop.core.db import open_database
    from dj_desktop.core.progress import Progress
    from dj_desktop.core.services.office import OfficeService
    from dj_desktop.sync import importer
    db = open_database(sys.argv[1])
    keys = importer.unlock_office(db, sys.argv[3])
    def on_step(done, total, text):
        if text == "member":            # organisations are already written inside the transaction
            os.kill(os.getpid(), signal.SIGKILL)
    importer.import_bundle_file(db, __import__("pathlib").Path(sys.argv[2]), office=keys,
                                progress=Progress(on_step=on_step))
    print("not killed")
""")


def test_an_import_killed_midway_leaves_the_office_database_as_before(office, make_branch, office_url):
    branch = make_branch("a")
    branch.add_branch()
    branch.add_org("第一党小组")
    branch.add_member("张三")
    bundle = branch.export()
    before = record_snapshot(office.db)
    office.db.dispose()
    proc = subprocess.run([sys.executable, "-c", KILLER, office_url, str(bundle), PASSPHRASE],
                          capture_output=True, text=True, env=dict(os.environ), timeout=120)
    assert proc.returncode == -9, proc.stdout + proc.stderr
    assert record_snapshot(office.db) == before
    assert office.import_one(bundle).status == "applied"   # and the bundle still imports afterwards
    with office.db.sessions.begin() as s:
        assert s.scalar(select(ReceivedBundle.status)) == "applied"
