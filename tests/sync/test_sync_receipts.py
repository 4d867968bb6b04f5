"""Receipts and return bundles at the branch: idempotent, tamper-evident, and what the next export carries."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from dj_desktop.core.errors import UserError
from dj_desktop.cli import main
from dj_desktop.core.models import Member, RecordHistory, SyncConflict
from dj_desktop.core.services.office import ReceiptsNotWritten
from dj_desktop.sync import importer

from sync_helpers import PASSPHRASE


def test_a_lost_stick_heals_itself_and_a_receipt_moves_the_start_of_the_next_bundle(office, make_branch):
    branch = make_branch("a")
    branch.add_branch()
    branch.add_member("张三")
    lost = branch.services.sync.export_bundle(branch.stick)          # never reaches the office
    branch.add_member("李四")
    second = branch.services.sync.export_bundle(branch.stick)
    assert lost.path != second.path and lost.path.is_file()
    assert second.seq_from == 0 and second.counts == {"organisation": 1, "member": 2}
    result = office.import_one(second.path)
    branch.services.sync.apply_receipts([result.receipt_path])
    branch.add_member("王五")
    third = branch.services.sync.export_bundle(branch.stick)
    assert third.seq_from == second.seq_to and third.counts == {"member": 1}
    full = branch.services.sync.export_bundle(branch.stick, full=True)
    assert full.seq_from == 0 and full.counts == {"organisation": 1, "member": 3}
    assert len({p.name for p in branch.stick.iterdir()}) == 4


def test_a_receipt_applied_twice_changes_nothing_the_second_time(office, make_branch):
    branch = make_branch("a")
    branch.add_branch()
    result = office.import_one(branch.export())
    (first,) = branch.services.sync.apply_receipts([result.receipt_path])
    (second,) = branch.services.sync.apply_receipts([result.receipt_path])
    assert (first.newly_applied, second.newly_applied) == (1, 0)
    assert first.acknowledged_seq == second.acknowledged_seq == result.contiguous_seq
    status = branch.services.sync.status()
    assert len(status.receipts) == 1 and status.receipts[0].status == "applied"
    assert status.pending_records == 0 and status.acknowledged_seq == result.contiguous_seq


def test_a_tampered_receipt_is_refused(office, make_branch, tmp_path):
    branch = make_branch("a")
    branch.add_branch()
    result = office.import_one(branch.export())
    document = json.loads(result.receipt_path.read_text(encoding="utf-8"))
    document["receipt"]["contiguous_seq"] += 1000
    forged = tmp_path / "forged.djreceipt"
    forged.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(UserError, match="签名"):
        branch.services.sync.apply_receipts([forged])
    assert branch.services.sync.status().acknowledged_seq == 0
    # A receipt for someone else's bundle is refused too, even with a good signature.
    other = make_branch("b")
    other.add_branch("二支部")
    with pytest.raises(UserError):
        other.services.sync.apply_receipts([result.receipt_path])


def test_a_return_bundle_carries_the_receipts_to_the_branch(office, make_branch, tmp_path):
    branch = make_branch("a")
    branch.add_branch()
    member = branch.add_member("张三")
    office.import_one(branch.export())
    branch.edit(Member, member, phone="13800000000")
    office.import_one(branch.export())
    back = office.services.office.write_return_bundle(branch.site_id, passphrase=PASSPHRASE, to_dir=tmp_path / "back")
    assert back.receipts == 2 and back.path.read_bytes()[:8] == b"DJBUNDLE"
    assert "13800000000".encode() not in back.path.read_bytes()
    (applied,) = branch.services.sync.apply_receipts([back.path])
    assert applied.newly_applied == 2 and applied.acknowledged_seq == branch.seq()
    (again,) = branch.services.sync.apply_receipts([back.path])
    assert again.newly_applied == 0
    # Altered on the way, or meant for another branch: refused.
    data = bytearray(back.path.read_bytes())
    data[-10] ^= 1
    broken = tmp_path / "broken.djreturn"
    broken.write_bytes(bytes(data))
    with pytest.raises(UserError):
        branch.services.sync.apply_receipts([broken])
    other = make_branch("b")
    with pytest.raises(UserError):
        other.services.sync.apply_receipts([back.path])



def _phone_conflict(office, make_branch):
    """Two installations of one branch changed the same phone number; the office has both bundles."""
    a = make_branch("a")
    a.add_branch()
    member = a.add_member("张三")
    b = make_branch("b", copy_from=a)
    a.edit(Member, member, phone="13800000001")
    b.edit(Member, member, phone="13800000002")
    office.import_files(a.export(), b.export())
    (conflict,) = office.services.office.conflicts()
    return a, b, member, conflict


@pytest.mark.parametrize("use_lost_value", [True, False], ids=["lost value put back", "kept value accepted"])
def test_what_the_office_decided_goes_back_to_both_branches(office, make_branch, tmp_path, use_lost_value):
    """Two installations changed one phone number; the office reviewed the conflict and chose one.
    Each branch takes the decision over from its return bundle (once, however often applied), and
    their next bundles bring no new conflict."""
    a, b, member, conflict = _phone_conflict(office, make_branch)
    office.services.office.resolve_conflict(conflict.id, use_lost_value=use_lost_value, note="电话核实")
    with office.db.sessions.begin() as s:
        chosen = s.get(Member, member).phone
    assert chosen == (conflict.lost_value if use_lost_value else conflict.kept_value)
    updated = []
    for branch in (a, b):
        back = office.services.office.write_return_bundle(branch.site_id, passphrase=PASSPHRASE,
                                                          to_dir=tmp_path / branch.site_id[:8])
        assert back.decisions == 1
        assert chosen.encode() not in back.path.read_bytes()          # encrypted for the branch
        (applied,) = branch.services.sync.apply_receipts([back.path])
        (again,) = branch.services.sync.apply_receipts([back.path])
        assert again.records_updated == 0
        updated.append(applied.records_updated)
        with branch.db.sessions.begin() as s:
            assert s.get(Member, member).phone == chosen
            history = s.scalars(select(RecordHistory).where(RecordHistory.record_id == member)
                                .order_by(RecordHistory.id)).all()
            # The branch whose number lost gets it with a history line naming the decision.
            assert sum(1 for h in history if h.reason.startswith("上级党组织处理结果")) == applied.records_updated
            assert s.scalars(select(SyncConflict)).all() == []       # the branch reviews nothing
    assert sorted(updated) == [0, 1]      # only the branch that had the other number changes a value
    results = office.import_files(a.export(), b.export())
    assert [r.conflicts for r in results] == [0, 0] and office.services.office.conflicts() == []
    with office.db.sessions.begin() as s:
        assert s.get(Member, member).phone == chosen


def test_an_edit_made_after_the_conflict_survives_the_decision(office, make_branch, tmp_path):
    """A branch changed the number again before the office's decision came back: the branch keeps
    its newer number, and the office, when it arrives, reviews it against its decision."""
    a, b, member, conflict = _phone_conflict(office, make_branch)
    office.services.office.resolve_conflict(conflict.id, use_lost_value=False, note="")
    for branch in (a, b):
        branch.edit(Member, member, phone="13900000000")
        back = office.services.office.write_return_bundle(branch.site_id, passphrase=PASSPHRASE,
                                                          to_dir=tmp_path / branch.site_id[:8])
        (applied,) = branch.services.sync.apply_receipts([back.path])
        assert applied.records_updated == 0
        with branch.db.sessions.begin() as s:
            assert s.get(Member, member).phone == "13900000000"
    office.import_one(a.export())
    (again,) = office.services.office.conflicts()
    assert again.field == "phone" and "13900000000" in (again.kept_value, again.lost_value)

def test_a_deletion_the_office_undid_is_undone_at_the_branch(office, make_branch, tmp_path):
    a = make_branch("a")
    a.add_branch()
    member = a.add_member("李四")
    b = make_branch("b", copy_from=a)
    a.edit(Member, member, deleted=True)
    b.edit(Member, member, phone="13800000009")
    office.import_files(a.export(), b.export())
    (conflict,) = office.services.office.conflicts()
    assert conflict.kind == "delete_vs_edit"
    office.services.office.resolve_conflict(conflict.id, use_lost_value=True, note="仍在册，核实后恢复")
    back = office.services.office.write_return_bundle(a.site_id, passphrase=PASSPHRASE, to_dir=tmp_path / "a")
    (applied,) = a.services.sync.apply_receipts([back.path])
    assert applied.records_updated == 1
    with a.db.sessions.begin() as s:
        restored = s.get(Member, member)
        assert not restored.deleted and restored.phone == "13800000009"

def test_the_wrong_passphrase_is_refused_before_anything_is_read(office, make_branch):
    branch = make_branch("a")
    branch.add_branch()
    with pytest.raises(UserError, match="口令"):
        office.import_files(branch.export(), passphrase="not the passphrase")
    assert office.services.office.branches() == []


def test_receipts_that_cannot_be_written_are_reported_after_the_import(office, make_branch, tmp_path,
                                                                      monkeypatch, capsys):
    """A full stick: the bundle is imported, the secretary is told to import again with a writable
    folder, and doing so re-issues the receipt without importing anything twice."""
    branch = make_branch("a")
    branch.add_branch()
    bundle = branch.export()

    def full_stick(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(importer, "_write_receipt", full_stick)
    with pytest.raises(ReceiptsNotWritten, match="数据包已导入|were imported") as raised:
        office.services.office.import_bundles([bundle], passphrase=PASSPHRASE, receipts_dir=tmp_path / "stick")
    assert [r.status for r in raised.value.results] == ["applied"]
    monkeypatch.setenv("DJ_PASSPHRASE", PASSPHRASE)
    code = main(["sync", "import", str(bundle), "--db", office.db.url, "--receipts", str(tmp_path / "stick"),
                 "--json"])
    assert code == 2 and json.loads(capsys.readouterr().out)[0]["status"] == "duplicate"
    monkeypatch.undo()
    (again,) = office.services.office.import_bundles([bundle], passphrase=PASSPHRASE,
                                                      receipts_dir=tmp_path / "writable")
    assert again.status == "duplicate" and again.receipt_path.is_file()
