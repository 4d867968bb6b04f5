"""保存为PDF: keep a copy of a PDF the report writers made (vector text with the embedded font).

The print dialog's "print to file" would rasterise every page (one 300-dpi picture per page,
no text); saving copies the very file the command line writes. The file name is suggested
by the caller (named after the record and its date, see :func:`gui.file_dialogs.dated_name`);
the dialog opens in the folder used last time for PDFs, else the documents folder.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from dj_desktop.core.i18n import _
from dj_desktop.gui import file_dialogs


def write_copy(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` through a temporary file in the same folder, so a full disk
    or a pulled stick never leaves half a PDF under the chosen name. Raises OSError."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    except OSError:
        partial.unlink(missing_ok=True)
        raise


def save_problem(target: Path, exc: OSError) -> str:
    """What went wrong, in words a secretary can act on."""
    folder = target.parent
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("The PDF was not saved: the folder {folder} cannot be written to (it is read-only or "
                 "belongs to another user). Choose another folder.").format(folder=folder)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("The PDF was not saved: there is no space left in {folder}. Free some space or "
                 "choose another drive.").format(folder=folder)
    if exc.errno == errno.ENOENT:
        return _("The PDF was not saved: the folder {folder} no longer exists (was the USB stick "
                 "removed?). Choose another folder.").format(folder=folder)
    return _("The PDF was not saved to {path}: {problem}").format(path=target, problem=exc.strerror or exc)


def save_pdf_copy(source: str | Path, parent: QWidget | None, *, suggested_name: str | None = None,
                  target: str | Path | None = None) -> Path | None:
    """Ask where to save (unless ``target`` is given) and copy ``source`` there.

    Returns the saved path, or None when the user cancelled or the file could not be written
    (then a message says why; the caller's window, e.g. the print preview, stays open).
    """
    source = Path(source)
    if target is None:
        chosen = file_dialogs.choose_save_file(parent, _("Save as PDF"), file_dialogs.PDF,
                                               suggested_name or source.name)
        if not chosen:
            return None
        target = chosen
    target = Path(target)
    try:
        write_copy(source, target)
    except OSError as exc:
        QMessageBox.warning(parent, _("Save as PDF"), save_problem(target, exc))
        return None
    file_dialogs.remember_folder(file_dialogs.PDF, parent, target.parent)
    _announce(parent, _("Saved as {path}").format(path=target))
    return target


def _announce(parent: QWidget | None, text: str) -> None:
    """Show the confirmation where the user looks: the print preview's own line, else the status bar."""
    widget = parent
    while widget is not None:
        show = getattr(widget, "show_saved_message", None)
        if show is not None:
            show(text)
            return
        if isinstance(widget, QMainWindow):
            widget.statusBar().showMessage(text, 10000)
            return
        widget = widget.parentWidget()
