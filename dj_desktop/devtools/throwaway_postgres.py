"""A throwaway PostgreSQL 15 server on loopback, for the test suite and the benchmarks.

``ThrowawayPostgres`` runs ``initdb`` in a temporary folder, starts the server on
127.0.0.1 with its socket in that folder and trust authentication for the role
``app``, and hands out fresh databases. When the process runs as root the server
runs as the ``postgres`` system user (PostgreSQL refuses to run as root).
Never used by the application itself.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

PG_BIN_CANDIDATES = ("/usr/lib/postgresql/15/bin",)
ROLE = "app"


def find_pg_bin() -> Path | None:
    """The folder with ``initdb`` and ``pg_ctl``, or ``None`` when PostgreSQL is absent."""
    override = os.environ.get("DJ_PG_BIN")
    for folder in ([override] if override else []) + list(PG_BIN_CANDIDATES):
        path = Path(folder)
        if (path / "initdb").is_file() and (path / "pg_ctl").is_file():
            return path
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayPostgres:
    """Start with :meth:`start`, stop with :meth:`stop` (or use as a context manager)."""

    def __init__(self, *, bin_dir: Path | None = None, base_dir: Path | None = None):
        found = bin_dir or find_pg_bin()
        if found is None:
            raise FileNotFoundError("PostgreSQL 15 server binaries not found (apt-get install postgresql)")
        self.bin_dir = found
        self._own_base = base_dir is None
        self.base_dir = Path(base_dir or tempfile.mkdtemp(prefix="dj-pg-"))
        self.data_dir = self.base_dir / "data"
        self.port = _free_port()
        self._as_postgres = os.geteuid() == 0
        self._started = False

    # -- running commands as the right user ---------------------------------
    def _run(self, *args: str) -> None:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, cwd="/")
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")

    def _prepare_dir(self) -> None:
        self.base_dir.mkdir(parents=True, exist_ok=True)
        if self._as_postgres:
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise RuntimeError("running as root needs the 'postgres' system user "
                                   "(apt-get install postgresql creates it)") from exc
            # The postgres user must reach and own the folder (tmp folders are 0700 root).
            os.chmod(self.base_dir, 0o755)
            os.chown(self.base_dir, pw.pw_uid, pw.pw_gid)

    def start(self) -> "ThrowawayPostgres":
        self._prepare_dir()
        self._run("initdb", "-D", str(self.data_dir), "-U", ROLE, "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.base_dir} "
                   "-c fsync=off -c full_page_writes=off -c synchronous_commit=off "
                   "-c wal_level=minimal -c max_wal_senders=0")
        self._run("pg_ctl", "-D", str(self.data_dir), "-o", options,
                  "-l", str(self.base_dir / "server.log"), "-w", "start")
        self._started = True
        return self

    def stop(self) -> None:
        if self._started:
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")
            self._started = False
        if self._own_base:
            shutil.rmtree(self.base_dir, ignore_errors=True)

    def __enter__(self) -> "ThrowawayPostgres":
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()

    # -- databases -----------------------------------------------------------
    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{ROLE}@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=ROLE, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class DatabaseFactory:
    """Fresh databases cloned from one migrated template, so each test skips the migrations.

    The template's ``site_id`` is removed, so every clone gets its own site id when opened.
    The next clone is made, and used ones are dropped, on a background thread while a test
    runs, so a test waits for neither.
    """

    TEMPLATE = "dj_template"

    def __init__(self, server: ThrowawayPostgres):
        from concurrent.futures import ThreadPoolExecutor

        self.server = server
        self._template_ready = False
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dj-pg-clone")
        self._next = None

    def _make_template(self) -> None:
        from dj_desktop.core.db import open_database

        db = open_database(self.server.create_database(self.TEMPLATE))
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM local_setting WHERE key = 'site_id'")
        db.dispose()
        self._template_ready = True

    def _clone(self) -> tuple[str, str]:
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.server._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.TEMPLATE}" STRATEGY FILE_COPY')
        return name, self.server.url(name)

    def create(self) -> tuple[str, str]:
        """``(name, url)`` of a new migrated, empty database."""
        if not self._template_ready:
            self._make_template()
        ready = self._next.result() if self._next is not None else self._clone()
        self._next = self._worker.submit(self._clone)
        return ready

    def drop(self, name: str) -> None:
        """Drop a used database in the background (open connections are closed by force)."""
        self._worker.submit(self.server.drop_database, name)

    def close(self) -> None:
        """Wait for background work; the server stop removes what is left."""
        self._worker.shutdown(wait=True)
