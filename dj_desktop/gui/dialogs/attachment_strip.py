"""Attachments of a record shown as thumbnails (photos, scans, PDFs), with add and remove."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton,
    QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.gui import file_dialogs
from dj_desktop.gui.empty_hint import empty_hint

THUMB_SIZE = 120
_ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp"}


@dataclass(frozen=True)
class AttachmentItem:
    """An attachment already stored (``attachment_id`` set) or a file picked but not yet saved."""

    filename: str
    content_type: str = ""
    attachment_id: uuid.UUID | None = None
    source_path: Path | None = None


def thumbnail_from_image(image: QImage) -> QImage:
    return image.scaled(THUMB_SIZE, THUMB_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)


def pdf_thumbnail(path: Path) -> QImage:
    """First page of a PDF, small; a placeholder when the file cannot be read."""
    from dj_desktop.gui.print_preview import PdfPages
    try:
        pages = PdfPages(path)
    except ValueError:
        return placeholder(_("PDF"))
    try:
        if not len(pages):
            return placeholder(_("PDF"))
        width, height = pages.page_size_points(0)
        dpi = 72.0 * THUMB_SIZE / max(width, height, 1.0)
        return pages.render(0, dpi=dpi)
    finally:
        pages.close()


def placeholder(text: str, *, broken: bool = False) -> QImage:
    image = QImage(THUMB_SIZE, int(THUMB_SIZE * 1.3), QImage.Format.Format_RGB32)
    image.fill(QColor("#f3e0e0" if broken else "#ececec"))
    painter = QPainter(image)
    painter.setPen(QColor("#b00020" if broken else "#555555"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
    painter.end()
    return image


def thumbnail_for_file(path: Path) -> QImage:
    """A thumbnail of a local file: the picture itself, a PDF's first page, or a marked box."""
    if path.suffix.lower() == ".pdf":
        return pdf_thumbnail(path)
    image = QImage(str(path))
    if image.isNull():
        return placeholder(_("Cannot show this file"), broken=True)
    return thumbnail_from_image(image)


class AttachmentStrip(QWidget):
    """Thumbnails in a horizontal list; ``open_stored`` gives the file of a stored attachment.

    Removing a stored attachment only marks it here; the dialog's save turns that into a
    service call, so cancelling the dialog changes nothing.
    """

    changed = Signal()

    def __init__(self, *, open_stored: Callable[[uuid.UUID], Path | None] | None = None, hint: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._open_stored = open_stored
        self.removed_ids: list[uuid.UUID] = []
        self.list = QListWidget(self)
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setIconSize(QSize(THUMB_SIZE, THUMB_SIZE))
        self.list.setMinimumHeight(THUMB_SIZE + 56)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setToolTip(_("Double-click a thumbnail to open the file"))
        empty_hint(self.list, hint or _("No photos or scans. Click \"{button}\" to attach the sign-in sheet or "
                                        "photos of the meeting.").format(button=_("Add photo or scan…")))
        self.add_button = QPushButton(_("Add photo or scan…"), self)
        self.remove_button = QPushButton(_("Remove"), self)
        self.list.itemDoubleClicked.connect(self._open_item)
        self.add_button.clicked.connect(self._choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def set_stored(self, items: list[AttachmentItem]) -> None:
        self.list.clear()
        self.removed_ids = []
        for item in items:
            self._append(item)

    def add_files(self, paths: list[str | Path]) -> None:
        for path in paths:
            path = Path(path)
            self._append(AttachmentItem(filename=path.name, source_path=path))
        self.changed.emit()

    def _choose_files(self) -> None:
        paths = file_dialogs.choose_open_files(self, _("Choose photos, scans or PDF files"),
                                               file_dialogs.ATTACHMENT)
        if paths:
            self.add_files(paths)

    def _append(self, item: AttachmentItem) -> None:
        path, image = item.source_path, None
        if path is None and item.attachment_id is not None and self._open_stored is not None:
            try:
                path = self._open_stored(item.attachment_id)
            except UserError:        # encrypted under a key this database does not hold, or altered
                image = placeholder(_("Cannot show this file"), broken=True)
        if image is None:
            image = thumbnail_for_file(path) if path is not None else placeholder(item.filename)
        entry = QListWidgetItem(QIcon(QPixmap.fromImage(image)), item.filename)
        entry.setData(_ITEM_ROLE, item)
        entry.setToolTip(item.filename if item.source_path is None
                         else _("{name} (not saved yet)").format(name=item.filename))
        self.list.addItem(entry)

    def file_of(self, row: int) -> Path | None:
        """The file behind a thumbnail: the picked file, or where the stored copy is kept."""
        item: AttachmentItem = self.list.item(row).data(_ITEM_ROLE)
        if item.source_path is not None:
            return item.source_path
        if item.attachment_id is not None and self._open_stored is not None:
            return self._open_stored(item.attachment_id)
        return None

    def _open_item(self, entry: QListWidgetItem) -> None:
        """Double-click shows the photo or scan full size in the system viewer."""
        try:
            path = self.file_of(self.list.row(entry))
        except UserError as exc:
            entry.setToolTip(str(exc))
            return
        if path is not None and path.is_file():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_selected(self) -> None:
        for entry in self.list.selectedItems():
            item: AttachmentItem = entry.data(_ITEM_ROLE)
            if item.attachment_id is not None:
                self.removed_ids.append(item.attachment_id)
            self.list.takeItem(self.list.row(entry))
        self.changed.emit()

    def items(self) -> list[AttachmentItem]:
        return [self.list.item(i).data(_ITEM_ROLE) for i in range(self.list.count())]

    def new_files(self) -> list[Path]:
        return [i.source_path for i in self.items() if i.source_path is not None]

    def thumbnail(self, row: int) -> QImage:
        return self.list.item(row).icon().pixmap(QSize(THUMB_SIZE, THUMB_SIZE)).toImage()


def save_strip(services, strip: AttachmentStrip, owner_table: str, owner_id: uuid.UUID, *,
               branch_id: uuid.UUID | None, removed_reason: str) -> list[str]:
    """Links the strip's new files to the record and unlinks the removed ones; returns the problems
    (files that failed stay listed, as new files, so the next save tries them again)."""
    problems = []
    for attachment_id in list(strip.removed_ids):
        try:
            services.attachments.remove(attachment_id, reason=removed_reason)
            strip.removed_ids.remove(attachment_id)
        except UserError as exc:
            problems.append(str(exc))
    kept: list[AttachmentItem] = []
    for item in strip.items():
        if item.source_path is None:
            kept.append(item)
            continue
        try:
            info = services.attachments.add(owner_table, owner_id, item.source_path, branch_id=branch_id)
            kept.append(AttachmentItem(filename=info.filename, content_type=info.content_type, attachment_id=info.id))
        except UserError as exc:
            problems.append(str(exc))
            kept.append(item)
    pending = [i for i in kept if i.source_path is not None]
    removed = list(strip.removed_ids)
    strip.set_stored([i for i in kept if i.source_path is None])
    strip.add_files([i.source_path for i in pending])
    strip.removed_ids = removed
    return problems
