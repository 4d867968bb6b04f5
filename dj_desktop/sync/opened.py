"""Opening bundle files before the office's database work: read, hash, verify, decrypt, check the
parts and turn the records into column values — everything that needs no database.

What goes wrong here is kept, not raised: the importer still runs its checks in their fixed order
(duplicate, recipient, device, signature, content, …) and raises a problem found here only when
it reaches that check, so a bundle is refused for the same reason whether it was opened ahead or
not. The signature is checked against the key the header names; the importer then requires that
key to be the registered device's.

A long import opens the next bundles in a worker process while the main process merges the
current one: on the office's two cores that takes a third of the work off the critical path.
The worker gets the office's decryption key as raw bytes over the pipe to its own child process.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import tempfile
import threading
import uuid
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.reduction import ForkingPickler
from pathlib import Path
from typing import Any, Iterator, Sequence

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from dj_desktop.core import i18n
from dj_desktop.core.i18n import _
from dj_desktop.sync import audit_trail, keys, limits as limits_mod, shapes
from dj_desktop.sync.format import BundleError, signature_error, unseal, verify_digest
from dj_desktop.sync import payload as payload_mod
from dj_desktop.sync.payload import Payload, read as read_payload
from dj_desktop.sync.merge_reads import read_on_insert
from dj_desktop.sync.records import bind_ahead, record_to_row, slim, sync_tables

#: Below this many files the worker's start-up (importing the program, ~0.9 s) costs more than it saves.
POOL_FROM = 128
#: Files opened here while the worker starts (about its start-up time's worth).
HEAD_START = 64
#: Bundles opened ahead of the one being merged, and what their files may hold together: bounds the
#: memory held by opened bundles. The worker goes on opening while this process commits a batch or
#: collects its garbage (~0.3 s): with 8 it ran out of files then and waited, ~1 s per 1,000 bundles
#: (issue 16). A branch's usual bundle (~22 KB, 100 records) takes ~0.5 MB opened: 32 take ~16 MB.
AHEAD = 32
AHEAD_BYTES = 32 << 20
#: Bundles larger than this (photos) are opened here: sending their bytes through the pipe to
#: and from the worker would cost more memory and time than it saves.
WORKER_MAX_SIZE = 16 << 20


@dataclass(frozen=True)
class Problem:
    """A :class:`BundleError` in a form that crosses a process boundary."""

    code: str
    message: str

    @classmethod
    def of(cls, exc: BundleError) -> "Problem":
        return cls(exc.code, str(exc))

    def error(self) -> BundleError:
        return BundleError(self.code, self.message)


@dataclass
class OpenedBundle:
    path: Path
    sha256: str = ""
    unreadable: str = ""                       # why the file could not be read
    header: dict[str, Any] = field(default_factory=dict)
    header_problem: Problem | None = None       # not a bundle / damaged header / newer format
    signature_problem: Problem | None = None    # does not verify with the header's device key
    content_problem: Problem | None = None      # cannot be decrypted, damaged parts, bad records
    payload: Payload | None = None              # manifest and attachments; records moved to ``rows``
    audit_checked: list[tuple[bool, bool]] | None = None   # audit_trail.entry_checks of payload.audit
    audit_bound: list[tuple | None] | None = None          # audit_trail.bind_ahead of payload.audit
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def content(self) -> tuple[Payload, dict[str, list[dict[str, Any]]]]:
        """The decrypted content, or the reason it could not be read."""
        if self.content_problem is not None:
            raise self.content_problem.error()
        assert self.payload is not None
        return self.payload, self.rows


def open_bundle(path: Path, enc_private: X25519PrivateKey, limits: limits_mod.Limits | None = None) -> OpenedBundle:
    """Read the file once (hashes and decryption in one pass, one chunk in memory at a time); the
    plaintext stays in memory up to 32 MB and goes to a temporary file beyond (photos). What the
    payload may decompress to is bounded by ``limits`` (issue 9)."""
    opened = OpenedBundle(path=path)
    limits = limits or limits_mod.Limits()
    if path.is_dir():
        opened.unreadable = _("{path} is a folder, not a bundle file; choose the bundle files in it.").format(
            path=path)
        return opened
    try:
        with path.open("rb") as fh, tempfile.SpooledTemporaryFile(max_size=payload_mod.PLAIN_IN_MEMORY) as plain:
            size = os.fstat(fh.fileno()).st_size
            unsealed = unseal(fh, size, recipient=enc_private, out=plain)
            opened.sha256, opened.header = unsealed.sha256, unsealed.header
            if unsealed.header_problem is not None:
                opened.header_problem = Problem.of(unsealed.header_problem)
                return opened
            if opened.header.get("kind") != "bundle":
                return opened                              # the importer refuses it before anything else
            try:
                verify_digest(unsealed.body_digest, unsealed.signature,
                              keys.sign_public(opened.header.get("device_sign_public", "")))
            except (BundleError, ValueError, TypeError):     # ValueError: not a key at all
                opened.signature_problem = Problem.of(signature_error())
                return opened
            if unsealed.content_problem is not None:
                opened.content_problem = Problem.of(unsealed.content_problem)
                return opened
            plain.seek(0)
            payload = read_payload(plain, allowance=limits.allowance(size), keep_lines=True)
            m = payload.manifest
            try:
                shapes.check_sequence(m.get("seq_from", 0), m.get("seq_to", 0),
                                      [r.get("seq", 0) for rows in payload.records.values() for r in rows],
                                      full=m.get("full", False))
            except shapes.SequenceError as exc:
                raise BundleError("bad_sequence", _(
                    "The bundle's sequence numbers are not valid ({error}); it was refused. Update the "
                    "program at the branch and export again.").format(error=exc)) from exc
    except OSError as exc:
        opened.unreadable = str(exc)
        return opened
    except BundleError as exc:
        opened.content_problem = Problem.of(exc)
        return opened
    try:
        opened.rows = {t.name: [record_to_row(t, r) for r in payload.records[t.name]]
                       for t in sync_tables() if payload.records.get(t.name)}
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        # Signed by a registered device yet malformed: a faulty program at the branch.
        opened.content_problem = Problem("bad_records", _(
            "The bundle's records are malformed ({error}); nothing was imported. Update the program "
            "at the branch and export again.").format(error=type(exc).__name__))
        return opened
    payload.records = {}
    opened.payload = payload
    opened.audit_checked = audit_trail.entry_checks(payload.audit)   # hashes recomputed here, off the merge
    return opened


# -- the worker process ---------------------------------------------------------------------------

_worker: tuple[X25519PrivateKey, Any, limits_mod.Limits] | None = None


def _start_worker(raw_key: bytes, language: str, dialect_class: type | None, limits: limits_mod.Limits) -> None:
    global _worker
    _worker = (X25519PrivateKey.from_private_bytes(raw_key), dialect_class() if dialect_class else None, limits)
    i18n.set_language(language)
    ForkingPickler.register(uuid.UUID, _reduce_uuid)
    gc.freeze()     # the program's modules: never garbage, left out of every collection in this process
    threading.Thread(target=_exit_with_parent, name="dj-parent-watch", daemon=True).start()


def _exit_with_parent() -> None:
    """End the worker when the office program ends without stopping it (killed, crashed, power cut
    of its process): the worker holds its own copy of the job pipe, so it would wait on it for ever."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)


def _reduce_uuid(value: uuid.UUID) -> tuple:
    """How the worker sends a UUID (a bundle carries ~300): as its number, rebuilt by :func:`_uuid_of`.
    Pickle's own way calls ``UUID.__getstate__`` here and ``__setstate__`` there, both in Python,
    and took a third of the time spent sending opened bundles across (issue 16)."""
    return _uuid_of, (value.int,)


def _uuid_of(number: int) -> uuid.UUID:
    value = object.__new__(uuid.UUID)
    object.__setattr__(value, "int", number)
    object.__setattr__(value, "is_safe", uuid.SafeUUID.unknown)   # what UUID(text) gives
    return value


def _open_in_worker(path: Path) -> OpenedBundle:
    assert _worker is not None
    key, dialect, limits = _worker
    return _prepared(open_bundle(path, key, limits), dialect)


def _prepared(opened: OpenedBundle, dialect: Any) -> OpenedBundle:
    """With ``dialect``, the driver values of the bundle's records and audit entries attached, and the
    records cut to what the merge reads of a new record (``records.slim``)."""
    lines = opened.payload.lines if opened.payload is not None else {}
    if dialect is not None:
        for table in sync_tables():
            if opened.rows.get(table.name):
                bind_ahead(table, dialect, opened.rows[table.name])
                if table.name in lines:
                    opened.rows[table.name] = slim(opened.rows[table.name], lines[table.name], read_on_insert(table))
        if opened.payload is not None and opened.audit_checked is not None and opened.payload.audit:
            opened.audit_bound = audit_trail.bind_ahead(str(opened.header.get("site_id", "")),
                                                        opened.payload.audit, opened.audit_checked, dialect)
            opened.payload.audit = audit_trail.lighten(opened.payload.audit, opened.audit_checked,
                                                       opened.audit_bound)
    if opened.payload is not None:
        opened.payload.lines = {}
    return opened


def open_bundles(paths: Sequence[Path], enc_private: X25519PrivateKey, *,
                 dialect: Any = None, limits: limits_mod.Limits | None = None) -> Iterator[OpenedBundle]:
    """``open_bundle`` for each path, in order; for many files, ahead of time in a worker process.

    With ``dialect`` (the office database's), the records are also turned into the values the driver is
    given (:func:`records.bind_ahead`: SQLite's parameters, PostgreSQL's COPY values) and sent slim
    (:func:`records.slim`), by the worker or here, for every import, small ones included. The
    first files are opened here while the worker starts; after that the worker opens them, and
    whenever this process would wait for it, this process opens the last file queued for the worker
    instead (the worker had not begun on it): opening a bundle costs about as much as merging one,
    so both processes stay busy. If the worker cannot start or dies, the rest are opened here.
    Closing the iterator early (a cancelled import) stops the worker after the file it is on.
    """
    if len(paths) < POOL_FROM or (os.cpu_count() or 1) < 2:
        for path in paths:
            yield _prepared(open_bundle(path, enc_private, limits), dialect)
        return
    raw = enc_private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    # "spawn" everywhere: forking a process that runs Qt threads is unsafe, and Windows has only spawn.
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker,
                               initargs=(raw, i18n.current_language(), type(dialect) if dialect else None,
                                         limits or limits_mod.Limits()))
    _widen_results(pool)
    ahead: dict[int, Future] = {}
    taken: dict[int, OpenedBundle] = {}     # files queued for the worker, opened here while waiting for it
    sizes = [_size(p) for p in paths]
    broken = False
    try:
        for index, path in enumerate(paths):
            opened = None
            try:
                if not broken:
                    first, room = max(index, HEAD_START), AHEAD_BYTES
                    for later in range(first, min(first + AHEAD, len(paths))):
                        room -= sizes[later]
                        if room < 0 and later > first:
                            break
                        if later not in ahead and later not in taken and sizes[later] <= WORKER_MAX_SIZE:
                            ahead[later] = pool.submit(_open_in_worker, paths[later])
                    future = ahead.pop(index, None)
                    while future is not None and not future.done() and ahead:
                        last = max(ahead)
                        if not ahead[last].cancel():
                            break        # the worker has it already (and every earlier one)
                        del ahead[last]
                        taken[last] = _prepared(open_bundle(paths[last], enc_private, limits), dialect)
                    opened = future.result() if future is not None else None
            except BrokenProcessPool:
                broken = True    # the worker could not start or died (e.g. no room for another process)
            opened = opened if opened is not None else taken.pop(index, None)
            yield opened if opened is not None else _prepared(open_bundle(path, enc_private, limits), dialect)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


#: What the pipe bringing opened bundles back may hold: several (~150 KB each; the system's default is
#: 64 KB). The worker then goes on with its next file at once, instead of waiting ~1.3 ms a bundle for
#: this process, busy merging, to take its turn at the interpreter and read the one sent (issue 16).
RESULT_PIPE_BYTES = 1 << 20


def _widen_results(pool: ProcessPoolExecutor) -> None:
    """Let the pool's result pipe hold :data:`RESULT_PIPE_BYTES` where the system allows it (Linux)."""
    try:
        import fcntl
        fcntl.fcntl(pool._result_queue._reader.fileno(), fcntl.F_SETPIPE_SZ, RESULT_PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass    # another system or Python, or a lower system limit: the default pipe, only slower


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0       # the worker reports it unreadable like any other
