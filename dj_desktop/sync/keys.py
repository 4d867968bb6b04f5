"""Key pairs for sync (X25519 for encryption, Ed25519 for signatures), their storage and fingerprints.

Private keys are stored as PKCS#8 PEM; the office's are encrypted with the office passphrase
(``BestAvailableEncryption``). A branch device key is stored unencrypted in the branch database:
export must work with one click, and the database next to it holds the personal data anyway.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from dj_desktop.core.errors import UserError, WrongPassphrase
from dj_desktop.core.i18n import _

_RAW = dict(encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class KeyPairs:
    """Public keys as base64 of the raw 32 bytes; private keys as PEM text."""

    enc_public: str
    enc_private: str
    sign_public: str
    sign_private: str

    @property
    def key_id(self) -> str:
        return key_id(self.enc_public)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _pem(key, passphrase: str | None) -> str:
    algorithm = (serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
                 if passphrase else serialization.NoEncryption())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             algorithm).decode("ascii")


def generate_key_pairs(*, passphrase: str | None) -> KeyPairs:
    enc = X25519PrivateKey.generate()
    sign = Ed25519PrivateKey.generate()
    return KeyPairs(
        enc_public=b64(enc.public_key().public_bytes(**_RAW)), enc_private=_pem(enc, passphrase),
        sign_public=b64(sign.public_key().public_bytes(**_RAW)), sign_private=_pem(sign, passphrase),
    )


def _load(pem: str, passphrase: str | None, kind: type):
    try:
        key = serialization.load_pem_private_key(
            pem.encode("ascii"), password=passphrase.encode("utf-8") if passphrase else None)
    except (ValueError, TypeError) as exc:
        raise WrongPassphrase(_("The passphrase is wrong, so the office keys cannot be used. "
                          "Enter the passphrase chosen when the office was set up.")) from exc
    if not isinstance(key, kind):
        raise UserError(_("The stored key has an unexpected type; the database may be damaged."))
    return key


def load_enc_private(pem: str, passphrase: str | None = None) -> X25519PrivateKey:
    return _load(pem, passphrase, X25519PrivateKey)


def load_sign_private(pem: str, passphrase: str | None = None) -> Ed25519PrivateKey:
    return _load(pem, passphrase, Ed25519PrivateKey)


def enc_public(text: str) -> X25519PublicKey:
    return X25519PublicKey.from_public_bytes(unb64(text))


def sign_public(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(unb64(text))


def public_text(key: X25519PrivateKey | Ed25519PrivateKey) -> str:
    return b64(key.public_key().public_bytes(**_RAW))


def key_id(public_b64: str) -> str:
    """Short stable id of a public key (first 16 bytes of its SHA-256, hex)."""
    return hashlib.sha256(unb64(public_b64)).hexdigest()[:32]


def fingerprint(*public_b64: str) -> str:
    """What people read aloud to compare keys: 8 groups of 4 hex digits over the SHA-256 of the keys."""
    digest = hashlib.sha256(b"".join(unb64(p) for p in public_b64)).hexdigest()[:32].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))
