"""Every file dialog of the program: in the user's language, filtered to the right kind of file,
opening in the folder used last time for that kind (else the documents folder).

Qt's own translation (qtbase_zh_CN) leaves some labels of its file dialog in English
("Look in:", "Files of type:"); the dialogs built here set every label themselves, and
:class:`QtFallbackTranslator` covers the rest of Qt's words that catalog lacks.

Each ``choose_*`` function builds a :class:`QFileDialog` with :func:`build_dialog` and runs it
modally; tests answer it with the ``answer_modal`` fixture (the dialog is never native).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTranslator
from PySide6.QtWidgets import QFileDialog, QWidget

from dj_desktop.core.i18n import N_, _, current_language


@dataclass(frozen=True)
class FileKind:
    """What a dialog looks for: ``key`` names the remembered folder; ``patterns`` filter the list."""

    key: str
    label: str          # N_() text with the patterns, e.g. "Excel workbooks (*.xlsx)"
    suffix: str = ""    # appended to a saved file's name when the user left it out

    def filters(self) -> list[str]:
        return [_(self.label), _("All files (*)")]


EXCEL = FileKind("excel", N_("Excel workbooks (*.xlsx)"), ".xlsx")
PDF = FileKind("pdf", N_("PDF files (*.pdf)"), ".pdf")
ENROLMENT = FileKind("enrolment", N_("Enrolment files from the office (*.djenrol)"), ".djenrol")
BUNDLE = FileKind("bundle", N_("Sync bundles (*.djbundle)"), ".djbundle")
RECEIPT = FileKind("receipt", N_("Receipts and return bundles (*.djreceipt *.djreturn)"))
DATABASE = FileKind("database", N_("Database files (*.db *.sqlite)"), ".db")
ATTACHMENT = FileKind("attachment", N_("Images and PDF files (*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff "
                                       "*.webp *.pdf)"))

#: Folders remembered in this process when no preferences file is at hand (office window, tests).
_session_folders: dict[str, str] = {}


def safe_file_name(text: str) -> str:
    """``text`` usable as a file name on Windows and Linux: reserved characters become "_"."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" ._")
    return cleaned or "dj"


def dated_name(stem: str, *, suffix: str, on: date | str | None = None) -> str:
    """``stem-YYYY-MM-DD.suffix`` (e.g. 支委会记录-2026-11-28.pdf); ``on`` may be a year or a month."""
    when = on if isinstance(on, str) else (on or date.today()).isoformat()
    return f"{safe_file_name(stem)}-{when}{suffix}"


def documents_folder() -> Path:
    """The user's documents folder (文档), or the home folder when there is none."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(folder) if folder else Path.home()
    return path if path.is_dir() else Path.home()


def _preferences(widget: QWidget | None):
    while widget is not None:
        preferences = getattr(widget, "preferences", None)
        if preferences is not None:
            return preferences
        widget = widget.parentWidget()
    return None


def start_folder(kind: FileKind, parent: QWidget | None) -> Path:
    """The last folder used for ``kind`` if it still exists, else the documents folder."""
    preferences = _preferences(parent)
    last = preferences.last_folder(kind.key) if preferences is not None else None
    last = last or _session_folders.get(kind.key)
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember_folder(kind: FileKind, parent: QWidget | None, folder: str | Path) -> None:
    _session_folders[kind.key] = str(folder)
    preferences = _preferences(parent)
    if preferences is not None:
        preferences.set_last_folder(kind.key, str(folder))


def build_dialog(parent: QWidget | None, title: str, kind: FileKind, *, mode: QFileDialog.FileMode,
                 save: bool = False, suggested_name: str = "") -> QFileDialog:
    """A Qt (not native) file dialog with every label in the user's language."""
    dialog = QFileDialog(parent, title, str(start_folder(kind, parent)))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    else:
        dialog.setNameFilters(kind.filters())
    if save and kind.suffix:
        dialog.setDefaultSuffix(kind.suffix.lstrip("."))
    if suggested_name:
        dialog.selectFile(suggested_name)
    labels = {
        QFileDialog.DialogLabel.LookIn: _("Look in:"),
        QFileDialog.DialogLabel.FileName: _("Folder name:") if mode == QFileDialog.FileMode.Directory
        else _("File name:"),
        QFileDialog.DialogLabel.FileType: _("Files of type:"),
        QFileDialog.DialogLabel.Accept: _("Save") if save else _("Choose") if mode == QFileDialog.FileMode.Directory
        else _("Open"),
        QFileDialog.DialogLabel.Reject: _("Cancel"),
    }
    for label, text in labels.items():
        dialog.setLabelText(label, text)
    return dialog


def _run(dialog: QFileDialog, kind: FileKind, parent: QWidget | None) -> list[str]:
    if not dialog.exec():
        return []
    chosen = dialog.selectedFiles()
    if chosen:
        first = Path(chosen[0])
        remember_folder(kind, parent, first if dialog.fileMode() == QFileDialog.FileMode.Directory
                        else first.parent)
    return chosen


def choose_open_file(parent: QWidget | None, title: str, kind: FileKind) -> str:
    files = _run(build_dialog(parent, title, kind, mode=QFileDialog.FileMode.ExistingFile), kind, parent)
    return files[0] if files else ""


def choose_open_files(parent: QWidget | None, title: str, kind: FileKind) -> list[str]:
    return _run(build_dialog(parent, title, kind, mode=QFileDialog.FileMode.ExistingFiles), kind, parent)


def choose_save_file(parent: QWidget | None, title: str, kind: FileKind, suggested_name: str) -> str:
    """The path to write, with the kind's suffix added when the user typed a name without it."""
    files = _run(build_dialog(parent, title, kind, mode=QFileDialog.FileMode.AnyFile, save=True,
                              suggested_name=suggested_name), kind, parent)
    if not files:
        return ""
    path = files[0]
    if kind.suffix and not path.lower().endswith(kind.suffix):
        path += kind.suffix
    return path


def choose_folder(parent: QWidget | None, title: str, kind: FileKind) -> str:
    files = _run(build_dialog(parent, title, kind, mode=QFileDialog.FileMode.Directory), kind, parent)
    return files[0] if files else ""


#: Qt's words in its file dialogs that qtbase_zh_CN leaves untranslated. Translated through the
#: program's catalogs (first_hour.po) by :class:`QtFallbackTranslator`, only in the file dialog's
#: contexts (QFileDialog, QFileSystemModel, QAbstractFileIconProvider).
QT_FALLBACK_WORDS = frozenset((
    N_("Look in:"), N_("Files of type:"), N_("File &name:"), N_("Folder"), N_("File Folder"),
    N_("Detail View"), N_("List View"), N_("Back"), N_("Forward"), N_("Parent Directory"),
    N_("Create New Folder"), N_("New Folder"),
))


class QtFallbackTranslator(QTranslator):
    """Answers Qt's lookups for the words in :data:`QT_FALLBACK_WORDS` from the program's catalogs.

    Installed after Qt's own translator, so Qt asks it first; for every other text it returns
    nothing (a null string) and Qt goes on to its own catalog.
    """

    def isEmpty(self) -> bool:  # noqa: N802 (Qt name)
        return False

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # noqa: D401
                  n: int = -1) -> str | None:
        # None reaches Qt as a null string, which makes it ask the next translator; an empty
        # string would be taken as the translation.
        if "File" in context and source in QT_FALLBACK_WORDS:
            text = _(source)
            return text if text != source else None
        return None


def install_fallback_translator(app) -> QTranslator | None:
    if current_language() == "en":
        return None
    translator = QtFallbackTranslator(app)
    app.installTranslator(translator)
    return translator
