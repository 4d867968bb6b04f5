"""The main window: wires the tabs listed in :mod:`dj_desktop.gui.tabs`, the menus and the status bar.

The window does not open databases itself: "Open database…" emits
:attr:`MainWindow.database_requested` and the composition root (``gui/app.py``)
builds a new window on the other file.
"""

from __future__ import annotations


from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from dj_desktop.core.i18n import _, current_language
from dj_desktop.core.services import Services
from dj_desktop.gui import file_dialogs
from dj_desktop.gui.preferences import Preferences
from dj_desktop.gui.tab_slots import TabSlots
from dj_desktop.gui.workers import JobRunner, ThreadPoolRunner, when_on_screen

LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}


class MainWindow(QMainWindow):
    #: The user chose another database file (path as text).
    database_requested = Signal(str)
    #: The database was reopened under a new password (a ``Database``): the composition root
    #: builds a new window on it, as for another file.
    database_reopened = Signal(object)

    def __init__(self, services: Services, *, preferences: Preferences | None = None,
                 job_runner: JobRunner | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.preferences = preferences
        #: Found by :func:`dj_desktop.gui.workers.runner_for` from any tab or dialog.
        self.job_runner: JobRunner = job_runner or ThreadPoolRunner()
        self.setWindowTitle(_("Branch record books"))
        self.resize(1280, 800)
        if preferences is not None and preferences.window_geometry() is not None:
            self.restoreGeometry(preferences.window_geometry())
        self.tabs = QTabWidget(self)
        self.setCentralWidget(self.tabs)
        #: Every tab's title at once; a tab is built when first shown (see gui/tab_slots.py).
        self.slots = TabSlots(self.tabs, lambda cls: cls(services, self))
        self.slots.ensure(self.tabs.currentIndex())
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._build_menus()
        self.database_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.database_label)
        self.database_label.setText(_("Database: {path}").format(path=self.database_location()))
        #: True once the first tab was filled (after the window first appeared on screen).
        self.filled = False
        from dj_desktop.gui.idle_lock import DEFAULT_MINUTES, IdleLock
        self.idle_lock = IdleLock(self, services, preferences.idle_lock_minutes if preferences else DEFAULT_MINUTES)

    # -- building ------------------------------------------------------------------------
    def _action(self, text: str, slot, *, shortcut: QKeySequence | QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        self.open_action = self._action(_("Open database…"), self.choose_database,
                                        shortcut=QKeySequence.StandardKey.Open)
        self.import_action = self._action(_("Import roster from Excel…"), self.import_roster)
        self.export_action = self._action(_("Export roster to Excel…"), self.export_roster)
        self.undo_import_action = self._action(_("Undo an import…"), self.undo_import)
        self.backup_action = self._action(_("Backups and restore…"), self.show_backups)
        self.audit_action = self._action(_("Audit trail…"), self.show_audit)
        self.quit_action = self._action(_("Quit"), self.close, shortcut=QKeySequence.StandardKey.Quit)
        for action in (self.open_action, None, self.import_action, self.export_action, self.undo_import_action,
                       None, self.backup_action, self.audit_action, None, self.quit_action):
            if action is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(action)

        settings_menu = bar.addMenu(_("&Settings"))
        language_menu = settings_menu.addMenu(_("Language"))
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == current_language())
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action
        self.idle_lock_action = self._action(_("Lock after idle time…"), self.choose_idle_lock)
        settings_menu.addAction(self.idle_lock_action)
        password_menu = settings_menu.addMenu(_("Password"))
        self.password_actions = {
            mode: self._action(text, lambda _checked=False, m=mode: self.edit_password(m))
            for mode, text in (("set", _("Set a password…")), ("change", _("Change the password…")),
                               ("remove", _("Remove the password…")))}
        protected = self.services.app_lock.protected()
        for mode, action in self.password_actions.items():
            action.setEnabled((mode == "set") != protected and self.services.db.path is not None)
            password_menu.addAction(action)

        help_menu = bar.addMenu(_("&Help"))
        self.guide_action = self._action(_("User guide"), self.show_user_guide, shortcut=QKeySequence.StandardKey.HelpContents)
        self.about_action = self._action(_("About…"), self.show_about)
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.about_action)

    # -- tabs ----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self.filled:
            # The window is painted empty first, then the first tab is filled: on an old PC the
            # window appears at once instead of after the reminders have been computed.
            when_on_screen(self, self._fill)

    def _fill(self) -> None:
        if not self.filled:
            self.filled = True
            self.refresh_current()

    def _on_tab_changed(self, index: int) -> None:
        widget = self.slots.ensure(index)
        if widget is not None:
            widget.refresh()

    def tab(self, cls: type) -> QWidget:
        """The tab of class ``cls`` (built now if it was not shown yet)."""
        return self.slots.tab(cls)

    def refresh_current(self) -> None:
        widget = self.slots.ensure(self.tabs.currentIndex())
        if widget is not None:
            widget.refresh()

    def roster_branch_id(self):
        from dj_desktop.gui.tabs.roster import RosterTab
        roster = self.slots.built(RosterTab)
        chosen = roster.branch_id if roster is not None else None
        if chosen is None:  # the roster tab was not shown yet
            first = self.services.organisation.first_branch()
            chosen = first.id if first else None
        return chosen

    def database_location(self) -> str:
        db = self.services.db
        return str(db.path) if db.path is not None else db.engine.url.render_as_string(hide_password=True)

    # -- file menu -----------------------------------------------------------------------
    def choose_database(self) -> None:
        path = file_dialogs.choose_open_file(self, _("Open database"), file_dialogs.DATABASE)
        if path:
            self.database_requested.emit(path)

    def import_roster(self) -> None:
        from dj_desktop.gui.dialogs.import_dialog import ImportDialog
        dialog = ImportDialog(self.services, branch_id=self.roster_branch_id(), parent=self)
        dialog.exec()
        if dialog.changed:
            self.refresh_current()

    def export_roster(self) -> None:
        branch_id = self.roster_branch_id()
        if branch_id is None:
            QMessageBox.information(self, _("Export roster"), _("Create the Party branch first."))
            return
        path = file_dialogs.choose_save_file(self, _("Export roster"), file_dialogs.EXCEL,
                                             file_dialogs.dated_name(_("roster"), suffix=".xlsx"))
        if not path:
            return
        self.export_roster_to(path, branch_id=branch_id)

    def export_roster_to(self, path: str, *, branch_id) -> None:
        self.job_runner.run(
            lambda progress: self.services.roster_import.export_roster(path, branch_id=branch_id),
            parent=self, title=_("Exporting the roster"),
            on_result=lambda count: self.statusBar().showMessage(
                _("{count} members written to {path}").format(count=count, path=path), 10000))

    def undo_import(self) -> None:
        from dj_desktop.gui.dialogs.import_dialog import ImportHistoryDialog
        dialog = ImportHistoryDialog(self.services, parent=self)
        dialog.exec()
        if dialog.changed:
            self.refresh_current()

    def show_backups(self) -> None:
        from dj_desktop.gui.dialogs.backup_dialog import BackupDialog
        dialog = BackupDialog(self.services, parent=self)
        dialog.exec()
        if dialog.restored:       # the file under this window was replaced: open it afresh
            self.database_requested.emit(dialog.restored)

    def show_audit(self) -> None:
        from dj_desktop.gui.dialogs.audit_dialog import AuditDialog
        AuditDialog(self.services, parent=self).exec()

    # -- settings and help ---------------------------------------------------------------
    def edit_password(self, mode: str) -> None:
        from dj_desktop.gui.dialogs.password_settings import PasswordSettingsDialog, show_recovery_key
        dialog = PasswordSettingsDialog(self.services, mode, parent=self)
        if not dialog.exec() or dialog.outcome is None:
            return
        if dialog.outcome.recovery_key:
            show_recovery_key(self, dialog.outcome.recovery_key).exec()
        self.database_reopened.emit(dialog.outcome.db)

    def choose_idle_lock(self) -> None:
        from PySide6.QtWidgets import QInputDialog
        minutes, ok = QInputDialog.getInt(
            self, _("Lock after idle time"),
            _("Minutes without use before the window locks (0 = never; only a database with a password "
              "locks):"), self.idle_lock.minutes, 0, 24 * 60)
        if ok:
            self.idle_lock.set_minutes(minutes)
            if self.preferences is not None:
                self.preferences.idle_lock_minutes = minutes

    def set_language(self, code: str) -> None:
        if self.preferences is None:
            return
        self.preferences.language = code
        QMessageBox.information(self, _("Language"),
                                _("The language will change the next time the program starts."))

    def show_user_guide(self):
        from dj_desktop.gui.user_guide import show_user_guide
        self.guide = show_user_guide(self)
        return self.guide

    def show_about(self) -> None:
        from dj_desktop.gui.user_guide import show_about
        show_about(self, self.database_location())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if self.preferences is not None:
            self.preferences.set_window_geometry(self.saveGeometry())
        super().closeEvent(event)
