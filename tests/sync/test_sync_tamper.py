"""Bundles changed on the way are refused and change nothing: flipped bytes, truncation, dropped chunks,
another office's bundle, unsafe names inside."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile

from dj_desktop.sync import keys
from dj_desktop.sync.format import MAGIC, SIGNATURE_SIZE

from sync_helpers import open_payload, record_snapshot, reseal

_SIG_CONTEXT = b"dj-bundle-sig-v1"


def _chunks(data: bytes) -> tuple[bytes, list[bytes]]:
    """Split a bundle file into (magic + header part, [length-prefixed chunks])."""
    (length,) = struct.unpack(">I", data[8:12])
    head, offset, end, chunks = data[:12 + length], 12 + length, len(data) - SIGNATURE_SIZE, []
    while offset < end:
        (size,) = struct.unpack(">I", data[offset:offset + 4])
        chunks.append(data[offset:offset + 4 + size])
        offset += 4 + size
    return head, chunks


def _resign(branch, body: bytes) -> bytes:
    signer = keys.load_sign_private(branch.enrolment_row().device_sign_private)
    return body + signer.sign(_SIG_CONTEXT + hashlib.sha256(body).digest())


def test_tampered_bundles_are_rejected_and_change_nothing(office, make_branch):
    branch = make_branch("a")
    branch.add_branch()
    for i in range(40):
        branch.add_member(f"党员{i}")
    original = branch.export_raw(since=0, chunk_size=1024)   # several chunks
    data = original.read_bytes()
    head, chunks = _chunks(data)
    assert data.startswith(MAGIC) and len(chunks) >= 3
    header_at = head.index(b'"bundle_id"') + 15
    body_at = len(head) + len(chunks[0]) + 10

    def flip(at: int) -> bytes:
        return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]

    cases = {
        "header": (flip(header_at), {"bad_signature", "damaged"}),
        "body": (flip(body_at), {"bad_signature"}),
        "signature": (flip(len(data) - 5), {"bad_signature"}),
        "newer_format": (data.replace(b'"format":1', b'"format":2', 1), {"newer_format"}),
        "truncated": (data[:len(data) - 700], {"bad_signature", "damaged"}),
        # Someone with the device key drops or reorders chunks and signs again: the AEAD still fails.
        "dropped_chunk": (_resign(branch, head + b"".join(chunks[:1] + chunks[2:])), {"decrypt_failed"}),
        "dropped_last_chunk": (_resign(branch, head + b"".join(chunks[:-1])), {"decrypt_failed"}),
        "reordered": (_resign(branch, head + b"".join([chunks[1], chunks[0], *chunks[2:]])), {"decrypt_failed"}),
    }
    before = record_snapshot(office.db)
    for name, (content, codes) in cases.items():
        path = branch.stick / f"{name}.djbundle"
        path.write_bytes(content)
        result = office.import_one(path)
        assert result.status == "rejected" and result.code in codes, (name, result.code)
        assert result.reason and result.receipt_path.is_file()
        assert record_snapshot(office.db) == before, name
    assert office.import_one(original).status == "applied"


def test_a_bundle_for_another_office_is_refused(office, make_branch, tmp_path):
    from dj_desktop.core.db import open_database
    from dj_desktop.core.services import build_services

    other = build_services(open_database(tmp_path / "other-office.db"))
    setup = other.office.initialise(name="另一个组织部", passphrase="another passphrase", out_dir=tmp_path / "other")
    other.db.dispose()
    branch = make_branch("a", enrol=False)
    branch.services.sync.enrol(setup.enrolment_path)
    branch.add_branch()
    before = record_snapshot(office.db)
    result = office.import_one(branch.export())
    assert (result.status, result.code) == ("rejected", "wrong_office")
    assert record_snapshot(office.db) == before


def test_unsafe_and_unlisted_names_inside_a_signed_bundle_are_refused(office, make_branch):
    branch = make_branch("a")
    branch.add_branch()
    data = branch.export().read_bytes()
    content = open_payload(office, data)
    before = record_snapshot(office.db)
    for evil in ("../evil.txt", "/etc/evil", "attachments/../../evil", "records/..\\evil.jsonl"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            manifest = dict(content.manifest)
            manifest["parts"] = dict(manifest["parts"], **{evil: hashlib.sha256(b"x").hexdigest()})
            import json
            zf.writestr("manifest.json", json.dumps(manifest))
            zf.writestr(evil, b"x")
        path = reseal(branch, data, buffer.getvalue(), "evil.djbundle")
        result = office.import_one(path)
        assert (result.status, result.code) == ("rejected", "unsafe_name"), evil
        path.unlink()
    assert record_snapshot(office.db) == before
