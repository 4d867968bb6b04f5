"""Fixtures for sync tests: an office (at ``office_url``) and branch databases enrolled with it.

Every office test goes through ``office_url``; a PostgreSQL variant only has to parametrise it.
Branches are SQLite files copied from the migrated template, so each gets its own site id.
"""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from dj_desktop.core.db import backup_sqlite, open_database
from dj_desktop.core.services import build_services
from dj_desktop.devtools.throwaway_postgres import DatabaseFactory, ThrowawayPostgres, find_pg_bin

from sync_helpers import PASSPHRASE, Branch, Office, open_branch


@pytest.fixture(params=["sqlite", "postgresql"])
def office_url(request, tmp_path, template_db) -> str:
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_url")
    path = tmp_path / "office.db"
    shutil.copyfile(template_db, path)
    return f"sqlite:///{path}"


# -- PostgreSQL: one throwaway server per run, a fresh database per test ------------------------

@pytest.fixture(scope="session")
def postgres_databases():
    """A PostgreSQL 15 server on loopback for this run (skipped without the binaries, except in CI)."""
    if find_pg_bin() is None:
        message = "PostgreSQL 15 server binaries not found (apt-get install postgresql)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must run the PostgreSQL variants", pytrace=False)
        pytest.skip(message)
    server = ThrowawayPostgres().start()
    factory = DatabaseFactory(server)
    try:
        yield factory
    finally:
        factory.close()
        server.stop()


@pytest.fixture
def postgres_url(postgres_databases):
    name, url = postgres_databases.create()
    yield url
    postgres_databases.drop(name)


@pytest.fixture
def office(office_url, tmp_path):
    services = build_services(open_database(office_url))
    setup = services.office.initialise(name="县委组织部", passphrase=PASSPHRASE, out_dir=tmp_path / "enrolment")
    # Most sync tests are about merging: their office accepts the risk of first bundles (trust on
    # first use). The tests of registration (test_sync_approval.py) turn this off, the default.
    services.office.set_accept_new_devices(True)
    yield Office(services=services, enrolment=setup.enrolment_path, receipts=tmp_path / "receipts")
    services.db.dispose()


@pytest.fixture
def make_branch(tmp_path, template_db, office):
    """``make_branch(name)`` → an enrolled branch with its own site id; ``copy_from=`` clones a branch
    database (a second installation of the same books, under a new site id and device, which the
    office knows as continuing the first: it may write the first one's records)."""
    opened: list[Branch] = []

    def make(name: str, *, copy_from: Branch | None = None, enrol: bool = True) -> Branch:
        path = tmp_path / f"{name}.db"
        if copy_from is None:
            shutil.copyfile(template_db, path)
        else:
            backup_sqlite(copy_from.db.path, path)
            with sqlite3.connect(path) as conn:
                conn.execute("DELETE FROM local_setting WHERE key = 'site_id'")
                conn.execute("DELETE FROM sync_enrolment")
                conn.execute("DELETE FROM sync_export")
                conn.execute("DELETE FROM sync_branch_receipt")
            conn.close()
        branch = open_branch(path, tmp_path / "stick", office.enrolment if enrol else None)
        if copy_from is not None:
            office.services.office.link_site(branch.site_id, copy_from.site_id)
        opened.append(branch)
        return branch

    yield make
    for branch in opened:
        branch.db.dispose()


