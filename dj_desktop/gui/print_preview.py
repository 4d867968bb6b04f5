"""Print preview and printing of a finished PDF file (the report writers make the PDF).

PySide6-Essentials has no QtPdf, so pages are rasterised with pypdfium2: lazily at
screen resolution for the preview (:mod:`dj_desktop.gui.pdf_preview`), and page by
page at printer resolution onto the QPrinter the print dialog set up.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Cancelled, Progress, step

#: Printers report 600–1200 dpi; rasterising above this only costs memory and time.
MAX_RENDER_DPI = 300
_POINTS_PER_INCH = 72.0


class PdfPages:
    """An open PDF whose pages can be rendered to QImages at any resolution."""

    def __init__(self, path: str | Path):
        import pypdfium2 as pdfium  # loaded on first preview, not at start-up

        self.path = Path(path)
        try:
            self._doc = pdfium.PdfDocument(str(self.path))
        except pdfium.PdfiumError as exc:
            raise ValueError(_("The PDF file {name} cannot be read: {problem}").format(
                name=self.path.name, problem=exc)) from exc

    def __len__(self) -> int:
        return 0 if self.closed else len(self._doc)

    @property
    def closed(self) -> bool:
        return self._doc is None

    def close(self) -> None:
        """Release the file; afterwards the document has no pages (views may still ask)."""
        if self._doc is not None:
            self._doc.close()
            self._doc = None

    def page_size_points(self, index: int) -> tuple[float, float]:
        width, height = self._doc[index].get_size()
        return float(width), float(height)

    def render(self, index: int, *, dpi: float) -> QImage:
        """Page ``index`` (0-based) as an RGB image at ``dpi``."""
        page = self._doc[index]
        bitmap = page.render(scale=dpi / _POINTS_PER_INCH, rev_byteorder=True, prefer_bgrx=True)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGBX8888)
        # copy(): the QImage must own its pixels once pdfium's bitmap is released.
        return image.copy()


def configure_printer(printer: QPrinter, pages: PdfPages) -> None:
    """Paper size and orientation follow the PDF's first page; the PDF carries its own margins."""
    if not len(pages):
        return
    width, height = pages.page_size_points(0)
    size = QPageSize(QSize(round(min(width, height)), round(max(width, height))), "",
                     QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = (QPageLayout.Orientation.Landscape if width > height
                   else QPageLayout.Orientation.Portrait)
    printer.setPageSize(size)
    printer.setPageOrientation(orientation)
    printer.setFullPage(True)


def _page_range(printer: QPrinter, count: int) -> range:
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 and last <= 0:
        return range(count)
    first = max(first, 1)
    last = min(last if last > 0 else count, count)
    return range(first - 1, last)


def paint_pdf(printer: QPrinter, pages: PdfPages, *, progress: Progress | None = None) -> int:
    """Paint the pages (honouring a page range chosen in the print dialog); returns pages painted.

    Safe off the UI thread (Qt allows painting on a QPrinter there). A cancel through
    ``progress`` aborts the print job, so a half-sent document is discarded.
    """
    indexes = _page_range(printer, len(pages))
    dpi = min(printer.resolution(), MAX_RENDER_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError(_("The printer “{name}” cannot be used. Check that it is switched on and connected, "
                          "or choose another printer.").format(name=printer.printerName() or "—"))
    painted = 0
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        target_area = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
        target_area.moveTo(0, 0)
        for n, index in enumerate(indexes):
            try:
                step(progress, n, len(indexes), _("Sending page {page} to the printer").format(page=index + 1))
            except Cancelled:
                printer.abort()
                raise
            if n:
                printer.newPage()
            image = pages.render(index, dpi=dpi)
            painter.drawImage(_fit(QSizeF(image.size()), target_area), image)
            painted += 1
    finally:
        painter.end()
    return painted


def _fit(size: QSizeF, area: QRectF) -> QRectF:
    """The largest rectangle of ``size``'s aspect ratio centred in ``area``."""
    scaled = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRectF(area.x() + (area.width() - scaled.width()) / 2,
                  area.y() + (area.height() - scaled.height()) / 2,
                  scaled.width(), scaled.height())


def build_preview_dialog(pdf_path: str | Path, parent: QWidget | None = None):
    """A print preview of ``pdf_path``, not yet shown (tests construct it without blocking).

    Raises ValueError (with a translated message) when the file is not a readable PDF.
    """
    from dj_desktop.gui.pdf_preview import PdfPreviewDialog
    pages = PdfPages(pdf_path)
    dialog = PdfPreviewDialog(pages, pdf_path, parent)
    dialog.finished.connect(lambda _result: dialog.model.release())
    return dialog


def show_print_preview(pdf_path: str | Path, parent: QWidget | None = None) -> None:
    try:
        dialog = build_preview_dialog(pdf_path, parent)
    except ValueError as exc:
        QMessageBox.warning(parent, _("Print preview"), str(exc))
        return
    dialog.exec()


def print_pdf(pdf_path: str | Path, parent: QWidget | None = None) -> bool:
    """Ask for a printer with the standard print dialog, then print off the UI thread with progress.

    Returns whether printing was started (False when the user cancelled the dialog).
    """
    try:
        pages = PdfPages(pdf_path)
    except ValueError as exc:
        QMessageBox.warning(parent, _("Print"), str(exc))
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer(printer, pages)
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, max(len(pages), 1))
    dialog.setWindowTitle(_("Print {name}").format(name=Path(pdf_path).name))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        pages.close()
        return False
    from dj_desktop.gui.workers import runner_for
    runner_for(parent).run(lambda progress: paint_pdf(printer, pages, progress=progress), parent=parent,
                           title=_("Printing {name}").format(name=Path(pdf_path).name),
                           on_finished=pages.close)
    return True
