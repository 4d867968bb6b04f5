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
from dataclasses import dataclass, field
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
from dj_desktop.core.plain_json import orjson_bytes
from dj_desktop.sync import shapes
from dj_desktop.sync.keys import public_text, unb64
from dj_desktop.sync.limits import MAX_CHUNKS, MAX_HEADER, too_large_message

MAGIC = b"DJBUNDLE"
FORMAT_VERSION = 1
CHUNK_SIZE = 1 << 20
SIGNATURE_SIZE = 64
_SIG_CONTEXT = b"dj-bundle-sig-v1"
_HKDF_INFO = b"dj-bundle-v1"


class BundleError(UserError):
    """A bundle or return bundle that cannot be trusted or read; ``code`` is stable for scripts."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


def canonical_json(obj: Any) -> bytes:
    # The same bytes from orjson for plain documents (a receipt is signed for every imported bundle).
    fast = orjson_bytes(obj, sort_keys=True)
    if fast is not None:
        return fast
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
        raise _not_a_bundle()
    (length,) = struct.unpack(">I", data[8:12])
    if length > MAX_HEADER or 12 + length > len(data) - SIGNATURE_SIZE:
        raise _damaged()
    return _parse_header(data[12:12 + length])


def _parse_header(header_bytes: bytes) -> dict:
    """The header's JSON, its version and the types of its fields (issue 9: a number where an id
    belongs, a key that is not base64, deep nesting are all ``damaged``, never a traceback)."""
    try:
        header = shapes.load_json(header_bytes, "header")
    except shapes.ShapeError as exc:
        raise _damaged() from exc
    if not isinstance(header, dict) or type(header.get("format")) is not int:
        raise _damaged()
    if header["format"] > FORMAT_VERSION:
        raise BundleError("newer_format", _(
            "This bundle was written in format {found}, newer than this program understands "
            "({known}). Update the program at the office first.").format(
                found=header["format"], known=FORMAT_VERSION))
    try:
        shapes.check_header(header)
    except shapes.ShapeError as exc:
        raise _damaged(str(exc)) from exc
    return header


def _not_a_bundle() -> BundleError:
    return BundleError("not_a_bundle", _("This file is not a sync bundle of this program."))


def _damaged(detail: str = "") -> BundleError:
    message = _("The bundle file is damaged or incomplete; copy it again from the branch.")
    if detail:
        message += " " + _("(Header: {detail}.)").format(detail=detail)
    return BundleError("damaged", message)


def verify(data: bytes, signer: Ed25519PublicKey) -> None:
    body, signature = data[:-SIGNATURE_SIZE], data[-SIGNATURE_SIZE:]
    verify_digest(hashlib.sha256(body).digest(), signature, signer)


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
    verify_digest(body.digest(), signature, signer)


def verify_digest(body_digest: bytes, signature: bytes, signer: Ed25519PublicKey) -> None:
    try:
        signer.verify(signature, _SIG_CONTEXT + body_digest)
    except InvalidSignature as exc:
        raise signature_error() from exc


def signature_error() -> BundleError:
    return BundleError("bad_signature", _(
        "The bundle's signature does not match: the file was changed or damaged after the "
        "branch wrote it. Ask the branch to export it again."))


def open_sealed(data: bytes, *, recipient: X25519PrivateKey) -> bytes:
    """Decrypt a container held in memory whose signature was already verified; returns the payload."""
    out = io.BytesIO()
    unsealed = unseal(io.BytesIO(data), len(data), recipient=recipient, out=out)
    problem = unsealed.header_problem or unsealed.content_problem
    if problem is not None:
        raise problem
    return out.getvalue()


@dataclass
class Unsealed:
    """What one pass over a sealed file found. The plaintext written to ``out`` may only be used
    once the signature over ``body_digest`` verifies (:func:`verify_digest`) and neither problem
    is set."""

    sha256: str                                  # of the whole file: how a bundle is recognised
    header: dict = field(default_factory=dict)
    header_problem: BundleError | None = None    # not a bundle / damaged / newer format
    content_problem: BundleError | None = None   # cannot be decrypted, cut short
    body_digest: bytes = b""                     # SHA-256 of everything before the signature
    signature: bytes = b""


def unseal(fh: BinaryIO, size: int, *, recipient: X25519PrivateKey, out: BinaryIO,
           max_chunks: int = MAX_CHUNKS) -> Unsealed:
    """Read a sealed file of ``size`` bytes once, in chunks: its hashes for the signature and for
    recognising it, and its payload decrypted into ``out``. Reading twice (verify, then decrypt)
    would let a file swapped in between be decrypted unverified; one chunk is in memory at a time."""
    whole, body = hashlib.sha256(), hashlib.sha256()
    end = size - SIGNATURE_SIZE
    done = 0

    def read(count: int) -> bytes:
        nonlocal done
        data = fh.read(max(0, min(count, end - done)))
        whole.update(data)
        body.update(data)
        done += len(data)
        return data

    def finish(found: Unsealed) -> Unsealed:
        while read(CHUNK_SIZE):       # the rest of the body still counts for the hashes
            pass
        found.signature = fh.read(SIGNATURE_SIZE) if size >= SIGNATURE_SIZE else b""
        whole.update(found.signature)
        found.sha256, found.body_digest = whole.hexdigest(), body.digest()
        return found

    found = Unsealed(sha256="")
    prefix = read(12)
    if size < len(MAGIC) + 4 + SIGNATURE_SIZE or not prefix.startswith(MAGIC):
        found.header_problem = _not_a_bundle()
        return finish(found)
    (length,) = struct.unpack(">I", prefix[8:12])
    if length > MAX_HEADER or 12 + length > end:
        found.header_problem = _damaged()
        return finish(found)
    header_bytes = read(length)
    try:
        found.header = _parse_header(header_bytes)
        aead = AESGCM(_key(recipient.exchange(
            X25519PublicKey.from_public_bytes(unb64(found.header["ephemeral_key"]))), found.header))
    except BundleError as exc:
        found.header_problem = exc
        return finish(found)
    except (KeyError, ValueError, TypeError):
        found.content_problem = _damaged()
        return finish(found)
    header_hash = hashlib.sha256(header_bytes).digest()
    index = 0
    while True:
        if index >= max_chunks:
            found.content_problem = BundleError("too_large", too_large_message(_("chunks"), max_chunks))
            return finish(found)
        if done + 4 > end:
            found.content_problem = _truncated()
            return finish(found)
        (length,) = struct.unpack(">I", read(4))
        if done + length > end:
            found.content_problem = _truncated()
            return finish(found)
        sealed = read(length)
        last = done == end
        nonce, aad = _nonce_and_aad(header_hash, index, last)
        try:
            out.write(AESGCM.decrypt(aead, nonce, sealed, aad))
        except InvalidTag:
            found.content_problem = BundleError("decrypt_failed", _(
                "The bundle cannot be decrypted: it was written for another office, or parts of it "
                "are missing or out of order."))
            return finish(found)
        index += 1
        if last:
            return finish(found)


def _truncated() -> BundleError:
    return BundleError("truncated", _("The bundle file is incomplete (cut short); copy it again "
                                      "from the branch."))
