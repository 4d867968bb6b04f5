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
from reportlab.platypus import Flowable

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


def image_source(path: Path) -> str | _JpegFile:
    """A pass-through JPEG source when reportlab can read the file's JPEG header, else the path."""
    with open(path, "rb") as fh:
        data = fh.read()
    if data[:3] == _JPEG_MAGIC:
        try:
            readJPEGInfo(BytesIO(data))
        except Exception:  # noqa: BLE001 - an unusual JPEG variant: let reportlab decode it instead
            return str(path)
        return _JpegFile(path, data)
    return str(path)


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
