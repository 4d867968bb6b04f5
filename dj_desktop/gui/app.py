"""Composition root: builds the Qt application, opens the database, the services and the window."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from dj_desktop.assets import cjk_font_path
from dj_desktop.core.db import open_database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _, current_language
from dj_desktop.core.services import Services, build_services
from dj_desktop.paths import default_database_path

_keep_alive: list[object] = []


def ensure_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the bundled CJK font and Qt's own translations installed."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
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


def build_window(services: Services):
    from dj_desktop.gui.main_window import MainWindow
    return MainWindow(services)


def run_gui(*, db_target: str | Path | None = None) -> int:
    app = ensure_application()
    target = db_target or default_database_path()
    try:
        if db_target is None and not Path(target).exists():
            from dj_desktop.core.demo import create_demo_database
            create_demo_database(target)
        services = build_services(open_database(target))
    except UserError as exc:
        QMessageBox.critical(None, _("Cannot open the database"), str(exc))
        return 2
    window = build_window(services)
    window.show()
    return app.exec()


def self_test() -> int:
    """Open a temporary database, migrate, build the main window offscreen, exit 0."""
    import os
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = ensure_application()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "self-test.db")
        window = build_window(build_services(db))
        window.show()
        app.processEvents()
        window.close()
        db.dispose()
    print("self-test ok")
    return 0
