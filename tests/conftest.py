"""Shared fixtures: a migrated temporary SQLite file per test, copied from a template, and copies of
the demo database, each demo built once per test process and ``today``."""

from __future__ import annotations

import os
import shutil
import sqlite3

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

from datetime import date
from pathlib import Path
from typing import Callable

import pytest

from dj_desktop.core.backups import files_dir
from dj_desktop.core.db import open_database
from dj_desktop.core.demo import create_demo_database
from dj_desktop.core.i18n import set_language
from dj_desktop.core.services import build_services


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


@pytest.fixture(scope="session")
def demo_copy(tmp_path_factory) -> Callable[..., Path]:
    """``demo_copy(path, today=None)``: a copy at ``path`` of the demo database and its attachments, as
    ``create_demo_database(path, today=today)`` writes them. Building the demo takes ~10 s; each
    ``today`` is built once per test process (the copies share the demo's site id)."""
    templates: dict[date | None, Path] = {}

    def copy(path: Path, *, today: date | None = None) -> Path:
        if today not in templates:
            template = tmp_path_factory.mktemp("demo-template") / "demo.db"
            create_demo_database(template, today=today).dispose()
            templates[today] = template
        template, path = templates[today], Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(template, path)
        if files_dir(template).is_dir():
            shutil.copytree(files_dir(template), files_dir(path))
        return path

    return copy
