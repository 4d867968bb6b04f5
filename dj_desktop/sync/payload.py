"""The plaintext inside a bundle: a zip with manifest.json, records/<table>.jsonl and attachments/<sha256>.

Every part is listed in the manifest with its SHA-256; reading refuses unlisted, missing or altered
parts and any name that could escape a folder (``../``, absolute paths, backslashes).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Iterable, Iterator

from dj_desktop.core.i18n import _
from dj_desktop.sync import limits, shapes
from dj_desktop.sync.format import BundleError, canonical_json

MANIFEST = "manifest.json"
#: Plaintext payloads are kept in memory up to this size and in a temporary file beyond (photos),
#: at the branch while sealing and at the office while opening.
PLAIN_IN_MEMORY = 32 << 20
_RECORDS = re.compile(r"^records/([a-z][a-z0-9_]{0,63})\.jsonl$")
_ATTACHMENT = re.compile(r"^attachments/([0-9a-f]{64})$")
#: The branch's audit chain segment (issue 11): one entry per line, see :mod:`dj_desktop.sync.audit_trail`.
AUDIT = "audit/trail.jsonl"


@dataclass
class Payload:
    manifest: dict[str, Any]
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    attachments: dict[str, bytes] = field(default_factory=dict)
    audit: list[dict[str, Any]] = field(default_factory=list)
    #: Per table, each record's line as read (with ``keep_lines``): the office sends these between its
    #: processes instead of typed values the merge may not need (``records.slim``).
    lines: dict[str, list[bytes]] = field(default_factory=dict)


def build(manifest: dict[str, Any], records: dict[str, list[dict[str, Any]]],
          attachments: dict[str, bytes], audit: list[dict[str, Any]] | None = None) -> bytes:
    """The payload in memory (return bundles, tests); see :func:`write`."""
    buffer = io.BytesIO()
    write(buffer, manifest, records, attachments.items(), audit=audit)
    return buffer.getvalue()


def write(out: BinaryIO, manifest: dict[str, Any], records: dict[str, list[dict[str, Any]]],
          attachments: Iterable[tuple[str, bytes]], *, audit: list[dict[str, Any]] | None = None) -> int:
    """Zip the parts into ``out``, the manifest last, filled with ``parts`` (name → SHA-256) and
    ``counts`` (table → records). ``attachments`` may be a generator: each file is read, written
    and dropped before the next (a year of photos is never in memory at once). ``audit``: the
    audit chain's entries (part ``audit/trail.jsonl``). Returns how many attachments were written."""
    parts: dict[str, str] = {}
    written = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for table, rows in records.items():
            if rows:
                name = f"records/{table}.jsonl"
                data = b"".join(canonical_json(r) + b"\n" for r in rows)
                parts[name] = hashlib.sha256(data).hexdigest()
                zf.writestr(name, data)
        if audit:
            data = b"".join(canonical_json(e) + b"\n" for e in audit)
            parts[AUDIT] = hashlib.sha256(data).hexdigest()
            zf.writestr(AUDIT, data)
        for sha, content in attachments:
            name = f"attachments/{sha}"
            parts[name] = hashlib.sha256(content).hexdigest()
            # Photos and PDFs are compressed already; deflating them again only costs time.
            zf.writestr(name, content, compress_type=zipfile.ZIP_STORED)
            written += 1
        manifest = dict(manifest, counts={t: len(r) for t, r in records.items() if r}, parts=parts)
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1))
    return written


def _damaged(detail: str) -> BundleError:
    return BundleError("bad_content", _("The bundle's content is not valid ({detail}); it was not "
                                        "imported. Ask the branch to export it again.").format(detail=detail))


def read(data: bytes | BinaryIO, *, allowance: int | None = None, kind: str = "bundle",
         keep_lines: bool = False) -> Payload:
    """The parts of a decrypted payload (bytes, or a file positioned at its start), checked; with
    ``keep_lines``, each record's line too (:attr:`Payload.lines`).

    Bounded (issue 9): at most ``MAX_PARTS`` parts with names of at most ``MAX_NAME`` characters,
    ``allowance`` bytes decompressed in all (the sizes the zip declares are checked before
    anything is inflated, and the bytes are counted while inflating), a manifest of at most
    ``MAX_MANIFEST`` bytes, record lines of at most ``MAX_LINE`` bytes, JSON nesting of at most
    ``MAX_DEPTH``. Each record line is checked for its shape as it is read, so a bad line stops
    the reading at once."""
    if allowance is None:
        allowance = limits.Limits().ceiling
    try:
        zf = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise _damaged("zip") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.MAX_PARTS:
            raise _too_large(_("parts"), limits.MAX_PARTS)
        names = [i.filename for i in infos]
        for name in names:
            if len(name) > limits.MAX_NAME:
                raise _damaged(_("a part name longer than {count} characters").format(count=limits.MAX_NAME))
            if (name.startswith(("/", "\\")) or "\\" in name or ".." in name.split("/")
                    or re.match(r"^[A-Za-z]:", name)):
                raise BundleError("unsafe_name", _(
                    "The bundle contains a file name that points outside its folder ({name}); it "
                    "was refused.").format(name=name))
            if name not in (MANIFEST, AUDIT) and not (_RECORDS.match(name) or _ATTACHMENT.match(name)):
                raise _damaged(name)
        if len(set(names)) != len(names):
            raise _damaged("duplicate part")
        if MANIFEST not in names:
            raise _damaged(MANIFEST)
        if sum(i.file_size for i in infos) > allowance:
            raise _too_large(_("decompressed size"), allowance)
        budget = _Budget(allowance)
        manifest_info = zf.getinfo(MANIFEST)
        if manifest_info.file_size > limits.MAX_MANIFEST:
            raise _too_large(MANIFEST, limits.MAX_MANIFEST)
        try:
            manifest = shapes.document(shapes.load_json(_read_part(zf, manifest_info, budget, limits.MAX_MANIFEST),
                                                        MANIFEST), MANIFEST)
            shapes.check_manifest(manifest, kind=kind)
        except shapes.ShapeError as exc:
            raise _damaged(str(exc)) from exc
        listed = manifest["parts"]
        present = set(names) - {MANIFEST}
        missing = sorted(set(listed) - present)
        if missing:
            raise BundleError("missing_part", _("The bundle lacks parts its manifest lists ({names}); "
                                                "it was not imported.").format(names=", ".join(missing)))
        if present - set(listed):
            raise _damaged(", ".join(sorted(present - set(listed))))
        payload = Payload(manifest=manifest)
        for info in infos:
            name = info.filename
            if name == MANIFEST:
                continue
            if (m := _ATTACHMENT.match(name)) is not None:
                content = _read_part(zf, info, budget)
                digest = hashlib.sha256(content).hexdigest()
                if digest != listed[name] or m.group(1) != digest:
                    raise _hash_mismatch(name)
                payload.attachments[digest] = content
            elif name == AUDIT:
                payload.audit = _read_records(zf, info, budget, listed[name], "")
            else:
                table = _RECORDS.match(name).group(1)
                lines = payload.lines.setdefault(table, []) if keep_lines else None
                payload.records[table] = _read_records(zf, info, budget, listed[name], table, lines)
        return payload


class _Budget:
    """Decompressed bytes left for the whole payload."""

    def __init__(self, allowance: int) -> None:
        self.allowance = allowance
        self.left = allowance

    def take(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise _too_large(_("decompressed size"), self.allowance)


def _blocks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> Iterator[bytes]:
    try:
        with zf.open(info) as fh:
            while True:
                block = fh.read(1 << 16)
                if not block:
                    return
                budget.take(len(block))
                yield block
    except (zipfile.BadZipFile, NotImplementedError, zlib.error, EOFError, ValueError, OSError) as exc:
        raise _damaged(info.filename) from exc


def _read_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget, limit: int | None = None) -> bytes:
    out = bytearray()
    for block in _blocks(zf, info, budget):
        out += block
        if limit is not None and len(out) > limit:
            raise _too_large(info.filename, limit)
    return bytes(out)


def _read_records(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget, expected: str,
                  table_name: str, lines_kept: list[bytes] | None = None) -> list[dict[str, Any]]:
    """A records part, line by line: each line bounded in length and depth and checked for its
    shape as it comes (a bomb of bad lines stops at the first), the hash over all of it. The lines
    of the records go to ``lines_kept`` if given."""
    table = _record_table(table_name)
    digest = hashlib.sha256()
    records: list[dict[str, Any]] = []
    pending = b""
    for block in _blocks(zf, info, budget):
        digest.update(block)
        pending += block
        *lines, pending = pending.split(b"\n")
        if len(pending) > limits.MAX_LINE:
            raise _too_large(_("a record line"), limits.MAX_LINE)
        for line in lines:
            if len(line) > limits.MAX_LINE:
                raise _too_large(_("a record line"), limits.MAX_LINE)
            if line.strip():
                records.append(_record(line, table, info.filename))
                if lines_kept is not None:
                    lines_kept.append(line)
    if pending.strip():
        records.append(_record(pending, table, info.filename))
        if lines_kept is not None:
            lines_kept.append(pending)
    if digest.hexdigest() != expected:
        raise _hash_mismatch(info.filename)
    return records


def _record(line: bytes, table, name: str) -> dict[str, Any]:
    try:
        record = shapes.load_json(line, name)
        if table is not None:
            shapes.check_record(table, record)
        return record
    except shapes.ShapeError as exc:
        raise BundleError("bad_records", _(
            "The bundle's records are malformed ({error}); nothing was imported. Update the program "
            "at the branch and export again.").format(error=exc)) from exc


def _record_table(name: str):
    from dj_desktop.sync.records import sync_tables

    return next((t for t in sync_tables() if t.name == name), None)


def _hash_mismatch(name: str) -> BundleError:
    return BundleError("hash_mismatch", _("Part {name} of the bundle does not match its "
                                          "checksum; it was not imported.").format(name=name))


def _too_large(what: str, limit: int) -> BundleError:
    return BundleError("too_large", limits.too_large_message(what, limit))
