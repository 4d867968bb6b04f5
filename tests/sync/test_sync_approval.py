"""The office trusts no stick (issue 9): a device writes only its own site's records, and a new
device waits for the office's confirmation."""

from __future__ import annotations

import json
import uuid

from sqlalchemy import select

from dj_desktop.core.models import BranchSite, Member, SyncEnrolment
from dj_desktop.sync import payload as payload_mod

from sync_helpers import PASSPHRASE, open_payload, record_snapshot, reseal


def _hold_first_bundles(office) -> None:
    office.services.office.set_accept_new_devices(False)     # the default of a new office


def _members(db, origin: str) -> list[tuple]:
    with db.sessions.begin() as s:
        return [tuple(r) for r in s.execute(select(Member.__table__).where(Member.origin == origin)
                                            .order_by(Member.id)).all()]


def test_a_pending_device_is_held_until_approved_and_approval_merges_it(office, make_branch):
    _hold_first_bundles(office)
    branch = make_branch("a")
    branch.add_branch()
    branch.add_member("张三")
    first = branch.export()
    before = record_snapshot(office.db)
    result = office.import_one(first)
    assert (result.status, result.code) == ("held", "pending_device") and result.applied == {}
    assert result.device_fingerprint in result.reason
    assert record_snapshot(office.db) == before                         # nothing merged
    assert office.import_one(first).status == "held"                    # kept once
    (device,) = office.services.office.devices()
    assert (device.state, device.held, device.site_name) == ("pending", 1, "幸福里社区党支部")
    receipt = json.loads(result.receipt_path.read_text(encoding="utf-8"))["receipt"]
    assert (receipt["status"], receipt["contiguous_seq"]) == ("held", 0)

    (merged,) = office.services.office.approve_device(device.device_id, passphrase=PASSPHRASE)
    assert merged.status == "applied" and merged.applied == {"organisation": 1, "member": 1}
    assert _members(office.db, branch.site_id)
    (device,) = office.services.office.devices()
    assert (device.state, device.held) == ("active", 0)
    branch.add_member("李四")
    assert office.import_one(branch.export()).status == "applied"       # later bundles merge at once


def test_revoking_a_pending_device_drops_what_it_sent(office, make_branch):
    _hold_first_bundles(office)
    branch = make_branch("a")
    branch.add_branch()
    first = branch.export()
    assert office.import_one(first).status == "held"
    (device,) = office.services.office.devices()
    office.services.office.revoke_device(device.device_id)
    assert office.services.office.devices()[0].held == 0
    result = office.import_one(branch.export())
    assert (result.status, result.code) == ("rejected", "revoked_device")
    assert _members(office.db, branch.site_id) == []


def test_a_new_computer_of_a_site_waits_then_continues_its_sequence(office, make_branch):
    """Even an office that merges first bundles at once holds a new device for a known site."""
    branch = make_branch("a")
    branch.add_branch()
    assert office.import_one(branch.export()).status == "applied"
    old = branch.enrolment_row().device_id
    with branch.db.sessions.begin() as s:              # a reinstall (or an impostor) makes a new device key
        s.delete(s.get(SyncEnrolment, 1))
    branch.services.sync.enrol(office.enrolment)
    member = branch.add_member("张三")
    before = record_snapshot(office.db)
    held = office.import_one(branch.export())
    assert (held.status, held.code) == ("held", "pending_device")
    assert record_snapshot(office.db) == before
    new = branch.enrolment_row().device_id
    (merged,) = office.services.office.approve_device(new, passphrase=PASSPHRASE)
    assert merged.status == "applied" and merged.contiguous_seq == branch.seq()
    devices = {d.device_id: d.state for d in office.services.office.devices()}
    assert devices == {old: "revoked", new: "active"}                   # the old computer is retired
    with office.db.sessions.begin() as s:
        assert s.get(Member, member) is not None
        assert s.get(BranchSite, branch.site_id).contiguous_seq == branch.seq()


def _forge(office, sender, extra: list[dict], name: str):
    """A bundle of ``sender`` (signed with its real device key) carrying its own records plus ``extra``."""
    data = sender.export_raw(since=0).read_bytes()
    content = open_payload(office, data)
    manifest = {k: v for k, v in content.manifest.items() if k not in ("parts", "counts")}
    records = {t: list(rows) for t, rows in content.records.items()}
    for record in extra:
        record["seq"] = manifest["seq_to"]
        records.setdefault("member", []).append(record)
    return reseal(sender, data, payload_mod.build(manifest, records, content.attachments, audit=content.audit), name)


def test_a_device_cannot_change_delete_or_create_another_sites_records(office, make_branch):
    a, b = make_branch("a"), make_branch("b")
    a.add_branch("甲支部")
    b_branch = b.add_branch("乙支部")
    b_one, b_two = b.add_member("王五"), b.add_member("赵六")
    office.import_files(a.export(), b.export())
    b_records = {r["id"]: r for r in open_payload(office, b.export_raw(since=0).read_bytes()).records["member"]}
    changed = dict(b_records[str(b_one)], version=999, modified_by=a.site_id,
                   field_versions={"name": [999, a.site_id], "phone": [999, a.site_id]})
    changed["data"] = dict(changed["data"], name="篡改", phone="13000000000")
    deleted = dict(b_records[str(b_two)], version=1000, deleted=True, modified_by=a.site_id,
                   origin=a.site_id, field_versions={"deleted": [1000, a.site_id]})   # and claims it is A's
    created = dict(b_records[str(b_one)], id=str(uuid.uuid4()))            # claims to be B's
    created["data"] = dict(created["data"], id_number="110101199001010011")
    planted = dict(created, id=str(uuid.uuid4()), origin=a.site_id, modified_by=a.site_id)   # A's, in B's branch
    before = _members(office.db, b.site_id)
    a_own = a.add_member("孙七")
    result = office.import_one(_forge(office, a, [changed, deleted, created, planted], "forged.djbundle"))

    assert result.status == "applied"
    refused = {p["id"]: p for p in result.problems if p["code"] == "not_owner"}
    assert {i: p["why"] for i, p in refused.items()} == {
        str(b_one): "origin", str(b_two): "owned", created["id"]: "origin", planted["id"]: "parent"}
    assert refused[str(b_one)]["owner"] == b.site_id and refused[planted["id"]]["owner"] == b.site_id
    assert _members(office.db, b.site_id) == before                  # B's records untouched
    with office.db.sessions.begin() as s:
        assert s.get(Member, a_own) is not None                      # the rest of the bundle applied
        assert s.get(Member, uuid.UUID(planted["id"])) is None
    receipt = json.loads(result.receipt_path.read_text(encoding="utf-8"))["receipt"]
    assert {p["id"] for p in receipt["problems"] if p["code"] == "not_owner"} == set(refused)
    assert b_branch is not None


def test_a_return_bundle_applies_only_the_branchs_own_records(office, make_branch, tmp_path):
    """A return bundle that carries another site's record (the office's key, but not that branch's
    record) changes nothing of it at the branch."""
    a, b = make_branch("a"), make_branch("b")
    a.add_branch("甲支部")
    b.add_branch("乙支部")
    foreign = b.add_member("王五")
    office.import_files(a.export(), b.export())
    with office.db.sessions.begin() as s:               # the office decided something about B's member
        s.get(Member, foreign).phone = "13999999999"
    from dj_desktop.sync import returns as returns_mod

    original = returns_mod.decided_records
    returns_mod.decided_records = lambda s, site_id: original(s, b.site_id) or {
        "member": [dict(r, seq=1, data=dict(r["data"], branch_id=str(a.branch_id))) for r in _office_rows(s, foreign)]}
    try:
        back = office.services.office.write_return_bundle(a.site_id, passphrase=PASSPHRASE, to_dir=tmp_path)
    finally:
        returns_mod.decided_records = original
    (applied,) = a.services.sync.apply_receipts([back.path])
    assert applied.records_updated == 0
    with a.db.sessions.begin() as s:
        assert s.get(Member, foreign) is None


def _office_rows(s, member_id):
    from dj_desktop.sync.records import row_to_record

    table = Member.__table__
    return [row_to_record(table, row) for row in s.execute(select(table).where(table.c.id == member_id)).mappings()]
