"""Composition root: builds the Qt application, opens the database, the services and the window.

Start-up order: preferences (the language must be set before any text is shown) →
QApplication with the CJK font and Qt's own translator → database → first-run
wizard if the database has no branch yet → main window.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable

# The core (SQLAlchemy, the models, the services: most of start-up's imports) is imported before
# PySide6 on purpose: once PySide6 is loaded, its import hook reads the source of every module
# imported after it (shibokensupport.feature, looking for "PySide6"), ≈ 0.1 s for the core's modules.
from dj_desktop.assets import cjk_font_path, resource
from dj_desktop.core.db import open_database
from dj_desktop.core.db_files import DatabaseDamagedError
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _, current_language, set_language
from dj_desktop.core.services import Services, build_services
from dj_desktop.core.services.office_identity import has_branch, is_office_database

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator  # noqa: E402,I001 (after the core, see above)
from PySide6.QtGui import QFont, QFontDatabase, QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402
from dj_desktop.gui.preferences import Preferences, default_preferences_path
from dj_desktop.gui.workers import JobRunner, runner_for, show_error, when_on_screen
from dj_desktop.paths import default_database_path

#: Objects Qt must not lose (translators) and the windows currently open.
_keep_alive: list[object] = []


def ensure_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the bundled CJK font and Qt's own translations installed."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("dj_desktop")
    app.setWindowIcon(QIcon(str(resource("icons", "dj_desktop.svg"))))
    install_font(app)
    install_qt_translator(app)
    return app


def install_font(app: QApplication) -> str | None:
    font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    font = QFont(families[0])
    font.setPointSize(max(app.font().pointSize(), 10))
    app.setFont(font)
    return families[0]


def install_qt_translator(app: QApplication) -> None:
    language = current_language()
    if language == "en":
        return
    translator = QTranslator(app)
    if translator.load(QLocale(language), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        _keep_alive.append(translator)
    # Installed last so Qt asks it first: the file dialog's words qtbase_zh_CN lacks.
    from dj_desktop.gui.file_dialogs import install_fallback_translator
    fallback = install_fallback_translator(app)
    if fallback is not None:
        _keep_alive.append(fallback)


def build_window(services: Services, *, preferences: Preferences | None = None,
                 job_runner: JobRunner | None = None):
    if is_office_database(services.db):  # an office database opens the office window (issue 4)
        from dj_desktop.gui.office_window import OfficeWindow
        return OfficeWindow(services, job_runner=job_runner)
    from dj_desktop.gui.main_window import MainWindow
    window = MainWindow(services, preferences=preferences, job_runner=job_runner)
    window.database_requested.connect(lambda path: switch_database(window, path))
    window.database_reopened.connect(lambda db: show_database(window, db, str(db.path)))
    return window


def ensure_branch(services: Services, *, parent=None) -> bool:
    """Run the first-run wizard when the database has no Party branch; False if the user gave up."""
    if has_branch(services.db) or is_office_database(services.db):
        return True
    from dj_desktop.gui.dialogs.first_run_wizard import FirstRunWizard
    wizard = FirstRunWizard(services, parent=parent)
    return bool(wizard.exec()) and services.organisation.has_branch()


def switch_database(window, path: str) -> None:
    """Open another database file in a new window, then close the old one."""
    try:
        db = open_protected(path, create=False, parent=window)
    except UserError as exc:
        QMessageBox.warning(window, _("Cannot open the database"), str(exc))
        return
    if db is not None:
        show_database(window, db, path)


def show_database(window, db, path: str) -> None:
    """A new window on ``db`` in place of ``window`` (whose database is disposed)."""
    services = build_services(db)
    if not ensure_branch(services, parent=window):
        services.db.dispose()
        return
    new_window = build_window(services, preferences=window.preferences, job_runner=window.job_runner)
    if window.preferences is not None:
        window.preferences.last_database = path
    new_window.show()
    _keep_alive.append(new_window)
    window.close()
    if window in _keep_alive:
        _keep_alive.remove(window)
    window.services.db.dispose()


def _last_used_database(preferences: Preferences) -> str | None:
    """The file chosen with 打开数据库 last time (an office PC, a USB copy …), if it still exists."""
    last = preferences.last_database
    return last if last and Path(last).is_file() else None


def run_gui(*, db_target: str | Path | None = None, preferences: Preferences | None = None) -> int:
    preferences = preferences or Preferences(default_preferences_path())
    if not any(a == "--lang" or a.startswith("--lang=") for a in sys.argv):  # --lang wins over the saved choice
        set_language(preferences.language)
    app = ensure_application()
    target = db_target or _last_used_database(preferences) or default_database_path()
    try:
        # Developers get demo data on the first start; the installed (frozen) program starts
        # empty, so the first-run wizard sets up the secretary's own branch.
        if db_target is None and not Path(target).exists() and not getattr(sys, "frozen", False):
            from dj_desktop.core.demo import create_demo_database
            create_demo_database(target).dispose()
        db = open_protected(target, check_later=True)
        services = build_services(db) if db is not None else None
        window = build_while_checking(services, preferences) if services is not None else None
    except DatabaseDamagedError as exc:
        services, window = offer_restore(exc), None
        if services is None:
            return 2
    except UserError as exc:
        QMessageBox.critical(None, _("Cannot open the database"), str(exc))
        return 2
    if services is None:        # the password was not given
        return 0
    after_open(services)
    if not ensure_branch(services):
        services.db.dispose()
        return 0
    window = window or build_window(services, preferences=preferences)
    window.show()
    _keep_alive.append(window)
    when_intact(window, preferences, then=lambda shown: when_on_screen(shown, lambda: back_up_daily(shown)))
    try:
        return app.exec()
    finally:
        for window in [w for w in _keep_alive if hasattr(w, "services")]:
            runner = runner_for(window)
            if hasattr(runner, "wait_all"):     # a background job (the dashboard's fill, the backup)
                runner.wait_all(120_000)
            window.services.db.dispose()


def open_protected(target, *, create: bool = True, parent=None, check_later: bool = False):
    """``open_database``, asking for the app password when the file is protected (None: cancelled)."""
    from dj_desktop.core.encryption import PasswordRequired
    try:
        return open_database(target, create=create, check_later=check_later)
    except PasswordRequired:
        from dj_desktop.gui.password_prompt import ask_password
        return ask_password(lambda password: open_database(target, create=create, password=password,
                                                           check_later=check_later),
                            where=str(target), parent=parent)


def build_while_checking(services: Services, preferences: Preferences):
    """The window of a database that needs no first-run wizard, built while the file's integrity
    check runs on its thread (building only reads; ≈ 1.2 s of checking on an office database of
    10,000 branches); None when the wizard must run first, after the check's verdict (it writes)."""
    window = None
    try:
        if has_branch(services.db) or is_office_database(services.db):
            window = build_window(services, preferences=preferences)
        else:
            services.db.confirm_intact()
    except Exception:
        if window is not None:
            window.close()
        try:
            services.db.confirm_intact()    # a damaged file explains any failure: offer the backup
        except DatabaseDamagedError:
            services.db.dispose()           # the restore replaces the file
            raise
        raise
    return window


def when_intact(window, preferences: Preferences, *, then: Callable[[object], None],
                give_up: Callable[[], None] = lambda: QApplication.instance().exit(2)) -> None:
    """``then(window)`` once the file's integrity check has passed. Until then the window works and
    says that the file is being checked: reads go ahead, a save waits for the check's verdict
    (``core/write_gate.py``, usually over before anyone saves). A damaged file closes the window and
    the latest good backup is offered, as when the check fails at opening (nothing was written
    meanwhile). The verdict is taken inside the event loop, so that declining the backup ends the
    program (``give_up``)."""
    db = window.services.db
    if db.integrity is not None and db.integrity.running:
        window.setProperty("status_before_check", window.statusBar().currentMessage())
        window.statusBar().showMessage(_checking_message())
    QTimer.singleShot(0, lambda: _after_check(window, preferences, then, give_up))


def _checking_message() -> str:
    return _("Checking the database file; saving waits until it is done…")


def _after_check(window, preferences: Preferences, then: Callable[[object], None], give_up) -> None:
    db = window.services.db
    if db.integrity is not None and db.integrity.running:
        QTimer.singleShot(20, lambda: _after_check(window, preferences, then, give_up))
        return
    try:
        db.confirm_intact()
    except DatabaseDamagedError as exc:
        window.close()
        db.dispose()
        services = offer_restore(exc)
        if services is None:
            give_up()
            return
        window = build_window(services, preferences=preferences)
        window.show()
        _keep_alive.append(window)
    before = window.property("status_before_check")
    if before is not None and window.statusBar().currentMessage() == _checking_message():
        window.statusBar().showMessage(before)
    then(window)


def after_open(services: Services, parent=None) -> None:
    """Tell what opening found (an interrupted upgrade undone)."""
    for notice in services.db.notices:
        QMessageBox.information(parent, _("Database"), notice)


def back_up_daily(window) -> None:
    """The day's first backup, on a worker thread once the window shows: it copies, checks and
    compresses the whole file (≈ 30 s for an office database of 10,000 branches), which must not
    keep the window from opening. The program waits for it before it exits."""
    def done(info) -> None:
        if info is not None:
            window.statusBar().showMessage(_("Today's backup was taken: {name}").format(name=info.path.name), 10_000)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, UserError):
            QMessageBox.warning(window, _("The daily backup failed"), str(exc))
        else:
            show_error(window, exc)

    runner_for(window).background(window.services.backups.daily_if_due, on_result=done, on_error=failed)


def offer_restore(exc: DatabaseDamagedError, parent=None) -> Services | None:
    """A damaged database is never written to: offer the latest good backup instead."""
    from dj_desktop.core.backups import latest_good_backup
    from dj_desktop.core.restore import restore_backup
    latest = latest_good_backup(exc.path)
    if latest is None:
        QMessageBox.critical(parent, _("The database is damaged"), str(exc))
        return None
    box = QMessageBox(QMessageBox.Icon.Critical, _("The database is damaged"), str(exc),
                      QMessageBox.StandardButton.Cancel, parent)
    restore_button = box.addButton(_("Restore the latest good backup"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if box.clickedButton() is not restore_button:
        return None
    try:
        restore_backup(latest, exc.path)
        return build_services(open_database(exc.path, create=False))
    except UserError as error:
        QMessageBox.critical(parent, _("Cannot restore"), str(error))
        return None


def self_test() -> int:
    """Migrate a new database, build the main window offscreen, print a PDF, write a bundle (gui/self_test.py)."""
    from dj_desktop.gui.self_test import run_self_test
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = ensure_application()
    for line in run_self_test(open_database, build_window, app, Preferences):
        print("  " + line)
    print("self-test ok")
    return 0
