"""The app password and encryption at rest: key file, argon2id, SQLCipher, recovery key.

A database with a password is a SQLCipher file (AES-256, nothing readable without the key; it does
not start with "SQLite format 3"). Its 32-byte **data key** is random and lives only wrapped, in the
key file ``<db>.key`` beside it (JSON, 0600, no secret in clear):

- the *password slot*: the data key sealed with AES-256-GCM (``cryptography``) under a key derived
  from the password with argon2id (``argon2-cffi``; salt and cost parameters in the file);
- the *recovery slot*: the same data key sealed under a key derived from the recovery key, a random
  120-bit code shown once (and printed on a slip) when the password is set.

Both seals authenticate the key file's ``database_id``, so a key file cannot be paired with another
database.
Changing the password draws a new data key and re-encrypts the database (``sqlcipher_export`` into
a new file, then an atomic rename): a copied old key file opens nothing afterwards.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from dj_desktop.core.errors import DatabaseOpenError, UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.safe_write import atomic_write, fsync_dir

log = logging.getLogger(__name__)

KEY_FILE_KIND = "dj-desktop-key"
KEY_FILE_FORMAT = 1
PENDING_KIND = "dj-desktop-rekey"
SQLITE_HEADER = b"SQLite format 3\x00"
#: argon2id costs for the password (≈0.3 s on an old PC); stored in the key file, so they can grow.
ARGON2_TIME_COST = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_PARALLELISM = 2
#: The recovery key has 120 random bits: a cheap derivation suffices.
RECOVERY_TIME_COST = 1
RECOVERY_MEMORY_KIB = 8 * 1024
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"     # no 0/O, 1/I: read aloud and typed back
RECOVERY_GROUPS = 6


class PasswordError(UserError):
    """A wrong password or recovery key (nothing was changed)."""


class PasswordRequired(DatabaseOpenError):
    """The database is encrypted and no password was given."""


def key_file(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".key")


def is_encrypted(db_path: Path) -> bool:
    """True for a file that exists and is not plain SQLite while a key file lies beside it, or
    any non-empty file whose header is not SQLite's (then :func:`read_key_file` says what is wrong)."""
    try:
        with db_path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return bool(head) and head != SQLITE_HEADER and key_file(db_path).exists()


@dataclass(frozen=True)
class KeyFile:
    database_id: str
    kdf: dict
    password_slot: dict
    recovery_slot: dict

    def to_json(self) -> bytes:
        return json.dumps({"kind": KEY_FILE_KIND, "format": KEY_FILE_FORMAT, "database_id": self.database_id,
                           "kdf": self.kdf, "password_slot": self.password_slot,
                           "recovery_slot": self.recovery_slot}, indent=1).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(value: object, what: str, path: Path) -> bytes:
    if not isinstance(value, str) or len(value) > 512:
        raise _bad_key_file(path)
    try:
        return base64.b64decode(value, validate=True)
    except ValueError as exc:
        raise _bad_key_file(path) from exc


def _bad_key_file(path: Path) -> DatabaseOpenError:
    return DatabaseOpenError(_("The key file {path} is damaged or belongs to another program, so the encrypted "
                               "database cannot be opened. Put back the key file from a backup or the "
                               "copy you kept with the database.").format(path=path))


def _derive(secret: str, salt: bytes, *, time_cost: int, memory_kib: int, parallelism: int) -> bytes:
    from argon2.low_level import Type, hash_secret_raw
    return hash_secret_raw(secret.encode("utf-8"), salt, time_cost=time_cost, memory_cost=memory_kib,
                           parallelism=parallelism, hash_len=32, type=Type.ID)


def _seal(key: bytes, data_key: bytes, database_id: str) -> dict:
    nonce = os.urandom(12)
    return {"nonce": _b64(nonce), "sealed": _b64(AESGCM(key).encrypt(nonce, data_key, database_id.encode()))}


def _open_slot(key: bytes, slot: dict, database_id: str, path: Path) -> bytes | None:
    nonce, sealed = _unb64(slot.get("nonce"), "nonce", path), _unb64(slot.get("sealed"), "sealed", path)
    if len(nonce) != 12:
        raise _bad_key_file(path)
    try:
        return AESGCM(key).decrypt(nonce, sealed, database_id.encode())
    except InvalidTag:
        return None


def new_recovery_key() -> str:
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _i in range(RECOVERY_GROUPS * 4))
    return "-".join(chars[i:i + 4] for i in range(0, len(chars), 4))


def normalise_recovery_key(text: str) -> str:
    plain = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(plain[i:i + 4] for i in range(0, len(plain), 4))


def make_key_file(password: str, recovery_key: str, data_key: bytes) -> KeyFile:
    database_id = str(uuid.uuid4())
    salt, recovery_salt = os.urandom(16), os.urandom(16)
    kdf = {"name": "argon2id", "salt": _b64(salt), "time_cost": ARGON2_TIME_COST,
           "memory_kib": ARGON2_MEMORY_KIB, "parallelism": ARGON2_PARALLELISM,
           "recovery_salt": _b64(recovery_salt), "recovery_time_cost": RECOVERY_TIME_COST,
           "recovery_memory_kib": RECOVERY_MEMORY_KIB}
    password_key = _derive(password, salt, time_cost=ARGON2_TIME_COST, memory_kib=ARGON2_MEMORY_KIB,
                           parallelism=ARGON2_PARALLELISM)
    recovery = _derive(normalise_recovery_key(recovery_key), recovery_salt, time_cost=RECOVERY_TIME_COST,
                       memory_kib=RECOVERY_MEMORY_KIB, parallelism=1)
    return KeyFile(database_id=database_id, kdf=kdf, password_slot=_seal(password_key, data_key, database_id),
                   recovery_slot=_seal(recovery, data_key, database_id))


def _int(kdf: dict, name: str, low: int, high: int, path: Path) -> int:
    value = kdf.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _bad_key_file(path)
    return value


def pending_key_file(db_path: Path) -> Path:
    """The journal of a password change in progress: the new key file and the head of the new database."""
    return db_path.with_name(db_path.name + ".key.pending")


def write_pending_key_file(db_path: Path, key_file_json: bytes, new_head: bytes) -> None:
    """Before a re-keyed (or restored) copy is renamed over the database: which file head the new key
    file belongs to."""
    entry = {"kind": PENDING_KIND, "head": _b64(new_head), "key_file": key_file_json.decode()}
    atomic_write(pending_key_file(db_path), lambda fh: fh.write(json.dumps(entry).encode()), private=True)


def finish_pending_change(db_path: Path) -> None:
    """Complete or undo a password change that was interrupted: if the database already is the re-keyed
    copy (its first 16 bytes, SQLCipher's random salt, match the journal) the new key file takes the
    old one's place; otherwise the change never happened and the journal is dropped."""
    pending = pending_key_file(db_path)
    try:
        entry = json.loads(pending.read_bytes())
        head = base64.b64decode(entry["head"], validate=True)
        new_key_file = entry["key_file"].encode()
    except FileNotFoundError:
        return
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        log.warning("an unreadable password-change journal was ignored")
        return
    try:
        with db_path.open("rb") as fh:
            current = fh.read(len(head))
    except OSError:
        return
    if len(head) == 16 and current == head:
        atomic_write(key_file(db_path), lambda fh: fh.write(new_key_file), private=True)
    pending.unlink(missing_ok=True)
    fsync_dir(db_path.parent)


def read_key_file(db_path: Path) -> KeyFile:
    finish_pending_change(db_path)
    path = key_file(db_path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DatabaseOpenError(_("{path} is encrypted with a key this program does not have: its key file "
                                  "{key} is missing. Put the key file back beside the database (from a backup) "
                                  "to open it; nothing was changed.").format(path=db_path, key=path)) from None
    except OSError as exc:
        raise DatabaseOpenError(_("Cannot read {path}: {error}").format(path=path, error=exc.strerror)) from exc
    if len(raw) > 64 * 1024:
        raise _bad_key_file(path)
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise _bad_key_file(path) from exc
    if not isinstance(data, dict) or data.get("kind") != KEY_FILE_KIND:
        raise _bad_key_file(path)
    if data.get("format") != KEY_FILE_FORMAT:
        raise DatabaseOpenError(_("The key file {path} was written by a newer version of the program. Install the "
                                  "newer version to open the database.").format(path=path))
    kdf, slots = data.get("kdf"), (data.get("password_slot"), data.get("recovery_slot"))
    database_id = data.get("database_id")
    if not isinstance(kdf, dict) or kdf.get("name") != "argon2id" or not isinstance(database_id, str) \
            or len(database_id) > 64 or not all(isinstance(s, dict) for s in slots):
        raise _bad_key_file(path)
    for name, low, high in (("time_cost", 1, 64), ("memory_kib", 1024, 4 * 1024 * 1024), ("parallelism", 1, 64),
                            ("recovery_time_cost", 1, 64), ("recovery_memory_kib", 1024, 4 * 1024 * 1024)):
        _int(kdf, name, low, high, path)
    for name in ("salt", "recovery_salt"):
        if len(_unb64(kdf.get(name), name, path)) < 16:
            raise _bad_key_file(path)
    return KeyFile(database_id=database_id, kdf=kdf, password_slot=slots[0], recovery_slot=slots[1])


def unlock(db_path: Path, password: str) -> bytes:
    """The data key of the database at ``db_path``; :class:`PasswordError` for a wrong password."""
    kf = read_key_file(db_path)
    key = _derive(password, _unb64(kf.kdf["salt"], "salt", db_path), time_cost=kf.kdf["time_cost"],
                  memory_kib=kf.kdf["memory_kib"], parallelism=kf.kdf["parallelism"])
    data_key = _open_slot(key, kf.password_slot, kf.database_id, key_file(db_path))
    if data_key is None:
        raise PasswordError(_("Wrong password. Nothing was opened or changed."))
    return data_key


def unlock_with_recovery_key(db_path: Path, recovery_key: str) -> bytes:
    kf = read_key_file(db_path)
    key = _derive(normalise_recovery_key(recovery_key), _unb64(kf.kdf["recovery_salt"], "salt", db_path),
                  time_cost=kf.kdf["recovery_time_cost"], memory_kib=kf.kdf["recovery_memory_kib"], parallelism=1)
    data_key = _open_slot(key, kf.recovery_slot, kf.database_id, key_file(db_path))
    if data_key is None:
        raise PasswordError(_("Wrong recovery key. Nothing was opened or changed."))
    return data_key


def write_key_file(db_path: Path, kf: KeyFile) -> None:
    atomic_write(key_file(db_path), lambda fh: fh.write(kf.to_json()), private=True)


def sqlcipher_key(data_key: bytes) -> str:
    """The value of ``PRAGMA key``: a raw 256-bit key (SQLCipher skips its own PBKDF2)."""
    return f"x'{data_key.hex()}'"


def check_password_strength(password: str) -> None:
    if len(password) < 8:
        raise UserError(_("The password must have at least 8 characters."))


def probe(db_path: Path, data_key: bytes) -> None:
    """Read the schema with ``data_key``; a key that does not fit the file gives a clear message."""
    from dj_desktop.core.sqlite_connect import DATABASE_ERRORS, OPERATIONAL_ERRORS, keyed_connect
    try:
        conn = keyed_connect(f"file:{db_path}?mode=ro", data_key, uri=True, timeout=5)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except OPERATIONAL_ERRORS as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            return               # in use: the normal open reports it
        raise _unknown_key(db_path) from exc
    except DATABASE_ERRORS as exc:
        raise _unknown_key(db_path) from exc


def _unknown_key(db_path: Path) -> DatabaseOpenError:
    return DatabaseOpenError(_("{path} is encrypted with a key that does not match its key file {key} (the key "
                               "file of another database, or the database is damaged). Nothing was changed; put "
                               "back the database's own key file or restore a backup.")
                             .format(path=db_path, key=key_file(db_path)))
