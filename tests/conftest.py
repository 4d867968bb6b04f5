"""Shared fixtures: a migrated temporary SQLite file per test, copied from a template."""

from __future__ import annotations

import os
import shutil
import sqlite3

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

import pytest

from dj_desktop.core.db import open_database
from dj_desktop.core.i18n import set_language
from dj_desktop.core.services import build_services


#: Test files that take most of a minute or more. They start first, each on its own xdist worker
#: (the test command runs ``--dist loadfile --no-loadscope-reorder``): started last, as xdist's
#: default order by number of tests had them, one worker ran them alone for the suite's last
#: two minutes while the other sat idle.
SLOW_FILES = ("tests/test_frozen_build.py", "tests/test_kill_harness.py", "tests/core/test_reminder_status.py")


def pytest_collection_modifyitems(config, items):
    """The slow files first, then the others by their number of tests (xdist's own order), each
    file's tests in their collected order."""
    by_file: dict[str, list] = {}
    for item in items:
        by_file.setdefault(item.nodeid.split("::")[0], []).append(item)
    order = sorted(by_file, key=lambda name: (SLOW_FILES.index(name) if name in SLOW_FILES else len(SLOW_FILES),
                                              -len(by_file[name])))
    items[:] = [item for name in order for item in by_file[name]]


@pytest.fixture(autouse=True)
def _chinese_by_default():
    set_language("zh_CN")
    yield
    set_language("zh_CN")


@pytest.fixture(scope="session")
def template_db(tmp_path_factory):
    """An empty, fully migrated database built once per run."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = open_database(path)
    db.engine.dispose()
    # Each test database must get its own site id when it is first opened.
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM local_setting WHERE key = 'site_id'")
    return path


@pytest.fixture
def db_path(tmp_path, template_db):
    path = tmp_path / "branch.db"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture
def services(db):
    return build_services(db)
