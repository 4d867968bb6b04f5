"""The keyring of the attachment store, kept inside the database (``local_setting``, never synced).

``{"current": key id | null, "keys": {key id: key hex}}``: ``current`` seals new files while the
database has a password; ``keys`` opens every file sealed earlier (a restored backup brings its own).
With a password the database is SQLCipher, so the keyring is as safe as the records; a re-key of
the database re-wraps it with no file rewritten. Readers find the ring of a store by its database
(``<db>.files`` beside ``<db>``) and the database's remembered key (``core/sqlite_connect.py``).
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from dj_desktop.core import sealed_files
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.sqlite_connect import DATABASE_ERRORS, connect, keyed_connect

SETTING_KEY = "attachments.keyring"
STORE_SUFFIX = ".files"


@dataclass
class Keyring:
    current: str | None = None
    keys: dict[str, bytes] = field(default_factory=dict)

    @property
    def current_key(self) -> bytes | None:
        return self.keys.get(self.current) if self.current else None

    def to_json(self) -> str:
        return json.dumps({"current": self.current, "keys": {k: v.hex() for k, v in self.keys.items()}})

    @classmethod
    def from_json(cls, value: object) -> Keyring:
        if isinstance(value, str):
            value = json.loads(value)
        if not isinstance(value, dict):
            return cls()
        keys = {str(k): bytes.fromhex(v) for k, v in (value.get("keys") or {}).items()}
        current = value.get("current")
        return cls(current=current if current in keys else None, keys=keys)

    def with_new_current(self) -> Keyring:
        """This ring with a current key: the existing one, else a new random key."""
        if self.current_key is not None:
            return self
        key = secrets.token_bytes(32)
        return Keyring(current=sealed_files.key_id(key), keys={**self.keys, sealed_files.key_id(key): key})

    def merged(self, other: Keyring) -> Keyring:
        """Keys of both rings; this ring's current key stays current."""
        return Keyring(current=self.current, keys={**other.keys, **self.keys})


#: resolved store folder → its ring, loaded once per process (dropped when a password op changes it).
_rings: dict[str, Keyring] = {}


def database_of(store: Path) -> Path | None:
    name = store.name
    return store.with_name(name[:-len(STORE_SUFFIX)]) if name.endswith(STORE_SUFFIX) else None


def read_ring(db_path: Path, conn=None) -> Keyring:
    """The ring stored in the database at ``db_path`` (through ``conn`` when given)."""
    own = conn is None
    if own:
        if not db_path.is_file():
            return Keyring()
        conn = connect(f"file:{db_path}?mode=ro", like=db_path, uri=True, timeout=5)
    try:
        row = conn.execute("SELECT value FROM local_setting WHERE key = ?", (SETTING_KEY,)).fetchone()
    except DATABASE_ERRORS:
        return Keyring()
    finally:
        if own:
            conn.close()
    return Keyring.from_json(json.loads(row[0])) if row and row[0] else Keyring()


def write_ring(conn, ring: Keyring | None) -> None:
    """Store (or with None delete) the ring through an open autocommit connection
    (``isolation_level=None``), in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM local_setting WHERE key = ?", (SETTING_KEY,))
        if ring is not None and ring.keys:
            conn.execute("INSERT INTO local_setting (key, value) VALUES (?, ?)",
                         (SETTING_KEY, json.dumps(ring.to_json())))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def ring_for(store: Path) -> Keyring:
    cache = str(Path(store).resolve())
    ring = _rings.get(cache)
    if ring is None:
        db_path = database_of(Path(cache))
        ring = read_ring(db_path) if db_path is not None else Keyring()
        if ring.keys:           # an empty ring may be a locked database: read it again next time
            _rings[cache] = ring
    return ring


def forget(store: Path) -> None:
    _rings.pop(str(Path(store).resolve()), None)


def store_of(path: Path) -> Path:
    return Path(path).parent.parent


def read_plain(path: Path) -> bytes:
    """The plain content of a stored attachment file (sealed or not)."""
    path = Path(path)
    data = path.read_bytes()
    if not sealed_files.is_sealed_bytes(data):
        return data
    ring = ring_for(store_of(path))
    if not ring.keys:
        raise UserError(_("The attachment {name} is encrypted. Open the database with its password to "
                          "read it.").format(name=sealed_files.sha_of(path)))
    return sealed_files.open_bytes(data, ring.keys, sealed_files.sha_of(path))


def stored_bytes(store: Path, sha256: str, plain: bytes) -> bytes:
    """What to write for new content: sealed when the store's database has a password."""
    key = ring_for(store).current_key
    return sealed_files.seal(plain, key, sha256) if key is not None else plain


def store_of_database(db_path: Path) -> Path:
    return Path(str(db_path) + STORE_SUFFIX)


def seal_store(db_path: Path, conn) -> int:
    """For ``password set``: give the database's ring a current key (kept if a killed run made one),
    then seal every plain file under it. ``conn``: an autocommit connection to the still plain database.
    Returns the number of files sealed."""
    ring = read_ring(db_path, conn).with_new_current()
    write_ring(conn, ring)
    store = store_of_database(db_path)
    forget(store)
    try:
        return sealed_files.convert_store(store, ring.keys, ring.current_key)
    finally:
        forget(store)


def unseal_store(db_path: Path, conn) -> int:
    """For ``password remove``: decrypt every sealed file, then drop the ring (the database still has
    its password while this runs, so a kill leaves a readable store). Returns the number decrypted."""
    ring = read_ring(db_path, conn)
    store = store_of_database(db_path)
    try:
        changed = sealed_files.convert_store(store, ring.keys, None)
        write_ring(conn, None)
    finally:
        forget(store)
    return changed


def carry_keys(db_path: Path, restored: Path, restored_key: bytes | None) -> None:
    """Before a restore swaps ``restored`` in: add the current database's attachment keys to its ring,
    so files sealed since the backup (the store is kept, not rolled back) stay readable."""
    current = read_ring(db_path) if db_path.is_file() else Keyring()
    if not current.keys:
        return
    conn = keyed_connect(str(restored), restored_key, timeout=5, isolation_level=None)
    try:
        ring = read_ring(restored, conn)
        merged = ring.merged(current)
        if merged.keys != ring.keys:
            write_ring(conn, merged)
    finally:
        conn.close()
