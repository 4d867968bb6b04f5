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
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Iterable

from dj_desktop.core.i18n import _
from dj_desktop.sync.format import BundleError, canonical_json

MANIFEST = "manifest.json"
#: Plaintext payloads are kept in memory up to this size and in a temporary file beyond (photos),
#: at the branch while sealing and at the office while opening.
PLAIN_IN_MEMORY = 32 << 20
_RECORDS = re.compile(r"^records/([a-z][a-z0-9_]{0,63})\.jsonl$")
_ATTACHMENT = re.compile(r"^attachments/([0-9a-f]{64})$")


@dataclass
class Payload:
    manifest: dict[str, Any]
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    attachments: dict[str, bytes] = field(default_factory=dict)


def build(manifest: dict[str, Any], records: dict[str, list[dict[str, Any]]],
          attachments: dict[str, bytes]) -> bytes:
    """The payload in memory (return bundles, tests); see :func:`write`."""
    buffer = io.BytesIO()
    write(buffer, manifest, records, attachments.items())
    return buffer.getvalue()


def write(out: BinaryIO, manifest: dict[str, Any], records: dict[str, list[dict[str, Any]]],
          attachments: Iterable[tuple[str, bytes]]) -> int:
    """Zip the parts into ``out``, the manifest last, filled with ``parts`` (name → SHA-256) and
    ``counts`` (table → records). ``attachments`` may be a generator: each file is read, written
    and dropped before the next (a year of photos is never in memory at once). Returns how many
    attachments were written."""
    parts: dict[str, str] = {}
    written = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for table, rows in records.items():
            if rows:
                name = f"records/{table}.jsonl"
                data = b"".join(canonical_json(r) + b"\n" for r in rows)
                parts[name] = hashlib.sha256(data).hexdigest()
                zf.writestr(name, data)
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


def read(data: bytes | BinaryIO) -> Payload:
    """The parts of a decrypted payload (bytes, or a file positioned at its start), checked."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except zipfile.BadZipFile as exc:
        raise _damaged("zip") from exc
    with zf:
        names = zf.namelist()
        for name in names:
            if (name.startswith(("/", "\\")) or "\\" in name or ".." in name.split("/")
                    or re.match(r"^[A-Za-z]:", name)):
                raise BundleError("unsafe_name", _(
                    "The bundle contains a file name that points outside its folder ({name}); it "
                    "was refused.").format(name=name))
            if name != MANIFEST and not (_RECORDS.match(name) or _ATTACHMENT.match(name)):
                raise _damaged(name)
        if len(set(names)) != len(names):
            raise _damaged("duplicate part")
        if MANIFEST not in names:
            raise _damaged(MANIFEST)
        try:
            manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
        except ValueError as exc:
            raise _damaged(MANIFEST) from exc
        listed = manifest.get("parts") if isinstance(manifest, dict) else None
        if not isinstance(listed, dict):
            raise _damaged(MANIFEST)
        present = set(names) - {MANIFEST}
        missing = sorted(set(listed) - present)
        if missing:
            raise BundleError("missing_part", _("The bundle lacks parts its manifest lists ({names}); "
                                                "it was not imported.").format(names=", ".join(missing)))
        if present - set(listed):
            raise _damaged(", ".join(sorted(present - set(listed))))
        payload = Payload(manifest=manifest)
        for name in names:
            if name == MANIFEST:
                continue
            content = zf.read(name)
            digest = hashlib.sha256(content).hexdigest()
            if digest != listed[name]:
                raise BundleError("hash_mismatch", _("Part {name} of the bundle does not match its "
                                                     "checksum; it was not imported.").format(name=name))
            if (m := _ATTACHMENT.match(name)) is not None:
                if m.group(1) != digest:
                    raise BundleError("hash_mismatch", _("Part {name} of the bundle does not match its "
                                                         "checksum; it was not imported.").format(name=name))
                payload.attachments[digest] = content
            else:
                table = _RECORDS.match(name).group(1)
                try:
                    payload.records[table] = [json.loads(line) for line in content.splitlines() if line]
                except ValueError as exc:
                    raise _damaged(name) from exc
        return payload
