"""Sync bookkeeping: office identity, devices, branches, received bundles, conflicts, deferred records,
and the branch's enrolment, receipts and exports.

None of these tables carries :class:`RecordMixin`: they describe the transport, they never travel.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Integer, LargeBinary, String, Text, UniqueConstraint, Uuid, true
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, utcnow


class OfficeIdentity(Base):
    """One row in an office database: its name and key pairs (private keys passphrase-encrypted PEM)."""

    __tablename__ = "office_identity"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_id: Mapped[str] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(String(120))
    key_id: Mapped[str] = mapped_column(String(32))
    enc_public: Mapped[str] = mapped_column(String(64))      # X25519, base64
    enc_private: Mapped[str] = mapped_column(Text)           # PKCS8 PEM, encrypted
    sign_public: Mapped[str] = mapped_column(String(64))     # Ed25519, base64
    sign_private: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SyncDevice(Base):
    """A branch device known to the office, registered from its first bundle."""

    __tablename__ = "sync_device"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(36), index=True)
    sign_public: Mapped[str] = mapped_column(String(64))
    enc_public: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(80))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    registered_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    last_seen_at: Mapped[datetime | None]
    #: False while the office has not confirmed the device: its bundles are held (issue 9).
    approved: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    approved_at: Mapped[datetime | None]
    #: The branch name its first bundle gave (shown while the device is pending).
    site_name: Mapped[str] = mapped_column(String(120), default="", server_default="")


class BranchSite(Base):
    """A branch installation (site) as the office sees it."""

    __tablename__ = "sync_branch_site"
    site_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    device_id: Mapped[str] = mapped_column(String(36), default="")
    #: Highest sequence up to which every change of the site has arrived.
    contiguous_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_seq_to: Mapped[int] = mapped_column(BigInteger, default=0)
    last_bundle_id: Mapped[str] = mapped_column(String(36), default="")
    last_bundle_at: Mapped[datetime | None]
    bundle_count: Mapped[int] = mapped_column(Integer, default=0)
    #: Another installation of the same branch's books (a new computer under its own site id) that
    #: the office approved as continuing this one: records of either may be written by both.
    home_site_id: Mapped[str | None] = mapped_column(String(36), index=True)


class ReceivedBundle(Base):
    """A bundle the office applied, recognised by the SHA-256 of its file content."""

    __tablename__ = "sync_received_bundle"
    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    content_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    site_id: Mapped[str] = mapped_column(String(36), index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    seq_from: Mapped[int] = mapped_column(BigInteger)
    seq_to: Mapped[int] = mapped_column(BigInteger)
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    app_version: Mapped[str] = mapped_column(String(32), default="")
    schema_heads: Mapped[list[Any]] = mapped_column(JSON(), default=list)
    status: Mapped[str] = mapped_column(String(16))
    applied: Mapped[dict[str, Any]] = mapped_column(JSON(), default=dict)
    problems: Mapped[list[Any]] = mapped_column(JSON(), default=list)
    receipt: Mapped[str] = mapped_column(Text, default="")   # the signed receipt document
    created_at: Mapped[datetime | None]                       # when the branch wrote it
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class SyncConflict(Base):
    """Something the merge decided that a person at the office should review."""

    __tablename__ = "sync_conflict"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: Identifies the conflict whatever the order bundles arrived in (so it is recorded once).
    key: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(24))      # same_field / delete_vs_edit / duplicate_key
    table_name: Mapped[str] = mapped_column(String(64), index=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid(), index=True)
    field: Mapped[str] = mapped_column(String(64), default="")
    other_record_id: Mapped[uuid.UUID | None] = mapped_column(Uuid())
    site_id: Mapped[str] = mapped_column(String(36), default="")
    other_site_id: Mapped[str] = mapped_column(String(36), default="")
    kept_value: Mapped[Any] = mapped_column(JSON(), nullable=True)
    kept_stamp: Mapped[list[Any] | None] = mapped_column(JSON(), nullable=True)
    lost_value: Mapped[Any] = mapped_column(JSON(), nullable=True)
    lost_stamp: Mapped[list[Any] | None] = mapped_column(JSON(), nullable=True)
    bundle_id: Mapped[str] = mapped_column(String(36), default="")
    detected_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    resolution: Mapped[str] = mapped_column(String(16), default="")
    resolved_at: Mapped[datetime | None]
    note: Mapped[str] = mapped_column(Text, default="")


class DeferredRecord(Base):
    """A record that arrived before a record it points to; applied when that one arrives."""

    __tablename__ = "sync_deferred"
    __table_args__ = (UniqueConstraint("table_name", "record_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid())
    missing_table: Mapped[str] = mapped_column(String(64))
    missing_id: Mapped[uuid.UUID] = mapped_column(Uuid(), index=True)
    site_id: Mapped[str] = mapped_column(String(36), default="")
    bundle_id: Mapped[str] = mapped_column(String(36), default="")
    record: Mapped[dict[str, Any]] = mapped_column(JSON())
    deferred_at: Mapped[datetime] = mapped_column(default=utcnow)


class OfficeAttachment(Base):
    """Attachment bytes received at the office, once per content hash (kept in the database so an
    import stays one transaction on SQLite and PostgreSQL alike)."""

    __tablename__ = "sync_attachment"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    bundle_id: Mapped[str] = mapped_column(String(36), default="")
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class SyncEnrolment(Base):
    """Branch side, one row: the office this branch reports to, this device's keys, and what the
    office has acknowledged."""

    __tablename__ = "sync_enrolment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_id: Mapped[str] = mapped_column(String(36))
    office_name: Mapped[str] = mapped_column(String(120))
    office_key_id: Mapped[str] = mapped_column(String(32))
    office_enc_public: Mapped[str] = mapped_column(String(64))
    office_sign_public: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(36))
    device_sign_private: Mapped[str] = mapped_column(Text)
    device_enc_private: Mapped[str] = mapped_column(Text)
    device_sign_public: Mapped[str] = mapped_column(String(64))
    device_enc_public: Mapped[str] = mapped_column(String(64))
    #: Highest change sequence the office confirmed through an applied receipt.
    acknowledged_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    enrolled_at: Mapped[datetime] = mapped_column(default=utcnow)


class BranchReceipt(Base):
    """Branch side: a receipt from the office, applied once (keyed by the hash of its signed text)."""

    __tablename__ = "sync_branch_receipt"
    receipt_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(36), index=True)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    contiguous_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    applied: Mapped[dict[str, Any]] = mapped_column(JSON(), default=dict)
    problems: Mapped[list[Any]] = mapped_column(JSON(), default=list)
    office_time: Mapped[datetime]
    applied_at: Mapped[datetime] = mapped_column(default=utcnow)


class BundleExport(Base):
    """Branch side: a bundle file this installation wrote."""

    __tablename__ = "sync_export"
    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    seq_from: Mapped[int] = mapped_column(BigInteger)
    seq_to: Mapped[int] = mapped_column(BigInteger)
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    size: Mapped[int] = mapped_column(BigInteger)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON(), default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class HeldBundle(Base):
    """A verified bundle from a device the office has not approved yet, kept as the file's bytes
    and merged when the office approves the device (issue 9)."""

    __tablename__ = "sync_held_bundle"
    content_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    site_id: Mapped[str] = mapped_column(String(36))
    size: Mapped[int] = mapped_column(BigInteger)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
