"""Generator of crafted hostile files for the office and the branch (issue 9).

Nothing here is checked in as a binary: every file is made from keys a test (or the bench)
creates — the office's public enrolment data and a device key generated on the spot, exactly
what an attacker holding the enrolment file has. ``write_corpus`` writes the whole set and
returns, per file, the status and reason code the office must answer with.

Run ``python tests/sync/hostile_corpus.py --help`` to write the corpus for a given office.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import tempfile
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable

from dj_desktop.sync import keys
from dj_desktop.sync.format import MAGIC, SIGNATURE_SIZE, canonical_json, seal_to

#: A part's content: bytes, or a generator of blocks (bombs are never built in memory whole).
Content = bytes | Callable[[], Iterable[bytes]]


def _blocks(content: Content) -> Iterable[bytes]:
    return [content] if isinstance(content, bytes) else content()


def repeated(block: bytes, total: int) -> Callable[[], Iterable[bytes]]:
    """``total`` bytes made of ``block`` repeated (what deflate shrinks a thousandfold)."""
    def gen() -> Iterable[bytes]:
        piece = block * max(1, (1 << 20) // len(block))
        left = total
        while left > 0:
            out = piece[:left]
            left -= len(out)
            yield out
    return gen


def _sha(content: Content) -> str:
    digest = hashlib.sha256()
    for block in _blocks(content):
        digest.update(block)
    return digest.hexdigest()


def deep(depth: int, inner: str = "1") -> str:
    return "[" * depth + inner + "]" * depth


@dataclass
class Crafter:
    """A brand-new device of a brand-new site, speaking to the office of ``enrolment``."""

    office_enc_public: str
    office_key_id: str
    device: keys.KeyPairs = field(default_factory=lambda: keys.generate_key_pairs(passphrase=None))
    site_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    device_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @classmethod
    def from_enrolment(cls, path: Path, **kw) -> "Crafter":
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(office_enc_public=doc["enc_public"], office_key_id=doc["key_id"], **kw)

    def header(self, bundle_id: str, overrides: dict | None = None) -> dict:
        h = {"kind": "bundle", "bundle_id": bundle_id, "device_id": self.device_id, "site_id": self.site_id,
             "recipient": self.office_key_id, "device_sign_public": self.device.sign_public,
             "device_enc_public": self.device.enc_public}
        h.update(overrides or {})
        return h

    def manifest(self, bundle_id: str, **overrides) -> dict:
        m = {"kind": "bundle", "bundle_id": bundle_id, "site_id": self.site_id, "site_name": "伪造支部",
             "device_id": self.device_id, "office_id": "", "app_version": "0.1.0", "schema": [],
             "seq_from": 0, "seq_to": 1, "full": False, "created_at": "2026-11-22T13:00:00"}
        m.update(overrides)
        return m

    def bundle(self, out: BinaryIO, *, parts: dict[str, Content] | None = None, manifest: dict | None = None,
               raw_manifest: bytes | None = None, header: dict | None = None, chunk_size: int = 1 << 20,
               compress: int = zipfile.ZIP_DEFLATED) -> None:
        """A bundle signed by this device: ``parts`` hashed and listed in the manifest unless
        ``raw_manifest`` replaces the manifest's bytes altogether."""
        bundle_id = str(uuid.uuid4())
        with tempfile.SpooledTemporaryFile(max_size=32 << 20) as plain:
            listed = {}
            with zipfile.ZipFile(plain, "w", compression=compress, compresslevel=9) as zf:
                for name, content in (parts or {}).items():
                    digest = hashlib.sha256()
                    info = zipfile.ZipInfo(name)
                    info.compress_type = compress
                    with zf.open(info, "w", force_zip64=True) as fh:
                        for block in _blocks(content):
                            digest.update(block)
                            fh.write(block)
                    listed[name] = digest.hexdigest()
                if raw_manifest is None:
                    m = self.manifest(bundle_id, counts={}, parts=listed)
                    m.update(manifest or {})
                    raw_manifest = json.dumps(m, ensure_ascii=False).encode("utf-8")
                info = zipfile.ZipInfo("manifest.json")
                info.compress_type = compress
                zf.writestr(info, raw_manifest)
            size = plain.tell()
            plain.seek(0)
            seal_to(out, self.header(bundle_id, header), plain, size,
                    recipient=keys.enc_public(self.office_enc_public),
                    signer=keys.load_sign_private(self.device.sign_private), chunk_size=chunk_size)

    def record(self, **overrides) -> dict:
        r = {"id": str(uuid.uuid4()), "seq": 1, "origin": self.site_id, "version": 1, "field_versions": {},
             "modified_by": self.site_id, "created_at": "2026-11-22T13:00:00",
             "updated_at": "2026-11-22T13:00:00", "deleted": False,
             "data": {"name": "伪造支部", "kind": "branch", "parent_id": None}}
        r.update(overrides)
        return r


def raw_header_file(out: BinaryIO, header_bytes: bytes) -> None:
    """A file whose cleartext header is ``header_bytes`` as given (needs no key at all)."""
    out.write(MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes + b"\0" * 40 + b"\0" * SIGNATURE_SIZE)


def _lines(*records: dict) -> bytes:
    return b"".join(canonical_json(r) + b"\n" for r in records)


@dataclass(frozen=True)
class Case:
    name: str
    code: str                      # the reason code the office must give
    write: Callable[[Crafter, BinaryIO], None]
    bomb: bool = False


def _org_part(c: Crafter, **overrides) -> dict[str, Content]:
    return {"records/organisation.jsonl": _lines(c.record(**overrides))}


#: Plaintext sizes of the bombs (each compresses about a thousandfold).
SMALL_BOMB = 150 << 20
LARGE_BOMB = 450 << 20

CASES: list[Case] = [
    # -- bombs: a small file that decompresses into far more than a bundle of its size may hold ----
    Case("bomb-lines-150m", "too_large", lambda c, out: c.bundle(
        out, parts={"records/organisation.jsonl": repeated(b"{}\n", SMALL_BOMB)}), bomb=True),
    Case("bomb-lines-450m", "too_large", lambda c, out: c.bundle(
        out, parts={"records/organisation.jsonl": repeated(b"{}\n", LARGE_BOMB)}), bomb=True),
    Case("bomb-one-line", "too_large", lambda c, out: c.bundle(
        out, parts={"records/organisation.jsonl": repeated(b"a", 64 << 20)}), bomb=True),
    Case("bomb-attachment", "too_large", lambda c, out: c.bundle(
        out, parts={"attachments/" + _sha(repeated(b"\0", 200 << 20)): repeated(b"\0", 200 << 20)}), bomb=True),
    Case("bomb-manifest", "too_large", lambda c, out: c.bundle(
        out, raw_manifest=b'{"parts": {}, "x": "' + b" " * (40 << 20) + b'"}')),
    Case("many-parts", "too_large", lambda c, out: c.bundle(
        out, parts={f"attachments/{hashlib.sha256(str(i).encode()).hexdigest()}": str(i).encode()
                    for i in range(12000)}, compress=zipfile.ZIP_STORED)),
    Case("many-chunks", "too_large", lambda c, out: c.bundle(
        out, parts={"attachments/" + hashlib.sha256(bytes(9000)).hexdigest(): bytes(9000)},
        compress=zipfile.ZIP_STORED, chunk_size=1)),
    # -- headers, readable without any key -------------------------------------------------------
    Case("header-deep", "damaged", lambda c, out: raw_header_file(
        out, ('{"format":1,"kind":"bundle","x":' + deep(100000) + "}").encode())),
    Case("header-list", "damaged", lambda c, out: raw_header_file(out, b"[1,2,3]")),
    Case("header-not-utf8", "damaged", lambda c, out: raw_header_file(out, b"\xff\xfe{}")),
    Case("header-site-number", "damaged", lambda c, out: c.bundle(out, parts=_org_part(c), header={"site_id": 5})),
    Case("header-bundle-id-list", "damaged", lambda c, out: c.bundle(out, parts=_org_part(c),
                                                                       header={"bundle_id": [1]})),
    Case("header-key-number", "damaged", lambda c, out: c.bundle(out, parts=_org_part(c),
                                                                   header={"device_sign_public": 123})),
    Case("header-key-bad-base64", "damaged", lambda c, out: c.bundle(out, parts=_org_part(c),
                                                                       header={"device_enc_public": "!!notb64"})),
    Case("header-recipient-dict", "damaged", lambda c, out: c.bundle(out, parts=_org_part(c),
                                                                       header={"recipient": {"a": 1}})),
    Case("header-long-site", "damaged", lambda c, out: c.bundle(out, parts=_org_part(c),
                                                                  header={"site_id": "s" * 5000})),
    # -- manifest --------------------------------------------------------------------------------
    Case("manifest-deep", "bad_content", lambda c, out: c.bundle(
        out, raw_manifest=('{"parts": {}, "x": ' + deep(50000) + "}").encode())),
    Case("manifest-list", "bad_content", lambda c, out: c.bundle(out, raw_manifest=b"[]")),
    Case("manifest-seq-text", "bad_content", lambda c, out: c.bundle(out, parts=_org_part(c),
                                                                       manifest={"seq_from": "abc"})),
    Case("manifest-schema-number", "bad_content", lambda c, out: c.bundle(out, parts=_org_part(c),
                                                                            manifest={"schema": 5})),
    Case("manifest-site-name-long", "bad_content", lambda c, out: c.bundle(
        out, parts=_org_part(c), manifest={"site_name": "长" * 101})),
    Case("manifest-site-name-number", "bad_content", lambda c, out: c.bundle(
        out, parts=_org_part(c), manifest={"site_name": 7})),
    # -- sequence numbers --------------------------------------------------------------------------
    Case("seq-huge", "bad_sequence", lambda c, out: c.bundle(out, parts=_org_part(c),
                                                               manifest={"seq_to": 2 ** 62})),
    Case("seq-negative", "bad_sequence", lambda c, out: c.bundle(out, parts=_org_part(c),
                                                                   manifest={"seq_from": -5})),
    Case("seq-reversed", "bad_sequence", lambda c, out: c.bundle(out, parts=_org_part(c),
                                                                   manifest={"seq_from": 5, "seq_to": 2})),
    Case("seq-beyond-records", "bad_sequence", lambda c, out: c.bundle(out, parts=_org_part(c),
                                                                         manifest={"seq_to": 1000})),
    Case("seq-bool", "bad_content", lambda c, out: c.bundle(out, parts=_org_part(c), manifest={"seq_to": True})),
    # -- record lines ----------------------------------------------------------------------------
    Case("record-deep", "bad_records", lambda c, out: c.bundle(
        out, parts={"records/organisation.jsonl": ('{"id": ' + deep(50000) + "}\n").encode()})),
    Case("record-id-number", "bad_records", lambda c, out: c.bundle(out, parts=_org_part(c, id=5))),
    Case("record-version-text", "bad_records", lambda c, out: c.bundle(out, parts=_org_part(c, version="x"))),
    Case("record-versions-list", "bad_records", lambda c, out: c.bundle(out, parts=_org_part(c, field_versions=[1]))),
    Case("record-data-text", "bad_records", lambda c, out: c.bundle(out, parts=_org_part(c, data="name"))),
    Case("record-deleted-text", "bad_records", lambda c, out: c.bundle(out, parts=_org_part(c, deleted="yes"))),
    Case("record-name-long", "bad_records", lambda c, out: c.bundle(
        out, parts=_org_part(c, data={"name": "长" * 5000, "kind": "branch", "parent_id": None}))),
    Case("record-not-object", "bad_records", lambda c, out: c.bundle(
        out, parts={"records/organisation.jsonl": b"[1, 2]\n"})),
    Case("record-long-line", "too_large", lambda c, out: c.bundle(
        out, parts={"records/organisation.jsonl": b'"' + b"x" * (2 << 20) + b'"\n'})),
    Case("record-seq-huge", "bad_sequence", lambda c, out: c.bundle(
        out, parts=_org_part(c, seq=2 ** 62), manifest={"seq_to": 2 ** 62})),
    # -- names inside the zip --------------------------------------------------------------------
    Case("part-name-long", "bad_content", lambda c, out: c.bundle(
        out, parts={"records/" + "a" * 200 + ".jsonl": _lines(c.record())})),
    Case("part-zip-slip", "unsafe_name", lambda c, out: c.bundle(out, parts={"../../evil": b"x"})),
]


def write_corpus(folder: Path, enrolment: Path, *, bombs: bool = True) -> dict[Path, str]:
    """Every case as a file in ``folder`` (one brand-new device each); returns ``{path: code}``."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[Path, str] = {}
    for case in CASES:
        if case.bomb and not bombs:
            continue
        path = folder / f"{case.name}.djbundle"
        with path.open("wb") as fh:
            case.write(Crafter.from_enrolment(enrolment), fh)
        out[path] = case.code
    return out


def write_case(name: str, folder: Path, enrolment: Path) -> Path:
    case = next(c for c in CASES if c.name == name)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{case.name}.djbundle"
    with path.open("wb") as fh:
        case.write(Crafter.from_enrolment(enrolment), fh)
    return path


if __name__ == "__main__":   # pragma: no cover - a tool for people
    import argparse

    parser = argparse.ArgumentParser(description="write the hostile bundle corpus for an office")
    parser.add_argument("enrolment", type=Path, help="the office's .djenrol file")
    parser.add_argument("out", type=Path, help="folder to write the files to")
    parser.add_argument("--no-bombs", action="store_true")
    args = parser.parse_args()
    for path, code in write_corpus(args.out, args.enrolment, bombs=not args.no_bombs).items():
        print(f"{code:14} {os.path.getsize(path):>10}  {path}")
