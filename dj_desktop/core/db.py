"""Opening a database: engine with SQLite pragmas, session factory, migrations with a backup first."""

from __future__ import annotations

import logging
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import datetime
from pathlib import Path
from typing import Iterator

from sqlalchemy import Connection, Engine, create_engine, event, insert, select, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from dj_desktop.core import db_errors, db_files, early_check, tracking, write_gate
from dj_desktop.core.errors import DatabaseOpenError, UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import ChangeCounter, LocalSetting
from dj_desktop.core.safe_write import atomic_path, private_folder
from dj_desktop.core.sqlite_connect import DATABASE_ERRORS, connect

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
WAL_PAGES, CACHE_KIB = 1000, 2000          # SQLite's defaults
BULK_WAL_PAGES, BULK_CACHE_KIB = 8000, 262144


@dataclass(frozen=True)
class Database:
    """An open database: what the composition root hands to services."""

    engine: Engine
    sessions: sessionmaker[Session]
    site_id: str
    url: str
    #: Things the user must be told about this opening (an interrupted upgrade undone …).
    notices: tuple[str, ...] = ()
    #: The integrity check still running when opened with ``check_later``.
    integrity: db_files.IntegrityCheck | None = None

    def confirm_intact(self) -> None:
        """Waits for that check; raises ``DatabaseDamagedError`` if it failed."""
        if self.integrity is not None:
            self.integrity.wait()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        return Path(self.engine.url.database) if self.is_sqlite and self.engine.url.database else None

    def dispose(self) -> None:
        if self.integrity is not None:      # no reader may hold a file about to be replaced (Windows)
            self.integrity.finish_quietly()
        self.engine.dispose()

    @contextmanager
    def bulk_sessions(self) -> Iterator[sessionmaker[Session]]:
        """Sessions for a long run of write transactions (an office import), all on one connection.

        On SQLite the log is copied back into the file every 8,000 pages (32 MB), not 1,000 (each copy
        ends with an fsync), and at the end; 256 MB of pages are cached, not 2 MB, so those a 5 s batch
        changes (``import_batch.BATCH_SECONDS``) stay in memory until its commit logs each once; the
        savepoints' journals stay in memory (a write to a temporary file per page: 0.6 s per 1,000 bundles)."""
        with self.engine.connect() as conn:
            if self.is_sqlite:
                for pragma in (f"wal_autocheckpoint = {BULK_WAL_PAGES}", f"cache_size = -{BULK_CACHE_KIB}",
                               "temp_store = MEMORY"):
                    conn.exec_driver_sql("PRAGMA " + pragma)
                conn.commit()
            try:
                yield make_sessions(conn, self.site_id)
            finally:
                if self.is_sqlite:
                    conn.rollback()
                    for pragma in (f"wal_autocheckpoint = {WAL_PAGES}", f"cache_size = -{CACHE_KIB}",
                                   "temp_store = DEFAULT", "wal_checkpoint(PASSIVE)"):
                        conn.exec_driver_sql("PRAGMA " + pragma)
                    conn.commit()


def to_url(target: str | Path) -> str:
    text = str(target)
    return text if "://" in text else f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    for pragma in ("busy_timeout = 5000", "foreign_keys = ON", "journal_mode = WAL", "synchronous = NORMAL"):
        cur.execute("PRAGMA " + pragma)
    cur.close()


def create_db_engine(url: str, data_key: bytes | None = None) -> Engine:
    # hide_parameters: an error's text and traceback never show the values (personal data).
    if make_url(url).get_backend_name() == "sqlite":
        if data_key is not None:
            # SQLCipher through SQLAlchemy's pysqlcipher dialect (sqlcipher3); the raw key goes in as
            # PRAGMA key = "x'…'", so SQLCipher skips its own PBKDF2 (the password went through argon2id).
            from dj_desktop.core.encryption import sqlcipher_key
            url = URL.create("sqlite+pysqlcipher", password=sqlcipher_key(data_key), database=make_url(url).database)
        engine = create_engine(url, connect_args={"timeout": 5}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
    db_errors.install(engine)
    return engine


def _check_sqlite_file(path: Path, *, create: bool, encrypted: bool = False) -> None:
    if path.exists():
        if path.is_dir():
            raise DatabaseOpenError(_("{path} is a folder, not a database file.").format(path=path))
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
        if head and head != SQLITE_HEADER and not encrypted:
            raise DatabaseOpenError(
                _("{path} is not a database of this program (or it is damaged). "
                  "Nothing was changed; choose another file or restore a backup.").format(path=path))
    elif not create:
        raise DatabaseOpenError(_("Database file {path} does not exist.").format(path=path))
    else:
        folder = path.parent
        if not folder.exists():
            try:
                private_folder(folder)
            except UserError as exc:
                raise DatabaseOpenError(str(exc)) from exc
        probe = folder / f".dj-write-test-{uuid.uuid4().hex}"
        try:
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise DatabaseOpenError(
                _("The folder {path} is read-only; choose a folder you can write to.").format(path=folder)
            ) from exc


def alembic_config(connection=None):
    # Alembic is imported only when the schema must be checked or changed: it
    # costs a noticeable part of start-up on an old PC.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(engine: Engine) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def schema_signature() -> list[str]:
    """The migration scripts this program ships; heads can only change when this list does."""
    return sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py") if p.name != "__init__.py")


def _known_current(engine: Engine) -> bool:
    """True when this database was last checked at the heads of exactly these scripts and the
    revisions stamped in the file itself are all among them (a newer program's are not)."""
    try:
        with engine.connect() as conn:
            setting = LocalSetting.__table__.c   # Core, not ORM: configuring the mappers can wait (start-up)
            stored = conn.execute(select(setting.value).where(setting.key == "schema_signature")).scalar()
            revisions = set(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
    except (OperationalError, ProgrammingError):
        return False  # a new or foreign database: no settings table yet
    scripts = {name.removesuffix(".py") for name in schema_signature()}
    return stored == schema_signature() and bool(revisions) and revisions <= scripts


def backup_sqlite(path: Path, dest: Path) -> Path:
    """Consistent copy through SQLite's backup API (safe with WAL)."""
    src = connect(str(path))
    try:
        out = connect(str(dest), like=path)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
    return dest


def migrate(engine: Engine, *, sqlite_path: Path | None = None) -> Path | None:
    """Bring the schema to the newest revision; back up first when data exists.

    Returns the backup path, if one was taken. A failed migration restores it.
    """
    current = current_revisions(engine)
    heads = head_revisions()
    if current == heads:
        return None
    if current - known_revisions():
        raise DatabaseOpenError(_("This database was written by a newer version of the program. "
                                  "Install the newer version to open it; nothing was changed."))
    backup = None
    if sqlite_path is not None and current and sqlite_path.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = sqlite_path.with_name(f"{sqlite_path.name}.pre-migration-{stamp}.bak")
        with atomic_path(backup, private=True) as tmp:
            backup_sqlite(sqlite_path, tmp)
        db_files.mark_migration(sqlite_path, backup)
        log.info("backup before migration written")
    from alembic import command

    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "heads")
    except Exception:
        if backup is not None:
            engine.dispose()
            db_files.put_back(backup, sqlite_path)
            db_files.clear_migration_mark(sqlite_path)
        raise
    if backup is not None:
        db_files.clear_migration_mark(sqlite_path)
    return backup


@lru_cache(maxsize=1)
def known_revisions() -> frozenset[str]:
    """Every schema revision this program knows (a newer database has others)."""
    from alembic.script import ScriptDirectory

    return frozenset(rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions())


def _site_settings(conn: Connection) -> dict[str, str]:
    """The schema signature and site id, and ``counter`` when the change counter's row exists."""
    setting, counter = LocalSetting.__table__, ChangeCounter.__table__
    stored = dict(conn.execute(select(setting.c.key, setting.c.value)
                               .where(setting.c.key.in_(("schema_signature", "site_id")))).all())
    if conn.execute(select(counter.c.id).where(counter.c.id == 1)).first() is not None:
        stored["counter"] = "1"
    return stored


def _ensure_site(engine: Engine) -> str:
    # Core statements, not the ORM: the mappers are configured on first ORM use, after the
    # window is on screen (start-up budget, issue 10). Reads first: most openings write nothing;
    # a write waits for a running integrity check (write_gate).
    setting, signature = LocalSetting.__table__, schema_signature()
    with engine.connect() as conn:
        stored = _site_settings(conn)
    if stored.get("schema_signature") == signature and "site_id" in stored and "counter" in stored:
        return stored["site_id"]
    with engine.begin() as conn:    # read again in the writing transaction
        stored = _site_settings(conn)
        if "schema_signature" not in stored:
            conn.execute(insert(setting), [{"key": "schema_signature", "value": signature}])
        elif stored["schema_signature"] != signature:
            conn.execute(update(setting).where(setting.c.key == "schema_signature").values(value=signature))
        site_id = stored.get("site_id") or str(uuid.uuid4())
        if "site_id" not in stored:
            conn.execute(insert(setting), [{"key": "site_id", "value": site_id}])
        if "counter" not in stored:
            conn.execute(insert(ChangeCounter.__table__), [{"id": 1, "value": 0}])
        return site_id


def make_sessions(engine: Engine | Connection, site_id: str | None = None) -> sessionmaker[Session]:
    factory = sessionmaker(engine, expire_on_commit=False, info={"site_id": site_id})
    event.listen(factory, "before_flush", tracking.before_flush)
    return factory


def open_database(target: str | Path, *, create: bool = True, password: str | None = None,
                  data_key: bytes | None = None, check_later: bool = False) -> Database:
    """Open (creating and migrating as needed) the database at a path or URL.

    An encrypted database (``core/encryption.py``) needs its ``password`` (or an unlocked
    ``data_key``): without one :class:`~dj_desktop.core.encryption.PasswordRequired`, with a wrong
    one :class:`~dj_desktop.core.encryption.PasswordError`. Raises :class:`DatabaseOpenError` with a
    user-facing message; never changes a file it cannot recognise. ``check_later``: the integrity
    check runs on a thread; reads go ahead, every write waits for its verdict (``core/write_gate.py``).
    """
    url = to_url(target)
    sqlite_path, integrity, notices = None, None, []
    if make_url(url).get_backend_name() == "sqlite":
        sqlite_path = Path(make_url(url).database)
        data_key = _unlock(sqlite_path, password, data_key)
        _check_sqlite_file(sqlite_path, create=create, encrypted=data_key is not None)
        if not sqlite_path.exists():
            db_files.create_atomically(sqlite_path, lambda tmp: _open_engine(to_url(tmp), tmp).dispose())
        else:
            notices, integrity = _checked_existing(sqlite_path, url, check_later=check_later)
    return replace(_open_engine(url, sqlite_path, data_key, integrity), notices=tuple(notices), integrity=integrity)


def _checked_existing(path: Path, url: str, *, check_later: bool = False):
    """Before anything is written: undo an interrupted migration, check integrity (or start the check
    on a thread), refuse a half-created file. Returns what the user must be told, and the thread."""
    try:
        notice = db_files.undo_interrupted_migration(path)
        if not check_later:
            db_files.quick_check(path)
        db_files.refuse_half_created(path)
    except DATABASE_ERRORS as exc:
        raise DatabaseOpenError(_explain(exc, url)) from exc
    integrity = None
    if check_later:     # the check begun before the window's imports, if it read this very file
        explain = lambda exc: _explain(exc, url)  # noqa: E731
        integrity = (None if notice else early_check.adopt(path, explain)) or db_files.IntegrityCheck(path, explain)
    return ([notice] if notice else []), integrity


def _unlock(path: Path, password: str | None, data_key: bytes | None) -> bytes | None:
    """The data key of an encrypted database (remembered for the file-level checks), else None."""
    from dj_desktop.core import encryption
    from dj_desktop.core.sqlite_connect import remember_key
    if not encryption.is_encrypted(path):
        if path.exists() and encryption.key_file(path).exists():
            log.warning("a key file lies beside a plain database; ignored")
        return None
    if data_key is None:
        if password is None:
            raise encryption.PasswordRequired(_("{path} is protected by a password. Enter the password "
                                                "(or give --password-file FILE / set DJ_PASSWORD).").format(path=path))
        data_key = encryption.unlock(path, password)
    encryption.probe(path, data_key)
    remember_key(path, data_key)
    return data_key


def _open_engine(url: str, sqlite_path: Path | None, data_key: bytes | None = None,
                 integrity: db_files.IntegrityCheck | None = None) -> Database:
    engine = create_db_engine(url, data_key)
    intact = integrity.wait if integrity is not None else (lambda: None)
    try:
        if not _known_current(engine):
            intact()                # a damaged file is never migrated
            migrate(engine, sqlite_path=sqlite_path)
        if integrity is not None:
            write_gate.hold_writes(engine, integrity.wait)
        sessions = make_sessions(engine)
        site_id = _ensure_site(engine)
        sessions.kw["info"] = {"site_id": site_id}
    except (DBAPIError, *DATABASE_ERRORS, UserError, SQLAlchemyError) as exc:
        engine.dispose()
        intact()                    # damage explains any failure: say so (the GUI offers the backup)
        if isinstance(exc, DatabaseOpenError):
            raise
        if isinstance(exc, (DBAPIError, *DATABASE_ERRORS)):
            raise DatabaseOpenError(_explain(exc, url)) from exc
        text = str(exc) if isinstance(exc, UserError) else _("Cannot open the database: {error}").format(error=exc)
        raise DatabaseOpenError(text) from exc
    return Database(engine=engine, sessions=sessions, site_id=site_id, url=url)


def _explain(exc: Exception, url: str) -> str:
    text = str(exc).lower()
    where = make_url(url).database or url
    if "locked" in text or "busy" in text:
        return _("The database {path} is in use by another program. Close it and try again.").format(path=where)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return _("The database {path} cannot be written (read-only file or folder).").format(path=where)
    if "malformed" in text or "not a database" in text or "file is encrypted" in text:
        return _("{path} is not a database of this program (or it is damaged). "
                 "Nothing was changed; choose another file or restore a backup.").format(path=where)
    return _("Cannot open the database {path}: {error}").format(path=where, error=exc)


def get_setting(session: Session, key: str, default=None):
    row = session.get(LocalSetting, key)
    return default if row is None else row.value


def set_setting(session: Session, key: str, value) -> None:
    row = session.get(LocalSetting, key)
    if row is None:
        session.add(LocalSetting(key=key, value=value))
    else:
        row.value = value


def settings_with_prefix(session: Session, prefix: str) -> dict:
    rows = session.scalars(select(LocalSetting).where(LocalSetting.key.startswith(prefix)))
    return {r.key: r.value for r in rows}
