"""A print preview window that renders PDF pages only when they scroll into view.

QPrintPreviewDialog paints every page up front into memory (a 100-page manual took
≈3 GB at print resolution); here pages are rasterised lazily at screen resolution
and only the last few are kept, so a yearly manual opens at once on an old PC.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QListView, QPushButton, QStyledItemDelegate, QStyleOptionViewItem,
    QVBoxLayout, QWidget,
)

from dj_desktop.core.i18n import _

SCREEN_DPI = 96.0
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
#: Rendered pages kept in memory; enough for a screenful at the largest zoom.
CACHE_PAGES = 12


class PdfPageModel(QAbstractListModel):
    """One row per page; the picture is rendered on first request and kept in a small LRU cache.

    State: ``pages`` (an open :class:`~dj_desktop.gui.print_preview.PdfPages`), ``zoom``
    (1.0 = actual size on a 96-dpi screen), ``_cache`` (page index → pixmap, most recent last),
    ``renders`` (how many pages were rasterised, for tests and tuning).
    """

    def __init__(self, pages, parent=None):
        super().__init__(parent)
        self.pages = pages
        self.zoom = 1.0
        #: Physical pixels per logical pixel of the screen, so pages stay sharp on high-DPI screens.
        self.device_ratio = 1.0
        self.renders = 0
        self._cache: OrderedDict[int, QPixmap] = OrderedDict()
        width, height = pages.page_size_points(0) if len(pages) else (595.0, 842.0)
        self._page_points = (width, height)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.pages)

    def page_pixel_size(self) -> QSize:
        scale = self.zoom * SCREEN_DPI / 72.0
        return QSize(round(self._page_points[0] * scale), round(self._page_points[1] * scale))

    def set_zoom(self, zoom: float) -> None:
        self.beginResetModel()
        self.zoom = zoom
        self._cache.clear()
        self.endResetModel()

    def release(self) -> None:
        """Close the document when the preview closes; the view then shows no pages."""
        self.beginResetModel()
        self._cache.clear()
        self.pages.close()
        self.endResetModel()

    def cached_pages(self) -> list[int]:
        return list(self._cache)

    def pixmap(self, row: int) -> QPixmap:
        if row in self._cache:
            self._cache.move_to_end(row)
            return self._cache[row]
        image = self.pages.render(row, dpi=SCREEN_DPI * self.zoom * self.device_ratio)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.device_ratio)
        self.renders += 1
        self._cache[row] = pixmap
        while len(self._cache) > CACHE_PAGES:
            self._cache.popitem(last=False)
        return pixmap

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return self.pixmap(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return _("Page {page}").format(page=index.row() + 1)
        return None


class _PageDelegate(QStyledItemDelegate):
    """Draws each page centred across the view with its number underneath."""

    MARGIN = 12

    def __init__(self, model: PdfPageModel, view: QListView):
        super().__init__(view)
        self._model, self._view = model, view

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt's name
        page = self._model.page_pixel_size()
        width = max(self._view.viewport().width(), page.width() + 2 * self.MARGIN)
        return QSize(width, page.height() + option.fontMetrics.height() + 3 * self.MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        pixmap = self._model.pixmap(index.row())
        rect = option.rect
        size = self._model.page_pixel_size()
        x = rect.x() + max(self.MARGIN, (rect.width() - size.width()) // 2)
        y = rect.y() + self.MARGIN
        painter.drawPixmap(QRect(x, y, size.width(), size.height()), pixmap)
        text_rect = QRect(rect.x(), y + size.height() + 4, rect.width(), option.fontMetrics.height() + 4)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, index.data(Qt.ItemDataRole.DisplayRole))


class PdfPreviewDialog(QDialog):
    """Pages one under another with zoom, a page indicator, Save as PDF… and Print… buttons."""

    def __init__(self, pages, pdf_path: str | Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.pdf_path = Path(pdf_path)
        self.setWindowTitle(_("Print preview — {name}").format(name=self.pdf_path.name))
        self.resize(920, 1000)
        self.model = PdfPageModel(pages, self)
        self.model.device_ratio = self.devicePixelRatioF()
        self.view = QListView(self)
        # Every page has the first page's size: the view never asks for all pages to lay out.
        self.view.setUniformItemSizes(True)
        self.view.setItemDelegate(_PageDelegate(self.model, self.view))
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setSelectionMode(QListView.SelectionMode.NoSelection)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # pages re-centre when the window is resized
        self.view.setStyleSheet("QListView { background: #9a9a9a; }")
        self.view.setModel(self.model)
        self.page_label = QLabel(self)
        self.zoom_label = QLabel(self)
        self.zoom_out_button = QPushButton(_("Zoom out"), self)
        self.zoom_in_button = QPushButton(_("Zoom in"), self)
        self.print_button = QPushButton(_("Print…"), self)
        self.save_button = QPushButton(_("Save as PDF…"), self)
        self.saved_label = QLabel(self)
        self.close_button = QPushButton(_("Close"), self)
        self.zoom_out_button.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_in_button.clicked.connect(lambda: self.step_zoom(+1))
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.close_button.clicked.connect(self.accept)
        bar = QHBoxLayout()
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.saved_label)
        self.saved_label.hide()
        layout.addWidget(self.view, 1)
        self.view.verticalScrollBar().valueChanged.connect(self._update_page_label)
        self._pending_page = 0
        self._apply_zoom(1.0)

    def page_count(self) -> int:
        return self.model.rowCount()

    def step_zoom(self, direction: int) -> None:
        steps = list(ZOOM_STEPS)
        position = min(range(len(steps)), key=lambda i: abs(steps[i] - self.model.zoom))
        position = max(0, min(len(steps) - 1, position + direction))
        self._apply_zoom(steps[position])

    def _apply_zoom(self, zoom: float) -> None:
        # Two quick zoom clicks must keep the page of the first one.
        current = self._pending_page or self.current_page()
        self._pending_page = current
        self.model.set_zoom(zoom)
        self.view.doItemsLayout()
        self.zoom_label.setText(f"{round(zoom * 100)}%")
        self.zoom_out_button.setEnabled(zoom > ZOOM_STEPS[0])
        self.zoom_in_button.setEnabled(zoom < ZOOM_STEPS[-1])
        # The view lays rows out again after the reset on its own timer; scroll after that.
        QTimer.singleShot(0, self._scroll_to_pending)

    def _scroll_to_pending(self) -> None:
        if self._pending_page:
            page, self._pending_page = self._pending_page, 0
            self.show_page(page)

    def show_page(self, page: int) -> None:
        """Scroll so that ``page`` (1-based) is at the top."""
        if self.page_count():
            index = self.model.index(max(0, min(page, self.page_count()) - 1))
            self.view.doItemsLayout()  # after a zoom the rows must have their new size first
            self.view.scrollTo(index, QListView.ScrollHint.PositionAtTop)
        self._update_page_label()

    def current_page(self) -> int:
        """The page at the top of the view (1-based); every page has the same height."""
        if self.page_count() < 2:
            return 1
        stride = self.view.visualRect(self.model.index(1)).top() - self.view.visualRect(self.model.index(0)).top()
        if stride <= 0:
            return 1
        # visualRect is relative to the viewport: row 0's top moves up as the view scrolls.
        offset = -self.view.visualRect(self.model.index(0)).top()
        return max(1, min(self.page_count(), round(offset / stride) + 1))

    def _update_page_label(self) -> None:
        self.page_label.setText(_("Page {page} of {count}").format(page=self.current_page(),
                                                                  count=self.page_count()))

    def save_document(self, target: str | Path | None = None) -> Path | None:
        """保存为PDF: the same vector file, under the record's name; the preview stays open."""
        from dj_desktop.gui.pdf_save import save_pdf_copy
        return save_pdf_copy(self.pdf_path, self, suggested_name=self.pdf_path.name, target=target)

    def show_saved_message(self, text: str) -> None:
        self.saved_label.setText(text)
        self.saved_label.show()

    def print_document(self) -> bool:
        from dj_desktop.gui.print_preview import print_pdf
        return print_pdf(self.pdf_path, self)
