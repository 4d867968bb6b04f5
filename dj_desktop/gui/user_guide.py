"""帮助 → 用户手册: the user guide shipped with the program (docs/用户手册.md), shown offline in a
window with its pictures; the same in the installed (frozen) program, which carries ``docs/``."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from dj_desktop.assets import docs_dir, user_guide_path
from dj_desktop.core.i18n import _


class UserGuideDialog(QDialog):
    """The guide rendered from its Markdown; links to other files open inside, web links outside."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("User guide"))
        self.resize(980, 860)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(docs_dir())])
        path = user_guide_path()
        layout = QVBoxLayout(self)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            text = ""
            layout.addWidget(QLabel(_("The user guide was not found at {path}. Reinstall the program, or read "
                                      "docs/用户手册.md in the source folder.").format(path=path), self))
        self.browser.setMarkdown(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)


def show_about(parent: QWidget | None, database: str) -> None:
    """关于: the program's name, version and the database in use (both windows)."""
    from PySide6.QtWidgets import QMessageBox

    from dj_desktop import __version__
    QMessageBox.about(parent, _("About"), _(
        "Branch record books (支部台账), version {version}.\n"
        "Keeps a Party branch's record books offline.\nDatabase: {path}").format(version=__version__, path=database))


def show_user_guide(parent: QWidget | None) -> UserGuideDialog:
    """Open the guide without blocking the window (the secretary reads it while working)."""
    dialog = UserGuideDialog(parent)
    dialog.show()
    return dialog
