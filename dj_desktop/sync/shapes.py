"""Types and shapes of what comes from outside (issue 9), checked before anything is used.

Every reader of an outside file — bundle header, manifest, record lines, receipts, enrolment
files, return bundles — parses JSON with :func:`load_json` (bounded depth, no ``RecursionError``)
and checks fields with the helpers here, which raise :class:`ShapeError` naming the field. The
callers turn it into their own refusal (a :class:`~dj_desktop.sync.format.BundleError` code or a
:class:`~dj_desktop.core.errors.UserError`), so a crafted file never ends in a traceback.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from datetime import datetime
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import Table
from sqlalchemy.types import JSON, Boolean, Date, DateTime, Integer, LargeBinary, Numeric, String, Uuid

from dj_desktop.core.models.base import IDENTITY_COLUMNS
from dj_desktop.sync.limits import MAX_DEPTH, MAX_NAME, MAX_SEQ

_ID = re.compile(r"^[A-Za-z0-9-]{1,36}$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
#: What a JSON whole number may be before its range is judged (a BIGINT's).
_WIDE = 2 ** 63 - 1


class ShapeError(ValueError):
    """An outside document whose shape is wrong; the message names the field (no personal data)."""


def load_json(data: bytes | str, what: str, *, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads`` that refuses nesting deeper than ``max_depth`` instead of recursing.

    The document is parsed by orjson (a bundle's record and audit lines were a quarter of the
    office import's opening work with :mod:`json`, issue 16) wherever both give the same values:
    what orjson refuses (``NaN``, a lone surrogate, bytes that are not UTF-8, …) goes to
    :func:`json.loads`, which decides as before, and so does any document with a run of 19 digits or
    more, which could be a whole number beyond 64 bits (orjson reads it as a float, :mod:`json` as
    an int). Bytes with no more brackets than ``max_depth`` cannot nest deeper: orjson has them
    without a decoding or a scan first. Both are seen in one translation of the bytes."""
    shape = data.translate(_SHAPE) if isinstance(data, (bytes, bytearray)) else None
    if shape is None or shape.count(b"[") > max_depth:     # else it cannot nest deeper
        if _depth_over(_text(data, what), max_depth):
            raise ShapeError(f"{what}: nested deeper than {max_depth}")
    if shape is not None and _LONG_NUMBER not in shape:
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    try:
        return json.loads(_text(data, what))
    except (ValueError, RecursionError) as exc:
        raise ShapeError(f"{what}: not JSON") from exc


def _text(data: bytes | str, what: str) -> str:
    try:
        return data.decode("utf-8") if isinstance(data, (bytes, bytearray)) else data
    except UnicodeDecodeError as exc:
        raise ShapeError(f"{what}: not UTF-8") from exc


#: Digits to "0" (a run of 19 zeros in the result is a run of digits), "[" and "{" to "[", every other
#: byte to a space.
_SHAPE = bytes(48 if 48 <= byte <= 57 else 91 if byte in b"[{" else 32 for byte in range(256))
_LONG_NUMBER = b"0" * 19
_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _depth_over(text: str, limit: int) -> bool:
    """Whether brackets outside strings nest deeper than ``limit`` (a linear scan, no recursion)."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return True
        elif token in "]}":
            depth -= 1
    return False


def text(doc: dict, key: str, *, max_len: int = MAX_NAME, required: bool = True, default: str = "") -> str:
    value = doc.get(key, None if required else default)
    if not isinstance(value, str):
        raise ShapeError(f"{key}: {'missing' if value is None else 'not text'}")
    if len(value) > max_len:
        raise ShapeError(f"{key}: longer than {max_len} characters")
    return value


def ident(doc: dict, key: str, *, required: bool = True) -> str:
    """An id (UUID-like): letters, digits and dashes, at most 36."""
    value = text(doc, key, max_len=36, required=required)
    if value and not _ID.match(value):
        raise ShapeError(f"{key}: not an id")
    if required and not value:
        raise ShapeError(f"{key}: empty")
    return value


def key_b64(doc: dict, key: str) -> str:
    """A public key: base64 of exactly 32 bytes."""
    value = text(doc, key, max_len=64)
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError) as exc:
        raise ShapeError(f"{key}: not base64") from exc
    if len(raw) != 32:
        raise ShapeError(f"{key}: not a key")
    return value


def integer(doc: dict, key: str, *, low: int = 0, high: int = MAX_SEQ, default: int | None = None) -> int:
    value = doc.get(key, default)
    if type(value) is not int:    # bool is an int to Python, never to us
        raise ShapeError(f"{key}: {'missing' if value is None else 'not a whole number'}")
    if not low <= value <= high:
        raise ShapeError(f"{key}: out of range")
    return value


def flag(doc: dict, key: str, *, default: bool | None = None) -> bool:
    value = doc.get(key, default)
    if not isinstance(value, bool):
        raise ShapeError(f"{key}: not true or false")
    return value


def mapping(doc: dict, key: str, *, default: dict | None = None) -> dict:
    value = doc.get(key, default)
    if not isinstance(value, dict):
        raise ShapeError(f"{key}: not an object")
    return value


def sequence(doc: dict, key: str, *, default: list | None = None) -> list:
    value = doc.get(key, default)
    if not isinstance(value, list):
        raise ShapeError(f"{key}: not a list")
    return value


def timestamp(doc: dict, key: str, *, required: bool = True) -> str:
    value = doc.get(key)
    if value is None and not required:
        return ""
    value = text(doc, key, max_len=40)
    try:
        datetime.fromisoformat(value)
    except ValueError as exc:
        raise ShapeError(f"{key}: not a date and time") from exc
    return value


def document(value: Any, what: str) -> dict:
    if not isinstance(value, dict):
        raise ShapeError(f"{what}: not an object")
    return value


# -- the documents of a bundle ----------------------------------------------------------------------

def check_header(header: dict) -> None:
    """Field types of a container header (its ``format`` was read already)."""
    kind = text(header, "kind", max_len=16)
    ident(header, "bundle_id")
    ident(header, "site_id")
    text(header, "recipient", max_len=32)
    key_b64(header, "ephemeral_key")
    if kind == "bundle":
        ident(header, "device_id")
        key_b64(header, "device_sign_public")
        key_b64(header, "device_enc_public")
    elif kind == "return":
        ident(header, "office_id")


def check_manifest(m: dict, *, kind: str) -> None:
    """Field types of a payload manifest; sequence numbers in range and in order."""
    if text(m, "kind", max_len=16) != kind:
        raise ShapeError("kind: not " + kind)
    ident(m, "bundle_id")
    ident(m, "site_id")
    ident(m, "device_id", required=False)
    ident(m, "office_id", required=False)
    text(m, "app_version", max_len=32, required=False)
    timestamp(m, "created_at", required=False)
    for name, digest in mapping(m, "parts").items():
        if not isinstance(name, str) or not isinstance(digest, str) or not _HEX64.match(digest):
            raise ShapeError("parts: not a list of checksums")
    counts = mapping(m, "counts", default={})
    if not all(type(v) is int and 0 <= v <= MAX_SEQ for v in counts.values()):
        raise ShapeError("counts: not whole numbers")
    if kind == "bundle":
        text(m, "site_name", required=False)
        schema = sequence(m, "schema", default=[])
        if len(schema) > 100 or not all(isinstance(s, str) and len(s) <= 64 for s in schema):
            raise ShapeError("schema: not a list of revisions")
        flag(m, "full", default=False)
        integer(m, "seq_from", low=-_WIDE, high=_WIDE, default=0)   # the range: check_sequence
        integer(m, "seq_to", low=-_WIDE, high=_WIDE, default=0)
        if "audit_entries" in m:      # since the trail travels in bundles (sync/audit_trail.py)
            integer(m, "audit_entries")
    else:
        if not all(isinstance(r, dict) for r in sequence(m, "receipts", default=[])):
            raise ShapeError("receipts: not a list of receipts")


class SequenceError(ShapeError):
    """Sequence numbers that are negative, reversed, too large or beyond the records carried."""


def check_sequence(seq_from: int, seq_to: int, record_seqs: list[int], *, full: bool) -> None:
    if seq_from < 0 or seq_to < 0:
        raise SequenceError("negative sequence number")
    if seq_to > MAX_SEQ or any(s > MAX_SEQ for s in record_seqs):
        raise SequenceError("sequence number too large")
    if seq_to < seq_from:
        raise SequenceError("seq_to before seq_from")
    highest = max(record_seqs, default=seq_from)
    if seq_to > max(highest, seq_from):
        raise SequenceError("seq_to beyond the records carried")
    low = 0 if full else seq_from
    if any(not low < s <= seq_to for s in record_seqs):
        raise SequenceError("a record outside (seq_from, seq_to]")


# -- record lines -----------------------------------------------------------------------------------

def check_record(table: Table, record: Any) -> None:
    """One record line of ``table``: identity fields and every data field by its column's type."""
    record = document(record, table.name)
    value = record.get("id")
    if not isinstance(value, str) or not _UUID.match(value):
        raise ShapeError(f"{table.name}.id: not a UUID")
    integer(record, "seq", high=_WIDE, default=0)
    ident(record, "origin")
    ident(record, "modified_by")
    integer(record, "version", low=1, default=1)
    flag(record, "deleted", default=False)
    timestamp(record, "created_at", required=False)
    timestamp(record, "updated_at", required=False)
    for name, stamp in mapping(record, "field_versions", default={}).items():
        if (not isinstance(stamp, list) or len(stamp) not in (2, 3) or type(stamp[0]) is not int
                or not 0 <= stamp[0] <= MAX_SEQ or not isinstance(stamp[1], str) or len(stamp[1]) > 36
                or (len(stamp) == 3 and not (isinstance(stamp[2], dict) and all(
                    isinstance(k, str) and type(v) is int for k, v in stamp[2].items())))):
            raise ShapeError(f"{table.name}.field_versions: not a stamp")
    data = mapping(record, "data", default={})
    get = data.get
    texts, others = _column_checks(table)
    # Text columns inline (most of a record's; a call per value was half of this check, issue 16).
    for name, limit in texts:
        value = get(name)
        if value is not None and not (isinstance(value, str) and len(value) <= limit):
            raise ShapeError(f"{table.name}.{name}: wrong type or too long")
    for name, check in others:
        value = get(name)
        if value is not None and not check(value):
            raise ShapeError(f"{table.name}.{name}: wrong type or too long")


def _is_int(v: Any) -> bool:
    return type(v) is int and -MAX_SEQ <= v <= MAX_SEQ


#: The length limit of a text column without one.
_ANY_LENGTH = 2 ** 63


@lru_cache(maxsize=None)
def _column_checks(table: Table) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, Any], ...]]:
    """Per data column, a check of its JSON value (the forms :mod:`records` writes): ``(name, longest)``
    of the columns whose value is text, ``(name, check)`` of the others."""
    texts, out = [], []
    for column in table.columns:
        if column.name in IDENTITY_COLUMNS:
            continue
        kind = column.type
        if isinstance(kind, Boolean):
            check = lambda v: isinstance(v, bool)          # noqa: E731
        elif isinstance(kind, (DateTime, Date)):
            texts.append((column.name, 40))
            continue
        elif isinstance(kind, Uuid):
            check = lambda v: isinstance(v, str) and bool(_UUID.match(v))   # noqa: E731
        elif isinstance(kind, Numeric):
            check = lambda v: _is_int(v) or isinstance(v, float) or (isinstance(v, str) and len(v) <= 64)  # noqa
        elif isinstance(kind, Integer):
            check = _is_int
        elif isinstance(kind, (LargeBinary, String)):
            length = None if isinstance(kind, LargeBinary) else getattr(kind, "length", None)
            texts.append((column.name, _ANY_LENGTH if length is None else length))
            continue
        elif isinstance(kind, JSON):
            check = lambda v: True                          # noqa: E731 - depth is bounded at parsing
        else:
            check = lambda v: isinstance(v, (str, int, float, bool))   # noqa: E731
        out.append((column.name, check))
    return tuple(texts), tuple(out)
