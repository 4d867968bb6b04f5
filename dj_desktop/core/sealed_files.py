"""Attachment files encrypted at rest: the on-disk format and crash-safe rewrites.

With an app password set, each file of the attachment store (``<db>.files/ab/cdef…``, named by the
SHA-256 of its plain content) is *sealed*: AES-256-GCM (``cryptography``) over the whole file under a
random 32-byte **files key**, laid out as::

    MAGIC (8 bytes) | key id (8 bytes) | nonce (12 bytes) | ciphertext + tag (16 bytes)

The header marks a sealed file, so a store may hold sealed and plain files side by side (a kill
while the store is converted leaves exactly that) and every reader handles both. The key id
(the first 8 bytes of SHA-256 of the key) says which key of the keyring sealed it; the content hash
is the associated data, so a sealed file cannot be swapped for another one unnoticed. Photos, scans
and PDFs never begin with ``MAGIC``.

The files key itself lives in the encrypted database (``core/attachment_keys.py``), whose own key is
wrapped by the password: changing the password re-wraps it with the database and no file is rewritten.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.safe_write import fsync_dir, temp_name

MAGIC = b"DJSEAL1\n"
KEY_ID_SIZE = 8
NONCE_SIZE = 12
TAG_SIZE = 16
HEADER_SIZE = len(MAGIC) + KEY_ID_SIZE + NONCE_SIZE
OVERHEAD = HEADER_SIZE + TAG_SIZE


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).digest()[:KEY_ID_SIZE].hex()


def is_sealed_bytes(head: bytes) -> bool:
    return head[:len(MAGIC)] == MAGIC


def is_sealed(path: Path) -> bool:
    with Path(path).open("rb") as fh:
        return is_sealed_bytes(fh.read(len(MAGIC)))


def sealed_key_id(data: bytes) -> str:
    return data[len(MAGIC):len(MAGIC) + KEY_ID_SIZE].hex()


def _aad(sha256: str) -> bytes:
    return b"dj-attachment:" + sha256.encode()


def seal(plain: bytes, key: bytes, sha256: str) -> bytes:
    nonce = os.urandom(NONCE_SIZE)
    return MAGIC + bytes.fromhex(key_id(key)) + nonce + AESGCM(key).encrypt(nonce, plain, _aad(sha256))


def unseal(data: bytes, key: bytes, sha256: str, *, name: str = "") -> bytes:
    nonce = data[len(MAGIC) + KEY_ID_SIZE:HEADER_SIZE]
    try:
        return AESGCM(key).decrypt(nonce, data[HEADER_SIZE:], _aad(sha256))
    except (InvalidTag, ValueError):
        raise UserError(_("The encrypted attachment {name} is damaged or was altered and cannot be read. "
                          "Restore it from a backup.").format(name=name or sha256)) from None


def sha_of(path: Path) -> str:
    """The content hash a stored file is named by (``ab/cdef…`` → ``abcdef…``)."""
    path = Path(path)
    return path.parent.name + path.name


def plain_size(path: Path) -> int:
    """The size of a stored file's content, sealed or not."""
    size = Path(path).stat().st_size
    return size - OVERHEAD if is_sealed(path) else size


def rewrite(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` through a temporary file, fsync and rename: a kill leaves the old
    file or the new one, never half of either."""
    tmp = temp_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def stored_files(store: Path) -> Iterator[Path]:
    """Every file of an attachment store (``ab/<62 hex>``), temporary files left out."""
    if not store.is_dir():
        return
    for folder in sorted(store.iterdir()):
        if len(folder.name) != 2 or not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if len(path.name) == 62 and all(c in "0123456789abcdef" for c in path.name) and path.is_file():
                yield path


def convert_store(store: Path, keys: dict[str, bytes], target: bytes | None,
                  progress: Callable[[int, int], None] | None = None) -> int:
    """Bring every file of ``store`` into the target state: sealed under ``target``, or plain when it
    is None. ``keys`` (key id → key) opens files sealed earlier. Each file is rewritten on its own
    (crash-safe); running it again after a kill finishes the rest. Returns the number rewritten."""
    files = list(stored_files(store))
    target_id = key_id(target) if target is not None else None
    changed = 0
    for index, path in enumerate(files):
        if progress is not None:
            progress(index, len(files))
        data = path.read_bytes()
        sealed = is_sealed_bytes(data)
        if (sealed and sealed_key_id(data) == target_id) or (not sealed and target is None):
            continue
        sha = sha_of(path)
        plain = open_bytes(data, keys, sha, name=sha) if sealed else data
        rewrite(path, seal(plain, target, sha) if target is not None else plain)
        changed += 1
    return changed


def open_bytes(data: bytes, keys: dict[str, bytes], sha256: str, *, name: str = "") -> bytes:
    """The plain content of a stored file's bytes, sealed or not."""
    if not is_sealed_bytes(data):
        return data
    key = keys.get(sealed_key_id(data))
    if key is None:
        raise UserError(_("The attachment {name} is encrypted with a key this database does not hold (it "
                          "was encrypted under another password or database). Open the database with its "
                          "password, or restore the attachment from a backup.").format(name=name or sha256))
    return unseal(data, key, sha256, name=name)
