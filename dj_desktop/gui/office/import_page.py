"""Import page of the office window: import many bundle files with progress and cancel, and the log."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from dj_desktop.core.errors import WrongPassphrase
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.record_books import book_name, describe_counts
from dj_desktop.core.progress import Progress
from dj_desktop.core.services import Services
from dj_desktop.gui.empty_hint import button_name
from dj_desktop.gui.office.rows_model import RowsTableModel, make_table_view
from dj_desktop.gui.tabs.sync import status_label
from dj_desktop.gui import file_dialogs
from dj_desktop.gui.workers import runner_for

HEADERS = (N_("File"), N_("Status"), N_("Reason for refusal"), N_("Device fingerprint"), N_("Records"),
           N_("Conflicts"), N_("Waiting for parent"), N_("Receipt"), N_("Branch"))


class FileProgress(Progress):
    """Turns the service's per-file and per-table steps into one bar over every file.

    The service reports a file by its name and the tables inside it by table name;
    the bar advances per file, the label shows what is being merged.
    """

    def __init__(self, outer: Progress, names: list[str], *, offset: int, total: int):
        super().__init__()
        self._outer, self._offset, self._total = outer, offset, total
        self._index = {name: i for i, name in enumerate(names)}
        self._current = 0
        self._current_name = names[0] if names else ""

    def step(self, done: int, total: int, text: str = "") -> None:
        if text in self._index:
            self._current, self._current_name = self._index[text], text
            label = _("Importing {file}").format(file=text)
        elif text:
            label = _("Importing {file}: {table}").format(file=self._current_name, table=book_name(text))
        else:
            label = ""
        self._outer.step(self._offset + self._current, self._total, label)


def import_files(services: Services, paths: list[Path], *, passphrase: str, receipts_next_to_bundles: bool,
                 progress: Progress):
    """Import ``paths`` (each bundle whole or not at all); receipts go beside each bundle when asked.

    Returns the service's results in the order of ``paths``.
    """
    from dj_desktop.core.services.office import ReceiptsNotWritten  # with the import machinery, not at start

    groups: dict[Path, list[Path]] = defaultdict(list)
    for path in paths:
        groups[path.parent if receipts_next_to_bundles else Path()].append(path)
    results, offset, unwritten = [], 0, []
    for folder, files in groups.items():
        inner = FileProgress(progress, [f.name for f in files], offset=offset, total=len(paths))
        try:
            results += services.office.import_bundles(
                files, passphrase=passphrase, receipts_dir=folder if receipts_next_to_bundles else None,
                progress=inner)
        except ReceiptsNotWritten as exc:   # this stick is full or write-protected; go on with the others
            results += exc.results
            unwritten.append(str(exc))
        offset += len(files)
    progress.step(len(paths), len(paths), "")
    by_path = {r.path: r for r in results}
    ordered = [by_path[p] for p in paths if p in by_path]
    if unwritten:
        raise ReceiptsNotWritten(unwritten[0], ordered)
    return ordered


class ImportPage(QWidget):
    #: Emitted after an import changed the office database, so the other pages reload.
    imported = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None, *, ask_passphrase=None,
                 forget_passphrase=None):
        super().__init__(parent)
        self.services = services
        #: ``() -> str | None``; the window supplies one that remembers the passphrase for the session.
        self.ask_passphrase = ask_passphrase
        #: Called when an import fails, so a wrong passphrase is asked again next time.
        self.forget_passphrase = forget_passphrase
        self.results = []
        self.import_button = QPushButton(_("Import bundles…"))
        self.receipts_check = QCheckBox(_("Write a receipt beside each bundle (on the USB stick)"))
        self.receipts_check.setChecked(True)
        self.summary = QLabel(_("Choose the bundle files the branches brought; many at once is fine."))
        self.summary.setWordWrap(True)
        self.model = RowsTableModel(HEADERS, self)
        self.view = make_table_view(self.model, self, empty=lambda: _(
            "Nothing imported yet. Click \"{button}\" and choose the bundle files from the sticks.").format(
                button=button_name(self.import_button)))
        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.receipts_check)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.import_button.clicked.connect(self._choose_files)

    def refresh(self) -> None:
        """The log shows the last import; nothing to reload."""

    def _choose_files(self) -> None:
        paths = file_dialogs.choose_open_files(self, _("Choose bundle files"), file_dialogs.BUNDLE)
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> bool:
        """Start importing; returns False when no passphrase was given."""
        passphrase = self.ask_passphrase() if self.ask_passphrase else None
        if not passphrase:
            return False
        self.import_button.setEnabled(False)
        self.summary.setText(_("Importing {n} files…").format(n=len(paths)))
        receipts = self.receipts_check.isChecked()
        runner_for(self).run(
            lambda progress: import_files(self.services, list(paths), passphrase=passphrase,
                                          receipts_next_to_bundles=receipts, progress=progress),
            parent=self, title=_("Importing bundles"), on_result=self._show_results,
            on_error=self._failed, on_finished=lambda: self.import_button.setEnabled(True))
        return True

    def _failed(self, exc: BaseException) -> None:
        from dj_desktop.core.progress import Cancelled
        from dj_desktop.core.services.office import ReceiptsNotWritten
        from dj_desktop.gui.workers import show_error

        if isinstance(exc, Cancelled):
            # Each bundle is merged whole or not at all: those finished before Cancel stay imported.
            self.summary.setText(_("Import cancelled. Bundles finished before the cancel are imported; "
                                   "import the rest again (a bundle imported twice changes nothing)."))
            self.imported.emit()
            return
        if isinstance(exc, ReceiptsNotWritten):
            self._show_results(exc.results)      # everything was imported; only receipts are missing
            show_error(self, exc)
            return
        if isinstance(exc, WrongPassphrase) and self.forget_passphrase is not None:
            self.forget_passphrase()
        self.summary.setText(_("The import stopped: {error}").format(error=exc))
        show_error(self, exc)
        self.imported.emit()

    def _show_results(self, results) -> None:
        self.results = list(results)
        names = {b.site_id: b.name for b in self.services.office_sites.branches()}
        self.model.set_rows(
            [(r.path.name, status_label(r.status), r.reason,
              (_("New: {fingerprint}") if r.new_device else "{fingerprint}").format(
                  fingerprint=r.device_fingerprint),
              describe_counts(r.applied), r.conflicts, r.deferred, r.receipt_path.name if r.receipt_path else "",
              names.get(r.site_id, ""))
             for r in self.results],
            keys=[str(r.path) for r in self.results], warn=[r.status == "rejected" for r in self.results])
        count = {s: sum(1 for r in self.results if r.status == s) for s in ("applied", "duplicate", "rejected")}
        text = _("{applied} applied, {duplicate} already received, {rejected} rejected.").format(**count)
        held = sum(1 for r in self.results if r.status == "held")
        if held:
            text += " " + _("{n} held for devices waiting for approval (Devices page).").format(n=held)
        new_devices = [r for r in self.results if r.new_device]
        if new_devices:
            text += " " + _("{n} new devices registered: compare each fingerprint with the one the branch "
                            "shows in its sync tab.").format(n=len(new_devices))
        self.summary.setText(text)
        self.imported.emit()
