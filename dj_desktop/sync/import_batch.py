"""Many bundles in one transaction, each in its own SAVEPOINT (issue 16: the office import's commits).

A commit per bundle cost the office import a fifth of its time: SQLite writes every page the
transaction touched to its log (the index pages of the member and audit tables, which nearly every
bundle touches, once per bundle), PostgreSQL waits for its log to be flushed. :class:`ImportBatch`
stands where :func:`dj_desktop.sync.importer.import_opened` expects a ``sessionmaker``: its
:meth:`ImportBatch.begin` opens a SAVEPOINT in a transaction kept open across bundles, and the
caller commits every :data:`BATCH_SECONDS` (per engine) and at the end.

What stays true:
- a bundle is merged entirely or not at all: a refused bundle rolls back to its savepoint, the
  bundles before it in the same transaction stay, and its refusal (a receipt) is still issued;
- after a crash every committed bundle is complete; the bundles of the transaction that was open
  are simply absent and are imported again (a bundle imported twice changes nothing);
- a receipt is written only once its bundle is committed (``on_commit``), so no branch holds a
  receipt for a bundle the office lost;
- a cancel keeps the finished bundles: the one being merged rolls back to its savepoint, the
  transaction is committed (:meth:`ImportBatch.close`).

On PostgreSQL a bundle's ``RELEASE SAVEPOINT`` travels with the next bundle's ``SAVEPOINT`` (one round
trip instead of two; the commit releases the last): :func:`deferred_releases`.
"""

from __future__ import annotations

import gc
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.expression import ReleaseSavepointClause, SavepointClause

from dj_desktop.core.gc_pause import collections_paused
from dj_desktop.core.progress import Cancelled
from dj_desktop.sync import lookups
from dj_desktop.sync.apply import SEQ_BLOCK, SEQ_POOL

#: A transaction is committed once it has been open this long (and at the end), per engine: long
#: enough that a commit's cost is spread over many bundles, short enough that a crash loses little
#: work. SQLite writes every page a transaction changed to its log once per commit; the random-keyed
#: indexes (``member.id``, ``member.id_number``, ``member_event``) have a page changed by nearly every
#: record once they outgrow a batch, so with 0.5 s batches the log grew from 1.3 to 3.0 GB per 1,000
#: bundles over a 10,000-bundle import (the import slowed by a quarter); 5 s batches, whose changed
#: pages fit the bulk page cache (:data:`~dj_desktop.core.db.BULK_CACHE_KIB`), keep the rate flat.
#: PostgreSQL writes changed rows, not pages, and a long transaction of many savepoints would slow
#: other sessions' snapshots (more than 64 subtransactions), so it keeps short batches.
BATCH_SECONDS = {"sqlite": 5.0, "postgresql": 0.5}
#: The collector's pass during an import (:func:`heap_frozen`) at the first commit this long after the
#: last one: a pass takes ~10 ms and finds ~30 cyclic objects per bundle merged since.
COLLECT_SECONDS = 2.0
#: Change sequence numbers reserved at once in a batch (:meth:`BundleApplier._reserve`); those left
#: unused at the end only leave a gap in the office's counter.
SEQ_NUMBERS = 4096


class ImportBatch:
    """A ``sessionmaker`` look-alike for the importer: ``begin()`` yields the batch's session inside a
    new SAVEPOINT (released when the block ends, rolled back when it raises)."""

    def __init__(self, sessions: sessionmaker[Session], *, seconds: float | None = None,
                 on_commit: Callable[[], None] | None = None) -> None:
        self._sessions = sessions
        self._seconds = seconds         # None: the engine's BATCH_SECONDS, known once connected
        self._on_commit = on_commit
        self._session: Session | None = None
        self._conn: Connection | None = None
        self._started = 0.0
        self._holds_work = False       # the open transaction holds earlier bundles' work
        self._collected = time.monotonic()

    def _outer(self) -> Session:
        if self._session is None:
            self._session, self._started, self._holds_work = self._sessions(), time.monotonic(), False
            self._session.begin()
            self._session.info[SEQ_BLOCK] = SEQ_NUMBERS
            self._conn = self._session.connection()
            if self._seconds is None:
                self._seconds = BATCH_SECONDS[self._conn.dialect.name]
            if lookups.pipelines(self._conn.dialect):
                deferred_releases(self._conn)
        return self._session

    @contextmanager
    def begin(self) -> Iterator[Session]:
        session = self._outer()
        # The first bundle of a transaction needs no savepoint: if it fails, the transaction holds
        # nothing else and is rolled back whole (as with one transaction per bundle).
        nested = self._holds_work
        try:
            if nested:
                with session.begin_nested():
                    yield session
            else:
                yield session
        except BaseException:
            session.info.pop(SEQ_POOL, None)     # reserved numbers may have been rolled back with it
            if not nested:
                self._end(commit=False)
            raise
        finally:
            # Nothing read by one bundle's ORM calls may answer the next one's (Core statements change
            # the same rows), and the objects of a long batch are not kept in memory.
            session.expunge_all()
        self._holds_work = _in_transaction(session)

    def due(self) -> bool:
        return (self._session is not None and self._seconds is not None
                and time.monotonic() - self._started >= self._seconds)

    def commit(self) -> None:
        """Commit the bundles merged since the last commit, then hand out their receipts. The collector
        runs here, every :data:`COLLECT_SECONDS`, over what the import created (:func:`heap_frozen`)."""
        self._end(commit=True)
        if time.monotonic() - self._collected >= COLLECT_SECONDS:
            gc.collect()
            # What survived stays out of the next passes (the results handed back, ~20 objects a
            # bundle): each pass then costs what was made since the last one, not what the import has
            # made so far (7 → 135 ms a pass over 10,000 bundles, 5.6 s in all, before).
            gc.freeze()
            self._collected = time.monotonic()
        if self._on_commit is not None:
            self._on_commit()

    def close(self, exc: BaseException | None) -> None:
        """At the end (``exc`` None) or after a cancel: commit the finished bundles. After any other
        error the open transaction is rolled back: its bundles are imported again next time."""
        if exc is None or isinstance(exc, Cancelled):
            self.commit()
        else:
            self._end(commit=False)

    def _end(self, *, commit: bool) -> None:
        if self._session is None:
            return
        session, self._session, self._holds_work = self._session, None, False
        if self._conn is not None:
            self._conn.info.pop(_PENDING, None)     # the commit releases them, a rollback drops them
            self._conn = None
        try:
            session.commit() if commit else session.rollback()
        finally:
            session.close()

    def __enter__(self) -> "ImportBatch":
        return self

    def __exit__(self, _kind, exc, _tb) -> None:
        self.close(exc)


#: ``Connection.info`` key: savepoints released in SQLAlchemy's view whose ``RELEASE`` has not been sent.
_PENDING = "dj.import_batch.pending_release"


def deferred_releases(conn: Connection) -> None:
    """On ``conn`` (PostgreSQL through psycopg), until :class:`ImportBatch` ends its transaction: a
    ``RELEASE SAVEPOINT`` is held back and sent with the next ``SAVEPOINT``, both in one round trip
    (each bundle of a batch began with its own round trip to release the one before). A rollback to
    a savepoint forgets those held back after it (the server discards them with it); the commit
    releases the last. Other connections of the engine are unaffected (the dialect's methods look
    for the key in the connection's ``info``)."""
    conn.info[_PENDING] = []
    dialect = conn.dialect
    if getattr(dialect, "_dj_deferred_releases", False):
        return
    release, savepoint, rollback_to = (dialect.do_release_savepoint, dialect.do_savepoint,
                                       dialect.do_rollback_to_savepoint)

    def do_release_savepoint(connection: Connection, name: str) -> None:
        pending = connection.info.get(_PENDING)
        if pending is None:
            release(connection, name)
        else:
            pending.append(name)

    def do_savepoint(connection: Connection, name: str) -> None:
        pending = connection.info.get(_PENDING)
        if not pending:
            savepoint(connection, name)
            return
        sql = "; ".join(str(clause.compile(dialect=dialect)) for clause in
                        [*(ReleaseSavepointClause(held) for held in pending), SavepointClause(name)])
        pending.clear()
        driver = connection.connection.driver_connection
        try:
            driver.execute(sql)      # no parameters: one simple query, both statements in one round trip
        except driver.DatabaseError as exc:
            raise DBAPIError.instance(sql, None, exc, driver.DatabaseError) from exc

    def do_rollback_to_savepoint(connection: Connection, name: str) -> None:
        pending = connection.info.get(_PENDING)
        if pending:
            pending.clear()
        rollback_to(connection, name)

    dialect.do_release_savepoint = do_release_savepoint
    dialect.do_savepoint = do_savepoint
    dialect.do_rollback_to_savepoint = do_rollback_to_savepoint
    dialect._dj_deferred_releases = True


def _in_transaction(session: Session) -> bool:
    """Whether the database holds a transaction open. Python's sqlite3 begins one only before a write:
    after a bundle that only read (a duplicate) there is none, and a SAVEPOINT outside a transaction
    would be one, committed when released; the next bundle then goes without a savepoint."""
    conn = session.connection()
    return conn.dialect.name != "sqlite" or bool(conn.connection.driver_connection.in_transaction)


_frozen_lock = threading.Lock()
_frozen_depth = 0


@contextmanager
def heap_frozen() -> Iterator[None]:
    """Leave the objects alive now (modules, mappers, the window) out of the collector's passes, and
    turn its automatic passes off, while a long import runs; :meth:`ImportBatch.commit` collects
    instead. An import allocates millions of small containers (each opened bundle arrives from the
    worker as ~20,000 objects, unpickled in this process), so the collector ran often: with the heap
    frozen its passes still took about 60 % of the time spent receiving opened bundles, ~15 % of
    the office import. ORM sessions leave reference cycles, so the collector does run, at a commit
    every two seconds (:data:`COLLECT_SECONDS`), over what the import created since (what survives a
    pass is frozen too). Nests; the objects return to the collector's care, and its passes resume,
    when the last one leaves."""
    global _frozen_depth
    with _frozen_lock:
        if _frozen_depth == 0:
            gc.freeze()
        _frozen_depth += 1
    try:
        with collections_paused():
            yield
    finally:
        with _frozen_lock:
            _frozen_depth -= 1
            if _frozen_depth == 0:
                gc.unfreeze()
