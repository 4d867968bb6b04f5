"""Deterministic demo data: a realistic branch for first starts, screenshots and tests.

:data:`PARTS` names the modules of this package that each add one area
(``generate(db, *, today, rng)``), run in order; every part draws from its own
seeded random generator, so adding a part never changes what the others make.
"""

from __future__ import annotations

import importlib
import random
from datetime import date
from pathlib import Path

from dj_desktop.core.db import Database, open_database
from dj_desktop.core.db_files import create_atomically
from dj_desktop.core.demo.large_roster import generate_large_roster
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _

PARTS = ["roster", "manual", "development", "money", "groups", "assessment", "points", "appraisal_care"]
SEED = "dj-desktop demo 2019-07-01"


def generate_demo(db: Database, *, today: date | None = None) -> None:
    """Fill an empty database with the demo branch and everything the parts add."""
    today = today or date.today()
    for part in PARTS:
        module = importlib.import_module(f"dj_desktop.core.demo.{part}")
        module.generate(db, today=today, rng=random.Random(f"{SEED}/{part}"))


def create_demo_database(path: str | Path, *, today: date | None = None) -> Database:
    """Create a new database file at ``path`` holding the demo data; refuses an existing file.

    The demo is built whole under a temporary name and then renamed: a kill leaves either no
    file or the complete demo, never a half-filled database that opens without warning."""
    path = Path(path).expanduser().resolve()
    if path.exists():
        raise UserError(_("{path} already exists; the demo is only written to a new file.").format(path=path))

    def build(tmp: Path) -> None:
        db = open_database(tmp, create=True)
        try:
            generate_demo(db, today=today)
        finally:
            db.dispose()

    create_atomically(path, build)
    return open_database(path, create=False)


__all__ = ["PARTS", "create_demo_database", "generate_demo", "generate_large_roster"]
