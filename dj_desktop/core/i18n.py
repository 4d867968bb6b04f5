"""The single translation layer (gettext catalogs read with Babel), usable without Qt.

Source strings are English; ``zh_CN`` is the default language. Catalogs are the
``*.po`` files under ``resources/locale/<lang>/LC_MESSAGES/``; every file there is
merged, so each area of the program keeps its own catalog file.
"""

from __future__ import annotations

import gettext as _stdlib_gettext
import hashlib
import logging
import os
from pathlib import Path

from dj_desktop.assets import locale_dir

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")

_state: dict[str, object] = {"language": None, "catalog": {}}


def _po_files(language: str) -> list[Path]:
    folder = locale_dir() / language / "LC_MESSAGES"
    return sorted(folder.glob("*.po")) if folder.is_dir() else []


def load_catalog(language: str) -> dict[str, str]:
    """All translated, non-fuzzy messages of ``language`` as ``{msgid: msgstr}``, read from the .po files."""
    from babel.messages.pofile import read_po

    merged: dict[str, str] = {}
    for po_path in _po_files(language):
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=language)
        for message in catalog:
            if message.id and message.string and not message.fuzzy:
                if isinstance(message.id, str):
                    merged[message.id] = message.string
    return merged


def _compiled_path(language: str) -> Path:
    """Where the merged catalog is cached as a .mo file, named after the .po files' state."""
    from platformdirs import user_cache_path

    stamp = hashlib.sha256()
    for po_path in _po_files(language):
        info = po_path.stat()
        stamp.update(f"{po_path.name}:{info.st_size}:{info.st_mtime_ns};".encode())
    return user_cache_path("dj_desktop", appauthor=False) / f"{language}-{stamp.hexdigest()[:16]}.mo"


def _cached_catalog(language: str) -> dict[str, str]:
    """The catalog from a compiled .mo cache (fast, no Babel import); made on first use."""
    path = _compiled_path(language)
    try:
        with path.open("rb") as fh:
            return dict(_stdlib_gettext.GNUTranslations(fh)._catalog)  # noqa: SLF001 (stdlib's own table)
    except OSError:
        pass
    merged = load_catalog(language)
    try:
        from babel.messages.catalog import Catalog
        from babel.messages.mofile import write_mo

        catalog = Catalog(locale=language)
        for msgid, msgstr in merged.items():
            catalog.add(msgid, msgstr)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as fh:
            write_mo(fh, catalog)
        os.replace(partial, path)
    except OSError as exc:  # a read-only home: translate from the .po files every time
        log.info("translation cache not written: %s", exc)
    return merged


def set_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language}")
    _state["language"] = language
    catalog = {} if language == "en" else _cached_catalog(language)
    catalog.pop("", None)  # the .mo header entry
    _state["catalog"] = catalog


def current_language() -> str:
    if _state["language"] is None:
        set_language(DEFAULT_LANGUAGE)
    return _state["language"]  # type: ignore[return-value]


def gettext(message: str) -> str:
    if _state["language"] is None:
        set_language(DEFAULT_LANGUAGE)
    return _state["catalog"].get(message, message)  # type: ignore[union-attr]


def N_(message: str) -> str:
    """Marks a string for extraction; it is translated later, where it is shown."""
    return message


_ = gettext
