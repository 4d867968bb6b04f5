"""``--self-test``: what a frozen build must still do on the machine it was built for.

Each step uses the shipped resources the way a user's first hour does: a new database is
created and migrated to the newest revision (the Alembic scripts shipped as files), the main
window is built offscreen with every tab shown (the font, the catalogs, the rule sets), a
yearly manual is printed to PDF (reportlab with the embedded CJK font), a bundle is written
for an office and imported there (the cryptography and the bundle reader), and the database is
protected with a password and opened again (SQLCipher and argon2). Any failure raises;
the caller turns it into a non-zero exit code.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from datetime import date
from pathlib import Path

from dj_desktop.core.db_files import stored_revisions
from dj_desktop.core.i18n import _
from dj_desktop.core.services import build_services


class SelfTestFailed(RuntimeError):
    """A step of the self-test did not produce what it should have."""


def run_self_test(open_database, build_window, application, preferences_factory) -> list[str]:
    """Run every step in a temporary folder; returns one line per step passed. The composition root
    (gui/app.py) hands in ``open_database``: the GUI itself never imports core.db."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    done: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        db = open_database(root / "self-test.db")
        try:
            services = build_services(db)
            heads = _schema_heads(root / "self-test.db")
            done.append(f"database created and migrated ({', '.join(heads)})")
            services.organisation.create_first_branch(_("Self-test branch"))
            window = build_window(services, preferences=preferences_factory(root / "preferences.ini"))
            window.show()
            application.processEvents()
            for index in range(window.tabs.count()):
                window.tabs.setCurrentIndex(index)
                application.processEvents()
            window.close()
            if hasattr(window.job_runner, "wait_all"):   # the dashboard fills on a worker thread
                window.job_runner.wait_all(60_000)
                application.processEvents()
            done.append(f"main window built with {window.tabs.count()} tabs")
            done.append(_print_manual(services, root / "manual.pdf"))
            done.append(_write_bundle(open_database, services, root))
        finally:
            db.dispose()
        done.append(_encrypt(open_database, root / "self-test.db"))
    return done


def _encrypt(open_database, path: Path) -> str:
    """SQLCipher and argon2 are in the build: protect the database, reopen it with the password."""
    from dj_desktop.core.password import set_password
    from dj_desktop.core.sqlite_connect import forget_key
    password = secrets.token_urlsafe(12)
    set_password(path, password)
    forget_key(path)
    if path.read_bytes().startswith(b"SQLite format 3"):
        raise SelfTestFailed("the protected database is not encrypted")
    db = open_database(path, create=False, password=password)
    db.dispose()
    forget_key(path)
    return "database encrypted with a password and opened again"


def _schema_heads(path: Path) -> list[str]:
    heads = sorted(stored_revisions(path) or ())
    if not heads:
        raise SelfTestFailed("the new database has no schema revision")
    return heads


def _print_manual(services, path: Path) -> str:
    from dj_desktop.reports.pdf.yearly_manual import write_yearly_manual
    year = date.today().year
    write_yearly_manual(services.printing.manual_book(year=year), path)
    data = path.read_bytes()
    if not data.startswith(b"%PDF") or b"FontFile2" not in data:
        raise SelfTestFailed("the printed manual is not a PDF with the embedded font")
    return f"manual {year} printed ({len(data)} bytes)"


def _write_bundle(open_database, services, root: Path) -> str:
    office_db = open_database(root / "office.db")
    try:
        office = build_services(office_db)
        passphrase = secrets.token_urlsafe(16)
        setup = office.office.initialise(name="self-test office", passphrase=passphrase, out_dir=root)
        office.office.set_accept_new_devices(True)
        services.sync.enrol(setup.enrolment_path)
        stick = root / "stick"
        stick.mkdir()
        result = services.sync.export_bundle(stick, full=True)
        imported = office.office.import_bundles([result.path], passphrase=passphrase)
    finally:
        office_db.dispose()
    if len(imported) != 1 or imported[0].status != "applied":
        status = imported[0].status if imported else "nothing"
        raise SelfTestFailed(f"the office did not import the bundle ({status})")
    return f"bundle written ({result.size} bytes) and imported by an office"
