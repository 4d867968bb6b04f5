"""The single translation layer (gettext catalogs read with Babel), usable without Qt.

Source strings are English; ``zh_CN`` is the default language. Catalogs are the
``*.po`` files under ``resources/locale/<lang>/LC_MESSAGES/``; every file there is
merged, so each area of the program keeps its own catalog file.
"""

from __future__ import annotations

from babel.messages.pofile import read_po

from dj_desktop.assets import locale_dir

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")

_state: dict[str, object] = {"language": None, "catalog": {}}


def load_catalog(language: str) -> dict[str, str]:
    """All translated, non-fuzzy messages of ``language`` as ``{msgid: msgstr}``."""
    merged: dict[str, str] = {}
    folder = locale_dir() / language / "LC_MESSAGES"
    for po_path in sorted(folder.glob("*.po")) if folder.is_dir() else ():
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=language)
        for message in catalog:
            if message.id and message.string and not message.fuzzy:
                if isinstance(message.id, str):
                    merged[message.id] = message.string
    return merged


def set_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language}")
    _state["language"] = language
    _state["catalog"] = {} if language == "en" else load_catalog(language)


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
