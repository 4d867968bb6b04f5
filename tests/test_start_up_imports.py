"""Start-up loads only what the first window needs (issue 10, start-up ≤ 1.0 s, bench/bench_gui.py):
opening a database and building its services imports no sync, office, printing or record-book
module; each service is built once, on first use, and shared."""

from __future__ import annotations

import subprocess
import sys

from dj_desktop.core.db import open_database

CHILD = r"""
import sys
from dj_desktop.gui import app
from dj_desktop.core.db import open_database
services = app.build_services(open_database(sys.argv[1]))
app.is_office_database(services.db)
services.organisation.has_branch()
heavy = sorted(m for m in sys.modules if m.startswith(("dj_desktop.sync", "dj_desktop.core.services.office.",
               "dj_desktop.core.services.printing", "dj_desktop.core.books.", "dj_desktop.reports")))
print(" ".join(heavy) or "none")
"""


def test_opening_a_database_loads_no_sync_printing_or_book_module(db_path):
    open_database(db_path).dispose()          # an existing database, as at every start but the first
    done = subprocess.run([sys.executable, "-c", CHILD, str(db_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["none"]


def test_services_are_built_once_on_first_use_and_shared(services):
    assert "printing" not in vars(services)
    printing = services.printing
    assert services.printing is printing and vars(services)["printing"] is printing
    assert services.assessment is services.assessment
    try:
        services.nonsense
    except AttributeError as exc:
        assert "nonsense" in str(exc)
    else:
        raise AssertionError("an unknown service must raise AttributeError")


WINDOW = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from dj_desktop.gui import app
from dj_desktop.core.db import open_database
import dj_desktop.core.books as books
application = app.ensure_application()
window = app.build_window(app.build_services(open_database(sys.argv[1])))
print("loaded" if books._loaded else "not loaded")
print(" ".join(sorted(m.rpartition(".")[2] for m in sys.modules if m.startswith("dj_desktop.gui.tabs."))))
"""


def test_building_the_window_does_not_load_the_record_books(db_path):
    open_database(db_path).dispose()
    done = subprocess.run([sys.executable, "-c", WINDOW, str(db_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    books, tabs = done.stdout.strip().splitlines()[-2:]
    assert books == "not loaded", done.stdout               # the tabs read their books when shown
    assert tabs == "base dashboard", done.stdout            # the other tabs are built when first shown


def test_the_light_start_up_checks_agree_with_the_services(services):
    from dj_desktop.core.services.office_identity import has_branch, is_office_database
    assert has_branch(services.db) is services.organisation.has_branch() is False
    services.organisation.create_first_branch("幸福里社区党支部")
    assert has_branch(services.db) is services.organisation.has_branch() is True
    assert is_office_database(services.db) is False
