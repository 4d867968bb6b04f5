"""Bundles opened ahead in a worker process (long office imports) give the same office database
and the same outcomes, refusals included, as bundles opened in the importing process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import pytest

from dj_desktop.core.models import Member
from dj_desktop.sync import importer, opened, records

from sync_helpers import PASSPHRASE, reset_office, snapshot


def _bundles(make_branch, tmp_path):
    """Three branches' bundles, one copy with a byte of its body flipped, and one imported twice."""
    paths = []
    for n, name in enumerate("abc"):
        branch = make_branch(name)
        branch.add_branch(f"第{n + 1}村党支部")
        for k in range(3):
            branch.add_member(f"党员{name}{k}")      # the same ID numbers at each branch: flagged
        paths.append(branch.export())
    data = paths[0].read_bytes()
    tampered = tmp_path / "tampered.djbundle"
    tampered.write_bytes(data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 1]) + data[len(data) // 2 + 1:])
    return [*paths, tampered, paths[1]]


def _outcomes(results):
    return [(r.path.name, r.status, r.code, r.applied, r.conflicts, r.deferred, r.contiguous_seq) for r in results]


def test_bundles_opened_by_the_worker_import_exactly_like_the_others(office, make_branch, tmp_path, monkeypatch):
    paths = _bundles(make_branch, tmp_path)
    inline = office.import_files(*paths)
    assert [r.status for r in inline] == ["applied", "applied", "applied", "rejected", "duplicate"]
    assert inline[3].code == "bad_signature" and inline[1].conflicts and inline[2].conflicts
    expected = snapshot(office.db)

    reset_office(office.db)
    monkeypatch.setattr(opened, "POOL_FROM", 2)
    monkeypatch.setattr(opened, "HEAD_START", 1)     # the first here, the other four in the worker
    prepared, here = [], []          # per bundle merged: its rows slim with driver values; opened here
    import_opened, prepare_here = importer.import_opened, opened._prepared

    def spy(sessions, bundle, **kw):
        prepared.append(bool(bundle.rows) and all(records.BOUND in row and records.LINE in row
                                                  for rows in bundle.rows.values() for row in rows))
        return import_opened(sessions, bundle, **kw)

    monkeypatch.setattr(importer, "import_opened", spy)
    monkeypatch.setattr(opened, "_prepared", lambda bundle, dialect: here.append(bundle.path) or prepare_here(
        bundle, dialect))
    ahead = office.import_files(*paths)
    assert _outcomes(ahead) == _outcomes(inline)
    assert snapshot(office.db) == expected
    # The driver values were prepared (SQLite's parameters, PostgreSQL's COPY values) and the records sent
    # slim, by the worker for the files it opened.
    assert prepared == [True, True, True, False, True]
    assert here[0] == paths[0] and len(here) < len(paths)

    # Large bundles (photos) are opened in the importing process, not sent through the pipe.
    reset_office(office.db)
    prepared.clear()
    here.clear()
    monkeypatch.setattr(opened, "WORKER_MAX_SIZE", min(p.stat().st_size for p in paths) - 1)
    assert _outcomes(office.import_files(*paths)) == _outcomes(inline)
    assert snapshot(office.db) == expected and here == paths

    # The files queued for the worker hold no more than AHEAD_BYTES together (one at a time here).
    reset_office(office.db)
    monkeypatch.setattr(opened, "WORKER_MAX_SIZE", 16 << 20)
    monkeypatch.setattr(opened, "AHEAD_BYTES", 1)
    queued = []

    class Counting(opened.ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            self.live = [f for f in getattr(self, "live", []) if not f.done()]
            self.live.append(super().submit(fn, *args, **kwargs))
            queued.append(len(self.live))
            return self.live[-1]

    monkeypatch.setattr(opened, "ProcessPoolExecutor", Counting)
    assert _outcomes(office.import_files(*paths)) == _outcomes(inline)
    assert snapshot(office.db) == expected and queued and max(queued) == 1


def test_the_import_goes_on_when_the_worker_cannot_start(office, make_branch, tmp_path, monkeypatch):
    paths = _bundles(make_branch, tmp_path)

    class NoWorker:
        def __init__(self, *args, **kwargs):
            pass

        def submit(self, *args):
            future = Future()
            future.set_exception(BrokenProcessPool("no room for another process"))
            return future

        def shutdown(self, **kwargs):
            pass

    monkeypatch.setattr(opened, "POOL_FROM", 2)
    monkeypatch.setattr(opened, "HEAD_START", 1)
    monkeypatch.setattr(opened, "ProcessPoolExecutor", NoWorker)
    results = office.import_files(*paths)
    assert [r.status for r in results] == ["applied", "applied", "applied", "rejected", "duplicate"]
    with office.db.sessions.begin() as s:
        assert s.query(Member).count() == 9


def test_values_prepared_ahead_are_checked_before_they_are_used(office, make_branch, tmp_path):
    branch = make_branch("a")
    branch.add_branch()
    branch.add_member("张三")
    keys = importer.unlock_office(office.db, PASSPHRASE)
    bundle = opened.open_bundle(branch.export(), keys.enc_private)
    table = Member.__table__
    # The worker's dialect is a new instance of the office's class, never connected: it binds alike.
    records.bind_ahead(table, type(office.db.engine.dialect)(), bundle.rows["member"])
    (row,) = bundle.rows["member"]
    with office.db.engine.connect() as conn:
        assert records.BOUND in row and records.prepared_match(conn, table, row)
    names = [c.key for c in table.columns]
    bound = list(row[records.BOUND])
    bound[names.index("name")] = "李四"                  # a worker whose values differ from ours
    row[records.BOUND] = tuple(bound)
    outcome = importer.import_opened(office.db.sessions, bundle, office=keys)
    assert outcome.status == "applied"
    with office.db.sessions.begin() as s:
        assert [m.name for m in s.query(Member)] == ["张三"]

    # A slim row (its typed values left at the worker) is rebuilt from its line to be bound here.
    reset_office(office.db)
    bundle = opened._prepared(opened.open_bundle(branch.export(full=True), keys.enc_private),
                              type(office.db.engine.dialect)())
    (row,) = bundle.rows["member"]
    assert "name" not in row and records.full(table, row)["name"] == "张三"
    row[records.BOUND] = tuple(bound)
    assert importer.import_opened(office.db.sessions, bundle, office=keys).status == "applied"
    with office.db.sessions.begin() as s:
        assert [m.name for m in s.query(Member)] == ["张三"]


def test_uuids_cross_from_the_worker_unchanged():
    """The worker's way of sending a UUID gives back an equal UUID in every respect."""
    import copyreg
    import io
    import pickle
    import uuid

    for value in (uuid.uuid4(), uuid.UUID(int=0), uuid.UUID(int=2 ** 128 - 1),
                  uuid.UUID("6ac8c07a-4311-488a-bdc7-39b5fea65d07")):
        sent = io.BytesIO()
        pickler = pickle.Pickler(sent)
        pickler.dispatch_table = {**copyreg.dispatch_table, uuid.UUID: opened._reduce_uuid}   # as the worker's
        pickler.dump({"id": value, "ids": [value, value]})
        back = pickle.loads(sent.getvalue())
        assert type(back["id"]) is uuid.UUID and back["id"] == value and hash(back["id"]) == hash(value)
        assert str(back["id"]) == str(value) and back["id"].hex == value.hex
        assert back["id"].is_safe == uuid.UUID(str(value)).is_safe and back["ids"][0] is back["ids"][1]


_KILLED_OFFICE = '''
import sys, time
from pathlib import Path
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from dj_desktop.sync import opened

if __name__ == "__main__":
    opened.POOL_FROM, opened.HEAD_START = 1, 0
    bundles = opened.open_bundles([Path(sys.argv[1])] * 3, X25519PrivateKey.generate())
    next(bundles)                      # opened by the worker: it runs
    print("running", flush=True)
    time.sleep(120)
'''


def _stat(pid: int | str) -> list[str] | None:
    """The fields of ``/proc/<pid>/stat`` after the command name (state, parent, …); None: no such process."""
    try:
        stat = open(f"/proc/{pid}/stat").read()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2:].split()


def _children(pid: int) -> list[int]:
    return [int(entry) for entry in os.listdir("/proc")
            if entry.isdigit() and (fields := _stat(entry)) is not None and int(fields[1]) == pid]


def _running(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_worker_ends_when_the_office_program_is_killed(tmp_path):
    """A killed office program (a crash, the task manager) leaves no worker process behind."""
    script = tmp_path / "office.py"
    script.write_text(_KILLED_OFFICE, encoding="utf-8")
    (tmp_path / "a.djbundle").write_bytes(b"not a bundle")
    office = subprocess.Popen([sys.executable, str(script), str(tmp_path / "a.djbundle")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert office.stdout.readline().strip() == "running"
        workers = _children(office.pid)
        assert workers
    finally:
        office.kill()
        office.wait()
    deadline = time.monotonic() + 20
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_running(pid) for pid in workers)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pipe sizes are set on Linux only")
def test_the_result_pipe_holds_several_opened_bundles():
    """The worker sends an opened bundle (~150 KB) without waiting for the merging process to read it."""
    import fcntl
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        opened._widen_results(pool)
        size = fcntl.fcntl(pool._result_queue._reader.fileno(), fcntl.F_GETPIPE_SZ)
        with open("/proc/sys/fs/pipe-max-size") as fh:
            allowed = int(fh.read())
        assert size == opened.RESULT_PIPE_BYTES or allowed < opened.RESULT_PIPE_BYTES
        assert pool.submit(abs, -3).result() == 3
    finally:
        pool.shutdown()
    opened._widen_results(object())          # anything else: left as it is, no error
