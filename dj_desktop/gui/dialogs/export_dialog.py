"""The export dialog: pick a USB stick (or a folder), write a bundle with progress, say when to unplug.

Removable drives come from :meth:`QStorageInfo.mountedVolumes`; Qt cannot tell a
stick from a fixed disk, so :func:`removable_volumes` keeps writable volumes that
are not the system disk and look like an external drive (Windows drive letters
other than the system drive; Linux/macOS mounts under /media, /run/media, /mnt,
/Volumes; FAT/exFAT/NTFS file systems).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo, Qt
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.gui import file_dialogs
from dj_desktop.gui.workers import runner_for
from dj_desktop.gui.empty_hint import empty_hint

_REMOVABLE_MOUNT_PREFIXES = ("/media/", "/run/media/", "/mnt/", "/Volumes/")
_REMOVABLE_FILESYSTEMS = {"vfat", "fat", "fat32", "msdos", "exfat", "ntfs", "fuseblk", "ntfs3"}
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Volume:
    """What the dialog needs of one mounted volume (built from a QStorageInfo)."""

    root: str
    name: str
    filesystem: str
    free_bytes: int
    total_bytes: int
    read_only: bool
    ready: bool
    is_root: bool

    @classmethod
    def from_storage(cls, info: QStorageInfo) -> "Volume":
        return cls(root=info.rootPath(), name=info.displayName(),
                   filesystem=bytes(info.fileSystemType().data()).decode(errors="replace").lower(),
                   free_bytes=info.bytesAvailable(), total_bytes=info.bytesTotal(),
                   read_only=info.isReadOnly(), ready=info.isReady(), is_root=info.isRoot())


def _system_drive() -> str:
    return (os.environ.get("SystemDrive") or "C:").upper().rstrip("\\/")


def is_removable(volume: Volume, *, platform: str = sys.platform) -> bool:
    if not volume.ready or volume.read_only or volume.is_root or volume.total_bytes <= 0:
        return False
    if platform.startswith("win"):
        return not volume.root.upper().startswith(_system_drive())
    root = volume.root.rstrip("/") + "/"
    if root.startswith("/boot/"):  # the EFI partition is FAT too, but never a stick
        return False
    return root.startswith(_REMOVABLE_MOUNT_PREFIXES) or volume.filesystem in _REMOVABLE_FILESYSTEMS


def removable_volumes(volumes: list[Volume] | None = None, *, platform: str = sys.platform) -> list[Volume]:
    if volumes is None:
        volumes = [Volume.from_storage(v) for v in QStorageInfo.mountedVolumes()]
    return [v for v in volumes if is_removable(v, platform=platform)]


def format_size(size: int) -> str:
    if size < 1024:
        return _("{n} bytes").format(n=size)
    if size < 1024 * 1024:
        return _("{n} KB").format(n=f"{size / 1024:.1f}")
    if size < 1024 ** 3:
        return _("{n} MB").format(n=f"{size / 1024 / 1024:.1f}")
    return _("{n} GB").format(n=f"{size / 1024 ** 3:.1f}")


def flush_to_disk() -> None:
    """Ask the OS to write every cached block, so unplugging after our message loses nothing."""
    if hasattr(os, "sync"):
        os.sync()


class ExportDialog(QDialog):
    """Writes one bundle; ``last_result`` holds the :class:`ExportResult` once done."""

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 volumes: list[Volume] | None = None):
        super().__init__(parent)
        self.services = services
        self.last_result = None
        self.setWindowTitle(_("Export to the office"))
        self.resize(560, 420)

        self.intro = QLabel(_("Plug in the USB stick for the office, choose it below and press Export. "
                              "The file is encrypted: only the office can read it."))
        self.intro.setWordWrap(True)
        self.drives = QListWidget()
        empty_hint(self.drives, _("No USB stick found."))
        self.refresh_button = QPushButton(_("Refresh drives"))
        self.folder_button = QPushButton(_("Choose folder…"))
        self.full_check = QCheckBox(_("Full export (every record, not only the changes since the office's "
                                      "last receipt)"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(_("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

        row = QHBoxLayout()
        row.addWidget(self.refresh_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.drives, 1)
        layout.addLayout(row)
        layout.addWidget(self.full_check)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.refresh_button.clicked.connect(lambda: self.load_drives())
        self.folder_button.clicked.connect(self._choose_folder)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)
        self.drives.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.load_drives(volumes)

    # -- targets -------------------------------------------------------------------------------
    def load_drives(self, volumes: list[Volume] | None = None) -> None:
        self.drives.clear()
        for volume in removable_volumes(volumes):
            label = _("{name} ({root}) — {free} free of {total}").format(
                name=volume.name or volume.root, root=volume.root,
                free=format_size(volume.free_bytes), total=format_size(volume.total_bytes))
            self._add_target(label, volume.root)
        if self.drives.count():
            self.drives.setCurrentRow(0)
            self.status.setText("")
        else:
            self.status.setText(_("No USB stick found. Plug one in and press \"Refresh drives\", "
                                  "or choose a folder."))
        self._update_buttons()

    def _add_target(self, label: str, path: str) -> QListWidgetItem:
        item = QListWidgetItem(label)
        item.setData(PATH_ROLE, path)
        self.drives.addItem(item)
        return item

    def add_folder(self, folder: str | Path) -> None:
        """Offer ``folder`` as a target and select it (what "Choose folder…" does)."""
        item = self._add_target(_("Folder: {path}").format(path=folder), str(folder))
        self.drives.setCurrentItem(item)
        self.status.setText("")
        self._update_buttons()

    def _choose_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, _("Choose the folder for the bundle"), file_dialogs.BUNDLE)
        if folder:
            self.add_folder(folder)

    def target(self) -> Path | None:
        item = self.drives.currentItem()
        return None if item is None else Path(item.data(PATH_ROLE))

    def _update_buttons(self) -> None:
        self.export_button.setEnabled(self.target() is not None)

    # -- export ----------------------------------------------------------------------------------
    def start_export(self) -> None:
        target = self.target()
        if target is None:
            return
        full = self.full_check.isChecked()
        self.export_button.setEnabled(False)
        self.status.setText(_("Writing the bundle… Do not remove the USB stick."))
        runner_for(self).run(
            lambda progress: self._export(target, full=full, progress=progress),
            parent=self, title=_("Exporting the bundle"),
            on_result=self._exported, on_error=self._failed, on_finished=self._update_buttons)

    def _export(self, target: Path, *, full: bool, progress):
        result = self.services.sync.export_bundle(target, full=full, progress=progress)
        flush_to_disk()
        return result

    def _exported(self, result) -> None:
        self.last_result = result
        records = sum(result.counts.values())
        self.status.setText(
            _("Bundle written and verified: {file} ({size}, {records} records, {attachments} attachments).")
            .format(file=result.path.name, size=format_size(result.size), records=records,
                    attachments=result.attachments)
            + "\n" + _("It is now safe to remove the USB stick. Take it to the office."))

    def _failed(self, exc: BaseException) -> None:
        from dj_desktop.core.progress import Cancelled
        from dj_desktop.gui.workers import show_error

        if isinstance(exc, Cancelled):
            self.status.setText(_("Export cancelled; no bundle was written."))
            return
        self.status.setText(_("The export failed; no bundle was written. You can remove the USB stick."))
        show_error(self, exc)
