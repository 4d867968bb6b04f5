"""The audit chain travels in bundles and the office checks it before merging (issue 11): an intact
segment merges and is kept per site; one edited at the branch with plain sqlite3, one rewritten inside
the bundle, and one whose chain was rebuilt since the last bundle are refused, naming the first bad entry."""

from __future__ import annotations

import json
import sqlite3

from dj_desktop.cli import main
from dj_desktop.core import audit
from sqlalchemy import select, update

from dj_desktop.core.models import Member, SiteAuditEntry
from dj_desktop.sync import payload as payload_mod

from sync_helpers import open_payload, record_snapshot, reseal


def _branch_with_members(make_branch, count=3):
    branch = make_branch("a")
    branch.add_branch("幸福里社区党支部")
    ids = [branch.add_member(f"党员{i}") for i in range(count)]
    return branch, ids


def test_an_intact_trail_merges_and_the_office_verifies_it_per_site(office, office_url, make_branch, capsys):
    branch, ids = _branch_with_members(make_branch)
    first = branch.export()
    entries = open_payload(office, first.read_bytes()).audit
    assert [e["seq"] for e in entries] == list(range(1, len(entries) + 1)) and entries[0]["prev_hash"] == audit.GENESIS
    assert office.import_one(first).status == "applied"
    branch.services.sync.apply_receipts(sorted(office.receipts.iterdir()))
    branch.edit(Member, ids[0], phone="13800000000")
    second = branch.export()
    segment = open_payload(office, second.read_bytes()).audit
    assert segment and segment[0]["seq"] == len(entries) + 1          # only what is new since the receipt
    assert office.import_one(second).status == "applied"
    # A full bundle again overlaps what the office holds: it agrees, so it merges.
    assert office.import_one(branch.export(full=True)).status == "applied"
    report = office.services.audit.verify_site(branch.site_id)
    assert report.holds and report.entries == len(entries) + len(segment) and report.first_seq == 1

    office_db = office_url
    assert main(["audit", "verify", "--site", branch.site_id, "--db", office_db]) == 0
    assert main(["audit", "verify", "--all-sites", "--db", office_db]) == 0
    out = capsys.readouterr().out
    assert branch.site_id in out
    # Edited at the office afterwards (plain SQL): verify --site names the entry.
    table = SiteAuditEntry.__table__
    where = (table.c.site_id == branch.site_id) & (table.c.seq == 2)
    with office.db.engine.begin() as conn:
        content = dict(conn.execute(select(table.c.content).where(where)).scalar_one())
        content["changes"] = {**content["changes"], "name": [None, "假名"]}
        conn.execute(update(table).where(where).values(content=content))
    assert main(["--lang", "zh_CN", "audit", "verify", "--site", branch.site_id, "--db", office_db]) == 1
    assert "第 2 条断裂" in capsys.readouterr().err


def test_a_history_row_edited_with_sqlite3_at_the_branch_is_refused_naming_it(office, make_branch):
    branch, ids = _branch_with_members(make_branch)
    history_id = _edit_history(branch, 3)
    before = record_snapshot(office.db)
    outcome = office.import_one(branch.export())
    assert outcome.status == "rejected" and outcome.code == "audit_broken"
    assert f"第 3 条断裂（历史记录 {history_id}，数据表 member）" in outcome.reason
    assert record_snapshot(office.db) == before


def test_a_segment_rewritten_inside_the_bundle_is_refused(office, make_branch):
    branch, ids = _branch_with_members(make_branch)
    path = branch.export()
    data = path.read_bytes()
    content = open_payload(office, data)
    forged = [dict(e) for e in content.audit]
    forged[1] = dict(forged[1], who="someone-else")           # who changed it, rewritten before sealing
    plain = payload_mod.build(content.manifest, content.records, content.attachments, audit=forged)
    path.unlink()
    outcome = office.import_one(reseal(branch, data, plain, "forged.djbundle"))
    assert outcome.code == "audit_broken" and "第 2 条断裂" in outcome.reason
    # Dropping an entry from the middle is named as well.
    dropped = content.audit[:1] + content.audit[2:]
    plain = payload_mod.build(content.manifest, content.records, content.attachments, audit=dropped)
    outcome = office.import_one(reseal(branch, data, plain, "dropped.djbundle"))
    assert outcome.code == "audit_broken" and "第 3 条断裂" in outcome.reason


def test_a_chain_rebuilt_at_the_branch_does_not_link_to_what_the_office_holds(office, make_branch):
    branch, ids = _branch_with_members(make_branch)
    assert office.import_one(branch.export()).status == "applied"
    # Someone edits a history row and recomputes every hash after it: the chain holds again locally...
    _edit_history(branch, 2)
    _rechain(branch)
    assert branch.services.audit.verify().holds
    # ...but the office received the original entry 2 from this site and refuses the rewritten one.
    before = record_snapshot(office.db)
    outcome = office.import_one(branch.export(full=True))
    assert outcome.code == "audit_broken" and "第 2 条断裂" in outcome.reason
    assert record_snapshot(office.db) == before


def _edit_history(branch, seq: int) -> int:
    """Change the member name in the history row of chain entry ``seq`` with plain sqlite3."""
    with sqlite3.connect(branch.db.path) as conn:
        history_id, changes = conn.execute(
            "SELECT h.id, h.changes FROM record_history h JOIN audit_entry a ON a.history_id = h.id "
            "WHERE a.seq = ?", (seq,)).fetchone()
        edited = json.loads(changes)
        edited["name"] = [None, "改过的名字"]
        conn.execute("UPDATE record_history SET changes = ? WHERE id = ?", (json.dumps(edited), history_id))
    conn.close()
    return history_id


def _rechain(branch) -> None:
    from sqlalchemy import select, update

    from dj_desktop.core.models import AuditEntry, RecordHistory
    from dj_desktop.core.audit import _HISTORY_COLUMNS, entry_hash

    with branch.db.sessions.begin() as s:
        prev = audit.GENESIS
        rows = s.execute(select(AuditEntry, *[getattr(RecordHistory, c) for c in _HISTORY_COLUMNS])
                         .join(RecordHistory, RecordHistory.id == AuditEntry.history_id)
                         .order_by(AuditEntry.seq)).all()
        for entry, *values in rows:
            digest = entry_hash(prev, entry.seq, entry.history_id, entry.who, dict(zip(_HISTORY_COLUMNS, values)))
            s.execute(update(AuditEntry).where(AuditEntry.seq == entry.seq).values(prev_hash=prev, hash=digest))
            prev = digest
