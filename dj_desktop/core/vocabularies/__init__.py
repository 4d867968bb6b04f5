"""Code → label vocabularies of the record books: plain data any layer may import.

Each domain keeps its tables in its own module (``meeting``, ``member``,
``organisation``, ``work_plan``). A table maps a stored code to an English label
marked with ``N_()``; :func:`label` and :func:`choices` translate them, so callers
never wrap a table lookup in ``_()`` themselves. The ORM modules, services, reports,
the CLI and the GUI all import the tables from here; nothing here imports the ORM.
"""

from __future__ import annotations

from typing import Mapping

from dj_desktop.core.i18n import _

Vocabulary = Mapping[str, str]


def label(vocab: Vocabulary, code: str | None) -> str:
    """The translated label of ``code``; an unknown code is shown as it is (old or foreign data)."""
    if code is None:
        return ""
    text = vocab.get(code)
    return _(text) if text is not None else code


def choices(vocab: Vocabulary) -> list[tuple[str, str]]:
    """``[(code, translated label)]`` in the table's order, for a combo box or a CLI listing."""
    return [(code, _(text)) for code, text in vocab.items()]


def labels(vocab: Vocabulary) -> dict[str, str]:
    """``{code: translated label}`` for a whole table (e.g. to render many rows at once)."""
    return dict(choices(vocab))
