"""Many bundles in one transaction, each in its own savepoint (sync/import_batch.py, issue 16): a bundle
refused in the middle of a batch leaves the others merged and itself absent, a cancel keeps whole
bundles only, and a receipt is written only for a committed bundle."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, select

from dj_desktop.core.models import Member, Organisation, ReceivedBundle
from dj_desktop.core.progress import Cancelled, Progress
from dj_desktop.sync import export as export_mod
from dj_desktop.sync import import_batch, importer
from dj_desktop.sync import payload as payload_mod

from sync_helpers import PASSPHRASE, open_payload, reseal


@pytest.fixture(autouse=True)
def one_batch(monkeypatch):
    # every bundle of a test in one transaction
    monkeypatch.setattr(import_batch, "BATCH_SECONDS", {"sqlite": 3600.0, "postgresql": 3600.0})


def _bundles(make_branch, names):
    paths = []
    for name in names:
        branch = make_branch(name)
        branch.add_branch(f"{name}村党支部")
        branch.add_member(f"{name}张三")
        paths.append((branch, branch.export()))
    return paths


def _nameless_member(office, branch):
    """The branch's bundle with a member that breaks a NOT NULL rule: its organisation is written,
    then the member's insert fails (a refusal after part of the bundle was merged)."""
    with branch.db.sessions.begin() as s:
        _id, _seq, data, _c, _a = export_mod.build_bundle(s, site_id=branch.site_id, since=0, full=False,
                                                          read_attachment=lambda sha: None)
    content = open_payload(office, data)
    for record in content.records["member"]:
        record["data"]["name"] = None
    return reseal(branch, data, payload_mod.build(content.manifest, content.records, {}, audit=content.audit),
                  "nameless.djbundle")


def _counts(office):
    with office.db.sessions.begin() as s:
        return (s.scalar(select(func.count()).select_from(Organisation)),
                s.scalar(select(func.count()).select_from(Member)),
                sorted(s.scalars(select(ReceivedBundle.site_id))))


def test_a_bundle_refused_mid_batch_is_absent_and_the_others_are_merged(office, make_branch):
    (a, first), (b, _unused), (c, last) = _bundles(make_branch, ["东沟", "西沟", "南沟"])
    bad = _nameless_member(office, b)
    results = office.import_files(first, bad, last)
    assert [(r.status, r.code) for r in results] == [("applied", ""), ("rejected", "invalid_records"),
                                                     ("applied", "")]
    assert _counts(office) == (2, 2, sorted([a.site_id, c.site_id]))   # nothing of the refused one
    with office.db.sessions.begin() as s:     # numbers reserved for the batch are never handed out twice
        seqs = [*s.scalars(select(Organisation.change_seq)), *s.scalars(select(Member.change_seq))]
    assert len(set(seqs)) == len(seqs) == 4
    assert len(list(office.receipts.glob("*.djreceipt"))) == 3          # its refusal is issued too
    assert office.import_one(first).status == "duplicate"


def test_postgresql_releases_a_savepoint_with_the_next_one(office, make_branch):
    """On PostgreSQL a bundle's RELEASE waits for the next bundle's SAVEPOINT (one round trip for both):
    none goes alone during the batch, a refused bundle in between still leaves only itself out, and
    outside an import every RELEASE goes at once again."""
    (a, first), (b, _unused), (c, third), (d, last) = _bundles(make_branch, ["东沟", "西沟", "南沟", "北沟"])
    bad = _nameless_member(office, b)
    sent = []
    event.listen(office.db.engine, "before_cursor_execute",
                 lambda _conn, _cursor, sql, *_rest: sent.append(sql.split()[0]))
    results = office.import_files(first, bad, third, last)
    assert [(r.status, r.code) for r in results] == [("applied", ""), ("rejected", "invalid_records"),
                                                     ("applied", ""), ("applied", "")]
    assert _counts(office) == (3, 3, sorted([a.site_id, c.site_id, d.site_id]))
    postgres = not office.db.is_sqlite
    assert ("RELEASE" in sent) is not postgres and "ROLLBACK" in sent
    sent.clear()
    with office.db.sessions.begin() as s, s.begin_nested():
        s.execute(select(func.count()).select_from(Member))
    assert "RELEASE" in sent


def test_a_batch_lasts_its_engines_seconds(office, monkeypatch) -> None:
    """Without ``seconds`` a batch is due once its engine's BATCH_SECONDS have gone by (SQLite 5 s: its
    changed pages reach the log once per batch; PostgreSQL 0.5 s)."""
    name = "sqlite" if office.db.is_sqlite else "postgresql"
    with office.db.bulk_sessions() as sessions:
        for seconds, due in ((3600.0, False), (0.0, True)):
            monkeypatch.setitem(import_batch.BATCH_SECONDS, name, seconds)
            with import_batch.ImportBatch(sessions) as batch:
                assert not batch.due()                   # nothing open yet
                with batch.begin():
                    pass
                assert batch.due() is due


def test_a_cancel_between_bundles_keeps_whole_bundles_only(office, make_branch):
    (a, first), (b, second), (_c, third) = _bundles(make_branch, ["东沟", "西沟", "南沟"])
    progress = Progress()
    # Cancel pressed while the third file starts: the two before it are committed, whole.
    progress.on_step = lambda done, total, text: progress.cancel() if text == third.name else None
    with pytest.raises(Cancelled):
        office.services.office.import_bundles([first, second, third], passphrase=PASSPHRASE,
                                              receipts_dir=office.receipts, progress=progress)
    assert _counts(office) == (2, 2, sorted([a.site_id, b.site_id]))
    assert len(list(office.receipts.glob("*.djreceipt"))) == 2
    assert [r.status for r in office.import_files(first, second, third)] == ["duplicate", "duplicate", "applied"]


def test_a_failure_loses_only_the_open_transaction_and_issues_no_receipt_for_it(office, make_branch,
                                                                               monkeypatch):
    """As after a crash: the bundles of the uncommitted transaction are absent, no receipt says
    otherwise, and importing them again finishes the job."""
    paths = [path for _branch, path in _bundles(make_branch, ["东沟", "西沟"])]
    real = importer.import_opened
    calls = []

    def failing(sessions, bundle, **kw):
        calls.append(bundle.path)
        if len(calls) == 2:
            raise RuntimeError("the office computer lost power")
        return real(sessions, bundle, **kw)

    monkeypatch.setattr(importer, "import_opened", failing)
    with pytest.raises(RuntimeError):
        office.import_files(*paths)
    assert _counts(office) == (0, 0, []) and not list(office.receipts.glob("*.djreceipt"))
    monkeypatch.undo()
    assert [r.status for r in office.import_files(*paths)] == ["applied", "applied"]


def test_collector_paused_during_an_import_and_run_at_commits(monkeypatch) -> None:
    """heap_frozen turns the collector's automatic passes off (they nest); a commit runs a pass once
    COLLECT_SECONDS have gone by and freezes what survived it; the collector is on again, over
    everything, after the last one leaves."""
    import gc

    passes = []
    monkeypatch.setattr(import_batch.gc, "collect", lambda *a: passes.append(a) or 0)
    assert gc.isenabled()
    with import_batch.heap_frozen():
        assert not gc.isenabled()
        with import_batch.heap_frozen():
            assert not gc.isenabled()
        assert not gc.isenabled()
        batch = import_batch.ImportBatch(lambda: None)           # no session opened: nothing to commit
        monkeypatch.setattr(import_batch, "COLLECT_SECONDS", 3600.0)
        batch.commit()
        assert passes == []
        monkeypatch.setattr(import_batch, "COLLECT_SECONDS", 0.0)
        made = [[] for _ in range(1000)]                         # objects the import made, still alive
        batch.commit()
        assert len(passes) == 1
        scanned = {id(o) for o in gc.get_objects()}              # every generation but the frozen one
        assert not any(id(m) in scanned for m in made)           # left out of the passes that follow
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_bulk_sessions_widen_sqlite_settings_for_the_import_only(tmp_path) -> None:
    """An office import's connection checkpoints its log less often, caches 256 MB of pages and keeps
    its savepoints' journals in memory (each bundle's savepoint wrote the pages it changed to a
    temporary file first: 420,000 writes, 0.6 s of the system's time per 1,000 bundles); the
    connection goes back to the pool with SQLite's defaults."""
    from dj_desktop.core.db import BULK_CACHE_KIB, BULK_WAL_PAGES, CACHE_KIB, WAL_PAGES, open_database

    db = open_database(tmp_path / "office.db")
    settings = lambda conn: (conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar(),   # noqa: E731
                             conn.exec_driver_sql("PRAGMA cache_size").scalar(),
                             conn.exec_driver_sql("PRAGMA temp_store").scalar())
    with db.bulk_sessions() as sessions:
        with sessions() as s:
            assert settings(s.connection()) == (BULK_WAL_PAGES, -BULK_CACHE_KIB, 2)      # 2: memory
    with db.engine.connect() as conn:
        assert settings(conn) == (WAL_PAGES, -CACHE_KIB, 0)                            # 0: the default
    db.dispose()
