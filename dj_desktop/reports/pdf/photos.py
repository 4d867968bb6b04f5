"""Photos in a PDF: JPEG files are embedded byte for byte, whatever their file name.

reportlab copies a JPEG into the PDF unchanged only when the file name ends in
.jpg; attachments are stored under their content hash with no extension, and
decoding and re-compressing a phone photo took ~50 times longer and made the
file several times larger.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from reportlab.pdfbase.pdfutils import readJPEGInfo
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from dj_desktop.core.attachment_keys import read_plain
from dj_desktop.core.sealed_files import is_sealed_bytes

_JPEG_MAGIC = b"\xff\xd8\xff"


class _JpegFile:
    """What reportlab's image object accepts as "already JPEG": something with ``jpeg_fh()``.

    ``str()`` gives the path, which the canvas uses as the image's name, so a photo
    drawn twice is stored once.
    """

    def __init__(self, path: Path, data: bytes) -> None:
        self._path = path
        self._data = data

    def __str__(self) -> str:
        return str(self._path)

    def jpeg_fh(self) -> BytesIO:
        return BytesIO(self._data)


def image_source(path: Path) -> str | _JpegFile | ImageReader:
    """A pass-through JPEG source when reportlab can read the file's JPEG header, else the path (or,
    for an encrypted attachment, its decrypted bytes)."""
    with open(path, "rb") as fh:
        data = fh.read()
    sealed = is_sealed_bytes(data)
    if sealed:
        data = read_plain(path)
    if data[:3] == _JPEG_MAGIC:
        try:
            readJPEGInfo(BytesIO(data))
        except Exception:  # noqa: BLE001 - an unusual JPEG variant: let reportlab decode it instead
            return ImageReader(BytesIO(data)) if sealed else str(path)
        return _JpegFile(path, data)
    return ImageReader(BytesIO(data)) if sealed else str(path)


class PhotoImage(Flowable):
    """A photo drawn at a fixed size (the caller keeps the aspect ratio)."""

    def __init__(self, path: Path, *, width: float, height: float) -> None:
        super().__init__()
        self.path = Path(path)
        self.width, self.height = width, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(image_source(self.path), 0, 0, width=self.width, height=self.height)
