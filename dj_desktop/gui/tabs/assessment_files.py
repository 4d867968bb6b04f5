"""Evidence files of the assessment tab: the photos, scans and PDFs attached to the selected item,
listed with the records behind its score, attached with "Attach evidence…" and opened like a record
(in the system's viewer). A submitted version takes no new files."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QWidget

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.gui import file_dialogs

FILE = "file"


def _open_in_viewer(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class EvidenceFiles:
    """Adds the files of an item to the tab's evidence list and opens them; ``opener`` shows a file
    (tests replace it to see which file would open)."""

    def __init__(self, tab: QWidget, evidence_list: QListWidget):
        self.tab, self.list = tab, evidence_list
        self.attach_button = QPushButton(_("Attach evidence…"), tab)
        self.attach_button.setToolTip(_("Attach a photo, scan or PDF to the selected item as evidence."))
        self.attach_button.clicked.connect(lambda: self.choose())
        self.opener: Callable[[Path], None] = _open_in_viewer
        self.files: dict[str, list] = {}

    def load(self, sheet) -> None:
        try:
            self.files = self.tab.services.assessment_evidence.for_sheet(sheet) if sheet is not None else {}
        except UserError:
            self.files = {}

    def count(self, item_id: str) -> int:
        return len(self.files.get(item_id, []))

    def show(self, item, frozen: bool) -> None:
        """Appends the selected item's files to the evidence list."""
        self.attach_button.setEnabled(item is not None and not frozen)
        if item is None:
            return
        for info in self.files.get(item.id, []):
            entry = QListWidgetItem(_("Evidence file: {name}{caption}").format(
                name=info.filename, caption=f"（{info.caption}）" if info.caption else ""))
            entry.setData(Qt.ItemDataRole.UserRole, (FILE, info))
            self.list.addItem(entry)

    @staticmethod
    def is_file(entry: QListWidgetItem | None) -> bool:
        data = entry.data(Qt.ItemDataRole.UserRole) if entry is not None else None
        return isinstance(data, tuple) and data[0] == FILE

    def open(self, entry: QListWidgetItem) -> Path | None:
        info = entry.data(Qt.ItemDataRole.UserRole)[1]
        if not info.path.is_file():
            self.tab.message_label.setText(_("The file {name} is missing from the attachments folder.").format(
                name=info.filename))
            return None
        try:
            path = self.tab.services.attachments.viewable_copy(info.id)
        except UserError as exc:
            self.tab.message_label.setText(str(exc))
            return None
        self.opener(path)
        return path

    def choose(self) -> None:
        paths = file_dialogs.choose_open_files(self.tab, _("Choose photos, scans or PDF files"),
                                               file_dialogs.ATTACHMENT)
        if paths:
            self.attach(paths)

    def attach(self, paths) -> int:
        """Attaches files to the selected item; stops at the first refused file with its message."""
        tab = self.tab
        item = tab._selected_item()
        if item is None or tab.sheet is None:
            tab.message_label.setText(_("Select an item first, then attach its evidence."))
            return 0
        done = []
        for path in paths:
            try:
                tab.services.assessment_evidence.attach(period=tab.sheet.period, standard=tab.sheet.standard.name,
                                                        branch=str(tab.sheet.branch_id), item_id=item.id, path=path)
            except UserError as exc:
                tab.message_label.setText(str(exc))
                break
            done.append(Path(path).name)
        if done:
            tab.load()
            tab.select_item(item.id)
            tab.message_label.setText(_("{n} evidence files attached to “{title}”: {names}.").format(
                n=len(done), title=item.title, names="、".join(done)))
        return len(done)
