"""The bundle container (format version 1, see docs/bundle-format.md).

Layout::

    magic "DJBUNDLE" | u32 header length | header (canonical JSON, no personal data)
    chunks: u32 length | AES-256-GCM ciphertext+tag      (repeated; the last one is flagged)
    64-byte Ed25519 signature over SHA-256("dj-bundle-sig-v1" | everything before it)

Encryption: an ephemeral X25519 key (public half in the header) with the recipient's key →
HKDF-SHA256 (salt = SHA-256 of the header fields without the ephemeral key, info = "dj-bundle-v1")
→ a 256-bit key. Chunk ``i`` uses nonce ``i`` (8 bytes, big endian) | last flag (1 byte) | 3 zero
bytes and associated data SHA-256(header) | i | last flag, so dropping, reordering or cutting
chunks makes decryption fail even if someone re-signs the file.
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.sync.keys import public_text, unb64

MAGIC = b"DJBUNDLE"
FORMAT_VERSION = 1
CHUNK_SIZE = 1 << 20
SIGNATURE_SIZE = 64
MAX_HEADER = 64 * 1024
_SIG_CONTEXT = b"dj-bundle-sig-v1"
_HKDF_INFO = b"dj-bundle-v1"


class BundleError(UserError):
    """A bundle or return bundle that cannot be trusted or read; ``code`` is stable for scripts."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _key(shared: bytes, header: dict) -> bytes:
    salted = {k: v for k, v in header.items() if k != "ephemeral_key"}
    salt = hashlib.sha256(canonical_json(salted)).digest()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_HKDF_INFO).derive(shared)


def _nonce_and_aad(header_hash: bytes, index: int, last: bool) -> tuple[bytes, bytes]:
    flag = b"\x01" if last else b"\x00"
    return struct.pack(">Q", index) + flag + b"\x00\x00\x00", header_hash + struct.pack(">Q", index) + flag


def seal(header: dict, payload: bytes, *, recipient: X25519PublicKey, signer: Ed25519PrivateKey,
         chunk_size: int = CHUNK_SIZE) -> bytes:
    """Encrypt ``payload`` for ``recipient`` and sign the whole file; returns the file bytes.

    ``header`` must not contain personal data: it is readable by anyone holding the file.
    """
    out = io.BytesIO()
    seal_to(out, header, io.BytesIO(payload), len(payload), recipient=recipient, signer=signer,
            chunk_size=chunk_size)
    return out.getvalue()


def seal_to(out: BinaryIO, header: dict, plain: BinaryIO, size: int, *, recipient: X25519PublicKey,
            signer: Ed25519PrivateKey, chunk_size: int = CHUNK_SIZE) -> bytes:
    """:func:`seal` from file to file, one chunk in memory at a time: ``size`` bytes are read from
    ``plain``. Returns the SHA-256 of everything written (to check the file when it is read back)."""
    ephemeral = X25519PrivateKey.generate()
    header = dict(header, format=FORMAT_VERSION, ephemeral_key=public_text(ephemeral))
    header_bytes = canonical_json(header)
    header_hash = hashlib.sha256(header_bytes).digest()
    aead = AESGCM(_key(ephemeral.exchange(recipient), header))
    body, whole = hashlib.sha256(), hashlib.sha256()

    def write(data: bytes) -> None:
        body.update(data)
        whole.update(data)
        out.write(data)

    write(MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes)
    count = max(1, -(-size // chunk_size))
    for index in range(count):
        piece = plain.read(min(chunk_size, size - index * chunk_size))
        nonce, aad = _nonce_and_aad(header_hash, index, index == count - 1)
        sealed = aead.encrypt(nonce, piece, aad)
        write(struct.pack(">I", len(sealed)) + sealed)
    signature = signer.sign(_SIG_CONTEXT + body.digest())
    whole.update(signature)
    out.write(signature)
    return whole.digest()


def read_header(data: bytes) -> dict:
    """The cleartext header, checked for shape only (nothing is verified yet)."""
    if len(data) < len(MAGIC) + 4 + SIGNATURE_SIZE or not data.startswith(MAGIC):
        raise BundleError("not_a_bundle", _("This file is not a sync bundle of this program."))
    (length,) = struct.unpack(">I", data[8:12])
    if length > MAX_HEADER or 12 + length > len(data) - SIGNATURE_SIZE:
        raise BundleError("damaged", _("The bundle file is damaged or incomplete; copy it again "
                                       "from the branch."))
    try:
        header = json.loads(data[12:12 + length].decode("utf-8"))
    except ValueError as exc:
        raise BundleError("damaged", _("The bundle file is damaged or incomplete; copy it again "
                                       "from the branch.")) from exc
    if not isinstance(header, dict) or not isinstance(header.get("format"), int):
        raise BundleError("damaged", _("The bundle file is damaged or incomplete; copy it again "
                                       "from the branch."))
    if header["format"] > FORMAT_VERSION:
        raise BundleError("newer_format", _(
            "This bundle was written in format {found}, newer than this program understands "
            "({known}). Update the program at the office first.").format(
                found=header["format"], known=FORMAT_VERSION))
    return header


def verify(data: bytes, signer: Ed25519PublicKey) -> None:
    body, signature = data[:-SIGNATURE_SIZE], data[-SIGNATURE_SIZE:]
    _verify_digest(hashlib.sha256(body).digest(), signature, signer)


def check_file(path: Path, signer: Ed25519PublicKey, expected_sha256: bytes) -> None:
    """Read a written bundle back in blocks: the same bytes as were written, and a signature that
    verifies. Raises :class:`BundleError` (code ``changed`` if the bytes differ)."""
    size = path.stat().st_size
    body, whole = hashlib.sha256(), hashlib.sha256()
    with path.open("rb") as fh:
        left = size - SIGNATURE_SIZE
        while left > 0:
            block = fh.read(min(left, 1 << 20))
            if not block:
                break
            body.update(block)
            whole.update(block)
            left -= len(block)
        signature = fh.read()
    whole.update(signature)
    if whole.digest() != expected_sha256:
        raise BundleError("changed", _("The file reads back differently from what was written."))
    _verify_digest(body.digest(), signature, signer)


def _verify_digest(body_digest: bytes, signature: bytes, signer: Ed25519PublicKey) -> None:
    try:
        signer.verify(signature, _SIG_CONTEXT + body_digest)
    except InvalidSignature as exc:
        raise signature_error() from exc


def signature_error() -> BundleError:
    return BundleError("bad_signature", _(
        "The bundle's signature does not match: the file was changed or damaged after the "
        "branch wrote it. Ask the branch to export it again."))


def open_sealed(data: bytes, *, recipient: X25519PrivateKey) -> bytes:
    """Decrypt a container whose signature was already verified; returns the payload."""
    header = read_header(data)
    (length,) = struct.unpack(">I", data[8:12])
    header_hash = hashlib.sha256(data[12:12 + length]).digest()
    try:
        aead = AESGCM(_key(recipient.exchange(
            X25519PublicKey.from_public_bytes(unb64(header["ephemeral_key"]))), header))
    except (KeyError, ValueError, TypeError) as exc:
        raise BundleError("damaged", _("The bundle file is damaged or incomplete; copy it again "
                                       "from the branch.")) from exc
    end, offset, index, out = len(data) - SIGNATURE_SIZE, 12 + length, 0, []
    while True:
        if offset + 4 > end:
            raise _truncated()
        (size,) = struct.unpack(">I", data[offset:offset + 4])
        sealed = data[offset + 4:offset + 4 + size]
        if len(sealed) != size:
            raise _truncated()
        offset += 4 + size
        last = offset == end
        nonce, aad = _nonce_and_aad(header_hash, index, last)
        try:
            out.append(AESGCM.decrypt(aead, nonce, sealed, aad))
        except InvalidTag as exc:
            raise BundleError("decrypt_failed", _(
                "The bundle cannot be decrypted: it was written for another office, or parts of it "
                "are missing or out of order.")) from exc
        index += 1
        if last:
            return b"".join(out)


def _truncated() -> BundleError:
    return BundleError("truncated", _("The bundle file is incomplete (cut short); copy it again "
                                      "from the branch."))
