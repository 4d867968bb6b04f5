"""Photos, scans and PDFs: checked, stored once by SHA-256 in a folder next to the database, linked to records."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core import attachment_keys, sealed_files
from dj_desktop.core.db import Database, get_setting, set_setting
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import Attachment
from dj_desktop.core import attachment_viewing as viewing
from dj_desktop.core.services.meeting_records import AttachmentInfo
from dj_desktop.paths import data_dir

#: Pillow format → MIME type of the images we accept (what reportlab can place on a page).
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "BMP": "image/bmp",
               "TIFF": "image/tiff", "WEBP": "image/webp"}
PDF_TYPE = "application/pdf"
#: File signatures of those images: such a file that Pillow cannot open is damaged, not of a wrong type.
IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
MAX_SIZE_KEY = "attachments.max_size_mb"
DEFAULT_MAX_SIZE_MB = 20.0


def files_dir_for(db: Database) -> Path:
    """``<db file>.files`` beside a SQLite file (it moves with the database); the data folder otherwise."""
    if db.path is not None:
        return Path(str(db.path) + ".files")
    return data_dir() / "files"


def stored_path(files_dir: Path, sha256: str) -> Path:
    return files_dir / sha256[:2] / sha256[2:]


def _info(a: Attachment, files_dir: Path) -> AttachmentInfo:
    return AttachmentInfo(id=a.id, owner_table=a.owner_table, owner_id=a.owner_id, sha256=a.sha256,
                          filename=a.filename, content_type=a.content_type, size=a.size, width=a.width,
                          height=a.height, caption=a.caption, path=stored_path(files_dir, a.sha256))


def attachments_for(session: Session, files_dir: Path, owner_table: str,
                    owner_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[AttachmentInfo]]:
    """Live attachments of several records at once, in their display order."""
    out: dict[uuid.UUID, list[AttachmentInfo]] = {i: [] for i in owner_ids}
    if not owner_ids:
        return out
    rows = session.scalars(select(Attachment).where(
        Attachment.owner_table == owner_table, Attachment.owner_id.in_(owner_ids), Attachment.deleted.is_(False))
        .order_by(Attachment.position, Attachment.created_at))
    for a in rows:
        out[a.owner_id].append(_info(a, files_dir))
    return out


def _sniff(path: Path, head: bytes) -> tuple[str, int | None, int | None]:
    """Content type and pixel size; raises UserError for a wrong type or a damaged file."""
    name = path.name
    if head.startswith(b"%PDF-"):
        with path.open("rb") as fh:
            fh.seek(max(0, path.stat().st_size - 2048))
            tail = fh.read()
        if b"%%EOF" not in tail:
            raise UserError(_("{name} is a damaged or incomplete PDF file (its end is missing). "
                              "Scan or save it again and attach the new file.").format(name=name))
        return PDF_TYPE, None, None
    from PIL import Image, UnidentifiedImageError  # only when a photo is attached: slow to import

    try:
        with Image.open(path) as img:
            fmt = img.format
            img.verify()
        if fmt not in IMAGE_TYPES:
            raise UserError(_("{name} is a {format} image; attach a JPEG or PNG photo, or a PDF scan.")
                            .format(name=name, format=fmt))
        # verify() misses truncated pixel data; decoding the image catches it.
        with Image.open(path) as img:
            img.load()
            width, height = img.size
    except UserError:
        raise
    except UnidentifiedImageError:
        if head.startswith(IMAGE_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
            raise UserError(_("The image {name} is damaged and cannot be read ({error}). Copy the photo from "
                              "the camera again and attach the new file.").format(
                name=name, error=_("unreadable image data"))) from None
        raise UserError(_("{name} is not a photo or a PDF. Only images (JPEG, PNG …) and PDF files can be "
                          "attached.").format(name=name)) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise UserError(_("The image {name} is damaged and cannot be read ({error}). Copy the photo from "
                          "the camera again and attach the new file.").format(name=name, error=exc)) from None
    return IMAGE_TYPES[fmt], width, height


class AttachmentService:
    """Adds files to records. The bytes are kept once per content hash; a record only links to them."""

    def __init__(self, db: Database, *, files_dir: Path | None = None):
        self._db = db
        self.files_dir = files_dir or files_dir_for(db)

    def max_size_mb(self) -> float:
        with self._db.sessions.begin() as s:
            return float(get_setting(s, MAX_SIZE_KEY, DEFAULT_MAX_SIZE_MB))

    def set_max_size_mb(self, value: float) -> None:
        if value <= 0:
            raise UserError(_("The size limit must be more than 0 MB."))
        with self._db.sessions.begin() as s:
            set_setting(s, MAX_SIZE_KEY, float(value))

    def add(self, owner_table: str, owner_id: uuid.UUID, source: str | Path, *, caption: str = "",
            branch_id: uuid.UUID | None = None) -> AttachmentInfo:
        """Checks ``source`` (type, size, damage), stores it if new, links it to the record.

        Adding the same content to the same record again returns the existing link.
        """
        source = Path(source)
        if not source.is_file():
            raise UserError(_("File {path} does not exist.").format(path=source))
        size = source.stat().st_size
        limit = self.max_size_mb()
        if size > limit * 1024 * 1024:
            raise UserError(_("{name} is {size:.1f} MB, larger than the limit of {limit:g} MB. Make the photo "
                              "smaller or scan at a lower resolution.").format(
                name=source.name, size=size / 1024 / 1024, limit=limit))
        if size == 0:
            raise UserError(_("{name} is empty (0 bytes); choose the right file.").format(name=source.name))
        with source.open("rb") as fh:
            head = fh.read(16)
        content_type, width, height = _sniff(source, head)
        sha = self._store(source)
        with self._db.sessions.begin() as s:
            existing = s.scalar(select(Attachment).where(
                Attachment.owner_table == owner_table, Attachment.owner_id == owner_id,
                Attachment.sha256 == sha, Attachment.deleted.is_(False)))
            if existing is not None:
                return _info(existing, self.files_dir)
            position = len(s.scalars(select(Attachment.id).where(
                Attachment.owner_table == owner_table, Attachment.owner_id == owner_id)).all())
            row = Attachment(owner_table=owner_table, owner_id=owner_id, branch_id=branch_id, sha256=sha,
                             filename=source.name[:255], content_type=content_type, size=size, width=width,
                             height=height, caption=caption, position=position)
            s.add(row)
            s.flush()
            return _info(row, self.files_dir)

    def _store(self, source: Path) -> str:
        plain = source.read_bytes()
        sha = hashlib.sha256(plain).hexdigest()
        target = stored_path(self.files_dir, sha)
        if target.is_file() and sealed_files.plain_size(target) == len(plain):
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        # Sealed when the database has a password; a temporary name, fsync and rename first so a crash
        # never leaves half a file under the hash name.
        sealed_files.rewrite(target, attachment_keys.stored_bytes(self.files_dir, sha, plain))
        return sha

    def list_for(self, owner_table: str, owner_id: uuid.UUID) -> list[AttachmentInfo]:
        with self._db.sessions.begin() as s:
            return attachments_for(s, self.files_dir, owner_table, [owner_id])[owner_id]

    def get(self, attachment_id: uuid.UUID) -> AttachmentInfo:
        with self._db.sessions.begin() as s:
            row = s.get(Attachment, attachment_id)
            if row is None or row.deleted:
                raise UserError(_("The attachment no longer exists."))
            return _info(row, self.files_dir)

    def path_of(self, sha256: str) -> Path:
        """Where the bytes of a stored file are (for printing and thumbnails)."""
        return stored_path(self.files_dir, sha256)

    def read(self, sha256: str) -> bytes:
        """The plain bytes of a stored file (decrypted when the store is encrypted)."""
        return attachment_keys.read_plain(stored_path(self.files_dir, sha256))

    def viewable_copy(self, attachment_id: uuid.UUID) -> Path:
        """A file the system viewer can open: the stored file itself when it is plain, else a decrypted
        copy readable by this user only (0600 in a 0700 folder, removed when the program ends)."""
        info = self.get(attachment_id)
        if not info.path.is_file() or not sealed_files.is_sealed(info.path):
            return info.path
        return viewing.plain_copy(info.filename, self.read(info.sha256))

    def set_caption(self, attachment_id: uuid.UUID, caption: str) -> AttachmentInfo:
        with self._db.sessions.begin() as s:
            row = s.get(Attachment, attachment_id)
            if row is None or row.deleted:
                raise UserError(_("The attachment no longer exists."))
            row.caption = caption.strip()[:200]
            s.flush()
            return _info(row, self.files_dir)

    def remove(self, attachment_id: uuid.UUID, *, reason: str) -> None:
        """Unlinks the file from its record (a tombstone); the stored bytes stay for history and sync."""
        if not reason.strip():
            raise UserError(_("Give a reason for removing the attachment."))
        with self._db.sessions.begin() as s:
            row = s.get(Attachment, attachment_id)
            if row is None or row.deleted:
                raise UserError(_("The attachment no longer exists."))
            s.info["reason"] = reason.strip()
            row.deleted = True
