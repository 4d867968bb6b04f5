"""The office window: what the program shows when opened on an office database.

Pages (in :mod:`dj_desktop.gui.office`): import bundles, branches and their devices,
each branch's books read-only, conflicts to review, compliance per branch. The
office passphrase unlocks the private keys; it is asked once and kept in memory
for this window only (never written anywhere).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMainWindow, QTabWidget, QWidget

from dj_desktop.core.errors import UserError, WrongPassphrase
from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.gui import file_dialogs
from dj_desktop.gui.office.assessment_page import AssessmentScoringPage
from dj_desktop.gui.office.books_page import BooksPage
from dj_desktop.gui.office.branches_page import BranchesPage
from dj_desktop.gui.office.compliance_page import CompliancePage
from dj_desktop.gui.office.conflicts_page import ConflictsPage
from dj_desktop.gui.office.devices_page import DevicesPage
from dj_desktop.gui.office.import_page import ImportPage
from dj_desktop.gui.office.standards_page import StandardsPage
from dj_desktop.gui.workers import JobRunner, runner_for, show_error, when_on_screen


class OfficeWindow(QMainWindow):
    def __init__(self, services: Services, parent: QWidget | None = None, *, job_runner: JobRunner | None = None):
        super().__init__(parent)
        self.services = services
        #: Found by :func:`runner_for` from every page; ``None`` means the shared thread pool.
        self.job_runner = job_runner
        #: Kept for the session once it unlocked the keys; tests set it directly.
        self.passphrase: str | None = None
        self._books_loading = False
        info = services.office_sites.info()
        office_name = info.name if info else ""
        self.setWindowTitle(_("Office: {name}").format(name=office_name))
        self.resize(1280, 800)

        self.import_page = ImportPage(services, self, ask_passphrase=self.ask_passphrase,
                                      forget_passphrase=self.forget_passphrase)
        self.branches_page = BranchesPage(services, self)
        self.books_page = BooksPage(services, self)
        self.conflicts_page = ConflictsPage(services, self)
        self.compliance_page = CompliancePage(services, self)
        self.assessment_page = AssessmentScoringPage(services, self)
        self.standards_page = StandardsPage(services, self)
        self.devices_page = DevicesPage(services, self, ask_passphrase=self.ask_passphrase,
                                        forget_passphrase=self.forget_passphrase)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.import_page, _("Import bundles"))
        self.tabs.addTab(self.branches_page, _("Branches"))
        self.tabs.addTab(self.books_page, _("Branch books"))
        self.tabs.addTab(self.conflicts_page, _("Conflicts"))
        self.tabs.addTab(self.compliance_page, _("Compliance"))
        self.tabs.addTab(self.assessment_page, _("Assessment scoring"))
        self.tabs.addTab(self.standards_page, _("Assessment standards"))
        self.tabs.addTab(self.devices_page, _("Devices"))
        self.setCentralWidget(self.tabs)

        menu = self.menuBar().addMenu(_("&File"))
        self.import_action = QAction(_("Import bundles…"), self)
        self.enrolment_action = QAction(_("Write enrolment file for branches…"), self)
        self.forget_action = QAction(_("Forget the passphrase"), self)
        self.quit_action = QAction(_("Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        for action in (self.import_action, self.enrolment_action, self.forget_action, None, self.quit_action):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        self.guide_action = QAction(_("User guide"), self)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(self.show_user_guide)
        self.about_action = QAction(_("About…"), self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.about_action)
        self.import_action.triggered.connect(self._import_from_menu)
        self.enrolment_action.triggered.connect(self._choose_enrolment_folder)
        self.forget_action.triggered.connect(self.forget_passphrase)
        if info is not None:
            self.statusBar().showMessage(_("Office fingerprint: {fingerprint}").format(fingerprint=info.fingerprint))

        self.tabs.currentChanged.connect(lambda _i: self.refresh_current())
        self.import_page.imported.connect(self._after_import)
        self.branches_page.show_books.connect(self.show_books)
        self.branches_page.write_return.connect(self._choose_return_folder)
        self.devices_page.approved.connect(self._after_import)
        self.tabs.setCurrentWidget(self.branches_page)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self._books_loading:
            # The books, compliance and assessment pages need every record book's module: load them
            # on a worker thread once the window is on screen, so that their first visit is quick.
            self._books_loading = True
            when_on_screen(self, lambda: runner_for(self).background(self.services.records.books,
                                                                     on_result=lambda _books: None))

    # -- help ----------------------------------------------------------------------------------
    def show_user_guide(self):
        from dj_desktop.gui.user_guide import show_user_guide
        self.guide = show_user_guide(self)
        return self.guide

    def show_about(self) -> None:
        from dj_desktop.gui.user_guide import show_about
        db = self.services.db
        show_about(self, str(db.path) if db.path else db.engine.url.render_as_string(hide_password=True))

    # -- pages ---------------------------------------------------------------------------------
    def refresh_current(self) -> None:
        self.tabs.currentWidget().refresh()

    def _after_import(self) -> None:
        for page in (self.branches_page, self.books_page, self.conflicts_page, self.devices_page,
                     self.assessment_page):
            page.refresh()

    def show_books(self, site_id: str) -> None:
        self.tabs.setCurrentWidget(self.books_page)
        self.books_page.show_site(site_id)

    # -- passphrase ----------------------------------------------------------------------------
    def ask_passphrase(self) -> str | None:
        if self.passphrase:
            return self.passphrase
        text, ok = QInputDialog.getText(self, _("Office passphrase"),
                                        _("The passphrase that protects the office keys:"),
                                        QLineEdit.EchoMode.Password)
        if not ok or not text:
            return None
        self.passphrase = text
        return text

    def forget_passphrase(self) -> None:
        self.passphrase = None

    # -- actions -------------------------------------------------------------------------------
    def _import_from_menu(self) -> None:
        self.tabs.setCurrentWidget(self.import_page)
        self.import_page.import_button.click()

    def _choose_enrolment_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, _("Folder for the enrolment file"), file_dialogs.ENROLMENT)
        if folder:
            self.write_enrolment(Path(folder))

    def write_enrolment(self, folder: Path) -> Path | None:
        try:
            path = self.services.office.write_enrolment(folder)
        except UserError as exc:
            show_error(self, exc)
            return None
        self.statusBar().showMessage(_("Enrolment file written: {path}").format(path=path))
        return path

    def _choose_return_folder(self, site_id: str) -> None:
        folder = file_dialogs.choose_folder(self, _("Folder for the return bundle (the branch's USB stick)"),
                                            file_dialogs.BUNDLE)
        if folder:
            self.write_return_bundle(site_id, Path(folder))

    def write_return_bundle(self, site_id: str, folder: Path):
        passphrase = self.ask_passphrase()
        if not passphrase:
            return None
        try:
            result = self.services.office.write_return_bundle(site_id, passphrase=passphrase, to_dir=folder)
        except UserError as exc:
            if isinstance(exc, WrongPassphrase):
                self.passphrase = None  # it must be asked again
            show_error(self, exc)
            return None
        self.statusBar().showMessage(_("Return bundle written: {path} ({n} receipts, {d} decided records)").format(
            path=result.path, n=result.receipts, d=result.decisions))
        return result
