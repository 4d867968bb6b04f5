"""The audit trail's hash chain: every write of every record table is chained with who wrote it;
edits, deletions, reorderings and foreign rows made with plain sqlite3 are named by `audit verify`."""

from __future__ import annotations

import sqlite3

import pytest

from dj_desktop.core.audit import os_user
from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services
from tests.e2e.test_cli_init_demo import run


@pytest.fixture
def written(services):
    branch = services.organisation.create_first_branch("幸福里社区党支部")
    services.organisation.add_unit("第一党小组", kind="group", parent_id=branch.id)
    group = services.organisation.add_unit("第二党小组", kind="group", parent_id=branch.id)
    services.db.dispose()
    return services, branch, group


def test_every_write_is_chained_with_who_and_the_fields(written):
    services, branch, group = written
    report = services.audit.verify()
    assert report.holds and report.entries == report.history_rows >= 3
    rows = services.audit.entries(record_id=group.id)
    assert [r.action for r in rows] == ["create"] and rows[0].who == os_user()
    assert rows[0].changes["name"] == [None, "第二党小组"]
    assert services.audit.entries(table_name="organisation", text="第一党小组")
    assert services.audit.people() == [os_user()]


def _verify(tmp_path, db_path):
    return run("audit", "verify", "--db", str(db_path), cwd=tmp_path)


def test_audit_verify_holds_then_names_an_entry_edited_with_sqlite3(written, db_path, tmp_path):
    done = _verify(tmp_path, db_path)
    assert done.returncode == 0 and "完整无误" in done.stdout
    with sqlite3.connect(db_path) as conn:
        target = conn.execute("SELECT id FROM record_history ORDER BY id LIMIT 1 OFFSET 1").fetchone()[0]
        seq = conn.execute("SELECT seq FROM audit_entry WHERE history_id = ?", (target,)).fetchone()[0]
        conn.execute("""UPDATE record_history SET changes = '{"name": [null, "第三党小组"]}' WHERE id = ?""",
                     (target,))
    done = _verify(tmp_path, db_path)
    assert done.returncode == 1
    assert f"第 {seq} 条" in done.stderr and "被修改" in done.stderr


@pytest.mark.parametrize("tamper, words", [
    ("UPDATE audit_entry SET who = 'someone else' WHERE seq = 2", "被修改"),
    ("DELETE FROM record_history WHERE id = (SELECT history_id FROM audit_entry WHERE seq = 2)", "删除"),
    ("DELETE FROM audit_entry WHERE seq = 2", "删除"),
    ("UPDATE audit_entry SET seq = 100 WHERE seq = 2; UPDATE audit_entry SET seq = 2 WHERE seq = 3;"
     " UPDATE audit_entry SET seq = 3 WHERE seq = 100", "断开"),
    ("INSERT INTO record_history (table_name, record_id, version, change_seq, action, changes, reason, at)"
     " SELECT table_name, record_id, 9, 99, 'update', '{}', '', at FROM record_history LIMIT 1", "之外"),
])
def test_edits_deletions_reorderings_and_foreign_rows_are_detected(written, db_path, tamper, words):
    with sqlite3.connect(db_path) as conn:
        conn.executescript(tamper)
    db = open_database(db_path)
    try:
        report = build_services(db).audit.verify()
    finally:
        db.dispose()
    assert not report.holds
    from dj_desktop.core.services.audit import break_text
    assert words in break_text(report.broken)


def test_bulk_inserts_and_the_demo_are_chained(tmp_path, demo_copy):
    db = open_database(demo_copy(tmp_path / "demo.db"), create=False)
    try:
        report = build_services(db).audit.verify()
    finally:
        db.dispose()
    assert report.holds and report.entries > 1000
