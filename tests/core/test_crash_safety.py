"""The findings of the crash and bad-database attack, each reproduced: creation, damage, unknown
revisions, locked / read-only / full databases, messages without SQL parameters, file modes."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from dj_desktop.core import db_files
from dj_desktop.core.db import open_database, schema_signature
from dj_desktop.core.db_errors import DatabaseWriteError
from dj_desktop.core.db_files import DatabaseDamagedError
from dj_desktop.core.demo import create_demo_database
from dj_desktop.core.errors import DatabaseOpenError, UserError
from dj_desktop.core.services import build_services
from tests.e2e.test_cli_init_demo import run


#: Built so that the test's own source lines (shown in a traceback) do not hold the value.
SECRET_NAME = "秘密" + "支部名称"
SECRET_ID = "1101011990" + "03077777"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_killed_creation_leaves_no_database_and_the_next_start_creates_a_whole_one(tmp_path):
    path = tmp_path / "data" / "branch.db"

    def killed(tmp: Path) -> None:
        open_database(tmp).dispose()
        raise KeyboardInterrupt   # stands in for the kill after the schema was written

    with pytest.raises(KeyboardInterrupt):
        db_files.create_atomically(path, killed)
    assert not path.exists()
    # A real kill leaves the temporary file behind: it is never taken for the database.
    (path.parent / f".branch.db{db_files.TEMP_MARK}dead").write_bytes(b"half")
    db = open_database(path)
    db.dispose()
    assert db_files.stored_revisions(path) and not db_files.leftovers(path)


def test_a_file_left_half_created_by_an_older_program_gets_a_clear_message_and_stays(tmp_path):
    path = tmp_path / "branch.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE change_batch (id INTEGER)")
    before = path.read_bytes()
    done = run("init", "--db", str(path), "--branch", "幸福里社区党支部", cwd=tmp_path)
    assert done.returncode == 2
    assert "没有创建完整" in done.stderr and "already exists" not in done.stderr
    assert "Traceback" not in done.stderr
    assert path.read_bytes() == before


def test_a_killed_demo_leaves_nothing_that_opens(tmp_path, monkeypatch):
    from dj_desktop.core import demo

    def dies(db, today=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(demo, "generate_demo", dies)
    with pytest.raises(KeyboardInterrupt):
        create_demo_database(tmp_path / "demo.db")
    assert not (tmp_path / "demo.db").exists()
    assert not list(tmp_path.iterdir())


def _damage_a_page(path: Path) -> None:
    """Overwrite one b-tree page in the middle of the file (not the header)."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'record_history'").fetchone()[0]
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start:start + page_size] = b"\x0d" + b"\xa5" * (page_size - 1)
    path.write_bytes(bytes(data))


def test_a_damaged_page_is_refused_unchanged_and_the_latest_backup_is_named(services, db_path):
    from dj_desktop.core.backups import take_backup
    services.organisation.create_first_branch("幸福里社区党支部")
    services.db.dispose()
    backup = take_backup(db_path, reason="daily")
    _damage_a_page(db_path)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(db_path)
    assert "已损坏" in str(caught.value) and str(backup.path) in str(caught.value)
    assert db_path.read_bytes() == before


def test_a_check_run_beside_the_start_gives_the_same_verdict_before_anything_is_written(services, db_path):
    """The GUI opens with ``check_later`` (the window is built while the check runs): an intact file
    opens and confirms; a damaged one is refused with the same message, and is still not written."""
    services.organisation.create_first_branch("幸福里社区党支部")
    services.db.dispose()
    db = open_database(db_path, check_later=True)
    db.confirm_intact()
    db.dispose()
    _damage_a_page(db_path)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseDamagedError) as caught:
        db = open_database(db_path, check_later=True)   # opening may fail on the damage itself …
        db.confirm_intact()                              # … or the check says so
    assert "已损坏" in str(caught.value)
    assert db_path.read_bytes() == before


def test_an_unknown_revision_is_refused_even_when_the_cached_signature_matches(db_path):
    open_database(db_path).dispose()
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
        stored = conn.execute("SELECT value FROM local_setting WHERE key = 'schema_signature'").fetchone()[0]
    assert stored and schema_signature()[0] in stored   # the cache still says "current"
    before = db_path.read_bytes()
    with pytest.raises(DatabaseOpenError, match="更新版本"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_a_locked_database_gives_a_chinese_message_without_sql_parameters(services, db_path):
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("PRAGMA busy_timeout = 0")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseWriteError) as caught:
            services.organisation.create_first_branch(SECRET_NAME)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    text = str(caught.value)
    assert "其他程序" in text and SECRET_NAME not in text and "INSERT" not in text
    import traceback
    printed = "".join(traceback.format_exception(caught.value))   # what a crash would print
    assert SECRET_NAME not in printed


def test_a_read_only_database_gives_a_chinese_message(db_path):
    from sqlalchemy import event
    db = open_database(db_path)
    db.engine.dispose()
    # The file turned read-only after opening (root ignores permission bits, so SQLite is told).
    event.listen(db.engine, "connect", lambda conn, _record: conn.execute("PRAGMA query_only = ON"))
    try:
        with pytest.raises(DatabaseWriteError, match="只读"):
            build_services(db).organisation.create_first_branch("幸福里社区党支部")
    finally:
        db.dispose()


def test_sql_parameters_never_appear_in_an_unexpected_error(services):
    from sqlalchemy import text
    with pytest.raises(Exception) as caught:
        with services.db.engine.begin() as conn:
            conn.execute(text("INSERT INTO local_setting (key, value) VALUES (:k, :v)"),
                         [{"k": "dup", "v": f'"{SECRET_ID}"'}, {"k": "dup", "v": f'"{SECRET_NAME}"'}])
    import traceback
    printed = "".join(traceback.format_exception(caught.value))
    assert SECRET_ID not in printed and SECRET_NAME not in printed


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MB tmpfs (needs root, as on CI)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_gives_clear_messages_and_leaves_no_half_files(tiny_disk, template_db):
    import shutil
    path = tiny_disk / "branch.db"
    shutil.copyfile(template_db, path)
    services = build_services(open_database(path))
    branch = services.organisation.create_first_branch("幸福里社区党支部")
    filler = tiny_disk / "filler"
    with pytest.raises(OSError):
        with filler.open("wb") as fh:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
    with pytest.raises(UserError, match="已满"):
        for n in range(2000):
            services.organisation.add_unit(f"第{n}党小组" + "长" * 100, kind="group",
                                           parent_id=branch.id)
    with pytest.raises(UserError, match="已满"):
        services.roster_import.export_roster(tiny_disk / "roster.xlsx")
    services.db.dispose()
    assert sorted(p.name for p in tiny_disk.iterdir() if not p.name.startswith("branch.db")) == ["filler"]
    filler.unlink()
    reopened = open_database(path)
    assert [b.name for b in build_services(reopened).organisation.branches()] == ["幸福里社区党支部"]
    reopened.dispose()


def test_database_files_and_folders_are_private(tmp_path):
    from dj_desktop.core.backups import take_backup
    folder = tmp_path / "新文件夹"
    db = create_demo_database(folder / "branch.db")
    db.dispose()
    assert _mode(folder) == 0o700
    assert _mode(folder / "branch.db") == 0o600
    info = take_backup(folder / "branch.db")
    assert _mode(info.path) == 0o600 and _mode(info.path.parent) == 0o700


def test_a_failed_pdf_leaves_no_file(tmp_path, monkeypatch):
    from reportlab.platypus import BaseDocTemplate, Paragraph
    from dj_desktop.reports.pdf.document import PrintedDocument
    from dj_desktop.reports.pdf.fonts import styles

    def dies_half_way(self, *args, **kwargs):
        Path(self.filename).write_bytes(b"%PDF-1.4 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(BaseDocTemplate, "build", dies_half_way)
    with pytest.raises(UserError, match="已满"):
        PrintedDocument(tmp_path / "manual.pdf", header="支部", title="手册").render(
            [Paragraph("内容", list(styles().values())[0])])
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_migration_is_undone_from_its_backup_at_the_next_start(tmp_path, db_path):
    from dj_desktop.core.db import backup_sqlite
    backup = tmp_path / "before.bak"
    backup_sqlite(db_path, backup)
    with sqlite3.connect(db_path) as conn:       # what a half-done upgrade might leave
        conn.execute("CREATE TABLE half_done (x)")
    db_files.mark_migration(db_path, backup)
    db = open_database(db_path)
    try:
        assert db.notices and "中断" in db.notices[0]
        with sqlite3.connect(db_path) as conn:
            assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchall()
    finally:
        db.dispose()
    assert not db_files.marker_path(db_path).exists()
