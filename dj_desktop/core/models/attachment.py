"""Photos, scans and PDFs linked to a record; the bytes live once per content hash on disk."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, RecordMixin


class Attachment(RecordMixin, Base):
    """A link from a record (``owner_table`` + ``owner_id``) to a stored file.

    Several attachments may share one ``sha256``: the file is stored once.
    """

    __tablename__ = "attachment"

    owner_table: Mapped[str] = mapped_column(String(64), index=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(index=True)
    branch_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(40))   # image/jpeg, image/png, application/pdf
    size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int | None]
    height: Mapped[int | None]
    caption: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
